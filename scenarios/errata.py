"""Facts the guide states (addresses, phones, hours, brand, page references) checked
against what the product shows."""

from __future__ import annotations

import difflib
import re

from .results import Erratum

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
