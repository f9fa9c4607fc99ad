"""Finding elements the way a person does: by the words they read, with a person's tolerance.

A form field is found by its label, a link or a button by its name, a heading by its text, each name as the
browser's accessibility tree gives it (Playwright's role and label engines): the same words first, case,
spacing, a « * », « ? » or « : » and a parenthesised hint aside; then a name that starts with the words; then
one that contains them. Several words are alternatives. A `<details>` summary or a `<button aria-expanded>`
are buttons, an `<input type=submit>` too. `newest=` finds the link of the newest period (month and year) or
year a page shows, whatever its markup (a list, a table, cards).

Every element the scenarios look for is a `Sought`: what a person would call it, the words tried, and where
those words come from (the guide's line or the portal profile's key), so that a failure says what was sought,
what the page offers instead, and what to change.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import re
from dataclasses import dataclass
from typing import Literal

from playwright.sync_api import Error, Locator, Page, Playwright

from scenarios.finding import engines

Kind = Literal["field", "button", "link", "control", "heading", "message"]
KIND_NAMES = {"field": "champs", "button": "boutons", "link": "liens", "control": "liens et boutons",
              "heading": "titres", "message": "messages (status, alert)"}

def one_line(error: BaseException) -> str:
    """The error's first line, without Playwright's call log."""
    text = str(error).strip() or type(error).__name__
    return text.split("\nCall log:", 1)[0].replace("\n", " ").strip()


def register_engines(playwright: Playwright) -> None:
    """Register `newest=` in the browser (before any context is made; once per process)."""
    engines.register(playwright)


# What may stand before and after the words in a name a person reads as the same: a « * » for a required
# field, a « ? » or « : », a hint in parentheses (« (obligatoire) », « (12 chiffres) »), quotes, arrows. Quotes
# are written \x22 and \x27 and a slash \/: the patterns travel inside Playwright's quoted selectors.
QUOTES = r"\x22\x27«»‘’“”"
LEAD = rf"[\s*{QUOTES}›>•-]*"
TRAIL = rf"(?:\s*(?:\([^)]*\)|[*?:!.…{QUOTES}›>]))*\s*"
BEFORE, AFTER = rf"(?:^|[\s{QUOTES}(,;:\/|-])", rf"(?=$|[\s*?:!.…{QUOTES}›>),;\/|-])"
TIERS = ("{lead}(?:{words}){trail}$", "{lead}(?:{words})[\\s,:;(-]", "{before}(?:{words}){after}")
FIELDS = ("input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), "
          "select, textarea, [role=textbox], [role=combobox], [role=checkbox], [role=radio], [role=switch], "
          "[role=spinbutton], [role=searchbox], [role=listbox]")
ROLES: dict[str, tuple[str, ...]] = {"button": ("button", "tab"), "link": ("link", "menuitem"),
                                     "control": ("link", "menuitem", "button", "tab"), "heading": ("heading",),
                                     "message": ("status", "alert")}


def phrase(words: str) -> str:
    """`words` as a pattern: as a person compares them, spacing and the marks `normalise` drops aside."""
    return r"\s+".join(re.escape(word).replace("'", r"[\x27’]").replace("/", r"\/")
                        for word in normalise(words).split())


def tier_patterns(words: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The same words, then a name that starts with them, then one that contains them (case aside)."""
    alternatives = "|".join(phrase(w) for w in words if normalise(w))
    return [re.compile(tier.format(lead="^" + LEAD, trail=TRAIL, words=alternatives, before=BEFORE, after=AFTER),
                       re.IGNORECASE) for tier in TIERS]


def named(page: Page | Locator, kind: Kind, pattern: re.Pattern[str]) -> Locator:
    """Elements of `kind` whose accessible name (Playwright's role and label engines) matches `pattern`."""
    if kind == "field":
        found = page.get_by_label(pattern).or_(page.get_by_placeholder(pattern)).and_(page.locator(FIELDS))
        return found.filter(visible=True)
    first, *others = ROLES[kind]
    found = page.get_by_role(first, name=pattern)  # type: ignore[arg-type]
    for role in others:
        found = found.or_(page.get_by_role(role, name=pattern))  # type: ignore[arg-type]
    if kind in ("button", "control"):  # a <summary> has no role of its own: its text is its name
        found = found.or_(page.locator("summary").filter(has_text=pattern))
    return found.filter(visible=True)


def by_words(page: Page, kind: Kind, words: tuple[str, ...]) -> Locator:
    """Elements of `kind` named by `words` (alternatives), compared as a person reads them: those named by the
    same words if any, else those whose name starts with them, else those whose name contains them.

    The tier is chosen as the page shows it now (a few milliseconds a tier); when none finds anything yet (a
    page still drawing, an element that must be absent), the tiers stay in order for as long as the locator
    lives (a selector each tier's absence guards, some ten times slower to evaluate)."""
    patterns = tier_patterns(words)
    for pattern in patterns:
        tier = named(page, kind, pattern)
        try:
            if tier.count():
                return tier if kind in ("field", "heading", "message") else one_place(tier)
        except Error:  # the page is navigating: no tier can be told now
            break
    found = earlier = named(page, kind, patterns[0])
    for pattern in patterns[1:]:  # a tier counts only where no earlier one found anything
        found = found.or_(named(page.locator(":root").filter(has_not=earlier), kind, pattern))
        earlier = earlier.or_(named(page, kind, pattern))
    return found


TARGET = "el => el.href ? 'a:' + el.href : 'b:' + ((el.form && el.form.action) || '') + ':' + el.innerText"


def one_place(found: Locator) -> Locator:
    """Links or buttons that lead to the same place are one for a person (a menu and a tile): the first (as
    the page shows them now)."""
    try:
        targets = set(found.evaluate_all(f"els => els.map({TARGET})"))
    except Error:
        return found
    return found.first if len(targets) == 1 else found


