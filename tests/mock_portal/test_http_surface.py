"""Property-based: random requests over the whole HTTP surface of the three sites.

Random paths (every route, with random segments, and arbitrary ones), methods, query strings,
headers (Host, Cookie, Content-Type) and bodies (form, multipart, raw), with and without a session:
never a 5xx, never a redirect off the site, never submitted markup rendered unescaped, the database
intact. The CI profile sends 200 requests per site; `--hypothesis-profile=nightly`, 5,000.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from mock_portal.harness import situations
from mock_portal.harness.mailcapture import MailCapture
from tests.helpers import HOSTILE, SCRIPT, integrity, make_app

SEGMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
segment = st.one_of(text, st.integers().map(str), st.sampled_from(["1", "2", "0", "99999999999999999999", "2026"]))


WIPES = ("/_sim/api/reset", "/_sim/reinitialiser")  # empty the mock on purpose: tested on their own


def paths_of(app: Flask) -> list[str]:
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if not rule.rule.startswith("/static") and rule.rule not in WIPES})


def fill(rule: str, values: list[str]) -> str:
    """The rule with each <converter:name> replaced by one of `values` (quoted as a browser would)."""
    parts = iter(values)
    return SEGMENT.sub(lambda _: (next(parts, "x") or "x").replace("/", "%2F").replace("?", "%3F")
                       .replace("#", "%23"), rule)


def request_strategy(app: Flask) -> st.SearchStrategy[dict[str, Any]]:
    rules = paths_of(app)
    return st.fixed_dictionaries({
        "path": st.one_of(
            st.builds(fill, st.sampled_from(rules), st.lists(segment, min_size=3, max_size=3)),
            st.text(max_size=80).map(lambda t: "/" + t.lstrip("/").replace("?", "%3F").replace("#", "%23")),
        ),
        "method": st.sampled_from(["GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"]),
        "query": st.dictionaries(st.sampled_from(["suivant", "employeur", "after", "to", "telecharger", "q"]),
                                 text, max_size=2),
        "host": st.sampled_from([None, "evil.example", "www.mycecurity.com", "localhost:1", "a" * 300]),
        "cookie": st.sampled_from([None, "session=garbage", "session=" + "A" * 4000, "session=.eJw"]),
        "body": st.one_of(
            st.none(),
            st.dictionaries(st.sampled_from(["login", "password", "email", "title", "message", "csrf_token",
                                             "minutes", "period", "identifier", "employer"]), text, max_size=4),
            st.binary(max_size=512),
        ),
        "json": st.one_of(st.none(), st.dictionaries(
            st.sampled_from(["now", "advance_minutes", "reset", "seed", "period", "x"]),
            st.one_of(text, st.integers(), st.floats(), st.booleans(), st.none()), max_size=3)),
        "multipart": st.booleans(),
        "session": st.booleans(),
    })


@pytest.fixture
def apps(tmp_path: Path, mail_capture: MailCapture) -> dict[str, Flask]:
    fast = {"WTF_CSRF_ENABLED": True}
    return {site: make_app(tmp_path, site, mail_capture, **fast) for site in ("portal", "refusdemat", "corporate")}


@pytest.mark.parametrize("site", ["portal", "refusdemat", "corporate"])
def test_http_surface_holds_under_random_requests(apps: dict[str, Flask], site: str) -> None:
    with apps["portal"].app_context():
        employee = situations.create("actif", seed=3)
    database = apps["portal"].config["DATABASE"]
    before = integrity(database)
    app = apps[site]
    anonymous, logged_in = app.test_client(), apps["portal"].test_client()
    logged_in.post("/", data={"login": employee["identifier"], "password": employee["password"]})
    sent = 0

    @given(req=request_strategy(app))
    def send(req: dict[str, Any]) -> None:
        nonlocal sent
        client = logged_in if req["session"] and site == "portal" else anonymous
        headers = {k: v for k, v in (("Host", req["host"]), ("Cookie", req["cookie"])) if v}
        body, kwargs = req["body"], {}
        if isinstance(body, dict) and req["multipart"]:
            kwargs = {"data": {**body, "document": (io.BytesIO(b"%PDF-1.4 x"), "f.pdf")},
                      "content_type": "multipart/form-data"}
        elif body is not None:
            kwargs = {"data": body}
        if req["json"] is not None and req["method"] == "POST":
            kwargs = {"json": req["json"]}
        response = client.open(req["path"], method=req["method"], query_string=req["query"], headers=headers,
                               **kwargs)
        sent += 1
        assert response.status_code < 500, (req, response.status_code)
        if response.location:
            location = urlsplit(response.location)
            assert location.netloc in ("", "localhost") and not response.location.startswith("//"), req
        if response.mimetype == "text/html":
            assert not SCRIPT.search(response.get_data(as_text=True)), req

    send()
    print(f"{site}: {sent} requests")
    after = integrity(database)
    assert after[0] == "ok" and after[1] == [] and after[2] == before[2]
