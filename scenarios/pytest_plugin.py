"""pytest plugin (entry point `pytest11`): the guide's options, fixtures and hooks.

Fixtures, layered: stage (the embedded mock) -> sites -> simulator -> binding -> actor.
Results travel from the workers in the test reports (`report.guide_result`, `report.guide_errata`)
and are written once, at the end of the session, by the controller (`run.json`, `index.html`).
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Playwright, expect

from mock_portal.stage import Stage

from . import known_errata as known
from .actor import Actor
from .binding import ROOT, Binding, broken_links, orphans, procedure_errors
from .deployment import AccountsError, Deployment, load_accounts
from .flaky import is_retry
from .guide import Procedure, load, procedures
from .masking import SECRETS, MaskSecrets
from .paths import ERRATA_FILE, REPORTS
from .portal import Portal, ProfileError
from .procedures import accounts, load_bindings
from .procedures.common import NEW_PASSWORD
from .results import ProcedureResult
from .run import NEW_ERRATUM_HINT, ProcedureFailed, Runner
from .secrets import ON_SCREEN, Secrets
from .session import GuideSession
from .sim import Simulator
from .sites import SITE_NAMES, Sites, unanswered

pytest_plugins = ["scenarios.flaky"]  # a pass on retry fails the run, with or without xdist
RESULT = pytest.StashKey[ProcedureResult]()
PORTAL = pytest.StashKey[Portal]()  # the portal's profile, read once (--portal)
ERRATA = pytest.StashKey[list[tuple[str, str, list[dict[str, str]]]]]()
STEP_TIMEOUT_MS = 10_000  # short enough to fail fast, long enough for a loaded 2-core machine


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("coffre-guide")
    group.addoption("--refusdemat-url", help="base URL of the refusal site (default: embedded mock)")
    group.addoption("--corporate-url", help="base URL of the corporate site (default: embedded mock)")
    group.addoption("--sim-url", help="portal URL whose /_sim/api drives the simulator")
    group.addoption("--trust-spki", metavar="SHA256_BASE64",
                    help="trust this certificate key in the browser (a hand-started mock prints its own)")
    group.addoption("--report-dir", default=str(REPORTS / "run"),
                    help="where the run writes run.json, index.html, its screenshots and failures")
    group.addoption("--errata", default=str(ERRATA_FILE),
                    help="the reviewed list of known contradictions between the guide and the product")
    group.addoption("--accept-errata", action="store_true",
                    help="add the contradictions this run finds to the --errata list instead of failing")
    group.addoption("--accounts", default=os.environ.get("COFFRE_GUIDE_ACCOUNTS"),
                    help="TOML file of test accounts on the portal under test (docs/accounts.example.toml); "
                         "default $COFFRE_GUIDE_ACCOUNTS")
    group.addoption("--mailbox", default=os.environ.get("COFFRE_GUIDE_MAILBOX"),
                    help="the test mailbox the accounts' mail reaches: imap[s]://USER:PASSWORD@HOST:PORT; "
                         "default $COFFRE_GUIDE_MAILBOX")
    group.addoption("--allow-destructive", action="store_true",
                    help="let procedures change the test accounts (passwords, e-mail, identifier, refusal)")
    group.addoption("--portal", default=os.environ.get("COFFRE_GUIDE_PORTAL"), metavar="FILE",
                    help="the portal's profile: its labels, titles, messages and paths the guide does not give "
                         "(default: the embedded mock's, scenarios/portals/mycecurity.toml; $COFFRE_GUIDE_PORTAL)")
    group.addoption("--guide-progress", action="store_true", help="one line per procedure as it finishes")
    group.addoption("--no-a11y", action="store_true", help="skip the axe-core audit of visited pages")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "guide: a procedure or a page of the guide, run against the portal")
    for question in load():  # q1 ... q10, named from guide.md
        config.addinivalue_line("markers", f"q{question.number}: question {question.number}, {question.title}")
    config.pluginmanager.register(GuideSession(config), "coffre-guide-session")
    option = config.getoption("--portal")
    try:  # a profile that cannot be read stops the run before anything starts, in one line
        config.stash[PORTAL] = Portal.load(Path(option) if option else None)
    except ProfileError as error:
        raise pytest.UsageError(str(error)) from None
    config.pluginmanager.register(MaskSecrets(), "coffre-guide-secrets")
    registry = config.stash[SECRETS] = Secrets()
    registry.add(NEW_PASSWORD)  # what procedures type as a new password
    for url in (config.getoption("--mailbox"), config.getoption("--base-url")):
        if url:
            registry.add_from_url(url)




def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`guide_procedure`: one test per procedure of guide.md, marked with its question and `guide`."""
    if "guide_procedure" in metafunc.fixturenames:
        metafunc.parametrize("guide_procedure", [
            pytest.param(p, id=p.id, marks=[getattr(pytest.mark, f"q{p.question}"), pytest.mark.guide])
            for p in procedures()
        ])


