"""Page objects: every selector the scenarios use that is not a label the guide quotes.

Pointing the scenarios at another portal means changing this file only. Labels quoted by the guide
in « » are not here: the step's own words locate those elements (see `Actor.labelled`).
"""

from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator, Page

from .sites import Site


def field(page: Page, label: str) -> Locator:
    return page.get_by_label(label, exact=True).describe(f"champ « {label} »")


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name).describe(f"bouton « {name} »")


def link(page: Page, name: str | re.Pattern[str]) -> Locator:
    return page.get_by_role("link", name=name).describe(f"lien « {getattr(name, 'pattern', name)} »")


class Screen:
    """What every page of the three sites has: its title, alerts, notices, the account menu."""

    site: ClassVar[Site] = "portal"
    path: ClassVar[str] = "/"
    title: ClassVar[str | None] = None  # the page's <h1>, as the employee reads it

    def __init__(self, page: Page) -> None:
        self.page = page
        self.heading = page.get_by_role("heading", level=1).describe("titre de la page")
        self.alert = page.get_by_role("alert").describe("message d'erreur")
        self.notice = page.get_by_role("status").describe("message d'information")
        self.note = page.get_by_role("note").describe("encadré")
        self.account_menu = page.locator(".account-menu summary").describe("nom de l'employé, en haut à droite")
        self.logout = button(page, "Se déconnecter")
        self.profile_link = link(page, "Mes informations de profil")
        self.help_link = link(page, "Besoin d'aide ?")
        self.secrets = page.locator("[data-secret]")  # passwords shown on screen: masked by captures
        self.main = page.locator("main")
        self.body = page.locator("body")

    def mentions(self, pattern: str | re.Pattern[str]) -> Locator:
        """Elements whose text matches `pattern` (to prove the page says, or does not say, something)."""
        return self.page.get_by_text(pattern)


