"""Question 5 : Je n'ai pas reçu mon courrier d'inscription ?"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .. import pages
from ..actor import Actor
from ..binding import bind
from .common import fill_lost_identifier_form

no_letter = bind("q05-courrier-d-inscription-non-recu", situation="nouveau-salarie",
                      needs=("back-office", "mailbox"))
FIRST_PERIOD = "2026-03"


@no_letter.step("verifier-train-de-paie")
def check_payroll_deposited(actor: Actor) -> None:
    office = actor.visit(pages.BackOffice, id=actor.employee.employer_id)
    expect(office.heading).to_have_text(f"Employeur : {actor.employee.employer}")
    expect(actor.step.show(office.row(actor.employee.full_name))).to_contain_text("en attente du premier dépôt")
    expect(office.deposits).to_have_text("Aucun : pas encore de bulletin ni de courrier d'inscription.")
    letters = actor.sim.employee(actor.employee.employee_id)["letters"]
    assert letters == [], f"courriers d'inscription déjà produits : {letters}"


@no_letter.step("pas-encore-d-identifiants")
def no_identifier_yet(actor: Actor) -> None:
    s = actor.employee
    actor.credentials.email = f"{s.first_name}.{s.last_name}@example.org".lower().replace(" ", "-")
    form = actor.visit(pages.LostIdentifier)
    fill_lost_identifier_form(actor)
    actor.mailbox.mark()
    form.save.click()
    expect(actor.step.show(form.message("no_identifier_yet"))).to_be_visible()
    sent = actor.mailbox.since_mark(actor.credentials.email)
    assert sent == [], "un identifiant a été envoyé avant le dépôt du train de paie"


@no_letter.step("identifiants-apres-depot")
def identifiers_after_deposit(actor: Actor) -> None:
    s = actor.employee
    deposited = actor.sim.deposit(s.employer_id, FIRST_PERIOD)  # what the employer does, not the support
    assert deposited["letters"] == 1, f"dépôt du train de paie {FIRST_PERIOD} : {deposited}"
    letters = actor.sim.employee(s.employee_id)["letters"]
    assert len(letters) == 1, f"courriers d'inscription : {letters}"
    letter = actor.visit(pages.Letter, id=letters[0])
    credentials = actor.step.show(letter.credentials)
    expect(credentials).to_contain_text(re.compile(r"Votre identifiant : \d{12}"))
    expect(credentials).to_contain_text(f"Votre numéro privé : {s.private_number}")
