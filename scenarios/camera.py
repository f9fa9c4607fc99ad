"""Screenshots of the page as a step leaves it: stable, full page, secrets masked."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Locator, Page

from scenarios.secrecy import ON_SCREEN, Secrets

# What a secret shows on screenshots before it is masked: one length, so the image never varies.
SECRET_PLACEHOLDER = "x" * 10
SECRET_IN_URL = re.compile(r"(/reinitialiser/)[\w-]+")


MASK_COLOUR = "#5b6770"
# Before every capture: the run's secrets masked wherever the page shows them (a real portal marks nothing),
# fonts loaded, no focus ring nor caret (the callouts alone say which elements the step is about), secrets the
# portal marks data-secret replaced by a placeholder of one length and masked by a box of one colour, so the
# image never varies.
PREPARE = """async ({placeholder, secrets}) => {
  if (secrets.length) (ON_SCREEN)(secrets);
  await document.fonts.ready;
  const focused = document.activeElement;
  if (focused && focused !== document.body) focused.blur();
  document.querySelectorAll("[data-secret]").forEach(e => {
    e.textContent = placeholder;
    e.style.setProperty("background-color", "MASK_COLOUR", "important");
    e.style.setProperty("color", "transparent", "important");
  });
}""".replace("MASK_COLOUR", MASK_COLOUR).replace("ON_SCREEN", ON_SCREEN)
# The whole page's size, as Playwright measures it for a full-page screenshot; and whether the mouse, where a
# step's last click left it, hovers anything the top-left corner would not (a hover style on the image).
PAGE_SIZE = """() => {
  const body = document.body, root = document.documentElement;
  const hovered = [...document.querySelectorAll(":hover")].pop();
  return {width: Math.max(body.scrollWidth, root.scrollWidth, body.offsetWidth, root.offsetWidth, body.clientWidth,
                          root.clientWidth),
          height: Math.max(body.scrollHeight, root.scrollHeight, body.offsetHeight, root.offsetHeight,
                           body.clientHeight, root.clientHeight),
          hovering: hovered !== undefined && hovered !== document.elementFromPoint(0, 0)};
}"""

# The box of an element the step is about, in page coordinates, and the card, form or section around it
# (the region a printed guide shows); nothing when the locator does not match exactly one visible element.
# Given what PREPARE takes, it prepares the page first, in the same call.
BOXES_OF = """async (elements, preparing) => {
  if (preparing !== null) await (PREPARE)(preparing);
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


class Camera:
    """Captures of one page, through its own DevTools session (opened at the first capture); the run's secrets
    (`secrets`: what the person typed or read that lets one in) masked on the page first, wherever it shows them
    (a real portal's mail marks nothing data-secret)."""

    def __init__(self, page: Page, secrets: Secrets | None = None) -> None:
        self.page = page
        self.secrets = secrets
        self.session: CDPSession | None = None

    def capture(self) -> bytes:
        """The whole page as a PNG, the pixels page.screenshot(full_page=True) gives once `prepare` has run
        and the mouse left what it hovered.

        Chromium encodes it for speed when asked (DevTools' Page.captureScreenshot `optimizeForSpeed`, an
        option Puppeteer passes on, puppeteer/puppeteer#10492, and Playwright's screenshot does not): the same
        pixels in a larger file, about 40 ms and 55 ms of CPU less per capture. The guide's images are
        re-encoded small when annotated.
        """
        page = self.page
        if self.session is None:
            self.session = page.context.new_cdp_session(page)
        size, viewport = page.evaluate(PAGE_SIZE), page.viewport_size
        if size["hovering"]:
            page.mouse.move(0, 0)  # no hover state left by the step's last click (hover styles change colours)
        fits = viewport is not None and size["width"] <= viewport["width"] and size["height"] <= viewport["height"]
        shot = self.session.send("Page.captureScreenshot", {
            "format": "png", "optimizeForSpeed": True, "captureBeyondViewport": not fits,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        return base64.b64decode(shot["data"])

    def shoot(self, targets: list[Locator], fallback: Shot | None = None) -> Shot:
        """The page as it is now, with the boxes of the step's visible elements; `fallback` instead (no
        capture) when none of them is on the page any more and it was taken where they were."""
        found = prepare(self.page, targets, sorted(self.secrets.values) if self.secrets else ())
        if not found and fallback is not None:
            return fallback
        return Shot(self.capture(), found)


def prepare(page: Page, targets: Sequence[Locator] = (), secrets: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The page as a capture shows it (`secrets` and what the portal marks masked, fonts loaded, no focus ring),
    and the boxes of the step's elements that are on it, each with its card and its words."""
    preparing = {"placeholder": SECRET_PLACEHOLDER, "secrets": list(secrets)}
    if not targets:
        page.evaluate(PREPARE, preparing)
    found = []
    for index, target in enumerate(targets):
        box = target.evaluate_all(BOXES_OF, preparing if index == 0 else None)
        if box:
            card = box.pop("card")
            found.append({**box, "label": target.description, "card": card})
    return found


def failure_shot(page: Page, path: Path, secrets: Sequence[str] = ()) -> str | None:
    """The page as the failing step left it, for the run report (never a guide image), without a secret the
    run met on screen (`secrets`) nor one the portal marks."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        prepare(page, secrets=secrets)
        page.screenshot(path=path, timeout=5_000, full_page=True)  # a hung page gives up after 5 s
    except Exception:  # the page may be gone: the report says there is no screenshot
        return None
    return str(path)
