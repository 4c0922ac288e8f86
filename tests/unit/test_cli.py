"""The editor's commands: new-issue, check."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from tests.conftest import SITES

from policemag.cli import cmd_new_issue, main
from policemag.content.magazine import read_magazine


@pytest.fixture
def magazine(tmp_path: Path) -> Path:
    shutil.copytree(SITES / "minimal", tmp_path / "m")
    return tmp_path / "m"


def test_new_issue_scaffolds_the_next_number_as_a_valid_draft(magazine: Path) -> None:
    before, _ = read_magazine(magazine)
    assert cmd_new_issue(magazine, today=date(2027, 3, 9)) == 0
    after, log = read_magazine(magazine)
    assert log.errors == []
    new = after.issues[0]
    assert new.number == max(i.number for i in before.issues) + 1
    assert new.id == f"2027-03-n{new.number}"
    assert new.date == date(2027, 3, 9)
    assert [a.slug for a in new.articles] == ["editorial"]
    # a scaffold is never published by accident
    published = after.published(datetime(2100, 1, 1, tzinfo=UTC))
    assert new.id not in {i.id for i in published.issues}


def test_new_issue_refuses_to_overwrite_an_existing_folder(magazine: Path) -> None:
    before, _ = read_magazine(magazine)
    nxt = max(i.number for i in before.issues) + 1
    blocker = magazine / "issues" / f"2027-03-n{nxt}"
    blocker.mkdir()
    (blocker / "notes.txt").write_text("keep me", encoding="utf-8")
    assert cmd_new_issue(magazine, today=date(2027, 3, 9)) == 1
    assert [p.name for p in blocker.iterdir()] == ["notes.txt"]


def test_check_reports_every_error_at_once_as_text_and_json(
    magazine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issue = next((magazine / "issues").glob("*/issue.yml"))
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("lang: ar", "lang: ar_MA") + "colour: blue\n", encoding="utf-8")
    assert main(["-C", str(magazine), "check"]) == 1
    err = capsys.readouterr().err
    rel = issue.relative_to(magazine).as_posix()
    assert f"{rel}:" in err and "E007" in err and "E004" in err
    assert "Traceback" not in err
    assert main(["-C", str(magazine), "check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {e["code"] for e in found} >= {"E004", "E007"}
    assert all(e["path"] == rel and e["line"] > 0 for e in found)


def test_check_passes_on_a_good_magazine(magazine: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(magazine), "check"]) == 0
    assert "ok:" in capsys.readouterr().out
