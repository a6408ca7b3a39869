"""The layers hold: `lint-imports` keeps the import contracts in pyproject.toml; no import
circle, no module longer than a sitting."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "panelhost"

needs_import_linter = pytest.mark.skipif(
    importlib.util.find_spec("importlinter") is None,
    reason="import-linter is not installed (it is in the 'test' extra: pip install -e '.[test]')",
)


def contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def top_level_modules() -> set[str]:
    names = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.parent.name for p in PACKAGE.glob("*/__init__.py")
    }
    return {f"panelhost.{name}" for name in names if not name.startswith("__")}


@needs_import_linter
def test_the_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert result.returncode == 0, f"an import crosses a layer:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize(("contract", "allowed"), [("core", set()), ("protocol", {"core"})])
def test_the_inner_layers_forbid_every_other_module(contract: str, allowed: set[str]) -> None:
    # A module added to src/panelhost must join these lists, or the core could import it.
    source = {f"panelhost.{contract}"} | {f"panelhost.{name}" for name in allowed}
    forbidden = set(contracts()[contract]["forbidden_modules"])
    assert forbidden == top_level_modules() - source


@needs_import_linter
def test_no_module_imports_itself_in_a_circle() -> None:
    # grimp comes with import-linter; imports under TYPE_CHECKING count too (a newcomer
    # reads them as imports, and mypy follows them)
    import grimp

    graph = grimp.build_graph("panelhost", include_external_packages=False)
    circles = sorted(
        {
            tuple(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if graph.chain_exists(importer=imported, imported=module)
        }
    )
    assert circles == [], f"modules that import each other, directly or through others: {circles}"


MODULE_LINES_AT_MOST = 300
"""STYLE.md: a module a newcomer can read in one sitting."""


def test_no_module_is_longer_than_a_sitting() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MODULE_LINES_AT_MOST
    }
    assert long == {}, f"split these along their seams: {long}"
