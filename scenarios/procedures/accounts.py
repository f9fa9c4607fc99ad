"""A real deployment's test accounts, left as each procedure found them, so that the next run passes too.

Procedures change what the guide makes the employee change: the password, the e-mail, the identifier. After a
destructive procedure the employee's own forms put the password and the e-mail back; an identifier cannot be
put back (the portal gives a new one), so each run first reads it where the portal shows it, after a login
with the e-mail (the guide's second identifier, Q4).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from scenarios.actor import Actor
from scenarios.employee import Employee
from scenarios.finding import find, pages
from scenarios.finding.find import one_line
from scenarios.procedures.common import log_out, outcome
from scenarios.step import StepFailed


class SetupFailed(StepFailed):
    """The test account cannot be used as the accounts file gives it; says which account and what to check."""

RESET_HINT = "remettez-le en état à la main (mot de passe, e-mail du fichier de comptes) avant la prochaine exécution"


def learn_identifier(actor: Actor, account: Employee, name: str) -> None:
    """The account's identifier as the portal shows it now, read on the profile page (a lost-identifier
    procedure of an earlier run changed it); `name` is the account's table in the accounts file."""
    if not account.email or not account.password:
        return
    actor.log_in(account.email, account.password)
    actor.page.wait_for_load_state()
    if actor.navigator.login_refused():
        said = outcome(actor, refused=True)
        raise SetupFailed(f"le portail refuse la connexion du compte [{name}] (e-mail {account.email})"
                          + (f" : « {said} »" if said else "")
                          + f" ; vérifiez [{name}] dans le fichier de comptes (e-mail, mot de passe)")
    if not actor.on(pages.Screen).account_menu(*actor.employee.names).count():
        shown = find.closest(actor.page, "control", (actor.employee.full_name,))
        raise SetupFailed(f"connecté avec le compte [{name}], mais le nom « {actor.employee.full_name} » n'est pas à "
                          f"l'écran ({actor.page.url}) ; à l'écran : {', '.join(f'« {n} »' for n in shown)} ; "
                          f"vérifiez first_name et last_name de [{name}] dans le fichier de comptes")
    profile = actor.reach(pages.Profile)
    found = actor.portal.pattern("identifier").search(profile.everything_shown())
    if found:
        actor.credentials.identifier = found[0]
    actor.page.context.clear_cookies()  # the procedure starts logged out, as on a new browser


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
            outcome(actor)
            now.password, now.provisional = account.password, None
        else:
            actor.log_in(now.identifier, now.password)
        expect(actor.on(pages.Vault).account_menu(*actor.employee.names)).to_be_visible()
        if now.email != account.email:
            profile = actor.reach(pages.Profile)
            profile.email.fill(account.email)
            profile.save.click()
            outcome(actor)
            now.email = account.email
        if now.password != account.password:
            form = actor.reach(pages.ChangePassword)
            form.current.fill(now.password)
            form.password.fill(account.password)
            form.confirm.fill(account.password)
            form.submit.click()
            outcome(actor)
            now.password = account.password
        log_out(actor)
    except AssertionError as error:
        raise StepFailed(f"compte de test non remis en état ({str(error).splitlines()[0]}) : {RESET_HINT}") from None


@contextlib.contextmanager
def in_one_line(person: Actor, what: str) -> Iterator[None]:
    """What fails in the set-up or the tidying of a real account: one line, its secrets masked (no fixture
    source, no account's repr)."""
    try:
        yield
    except (AssertionError, PlaywrightError) as error:
        person.register_credentials()
        pytest.fail(person.secrets.mask(f"{what} : {one_line(error)}"), pytrace=False)