def newest(page: Page, what: Literal["period", "year"]) -> Locator:
    """The link to the newest period (month and year) or year the page shows."""
    return page.locator(f"newest={what}")


def message_regions(page: Page) -> Locator:
    """The regions a page says things in: its status and alert roles."""
    return page.get_by_role("status").or_(page.get_by_role("alert"))


def containing(page: Page, words: tuple[str, ...]) -> Locator:
    """The element that shows one of `words` (case and spacing aside): a status or alert region if one holds
    it."""
    pattern = re.compile("|".join(re.escape(" ".join(text.split())).replace(r"\ ", r"\s+") for text in words),
                         re.IGNORECASE)
    return message_regions(page).filter(has_text=pattern).or_(page.get_by_text(pattern)).first


SNAPSHOT_LINE = re.compile(r'^\s*- (\w+) "((?:[^"\\]|\\.)*)"', re.MULTILINE)
SNAPSHOT_ROLES: dict[str, tuple[str, ...]] = {
    "field": ("textbox", "combobox", "checkbox", "radio", "switch", "spinbutton", "searchbox", "listbox"),
    **ROLES}


def accessible_names(snapshot: str, kind: Kind | None = None) -> list[str]:
    """The names an ARIA snapshot (Playwright's) gives the elements of `kind` (every kind: None)."""
    roles = SNAPSHOT_ROLES[kind] if kind else None
    return [json.loads(f'"{name}"') for role, name in SNAPSHOT_LINE.findall(snapshot)
            if roles is None or role in roles]


def shown_name(found: Locator) -> str:
    """The accessible name of the (first) element `found`, as the browser's accessibility tree gives it."""
    try:
        names = accessible_names(found.first.aria_snapshot(timeout=2_000))
    except Error:
        return ""
    return names[0] if names else ""


@dataclass(frozen=True)
class Sought:
    """An element a step looks for: what a person calls it, how it is found, and where its words come from."""

    what: str  # « champ « Identifiant » »
    kind: Kind | None
    words: tuple[str, ...]
    where: str  # the profile's key (file [section] key) or the guide's line

    def explain(self, page: Page, locator: Locator) -> str | None:
        """Why `locator` fails, as a person would say it; None when it shows exactly one element."""
        try:
            count = locator.count()
        except Error:
            return None
        if count == 1:
            return None
        offered = ""
        if self.kind is not None:
            near = closest(page, self.kind, self.words)
            offered = (f" ; {KIND_NAMES[self.kind]} à l'écran les plus proches : " + ", ".join(f"« {n} »" for n in near)
                       if near else f" ; aucun élément parmi les {KIND_NAMES[self.kind]} à l'écran")
        if count == 0:
            return f"{self.what} introuvable{offered} ; à changer : {self.where}"
        return f"{self.what} ambigu ({count} éléments correspondent){offered} ; à préciser : {self.where}"


class NotOnScreen(AssertionError):
    """What a person looks for is not among what the page offers; the message lists what it offers."""


def labelled(page: Page, kind: Kind, label: str, where: str, url: str) -> tuple[Locator, str]:
    """The one link or button (of `kind`) the guide names « label » (one of links that lead to the same place),
    and its words as the screen shows them; else why not, with what to change (`where` the guide says it, `url`
    where the portal shows it)."""
    found = by_words(page, kind, (label,))
    count = found.count()
    if not count:  # a page drawn after a spinner: its links come a moment later, then their tier is chosen
        with contextlib.suppress(Error):
            found.first.wait_for(state="visible")
        found = by_words(page, kind, (label,))
        count = found.count()
    if count > 1:
        names = [shown_name(found.nth(i)) for i in range(min(count, 4))]
        shown = ", ".join(f"« {n} »" for n in names)
        raise NotOnScreen(f"libellé « {label} » ambigu : {count} éléments qui mènent à des endroits "
                          f"différents ({shown}) ; à préciser : {where} (le guide) ou le portail ({url})")
    if not count:  # the guide's words are on no link or button: say which are, and where the words are
        near = closest(page, kind, (label,))
        raise NotOnScreen(f"libellé « {label} » introuvable à l'écran"
                          + (f" ; les plus proches : {', '.join(f'« {n} »' for n in near)}" if near else "")
                          + f" ; à changer : {where} (le guide) ou le portail ({url})")
    return found.describe(f"« {label} »"), " ".join(shown_name(found).split())


def names_on_screen(page: Page, kind: Kind) -> list[str]:
    """The names of the elements of `kind` the page shows, as its accessibility tree gives them."""
    try:
        if kind == "message":  # a region's name is rarely given: its text is what a person reads
            regions = message_regions(page).filter(visible=True)
            return [" ".join(text.split()) for text in regions.all_inner_texts() if text.strip()]
        return list(dict.fromkeys(accessible_names(page.locator("body").aria_snapshot(timeout=2_000), kind)))
    except Error:
        return []


def closest(page: Page, kind: Kind, words: tuple[str, ...], n: int = 3) -> list[str]:
    """The names of that kind on screen nearest to `words`, as a person compares them."""
    names = {normalise(name): name for name in names_on_screen(page, kind)}
    near: list[str] = []
    for word in words:
        near += difflib.get_close_matches(normalise(word), list(names), n=n, cutoff=0.3)
    ranked = list(dict.fromkeys(near)) or list(names)
    return [names[key] for key in ranked[:n]]


def normalise(text: str) -> str:
    """Words as a reader compares them: case, spacing, a trailing « * », « ? » or hint aside."""
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"(\s*(\([^)]*\)|[*?:!.…]))+$", "", text).lstrip("* ").strip()
