"""Shared pytest options and fixtures.

``--update-golden`` rewrites golden files under tests/golden/ instead of comparing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
SITES = TESTS / "sites"
GOLDEN = TESTS / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Any:
    """``golden(name, data)``: compare JSON-able ``data`` with tests/golden/<name>.json."""
    update = request.config.getoption("--update-golden")

    def check(name: str, data: Any) -> None:
        path = GOLDEN / f"{name}.json"
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {path.name} was missing and has been written")
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)

    return check
