"""The vault's own screens: login, password and identifier forms, the vault, documents, profile, help."""

from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator

from scenarios import errata
from scenarios.finding import find
from scenarios.finding.find import Sought
from scenarios.finding.pages.screen import Button, Field, Link, Screen


class Login(Screen):
    key = "login"

    identifier = Field()
    password = Field()
    submit = Button()
    lost_identifier = Link()


class ForgottenPassword(Screen):
    key = "forgotten_password"

    identifier = Field()
    email = Field()


class ResetPassword(Screen):
    key = "reset_password"

    password = Field()
    password_again = Field()


class LostIdentifier(Screen):
    key = "lost_identifier"
    FIELDS: ClassVar[tuple[str, ...]] = ("last_name", "first_name", "birth_city", "mobile", "email", "email_confirm",
                                         "private_number")

    birth_month = Field()
    privacy = Field()
    save = Button()


class Personalise(Screen):
    key = "personalise"

    email = Field()  # asked at the first connection only
    password = Field()
    confirm = Field()
    submit = Button()


class Vault(Screen):
    key = "vault"

    payslips = Link()
    user_guide = Link()

    @property
    def current_year(self) -> Locator:
        """The newest year the folder shows (« l'année en cours »)."""
        return self.sought(find.newest(self.page, "year"),
                           Sought("année la plus récente", "link", (), "le dossier ne montre aucune année (AAAA)"))

    @property
    def latest(self) -> Locator:
        """The newest document the folder shows, by its period (month and year), whatever the order."""
        return self.sought(find.newest(self.page, "period"),
                           Sought("dernier bulletin (période la plus récente)", "link", (),
                                  "le dossier ne montre aucune période (mois et année)"))


class Profile(Screen):
    key = "profile"

    email = Field()
    save = Button()


class ChangePassword(Screen):
    key = "change_password"

    current = Field()
    password = Field()
    confirm = Field()
    submit = Button()


class Support(Screen):
    """The help page: the support's address, phone and hours, and its contact form."""

    key = "support"
    WHERE: ClassVar[str] = "la page d'aide (adresse, téléphone, horaires du support)"

    def line(self, pattern: re.Pattern[str], what: str) -> Locator:
        """The line (a row, an item, a paragraph) that shows text matching `pattern`."""
        shown = self.page.get_by_text(pattern).first
        return self.sought(shown.locator("xpath=ancestor-or-self::*[self::div or self::li or self::p or self::tr][1]"),
                           Sought(what, None, (pattern.pattern,), self.WHERE))

    @property
    def email_line(self) -> Locator:
        return self.line(errata.EMAIL, "adresse e-mail du support")

    @property
    def phone_line(self) -> Locator:
        return self.line(errata.PHONE, "téléphone du support")

    @property
    def hours_line(self) -> Locator:
        return self.line(errata.HOURS, "horaires du support")

    @property
    def address(self) -> Locator:
        return self.text(errata.EMAIL, "adresse e-mail du support", self.WHERE)

    @property
    def contact(self) -> Locator:
        """The support's details: the smallest block that shows both its address and its phone."""
        blocks = self.page.locator("dl, ul, ol, table, section, aside, div, p")
        found = blocks.filter(has=self.page.get_by_text(errata.EMAIL)).filter(has=self.page.get_by_text(errata.PHONE))
        return self.sought(found.last, Sought("coordonnées du support", None, (), self.WHERE))

    @property
    def merge_rule(self) -> Locator:
        wording = self.portal.words("texts.merge_rule")
        return self.text(re.compile(re.escape(wording.first), re.IGNORECASE), "règle de la fusion des coffres",
                         wording.where)


class UserGuide(Screen):
    key = "user_guide"

    def topic(self, name: str) -> Locator:
        return self.sought(find.by_words(self.page, "heading", (name,)).first,
                           Sought(f"rubrique « {name} »", "heading", (name,),
                                  self.portal.where("texts.user_guide_topics")))