class Login(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.identifier = field(page, "Identifiant")
        self.password = field(page, "Mot de passe")
        self.submit = button(page, "Se connecter")
        self.lost_identifier = link(page, "Identifiant perdu ?")


class ForgottenPassword(Screen):
    path = "/mot-de-passe-oublie"
    title = "Mot de passe oublié"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.identifier = field(page, "Identifiant")
        self.email = field(page, "E-mail renseigné lors de votre première connexion")


class ResetPassword(Screen):
    title = "Choisissez un nouveau mot de passe"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.password = field(page, "Nouveau mot de passe")
        self.password_again = field(page, "Saisissez à nouveau le nouveau mot de passe")


class LostIdentifier(Screen):
    path = "/identifiant-perdu"
    title = "Je n'ai plus le courrier avec mes identifiants de connexion"
    FIELDS: ClassVar[dict[str, str]] = {
        "last_name": "Nom", "first_name": "Prénom", "birth_city": "Commune de naissance",
        "mobile": "Numéro de téléphone mobile", "email": "E-mail", "email_confirm": "Confirmation e-mail",
        "private_number": "Votre numéro privé",
    }

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.fields = {key: field(page, label) for key, label in self.FIELDS.items()}
        self.birth_month = field(page, "Mois de naissance")
        self.privacy = page.get_by_label("J'ai pris connaissance de la politique de confidentialité").describe(
            "case « politique de confidentialité »")
        self.save = button(page, "Enregistrer")


class Personalise(Screen):
    title = "Personnalisez votre mot de passe"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.password = field(page, "Votre mot de passe personnel")
        self.confirm = field(page, "Confirmation du mot de passe")
        self.submit = button(page, "Valider")


class Vault(Screen):
    path = "/coffre/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.payslips = link(page, "Bulletins de paie")
        self.user_guide = link(page, "Guide d'utilisation du coffre").first.describe(
            "lien « Guide d'utilisation du coffre »")

    def year(self, year: str) -> Locator:
        return link(self.page, re.compile(rf"^{year}"))

    @property
    def documents(self) -> Locator:
        """The documents of the open folder, newest first."""
        return self.page.get_by_role("list").get_by_role("link").describe("documents du dossier")

    @property
    def latest(self) -> Locator:
        """The folder's newest document (the list is newest first)."""
        return self.documents.first.describe("dernier document du dossier")


class Document(Screen):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.details = page.get_by_role("table")
        self.recipient = field(page, "Adresse e-mail du destinataire")
        self.send = button(page, "Envoyer")
        self.print_view = link(page, "Imprimer")
        self.print = button(page, "Imprimer")


class MyDocuments(Screen):
    path = "/coffre/mes-documents"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.name = field(page, "Nom du document")
        self.file = field(page, "Fichier (PDF, JPEG ou PNG, 5 Mo au plus)")
        self.deposit = button(page, "Déposer")

    def document(self, name: str) -> Locator:
        return link(self.page, name)


class Profile(Screen):
    path = "/profil/"
    title = "Mes informations de profil"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.email = field(page, "E-mail personnel")
        self.save = button(page, "Enregistrer")


class ChangePassword(Screen):
    title = "Changer de mot de passe"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.current = field(page, "Mot de passe actuel")
        self.password = field(page, "Nouveau mot de passe")
        self.confirm = field(page, "Confirmation du nouveau mot de passe")
        self.submit = button(page, "Modifier")


class Support(Screen):
    path = "/aide"
    title = "Besoin d'aide ?"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.contact = page.locator("#support-contact").describe("coordonnées du support")
        self.address = self.contact.get_by_role("link").first
        self.email_line = page.locator("#support-email").describe("adresse e-mail du support")
        self.phone_line = page.locator("#support-phone").describe("téléphone du support")
        self.hours_line = page.locator("#support-hours").describe("horaires du support")
        self.name = field(page, "Nom et prénom")
        self.email = field(page, "Votre adresse e-mail")
        self.identifier = field(page, "Identifiant (facultatif)")
        self.employer = field(page, "Employeur (facultatif)")
        self.subject = field(page, "Objet de la demande")
        self.message = field(page, "Message")
        self.send = button(page, "Envoyer")
        self.merge_rule = page.get_by_text("La fusion de plusieurs coffres").describe("règle de la fusion des coffres")


class UserGuide(Screen):
    path = "/aide/guide-utilisation"
    title = "Guide d'utilisation du coffre"

    def topic(self, name: str) -> Locator:
        return self.page.get_by_role("heading", name=name)


class Mail(Screen):
    """A captured mail, shown as the employee's mail client would."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.identifier = page.locator("#mail-identifier").describe("nouvel identifiant")
        self.provisional = page.get_by_text("mot de passe provisoire", exact=False).first
        self.reset_link = link(page, re.compile("réinitialiser mon mot de passe", re.IGNORECASE))


class BackOffice(Screen):
    """The employers' back office (payroll runs, enrolment), one employer at a time."""

    path = "/_sim/?employeur={id}"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.deposits = page.get_by_role("heading", name="Trains de paie déposés").locator(
            "xpath=following-sibling::ul[1]")

    def row(self, text: str) -> Locator:
        return self.page.get_by_role("row").filter(has_text=text).describe(f"ligne « {text} »")


class Letter(Screen):
    path = "/_sim/courriers/{id}"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.credentials = page.locator("#letter-credentials").describe("identifiant et numéro privé")


class Corporate(Screen):
    site = "corporate"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.password_inputs = page.locator("input[type=password]")
        self.portal_link = link(page, "www.mycecurity.com")


class Refusal(Screen):
    site = "refusdemat"
    title = "Demande de distribution des bulletins de paie au format papier"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.identifier = field(page, "Identifiant")
        self.password = field(page, "Mot de passe")
        self.employer = field(page, "Employeur")
        policy = "J'ai pris connaissance de la politique des données personnelles"
        self.data_policy = page.get_by_label(policy).describe("case « politique des données personnelles »")
        self.submit = button(page, "Valider")


class RefusalConfirm(Screen):
    site = "refusdemat"
    title = "Confirmez votre demande"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.confirm = button(page, "Confirmer ma demande")


class RefusalReceipt(Screen):
    site = "refusdemat"
    title = "Votre demande a bien été prise en compte"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.reference = page.locator("#refusal-reference").describe("référence de la demande")
        self.print = button(page, "Imprimer")
