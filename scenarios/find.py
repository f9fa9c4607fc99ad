"""Finding elements the way a person does: by the words they read, with a person's tolerance.

A selector engine (`guide=`) registered in the browser finds a form field by its label, a link or a button by
its name, a heading by its text: the same words first, case, spacing, a « * », « ? » or « : » and a
parenthesised hint aside; then a name that starts with the words; then one that contains them. Several words
are alternatives, tried in order. A `<details>` summary or a `<button aria-expanded>` are buttons, an
`<input type=submit>` too. `newest=` finds the link of the newest period (month and year) or year a page
shows, whatever its markup (a list, a table, cards).

Every element the scenarios look for is a `Sought`: what a person would call it, the words tried, and where
those words come from (the guide's line or the portal profile's key), so that a failure says what was sought,
what the page offers instead, and what to change.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from playwright.sync_api import Error, Locator, Page, Playwright

Kind = Literal["field", "button", "link", "control", "heading", "message"]
KIND_NAMES = {"field": "champs", "button": "boutons", "link": "liens", "control": "liens et boutons",
              "heading": "titres", "message": "messages (status, alert)"}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")

# Shared by both engines and by `names_on_screen`: what elements of a kind there are, and their names.
ELEMENTS = r"""
const KINDS = {
  field: "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), "
         + "select, textarea",
  button: "button, input[type=submit], input[type=button], input[type=reset], [role=button], summary, [role=tab]",
  link: "a[href], [role=link], [role=menuitem]",
  heading: "h1, h2, h3, h4, h5, h6, [role=heading]",
  message: "[role=status], [role=alert], [aria-live]",
};
KINDS.control = KINDS.link + ", " + KINDS.button;
const squash = s => (s || "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
const clean = s => squash(s).replace(/^[\s*«"'›>-]+/, "").replace(/(\s*(\([^)]*\)|[*?:!.…»"'›>]))+$/, "").trim();
const textOf = el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll("input, select, textarea, [aria-hidden=true]").forEach(x => x.remove());
  return copy.textContent || "";
};
const namesOf = (el, kind) => {
  const names = [];
  const by = el.getAttribute("aria-labelledby");
  const byId = id => textOf(document.getElementById(id) || document.createElement("i"));
  if (by) names.push(by.split(/\s+/).map(byId).join(" "));
  if (el.getAttribute("aria-label")) names.push(el.getAttribute("aria-label"));
  if (kind === "field") {
    for (const label of el.labels || []) names.push(textOf(label));
    if (!names.length && el.placeholder) names.push(el.placeholder);
  } else {
    names.push(el.matches("input") ? el.value : (el.innerText || el.textContent || ""));
    if (el.title) names.push(el.title);
  }
  return names.map(clean).filter(n => n);
};
const visible = el => {
  const r = el.getBoundingClientRect();
  const shown = el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true;  // a closed <details>
  return shown && r.width > 0 && r.height > 0;
};
const elementsOf = (root, kind) => [...root.querySelectorAll(KINDS[kind])];
"""

GUIDE_ENGINE = """{
  queryAll(root, body) {
    ELEMENTS
    const {kind, words} = JSON.parse(decodeURIComponent(body));
    const wanted = words.map(clean);
    // What a person can see: not what a closed menu or a hidden panel holds.
    const found = elementsOf(root, kind).filter(visible).map(el => ({el, names: namesOf(el, kind)}));
    const tiers = [(n, w) => n === w, (n, w) => n.startsWith(w + " "),
                   (n, w) => (" " + n + " ").includes(" " + w + " ")];
    for (const tier of tiers) {
      for (const w of wanted) {
        const hits = found.filter(f => f.names.some(n => tier(n, w))).map(f => f.el);
        if (!hits.length) continue;
        // Links or buttons that lead to the same place are one for a person (a menu and a tile): the first.
        const target = el => el.href ? "a:" + el.href
          : "b:" + ((el.form && el.form.action) || "") + ":" + squash(el.innerText || el.value);
        const one = hits.every(h => target(h) === target(hits[0]));
        if (kind !== "field" && kind !== "heading" && one) return [hits[0]];
        return hits;
      }
    }
    return [];
  }
}""".replace("ELEMENTS", ELEMENTS)

NEWEST_ENGINE = """{
  queryAll(root, body) {
    const what = decodeURIComponent(body);
    const months = MONTHS;
    const periodOf = text => {
      const t = (text || "").toLowerCase();
      let m = t.match(new RegExp("(" + months.join("|") + ")\\\\s+(\\\\d{4})"));
      if (m) return +m[2] * 100 + months.indexOf(m[1]) + 1;
      m = t.match(/\\b(0?[1-9]|1[0-2])[\\/.-](\\d{4})\\b/) ;
      if (m) return +m[2] * 100 + +m[1];
      m = t.match(/\\b(\\d{4})-(0[1-9]|1[0-2])\\b/);
      return m ? +m[1] * 100 + +m[2] : null;
    };
    const yearOf = text => { const m = (text || "").trim().match(/^(\\d{4})\\b/); return m ? +m[1] : null; };
    let best = null, bestValue = -1;
    for (const link of root.querySelectorAll("a[href], [role=link], button, [role=tab]")) {
      if (!link.getBoundingClientRect().width) continue;
      const around = link.closest("tr, li, [role=row], [role=listitem], article") || link;
      const value = what === "year" ? yearOf(link.innerText) : (periodOf(link.innerText) ?? periodOf(around.innerText));
      if (value !== null && value > bestValue) { best = link; bestValue = value; }
    }
    return best ? [best] : [];
  }
}""".replace("MONTHS", json.dumps(MONTHS))

NAMES_ON_SCREEN = """(kind) => {
  ELEMENTS
  const seen = new Set();
  for (const el of elementsOf(document, kind)) {
    if (!visible(el)) continue;
    const shown = kind === "field" ? [...(el.labels || [])].map(textOf).concat([el.getAttribute("aria-label") || ""])
                                   : [el.matches("input") ? el.value : el.innerText];
    for (const name of shown) { const n = (name || "").replace(/\\s+/g, " ").trim(); if (n) seen.add(n); }
  }
  return [...seen];
}""".replace("ELEMENTS", ELEMENTS)


# What a found element shows a person: a field's label, a link's or button's words (a submit input's value).
SHOWN = """el => {
  if (el.matches("input, select, textarea")) {
    const label = el.labels && el.labels[0];
    return label ? label.textContent : (el.getAttribute("aria-label") || el.value || "");
  }
  return el.innerText || el.textContent || "";
}"""


def register_engines(playwright: Playwright) -> None:
    """Register `guide=` and `newest=` in the browser (before any context is made; once per process)."""
    for name, script in (("guide", GUIDE_ENGINE), ("newest", NEWEST_ENGINE)):
        try:
            playwright.selectors.register(name, script)
        except Error as error:
            if "has been already registered" not in str(error):
                raise


def by_words(page: Page | Locator, kind: Kind, words: tuple[str, ...]) -> Locator:
    """Elements of `kind` named by `words` (alternatives, in order), compared as a person reads them."""
    body = quote(json.dumps({"kind": kind, "words": list(words)}, ensure_ascii=False), safe="")
    return page.locator(f"guide={body}")


def newest(page: Page, what: Literal["period", "year"]) -> Locator:
    """The link to the newest period (month and year) or year the page shows."""
    return page.locator(f"newest={what}")


def containing(page: Page, words: tuple[str, ...]) -> Locator:
    """The element that shows one of `words` (case and spacing aside): a status or alert region if one holds
    it."""
    pattern = re.compile("|".join(re.escape(" ".join(text.split())).replace(r"\ ", r"\s+") for text in words),
                         re.IGNORECASE)
    regions = page.get_by_role("status").or_(page.get_by_role("alert")).filter(has_text=pattern)
    return regions.or_(page.get_by_text(pattern)).first


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


def names_on_screen(page: Page, kind: Kind) -> list[str]:
    try:
        return list(page.evaluate(NAMES_ON_SCREEN, kind))
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


PERIOD = re.compile(rf"\b({'|'.join(MONTHS)})\s+(\d{{4}})\b"  # février 2026
                    r"|\b(0?[1-9]|1[0-2])[/.-](\d{4})\b"  # 02/2026
                    r"|\b(\d{4})-(0[1-9]|1[0-2])\b", re.IGNORECASE)  # 2026-02
ROW_TEXT = "l => (l.closest('tr, li, [role=row], [role=listitem], article') || l).innerText"


def period_of(link: Locator) -> tuple[str, ...]:
    """The period (month and year) a document's link or its row shows, in the ways a page may write it."""
    text = str(link.evaluate(ROW_TEXT))
    found = PERIOD.search(link.inner_text()) or PERIOD.search(text)
    if not found:
        raise NotOnScreen(f"aucune période (mois et année) dans « {' '.join(text.split())} »")
    if found[1]:
        month, year = MONTHS.index(found[1].lower()) + 1, int(found[2])
    elif found[3]:
        month, year = int(found[3]), int(found[4])
    else:
        month, year = int(found[6]), int(found[5])
    return f"{MONTHS[month - 1]} {year}", f"{month:02d}/{year}", f"{year}-{month:02d}"


class NotOnScreen(AssertionError):
    """What a person looks for is not among what the page offers; the message lists what it offers."""


OPTIONS = "options => options.map(o => [o.value, o.textContent])"


def pick_month(select: Locator, month: int) -> None:
    """Pick the month in a list as a person does, whatever it shows: « 6 », « 06 », « Juin »..."""
    options = [(str(v), str(t)) for v, t in select.locator("option").evaluate_all(OPTIONS)]
    value = month_option(options, month)
    if value is None:
        shown = ", ".join(f"« {t.strip()} »" for _, t in options)
        raise NotOnScreen(f"mois {month} introuvable dans la liste : {shown}")
    select.select_option(value)


def pick(select: Locator, words: tuple[str, ...]) -> None:
    """Pick the option a person would read as `words` (alternatives, in order)."""
    options = [(str(v), str(t)) for v, t in select.locator("option").evaluate_all(OPTIONS)]
    for word in words:
        for value, text in options:
            if normalise(word) in normalise(text):
                select.select_option(value)
                return
    shown = ", ".join(f"« {t.strip()} »" for _, t in options)
    raise NotOnScreen(f"aucune option « {words[0]} » dans la liste : {shown}")


def month_option(options: list[tuple[str, str]], month: int) -> str | None:
    """The value of the option that means `month`: « 6 », « 06 », « Juin », « juin 2000 »..."""
    wanted = {str(month), f"{month:02d}", MONTHS[month - 1]}
    for value, label in options:
        if value.strip().casefold() in wanted or normalise(label) in wanted \
                or normalise(label).split(" ")[0] in wanted:
            return value
    return None
