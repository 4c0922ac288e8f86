"""docs/ci-example.yml, the sample CI workflow (docs/performance.md, "In CI"): it
restores .cache/ before the build and saves it after, only from main, under a key
that starts with the code's hash, and gives the build the cache's sealing key."""

from __future__ import annotations

from typing import Any

import yaml
from tests.conftest import REPO

WORKFLOW = REPO / "docs" / "ci-example.yml"


def _steps() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = data["jobs"]["build"]
    return job, job["steps"]


def test_the_cache_is_restored_before_the_build_and_saved_after_only_from_main() -> None:
    _, steps = _steps()
    uses = [s.get("uses", "") for s in steps]
    runs = [s.get("run", "") for s in steps]
    restore = next(i for i, u in enumerate(uses) if u.startswith("actions/cache/restore"))
    save = next(i for i, u in enumerate(uses) if u.startswith("actions/cache/save"))
    build = runs.index("policemag build")
    assert restore < build < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == ".cache"
    assert steps[restore]["with"]["key"] == steps[save]["with"]["key"]
    assert steps[restore]["with"]["key"].startswith("policemag-${{ hashFiles('tools/policemag/**'")
    assert "refs/heads/main" in steps[save]["if"] and "push" in steps[save]["if"]


def test_the_build_has_the_key_that_seals_the_cache() -> None:
    job, _ = _steps()
    assert job["env"]["POLICEMAG_CACHE_KEY"] == "${{ secrets.POLICEMAG_CACHE_KEY }}"


def test_main_is_published_from_site() -> None:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    _, steps = _steps()
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert data["jobs"]["deploy"]["needs"] == "build"
