"""The house plan as tests: who may import whom (docs/architecture.md), what the wheel
ships, and ``policemag check`` running without MkDocs installed."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tests.conftest import REPO, cli_env

PACKAGE = REPO / "tools" / "policemag"
CORE = ("model", "content", "images", "comics", "epub", "feed", "search")


def _module(path: Path) -> str:
    parts = path.relative_to(REPO / "tools").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, absolute, including imports inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _hits(imports: set[str], forbidden: tuple[str, ...]) -> set[str]:
    return {m for m in imports for f in forbidden if m == f or m.startswith(f + ".")}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_graph_sees_imports() -> None:
    graph = _graph()
    assert "mkdocs.plugins" in graph["policemag.mkdocs_plugin.plugin"]
    assert "policemag.build" in graph["policemag.mkdocs_plugin.plugin"]
    assert len(graph) > 50


def test_the_core_never_imports_the_web_edition_the_adapter_or_mkdocs() -> None:
    bad = {
        m: _hits(imports, ("policemag.site", "policemag.mkdocs_plugin", "policemag.build",
                           "policemag.jobs", "policemag.preview", "mkdocs", "material"))
        for m, imports in _graph().items()
        if _room(m) in CORE
    }
    assert {m: v for m, v in bad.items() if v} == {}


def test_the_web_edition_never_imports_the_adapter_or_mkdocs() -> None:
    bad = {
        m: _hits(imports, ("policemag.mkdocs_plugin", "mkdocs", "material"))
        for m, imports in _graph().items()
        if _room(m) == "site" or m in ("policemag.build", "policemag.jobs", "policemag.preview")
    }
    assert {m: v for m, v in bad.items() if v} == {}


def test_the_cli_imports_mkdocs_only_through_the_adapter() -> None:
    assert not _hits(_graph()["policemag.cli"], ("mkdocs", "material"))


def test_only_the_adapter_imports_mkdocs() -> None:
    importers = {m for m, imports in _graph().items() if _hits(imports, ("mkdocs", "material"))}
    assert importers and all(_room(m) == "mkdocs_plugin" for m in importers), importers


def test_nothing_shipped_imports_the_dev_tools() -> None:
    bad = {m: _hits(i, ("policemag_dev",)) for m, i in _graph().items()}
    assert {m: v for m, v in bad.items() if v} == {}


@pytest.mark.slow
def test_the_wheel_ships_no_benchmark(tmp_path: Path) -> None:
    source = tmp_path / "src"  # setuptools writes build/ and egg-info beside the sources
    shutil.copytree(REPO / "tools", source / "tools", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("policemag-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "policemag/cli.py" in names and "policemag/mkdocs_plugin/plugin.py" in names
    assert "policemag/search/search.js" in names
    assert not [n for n in names if "bench" in n or "policemag_dev" in n or "synth" in n]
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "policemag.mkdocs_plugin.plugin:PoliceMagPlugin" in zipfile.ZipFile(wheel).read(entry).decode()


HIDE_MKDOCS = (
    "import sys\n"
    "class Hide:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] in ('mkdocs', 'material'):\n"
    "            raise ModuleNotFoundError(f'No module named {name!r} (hidden by the test)')\n"
    "sys.meta_path.insert(0, Hide())\n"
    "from policemag.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "json"]])
def test_check_runs_without_mkdocs(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", HIDE_MKDOCS, "-C", str(REPO), *command],
        env=cli_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_new_issue_runs_without_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "issues").mkdir()
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", HIDE_MKDOCS, "-C", str(tmp_path), "new-issue"],
        env=cli_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "issues").glob("*-n1/issue.yml"))
