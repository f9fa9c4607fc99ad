"""Question 4 : Je souhaite changer mon login de connexion (identifiant) ?"""

from __future__ import annotations

from scenarios import errata
from scenarios.actor import Actor
from scenarios.binding import bind
from scenarios.finding import pages
from scenarios.procedures.common import (
    fill_lost_identifier_form,
    log_in_refused,
    log_in_to_vault,
    log_out,
    open_name_menu,
    personalise_password,
    receive_new_identifier,
)
from scenarios.procedures.credentials import change_mail_in_form
from scenarios.results import Erratum

logins = bind("q04-changer-ses-identifiants", needs=("mailbox", "destructive"))


def check_page_references(actor: Actor) -> None:
    """« (page 5) »: a reference the regenerated guide can resolve only when it links to one of its procedures
    (a link that leads nowhere stops the procedure before it starts: plugin/fixtures.py `binding`)."""
    linked = {label for label, _ in actor.step.step.links}
    for reference in errata.page_references(actor.step.text):
        if reference not in linked:
            actor.step.erratum(Erratum("renvoi de page", reference, "ne renvoie à aucune procédure du guide régénéré"))


@logins.step("deux-identifiants")
def two_logins(actor: Actor) -> None:
    log_in_to_vault(actor, login=actor.credentials.identifier)
    log_out(actor)
    log_in_to_vault(actor, login=actor.credentials.email)
    log_out(actor)
    actor.step.show(actor.on(pages.Login).identifier)  # either login goes in this one field


@logins.step("par-identifiant-perdu")
def through_lost_identifier(actor: Actor) -> None:
    old = actor.credentials.identifier, actor.credentials.password
    actor.on(pages.Login).lost_identifier.click()
    fill_lost_identifier_form(actor)
    actor.mailbox.mark()
    actor.on(pages.LostIdentifier).save.click()
    receive_new_identifier(actor)
    log_in_refused(actor, *old)
    log_in_refused(actor, actor.credentials.identifier, old[1])
    personalise_password(actor)
    check_page_references(actor)


@logins.step("par-changement-de-mail")
def through_mail_change(actor: Actor) -> None:
    open_name_menu(actor)
    actor.click_shown(actor.on(pages.Screen).profile_link)
    actor.arrive(pages.Profile)
    change_mail_in_form(actor)
    actor.step.take_picture()  # the new e-mail in the profile form: the login it becomes
    log_out(actor)
    log_in_to_vault(actor, login=actor.credentials.email)
    check_page_references(actor)
