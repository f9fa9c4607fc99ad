"""The sites' forms, with French messages shown next to each field."""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from mock_portal import product
from mock_portal.product import MONTHS

REQUIRED = "Ce champ est obligatoire."
IDENTIFIER_FORMAT = "L'identifiant est composé de 12 chiffres."
EMAIL_FORMAT = "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."
MOBILE_FORMAT = "Saisissez un numéro de mobile à 10 chiffres commençant par 06 ou 07."
PRIVATE_FORMAT = "Le numéro privé est composé de 6 chiffres (voir votre courrier d'inscription)."
EMAILS_DIFFER = "Les deux adresses e-mail ne correspondent pas."
PASSWORDS_DIFFER = "Les deux mots de passe ne correspondent pas."
PASSWORD_RULES = (
    "Le mot de passe doit contenir au moins 8 caractères dont une majuscule, "
    "une minuscule, un chiffre et un caractère spécial."
)
PRIVACY_REQUIRED = "Vous devez accepter la politique de confidentialité pour continuer."
DATA_POLICY_REQUIRED = "Vous devez accepter la politique des données personnelles pour continuer."


def required() -> DataRequired:
    return DataRequired(message=REQUIRED)


def at_most(n: int) -> Length:
    return Length(max=n, message=f"Ce champ ne doit pas dépasser {n} caractères.")


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def no_control_characters(_form: Any, field: Any) -> None:
    if isinstance(field.data, str) and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", field.data):
        raise ValidationError("Ce champ contient des caractères non autorisés.")


def strong_password(_form: Any, field: Any) -> None:
    value = field.data or ""
    checks = (r"[A-Z]", r"[a-z]", r"\d", r"[^A-Za-z0-9]")
    if len(value) < 8 or not all(re.search(pattern, value) for pattern in checks):
        raise ValidationError(PASSWORD_RULES)


def text(label: str, n: int = 80, *validators: Any) -> StringField:
    return StringField(
        label, [required(), at_most(n), no_control_characters, *validators], filters=[strip]
    )


def email(label: str = "E-mail") -> StringField:
    return StringField(
        label,
        [required(), at_most(254), Email(message=EMAIL_FORMAT, check_deliverability=False)],
        filters=[strip],
    )


def identifier(label: str = "Identifiant") -> StringField:
    return StringField(
        label, [required(), Regexp(r"^\d{12}$", message=IDENTIFIER_FORMAT)], filters=[strip]
    )


def new_password(label: str = "Nouveau mot de passe") -> PasswordField:
    return PasswordField(label, [required(), at_most(128), strong_password])


def password_confirmation(label: str = "Confirmation du mot de passe") -> PasswordField:
    return PasswordField(label, [required(), EqualTo("password", message=PASSWORDS_DIFFER)])


class LoginForm(FlaskForm):
    login = text("Identifiant", 254)
    password = PasswordField("Mot de passe", [required(), at_most(128)])


class ForgottenPasswordForm(FlaskForm):
    identifier = identifier()
    email = email("E-mail renseigné lors de votre première connexion")


class LostIdentifierForm(FlaskForm):
    last_name = text("Nom")
    first_name = text("Prénom")
    birth_city = text("Commune de naissance")
    birth_month = SelectField(
        "Mois de naissance",
        [InputRequired(message=REQUIRED)],
        choices=[("", "Sélectionnez un mois"), *((str(i), m.capitalize()) for i, m in enumerate(MONTHS, 1))],
        validate_choice=False,
    )
    mobile = text("Numéro de téléphone mobile", 20, Regexp(r"^0[67](\s?\d{2}){4}$", message=MOBILE_FORMAT))
    email = email("E-mail")
    email_confirm = StringField(
        "Confirmation e-mail",
        [required(), EqualTo("email", message=EMAILS_DIFFER)],
        filters=[strip],
    )
    private_number = text("Votre numéro privé", 6, Regexp(r"^\d{6}$", message=PRIVATE_FORMAT))
    privacy = BooleanField(
        "J'ai pris connaissance de la politique de confidentialité et je l'accepte.",
        [DataRequired(message=PRIVACY_REQUIRED)],
    )

    def validate_birth_month(self, field: Any) -> None:
        if (field.data or "").lstrip("0") not in {str(i) for i in range(1, 13)}:  # « 6 » or « 06 »
            raise ValidationError("Sélectionnez votre mois de naissance.")


