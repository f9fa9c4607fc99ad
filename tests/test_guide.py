"""Every procedure of the guide, run step by step in the browser against the mock."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from scenarios.guide import Procedure
from scenarios.plugin import RESULTS, SHOTS, procedure_params
from scenarios.sim import Simulator
from scenarios.steps import Actor, load_bindings, new_results, run_procedure, save_results


@pytest.mark.simulator
@pytest.mark.parametrize("guide", procedure_params())
def test_procedure(guide: Procedure, page: Page, sim: Simulator, site_urls: dict[str, Any]) -> None:
    binding = load_bindings()[guide.slug]
    situation = sim.situation(binding.situation, binding.seed) if binding.situation else {}
    actor = Actor(page, sim, site_urls, situation)
    results = new_results(guide)
    status = "failed"
    try:
        run_procedure(binding, guide, actor, SHOTS / guide.slug, results)
        status = "passed"
    finally:
        save_results(binding, results, RESULTS, status)
    assert all(r.status == "passed" for r in results)
