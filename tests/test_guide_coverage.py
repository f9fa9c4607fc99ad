"""The guide is the specification: every step bound by its id, every binding naming a step of the guide."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scenarios.binding import procedure_errors
from scenarios.errata import compare, page_references
from scenarios.guide import GuideError, parse
from scenarios.procedures import load_bindings
from tests.helpers import GUIDE

PROCEDURES = Path(__file__).resolve().parent.parent / "scenarios" / "procedures"
LOCATOR_METHODS = {"locator", "get_by_role", "get_by_label", "get_by_text", "get_by_placeholder", "get_by_alt_text",
                   "get_by_title", "get_by_test_id", "frame_locator", "query_selector", "wait_for_selector"}


def test_guide_has_the_ten_questions_and_their_procedures() -> None:
    questions = GUIDE.questions
    assert [q.number for q in questions] == list(range(1, 11))
    assert [p.title for p in questions[0].procedures] == [
        "Mot de passe oublié", "Identifiant erroné/perdu/non reçu", "Compte bloqué"]
    assert all(s.id for p in GUIDE.procedures for s in p.steps), "every step of guide.md carries its {#id}"


def test_ids_are_not_part_of_the_text() -> None:
    step = GUIDE.procedure("q01-mot-de-passe-oublie").steps[0]
    assert (step.id, step.text, step.quoted) == (
        "cliquer-mot-de-passe-oublie", "Cliquer sur « mot de passe oublié ».", ["mot de passe oublié"])
    assert step.where == "guide.md:13"


def edited(old: str, new: str) -> str:
    """guide.md as a doc writer would leave it after one edit."""
    assert old in GUIDE.text
    return GUIDE.text.replace(old, new, 1)


def test_a_reworded_step_keeps_its_binding() -> None:
    text = edited("1. Cliquer sur « mot de passe oublié ».", "1. Cliquez sur le lien « mot de passe oublié ».")
    guide = next(p for q in parse(text) for p in q.procedures if p.id == "q01-mot-de-passe-oublie")
    assert guide.steps[0].text.startswith("Cliquez sur le lien")
    assert procedure_errors(GUIDE, guide, load_bindings()) == []


def test_an_inserted_step_fails_in_one_line_naming_the_line_the_module_and_the_closest_step() -> None:
    text = edited("2. Saisir son identifiant", "2. Je vérifie mon adresse e-mail.\n2. Saisir son identifiant")
    guide = next(p for q in parse(text) for p in q.procedures if p.id == "q01-mot-de-passe-oublie")
    errors = procedure_errors(GUIDE, guide, load_bindings())
    assert len(errors) == 1 and "\n" not in errors[0]
    assert errors[0].startswith("guide.md:14: l'étape 2 « Je vérifie mon adresse e-mail. » n'a pas d'identifiant")
    assert "scenarios/procedures/access.py" in errors[0]
    assert "étape liée la plus proche : 1 {#cliquer-mot-de-passe-oublie}, scenarios/procedures/access.py:" in errors[0]


def test_a_step_whose_id_changed_points_at_its_old_binding() -> None:
    text = edited("{#recevoir-lien}", "{#recevoir-le-lien}")
    guide = next(p for q in parse(text) for p in q.procedures if p.id == "q01-mot-de-passe-oublie")
    errors = procedure_errors(GUIDE, guide, load_bindings())
    assert any("{#recevoir-le-lien} n'a pas de liaison" in e and "{#recevoir-lien}" in e for e in errors)
    assert any(e.startswith("scenarios/procedures/access.py:") and "{#recevoir-lien}" in e for e in errors)


def test_a_procedure_without_id_is_refused() -> None:
    with pytest.raises(GuideError, match=r"guide.md:3: la procédure « X » n'a pas d'identifiant"):
        parse("## Question 1 : Q\n\n### X\n")


def test_no_selector_literal_in_procedures() -> None:
    """Selectors live in scenarios/finding/pages/; procedures name page objects and the guide's quotes."""
    found = [f"{path.name}:{node.lineno} {node.func.attr}(...)"
             for path in sorted(PROCEDURES.glob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr in LOCATOR_METHODS]
    assert found == []


def test_errata_finds_contradicting_facts_and_accepts_matching_ones() -> None:
    product = "mycecurity@cecurity.com 05 82 01 01 01 du lundi au vendredi de 09:00 à 12:00 MyCecurity.com"
    assert compare("écrire à mycecurity@cecurity.com, MyCecurity, 05 82 01 01 01", product) == []
    found = compare("écrire à myceurity@ceurity.com ou au 05 82 01 01 02, MySecurity .COM", product)
    assert {(e.kind, e.guide, e.product) for e in found} == {
        ("adresse e-mail", "myceurity@ceurity.com", "mycecurity@cecurity.com"),
        ("téléphone", "05 82 01 01 02", "05 82 01 01 01"),
        ("nom de la marque", "MySecurity .COM", "MyCecurity.com"),
    }
    assert page_references("voir (page 5) et (page 8)") == ["(page 5)", "(page 8)"]


def test_french_spacing_binds_quotation_marks_and_punctuation_to_their_words() -> None:
    from scenarios.guide import french_spacing

    assert french_spacing("Cliquer sur « soumettre ». Oublié ? Oui : non ; voilà !") == \
        "Cliquer sur «\u00a0soumettre\u00a0». Oublié\u202f? Oui\u00a0: non\u202f; voilà\u202f!"
    assert french_spacing("https://www.mycecurity.com/?a=1") == "https://www.mycecurity.com/?a=1"  # no space, untouched
