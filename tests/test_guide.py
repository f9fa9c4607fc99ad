"""Every procedure of the guide, run step by step in the browser against the mock."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from scenarios import errata
from scenarios.guide import Procedure, colophon
from scenarios.paths import FAILURES, RESULTS, SHOTS
from scenarios.plugin import procedure_params
from scenarios.sim import Simulator
from scenarios.steps import (
    Actor,
    Binding,
    StepResult,
    load_bindings,
    new_results,
    run_procedure,
    save_results,
)


@pytest.mark.simulator
@pytest.mark.parametrize("guide", procedure_params())
def test_procedure(guide: Procedure, page: Page, sim: Simulator, site_urls: dict[str, Any],
                   pytestconfig: pytest.Config) -> None:
    binding = load_bindings()[guide.slug]
    situation = sim.situation(binding.situation, binding.seed) if binding.situation else {}
    actor = Actor(page, sim, site_urls, situation)
    actor.audit_pages = not pytestconfig.getoption("--no-a11y")
    results = new_results(guide)
    status = "failed"
    try:
        run_procedure(binding, guide, actor, SHOTS / guide.slug, results, FAILURES)
        status = "passed"
    finally:
        save_results(binding, results, RESULTS, status)
    assert all(r.status == "passed" for r in results)


@pytest.mark.simulator
def test_last_page_matches_the_corporate_site(page: Page, sim: Simulator, site_urls: dict[str, Any]) -> None:
    """The guide's last page names the vendor: its domains and address are checked on its sites."""
    product_text = ""
    for site in ("corporate", "portal"):
        page.goto(site_urls[site])
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        product_text += page.locator("body").inner_text() + "\n"
    text = colophon()
    found = errata.compare(text, product_text, kinds=("domain", "address"))
    result = StepResult(1, text, status="passed", url=page.url, errata=[e.as_dict() for e in found])
    save_results(Binding(0, "Dernière page du guide", None), [result], RESULTS, "passed")
    assert errata.DOMAIN.findall(text), "the last page names no domain: nothing was checked"
