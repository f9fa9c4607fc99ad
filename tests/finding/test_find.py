"""Elements found as a person finds them (scenarios/finding/find.py), and failures that say what was sought and what
is there instead (a kind of failure a test)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error, Page, expect

from scenarios.actor import Actor
from scenarios.employee import Employee
from scenarios.finding import find, lists, pages
from scenarios.finding.find import NotOnScreen
from scenarios.finding.portal_profile import Portal
from scenarios.plugin.fixtures import STEP_TIMEOUT_MS
from scenarios.results import StepResult
from scenarios.step import StepScope
from scenarios.target.sites import Sites
from tests.helpers import GUIDE

LOGIN_STEP = ("q01-mot-de-passe-oublie", "saisir-identifiant-et-mail")


@pytest.fixture
def quick_checks() -> Iterator[None]:
    """Checks that fail within a second (the suite's own timeout is set back after)."""
    expect.set_options(timeout=1_000)
    yield
    expect.set_options(timeout=STEP_TIMEOUT_MS)


@pytest.fixture
def actor(page: Page, sites: Sites, quick_checks: None) -> Actor:
    """An actor on step 2 of « Mot de passe oublié », on whatever page the test sets."""
    page.set_default_timeout(1_000)
    step = GUIDE.procedure(LOGIN_STEP[0]).step(LOGIN_STEP[1])
    person = Actor(page, sites, Employee(first_name="Paul", last_name="Dupont"), portal=Portal.load())
    person.current = StepScope(step, StepResult(step.id, step.number, step.text, step.line), person.camera,
                               GUIDE.procedure(LOGIN_STEP[0]))
    return person


@pytest.mark.parametrize(("markup", "kind", "words"), [
    ('<label for="i">Identifiant</label><input id="i">', "field", "Identifiant"),
    ('<label for="i">Identifiant *</label><input id="i">', "field", "Identifiant"),
    ('<label for="i">IDENTIFIANT (12 chiffres)</label><input id="i">', "field", "Identifiant"),
    ('<label for="i">Identifiant ou adresse e-mail</label><input id="i">', "field", "Identifiant"),
    ('<label>Votre identifiant<input id="i"></label>', "field", "Identifiant"),
    ('<input id="i" aria-label="Identifiant :">', "field", "Identifiant"),
    ('<details><summary id="i">Paul DUPONT</summary><a href="/p">Profil</a></details>', "button", "Paul Dupont"),
    ('<button id="i" aria-expanded="false">Bonjour, Paul Dupont</button>', "button", "Paul Dupont"),
    ('<form><input id="i" type="submit" value="Soumettre"></form>', "button", "soumettre"),
    ('<nav><a id="i" href="/b">Bulletins de paie</a></nav><main><a href="/b">BULLETINS DE PAIE</a></main>', "link",
     "bulletins de paie"),
    ('<a id="i" href="/aide">Besoin d\'aide ?</a>', "control", "BESOIN D'AIDE"),
])
def test_an_element_is_found_with_a_person_s_tolerance(page: Page, markup: str, kind: find.Kind, words: str) -> None:
    page.set_content(f'<html lang="fr"><body>{markup}</body></html>')
    found = find.by_words(page, kind, (words,))
    expect(found).to_have_count(1)
    expect(found).to_have_id("i")


@pytest.mark.parametrize(("markup", "words"), [
    ('<label for="a">Nouveau mot de passe</label><input id="a">'
     '<label for="b">Confirmation du nouveau mot de passe</label><input id="b">', "Nouveau mot de passe"),
    ('<label for="a">E-mail</label><input id="a"><label for="b">Confirmation e-mail</label><input id="b">', "E-mail"),
])
def test_the_same_words_come_before_a_label_that_contains_them(page: Page, markup: str, words: str) -> None:
    page.set_content(f"<body>{markup}</body>")
    expect(find.by_words(page, "field", (words,))).to_have_id("a")


def test_what_a_closed_menu_holds_is_not_on_screen(page: Page) -> None:
    page.set_content('<details><summary>Paul</summary><a href="/g">Guide</a></details><p><a href="/g">Guide</a></p>')
    found = find.by_words(page, "link", ("Guide",))
    expect(found).to_have_count(1)
    assert found.evaluate("a => a.closest('p') !== null")


@pytest.mark.parametrize("markup", [
    '<ol><li><a href="/3">Bulletin de paie mars 2026</a></li><li><a href="/2">Bulletin de paie février 2026</a></li>'
    '<li><a href="/1">Bulletin de paie janvier 2026</a></li></ol>',
    '<nav><ul><li><a href="/x">Mes documents</a></li></ul></nav><table><tr><td>01/2026</td><td><a href="/1">'
    'Consulter</a></td></tr><tr><td>03/2026</td><td><a href="/3">Consulter</a></td></tr><tr><td>12/2025</td><td>'
    '<a href="/0">Consulter</a></td></tr></table>',
])
def test_the_latest_payslip_is_the_newest_period_the_page_shows(page: Page, markup: str) -> None:
    page.set_content(f"<body>{markup}</body>")
    latest = find.newest(page, "period")
    expect(latest).to_have_attribute("href", "/3")
    assert lists.period_of(latest) == ("mars 2026", "03/2026", "2026-03")


@pytest.mark.parametrize(("options", "value"), [
    ([("", "Mois"), ("1", "Janvier"), ("6", "Juin")], "6"),
    ([("01", "Janvier"), ("06", "Juin")], "06"),
    ([("jan", "janvier"), ("juin", "juin")], "juin"),
    ([("a", "Janvier"), ("b", "Juin")], "b"),
])
def test_a_month_is_picked_whatever_the_list_shows(options: list[tuple[str, str]], value: str) -> None:
    assert lists.month_option(options, 6) == value


# ---- a kind of failure a test: what was sought, what the page offers, what to change


def test_a_missing_field_names_the_closest_fields_and_the_profile_key(actor: Actor) -> None:
    actor.page.set_content('<label for="c">Code secret</label><input id="c"><label>Identifiant<input></label>')
    with pytest.raises(Error) as failed:
        actor.on(pages.Login).password.fill("x")
    assert actor.step.explain(failed.value) == (
        "champ « Mot de passe » introuvable ; champs à l'écran les plus proches : « Code secret » ; "
        "à changer : mycecurity.toml [labels.login] password")


def test_a_missing_label_of_the_guide_names_the_closest_and_the_guide_line(actor: Actor) -> None:
    actor.page.set_content('<form><button>Envoyer</button><a href="/">soumission</a></form>')
    with pytest.raises(NotOnScreen, match=re.escape(
            "libellé « soumettre » introuvable à l'écran ; les plus proches : « soumission » ; "
            "à changer : guide.md:14 (le guide) ou le portail")):
        actor.labelled("soumettre")


def test_an_ambiguous_link_names_both(actor: Actor) -> None:
    actor.page.set_content('<a href="/a">Soumettre</a><a href="/b">soumettre</a>')
    with pytest.raises(NotOnScreen, match=re.escape("libellé « soumettre » ambigu : 2 éléments qui mènent à des "
                                                   "endroits différents (« Soumettre », « soumettre »)")) as failed:
        actor.labelled("soumettre")
    assert "guide.md:14" in str(failed.value)


def test_an_ambiguous_field_is_not_filled(actor: Actor) -> None:
    actor.page.set_content('<label>Mot de passe<input></label><label>Mot de passe<input></label>')
    with pytest.raises(Error) as failed:
        actor.on(pages.Login).password.fill("x")
    assert actor.step.explain(failed.value) == (
        "champ « Mot de passe » ambigu (2 éléments correspondent) ; champs à l'écran les plus proches : "
        "« Mot de passe » ; à préciser : mycecurity.toml [labels.login] password")


def test_the_wrong_page_names_the_title_sought_and_the_titles_shown(actor: Actor) -> None:
    actor.page.set_content("<h1>Accueil</h1><h2>Mes documents</h2>")
    with pytest.raises(AssertionError) as failed:
        actor.arrive(pages.Profile)
    explained = actor.step.explain(failed.value)
    assert explained is not None and explained.startswith("titre « Mes informations de profil » introuvable ; titres "
                                                          "à l'écran les plus proches : ")
    assert "« Mes documents »" in explained
    assert explained.endswith("à changer : mycecurity.toml [titles] profile")


def test_an_element_that_is_there_is_named_before_playwright_s_words(actor: Actor) -> None:
    actor.page.set_content('<label>Mot de passe<input disabled></label>')
    with pytest.raises(Error) as failed:
        actor.on(pages.Login).password.fill("x")
    explained = actor.step.explain(failed.value)
    assert explained is not None and explained.startswith("champ « Mot de passe » : Locator.fill: Timeout")
    assert "Call log" not in explained


# ---- the guide gained a step no code runs yet, or lost one that still has code


def test_a_step_without_binding_lets_the_others_run_and_warns_at_its_line(actor: Actor, tmp_path: Path) -> None:
    from scenarios.binding import Binding, GuideDrift
    from scenarios.guide import parse
    from scenarios.results import ProcedureResult
    from scenarios.run import Runner

    (guide,) = parse("## Question 1 : Q\n\n### P {#q01-p}\n\n1. Un. {#un}\n2. Nouveau. {#nouveau}\n3. Trois. {#trois}\n")[
        0].procedures
    binding = Binding("q01-p", None, "scenarios/procedures/p.py")
    actor.page.set_content("<h1>Page</h1>")
    for step_id in ("un", "trois", "parti"):  # « parti »: its step left the guide
        binding.step(step_id)(lambda person: person.step.no_callout("page de test"))
    result = ProcedureResult.of(guide)
    with pytest.warns(GuideDrift) as drift:
        Runner(tmp_path, [], audit=False).run(binding, guide, actor, result)
    orphan, unbound = (str(w.message) for w in drift)
    assert orphan.startswith("Q1 « P » : l'étape {#parti} a quitté le guide ; son code (tests/finding/test_find.py:")
    assert unbound.startswith("guide.md:6: l'étape 2 « Nouveau. » {#nouveau} n'a pas de liaison : ajoutez-la dans "
                              "scenarios/procedures/p.py")
    assert (result.status, result.orphans) == ("passed", [orphan])
    assert [s.status for s in result.steps] == ["passed", "unbound", "passed"]
    assert sorted(p.name for p in (tmp_path / "shots" / "q01-p").iterdir()) == ["trois.png", "un.png"]


def test_a_missing_message_names_the_messages_shown_and_the_profile_key(actor: Actor) -> None:
    actor.page.set_content('<div role="status"><p>Écrivez au service d\'assistance.</p></div>')
    with pytest.raises(AssertionError) as failed:
        expect(actor.on(pages.Login).message("support_needed")).to_be_visible()
    assert actor.step.explain(failed.value) == (
        "message « contactez le support » introuvable ; messages (status, alert) à l'écran les plus "
        "proches : « Écrivez au service d'assistance. » ; à changer : mycecurity.toml [messages] support_needed")


@pytest.mark.parametrize("shown", ["Paul Dupont", "DUPONT Paul", "P. Dupont", "Bonjour Dupont", "Mon compte : DUPONT"])
def test_the_employee_s_name_is_found_as_a_portal_may_write_it(actor: Actor, shown: str) -> None:
    actor.page.set_content(f'<header><a href="/">Accueil</a><button aria-expanded="false">{shown}</button></header>')
    expect(actor.on(pages.Vault).account_menu("Paul", "Dupont")).to_have_text(shown)
