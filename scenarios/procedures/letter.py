"""Question 5 : Je n'ai pas reçu mon courrier d'inscription ?"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from scenarios.actor import Actor
from scenarios.binding import bind
from scenarios.finding import pages
from scenarios.procedures.common import NEW_PASSWORD, fill_lost_identifier_form, outcome

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
    form = actor.reach(pages.LostIdentifier)
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


# ---- Première connexion avec le courrier d'inscription ----------------------------------------------------
first_connection = bind("q05-premiere-connexion", situation="nouveau-salarie", needs=("back-office", "destructive"))


@first_connection.step("recevoir-courrier")
def receive_letter(actor: Actor) -> None:
    """The employer deposits the first payroll run; the letter gives the identifier and a provisional password."""
    s = actor.employee
    assert actor.sim.deposit(s.employer_id, FIRST_PERIOD)["letters"] == 1, "pas de courrier d'inscription"
    letter = actor.visit(pages.Letter, id=actor.sim.employee(s.employee_id)["letters"][0])
    credentials = actor.step.show(letter.credentials)
    found = actor.portal.pattern("identifier").search(credentials.inner_text())
    assert found, f"pas d'identifiant dans le courrier : « {credentials.inner_text()} »"
    actor.credentials.identifier, actor.credentials.provisional = found[0], letter.provisional_password()
    actor.register_credentials()


@first_connection.step("se-connecter-avec-le-courrier")
def log_in_with_the_letter(actor: Actor) -> None:
    screen = actor.reach(pages.Login)
    screen.identifier.fill(actor.credentials.identifier)
    screen.password.fill(actor.credentials.provisional or "")
    actor.step.show(screen.identifier, screen.password, screen.submit)
    actor.step.take_picture()  # the login page filled in: the next page has a password field too
    screen.submit.click()
    actor.arrive(pages.Personalise)


@first_connection.step("personnaliser")
def give_mail_and_password(actor: Actor) -> None:
    s, form = actor.employee, actor.on(pages.Personalise)
    actor.credentials.email = f"{s.first_name}.{s.last_name}@example.org".lower().replace(" ", "-")
    form.email.fill(actor.credentials.email)
    form.password.fill(NEW_PASSWORD)
    form.confirm.fill(NEW_PASSWORD)
    actor.step.show(form.email, form.password, form.confirm)
    actor.click_shown(form.submit, keep=True)
    outcome(actor)
    actor.credentials.password, actor.credentials.provisional = NEW_PASSWORD, None


@first_connection.step("coffre-ouvert")
def vault_opens(actor: Actor) -> None:
    expect(actor.step.show(actor.labelled(actor.step.quote(), roles=("link",)))).to_be_visible()
