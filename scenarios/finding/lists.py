"""Reading what a page lists as a person reads it: the period a document's row shows, a month or an option
picked in a list whatever its wording."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from scenarios.finding.find import NotOnScreen, normalise
from scenarios.guide import MONTHS

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
