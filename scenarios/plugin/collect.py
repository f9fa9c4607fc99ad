"""The guide's procedures as pytest items, collected from guide.md itself: one per procedure, and its last page.

`pytest scenarios/guide.md` (or `pytest --guide=PATH`, for a guide.md kept elsewhere) runs them; `-m q3` or
`--question 3` selects.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from scenarios import errata
from scenarios.actor import Actor
from scenarios.binding import Binding
from scenarios.errata import LAST_PAGE
from scenarios.guide import Guide, Procedure
from scenarios.plugin.stash import GUIDE, PROCEDURE
from scenarios.results import ProcedureResult
from scenarios.run import Runner
from scenarios.target.deployment import NEEDS
from scenarios.target.sites import Sites

RecordErrata = Any  # fixtures.RecordErrata: a callable (where, place, errata), typed there


def run_procedure(guide_procedure: Procedure, procedure_result: ProcedureResult, binding: Binding, actor: Actor,
                  runner: Runner) -> None:
    """Every step of the procedure, in the browser, against the portal."""
    runner.run(binding, guide_procedure, actor, procedure_result)


def check_last_page(guide: Guide, page: Page, sites: Sites, record_errata: RecordErrata) -> None:
    """The guide's last page names the vendor: its domains and address are checked on its sites."""
    if not sites.corporate:
        pytest.skip(NEEDS["corporate-site"])
    product_text = ""
    for site in (sites.corporate, sites.portal):
        page.goto(site)
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        product_text += page.locator("body").inner_text() + "\n"
    text, line = guide.colophon()
    assert errata.DOMAIN.findall(text), "the last page names no domain: nothing was checked"
    found = errata.compare(text, product_text, kinds=("domain", "address"))
    record_errata(LAST_PAGE, f"Dernière page du guide ({guide.name}:{line})", found)


class GuideItem(pytest.Function):
    """A procedure (or the last page) of the guide: reported at its line of guide.md, by its title."""

    line: int = 0
    title: str = ""

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line, self.title


class GuideFile(pytest.File):
    """guide.md: its procedures, each marked `guide`, `simulator` and with its question (`q1`...)."""

    def collect(self) -> Iterator[pytest.Item]:
        guide = self.config.stash[GUIDE]
        for procedure in guide.procedures:
            item = GuideItem.from_parent(self, name=procedure.id, callobj=run_procedure)
            item.stash[PROCEDURE] = procedure
            item.line, item.title = procedure.line, f"Q{procedure.question} {procedure.title}"
            for mark in (pytest.mark.guide, pytest.mark.simulator, getattr(pytest.mark, f"q{procedure.question}")):
                item.add_marker(mark)
            yield item
        last = GuideItem.from_parent(self, name=LAST_PAGE, callobj=check_last_page)
        last.line, last.title = guide.colophon()[1], "Dernière page du guide"
        last.add_marker(pytest.mark.guide)
        yield last
