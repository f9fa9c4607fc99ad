"""Screenshots of the page as a step leaves it: stable, full page, secrets masked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

from .pages import Screen

# What a secret shows on screenshots before it is masked: one length, so the image never varies.
SECRET_PLACEHOLDER = "x" * 10
SECRET_IN_URL = re.compile(r"(/reinitialiser/)[\w-]+")


CARD_OF = """el => {
  let card = el.closest(".card, article, section") || el.closest("form, dl, header") || el;
  if (card.getBoundingClientRect().width > 1000) card = el;  // a page-wide bar: the element alone
  const box = card.getBoundingClientRect();
  return {x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height};
}"""


def redact(text: str) -> str:
    """Reset tokens are masked wherever a URL or a message is reported."""
    return SECRET_IN_URL.sub(r"\1[jeton masqué]", text)


@dataclass
class Shot:
    png: bytes
    targets: list[dict[str, Any]]  # the step's elements on this page: box in page coordinates, and in words


def screenshot_options(page: Page) -> dict[str, Any]:
    """The one set of screenshot options every capture uses: stable, full page, secrets masked."""
    secrets = Screen(page).secrets
    secrets.evaluate_all("(els, text) => els.forEach(e => { e.textContent = text; })", SECRET_PLACEHOLDER)
    return {"full_page": True, "animations": "disabled", "caret": "hide", "scale": "css",
            "mask": [secrets], "mask_color": "#5b6770"}


def shoot(page: Page, targets: list[Locator]) -> Shot:
    """The page as it is now (no hover, no focus ring), with the boxes of the step's visible elements."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.mouse.move(0, 0)  # no hover state left by the step's last click
    # No focus ring either: the callouts alone say which elements the step is about.
    page.evaluate("document.activeElement && document.activeElement !== document.body && document.activeElement.blur()")
    png = page.screenshot(**screenshot_options(page))
    boxes = []
    scroll_x, scroll_y = page.evaluate("[window.scrollX, window.scrollY]")
    for target in targets:
        found = target.bounding_box() if target.count() == 1 and target.is_visible() else None
        if found:
            # The card, form or section around the element: the region a printed guide shows.
            card = target.evaluate(CARD_OF)
            boxes.append({**found, "x": found["x"] + scroll_x, "y": found["y"] + scroll_y,
                          "label": target.description, "card": card})
    return Shot(png, boxes)


def failure_shot(page: Page, path: Path) -> str | None:
    """The page as the failing step left it, for the run report (never a guide image)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, timeout=5_000, **screenshot_options(page))
    except Exception:  # the page may be gone: the report says there is no screenshot
        return None
    return str(path)
