"""The end-to-end slice: the login page of the guide, against the embedded mock."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scenarios.target.simulator import Simulator
from scenarios.target.sites import Sites


@pytest.fixture
def employee(sim: Simulator) -> dict:
    return sim.situation("actif", seed=2)


def test_login_page_matches_the_guide(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_label("Identifiant", exact=True)).to_be_visible()
    expect(page.get_by_label("Mot de passe", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Identifiant perdu ?")).to_be_visible()
    expect(page.get_by_role("link", name="Mot de passe oublié ?")).to_be_visible()
    expect(page.get_by_role("button", name="Se connecter")).to_have_css("text-transform", "uppercase")
    expect(page.get_by_text("Où le trouver ?")).to_be_visible()


def test_login_lands_on_the_vault_with_the_name_top_right(
    page: Page, employee: dict, report_dir: Path
) -> None:
    page.goto("/")
    page.get_by_label("Identifiant", exact=True).fill(employee["identifier"])
    page.get_by_label("Mot de passe", exact=True).fill(employee["password"])
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url("https://www.mycecurity.com/coffre/")
    name = f"{employee['first_name']} {employee['last_name']}"
    expect(page.locator(".account-menu summary")).to_have_text(name)
    box = page.locator(".account-menu summary").bounding_box()
    assert box is not None and box["x"] > page.viewport_size["width"] / 2
    shot = report_dir / "slice" / "vault-home.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shot, animations="disabled", caret="hide")
    assert shot.stat().st_size > 0


def test_wrong_password_shows_a_clear_error(page: Page, employee: dict) -> None:
    page.goto("/")
    page.get_by_label("Identifiant", exact=True).fill(employee["identifier"])
    page.get_by_label("Mot de passe", exact=True).fill("Mauvais-1234!")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_have_text("Identifiant ou mot de passe incorrect.")
    expect(page.get_by_label("Identifiant", exact=True)).to_have_value(employee["identifier"])
    expect(page.get_by_label("Mot de passe", exact=True)).to_have_value("")


def test_every_site_is_https_and_http_redirects_to_it(page: Page, sites: Sites) -> None:
    for site, path in (("portal", "/aide"), ("refusdemat", "/politique-donnees"), ("corporate", "/")):
        https = sites.url(site, path)  # type: ignore[arg-type]
        assert https.startswith("https://")
        page.goto(https.replace("https://", "http://", 1))
        expect(page).to_have_url(https)


@pytest.mark.parametrize("password", ["Ab1!", "Abcdefghijklmnopqrstuvwxyz-0123456789-ABCDEFGHIJKLMNOP!"])
def test_the_letter_keeps_the_identifier_top_right_whatever_its_values(page: Page, sim: Simulator, sites: Sites,
                                                                         password: str) -> None:
    """« Où le trouver ? »: the identifier box stays beside the logo, whatever the generated password."""
    letter = sim.situation("courrier-recu", seed=3)["letter_id"]
    page.goto(sites.url("portal", f"/_sim/courriers/{letter}"))
    page.locator("#letter-credentials [data-secret]").evaluate("(el, text) => { el.textContent = text; }", password)
    brand = page.locator(".letter .brand").bounding_box()
    box = page.locator("#letter-credentials").bounding_box()
    viewport = page.viewport_size
    assert brand and box and viewport
    assert box["y"] <= brand["y"] + brand["height"], "the identifier box went under the logo"
    assert box["x"] > viewport["width"] / 2, "the identifier box is not on the right"
