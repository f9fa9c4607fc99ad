"""Actions several procedures share, in the guide's terms."""

from __future__ import annotations

import re
import time
from dataclasses import asdict
from typing import Any

from playwright.sync_api import Locator, expect

from scenarios import errata
from scenarios.actor import Actor
from scenarios.finding import find, lists, pages
from scenarios.step import StepFailed

NEW_PASSWORD = "Nouveau-Coffre-2026!"
# What a message says when the action failed, in the words French forms use for it.
FAILED = re.compile(r"erreur|incorrect|invalide|non valide|échec|impossible|n['’]a pas (pu|été)|ne correspond|"
                    r"doit (contenir|comporter|être)|déjà utilisé|obligatoire|refusé|veuillez (saisir|renseigner)",
                    re.IGNORECASE)
MESSAGE_WAIT_MS = 2_000  # a message shows with the page the action leads to; a toast a little after


def wait_for_mail(actor: Actor, to: str) -> dict[str, Any]:
    """The next mail to `to` since the mailbox was marked; what it gives that lets one in is a secret."""
    started = time.perf_counter()
    try:
        mail = actor.mailbox.next(to)
    finally:
        actor.step.timed("mail", started)
    actor.secrets.add_from_mail(f"{mail.get('text_body') or ''}\n{mail.get('html_body') or ''}")
    return mail


def open_mail(actor: Actor, to: str) -> pages.Mail:
    """Wait for the next mail to `to` and open it as the employee's mail client would."""
    mail = wait_for_mail(actor, to)
    actor.mailbox.show(actor.page, mail)
    expect(actor.page_heading(mail["subject"])).to_be_visible()
    return actor.on(pages.Mail)


def outcome(actor: Actor, refused: bool = False) -> str | None:
    """What the portal says after the step's action (a status or alert region, a toast, read as it appears):
    recorded for the step's report, and the step fails when it says the action failed or a field is marked
    invalid (unless the action is one the portal must refuse). The guide quotes no such message: what the
    action did is proven by its effect, step by step."""
    actor.page.wait_for_load_state()
    screen = actor.on(pages.Screen)
    said = screen.said(MESSAGE_WAIT_MS)
    if said and actor.current is not None:  # the set-up and the tidying after a procedure run no step
        actor.step.said(said)
    if refused:
        return said
    invalid = screen.invalid_fields
    if (said and FAILED.search(said)) or invalid.count():
        field = find.shown_name(invalid) if invalid.count() else ""
        raise StepFailed("le portail refuse l'action : " + (f"« {said} »" if said else "")
                         + (f" (champ « {field} » en erreur)" if field else ""))
    return said


def shows(actor: Actor, screen: pages.Screen, message: str) -> None:
    """The page shows the profile's message `messages.MESSAGE`, case and spacing aside (what only the
    simulator's situations check: the guide describes them, no effect shows them)."""
    expect(screen.message(message)).to_be_visible()


def log_in_to_vault(actor: Actor, login: str | None = None, password: str | None = None) -> None:
    """« Je me connecte à mon coffre-fort. »: logged in, the employee's name shows top right."""
    credentials = actor.credentials
    actor.log_in(login or credentials.identifier, password or credentials.password)
    menu = actor.step.show(actor.on(pages.Vault).account_menu(*actor.employee.names))
    expect(menu).to_be_visible()


def log_in_refused(actor: Actor, login: str, password: str) -> None:
    """A login the portal must refuse: the login form stays, the employee's name does not show."""
    actor.log_in(login, password)
    actor.page.wait_for_load_state()
    login_page = actor.on(pages.Login)
    expect(login_page.password).to_be_visible()
    expect(login_page.account_menu(*actor.employee.names)).to_have_count(0)
    outcome(actor, refused=True)


def log_out(actor: Actor) -> None:
    """Log out from the page or the menu under the name; on a portal that offers no way out, leave as a person
    does by opening a new browser (the guide never asks to log out: this only prepares the next login)."""
    words = actor.portal.words("labels.login.logout")
    logout = find.by_words(actor.page, "control", words.words)
    if logout.count() or actor.navigator.open_menu(words.words):
        actor.on(pages.Screen).logout.click()
        actor.page.wait_for_load_state()
    else:
        actor.page.context.clear_cookies()
    if not actor.on(pages.Login).password.count():
        actor.reach(pages.Login)
    expect(actor.on(pages.Login).password).to_be_visible()
    expect(actor.on(pages.Screen).account_menu(*actor.employee.names)).to_have_count(0)


