"""Reaching a screen as a person does: the site's address, then the links every portal has.

A person types the portal's address (the login page, or the vault once logged in), clicks « Mot de passe
oublié » or « Identifiant perdu » there, finds « Mes informations de profil » in the menu under their name,
« Besoin d'aide ? » at the foot of every page, the vault's guide from the vault or from the help page. A
portal profile's [paths] only shorten the way (a path the profile itself sets, never the embedded mock's). A
page that answers an error is said in one line: the address, the status or what it shows, and how it was
reached. The procedures and the probe walk the same ways.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Response, expect

from scenarios.finding import find
from scenarios.finding.pages import elsewhere, portal
from scenarios.finding.pages.screen import Screen, Seen
from scenarios.finding.portal_profile import Portal
from scenarios.target.sites import Sites

ScreenT = TypeVar("ScreenT", bound=Screen)
# What an error page says in its title or first heading, in the words servers and portals use.
ERROR_PAGE = re.compile(r"\b(404|403|410|500|502|503|not found|page (introuvable|non trouvée|inexistante)|"
                        r"introuvable|internal server error|forbidden|accès refusé|service unavailable)\b",
                        re.IGNORECASE)
MENU_WAIT_MS = 1_500  # a menu opens at once; a hover menu is tried after this
# A consent banner is declined as a person declines it (never accepted): the words of its refusal, in a block
# that speaks of cookies or trackers.
DECLINE = re.compile(r"^\W*(continuer sans accepter|tout refuser|refuser tout|tout rejeter|rejeter tout|refuser|"
                     r"rejeter|je refuse|non merci)(\W|$)", re.IGNORECASE)
CONSENT = re.compile(r"cookie|traceur", re.IGNORECASE)
BLOCKS = "div, section, aside, dialog, form, footer, [role=dialog], [role=alertdialog], [role=region]"


@dataclass(frozen=True)
class Way:
    """How a person reaches a screen: from `via` (None: the site's address, or the page the browser shows when
    it is on that site and `link` is given), by clicking the link or button the profile names `link` (in the
    page, else in the menu under the employee's name); `otherwise` when that link is not there."""

    via: type[Screen] | None = None
    link: str | None = None
    otherwise: Way | None = None


WAYS: dict[type[Screen], Way] = {
    portal.Login: Way(),
    portal.Vault: Way(),  # logged in, the portal's address leads to the vault
    portal.ForgottenPassword: Way(portal.Login, "labels.login.forgotten_password"),
    portal.LostIdentifier: Way(portal.Login, "labels.login.lost_identifier"),
    portal.Profile: Way(portal.Vault, "labels.menu.profile"),
    portal.ChangePassword: Way(portal.Profile, "labels.profile.change_password"),
    portal.Support: Way(None, "labels.menu.help"),
    portal.UserGuide: Way(portal.Vault, "labels.vault.user_guide",
                          otherwise=Way(portal.Support, "labels.vault.user_guide")),
    elsewhere.Refusal: Way(),
    elsewhere.Corporate: Way(),
}


def refusal(block: Page | Locator) -> Locator:
    return block.get_by_role("button", name=DECLINE).or_(block.get_by_role("link", name=DECLINE))


def consent_banner(page: Page) -> Locator:
    """A cookie-consent block that offers to decline (the innermost block holding its refusal)."""
    return page.locator(BLOCKS).filter(has_text=CONSENT).filter(has=refusal(page)).last


def decline(banner: Locator) -> None:
    """Decline what the consent banner asks (« Continuer sans accepter », « Tout refuser », « Refuser »)."""
    refusal(banner).first.click()


class WrongPage(AssertionError):
    """The way to a screen led to an error page, or a link on the way is missing; says where and how."""


class Navigator:
    """Walks the ways to the screens in one browser page, for the employee named `names` (their menu)."""

    def __init__(self, page: Page, portal_profile: Portal, sites: Sites, names: tuple[str, str] = ("", ""),
                 seen: Seen | None = None) -> None:
        self.page, self.portal, self.sites, self.names, self.seen = page, portal_profile, sites, names, seen
        self.status: tuple[str, int] | None = None  # the last document the page loaded: its URL and status
        self.at: tuple[type[Screen], str] | None = None  # the screen last reached, and its address
        page.on("response", self._document)
        page.add_locator_handler(consent_banner(page), decline)  # before any action, whenever it shows

    def _document(self, response: Response) -> None:
        try:
            if response.request.is_navigation_request() and response.frame == self.page.main_frame:
                self.status = (response.url, response.status)
        except PlaywrightError:  # the page closed meanwhile
            pass

    def on(self, screen: type[ScreenT]) -> ScreenT:
        return screen(self.page, self.portal, self.seen)

    # ---- the ways
    def reach(self, screen: type[ScreenT], way: Way | None = None) -> ScreenT:
        """The screen, reached as a person reaches it (or by the profile's own path); checked by its landmark."""
        if screen.fixed_path is not None:  # the simulator's own pages: no link leads there
            return self.open(screen.url(self.portal, self.sites), screen, "son adresse (page du simulateur)")
        path = self.portal.own(f"paths.{screen.key}")
        if path is not None:
            return self.open(self.sites.url(screen.site, str(path)), screen,
                             f"le chemin {self.portal.where(f'paths.{screen.key}')}")
        way = way or WAYS.get(screen)
        if way is None:
            raise WrongPage(f"aucun chemin connu vers l'écran « {screen.key} » : il s'atteint par une étape")
        if way.link is None:
            address = self.sites.url(screen.site)
            try:
                return self.open(address, screen, f"l'adresse du site ({address})")
            except WrongPage:
                raise
            except AssertionError:
                raise WrongPage(self.elsewhere(screen)) from None
        if way.via is not None:
            self.reach(way.via)
        elif not self.page.url.startswith(self.sites.url(screen.site, "")):
            self.goto(self.sites.url(screen.site))
            self.check_not_error(f"l'adresse du site ({self.sites.url(screen.site)})")
        wording = self.portal.words(way.link)
        if not self.click_link(wording.words) and way.otherwise is not None:
            return self.reach(screen, way.otherwise)
        return self.arrived(screen, f"le lien « {wording.first} » ({wording.where})")

    def be_on(self, screen: type[ScreenT]) -> ScreenT:
        """The screen, reached unless the browser shows it already (as a person would not reload it)."""
        if self.at is not None and self.at[0] is screen and self.at[1] == self.page.url:
            return self.on(screen)
        return self.reach(screen)

    def goto(self, url: str) -> None:
        response = self.page.goto(url)
        if response is not None:
            self.status = (response.url, response.status)

    def open(self, url: str, screen: type[ScreenT], how: str) -> ScreenT:
        self.goto(url)
        return self.arrived(screen, how)

    def arrived(self, screen: type[ScreenT], how: str) -> ScreenT:
        """The screen the last action led to, proven by its landmark (its title, or the field its form starts
        with); an error page on the way is said as such."""
        found = self.on(screen)
        landmark = found.landmark
        try:
            if landmark is None:
                self.page.wait_for_load_state()
            else:
                expect(landmark).to_be_visible()
        except AssertionError:
            self.check_not_error(how)
            raise
        if landmark is None:
            self.check_not_error(how)
        self.at = (screen, self.page.url)
        return found

    def elsewhere(self, screen: type[Screen]) -> str:
        """The site's address shows another page than the screen a person expects there."""
        option = {"portal": "--base-url", "refusdemat": "--refusdemat-url", "corporate": "--corporate-url"}
        title = " ".join(self.page.title().split())
        return (f"{self.page.url} ne montre pas l'écran « {screen.key} » attendu à l'adresse du site"
                + (f" (la page s'intitule « {title} »)" if title else "")
                + f" : vérifiez l'adresse donnée ({option[screen.site]}) ou le profil ({self.portal.path.name})")

    def check_not_error(self, how: str) -> None:
        error = self.error_page()
        if error is not None:
            raise WrongPage(f"{error} (atteinte par {how})")

    def error_page(self) -> str | None:
        """« https://…/profil/ répond 404 « Not Found » » when the page is an error page, else None."""
        url, status = self.status or (self.page.url, 200)
        if url != self.page.url:
            status = 200
        try:
            heading = self.page.get_by_role("heading").first
            said = " ".join([self.page.title(), heading.inner_text(timeout=500) if heading.count() else ""])
        except PlaywrightError:
            said = ""
        shown = " ".join(said.split())
        if status >= 400 or ERROR_PAGE.search(shown):
            return f"{self.page.url} répond {status}" + (f" « {shown} »" if shown else "")
        return None

    def login_refused(self) -> bool:
        """After a login: the login form is still there and the employee's name is not (the vault or the
        refusal, waited for)."""
        name, password = self.on(Screen).account_menu(*self.names), self.on(portal.Login).password
        with contextlib.suppress(AssertionError):
            expect(name.or_(password).first).to_be_visible()
        return not name.count() and bool(password.count())

    # ---- links, and the menu under the employee's name
    def click_link(self, words: tuple[str, ...]) -> bool:
        """Click the link or button named `words` on the page, else in the employee's menu; False when neither
        shows it."""
        link = find.by_words(self.page, "control", words)
        with contextlib.suppress(AssertionError):  # a page drawn after a spinner: the link, or the name
            expect(link.or_(Screen(self.page, self.portal).account_menu(*self.names)).first).to_be_visible()
        if not link.count() and any(self.names) and self.open_menu(words):
            link = find.by_words(self.page, "control", words)
        if not link.count():
            return False
        link.first.click()
        self.page.wait_for_load_state()
        return True

    def open_menu(self, words: tuple[str, ...] = ()) -> bool:
        """Open the menu under the employee's name (a click, else a hover) until it shows `words` (any item
        when none are given); False when the name is not on the page."""
        name = self.on(Screen).account_menu(*self.names)
        if not name.count():
            return False
        item = find.by_words(self.page, "control", words) if words else \
            self.page.get_by_role("menuitem").or_(self.page.get_by_role("link")).filter(visible=True)
        before = item.count()
        name.click()
        for attempt in ("click", "hover"):
            try:
                expect(item).not_to_have_count(0 if words else before, timeout=MENU_WAIT_MS)
                return True
            except AssertionError:
                if attempt == "click":
                    self.page.mouse.move(0, 0)
                    name.hover()
        return False
