"""A real deployment's test accounts, left as each procedure found them, so that the next run passes too.

Procedures change what the guide makes the employee change: the password, the e-mail, the identifier. After a
destructive procedure the employee's own forms put the password and the e-mail back; an identifier cannot be
put back (the portal gives a new one), so each run first reads it where the portal shows it, after a login
with the e-mail (the guide's second identifier, Q4).
"""

from __future__ import annotations

from playwright.sync_api import expect

from .. import pages
from ..actor import Actor
from ..employee import Employee
from ..guide import procedure as guide_procedure
from ..step import StepFailed
from .common import log_out, shows

RESET_HINT = "remettez-le en état à la main (mot de passe, e-mail du fichier de comptes) avant la prochaine exécution"


def learn_identifier(actor: Actor, account: Employee) -> None:
    """The account's identifier as the portal shows it now, read on the profile page (a lost-identifier
    procedure of an earlier run changed it)."""
    if not account.email or not account.password:
        return
    actor.log_in(account.email, account.password)
    vault = actor.on(pages.Vault)
    try:
        expect(vault.account_menu(*actor.employee.names)).to_be_visible()
    except AssertionError:
        raise StepFailed(f"le compte de test ({account.email}) ne s'ouvre pas avec l'e-mail et le mot de passe "
                         f"du fichier de comptes : {RESET_HINT}") from None
    profile = actor.visit(pages.Profile)
    found = actor.portal.pattern("identifier").search(profile.body.inner_text())
    if found:
        actor.credentials.identifier = found[0]
    log_out(actor)


def leave_as_found(actor: Actor, account: Employee) -> None:
    """Put back the password and the e-mail the account had before the procedure, with the employee's forms."""
    now = actor.credentials
    if now.password == account.password and now.email == account.email and not now.provisional:
        return
    try:
        actor.page.context.clear_cookies()
        if now.provisional:  # a new identifier came with a provisional password, not personalised yet
            actor.log_in(now.identifier, now.provisional)
            personalise = actor.arrive(pages.Personalise)
            personalise.password.fill(account.password)
            personalise.confirm.fill(account.password)
            personalise.submit.click()
            shows(actor, personalise, "password_personalised")
            now.password, now.provisional = account.password, None
        else:
            actor.log_in(now.identifier, now.password)
        expect(actor.on(pages.Vault).account_menu(*actor.employee.names)).to_be_visible()
        if now.email != account.email:
            profile = actor.visit(pages.Profile)
            profile.email.fill(account.email)
            profile.save.click()
            shows(actor, profile, "profile_saved")
            now.email = account.email
        if now.password != account.password:
            actor.visit(pages.Profile)
            change_link = guide_procedure("q03-changer-son-mot-de-passe").step("cliquer-changer-mot-de-passe")
            actor.labelled(change_link.quoted[0], roles=("link",), record=False).click()
            form = actor.arrive(pages.ChangePassword)
            form.current.fill(now.password)
            form.password.fill(account.password)
            form.confirm.fill(account.password)
            form.submit.click()
            shows(actor, form, "password_changed")
            now.password = account.password
        log_out(actor)
    except AssertionError as error:
        raise StepFailed(f"compte de test non remis en état ({str(error).splitlines()[0]}) : {RESET_HINT}") from None
