"""The selector engine `newest=` (see scenarios/finding/find.py), registered in the browser: the newest period or year a
page shows, whatever its markup."""

from __future__ import annotations

import json

from playwright.sync_api import Error, Playwright

from scenarios.guide import MONTHS

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

def register(playwright: Playwright) -> None:
    """Register `newest=` in the browser (before any context is made; once per process)."""
    for name, script in (("newest", NEWEST_ENGINE),):
        try:
            playwright.selectors.register(name, script)
        except Error as error:
            if "has been already registered" not in str(error):
                raise
