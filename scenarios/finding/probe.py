"""`python -m scenarios probe`: before a run against a portal, visit every screen the procedures use and say,
for each element the suite needs, whether it is there, what is closest when it is not, and what to change.

Read-only: it logs in with the account given (or a simulated employee on the embedded mock), opens pages and
menus, and submits nothing that changes an account. This module: what is checked on each screen; the command
(the portal, its browser, the printed findings) is probe_command.py.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from scenarios.finding import find, pages
from scenarios.finding.find import Sought, one_line
from scenarios.finding.pages.navigation import Navigator
from scenarios.finding.portal_profile import Portal
from scenarios.guide import Procedure, Step
from scenarios.target.sites import Sites

ScreenT = TypeVar("ScreenT", bound=pages.Screen)
Quoted = dict[type[pages.Screen], list[tuple[Procedure, Step]]]  # per screen, the guide's steps that quote its controls
NOT_VISITED = {
    "réinitialisation du mot de passe": "il faudrait un lien reçu par mail (Q1 « Mot de passe oublié »)",
    "personnalisation du mot de passe": "il faudrait un mot de passe provisoire (Q1 « Identifiant perdu »)",
    "confirmation et reçu du refus": "il faudrait envoyer la demande de refus (Q8)",
}


@dataclass
class Finding:
    screen: str
    what: str
    found: bool
    detail: str  # what the page shows for it, or why it is missing and what to change


class Probe:
    """Visits the screens with one page and collects what it finds."""

    def __init__(self, page: Page, portal: Portal, sites: Sites, quoted: Quoted,
                 names: tuple[str, str] = ("", "")) -> None:
        self.page = page
        self.quoted = quoted  # from the bindings (scenarios/binding.py quoted_on_screens)
        self.portal = portal
        self.sites = sites
        self.navigator = Navigator(page, portal, sites, names)  # the procedures' ways to each screen
        self.findings: list[Finding] = []
        self.notes: list[str] = []

    def visit(self, screen: type[ScreenT]) -> ScreenT | None:
        """The screen, reached as the procedures reach it; None (and a note saying why) when the way fails."""
        try:
            return self.navigator.reach(screen)
        except (AssertionError, PlaywrightError) as error:
            self.notes.append(f"écran « {screen.key} » non atteint : {one_line(error)}")
            return None

    def survey(self, title: str, screen: type[ScreenT], *elements: Callable[[ScreenT], Locator]) -> ScreenT | None:
        """Reach the screen as the procedures do, look for each element there and for the labels the guide
        quotes on it; None when the way to it failed (a note says why)."""
        found = self.visit(screen)
        if found is not None:
            self.check(title, found, *elements)
            self.quotes(title, screen)
        return found

    def check(self, title: str, screen: ScreenT, *elements: Callable[[ScreenT], Locator]) -> None:
        """Look for each element (a property of the page object, read through `elements`) on the page."""
        sought: list[tuple[Locator, Sought]] = []
        screen.seen = lambda locator, what: sought.append((locator, what))
        for element in elements:
            try:
                element(screen)
            except AssertionError as error:  # a period or an option the page does not show
                self.findings.append(Finding(title, str(error), False, ""))
        for index, (locator, what) in enumerate(sought):
            self.findings.append(self.judge(title, locator, what, wait=index == 0))

    def judge(self, title: str, locator: Locator, what: Sought, wait: bool = True) -> Finding:
        """Found or not; the first element of a screen is waited for (the page may still be drawing)."""
        if wait:
            with suppress(PlaywrightError):
                locator.first.wait_for(state="visible", timeout=3_000)
        problem = what.explain(self.page, locator)
        if problem is not None:
            return Finding(title, what.what, False, problem.removeprefix(what.what + " "))
        shown = " ".join(find.shown_name(locator).split())
        return Finding(title, what.what, True, f"« {textwrap.shorten(shown, 80, placeholder=' …')} »" if shown else "")

    def quotes(self, title: str, screen: type[pages.Screen]) -> None:
        """The labels the guide quotes for the steps on this screen."""
        for _, step in self.quoted.get(screen, []):
            for label in step.quoted:
                kind: find.Kind = "control"
                found = find.by_words(self.page, kind, (label,))
                self.findings.append(self.judge(title, found, Sought(f"libellé du guide « {label} »", kind, (label,),
                                                                     f"{step.where} (le guide) ou le portail")))


def walk(probe: Probe, account: dict[str, Any] | None, simulator: bool, given: set[str]) -> None:
    """Every screen of the procedures, reached as they reach it; nothing submitted but a login."""
    probe.survey("Connexion", pages.Login, lambda s: s.identifier, lambda s: s.password, lambda s: s.submit,
                 lambda s: s.lost_identifier, lambda s: s.help_link)
    probe.survey("Mot de passe oublié", pages.ForgottenPassword, lambda s: s.identifier, lambda s: s.email)
    fields = [lambda s, key=key: s.field(key) for key in pages.LostIdentifier.FIELDS]
    probe.survey("Identifiant perdu", pages.LostIdentifier, *fields, lambda s: s.birth_month, lambda s: s.privacy,
                 lambda s: s.save)

    if account is None:
        probe.notes.append("écrans du coffre non visités : pas de compte « actif » (--accounts)")
    else:
        logged_in(probe, account)

    if "refusdemat" in given:
        refusal_site(probe)
    else:
        probe.notes.append("site de refus non visité : son adresse n'est pas donnée (--refusdemat-url)")
    if "corporate" in given:
        host = re.sub(r"^https?://", "", Sites.guide_hosts().portal)
        probe.survey("Site Cecurity.com", pages.Corporate, lambda s: s.portal_link(host))
    else:
        probe.notes.append("site Cecurity.com non visité : son adresse n'est pas donnée (--corporate-url)")
    probe.notes += [f"non visité : {what} ({why})" for what, why in NOT_VISITED.items()]


def refusal_site(probe: Probe) -> None:
    if probe.survey("Refus (refusdemat)", pages.Refusal, lambda s: s.identifier, lambda s: s.password,
                    lambda s: s.employer, lambda s: s.data_policy, lambda s: s.submit) is None:
        return
    reproducing = [p for p, _ in probe.quoted.get(pages.Refusal, []) if p.screens]
    if not reproducing:
        return
    guide_title = reproducing[0].screens[0].split(" — ")[0]  # the page the guide reproduces, as its title
    heading = find.by_words(probe.page, "heading", (guide_title,)).first
    probe.findings.append(probe.judge("Refus (refusdemat)", heading, Sought(
        f"titre « {guide_title} »", "heading", (guide_title,),
        f"le guide (Q{reproducing[0].question}, la page reproduite)")))


def logged_in(probe: Probe, account: dict[str, Any]) -> None:
    """The vault's screens, after logging in with the account (the procedures' ways to each)."""
    login = probe.visit(pages.Login)
    try:
        assert login is not None
        login.identifier.fill(str(account.get("identifier") or account.get("email") or ""), timeout=5_000)
        login.password.fill(str(account.get("password", "")), timeout=5_000)
        login.submit.click(timeout=5_000)
        probe.page.wait_for_load_state()
    except (AssertionError, PlaywrightError):
        probe.notes.append("connexion impossible : voir les éléments de la page de connexion ci-dessus")
        return
    vault = pages.Vault(probe.page, probe.portal)
    if probe.navigator.login_refused():
        probe.notes.append("le portail refuse la connexion du compte « actif » : vérifiez [actif] dans le fichier "
                           "de comptes (identifiant ou e-mail, mot de passe) ; écrans du coffre non visités")
        return
    probe.check("Coffre", vault, lambda s: s.account_menu(*probe.navigator.names), lambda s: s.payslips)
    probe.quotes("Coffre", pages.Vault)
    if probe.navigator.open_menu():
        probe.check("Menu de l'employé", vault, lambda s: s.profile_link, lambda s: s.logout)

    probe.survey("Mes informations de profil", pages.Profile, lambda s: s.email, lambda s: s.save)
    probe.survey("Changer de mot de passe", pages.ChangePassword, lambda s: s.current, lambda s: s.password,
                 lambda s: s.confirm, lambda s: s.submit)

    vault = probe.visit(pages.Vault) or vault
    try:
        vault.payslips.click(timeout=5_000)
        vault.current_year.click(timeout=5_000)
        probe.check("Bulletins de paie", vault, lambda s: s.latest)
    except PlaywrightError:
        probe.check("Bulletins de paie", vault, lambda s: s.current_year, lambda s: s.latest)
    topics = [lambda s, t=t: s.topic(t) for t in probe.portal.words("texts.user_guide_topics").words]
    probe.survey("Guide d'utilisation", pages.UserGuide, *topics)
    probe.survey("Besoin d'aide ?", pages.Support, lambda s: s.contact, lambda s: s.email_line,
                 lambda s: s.phone_line, lambda s: s.hours_line)
