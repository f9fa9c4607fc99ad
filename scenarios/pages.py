"""Page objects: how each screen's elements are found, by the words a person reads there.

Nothing here is a CSS class, an id or a path of the mock: the words come from the portal's profile
(`scenarios/portals/*.toml`, see `portal.py`) and are matched as a person reads them (`find.py`). Labels the
guide quotes in « » are not here: the step's own words locate those elements (see `Actor.labelled`). The
simulator's own pages (back office, letters) are the mock's, not the portal's: they keep their markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from playwright.sync_api import Locator, Page

from . import errata, find
from .find import Kind, Sought
from .portal import Portal
from .sites import Site, Sites

Seen = Callable[[Locator, Sought], None]  # told of every element a step looks for, to explain a failure
WHAT: dict[Kind, str] = {"field": "champ", "button": "bouton", "link": "lien", "control": "bouton",
                         "heading": "titre", "message": "message"}


class Named:
    """An element of a screen, found by the words the profile gives for it (`labels.SCREEN.NAME`, or `key`):
    declared as `password = Field()` on a page object."""

    kind: ClassVar[Kind] = "control"

    def __init__(self, key: str | None = None) -> None:
        self.key = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = self.key or name

    def __get__(self, screen: Screen, owner: type) -> Locator:
        return screen.named(self.kind, self.key or "")


class Field(Named):
    kind = "field"


class Button(Named):
    """A button, or a link that looks like one (a person calls both a button)."""

    kind = "control"


class Link(Named):
    kind = "link"


class Screen:
    """What every page of the three sites has: its title, messages, the account menu, help and logout."""

    key: ClassVar[str] = ""  # the screen's name in the profile: [paths], [titles], [labels.KEY]
    site: ClassVar[Site] = "portal"
    fixed_path: ClassVar[str | None] = None  # the simulator's own pages, the same on every portal

    @classmethod
    def url(cls, portal: Portal, sites: Sites, **params: object) -> str:
        """Where the screen is: the profile's [paths] on its site (the simulator's own pages: fixed)."""
        return sites.url(cls.site, (cls.fixed_path or portal.path_of(cls.key)).format(**params))

    def __init__(self, page: Page, portal: Portal, seen: Seen | None = None) -> None:
        self.page = page
        self.portal = portal
        self.seen = seen
        self.main = page.get_by_role("main")
        self.body = page.locator("body")

    # ---- how elements are found
    def sought(self, locator: Locator, sought: Sought) -> Locator:
        if self.seen is not None:
            self.seen(locator, sought)
        return locator.describe(sought.what)

    def named(self, kind: Kind, key: str) -> Locator:
        """The element of `kind` the profile names under `labels.KEY` (one of links that lead to the same
        place; links that lead to different places are ambiguous)."""
        wording = self.portal.words(key if key.startswith("labels.") else f"labels.{self.key}.{key}")
        found = find.by_words(self.page, kind, wording.words)
        return self.sought(found.first if kind == "heading" else found,
                           Sought(f"{WHAT[kind]} « {wording.first} »", kind, wording.words, wording.where))

    def field(self, key: str) -> Locator:
        return self.named("field", key)

    def button(self, key: str) -> Locator:
        return self.named("control", key)

    def message(self, key: str) -> Locator:
        """Where the page shows the profile's message `messages.KEY` (case and spacing aside)."""
        wording = self.portal.words(f"messages.{key}")
        return self.sought(find.containing(self.page, wording.words),
                           Sought(f"message « {wording.first} »", "message", wording.words, wording.where))

    def text(self, pattern: re.Pattern[str], what: str, where: str) -> Locator:
        """The element that shows text matching `pattern`."""
        return self.sought(self.page.get_by_text(pattern).first, Sought(what, None, (pattern.pattern,), where))

    # ---- what every screen has
    @property
    def title(self) -> Locator:
        """A heading that says the page is this screen (the profile's [titles])."""
        wording = self.portal.words(f"titles.{self.key}")
        return self.sought(find.by_words(self.page, "heading", wording.words).first,
                           Sought(f"titre « {wording.first} »", "heading", wording.words, wording.where))

    def account_menu(self, first: str, last: str) -> Locator:
        """The employee's name, which opens their menu (a `<details>` or a `<button aria-expanded>`), as a portal
        may write it: « Paul Dupont », « DUPONT Paul », « P. Dupont », « Bonjour Dupont »."""
        name = f"{first} {last}".strip()
        words = tuple(dict.fromkeys(w for w in (name, f"{last} {first}".strip(), f"{first[:1]}. {last}".strip(" ."),
                                                last) if w))
        return self.sought(find.by_words(self.page, "button", words).first,
                           Sought(f"nom de l'employé « {name} », en haut à droite", "button", words,
                                  "le nom de l'employé (fichier de comptes ou situation du simulateur)"))

    logout = Button("labels.login.logout")
    profile_link = Link("labels.menu.profile")
    help_link = Link("labels.menu.help")

    def mentions(self, pattern: str | re.Pattern[str]) -> Locator:
        """Elements whose text matches `pattern` (to prove the page says, or does not say, something)."""
        return self.page.get_by_text(pattern)


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


class Document(Screen):
    key = "document"

    @property
    def details(self) -> Locator:
        wording = self.portal.words("texts.payslip_shows")
        return self.text(re.compile(re.escape(wording.first), re.IGNORECASE), f"« {wording.first} »", wording.where)

    recipient = Field()
    send = Button()
    print = Button()


class MyDocuments(Screen):
    key = "my_documents"

    name = Field()
    file = Field()
    deposit = Button()

    def document(self, name: str) -> Locator:
        return self.sought(find.by_words(self.page, "link", (name,)).first,
                           Sought(f"document « {name} »", "link", (name,), "le document déposé par l'étape"))


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


class Corporate(Screen):
    key = "corporate"
    site = "corporate"

    @property
    def password_inputs(self) -> Locator:
        return self.page.locator("input[type=password]")

    def portal_link(self, host: str) -> Locator:
        return self.sought(find.by_words(self.page, "link", (host,)).first,
                           Sought(f"lien « {host} »", "link", (host,), "l'adresse du portail que donne le guide"))


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
