"""Screens reached as a person reaches them (scenarios/finding/pages/navigation.py), on a small portal in another
vendor's markup served by the browser's router: no path of the mock, menus that open on hover, a consent
banner, an error page on the way."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from scenarios.finding import pages
from scenarios.finding.pages.navigation import Navigator, WrongPage
from scenarios.finding.portal_profile import Portal
from scenarios.plugin.fixtures import STEP_TIMEOUT_MS
from scenarios.target.sites import Sites

BASE = "https://portail.test"
HEAD = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head><body>'
BANNER = ('<div class="bandeau" style="position:fixed;inset:0;background:#fff"><p>Nous utilisons des cookies '
          'pour mesurer l\'audience.</p><button onclick="choose(\'oui\')">Tout accepter</button> '
          '<button onclick="choose(\'non\')">Continuer sans accepter</button></div><script>function choose(c) {'
          'fetch("/choix?consentement=" + c); document.querySelector(".bandeau").remove(); }</script>')
MENU = ('<style>.who .items{display:none} .who:hover .items{display:block}</style>'
        '<div class="who" style="position:absolute;right:10px;top:10px"><span>Bonjour <b>Claire MARTIN</b></span>'
        '<ul class="items"><li><a href="/espace/compte">Mes informations de profil</a></li></ul></div>')
PAGES = {
    "/": ("Accès salarié", '<h1>Accès salarié</h1><form><label for="l">Identifiant ou e-mail</label><input id="l">'
                           '<label for="p">Mot de passe (obligatoire)</label><input id="p" type="password"></form>'
                           '<a href="/oubli">Mot de passe oublié ?</a><footer><a href="/aide">Aide</a></footer>'),
    "/oubli": ("Oubli", '<h2>Mot de passe oublié</h2><label>Votre identifiant <input></label>'),
    "/espace/": ("Espace", MENU + '<h1>Mon espace</h1><a href="/espace/paie">Bulletins de paie</a>'
                           '<footer><a href="/aide">Besoin d\'aide ?</a></footer>'),
    "/espace/compte": ("Compte", MENU + '<h1>Mes informations</h1><label>E-mail <input type="email"></label>'
                       '<button onclick="document.querySelector(\'dialog\').showModal()">Changer de mot de passe'
                       '</button><dialog><h2>Nouveau mot de passe</h2><label>Mot de passe actuel <input '
                       'type="password"></label></dialog>'),
    "/aide": ("Aide", '<h1>Aide</h1><a href="/aide/guide">Guide d\'utilisation du coffre</a>'),
    "/aide/guide": ("Guide", "<h1>Guide d'utilisation du coffre</h1><h2>Envoyer un bulletin</h2>"),
}


@pytest.fixture
def quick() -> Iterator[None]:
    expect.set_options(timeout=2_000)
    yield
    expect.set_options(timeout=STEP_TIMEOUT_MS)


@dataclass
class SmallPortal:
    """The small portal's state: its vault at / once logged in; each address asked, in order."""

    logged_in: bool = True
    asked: list[str] = field(default_factory=list)

    def serve(self, route: Route) -> None:
        """Every page covered by the consent banner until a choice is made."""
        path = route.request.url.removeprefix(BASE).split("?")[0] or "/"
        self.asked.append(route.request.url.removeprefix(BASE))
        banner = BANNER if not any(a.startswith("/choix") for a in self.asked) else ""
        if path == "/choix":
            route.fulfill(status=204)
        elif path in PAGES:
            title, body = PAGES["/espace/" if path == "/" and self.logged_in else path]
            route.fulfill(content_type="text/html", body=HEAD.format(title=title) + banner + body)
        else:
            route.fulfill(status=404, content_type="text/html",
                          body=HEAD.format(title="404 Not Found") + "<h1>Not Found</h1>")


@pytest.fixture
def small_portal(page: Page, quick: None) -> SmallPortal:
    served = SmallPortal()
    page.route(f"{BASE}/**", served.serve)
    page.set_default_timeout(2_000)
    return served


def navigator(page: Page, profile: Path | None = None) -> Navigator:
    return Navigator(page, Portal.load(profile), Sites(portal=BASE, refusdemat="", corporate=""),
                     ("Claire", "MARTIN"))


def test_a_screen_is_reached_by_the_links_a_person_clicks_and_the_consent_banner_is_declined(
        page: Page, small_portal: SmallPortal) -> None:
    small_portal.logged_in = False
    screen = navigator(page).reach(pages.ForgottenPassword)
    expect(screen.identifier).to_be_visible()
    assert "/choix?consentement=non" in small_portal.asked and "/choix?consentement=oui" not in small_portal.asked


def test_the_profile_is_in_the_menu_that_opens_when_the_name_is_hovered(page: Page, small_portal: SmallPortal) -> None:
    screen = navigator(page).reach(pages.Profile)
    expect(screen.email).to_be_visible()
    assert small_portal.asked[-1] == "/espace/compte"


def test_the_vault_s_guide_is_found_from_the_help_page_when_the_vault_has_no_link(
        page: Page, small_portal: SmallPortal) -> None:
    guide = navigator(page).reach(pages.UserGuide)
    expect(guide.topic("Envoyer")).to_be_visible()


def test_a_profile_path_that_answers_an_error_is_said_in_one_line(page: Page, small_portal: SmallPortal,
                                                                  tmp_path: Path) -> None:
    profile = tmp_path / "portail.toml"
    profile.write_text('[paths]\nprofile = "/profil/"\n', encoding="utf-8")
    with pytest.raises(WrongPage) as failed:
        navigator(page, profile).reach(pages.Profile)
    assert str(failed.value) == (f"{BASE}/profil/ répond 404 « 404 Not Found Not Found » "
                                 "(atteinte par le chemin portail.toml [paths] profile)")


def test_a_form_that_opens_in_a_dialog_is_the_screen_its_button_leads_to(page: Page,
                                                                          small_portal: SmallPortal) -> None:
    form = navigator(page).reach(pages.ChangePassword)
    expect(form.current).to_be_visible()
    assert small_portal.asked[-1] == "/espace/compte"  # no page loaded: the form is in the profile's dialog
