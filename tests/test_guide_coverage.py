"""The guide is the specification: every step bound, every binding quoting the guide."""

from __future__ import annotations

from scenarios.errata import compare, page_references
from scenarios.guide import load, parse, procedures
from scenarios.steps import load_bindings


def test_every_guide_step_has_a_binding() -> None:
    bindings = load_bindings()
    unbound = [
        f"{p.slug} étape {s.number} : {s.text}"
        for p in procedures()
        for s in p.steps
        if p.slug not in bindings or s.text not in bindings[p.slug].steps
    ]
    assert unbound == []


def test_every_binding_quotes_a_step_of_the_guide() -> None:
    guide = {p.slug: {s.text for s in p.steps} for p in procedures()}
    stray = [
        f"{slug} : {text}"
        for slug, binding in load_bindings().items()
        for text in binding.steps
        if text not in guide.get(slug, set())
    ]
    assert stray == []


def test_guide_has_the_ten_questions_and_their_procedures() -> None:
    questions = load()
    assert [q.number for q in questions] == list(range(1, 11))
    assert [p.title for p in questions[0].procedures] == [
        "Mot de passe oublié", "Identifiant erroné/perdu/non reçu", "Compte bloqué"]


def test_a_changed_step_is_reported_unbound() -> None:
    edited = parse("## Question 1 : X\n\n### Mot de passe oublié\n\n1. Cliquer sur « mot de passe perdu ».\n")
    binding = load_bindings()["q01-mot-de-passe-oublie"]
    assert edited[0].procedures[0].steps[0].text not in binding.steps


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
