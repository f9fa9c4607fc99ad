"""Question 4 : Je souhaite changer mon login de connexion (identifiant) ?"""

from __future__ import annotations

from playwright.sync_api import expect

from .. import errata, selectors
from ..steps import Actor, procedure
from .common import (
    fill_lost_identifier_form,
    log_in_to_vault,
    log_out,
    open_name_menu,
    open_profile,
    personalise_password,
    receive_new_identifier,
)
from .profile import change_mail_in_form, new_mail_of

logins = procedure(4, "Changer ses identifiants")


def note_page_references(actor: Actor) -> None:
    for reference in errata.page_references(actor.step_text):
        actor.erratum("renvoi de page", reference,
                      "le guide régénéré renvoie à la section, pas à un numéro de page")


@logins.step("L'utilisateur pourra changer ses identifiants en suivant les procédures :")
def two_logins(actor: Actor) -> None:
    s = actor.situation
    log_in_to_vault(actor, login=s["identifier"])
    log_out(actor)
    log_in_to_vault(actor, login=s["email"])
    log_out(actor)


@logins.step("D'identifiant perdu (page 5) : attention cette procédure engendrera également un "
             "changement de mot de passe.")
def through_lost_identifier(actor: Actor) -> None:
    s, page = actor.situation, actor.page
    page.get_by_role("link", name="Identifiant perdu ?").click()
    fill_lost_identifier_form(actor)
    actor.memory["mail_after"] = actor.sim.last_mail_id()
    page.get_by_role("button", name="Enregistrer").click()
    receive_new_identifier(actor)
    actor.log_in(s["identifier"], s["password"])
    expect(selectors.alert(page)).to_have_text("Identifiant ou mot de passe incorrect.")
    actor.log_in(actor.memory["identifier"], s["password"])
    expect(selectors.alert(page)).to_have_text("Identifiant ou mot de passe incorrect.")
    personalise_password(actor)
    note_page_references(actor)


@logins.step("De changement de mail (page 8).")
def through_mail_change(actor: Actor) -> None:
    open_name_menu(actor)
    open_profile(actor)
    change_mail_in_form(actor)
    log_out(actor)
    log_in_to_vault(actor, login=new_mail_of(actor), password=actor.memory["password"])
    note_page_references(actor)
