"""Question 1 : Accès au coffre impossible ?"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .. import errata, selectors
from ..guide import screens_of
from ..steps import Actor, procedure
from .common import (
    NEW_PASSWORD,
    check_support_facts,
    contact_support,
    fill_lost_identifier_form,
    log_in_to_vault,
    log_out,
    personalise_password,
    receive_new_identifier,
)

# ---- Mot de passe oublié ------------------------------------------------------------
forgotten = procedure(1, "Mot de passe oublié")


@forgotten.step("Cliquer sur « mot de passe oublié ».")
def click_forgotten(actor: Actor) -> None:
    actor.goto("portal", selectors.PATHS["login"])
    actor.click("mot de passe oublié")
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié")


@forgotten.step("Saisir son identifiant et le mail que j'ai renseigné lors de ma première "
                "connexion. Cliquer sur « soumettre ».")
def submit_identifier_and_mail(actor: Actor) -> None:
    actor.field(selectors.LOGIN_FIELD).fill(actor.situation["identifier"])
    actor.field(selectors.FORGOTTEN_EMAIL_FIELD).fill(actor.situation["email"])
    actor.memory["mail_after"] = actor.sim.last_mail_id()
    actor.click("soumettre", roles=("button",))
    expect(selectors.notice(actor.page)).to_contain_text("un e-mail vient d'être envoyé")


@forgotten.step("Je reçois un mail contenant un lien pour « réinitialiser mon mot de passe ».")
def receive_reset_mail(actor: Actor) -> None:
    actor.open_mail(actor.situation["email"], actor.memory["mail_after"])
    link = actor.show(actor.labelled("réinitialiser mon mot de passe", roles=("link",)))
    expect(link).to_have_attribute("href", re.compile(r"/reinitialiser/[\w-]{40,}$"))


@forgotten.step("Je choisis un nouveau mot de passe.")
def choose_new_password(actor: Actor) -> None:
    actor.page.get_by_role("link", name=re.compile("réinitialiser mon mot de passe", re.I)).click()
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Choisissez un nouveau mot de passe")
    actor.show(actor.field(selectors.NEW_PASSWORD_FIELD)).fill(NEW_PASSWORD)


@forgotten.step("Je saisis une deuxième fois mon nouveau mot de passe puis je clique sur « Modifier ».")
def confirm_new_password(actor: Actor) -> None:
    actor.field(selectors.NEW_PASSWORD_AGAIN_FIELD).fill(NEW_PASSWORD)
    actor.click("Modifier", roles=("button",))
    expect(selectors.notice(actor.page)).to_contain_text("Votre mot de passe a été modifié")


@forgotten.step("Je me reconnecte avec mon nouveau mot de passe.")
def log_in_with_new_password(actor: Actor) -> None:
    actor.log_in(actor.situation["identifier"], actor.situation["password"])
    expect(selectors.alert(actor.page)).to_have_text("Identifiant ou mot de passe incorrect.")
    log_in_to_vault(actor, password=NEW_PASSWORD)


# ---- Identifiant erroné/perdu/non reçu ----------------------------------------------
lost = procedure(1, "Identifiant erroné/perdu/non reçu")


@lost.step("Cliquer sur « identifiant perdu ».")
def click_lost_identifier(actor: Actor) -> None:
    actor.goto("portal", selectors.PATHS["login"])
    # The guide reproduces the login screen and the lost-identifier form: check their wording.
    screen = " ".join(screens_of(1, "Identifiant erroné/perdu/non reçu"))
    for erratum in errata.compare(screen, actor.page.locator("body").inner_text(), kinds=("brand",)):
        actor.erratum(erratum.kind, erratum.guide, erratum.product)
    actor.click("identifiant perdu")
    expect(actor.page.get_by_role("heading", level=1)).to_have_text(
        "Je n'ai plus le courrier avec mes identifiants de connexion")


@lost.step("Je remplis le formulaire, je coche la case concernant la politique de "
           "confidentialité puis je clique sur « Enregistrer ».")
def fill_and_save(actor: Actor) -> None:
    fill_lost_identifier_form(actor)
    actor.memory["mail_after"] = actor.sim.last_mail_id()
    actor.click("Enregistrer", roles=("button",))
    expect(selectors.notice(actor.page)).to_contain_text("un e-mail vient d'être envoyé")


@lost.step("Je reçois un mail avec mon nouvel identifiant et un mot de passe provisoire .")
def receive_identifier_mail(actor: Actor) -> None:
    receive_new_identifier(actor)


@lost.step("Je me reconnecte et je personnalise mon mot de passe provisoire.")
def reconnect_and_personalise(actor: Actor) -> None:
    personalise_password(actor)
    expect(selectors.account_menu(actor.page)).to_be_visible()


# ---- Compte bloqué ------------------------------------------------------------------
locked = procedure(1, "Compte bloqué")


def wrong_case(password: str) -> str:
    return password.swapcase()


@locked.step("En tapant mon mot de passe, je m'assure d'avoir bien respecté les majuscules, "
             "minuscules et caractères spéciaux.")
def type_carefully(actor: Actor) -> None:
    actor.goto("portal", selectors.PATHS["login"])
    actor.field(selectors.LOGIN_FIELD).fill(actor.situation["identifier"])
    field = actor.show(actor.field(selectors.PASSWORD_FIELD))
    expect(field).to_have_attribute("type", "password")
    field.fill(wrong_case(actor.situation["password"]))


@locked.step("Malgré cela, j'ai tapé 3 fois mon mot de passe sans qu'il soit reconnu.")
def three_wrong_passwords(actor: Actor) -> None:
    for attempt in range(1, 4):
        if attempt > 1:
            actor.field(selectors.PASSWORD_FIELD).fill(wrong_case(actor.situation["password"]))
        actor.page.get_by_role("button", name=selectors.LOGIN_BUTTON).click()
        if attempt < 3:
            expect(selectors.alert(actor.page)).to_have_text("Identifiant ou mot de passe incorrect.")
    actor.show(selectors.alert(actor.page))


@locked.step("Le message d'erreur ci-dessus apparaît.")
def lockout_message(actor: Actor) -> None:
    message = screens_of(1, "Compte bloqué")[0]
    expect(actor.show(selectors.alert(actor.page))).to_have_text(message)


@locked.step("J'attends 2 heures pour faire une nouvelle tentative.")
def wait_two_hours(actor: Actor) -> None:
    s = actor.situation
    actor.log_in(s["identifier"], s["password"])
    expect(selectors.alert(actor.page)).to_contain_text("temporairement bloqué")
    actor.sim.advance(119)
    actor.log_in(s["identifier"], s["password"])
    expect(selectors.alert(actor.page)).to_contain_text("temporairement bloqué")
    actor.sim.advance(1)
    log_in_to_vault(actor)


@locked.step("Si je ne suis pas certain de mon mot de passe ou de mon identifiant, je suis la "
             "procédure « Mot de passe oublié » ou « Identifiant perdu »")
def recovery_links(actor: Actor) -> None:
    log_out(actor)
    actor.show(actor.labelled("Mot de passe oublié", roles=("link",)))
    actor.labelled("Identifiant perdu", roles=("link",))


@locked.step("Si le message persiste, j'envoie un message à l'adresse myceurity@ceurity.com en "
             "précisant : Mon nom, Mon identifiant, Le nom de mon employeur ayant souscrit à la "
             "dématérialisation des bulletins de salaires (facultatif).")
def write_to_support(actor: Actor) -> None:
    s = actor.situation
    mail = contact_support(actor, "acces", "Mon compte reste bloqué malgré l'attente de 2 heures.")
    for expected in (f"{s['first_name']} {s['last_name']}", s["identifier"], s["employer"]):
        assert expected in mail["text_body"], f"{expected!r} absent du message reçu par le support"
    check_support_facts(actor, actor.step_text)
