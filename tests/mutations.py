"""A pytest plugin (`-p tests.mutations`) that breaks the embedded mock the way a portal may contradict the guide,
seen from the browser: the mutation $COFFRE_GUIDE_MUTATION names is applied to every page of the run by a
page script or a route. A label the guide quotes renamed; a form that answers as if it had done its work and did nothing (its
POST sent as a GET); a page that says the action failed. tests/end_to_end/test_mutations.py holds the table."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, Route

MUTATION = "COFFRE_GUIDE_MUTATION"


def renamed(old: str, new: str) -> str:
    """A page script: the page shows `new` where it showed `old` (a label the guide quotes, renamed)."""
    return f"""document.addEventListener("DOMContentLoaded", () => {{
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        node.nodeValue = node.nodeValue.replace(new RegExp({json.dumps(re.escape(old))}, "gi"), {json.dumps(new)});
    }});"""


def does_nothing(route: Route) -> None:
    """The form's POST sent as a GET: the page comes back as if submitted, and nothing was done."""
    if route.request.method == "POST":
        route.continue_(method="GET", post_data=b"")
    else:
        route.continue_()


def says_it_failed(route: Route) -> None:
    """The form's POST answered with a page that says the action failed (an alert, as portals write one), and
    nothing done."""
    if route.request.method != "POST":
        route.continue_()
        return
    route.fulfill(content_type="text/html; charset=utf-8", body=(
        '<!doctype html><html lang="fr"><head><title>Erreur</title></head><body><main>'
        '<div role="alert">Erreur : vos modifications n\'ont pas pu être enregistrées.</div></main></body></html>'))


# name: a page script, or (the URLs it applies to, what the route does). Routes never fetch: the browser reaches
# the mock at the guide's host names, which only it resolves.
MUTATIONS: dict[str, str | tuple[str, Callable[[Route], None]]] = {
    "label-mot-de-passe-oublie": renamed("Mot de passe oublié", "Code perdu"),
    "label-mes-informations-de-profil": renamed("Mes informations de profil", "Mon espace"),
    "forgotten-password-sends-nothing": ("**/mot-de-passe-oublie", does_nothing),
    "reset-changes-nothing": ("**/reinitialiser/*", does_nothing),
    "lost-identifier-sends-nothing": ("**/identifiant-perdu", does_nothing),
    "profile-saves-nothing": ("**/profil/", does_nothing),
    "password-change-changes-nothing": ("**/profil/mot-de-passe", does_nothing),
    "profile-says-it-failed": ("**/profil/", says_it_failed),
}


@pytest.fixture(autouse=True)
def mutated(request: pytest.FixtureRequest) -> Iterator[None]:
    name = os.environ.get(MUTATION)
    if not name or "context" not in request.fixturenames:
        yield
        return
    context: BrowserContext = request.getfixturevalue("context")
    mutation = MUTATIONS[name]
    if isinstance(mutation, str):
        context.add_init_script(mutation)
    else:
        context.route(*mutation)
    yield
