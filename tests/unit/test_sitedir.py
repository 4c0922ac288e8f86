"""site/ emptied without waiting (mkdocs_plugin/sitedir.py): old entries moved aside
and deleted by the time the build ends, hidden entries kept as MkDocs keeps them,
leftovers of a killed build removed by the next."""

from __future__ import annotations

from pathlib import Path

from policemag.mkdocs_plugin.sitedir import Emptying


def test_old_entries_go_aside_and_are_gone_when_the_build_ends(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "index.html").write_text("old", encoding="utf-8")
    (site / "feed.json").write_text("{}", encoding="utf-8")
    (site / ".keep").write_text("hidden", encoding="utf-8")
    emptying = Emptying(site)
    assert sorted(p.name for p in site.iterdir()) == [".keep"]  # MkDocs finds nothing to delete
    (site / "a").mkdir()  # the build writes its files meanwhile
    (site / "a" / "new.html").write_text("new", encoding="utf-8")
    emptying.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == [".keep", "a", "a/new.html"]


def test_no_site_yet_and_an_empty_site_need_nothing(tmp_path: Path) -> None:
    Emptying(tmp_path / "site").finish()
    (tmp_path / "site").mkdir()
    Emptying(tmp_path / "site").finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_leftover_of_a_killed_build_is_removed(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    stale = tmp_path / ".site-999999999-old"
    (stale / "x").mkdir(parents=True)
    Emptying(tmp_path / "site").finish()
    assert not stale.exists()
