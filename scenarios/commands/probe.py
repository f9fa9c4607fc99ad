"""`python -m scenarios probe`: the portal probed (the embedded mock, or the one --base-url names), its browser,
the findings printed; exit 1 when something is missing (what is checked: probe.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from scenarios.binding import quoted_on_screens
from scenarios.finding import find
from scenarios.finding.portal_profile import Portal
from scenarios.finding.probe import Probe, walk
from scenarios.guide import Guide
from scenarios.procedures import load_bindings
from scenarios.target import chromium as browsers
from scenarios.target.deployment import load_accounts
from scenarios.target.simulator import Simulator
from scenarios.target.sites import SITE_NAMES, Sites, untrusted


def unreachable(page: Page, sites: Sites, given: set[str]) -> list[str]:
    """The sites given that do not answer, or whose certificate the browser would refuse, one line each."""
    lines = []
    for site in ("portal", "refusdemat", "corporate"):
        if site not in given:
            continue
        if sites.host_resolver_rules is None and (distrust := untrusted(sites.url(site), sites.spki)):
            lines.append(distrust)
            continue
        try:
            page.goto(sites.url(site))
        except PlaywrightError as error:
            reason = str(error).splitlines()[0].removeprefix("Page.goto: ")
            lines.append(f"{SITE_NAMES[site]} ne répond pas à {sites.url(site)} : {reason}")
    return lines




@contextmanager
def target(portal: Portal, options: dict[str, Any]) -> Iterator[tuple[Sites, dict[str, Any] | None, bool]]:
    """The sites and the account, and whether a simulator seeded it: the embedded mock (a simulated employee) unless
    --base-url names another portal (then the refusal and corporate sites only where their address is given:
    never the public sites by default)."""
    if options.get("base_url"):
        sites = Sites.named(options["base_url"], options.get("refusdemat_url"), options.get("corporate_url"),
                            spki=options.get("trust_spki"))
        accounts = load_accounts(Path(options["accounts"])) if options.get("accounts") else {}
        yield sites, accounts.get("actif"), False
        return
    from mock_portal.harness.stage import Stage

    with tempfile.TemporaryDirectory(prefix="coffre-guide-probe-") as folder, \
            Stage(folder, skin=portal.mock_skin) as stage:
        with sync_playwright() as playwright:
            simulator = Simulator.connect(playwright, stage.address("portal"), trust=True)  # our own mock
            account = simulator.situation("actif", 1)
            simulator.close()
        sites = Sites.guide_hosts(stage.address("portal"), stage.host_resolver_rules, stage.spki)
        yield sites, account, True


def run(guide: Guide, portal: Portal, options: dict[str, Any]) -> int:
    """Probe the portal for what the `guide`'s procedures use and print what was found; 1 when anything is
    missing."""
    with target(portal, options) as (sites, account, simulator), sync_playwright() as playwright:
        find.register_engines(playwright)
        chromium = browsers.launch_chromium(playwright, sites.chromium_args, headless=not options.get("headed"))
        page = chromium.new_context(**browsers.CONTEXT_OPTIONS).new_page()
        page.set_default_timeout(5_000)
        given = set(sites.given())
        down = unreachable(page, sites, given)
        names = (str(account.get("first_name", "")), str(account.get("last_name", ""))) if account else ("", "")
        probe = Probe(page, portal, sites, quoted_on_screens(guide, load_bindings()), names)
        if not down:
            walk(probe, account, simulator, given)
        chromium.close()
    if down:
        for line in down:
            print(f"erreur : {line}")
        return 1
    print(f"Profil : {portal.path} ({portal.name}) ; portail : {sites.portal}")
    screen = None
    for finding in probe.findings:
        if finding.screen != screen:
            screen = finding.screen
            print(f"\n{screen}")
        print(f"  {'✓' if finding.found else '✗'} {finding.what}" + (f" : {finding.detail}" if finding.detail else ""))
    for note in probe.notes:
        print(f"  · {note}")
    missing = [f for f in probe.findings if not f.found]
    print(f"\n{len(probe.findings) - len(missing)} élément(s) trouvé(s), {len(missing)} manquant(s)"
          + (" : changez le profil (--portal) ou le guide aux endroits indiqués" if missing else ""))
    return 1 if missing else 0
