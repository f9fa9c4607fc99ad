"""The selector engines `guide=` and `newest=` (see scenarios/find.py), registered in the browser."""

from __future__ import annotations

import json

from playwright.sync_api import Error, Playwright

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


def register(playwright: Playwright) -> None:
    """Register `guide=` and `newest=` in the browser (before any context is made; once per process)."""
    for name, script in (("guide", GUIDE_ENGINE), ("newest", NEWEST_ENGINE)):
        try:
            playwright.selectors.register(name, script)
        except Error as error:
            if "has been already registered" not in str(error):
                raise
