"""Error pages in French for every HTTP error, and the URL rules that keep bad input away from the database."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import IntegerConverter, Map

from mock_portal import product

SQLITE_MAX_INT = 2**63 - 1
PAGES = {
    400: ("Requête invalide", "La demande envoyée n'a pas pu être comprise. Revenez en arrière et réessayez."),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ("Page introuvable", "La page demandée n'existe pas."),
    405: ("Action impossible", "Cette page ne peut pas être utilisée de cette façon. Revenez en arrière et réessayez."),
    410: ("Page expirée", "Cette page n'est plus disponible."),
    413: ("Fichier trop volumineux",
          f"Le fichier envoyé dépasse la taille autorisée ({product.UPLOAD_MAX_MB} Mo). "
          "Choisissez un fichier plus petit."),
    500: ("Erreur du service", "Une erreur inattendue s'est produite. Réessayez dans quelques minutes ; "
                               "si elle persiste, contactez le support."),
}


BARE_PAGE = ('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
             "<body><main><h1>{title}</h1><p>{message}</p></main></body></html>")


class IdConverter(IntegerConverter):
    """`<id:name>`: a database id, 1 to SQLite's largest integer; anything else is no page (404)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        super().__init__(url_map, min=1, max=SQLITE_MAX_INT)


def error_page(code: int) -> tuple[str, int]:
    title, message = PAGES.get(code, PAGES[400 if code < 500 else 500])
    if request_ctx.url_adapter is None:  # the Host header was refused: the site's links cannot be built
        return BARE_PAGE.format(title=escape(title), message=escape(message)), code
    return render_template("error.html", title=title, message=message), code


def register(app: Flask) -> None:
    """French pages for every HTTP error the three sites can answer."""
    app.url_map.converters["id"] = IdConverter

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_template("error.html", title="Session expirée", message=(
            "Le formulaire a expiré ou n'a pas pu être vérifié. "
            "Rechargez la page et saisissez à nouveau vos informations."
        )), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        if error.code is None or error.code < 400:  # redirects raised as exceptions go through as they are
            return error
        return error_page(error.code)

    @app.errorhandler(InternalServerError)
    def server_error(_error: InternalServerError) -> tuple[str, int]:
        return error_page(500)