class ResetPasswordForm(FlaskForm):
    password = new_password()
    confirm = password_confirmation("Saisissez à nouveau le nouveau mot de passe")


class PersonaliseForm(FlaskForm):
    email = StringField(
        "E-mail personnel",
        [Optional(), at_most(254), Email(message=EMAIL_FORMAT, check_deliverability=False)],
        filters=[strip],
    )
    password = new_password("Votre mot de passe personnel")
    confirm = password_confirmation()


class ProfileForm(FlaskForm):
    email = email("E-mail personnel")
    mobile = StringField(
        "Numéro de téléphone mobile",
        [Optional(), at_most(20), Regexp(r"^0[67](\s?\d{2}){4}$", message=MOBILE_FORMAT)],
        filters=[strip],
    )
    version = StringField("version", [required(), Regexp(r"^\d{1,9}$", message=REQUIRED)])


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Mot de passe actuel", [required(), at_most(128)])
    password = new_password()
    confirm = password_confirmation("Confirmation du nouveau mot de passe")


class SendDocumentForm(FlaskForm):
    recipient = email("Adresse e-mail du destinataire")


class UploadForm(FlaskForm):
    title = text("Nom du document", 120)
    document = FileField(
        "Fichier (PDF, JPEG ou PNG, 5 Mo au plus)",
        [
            FileRequired(message="Choisissez un fichier à déposer."),
            FileAllowed(["pdf", "jpg", "jpeg", "png"], message="Seuls les fichiers PDF, JPEG et PNG sont acceptés."),
            FileSize(max_size=product.UPLOAD_MAX_MB * 1024 * 1024,
                     message=f"Le fichier dépasse {product.UPLOAD_MAX_MB} Mo : choisissez un fichier plus petit."),
        ],
    )


class SupportForm(FlaskForm):
    name = text("Nom et prénom", 120)
    identifier = StringField(
        "Identifiant (facultatif)",
        [Optional(), Regexp(r"^\d{12}$", message=IDENTIFIER_FORMAT)],
        filters=[strip],
    )
    employer = StringField("Employeur (facultatif)", [Optional(), at_most(120), no_control_characters], filters=[strip])
    email = email("Votre adresse e-mail")
    subject = SelectField(
        "Objet de la demande",
        [InputRequired(message=REQUIRED)],
        choices=[
            ("", "Sélectionnez l'objet"),
            ("fusion", "Fusionner mes coffres"),
            ("reactivation", "Réactiver la dématérialisation"),
            ("acces", "Accès au coffre impossible"),
            ("autre", "Autre question"),
        ],
        validate_choice=False,
    )
    message = TextAreaField("Message", [required(), at_most(2000), no_control_characters], filters=[strip])

    def validate_subject(self, field: Any) -> None:
        if field.data not in {value for value, _ in self.subject.choices[1:]}:
            raise ValidationError("Sélectionnez l'objet de votre demande.")


class RefusalForm(FlaskForm):
    identifier = identifier("Identifiant")
    password = PasswordField("Mot de passe", [required(), at_most(128)])
    employer = SelectField("Employeur", [InputRequired(message=REQUIRED)], validate_choice=False)
    data_policy = BooleanField(
        "J'ai pris connaissance de la politique des données personnelles et j'accepte la collecte, "
        "la transmission à mon employeur et la conservation des données par Cecurity.com",
        [DataRequired(message=DATA_POLICY_REQUIRED)],
    )

    def validate_employer(self, field: Any) -> None:
        if field.data not in {value for value, _ in self.employer.choices[1:]}:
            raise ValidationError("Sélectionnez votre employeur dans la liste.")


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for confirmation buttons."""
