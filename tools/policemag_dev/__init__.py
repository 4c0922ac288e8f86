"""Developer tools that are not shipped: benchmarks, the synthetic archive and photos.

Run with ``scripts/bench.sh`` (``python -m policemag_dev``). The shipped package never
imports this one (tests/unit/test_architecture.py).
"""
