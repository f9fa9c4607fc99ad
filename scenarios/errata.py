"""Facts the guide states (addresses, phones, hours, brand, page references) checked
against what the product shows."""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from pathlib import Path

from scenarios.results import Erratum

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\b0\d(?: \d{2}){4}\b")
HOURS = re.compile(r"du lundi au vendredi de [\d:]+ à [\d:]+(?: et de [\d:]+ à [\d:]+)?")
BRAND = re.compile(r"(?<![@\w.])My ?[A-Z][a-z]*urity\b(?!@)(?: ?\.COM|\.com)?")
DOMAIN = re.compile(r"(?<![@\w.-])(?:[a-z0-9-]+\.)+com\b", re.IGNORECASE)
ADDRESS = re.compile(r"\d+ (?:rue|avenue|boulevard|place) [^,\n]+?,? \d{5} [A-Z][\w-]+")
PAGE_REF = re.compile(r"\(page \d+\)")

KINDS = {
    "email": (EMAIL, "adresse e-mail"),
    "phone": (PHONE, "téléphone"),
    "hours": (HOURS, "horaires"),
    "brand": (BRAND, "nom de la marque"),
    "domain": (DOMAIN, "nom de domaine"),
    "address": (ADDRESS, "adresse postale"),
}


def canonical(kind: str, value: str) -> str:
    value = value.strip().rstrip(".")
    if kind == "brand":
        return re.sub(r"\s+", "", value).casefold().removesuffix(".com")
    if kind == "address":
        return re.sub(r"[\s,]+", " ", value).casefold()
    return value.casefold()


def compare(guide_text: str, product_text: str, kinds: tuple[str, ...] = tuple(KINDS)) -> list[Erratum]:
    """Each fact of `guide_text` that `product_text` does not state, with the nearest one it does."""
    found: list[Erratum] = []
    guide_text, product_text = " ".join(guide_text.split()), " ".join(product_text.split())  # lines as a reader
    for kind in kinds:
        pattern, label = KINDS[kind]
        product_values = {canonical(kind, v): v for v in pattern.findall(product_text)}
        for value in dict.fromkeys(pattern.findall(guide_text)):
            if canonical(kind, value) in product_values:
                continue
            nearest = difflib.get_close_matches(canonical(kind, value), list(product_values), n=1, cutoff=0)
            shown = product_values[nearest[0]] if nearest else "(absent du produit)"
            found.append(Erratum(label, value.strip(), shown))
    return found


def page_references(guide_text: str) -> list[str]:
    """« (page N) » references: the regenerated guide has no fixed pages to point to."""
    return PAGE_REF.findall(guide_text)


# ---- the reviewed list of known contradictions between the guide and the product (docs/errata.toml): a
# contradiction a run finds that is not on the list fails the run; a listed one that the run could have found
# and did not is reported as fixed. `--accept-errata` appends the new ones to the list.

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
