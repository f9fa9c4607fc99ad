"""Portal pages before the vault: login, first connection, lost identifier, forgotten password."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from mock_portal import accounts, product, recovery, videos
from mock_portal.db import get_db, transaction
from mock_portal.forms import ForgottenPasswordForm, LoginForm, LostIdentifierForm, PersonaliseForm, ResetPasswordForm
from mock_portal.mail import MailAttempt, portal_link, send_mail

bp = Blueprint("auth", __name__)

UNSAFE_IN_NEXT = ("\\", "%2f", "%5c", "%09", "%0a", "%0d", "%00")
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."
RECOVERY_SENT = (
    "Si les informations saisies correspondent à un coffre, un e-mail vient d'être envoyé "
    "à l'adresse indiquée. Pensez à vérifier vos courriers indésirables."
)


@bp.before_app_request
def load_logged_in_employee() -> None:
    """Put the logged-in employee (or None) in `g.employee`."""
    employee_id = session.get("employee_id")
    g.employee = accounts.get_employee(employee_id) if isinstance(employee_id, int) else None
    if g.employee is not None and g.employee["password_epoch"] != session.get("password_epoch"):
        session.clear()  # the password changed since this session began (elsewhere, or by a reset)
        g.employee = None


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Redirect to the login page unless logged in with a personalised password."""

    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Any:
        if g.employee is None:
            return redirect(url_for("auth.login", suivant=request.path))
        if g.employee["must_personalise"]:
            return redirect(url_for("auth.personalise"))
        return view(**kwargs)

    return wrapped


def start_session(employee_id: int) -> None:
    """A fresh session for a newly logged-in employee."""
    session.clear()
    session["employee_id"] = employee_id
    session["password_epoch"] = accounts.employee(employee_id)["password_epoch"]
    session["nonce"] = secrets.token_hex(8)


def safe_next(target: str | None) -> str:
    """`target` if a browser would read it as a path of this site, else the vault's home.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash (WHATWG URL spec), so
    a target holding any control character, a backslash or one of these encoded is refused.
    """
    lowered = (target or "").lower()
    if (not target or not target.startswith("/") or target.startswith("//")
            or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target)
            or any(marker in lowered for marker in UNSAFE_IN_NEXT)
            or urlsplit(target).netloc or urlsplit(target).scheme):
        return url_for("vault.home")
    return target


@bp.route("/", methods=("GET", "POST"))
def login() -> tuple[str, int] | Response:
    """The login page of the guide's screenshot."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        result = accounts.authenticate(form.login.data, form.password.data)
        if result.locked:
            error = product.LOCKOUT_MESSAGE
        elif result.ok and result.employee is not None:
            start_session(result.employee["id"])
            if result.employee["must_personalise"]:
                return redirect(url_for("auth.personalise"))
            return redirect(safe_next(request.args.get("suivant")))
        else:
            error = WRONG_CREDENTIALS
    elif g.employee is not None and request.method == "GET" and not g.employee["must_personalise"]:
        return redirect(url_for("vault.home"))
    return render_template("login.html", form=form, error=error), 200 if error is None else 401


@bp.post("/deconnexion")
def logout() -> Response:
    session.clear()
    flash("Vous êtes déconnecté.")
    return redirect(url_for("auth.login"))


@bp.route("/premiere-connexion", methods=("GET", "POST"))
def personalise() -> str | Response:
    """First connection: give a personal e-mail (if none yet) and personalise the password."""
    if g.employee is None:
        return redirect(url_for("auth.login"))
    if not g.employee["must_personalise"]:
        return redirect(url_for("vault.home"))
    form = PersonaliseForm()
    needs_email = g.employee["email"] is None
    if form.validate_on_submit():
        if needs_email and not form.email.data:
            form.email.errors.append("Ce champ est obligatoire.")
        else:
            db = get_db()
            with transaction(db):
                if needs_email:
                    accounts.set_email(g.employee["id"], form.email.data)
                accounts.set_password(g.employee["id"], form.password.data)
            start_session(g.employee["id"])
            flash("Votre mot de passe est personnalisé. Bienvenue dans votre coffre-fort numérique.")
            return redirect(url_for("vault.home"))
    return render_template("personalise.html", form=form, needs_email=needs_email)


@bp.route("/mot-de-passe-oublie", methods=("GET", "POST"))
def forgotten_password() -> tuple[str, int] | Response:
    """Ask for a reset link with the identifier and the e-mail of the first connection."""
    form = ForgottenPasswordForm()
    attempt = MailAttempt()
    if form.validate_on_submit():
        employee = accounts.find_by_login(form.identifier.data)
        with attempt:
            if employee is not None and (employee["email"] or "") == form.email.data.lower():
                with transaction(get_db()):
                    token = recovery.create_reset_token(employee["id"])
                    send_mail(
                        employee["email"],
                        f"{product.BRAND} : réinitialisation de votre mot de passe",
                        "reset",
                        employee=employee,
                        link=portal_link("auth.reset_password", token=token),
                        minutes=product.RESET_TOKEN_MINUTES,
                    )
        if not attempt.failed:
            flash(RECOVERY_SENT)
            return redirect(url_for("auth.login"))
    return attempt.page("forgotten_password.html", form=form)


@bp.route("/reinitialiser/<token>", methods=("GET", "POST"))
def reset_password(token: str) -> tuple[str, int] | str | Response:
    """Choose a new password from the mailed link."""
    if len(token) > 100 or recovery.employee_for_token(token) is None:
        return render_template("error.html", title="Lien expiré", message=(
            "Ce lien de réinitialisation n'est plus valable : il a déjà servi, a expiré ou a "
            "été remplacé par un lien plus récent. Refaites la demande « Mot de passe oublié ? »."
        ), link=url_for("auth.forgotten_password")), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        if recovery.use_reset_token(token, form.password.data):
            flash("Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe.")
            return redirect(url_for("auth.login"))
        abort(410)
    return render_template("reset_password.html", form=form)


@bp.route("/identifiant-perdu", methods=("GET", "POST"))
def lost_identifier() -> tuple[str, int] | Response:
    """Receive a new identifier and a provisional password by e-mail."""
    form = LostIdentifierForm()
    attempt = MailAttempt()
    if form.validate_on_submit():
        with attempt, transaction(get_db()):
            employee = recovery.find_for_recovery(
                form.last_name.data,
                form.first_name.data,
                form.birth_city.data,
                int(form.birth_month.data),
                form.private_number.data,
            )
            if employee is None:
                accounts.spend_a_hash()  # the known path hashes a provisional password
            else:
                identifier, password = recovery.reissue_identifier(
                    employee, form.email.data, form.mobile.data
                )
                send_mail(
                    form.email.data,
                    f"{product.BRAND} : votre nouvel identifiant",
                    "new_identifier",
                    employee=employee,
                    identifier=identifier,
                    password=password,
                    login_url=portal_link("auth.login"),
                )
        if not attempt.failed:
            flash(RECOVERY_SENT)
            return redirect(url_for("auth.login"))
    return attempt.page("lost_identifier.html", form=form)


@bp.get("/premiere-connexion/video")
def first_connection_video() -> str:
    """The explanatory 'first connection' page linked from the login screen: the guide's video of it."""
    return render_template("first_connection_video.html", video=videos.available())


@bp.get("/premiere-connexion/video/<name>")
def first_connection_video_file(name: str) -> Response:
    return videos.send(name)
