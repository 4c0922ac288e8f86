"""Helper modules of the tests (not tests themselves): import them as
``from tests.support.<module> import ...``."""
