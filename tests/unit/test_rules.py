"""The rule table: every code is documented, docs/rules.md is up to date."""

from __future__ import annotations

import re

from tests.conftest import REPO

from policemag.errors import RULES, rules_markdown

_CODE = re.compile(r"""["']([EW]\d{3})["']""")


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    written = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), (
        "docs/rules.md is stale: python -c \"from policemag.errors import rules_markdown"
        " as r; print(r(), end='')\" > docs/rules.md"
    )


def test_every_code_in_the_table_once_with_its_meaning() -> None:
    table = rules_markdown()
    for code, meaning in RULES.items():
        assert table.count(f"| {code} | {meaning} |") == 1


def test_every_code_the_package_reports_is_documented() -> None:
    used = set()
    for path in (REPO / "tools" / "policemag").rglob("*.py"):
        used.update(_CODE.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found no code at all"
    assert sorted(used - set(RULES)) == []