def pytest_sessionstart(session: pytest.Session) -> None:
    """Against another portal, every site given must answer before anything runs: one line per site that
    does not (on the controller only, not in each xdist worker)."""
    config = session.config
    distributed = config.pluginmanager.get_plugin("dsession")
    if config.getoption("--guide-progress") and distributed is not None and hasattr(distributed, "trdist"):
        # The guide job prints a line per procedure; xdist's status, when the output is no terminal and -q is
        # given, is « bringing up nodes... » twice and nothing else.
        distributed.trdist.ensure_show_status = lambda: None
    if hasattr(config, "workerinput") or not config.getoption("--base-url") or config.option.collectonly:
        return
    given = {"portal": config.getoption("--base-url"), "refusdemat": config.getoption("--refusdemat-url"),
             "corporate": config.getoption("--corporate-url")}
    down = [f"{SITE_NAMES[site]} ne répond pas à {url} : {reason}"  # type: ignore[index]
            for site, url in given.items() if url and (reason := unanswered(url))]
    if down:
        raise pytest.UsageError(" ; ".join(down))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A selection (-k, -m) that matches nothing says what there is to select."""
    config = session.config
    selection = [f"{flag} « {value} »" for flag, value in (("-k", config.option.keyword),
                                                          ("-m", config.option.markexpr)) if value]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if exitstatus != pytest.ExitCode.NO_TESTS_COLLECTED or not selection or reporter is None \
            or hasattr(config, "workerinput"):
        return
    markers = ["guide", *(f"q{q.number}" for q in load()), "simulator"]
    reporter.write_line(f"aucun test ne correspond à la sélection ({', '.join(selection)}) ; procédures du guide : "
                        f"{', '.join(p.id for p in procedures())} ; marqueurs : {', '.join(markers)}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach the procedure's result and the errata found to the report: they reach the controller."""
    report: pytest.TestReport = yield
    if call.excinfo is not None and call.excinfo.errisinstance(ProcedureFailed):
        # The step, the guide's words, the reason, the URL, where to look: the runner's frames and the
        # fixtures' reprs say nothing more. A plain text is also what the short summary line shows.
        report.longrepr = str(call.excinfo.value)
    result = item.stash.get(RESULT, None)
    if result is not None and (report.when == "call" or not report.passed):
        if report.skipped:
            result.status = "skipped"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            result.reason = reason.removeprefix("Skipped: ")
        elif report.failed and result.status != "failed":
            result.status, result.reason = "failed", report.longreprtext.strip().splitlines()[-1]
        report.guide_result = result.as_dict()  # type: ignore[attr-defined]
    if report.when == "call" and item.stash.get(ERRATA, None):
        report.guide_errata = item.stash[ERRATA]  # type: ignore[attr-defined]
    return report


# ---- fixtures: the mock, the sites, the simulator ------------------------------------------------


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
    return Sites(
        portal=option("--base-url").rstrip("/"),
        refusdemat=(option("--refusdemat-url") or "").rstrip("/"),
        corporate=(option("--corporate-url") or "").rstrip("/"),
        simulator=option("--sim-url"),
        spki=option("--trust-spki"),
    )


@pytest.fixture(scope="session")
def simulator(playwright: Playwright, sites: Sites) -> Iterator[Simulator | None]:
    """The simulator's client, or None when the target portal has none."""
    if sites.simulator is None:
        yield None
        return
    client = Simulator.connect(playwright, sites.simulator)
    yield client if client.available() else None
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
    accounts = pytestconfig.getoption("--accounts")
    try:
        found = Deployment(simulator, load_accounts(Path(accounts) if accounts else None),
                           pytestconfig.getoption("--mailbox"), pytestconfig.getoption("--allow-destructive"),
                           sites=sites.given())
    except AccountsError as error:
        raise pytest.UsageError(str(error)) from None
    for account in found.accounts.values():
        pytestconfig.stash[SECRETS].add_from(account)
    return found


