"""Every selector the scenarios use, in one place: pointing them at another portal means
changing this file only. Labels quoted by the guide are not here: the guide's own words
locate those elements (see `Actor.click`)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

# Paths on each site.
PATHS = {
    "login": "/",
    "vault": "/coffre/",
    "mailbox": "/_sim/courriels",
    "mail": "/_sim/courriels/{id}",
    "letter": "/_sim/courriers/{id}",
    "back_office": "/_sim/",
    "employer": "/_sim/?employeur={id}",
    "support": "/aide",
    "user_guide": "/aide/guide-utilisation",
}

# Field labels of the portal's forms (accessible names).
LOGIN_FIELD = "Identifiant"
PASSWORD_FIELD = "Mot de passe"
LOGIN_BUTTON = "Se connecter"
FORGOTTEN_EMAIL_FIELD = "E-mail renseigné lors de votre première connexion"
NEW_PASSWORD_FIELD = "Nouveau mot de passe"
NEW_PASSWORD_AGAIN_FIELD = "Saisissez à nouveau le nouveau mot de passe"
PERSONAL_PASSWORD_FIELD = "Votre mot de passe personnel"
PASSWORD_CONFIRM_FIELD = "Confirmation du mot de passe"
CURRENT_PASSWORD_FIELD = "Mot de passe actuel"
NEW_PASSWORD_CONFIRM_FIELD = "Confirmation du nouveau mot de passe"
PERSONAL_EMAIL_FIELD = "E-mail personnel"
LOST_ID_FIELDS = {
    "last_name": "Nom",
    "first_name": "Prénom",
    "birth_city": "Commune de naissance",
    "mobile": "Numéro de téléphone mobile",
    "email": "E-mail",
    "email_confirm": "Confirmation e-mail",
    "private_number": "Votre numéro privé",
}
BIRTH_MONTH_FIELD = "Mois de naissance"
PRIVACY_CHECKBOX = "J'ai pris connaissance de la politique de confidentialité"
DATA_POLICY_CHECKBOX = "J'ai pris connaissance de la politique des données personnelles"
EMPLOYER_FIELD = "Employeur"
CONFIRM_REFUSAL_BUTTON = "Confirmer ma demande"
PRINT_BUTTON = "Imprimer"
SEND_BUTTON = "Envoyer"
RECIPIENT_FIELD = "Adresse e-mail du destinataire"
UPLOAD_TITLE_FIELD = "Nom du document"
UPLOAD_FILE_FIELD = "Fichier (PDF, JPEG ou PNG, 5 Mo au plus)"
UPLOAD_BUTTON = "Déposer"
SUPPORT_SUBJECT_FIELD = "Objet de la demande"
SUPPORT_MESSAGE_FIELD = "Message"
SUPPORT_NAME_FIELD = "Nom et prénom"
SUPPORT_EMAIL_FIELD = "Votre adresse e-mail"
SUPPORT_IDENTIFIER_FIELD = "Identifiant (facultatif)"
SUPPORT_EMPLOYER_FIELD = "Employeur (facultatif)"
PROFILE_SAVE_BUTTON = "Enregistrer"
USER_GUIDE_LINK = "Guide d'utilisation du coffre"
HELP_LINK = "Besoin d'aide ?"


def account_menu(page: Page) -> Locator:
    """The employee's name, top right, which opens the account menu."""
    return page.locator(".account-menu summary")


def alert(page: Page) -> Locator:
    return page.get_by_role("alert")


def notice(page: Page) -> Locator:
    return page.get_by_role("status")


def field_error(page: Page, label: str) -> Locator:
    """The error message shown next to a field."""
    field = page.get_by_label(label, exact=True)
    return page.locator(f"#{field.get_attribute('id')}-error")


def support_contact(page: Page) -> Locator:
    return page.locator("#support-contact")


def mail_identifier(page: Page) -> Locator:
    return page.locator("#mail-identifier")


def letter_credentials(page: Page) -> Locator:
    return page.locator("#letter-credentials")


def refusal_reference(page: Page) -> Locator:
    return page.locator("#refusal-reference")


def secrets(page: Page) -> Locator:
    """Elements that show a password: masked on every screenshot."""
    return page.locator("[data-secret]")
