"""`coffre-guide mock --open`: the mock in Chromium at the guide's addresses, its certificate trusted."""

from __future__ import annotations

from playwright.sync_api import Playwright, expect

from mock_portal.harness.stage import Stage
from scenarios.commands.mock_window import opened


def test_the_mock_opens_on_the_login_page_at_the_guide_s_address_without_a_warning(stage: Stage,
                                                                                    playwright: Playwright) -> None:
    with opened(stage, playwright, headless=True) as page:
        assert page.url == "https://www.mycecurity.com/"
        expect(page.get_by_role("button", name="Se connecter")).to_be_visible()  # not a certificate interstitial
        page.get_by_role("link", name="Besoin d'aide ?").first.click()
        assert page.url.startswith("https://www.mycecurity.com/")  # its links stay on the guide's host names
