"""Questions 2 and 3 : changer son adresse mail, changer son mot de passe."""

from __future__ import annotations

from playwright.sync_api import expect

from .. import selectors
from ..steps import Actor, procedure
from .common import NEW_PASSWORD, log_in_to_vault, log_out, open_name_menu, open_profile

# ---- Question 2 ---------------------------------------------------------------------
change_mail = procedure(2, "Changer son adresse mail")
change_mail.step("Je me connecte à mon coffre-fort.")(log_in_to_vault)
change_mail.step("Je clique sur mon nom se trouvant en haut de l'écran à droite.")(open_name_menu)
change_mail.step("Je clique sur « Mes informations de profil »")(open_profile)


def new_mail_of(actor: Actor) -> str:
    local, domain = actor.situation["email"].split("@")
    return f"{local}.perso@{domain}"


@change_mail.step("Je change mon mail dans le formulaire qui m'est proposé.")
def change_mail_in_form(actor: Actor) -> None:
    new_mail = new_mail_of(actor)
    actor.show(actor.field(selectors.PERSONAL_EMAIL_FIELD)).fill(new_mail)
    actor.page.get_by_role("button", name=selectors.PROFILE_SAVE_BUTTON).click()
    expect(selectors.notice(actor.page)).to_have_text("Vos informations de profil ont été enregistrées.")
    expect(actor.field(selectors.PERSONAL_EMAIL_FIELD)).to_have_value(new_mail)


# ---- Question 3 ---------------------------------------------------------------------
change_password = procedure(3, "Changer son mot de passe")
change_password.step("Je me connecte à mon coffre-fort.")(log_in_to_vault)
change_password.step("Je clique sur mon nom se trouvant en haut de l'écran à droite.")(open_name_menu)
change_password.step("Je clique sur « Mes informations de profil »")(open_profile)


@change_password.step("Je clique sur « Changer de mot de passe » en bas du formulaire.")
def click_change_password(actor: Actor) -> None:
    link = actor.labelled("Changer de mot de passe", roles=("link",))
    save = actor.page.get_by_role("button", name=selectors.PROFILE_SAVE_BUTTON).bounding_box()
    box = link.bounding_box()
    assert box and save and box["y"] > save["y"], "le lien n'est pas en bas du formulaire"
    actor.show(link).click()
    expect(actor.page.get_by_role("heading", level=1)).to_have_text("Changer de mot de passe")


@change_password.step("Je suis la procédure pour changer mon mot de passe.")
def follow_change_password(actor: Actor) -> None:
    actor.field(selectors.CURRENT_PASSWORD_FIELD).fill(actor.situation["password"])
    actor.field(selectors.NEW_PASSWORD_FIELD).fill(NEW_PASSWORD)
    actor.field(selectors.NEW_PASSWORD_CONFIRM_FIELD).fill(NEW_PASSWORD)
    actor.show(actor.page.get_by_role("button", name="Modifier")).click()
    expect(selectors.notice(actor.page)).to_have_text("Votre mot de passe a été modifié.")
    log_out(actor)
    log_in_to_vault(actor, password=NEW_PASSWORD)