def open_name_menu(actor: Actor) -> None:
    """« Je clique sur mon nom se trouvant en haut de l'écran à droite. »"""
    screen = actor.on(pages.Screen)
    menu = actor.step.show(screen.account_menu(*actor.employee.names))
    box = menu.bounding_box()
    viewport = actor.page.viewport_size
    assert box is not None and viewport is not None, "le nom de l'employé n'est pas affiché"
    assert box["x"] > viewport["width"] / 2 and box["y"] < 100, f"le nom n'est pas en haut à droite : {box}"
    actor.step.keep_before_action()
    if not actor.navigator.open_menu():  # what the menu must hold is the next step's
        raise StepFailed("cliquer sur le nom (ou le survoler) n'ouvre aucun menu")


def open_profile(actor: Actor) -> None:
    """« Je clique sur « Mes informations de profil » »"""
    actor.click(actor.step.quote())
    actor.arrive(pages.Profile)


def fill_lost_identifier_form(actor: Actor, email: str | None = None) -> list[Locator]:
    """The lost-identifier form, filled with the employee's own data, privacy box ticked; the fields it filled,
    in the form's order."""
    s, form = actor.employee, actor.on(pages.LostIdentifier)
    email = email or actor.credentials.email
    values = {**asdict(s), "email": email, "email_confirm": email}
    filled = []
    for key in form.FIELDS:
        filled.append(form.field(key))
        filled[-1].fill(str(values[key]))
    lists.pick_month(form.birth_month, int(s.birth_month))
    form.privacy.check()
    return [*filled, form.birth_month, form.privacy]


def receive_new_identifier(actor: Actor) -> None:
    """The mail with the new identifier and the provisional password."""
    mail = open_mail(actor, actor.credentials.email)
    identifier = actor.step.show(mail.identifier)
    found = actor.portal.pattern("identifier").search(identifier.inner_text())
    assert found, f"pas d'identifiant dans « {identifier.inner_text()} »"
    new = found[0]
    assert new != actor.credentials.identifier, "l'identifiant n'a pas changé"
    actor.credentials.identifier = new
    provisional = mail.provisional_password()
    assert provisional, (f"pas de mot de passe provisoire dans le mail (à changer : "
                         f"{actor.portal.where('patterns.provisional_password')})")
    actor.credentials.provisional = provisional


def personalise_password(actor: Actor) -> None:
    """Log in with the provisional password, then choose one's own."""
    actor.log_in(actor.credentials.identifier, actor.credentials.provisional or "")
    form = actor.arrive(pages.Personalise)
    form.password.fill(NEW_PASSWORD)
    form.confirm.fill(NEW_PASSWORD)
    actor.step.show(form.password, form.confirm)
    actor.click_shown(form.submit, keep=True)
    outcome(actor)
    actor.credentials.password, actor.credentials.provisional = NEW_PASSWORD, None


def contact_support(actor: Actor, subject: str, message: str, picture: bool = False) -> dict[str, Any]:
    """Write to the support desk from « Besoin d'aide ? »; return the mail it received. With `picture`, the
    step's image is the filled form, its name, identifier and employer outlined. `subject` names the need
    ([labels.support.subjects] of the profile)."""
    s = actor.employee
    form = actor.be_on(pages.Support)
    address = form.address.inner_text()
    actor.mailbox.mark()
    form.field("name").fill(actor.employee.full_name)
    form.field("email").fill(actor.credentials.email)
    form.field("identifier").fill(actor.credentials.identifier)
    form.field("employer").fill(s.employer)
    lists.pick(form.field("subject"), actor.portal.words(f"labels.support.subjects.{subject}").words)
    form.field("message").fill(message)
    if picture:
        actor.step.show(form.field("name"), form.field("identifier"), form.field("employer"))
        actor.step.take_picture()
    form.button("send").click()
    outcome(actor)
    return wait_for_mail(actor, address)


def phone_support(actor: Actor) -> None:
    """« Soit en téléphonant au ... » : the phone and hours the help page gives."""
    check_support_facts(actor)
    help_page = actor.on(pages.Support)
    actor.step.show(help_page.phone_line, help_page.hours_line)


def mail_support_line(actor: Actor) -> None:
    """« Soit en envoyant un mail à ... » : the address the help page gives."""
    actor.step.show(actor.on(pages.Support).email_line)


def check_support_facts(actor: Actor) -> None:
    """Compare the addresses, phone, hours and brand the step gives with the help page."""
    help_page = actor.be_on(pages.Support)
    expect(help_page.contact).to_be_visible()
    product_text = help_page.main.inner_text() + " " + actor.page.title()
    for erratum in errata.compare(actor.step.text, product_text):
        actor.step.erratum(erratum)
