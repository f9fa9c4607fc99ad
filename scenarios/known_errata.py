"""The reviewed list of known contradictions between the guide and the product (docs/errata.toml).

A contradiction a run finds that is not on the list fails the run; a listed one that the run could
have found and did not is reported as fixed. `--accept-errata` appends the new ones to the list.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from .results import Erratum

LAST_PAGE = "derniere-page"  # `where` of the guide's last page (vendor, addresses)
HEADER = """\
# Contradictions between the guide (scenarios/guide.md) and the product, reviewed and accepted.
# A run fails on a contradiction not listed here; `--accept-errata` appends the new ones.
# where: the guide's procedure/step id (or "derniere-page"); kind, guide, product: as the run reports them.
"""


def load(path: Path) -> list[Erratum]:
    """The listed errata (none if the file does not exist)."""
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Erratum(e["kind"], e["guide"], e["product"], e["where"]) for e in data.get("erratum", [])]


def append(path: Path, errata: list[Erratum]) -> None:
    """Add `errata` to the list, as TOML a doc writer can read and edit."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    for e in errata:
        text += "\n[[erratum]]\n" + "".join(
            f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
            for key, value in (("where", e.where), ("kind", e.kind), ("guide", e.guide), ("product", e.product)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def new_and_fixed(known: list[Erratum], found: list[Erratum], ran: set[str]) -> tuple[list[Erratum], list[Erratum]]:
    """Found but not listed; listed, in a place that ran (`ran`: its `where` values), but not found."""
    listed, seen = set(known), set(found)
    new = [e for e in dict.fromkeys(found) if e not in listed]
    fixed = [e for e in known if e not in seen and e.where in ran]
    return new, fixed
