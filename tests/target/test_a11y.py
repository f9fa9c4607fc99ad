"""Accessibility: axe-core (WCAG 2.1 A and AA) finds nothing on the mock's pages, and does find
violations where there are some."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from scenarios.target.a11y import audit
from scenarios.target.simulator import Simulator
from scenarios.target.sites import Sites


def test_audit_finds_known_violations(page: Page) -> None:
    page.set_content('<html><body><img src="x.png"><input type="text"><a href="#"></a></body></html>')
    found = {v["id"] for v in audit(page)}
    assert {"image-alt", "label", "link-name", "html-has-lang", "document-title"} <= found


@pytest.mark.simulator
@pytest.mark.parametrize(("site", "path", "post"), [
    ("portal", "/", {"Identifiant": "123", "Mot de passe": "x"}),
    ("portal", "/identifiant-perdu", {"Nom": ""}),
    ("portal", "/mot-de-passe-oublie", {"Identifiant": "12"}),
    ("portal", "/premiere-connexion/video", None),
    ("portal", "/aide", {"Nom et prénom": ""}),
    ("portal", "/aide/guide-utilisation", None),
    ("portal", "/confidentialite", None),
    ("portal", "/page-inconnue", None),
    ("portal", "/_sim/", None),
    ("refusdemat", "/", {"Identifiant": "abc"}),
    ("refusdemat", "/politique-donnees", None),
    ("corporate", "/", None),
])
def test_pages_have_no_violation(page: Page, sim: Simulator, sites: Sites, site: str, path: str,
                                 post: dict[str, str] | None) -> None:
    page.goto(sites.url(site, path))
    assert audit(page) == []
    if post:  # the same page showing its error messages
        for label, value in post.items():
            page.get_by_label(label, exact=True).fill(value)
        page.locator("form [type=submit]").last.click()
        page.wait_for_load_state()
        assert audit(page) == []
