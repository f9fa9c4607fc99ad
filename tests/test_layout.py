"""The code's own layout: rooms a newcomer finds from `ls`, layers kept by a contract (pyproject.toml's
[tool.importlinter], run by `make lint`), no import cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
TOP_MODULES = 12  # scenarios/ keeps the guide's model and the person; the rest lives in its room
SHADOWING = {"secrets", "html", "profile", "help"}  # stdlib modules or builtins a module must not hide


@pytest.mark.parametrize("package", ["scenarios", "mock_portal"])
def test_no_import_cycle(package: str) -> None:
    """Each module can be read on its own: no module imports, even indirectly, one that imports it."""
    graph = grimp.build_graph(package)
    cycles = [f"{module} <-> {imported}" for module in sorted(graph.modules)
              for imported in sorted(graph.find_modules_directly_imported_by(module))
              if graph.chain_exists(importer=imported, imported=module)]
    assert cycles == []


def test_the_rooms_keep_their_layers() -> None:
    run = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout


def test_the_top_of_scenarios_shows_the_guide_s_model_and_the_person_only() -> None:
    top = sorted(p.name for p in (ROOT / "scenarios").glob("*.py"))
    assert len(top) <= TOP_MODULES, top


def test_no_module_hides_a_standard_name() -> None:
    names = {p.stem for folder in ("scenarios", "mock_portal") for p in (ROOT / folder).rglob("*.py")}
    assert names & SHADOWING == set()


def test_the_architecture_document_names_every_room_and_module() -> None:
    """docs/architecture.md is drawn from the tree: each room and module `ls scenarios/` shows is named there."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    shown = {p.name for p in (ROOT / "scenarios").rglob("*.py") if p.stem not in ("__init__", "__main__")}
    shown |= {f"{p.name}/" for p in (ROOT / "scenarios").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert sorted(name for name in shown if name not in text) == []
