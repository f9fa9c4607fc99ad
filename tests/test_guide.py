"""Every procedure of the guide, run step by step in the browser against the portal."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from scenarios import errata
from scenarios.actor import Actor
from scenarios.binding import Binding
from scenarios.deployment import NEEDS
from scenarios.guide import GUIDE, Procedure, colophon
from scenarios.known_errata import LAST_PAGE
from scenarios.pytest_plugin import RecordErrata
from scenarios.results import ProcedureResult
from scenarios.run import Runner
from scenarios.sites import Sites


@pytest.mark.simulator
def test_procedure(guide_procedure: Procedure, procedure_result: ProcedureResult, binding: Binding,
                   actor: Actor, runner: Runner) -> None:
    runner.run(binding, guide_procedure, actor, procedure_result)


@pytest.mark.guide
def test_last_page_matches_the_corporate_site(page: Page, sites: Sites,
                                              record_errata: RecordErrata) -> None:
    """The guide's last page names the vendor: its domains and address are checked on its sites."""
    if not sites.corporate:
        pytest.skip(NEEDS["corporate-site"])
    product_text = ""
    for site in (sites.corporate, sites.portal):
        page.goto(site)
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        product_text += page.locator("body").inner_text() + "\n"
    text, line = colophon()
    assert errata.DOMAIN.findall(text), "the last page names no domain: nothing was checked"
    found = errata.compare(text, product_text, kinds=("domain", "address"))
    record_errata(f"Dernière page du guide ({GUIDE.name}:{line})", LAST_PAGE, [e.as_dict() for e in found])
