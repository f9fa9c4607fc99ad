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


def redact(text: str) -> str:
    """Reset tokens are masked wherever a URL or a message is reported."""
    return SECRET_IN_URL.sub(r"\1[jeton masqué]", text)


@dataclass
class Shot:
    png: bytes
    target: dict[str, float] | None  # the step's element, in page coordinates
    locator: str | None  # what that element is, in words


def screenshot_options(page: Page) -> dict[str, Any]:
    """The one set of screenshot options every capture uses: stable, full page, secrets masked."""
    secrets = Screen(page).secrets
    secrets.evaluate_all("(els, text) => els.forEach(e => { e.textContent = text; })", SECRET_PLACEHOLDER)
    return {"full_page": True, "animations": "disabled", "caret": "hide", "scale": "css",
            "mask": [secrets], "mask_color": "#5b6770"}


def shoot(page: Page, target: Locator | None) -> Shot:
    """The page as it is now (no hover), with the box of the step's element when it is visible."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.mouse.move(0, 0)  # no hover state left by the step's last click
    png = page.screenshot(**screenshot_options(page))
    box = None
    if target is not None and target.count() and target.is_visible():
        found = target.bounding_box()
        scroll_x, scroll_y = page.evaluate("[window.scrollX, window.scrollY]")
        box = {**found, "x": found["x"] + scroll_x, "y": found["y"] + scroll_y} if found else None
    return Shot(png, box, target.description if box and target is not None else None)


def failure_shot(page: Page, path: Path) -> str | None:
    """The page as the failing step left it, for the run report (never a guide image)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, timeout=5_000, **screenshot_options(page))
    except Exception:  # the page may be gone: the report says there is no screenshot
        return None
    return str(path)
