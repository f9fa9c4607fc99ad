"""The options that name the portal under test, declared once for the pytest plugin and for `coffre-guide probe`."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--portal", {"default": os.environ.get("COFFRE_GUIDE_PORTAL"), "metavar": "FILE",
                  "help": "the portal's profile: its labels, titles, messages and paths the guide does not give "
                          "(default: the embedded mock's, scenarios/finding/profiles/mycecurity.toml; "
                          "$COFFRE_GUIDE_PORTAL)"}),
    ("--refusdemat-url", {"help": "base URL of the refusal site (default: embedded mock)"}),
    ("--corporate-url", {"help": "base URL of the corporate site (default: embedded mock)"}),
    ("--trust-spki", {"metavar": "SHA256_BASE64",
                      "help": "trust this certificate key in the browser (a hand-started mock prints its own)"}),
    ("--accounts", {"default": os.environ.get("COFFRE_GUIDE_ACCOUNTS"), "metavar": "FILE",
                    "help": "TOML file of test accounts on the portal under test (docs/accounts.example.toml); "
                            "default $COFFRE_GUIDE_ACCOUNTS"}),
)


def declare(add: Callable[..., Any]) -> None:
    """Declare every option with `add` (pytest's `group.addoption` or argparse's `add_argument`)."""
    for flag, spec in OPTIONS:
        add(flag, **spec)