# ---- fixtures: a procedure of the guide ----------------------------------------------------------


@pytest.fixture
def binding(guide_procedure: Procedure) -> Binding:
    """The procedure's binding. A step without one does not stop the others (the runner reports it, the
    procedure fails); a binding whose step left the guide is ignored with a warning; a procedure without any
    binding, or a cross-reference that leads nowhere, fails in one line each (guide.md:LINE, module to edit)."""
    bindings = load_bindings()
    if guide_procedure.id not in bindings or broken_links(guide_procedure):
        pytest.fail("\n".join(procedure_errors(guide_procedure, bindings)), pytrace=False)
    found = bindings[guide_procedure.id]
    for message, bound in orphans(guide_procedure, found):  # shown at the binding's own line
        warnings.warn_explicit(OrphanBinding(message), OrphanBinding, str(ROOT / bound.file), bound.line)
    return found


class OrphanBinding(UserWarning):
    """A binding whose step left guide.md: ignored until a developer removes it."""


@pytest.fixture(scope="session")
def step_timeout() -> int:
    """Milliseconds an action or a check of a step may wait."""
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    return STEP_TIMEOUT_MS


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
    situation = deployment.situation(binding, retry=is_retry(request.node))
    registry = request.config.stash[SECRETS]
    registry.add_from(situation)
    person = Actor(page, sites, situation, deployment.simulator, deployment.mailbox(sites.portal), portal, registry)
    real = deployment.simulator is None and bool(situation)
    if real and not deployment.knows_identifier(binding):
        accounts.learn_identifier(person, situation)
        deployment.remember_identifier(binding, person.credentials.identifier)
    try:
        yield person
        if real and "destructive" in binding.needs:
            deployment.remember_identifier(binding, person.credentials.identifier)
            accounts.leave_as_found(person, situation)
    finally:  # the pages as Playwright's failure screenshot will show them: no secret on screen
        person.register_credentials()
        for shown in page.context.pages:
            with contextlib.suppress(PlaywrightError):
                shown.evaluate(ON_SCREEN, sorted(registry.values))


@pytest.fixture(scope="session")
def report_dir(pytestconfig: pytest.Config) -> Path:
    return Path(pytestconfig.getoption("--report-dir")).resolve()


@pytest.fixture(scope="session")
def known_errata(pytestconfig: pytest.Config) -> list[known.Erratum]:
    """The reviewed list of contradictions between the guide and the product (docs/errata.toml)."""
    return known.load(Path(pytestconfig.getoption("--errata")).resolve())


@pytest.fixture(scope="session")
def runner(pytestconfig: pytest.Config, report_dir: Path, known_errata: list[known.Erratum]) -> Runner:
    return Runner(report_dir, known_errata, accept_errata=pytestconfig.getoption("--accept-errata"),
                  audit=not pytestconfig.getoption("--no-a11y"))


@pytest.fixture
def procedure_result(request: pytest.FixtureRequest, guide_procedure: Procedure) -> ProcedureResult:
    """The procedure's result, filled in by the runner and sent with the test's report."""
    result = ProcedureResult.for_guide(guide_procedure)
    request.node.stash[RESULT] = result
    return result


RecordErrata = Callable[[str, str, list[dict[str, str]]], None]


@pytest.fixture
def record_errata(request: pytest.FixtureRequest, pytestconfig: pytest.Config,
                  known_errata: list[known.Erratum]) -> RecordErrata:
    """Record what a page of the guide (`place`, `where`) contradicts in the product; fail on an unlisted one."""
    found = request.node.stash[ERRATA] = []  # this attempt's: a retried test starts again

    def record(place: str, where: str, errata: list[dict[str, str]]) -> None:
        __tracebackhide__ = True
        found.append((place, where, errata))
        new = [e for e in (known.Erratum(where, **x) for x in errata) if e not in known_errata]
        if new and not pytestconfig.getoption("--accept-errata"):
            pytest.fail("\n".join(f"{place} : contradiction nouvelle, {e.describe()}" for e in new)
                        + "\n" + NEW_ERRATUM_HINT, pytrace=False)

    return record

