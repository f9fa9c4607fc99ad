"""Question 1 : Accès au coffre impossible ?"""

from __future__ import annotations

from playwright.sync_api import expect

from scenarios import errata
from scenarios.actor import Actor
from scenarios.binding import bind
from scenarios.finding import pages
from scenarios.procedures.common import (
    NEW_PASSWORD,
    check_support_facts,
    contact_support,
    fill_lost_identifier_form,
    log_in_refused,
    log_in_to_vault,
    log_out,
    open_mail,
    outcome,
    personalise_password,
    receive_new_identifier,
    shows,
)

# ---- Mot de passe oublié ------------------------------------------------------------
forgotten = bind("q01-mot-de-passe-oublie", needs=("mailbox", "destructive"))


@forgotten.step("cliquer-mot-de-passe-oublie", on=pages.Login)
def click_forgotten(actor: Actor) -> None:
    actor.reach(pages.Login)
    actor.click(actor.step.quote())
    actor.arrive(pages.ForgottenPassword)


@forgotten.step("saisir-identifiant-et-mail", on=pages.ForgottenPassword)
def submit_identifier_and_mail(actor: Actor) -> None:
    form = actor.on(pages.ForgottenPassword)
    form.identifier.fill(actor.credentials.identifier)
    form.email.fill(actor.credentials.email)
    actor.mailbox.mark()
    actor.step.show(form.identifier, form.email)  # the fields the step fills, then the button it names
    actor.click(actor.step.quote(), roles=("button",), keep=True)
    outcome(actor)  # the mail it sends is the next step's


@forgotten.step("recevoir-lien")
def receive_reset_mail(actor: Actor) -> None:
    open_mail(actor, actor.credentials.email)
    actor.step.show(actor.labelled(actor.step.quote(), roles=("link",)))  # where it leads: the next step


@forgotten.step("choisir-mot-de-passe")
def choose_new_password(actor: Actor) -> None:
    link = actor.step.procedure.step("recevoir-lien").quoted[0]  # the mail's link, step 3
    actor.labelled(link, roles=("link",)).click()  # through a click-tracking redirect, if the mail has one
    form = actor.arrive(pages.ResetPassword)
    assert actor.page.url.startswith(actor.sites.url("portal", "/")), \
        f"le lien du mail mène à {actor.page.url}, pas au portail {actor.sites.portal}"
    actor.step.show(form.password).fill(NEW_PASSWORD)


@forgotten.step("confirmer-mot-de-passe")
def confirm_new_password(actor: Actor) -> None:
    form = actor.on(pages.ResetPassword)
    actor.step.show(form.password_again).fill(NEW_PASSWORD)
    actor.click(actor.step.quote(), roles=("button",), keep=True)
    outcome(actor)  # the new password opening the vault is the next step


@forgotten.step("se-reconnecter")
def log_in_with_new_password(actor: Actor) -> None:
    log_in_refused(actor, actor.credentials.identifier, actor.credentials.password)
    actor.credentials.password = NEW_PASSWORD
    log_in_to_vault(actor)


# ---- Identifiant erroné/perdu/non reçu ----------------------------------------------
lost = bind("q01-identifiant-errone-perdu-non-recu", needs=("mailbox", "destructive"))


@lost.step("cliquer-identifiant-perdu", on=pages.Login)
def click_lost_identifier(actor: Actor) -> None:
    login = actor.reach(pages.Login)
    # The guide reproduces the login screen and the lost-identifier form: check their wording.
    screen = " ".join(actor.step.procedure.screens)
    for erratum in errata.compare(screen, login.body.inner_text(), kinds=("brand",)):
        actor.step.erratum(erratum)
    actor.click(actor.step.quote())
    actor.arrive(pages.LostIdentifier)


@lost.step("remplir-formulaire", on=pages.LostIdentifier)
def fill_and_save(actor: Actor) -> None:
    actor.step.show(*fill_lost_identifier_form(actor))
    actor.mailbox.mark()
    actor.click(actor.step.quote(), roles=("button",), keep=True)
    outcome(actor)  # the mail it sends is the next step's


@lost.step("recevoir-identifiant")
def receive_identifier_mail(actor: Actor) -> None:
    receive_new_identifier(actor)


@lost.step("personnaliser-mot-de-passe")
def reconnect_and_personalise(actor: Actor) -> None:
    personalise_password(actor)
    expect(actor.on(pages.Vault).account_menu(*actor.employee.names)).to_be_visible()


# ---- Compte bloqué ------------------------------------------------------------------
locked = bind("q01-compte-bloque", needs=("clock", "support-inbox", "destructive"))


def wrong_case(password: str) -> str:
    return password.swapcase()


@locked.step("taper-mot-de-passe")
def type_carefully(actor: Actor) -> None:
    login = actor.reach(pages.Login)
    login.identifier.fill(actor.credentials.identifier)
    field = actor.step.show(login.password)
    expect(field).to_have_attribute("type", "password")
    field.fill(wrong_case(actor.credentials.password))


@locked.step("trois-essais")
def three_wrong_passwords(actor: Actor) -> None:
    login = actor.on(pages.Login)
    for attempt in range(1, 4):
        if attempt > 1:
            login.password.fill(wrong_case(actor.credentials.password))
        login.submit.click()
        if attempt < 3:
            outcome(actor, refused=True)
            expect(login.password).to_be_visible()
    actor.step.show(login.message("locked"))


@locked.step("message-blocage")
def lockout_message(actor: Actor) -> None:
    message = actor.step.procedure.screens[0]  # the guide's own words, case and spacing aside
    expect(actor.step.show(actor.on(pages.Login).message("locked"))).to_have_text(message, ignore_case=True)


@locked.step("attendre-deux-heures")
def wait_two_hours(actor: Actor) -> None:
    credentials, login = actor.credentials, actor.on(pages.Login)
    actor.log_in(credentials.identifier, credentials.password)
    shows(actor, login, "locked")
    actor.sim.advance(119)
    actor.log_in(credentials.identifier, credentials.password)
    shows(actor, login, "locked")
    actor.sim.advance(1)
    log_in_to_vault(actor)


@locked.step("procedures-de-secours")
def recovery_links(actor: Actor) -> None:
    log_out(actor)
    actor.step.show(*(actor.labelled(actor.step.quote(i), roles=("link",)) for i in (0, 1)))


@locked.step("ecrire-au-support")
def write_to_support(actor: Actor) -> None:
    s = actor.employee
    mail = contact_support(actor, "acces", "Mon compte reste bloqué malgré l'attente de 2 heures.", picture=True)
    for expected in (actor.employee.full_name, actor.credentials.identifier, s.employer):
        assert expected in mail["text_body"], f"« {expected} » absent du message reçu par le support"
    check_support_facts(actor)
