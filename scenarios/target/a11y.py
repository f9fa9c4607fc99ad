"""Accessibility audit of a page with axe-core (shipped in axe-playwright-python: no download)."""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def page_key(url: str) -> str:
    """One audit per kind of page: numbers and tokens in the path do not make a new page."""
    return re.sub(r"/(\d+|[\w-]{20,})(?=/|$)", "/:id", url.split("?", 1)[0])


def audit(page: Page) -> list[dict[str, Any]]:
    """WCAG 2.1 A and AA violations on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    return [
        {"id": v["id"], "impact": v.get("impact"), "help": v["help"],
         "targets": [", ".join(map(str, node["target"])) for node in v["nodes"]][:5]}
        for v in results.response["violations"]
    ]
