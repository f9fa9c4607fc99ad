"""Simulation mode only: clock, employers' back office, mailbox, enrolment letters, JSON API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response

from mock_portal import clock, db, payroll
from mock_portal.db import get_db
from mock_portal.errors import SQLITE_MAX_INT
from mock_portal.forms import ConfirmForm
from mock_portal.harness import mailcapture, situations

bp = Blueprint("simulation", __name__, url_prefix="/_sim")
api = Blueprint("simulation_api", __name__, url_prefix="/_sim/api")


@bp.record_once
def start_clock(state: BlueprintSetupState) -> None:
    """The simulated clock starts at a fixed instant, so that every run sees the same dates."""
    clock.start(state.app.config["DATABASE"])


def mails(to: str | None = None, after: int = 0) -> list[dict[str, Any]]:
    """The mails the capture server received (none when no capture server is configured)."""
    if not current_app.config["MAILBOX"]:
        return []
    return mailcapture.received(current_app.config["MAILBOX"], to, after)


# ---- HTML back office -------------------------------------------------------------


@bp.get("/")
def index(started: dict[str, Any] | None = None) -> str:
    """Employers, their employees, payroll runs and refusals (one employer's with ?employeur=ID)."""
    db = get_db()
    employer_id = bounded(request.args.get("employeur", type=int))
    where, args = ("WHERE employer_id = ?", (employer_id,)) if employer_id else ("", ())
    employers = db.execute(
        "SELECT * FROM employer" + (" WHERE id = ?" if employer_id else "") + " ORDER BY id", args
    ).fetchall()
    employees = db.execute("SELECT employee.*, s.situation, s.variant, s.password, s.provisional_password "
                           "FROM employee LEFT JOIN started_situation s ON s.employee_id = employee.id "
                           f"{where} ORDER BY id", args).fetchall()
    runs = db.execute("SELECT payroll_run.*, employer.name AS employer FROM payroll_run JOIN employer ON employer.id "
                      f"= payroll_run.employer_id {where.replace('employer_id', 'payroll_run.employer_id')} "
                      "ORDER BY period, employer.name", args).fetchall()
    refusals = db.execute(f"SELECT * FROM refusal {where} ORDER BY id", args).fetchall()
    template = "simulation/back_office.html" if employer_id and not started else "simulation/index.html"
    return render_template(template, employers=employers, employees=employees,
                           runs=runs, refusals=refusals, now=clock.local(clock.now()),
                           form=ConfirmForm(), situations=situations.SITUATIONS.values(),
                           employer_id=employer_id, started=started, next_seed=next_seed())


def next_seed() -> int:
    """A seed no situation started so far used (each start seeds at least one employee): a person of its own."""
    return int(get_db().execute("SELECT COUNT(*) FROM employee").fetchone()[0]) + 1


@bp.post("/situations")
def start_situation() -> str | Response:
    """A trainer starts a situation of the guide: the page then shows who to log in as."""
    name = situations.find(request.form.get("situation", ""))
    seed = bounded(request.form.get("seed", 1, type=int))
    if not ConfirmForm().validate_on_submit() or name is None or seed is None:
        flash("Choisissez une situation de la liste (et une variante entre 0 et 9 223 372 036 854 775 807).")
        return redirect(url_for("simulation.index"))
    return index(started=situations.create(name, seed))


@bp.post("/reinitialiser")
def reset() -> Response:
    """Empty the whole mock: employers, employees, documents, mails; the clock back at its start."""
    if ConfirmForm().validate_on_submit():
        reset_everything()
        flash("Simulateur réinitialisé : aucun employeur, aucun salarié, aucun courriel ; horloge au départ.")
    return redirect(url_for("simulation.index"))


def reset_everything() -> None:
    db.empty(get_db())
    clock.set_now(clock.SIM_START)
    if current_app.config["MAILBOX"]:
        mailcapture.empty(current_app.config["MAILBOX"])


@bp.post("/horloge")
def advance_clock() -> Response:
    form = ConfirmForm()
    try:
        minutes = int(request.form.get("minutes", ""))
    except ValueError:
        minutes = 0
    if form.validate_on_submit() and 0 < minutes <= 60 * 24 * 366:
        clock.advance(minutes)
        flash(f"Horloge avancée de {minutes} minutes.")
    else:
        flash("Indiquez un nombre de minutes entre 1 et 527 040.")
    return redirect(url_for("simulation.index"))


@bp.post("/employeurs/<id:employer_id>/train-de-paie")
def deposit(employer_id: int) -> Response:
    form = ConfirmForm()
    period = request.form.get("period", "")
    if form.validate_on_submit() and _valid_period(period):
        try:
            summary = payroll.deposit(employer_id, period)
        except LookupError:
            abort(404)
        except sqlite3.IntegrityError as error:  # already deposited
            flash(f"Dépôt refusé : {error}")
        else:
            flash(f"Train de paie {period} déposé : {summary['payslips']} bulletins, "
                  f"{summary['letters']} courriers d'inscription, {summary['paper']} au format papier.")
    else:
        flash("Indiquez une période au format AAAA-MM.")
    return redirect(url_for("simulation.index"))


@bp.get("/courriels")
def mailbox() -> str:
    """Every mail the mock sent, newest first."""
    return render_template("simulation/mailbox.html", mails=list(reversed(mails())))


@bp.get("/courriels/<id:mail_id>")
def mail(mail_id: int) -> str:
    """One mail, rendered as the employee's mail client would show it."""
    found = [m for m in mails(after=mail_id - 1) if m["id"] == mail_id]
    if not found:
        abort(404)
    return render_template("simulation/mail.html", mail=found[0])


@bp.get("/courriers/<id:letter_id>")
def letter(letter_id: int) -> str:
    """The printable enrolment letter (« courrier d'inscription »)."""
    db = get_db()
    row = db.execute(
        "SELECT letter.*, employee.first_name, employee.last_name, employer.name AS employer_name"
        " FROM letter JOIN employee ON employee.id = letter.employee_id"
        " JOIN employer ON employer.id = employee.employer_id WHERE letter.id = ?",
        (letter_id,),
    ).fetchone()
    if row is None:
        abort(404)
    return render_template("simulation/letter.html", letter=row, when=clock.local(row["created_at"]))


def bounded(value: object) -> int | None:
    """An integer the database can hold, or None."""
    return value if isinstance(value, int) and 0 <= value <= SQLITE_MAX_INT else None


def _valid_period(period: str) -> bool:
    try:
        datetime.strptime(period, "%Y-%m")
    except ValueError:
        return False
    return True


# ---- JSON API for scenarios ---------------------------------------------------------


@api.route("/clock", methods=("GET", "POST"))
def api_clock() -> Response:
    body = json_body()
    if request.method == "POST":
        try:
            if "now" in body:
                clock.set_now(datetime.fromisoformat(str(body["now"])))
            elif "advance_minutes" in body:
                minutes = float(body["advance_minutes"])
                if not 0 <= minutes <= 60 * 24 * 366 * 10:
                    raise ValueError(minutes)
                clock.advance(minutes)
            elif body.get("reset"):
                clock.set_now(clock.SIM_START)
            else:
                return jsonify(error="now, advance_minutes or reset expected"), 400  # type: ignore[return-value]
        except (TypeError, ValueError, OverflowError) as error:
            return jsonify(error=f"invalid clock change: {error}"), 400  # type: ignore[return-value]
    return jsonify(now=clock.now().isoformat())


@api.post("/situations/<name>")
def api_situation(name: str) -> Response:
    found = situations.find(name)
    if found is None:
        return jsonify(error=f"unknown situation {name}", known=sorted(situations.SITUATIONS)), 404  # type: ignore[return-value]
    seed = bounded(json_body().get("seed", 0)) or 0
    return jsonify(situations.create(found, seed))


@api.post("/reset")
def api_reset() -> Response:
    reset_everything()
    return jsonify(now=clock.now().isoformat())


def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


@api.post("/employers/<id:employer_id>/payroll")
def api_deposit(employer_id: int) -> Response:
    period = (request.get_json(silent=True) or {}).get("period", "")
    if not _valid_period(period):
        return jsonify(error="period must be YYYY-MM"), 400  # type: ignore[return-value]
    try:
        summary = payroll.deposit(employer_id, period)
    except LookupError:
        return jsonify(error="unknown employer"), 404  # type: ignore[return-value]
    return jsonify(summary)


@api.get("/mail")
def api_mail() -> Response:
    return jsonify(mails(request.args.get("to"), bounded(request.args.get("after", 0, type=int)) or 0))


@api.get("/employees/<id:employee_id>")
def api_employee(employee_id: int) -> Response:
    db = get_db()
    row = db.execute(
        "SELECT id, identifier, email, paperless, locked_until, must_personalise FROM employee"
        " WHERE id = ?", (employee_id,)
    ).fetchone()
    if row is None:
        return jsonify(error="unknown employee"), 404  # type: ignore[return-value]
    letters = db.execute("SELECT id FROM letter WHERE employee_id = ?", (employee_id,)).fetchall()
    refusals = db.execute("SELECT reference FROM refusal WHERE employee_id = ?", (employee_id,)).fetchall()
    return jsonify(**dict(row), letters=[r["id"] for r in letters],
                   refusals=[r["reference"] for r in refusals])
