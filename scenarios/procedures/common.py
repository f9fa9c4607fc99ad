"""Actions several procedures share, in the guide's terms."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .. import errata, selectors
from ..steps import Actor

NEW_PASSWORD = "Nouveau-Coffre-2026!"
# Questions 7 and 9 give the support desk's phone line in the same words.
PHONE_STEP = ("Soit en téléphonant au 05 82 01 01 01 du lundi au vendredi de 09:00 à 12:00 et de "
              "14:00 à 17:00.")


def log_in_to_vault(actor: Actor, login: str | None = None, password: str | None = None) -> None:
    """« Je me connecte à mon coffre-fort. »"""
    s = actor.situation
    actor.log_in(login or s["identifier"], password or actor.memory.get("password", s["password"]))
    actor.show(selectors.account_menu(actor.page))
    expect(actor.page).to_have_url(actor.url("portal", selectors.PATHS["vault"]))
    expect(selectors.account_menu(actor.page)).to_have_text(f"{s['first_name']} {s['last_name']}")


def log_out(actor: Actor) -> None:
    selectors.account_menu(actor.page).click()
    actor.page.get_by_role("button", name="Se déconnecter").click()
    expect(selectors.notice(actor.page)).to_contain_text("Vous êtes déconnecté.")


def open_name_menu(actor: Actor) -> None:
    """« Je clique sur mon nom se trouvant en haut de l'écran à droite. »"""
    menu = actor.show(selectors.account_menu(actor.page))
    box = menu.bounding_box()
    viewport = actor.page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] > viewport["width"] / 2 and box["y"] < 100, f"le nom n'est pas en haut à droite : {box}"
    menu.click()
    expect(actor.page.get_by_role("link", name="Mes informations de profil")).to_be_visible()


def open_profile(actor: Actor) -> None:
    """« Je clique sur « Mes informations de profil » »"""
    actor.click("Mes informations de profil")
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Mes informations de profil")


def fill_lost_identifier_form(actor: Actor) -> None:
    """The lost-identifier form, filled with the employee's own data, privacy box ticked."""
    s, page = actor.situation, actor.page
    for key, label in selectors.LOST_ID_FIELDS.items():
        value = s["email"] if key == "email_confirm" else s[key]
        actor.field(label).fill(value)
    actor.field(selectors.BIRTH_MONTH_FIELD).select_option(str(s["birth_month"]))
    page.get_by_label(selectors.PRIVACY_CHECKBOX).check()


def receive_new_identifier(actor: Actor) -> None:
    """The mail with the new identifier and the provisional password."""
    actor.open_mail(actor.situation["email"], actor.memory["mail_after"])
    identifier = actor.show(selectors.mail_identifier(actor.page))
    expect(identifier).to_have_text(re.compile(r"^\d{12}$"))
    new = identifier.inner_text()
    assert new != actor.situation["identifier"], "l'identifiant n'a pas changé"
    actor.memory["identifier"] = new
    actor.memory["provisional"] = selectors.secrets(actor.page).first.inner_text()
    expect(actor.page.get_by_text("mot de passe provisoire", exact=False).first).to_be_visible()


def personalise_password(actor: Actor) -> None:
    """Log in with the provisional password, then choose one's own."""
    actor.log_in(actor.memory["identifier"], actor.memory["provisional"])
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Personnalisez votre mot de passe")
    actor.show(actor.field(selectors.PERSONAL_PASSWORD_FIELD)).fill(NEW_PASSWORD)
    actor.field(selectors.PASSWORD_CONFIRM_FIELD).fill(NEW_PASSWORD)
    actor.page.get_by_role("button", name="Valider").click()
    expect(selectors.notice(actor.page)).to_contain_text("Votre mot de passe est personnalisé")
    actor.memory["password"] = NEW_PASSWORD


def contact_support(actor: Actor, subject: str, message: str) -> dict:
    """Write to the support desk from « Besoin d'aide ? »; return the mail it received."""
    s, page = actor.situation, actor.page
    actor.goto("portal", selectors.PATHS["support"])
    address = selectors.support_contact(page).get_by_role("link").first.inner_text()
    after = actor.sim.last_mail_id()
    actor.field(selectors.SUPPORT_NAME_FIELD).fill(f"{s['first_name']} {s['last_name']}")
    actor.field(selectors.SUPPORT_EMAIL_FIELD).fill(s["email"])
    actor.field(selectors.SUPPORT_IDENTIFIER_FIELD).fill(s["identifier"])
    actor.field(selectors.SUPPORT_EMPLOYER_FIELD).fill(s["employer"])
    actor.field(selectors.SUPPORT_SUBJECT_FIELD).select_option(subject)
    actor.field(selectors.SUPPORT_MESSAGE_FIELD).fill(message)
    actor.show(page.get_by_role("button", name=selectors.SEND_BUTTON)).click()
    expect(selectors.notice(page)).to_contain_text("transmise au support")
    return actor.wait_for_mail(address, after)


def phone_support(actor: Actor) -> None:
    """« Soit en téléphonant au ... » : the phone and hours the help page gives."""
    check_support_facts(actor, actor.step_text)
    expect(selectors.support_contact(actor.page)).to_contain_text("Téléphone")


def check_support_facts(actor: Actor, step_text: str) -> None:
    """Compare the addresses, phone, hours and brand the step gives with the help page."""
    if not actor.page.url.endswith(selectors.PATHS["support"]):
        actor.goto("portal", selectors.PATHS["support"])
    contact = actor.show(selectors.support_contact(actor.page))
    expect(contact).to_be_visible()
    product_text = actor.page.locator("main").inner_text() + " " + actor.page.title()
    for erratum in errata.compare(step_text, product_text):
        actor.erratum(erratum.kind, erratum.guide, erratum.product)
