"""The code's own layout: modules a newcomer can read on their own."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
LONGEST = 250  # lines a module may have
ACTOR_LONGEST = 100  # the person following the guide, nothing else


@pytest.mark.parametrize("package", ["scenarios", "mock_portal"])
def test_no_import_cycle(package: str) -> None:
    """Each module can be read on its own: no module imports, even indirectly, one that imports it."""
    graph = grimp.build_graph(package)
    cycles = [f"{module} <-> {imported}" for module in sorted(graph.modules)
              for imported in sorted(graph.find_modules_directly_imported_by(module))
              if graph.chain_exists(importer=imported, imported=module)]
    assert cycles == []



def test_no_module_is_longer_than_a_newcomer_reads_at_once() -> None:
    modules = [p for folder in ("scenarios", "mock_portal", "tests", "bench") for p in (ROOT / folder).rglob("*.py")]
    long = {str(p.relative_to(ROOT)): n for p in modules if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert long == {}


def test_the_actor_is_the_person_only() -> None:
    tree = ast.parse((ROOT / "scenarios" / "actor.py").read_text(encoding="utf-8"))
    actor = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Actor")
    assert actor.end_lineno is not None and actor.end_lineno - actor.lineno + 1 < ACTOR_LONGEST
