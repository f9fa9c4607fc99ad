"""Screens beyond the vault: the mail client, the refusal site, the corporate site, the simulator's pages."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from scenarios.finding import find
from scenarios.finding.find import Sought
from scenarios.finding.pages.screen import Button, Field, Screen


class Mail(Screen):
    """A captured mail, shown as the employee's mail client would."""

    @property
    def identifier(self) -> Locator:
        """The identifier the mail gives: the element that shows it alone, else the sentence around it."""
        pattern = self.portal.pattern("identifier")
        alone = self.page.get_by_role("main").get_by_text(re.compile(rf"^\s*{pattern.pattern}\s*$"))
        shown = alone if alone.count() else self.page.get_by_role("main").get_by_text(pattern)
        return self.sought(shown.first, Sought("nouvel identifiant", None, (pattern.pattern,),
                                               self.portal.where("patterns.identifier")))

    def provisional_password(self) -> str | None:
        found = self.portal.pattern("provisional_password").search(self.body.inner_text())
        return found[1] if found else None


class BackOffice(Screen):
    """The employers' back office (payroll runs, enrolment), one employer at a time: the simulator's page."""

    fixed_path = "/_sim/?employeur={id}"

    @property
    def deposits(self) -> Locator:
        return self.page.get_by_role("heading", name="Trains de paie déposés").locator(
            "xpath=following-sibling::ul[1]")

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def row(self, text: str) -> Locator:
        return self.page.get_by_role("row").filter(has_text=text).describe(f"ligne « {text} »")


class Letter(Screen):
    """An enrolment letter, as the simulator shows it."""

    fixed_path = "/_sim/courriers/{id}"

    @property
    def credentials(self) -> Locator:
        return self.page.locator("#letter-credentials").describe("identifiant et numéro privé")

    def provisional_password(self) -> str:
        """What the letter gives as a provisional password (read before a capture masks it)."""
        return self.credentials.locator("[data-secret]").inner_text().strip()


class Corporate(Screen):
    key = "corporate"
    site = "corporate"

    @property
    def password_inputs(self) -> Locator:
        return self.page.locator("input[type=password]")

    def portal_link(self, host: str) -> Locator:
        """A link that names the portal: its address as the guide gives it, or its name (« MyCecurity.com »)."""
        words = tuple(dict.fromkeys((host, host.removeprefix("www."))))
        return self.sought(find.by_words(self.page, "link", words).first,
                           Sought(f"lien « {host} »", "link", words, "l'adresse du portail que donne le guide"))


class Refusal(Screen):
    key = "refusal"
    site = "refusdemat"

    identifier = Field()
    password = Field()
    employer = Field()
    data_policy = Field()
    submit = Button()


class RefusalConfirm(Screen):
    key = "refusal_confirm"
    site = "refusdemat"

    confirm = Button("labels.refusal.confirm")


class RefusalReceipt(Screen):
    key = "refusal_receipt"
    site = "refusdemat"

    @property
    def reference(self) -> Locator:
        pattern = self.portal.pattern("refusal_reference")
        return self.text(re.compile(rf"^\s*{pattern.pattern}\s*$"), "référence de la demande",
                         self.portal.where("patterns.refusal_reference"))

    print = Button("labels.refusal.print")
