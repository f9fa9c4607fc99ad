"""Screenshots of the page as a step leaves it: stable, full page, secrets masked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

from .pages import Screen

# What a secret shows on screenshots before it is masked: one length, so the image never varies.
SECRET_PLACEHOLDER = "x" * 10
SECRET_IN_URL = re.compile(r"(/reinitialiser/)[\w-]+")


# Before every capture: fonts loaded, no focus ring (the callouts alone say which elements the step is
# about), secrets replaced by a placeholder of one length, so the image never varies.
PREPARE = """async placeholder => {
  await document.fonts.ready;
  const focused = document.activeElement;
  if (focused && focused !== document.body) focused.blur();
  document.querySelectorAll("[data-secret]").forEach(e => { e.textContent = placeholder; });
}"""

# The box of an element the step is about, in page coordinates, and the card, form or section around it
# (the region a printed guide shows); nothing when the locator does not match exactly one visible element.
# Given the placeholder, it prepares the page first: one call to the page instead of two.
BOXES_OF = """async (elements, placeholder) => {
  if (placeholder !== null) await (PREPARE)(placeholder);
  if (elements.length !== 1) return null;
  const el = elements[0];
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  if (!box.width || !box.height || style.visibility === "hidden") return null;
  let card = el.closest(".card, article, section") || el.closest("form, dl, header") || el;
  if (card.getBoundingClientRect().width > 1000) card = el;  // a page-wide bar: the element alone
  const around = card.getBoundingClientRect();
  const page = b => ({x: b.x + window.scrollX, y: b.y + window.scrollY, width: b.width, height: b.height});
  return {...page(box), card: page(around)};
}""".replace("PREPARE", PREPARE)


def redact(text: str) -> str:
    """Reset tokens are masked wherever a URL or a message is reported."""
    return SECRET_IN_URL.sub(r"\1[jeton masqué]", text)


@dataclass
class Shot:
    png: bytes
    targets: list[dict[str, Any]]  # the step's elements on this page: box in page coordinates, and in words


def screenshot_options(page: Page) -> dict[str, Any]:
    """The one set of screenshot options every capture uses: stable, full page, secrets masked."""
    return {"full_page": True, "animations": "disabled", "caret": "hide", "scale": "css",
            "mask": [Screen(page).secrets], "mask_color": "#5b6770"}


def prepare(page: Page, targets: Sequence[Locator] = ()) -> list[dict[str, Any]]:
    """The page as a capture shows it (no hover, fonts loaded, no focus ring, secrets as placeholders), and
    the boxes of the step's elements that are on it, each with its card and its words."""
    page.mouse.move(0, 0)  # no hover state left by the step's last click
    if not targets:
        page.evaluate(PREPARE, SECRET_PLACEHOLDER)
    found = []
    for index, target in enumerate(targets):
        box = target.evaluate_all(BOXES_OF, SECRET_PLACEHOLDER if index == 0 else None)
        if box:
            card = box.pop("card")
            found.append({**box, "label": target.description, "card": card})
    return found


def shoot(page: Page, targets: list[Locator], fallback: Shot | None = None) -> Shot:
    """The page as it is now, with the boxes of the step's visible elements; `fallback` instead (no capture)
    when none of them is on the page any more and it was taken where they were."""
    found = prepare(page, targets)
    if not found and fallback is not None:
        return fallback
    return Shot(page.screenshot(**screenshot_options(page)), found)


def failure_shot(page: Page, path: Path) -> str | None:
    """The page as the failing step left it, for the run report (never a guide image)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        prepare(page)
        page.screenshot(path=path, timeout=5_000, **screenshot_options(page))
    except Exception:  # the page may be gone: the report says there is no screenshot
        return None
    return str(path)
