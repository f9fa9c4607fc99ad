"""The guide's fixtures, layered: stage (the embedded mock) -> sites -> simulator -> deployment -> actor; and
for each procedure: its binding, its result, the runner, the errata it records."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Playwright, expect

from mock_portal.harness.stage import Stage
from scenarios import errata as known
from scenarios.actor import Actor
from scenarios.binding import Binding, broken_links, procedure_errors
from scenarios.employee import Employee
from scenarios.finding.portal_profile import Portal
from scenarios.guide import Guide, Procedure
from scenarios.incremental import inputs
from scenarios.plugin.stash import BINDINGS, ERRATA, GUIDE, PORTAL, PROCEDURE, RESULT, SECRETS, is_retry
from scenarios.procedures import accounts
from scenarios.results import Erratum, ProcedureResult
from scenarios.run import NEW_ERRATUM_HINT, Runner
from scenarios.secrecy import ON_SCREEN
from scenarios.target.deployment import AccountsError, Deployment, load_accounts
from scenarios.target.simulator import Simulator
from scenarios.target.sites import Sites

STEP_TIMEOUT_MS = 10_000  # short enough to fail fast, long enough for a loaded 2-core machine
RecordErrata = Callable[[str, str, list[Erratum]], None]


# ---- the mock, the sites, the simulator ------------------------------------------------------------


@pytest.fixture(scope="session")
def portal(pytestconfig: pytest.Config) -> Portal:
    """The portal's profile (--portal): what the guide does not say about the portal under test."""
    return pytestconfig.stash[PORTAL]


@pytest.fixture(scope="session")
def stage(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory,
          portal: Portal) -> Iterator[Stage | None]:
    """The embedded mock (one per xdist worker) in the skin the profile names, unless --base-url names another
    portal."""
    if pytestconfig.getoption("--base-url"):
        yield None
        return
    with Stage(tmp_path_factory.mktemp("stage"), skin=portal.mock_skin) as running:
        yield running


@pytest.fixture(scope="session")
def sites(pytestconfig: pytest.Config, stage: Stage | None) -> Sites:
    """Every address a run uses, built once: the guide's host names on the embedded mock, or the options."""
    if stage is not None:
        return Sites.guide_hosts(stage.address("portal"), stage.host_resolver_rules, stage.spki)
    option = pytestconfig.getoption
    return Sites.named(option("--base-url"), option("--refusdemat-url"), option("--corporate-url"),
                       option("--sim-url"), option("--trust-spki"))


@pytest.fixture(scope="session")
def simulator(playwright: Playwright, sites: Sites, stage: Stage | None) -> Iterator[Simulator | None]:
    """The simulator's client, or None when the target portal has none."""
    if sites.simulator is None:
        yield None
        return
    # Its certificate was checked as the browser checks it (the session start: trusted, or --trust-spki's key).
    client = Simulator.connect(playwright, sites.simulator, trust=sites.spki is not None)
    problem = client.problem()
    if problem is not None and stage is None:
        client.close()
        raise pytest.UsageError(f"le simulateur ne répond pas à {sites.simulator}/_sim/api (--sim-url) : {problem}")
    yield client if problem is None else None
    client.close()


@pytest.fixture
def sim(simulator: Simulator | None, pytestconfig: pytest.Config) -> Simulator:
    """The simulator, with its clock back at the start; skips, saying why, when there is none."""
    if simulator is None:
        pytest.skip(no_simulator_reason(pytestconfig))
    simulator.reset_clock()
    return simulator


def no_simulator_reason(config: pytest.Config) -> str:
    if config.getoption("--sim-url"):
        return f"pas de simulateur à {config.getoption('--sim-url')}/_sim/api (portail sans mode simulation)"
    return "pas de simulateur : --sim-url n'est pas donné (le portail visé est un déploiement réel)"


@pytest.fixture(scope="session")
def deployment(pytestconfig: pytest.Config, simulator: Simulator | None, sites: Sites) -> Deployment:
    """What the portal under test offers the procedures (simulator, accounts, mailbox, destructive actions,
    the sites whose address was given)."""
    accounts_file = pytestconfig.getoption("--accounts")
    try:
        found = Deployment(simulator, load_accounts(Path(accounts_file) if accounts_file else None),
                           pytestconfig.getoption("--mailbox"), pytestconfig.getoption("--allow-destructive"),
                           sites=sites.given())
    except AccountsError as error:
        raise pytest.UsageError(str(error)) from None
    for account in found.accounts.values():
        pytestconfig.stash[SECRETS].add_from(account)
    return found


# ---- a procedure of the guide ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def guide(pytestconfig: pytest.Config) -> Guide:
    """The guide the run follows (--guide), as it was read when the session started."""
    return pytestconfig.stash[GUIDE]


@pytest.fixture
def guide_procedure(request: pytest.FixtureRequest) -> Procedure:
    """The procedure of guide.md this item runs."""
    return request.node.stash[PROCEDURE]


