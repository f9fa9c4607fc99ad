"""What every screen has, and how its elements are declared (`password = Field()`), found by their words.

Nothing here is a CSS class, an id or a path of the mock: the words come from the portal's profile
(`scenarios/finding/profiles/*.toml`, see `portal_profile.py`) and are matched as a person reads them
(`find.py`). Labels the guide quotes in « » are not here: the step's own words locate those elements (see
`Actor.labelled`). The simulator's own pages (back office, letters) are the mock's, not the portal's: they
keep their markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from scenarios.finding import find
from scenarios.finding.find import Kind, Sought
from scenarios.finding.portal_profile import Portal
from scenarios.target.sites import Site, Sites

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
        """Where a simulator's page is (the portal's screens are reached by their way: navigation.py)."""
        if cls.fixed_path is None:
            raise ValueError(f"l'écran « {cls.key} » s'atteint comme une personne l'atteint, pas par une adresse")
        return sites.url(cls.site, cls.fixed_path.format(**params))

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
    def landmark(self) -> Locator | None:
        """What tells a person they are on this screen: its title, or the first field or button it declares
        (None for a site's home page, reached by its address)."""
        declared = [name for name, value in vars(type(self)).items() if isinstance(value, Named)]
        parts: list[Locator] = [getattr(self, declared[0])] if declared else []
        if self.portal.has(f"titles.{self.key}"):
            parts.append(self.title)  # last: a failure names the title sought
        if not parts:
            return None
        found = parts[-1]
        for part in parts[:-1]:
            found = found.or_(part)
        return found.first

    @property
    def title(self) -> Locator:
        """A heading that says the page is this screen (the profile's [titles])."""
        wording = self.portal.words(f"titles.{self.key}")
        return self.sought(find.by_words(self.page, "heading", wording.words).first,
                           Sought(f"titre « {wording.first} »", "heading", wording.words, wording.where))

    def account_menu(self, first: str, last: str) -> Locator:
        """The employee's name top right, which opens their menu (a button, a link, a `<summary>`, or words that
        open it on hover), as a portal may write it: « Paul Dupont », « DUPONT Paul », « P. Dupont »,
        « Bonjour Dupont »."""
        name = f"{first} {last}".strip()
        full = tuple(dict.fromkeys(w for w in (name, f"{last} {first}".strip()) if w))
        words = tuple(dict.fromkeys((*full, f"{first[:1]}. {last}".strip(" ."), last))) if name else ()
        shown = find.by_words(self.page, "control", words) if words else self.page.locator("nothing-to-find")
        if full:  # words that are no control, as on a menu that opens on hover
            pattern = re.compile("|".join(find.phrase(w) for w in full), re.IGNORECASE)
            shown = shown.or_(self.page.get_by_text(pattern).filter(visible=True))
        return self.sought(shown.first, Sought(f"nom de l'employé « {name} », en haut à droite", "button", words,
                                               "le nom de l'employé (fichier de comptes ou situation du simulateur)"))

    logout = Button("labels.login.logout")
    profile_link = Link("labels.menu.profile")
    help_link = Link("labels.menu.help")

    def said(self, wait_ms: float) -> str | None:
        """The message the page shows (a status or alert region, a toast), waited for a moment, or None."""
        regions = find.message_regions(self.page).or_(self.page.locator("[aria-live]:not([aria-live=off])"))
        shown = regions.filter(visible=True, has_text=re.compile(r"\w")).first
        try:
            shown.wait_for(timeout=wait_ms)
            return " ".join(shown.inner_text().split())
        except PlaywrightError:
            return None

    @property
    def invalid_fields(self) -> Locator:
        """The fields the page marks as wrongly filled (aria-invalid)."""
        return self.page.locator("[aria-invalid=true]").filter(visible=True)

    def everything_shown(self) -> str:
        """The page's text as a person reads it, the values its fields show included (a read-only field)."""
        return str(self.page.evaluate(
            "() => document.body.innerText + '\\n' + [...document.querySelectorAll('input, textarea')]"
            ".filter(f => f.type !== 'password' && f.type !== 'hidden' && f.checkVisibility()).map(f => f.value)"
            ".join('\\n')"))

    def mentions(self, pattern: str | re.Pattern[str]) -> Locator:
        """Elements whose text matches `pattern` (to prove the page says, or does not say, something)."""
        return self.page.get_by_text(pattern)
