"""Question 5 : Je n'ai pas reçu mon courrier d'inscription ?"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from .. import selectors
from ..steps import Actor, procedure
from .common import fill_lost_identifier_form

no_letter = procedure(5, "Courrier d'inscription non reçu", situation="nouveau-salarie")
FIRST_PERIOD = "2026-03"


def employee_row(actor: Actor) -> Locator:
    s = actor.situation
    return actor.page.get_by_role("row").filter(has_text=f"{s['first_name']} {s['last_name']}")


@no_letter.step("Vérifier que le train de paie a bien été déposé par l'employeur.")
def check_payroll_deposited(actor: Actor) -> None:
    actor.goto("portal", selectors.PATHS["employer"].format(id=actor.situation["employer_id"]))
    row = actor.show(employee_row(actor))
    expect(row).to_contain_text("en attente du premier dépôt")
    expect(actor.page.get_by_role("heading", name="Trains de paie déposés").locator("xpath=following-sibling::ul[1]")
           ).to_have_text("Aucun : pas encore de bulletin ni de courrier d'inscription.")
    assert actor.sim.employee(actor.situation["employee_id"])["letters"] == []


@no_letter.step("Parfois un nouveau collaborateur s'inquiète de ne pas avoir ses identifiants "
                "alors que le train de paie n'a pas encore été déposé.")
def no_identifier_yet(actor: Actor) -> None:
    s = actor.situation
    actor.memory["email"] = f"{s['first_name']}.{s['last_name']}@example.org".lower().replace(" ", "-")
    actor.situation = {**s, "email": actor.memory["email"]}
    actor.goto("portal", "/identifiant-perdu")
    fill_lost_identifier_form(actor)
    after = actor.sim.last_mail_id()
    actor.page.get_by_role("button", name="Enregistrer").click()
    expect(actor.show(selectors.notice(actor.page))).to_contain_text("Si les informations saisies")
    assert actor.sim.mails(actor.memory["email"], after) == [], "un identifiant a été envoyé avant le dépôt"


@no_letter.step("Dans ce cas-là, expliquer au salarié qu'il recevra ses identifiants après le "
                "dépôt par l'employeur du train de paie.")
def identifiers_after_deposit(actor: Actor) -> None:
    s, page = actor.situation, actor.page
    actor.goto("portal", selectors.PATHS["employer"].format(id=actor.situation["employer_id"]))
    row = page.get_by_role("row").filter(has_text=s["employer"])
    row.get_by_label("Période").fill(FIRST_PERIOD)
    row.get_by_role("button", name="Déposer le train de paie").click()
    expect(selectors.notice(page)).to_contain_text("1 courriers d'inscription")
    letters = actor.sim.employee(s["employee_id"])["letters"]
    assert len(letters) == 1, f"courriers d'inscription : {letters}"
    actor.goto("portal", selectors.PATHS["letter"].format(id=letters[0]))
    credentials = actor.show(selectors.letter_credentials(page))
    expect(credentials).to_contain_text(re.compile(r"Votre identifiant : \d{12}"))
    expect(credentials).to_contain_text(f"Votre numéro privé : {s['private_number']}")