@pytest.fixture
def binding(guide: Guide, guide_procedure: Procedure, pytestconfig: pytest.Config) -> Binding:
    """The procedure's binding. A step without one, or a binding whose step left the guide, is a warning the
    runner gives (scenarios/binding.py GuideDrift); a procedure without any binding, or a cross-reference that
    leads nowhere, fails in one line each (guide.md:LINE, module to edit)."""
    bindings = pytestconfig.stash[BINDINGS]
    if guide_procedure.id not in bindings or broken_links(guide, guide_procedure):
        pytest.fail("\n".join(procedure_errors(guide, guide_procedure, bindings)), pytrace=False)
    return bindings[guide_procedure.id]


@pytest.fixture(scope="session")
def step_timeout() -> Iterator[int]:
    """Milliseconds an action or a check of a step may wait (Playwright's `expect` default, for this session)."""
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    yield STEP_TIMEOUT_MS
    expect.set_options(timeout=5_000)  # Playwright's own default, for whatever runs after the session


@pytest.fixture
def actor(page: Page, sites: Sites, deployment: Deployment, binding: Binding, step_timeout: int,
          portal: Portal, request: pytest.FixtureRequest) -> Iterator[Actor]:
    """The employee of the procedure's situation, in a fresh browser context; skipped with the exact reason
    when the portal under test lacks what the procedure needs.

    On a real deployment, the account's identifier is read on the portal once a session (an earlier run may
    have changed it), and a destructive procedure puts the password and the e-mail back when it ends: the
    next run finds the account as this one did (scenarios/procedures/accounts.py)."""
    missing = deployment.missing(binding)
    if missing:
        pytest.skip(missing)
    page.set_default_timeout(step_timeout)
    employee = Employee.of(deployment.situation(binding, retry=is_retry(request.node)))
    registry = request.config.stash[SECRETS]
    registry.add(*employee.passwords())
    person = Actor(page, sites, employee, deployment.simulator, deployment.mailbox(sites.portal), portal, registry)
    real = deployment.simulator is None and bool(employee.identifier or employee.email)
    if real and not deployment.knows_identifier(binding):
        with accounts.in_one_line(person, "mise en place"):
            accounts.learn_identifier(person, employee, deployment.account_name(binding))
        deployment.remember_identifier(binding, person.credentials.identifier)
    try:
        yield person
        if real and "destructive" in binding.needs:
            deployment.remember_identifier(binding, person.credentials.identifier)
            with accounts.in_one_line(person, "remise en état du compte"):
                accounts.leave_as_found(person, employee)
    finally:  # the pages as Playwright's failure screenshot will show them: no secret on screen
        person.register_credentials()
        for shown in page.context.pages:
            with contextlib.suppress(PlaywrightError):
                shown.evaluate(ON_SCREEN, sorted(registry.values))


@pytest.fixture(scope="session")
def report_dir(pytestconfig: pytest.Config) -> Path:
    return Path(pytestconfig.getoption("--report-dir")).resolve()


@pytest.fixture(scope="session")
def known_errata(pytestconfig: pytest.Config) -> list[Erratum]:
    """The reviewed list of contradictions between the guide and the product (docs/errata.toml)."""
    return known.load(Path(pytestconfig.getoption("--errata")).resolve())


@pytest.fixture(scope="session")
def runner(pytestconfig: pytest.Config, report_dir: Path, known_errata: list[Erratum], stage: Stage | None,
           sites: Sites) -> Runner:
    return Runner(report_dir, known_errata, accept_errata=pytestconfig.getoption("--accept-errata"),
                  audit=not pytestconfig.getoption("--no-a11y"), footprint=stage.footprint if stage else None,
                  portal=portal_in_words(sites.portal, stage is not None))


def portal_in_words(url: str, mock: bool) -> str:
    """« www.mycecurity.com (maquette, version 0.1.0+acebd13) »: the host the procedures ran on, and for the
    embedded mock its version and the digest of its code (scenarios/incremental/inputs.py)."""
    host = urlsplit(url).hostname or url
    return f"{host} (maquette, version {version('coffre-guide')}+{inputs.code()[:7]})" if mock else host


@pytest.fixture
def procedure_result(request: pytest.FixtureRequest, guide_procedure: Procedure) -> ProcedureResult:
    """The procedure's result, filled in by the runner and sent with the test's report."""
    result = ProcedureResult.of(guide_procedure)
    request.node.stash[RESULT] = result
    return result


@pytest.fixture
def record_errata(request: pytest.FixtureRequest, pytestconfig: pytest.Config,
                  known_errata: list[Erratum]) -> RecordErrata:
    """Record what a page of the guide (`where`, `place`) contradicts in the product; fail on an unlisted one."""
    found: list[tuple[str, list[Erratum]]] = []
    request.node.stash[ERRATA] = found  # this attempt's: a retried test starts again

    def record(where: str, place: str, errata: list[Erratum]) -> None:
        __tracebackhide__ = True
        located = [e.at(where, place) for e in errata]
        found.append((where, located))
        new = [e for e in located if e not in known_errata]
        if new and not pytestconfig.getoption("--accept-errata"):
            pytest.fail("\n".join(f"{place} : contradiction nouvelle, {e.describe()}" for e in new)
                        + "\n" + NEW_ERRATUM_HINT, pytrace=False)

    return record
