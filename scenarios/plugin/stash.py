"""What a pytest session keeps, in `config.stash` (one session, one value; nothing in module globals)."""

from __future__ import annotations

from collections import Counter

import pytest

from scenarios.binding import Binding
from scenarios.finding.portal_profile import Portal
from scenarios.guide import Guide, Procedure
from scenarios.results import Erratum, ProcedureResult
from scenarios.secrecy import Secrets

GUIDE = pytest.StashKey[Guide]()  # the guide the run follows (--guide), read once
PROCEDURE = pytest.StashKey[Procedure]()  # on an item: the procedure of guide.md it runs
SECRETS = pytest.StashKey[Secrets]()  # every secret this process met, masked in what it leaves
PORTAL = pytest.StashKey[Portal]()  # the portal's profile, read once (--portal)
BINDINGS = pytest.StashKey[dict[str, Binding]]()  # every procedure's binding, by procedure id
RERUNS = pytest.StashKey[Counter[str]]()  # node id -> attempts that failed and ran again (where reports arrive)
RESULT = pytest.StashKey[ProcedureResult]()  # on an item: its procedure's result
ERRATA = pytest.StashKey[list[tuple[str, list[Erratum]]]]()  # on an item: the guide's other pages it checked


def is_retry(item: pytest.Item) -> bool:
    """Whether this run of the test is a second attempt (--reruns; its worker alone knows, under xdist). Here,
    not in flaky.py, which pytest must import itself (a plugin of `pytest_plugins`) to rewrite it."""
    return getattr(item, "execution_count", 1) > 1
