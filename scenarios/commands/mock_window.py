"""`coffre-guide mock --open`: the mock as a person sees it, in a Chromium on the guide's host names
(https://www.mycecurity.com/...), the mock's certificate trusted by its key (no warning), on the login page."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Playwright, sync_playwright

from mock_portal import DEFAULT_URLS
from mock_portal.harness.stage import Stage
from scenarios.target.chromium import CONTEXT_OPTIONS, launch_chromium
from scenarios.target.sites import Sites


@contextmanager
def opened(stage: Stage, playwright: Playwright, headless: bool = False) -> Iterator[Page]:
    """A page on the portal's login page, at the guide's address, in the situation the mock was started in."""
    sites = Sites.guide_hosts(stage.address("portal"), stage.host_resolver_rules, stage.spki)
    browser = launch_chromium(playwright, [*sites.chromium_args, "--lang=fr-FR", "--start-maximized"],
                              headless=headless)
    # The suite's French, Paris-time context, but the page as large as the window a person resizes.
    options = {key: value for key, value in CONTEXT_OPTIONS.items() if key not in ("viewport", "device_scale_factor")}
    try:
        page = browser.new_context(**options, no_viewport=True).new_page()
        page.goto(DEFAULT_URLS["portal"] + "/")
        yield page
    finally:
        browser.close()


def show(stage: Stage) -> None:
    """Open the browser and wait until the person closes it (the mock keeps serving until Ctrl+C)."""
    with sync_playwright() as playwright:
        try:
            with opened(stage, playwright) as page:
                print(f"\nNavigateur ouvert sur {page.url} : fermez-le, puis Ctrl+C pour arrêter le mock.", flush=True)
                with suppress(PlaywrightError):  # the person closed the window
                    page.wait_for_event("close", timeout=0)
        except PlaywrightError as error:
            display = "" if os.environ.get("DISPLAY") or sys.platform != "linux" else \
                " ; aucun affichage ($DISPLAY est vide) : lancez-le depuis une session graphique"
            reason = str(error).splitlines()[0]
            print(f"erreur : le navigateur ne s'est pas ouvert ({reason}){display} ; le mock tourne toujours",
                  flush=True)
