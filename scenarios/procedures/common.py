"""Actions several procedures share, in the guide's terms."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from .. import errata, pages
from ..actor import Actor

NEW_PASSWORD = "Nouveau-Coffre-2026!"
WRONG_LOGIN = "Identifiant ou mot de passe incorrect."


def log_in_to_vault(actor: Actor, login: str | None = None, password: str | None = None) -> None:
    """« Je me connecte à mon coffre-fort. »"""
    s, credentials = actor.situation, actor.credentials
    actor.log_in(login or credentials.identifier, password or credentials.password)
    vault = actor.on(pages.Vault)
    actor.show(vault.account_menu)
    expect(actor.page).to_have_url(actor.sites.url("portal", pages.Vault.path))
    expect(vault.account_menu).to_have_text(f"{s['first_name']} {s['last_name']}")


def log_in_refused(actor: Actor, login: str, password: str) -> None:
    """A login the portal must refuse with its one message."""
    actor.log_in(login, password)
    expect(actor.on(pages.Login).alert).to_have_text(WRONG_LOGIN)


def log_out(actor: Actor) -> None:
    screen = actor.on(pages.Screen)
    screen.account_menu.click()
    screen.logout.click()
    expect(screen.notice).to_contain_text("Vous êtes déconnecté.")


def open_name_menu(actor: Actor) -> None:
    """« Je clique sur mon nom se trouvant en haut de l'écran à droite. »"""
    screen = actor.on(pages.Screen)
    menu = actor.show(screen.account_menu)
    box = menu.bounding_box()
    viewport = actor.page.viewport_size
    assert box is not None and viewport is not None, "le nom de l'employé n'est pas affiché"
    assert box["x"] > viewport["width"] / 2 and box["y"] < 100, f"le nom n'est pas en haut à droite : {box}"
    menu.click()
    expect(screen.profile_link).to_be_visible()


def open_profile(actor: Actor) -> None:
    """« Je clique sur « Mes informations de profil » »"""
    actor.click(actor.quote())
    actor.arrive(pages.Profile)


def fill_lost_identifier_form(actor: Actor, email: str | None = None) -> None:
    """The lost-identifier form, filled with the employee's own data, privacy box ticked."""
    s, form = actor.situation, actor.on(pages.LostIdentifier)
    email = email or actor.credentials.email
    values = {**s, "email": email, "email_confirm": email}
    for key, element in form.fields.items():
        element.fill(values[key])
    form.birth_month.select_option(str(s["birth_month"]))
    form.privacy.check()


def receive_new_identifier(actor: Actor) -> None:
    """The mail with the new identifier and the provisional password."""
    mail = actor.open_mail(actor.credentials.email)
    identifier = actor.show(mail.identifier)
    expect(identifier).to_have_text(re.compile(r"^\d{12}$"))
    new = identifier.inner_text()
    assert new != actor.credentials.identifier, "l'identifiant n'a pas changé"
    actor.credentials.identifier = new
    actor.credentials.provisional = mail.secrets.first.inner_text()
    expect(mail.provisional).to_be_visible()


def personalise_password(actor: Actor) -> None:
    """Log in with the provisional password, then choose one's own."""
    actor.log_in(actor.credentials.identifier, actor.credentials.provisional or "")
    form = actor.arrive(pages.Personalise)
    form.password.fill(NEW_PASSWORD)
    form.confirm.fill(NEW_PASSWORD)
    actor.show(form.password, form.confirm)
    actor.click_shown(form.submit, keep=True)
    expect(form.notice).to_contain_text("Votre mot de passe est personnalisé")
    actor.credentials.password = NEW_PASSWORD


def contact_support(actor: Actor, subject: str, message: str, picture: bool = False) -> dict[str, Any]:
    """Write to the support desk from « Besoin d'aide ? »; return the mail it received. With `picture`, the
    step's image is the filled form, its name, identifier and employer outlined."""
    s = actor.situation
    form = actor.be_on(pages.Support)
    address = form.address.inner_text()
    actor.mailbox.mark()
    form.name.fill(f"{s['first_name']} {s['last_name']}")
    form.email.fill(actor.credentials.email)
    form.identifier.fill(actor.credentials.identifier)
    form.employer.fill(s["employer"])
    form.subject.select_option(subject)
    form.message.fill(message)
    if picture:
        actor.show(form.name, form.identifier, form.employer)
        actor.take_picture()
    form.send.click()
    expect(form.notice).to_contain_text("transmise au support")
    return actor.wait_for_mail(address)


def phone_support(actor: Actor) -> None:
    """« Soit en téléphonant au ... » : the phone and hours the help page gives."""
    check_support_facts(actor)
    help_page = actor.on(pages.Support)
    expect(help_page.contact).to_contain_text("Téléphone")
    actor.show(help_page.phone_line, help_page.hours_line)


def mail_support_line(actor: Actor) -> None:
    """« Soit en envoyant un mail à ... » : the address the help page gives."""
    actor.show(actor.on(pages.Support).email_line)


def check_support_facts(actor: Actor) -> None:
    """Compare the addresses, phone, hours and brand the step gives with the help page."""
    help_page = actor.be_on(pages.Support)
    expect(help_page.contact).to_be_visible()
    product_text = help_page.main.inner_text() + " " + actor.page.title()
    for erratum in errata.compare(actor.step_text, product_text):
        actor.erratum(erratum.kind, erratum.guide, erratum.product)
