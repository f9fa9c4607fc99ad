"""pytest plugin (entry point `pytest11`): the guide's options, its procedures collected from guide.md, hooks.

Fixtures: fixtures.py (the guide's) and playwright_layer.py (pytest-playwright's, adapted).
Results travel from the workers in the test reports (`report.guide_result`, `report.guide_errata`)
and are written once, at the end of the session, by the controller (`run.json`, `index.html`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Generator
from pathlib import Path

import pytest

from scenarios.errata import LAST_PAGE
from scenarios.finding.portal_profile import Portal, ProfileError
from scenarios.guide import DEFAULT_GUIDE, Guide, GuideError, question_numbers
from scenarios.plugin import fixtures, sharding
from scenarios.plugin import playwright_layer as browser_layer
from scenarios.plugin.collect import GuideFile
from scenarios.plugin.defaults import DURATIONS_FILE, ERRATA_FILE, REPORTS
from scenarios.plugin.masking import MaskSecrets
from scenarios.plugin.session import GuideSession, reason_of
from scenarios.plugin.stash import BINDINGS, ERRATA, GUIDE, PORTAL, RESULT, SECRETS
from scenarios.procedures import load_bindings
from scenarios.procedures.common import NEW_PASSWORD
from scenarios.results import to_data
from scenarios.run import ProcedureFailed
from scenarios.secrecy import Secrets
from scenarios.target import options
from scenarios.target.chromium import browser_server_unreachable
from scenarios.target.mailboxes import ImapMailbox
from scenarios.target.sites import SITE_NAMES, unanswered, untrusted

pytest_plugins = ["scenarios.plugin.retries"]  # a pass on retry fails the run, with or without xdist


def shard(value: str) -> tuple[int, int]:
    """--shard K/N: this run's share, K from 1 to N."""
    parts = value.split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[0]) <= int(parts[1]):
        raise argparse.ArgumentTypeError(f"« {value} » : une part s'écrit K/N, K de 1 à N (ex. 1/2)")
    return int(parts[0]), int(parts[1])


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("coffre-guide")
    group.addoption("--guide", metavar="PATH",
                    help="the guide.md the run follows (default: `[tool.coffre-guide] guide` in pyproject.toml, "
                         "else scenarios/guide.md)")
    options.declare(group.addoption)  # --portal, --refusdemat-url, --corporate-url, --trust-spki, --accounts
    group.addoption("--sim-url", help="portal URL whose /_sim/api drives the simulator")
    group.addoption("--report-dir", default=str(REPORTS / "run"),
                    help="where the run writes run.json, index.html, its screenshots and failures")
    group.addoption("--errata", default=str(ERRATA_FILE),
                    help="the reviewed list of known contradictions between the guide and the product")
    group.addoption("--accept-errata", action="store_true",
                    help="add the contradictions this run finds to the --errata list instead of failing")
    group.addoption("--mailbox", default=os.environ.get("COFFRE_GUIDE_MAILBOX"),
                    help="the test mailbox the accounts' mail reaches: imap[s]://USER:PASSWORD@HOST:PORT; "
                         "default $COFFRE_GUIDE_MAILBOX")
    group.addoption("--allow-destructive", action="store_true",
                    help="let procedures change the test accounts (passwords, e-mail, identifier, refusal)")
    group.addoption("--question", type=question_numbers, action="extend", metavar="N",
                    help="only the procedures of question N of the guide (repeatable); their results replace "
                         "theirs in the report folder, every other procedure keeps its last run's")
    group.addoption("--procedure", action="append", metavar="ID",
                    help="only the procedure of guide.md with this id (repeatable; `derniere-page` for its last "
                         "page); every other one keeps its last result, marked as reused (what `coffre-guide "
                         "guide` runs when nothing else an unchanged procedure depends on changed)")
    group.addoption("--browser-server", "--connect", dest="browser_server", metavar="WS_ENDPOINT",
                    default=os.environ.get("COFFRE_GUIDE_BROWSER_SERVER"),
                    help="run on a Playwright browser server (`playwright launch-server` or `run-server`: "
                         "ws://host:port/...) instead of launching Chromium; it reaches the runner's loopback "
                         "(the embedded mock) through the connection; default $COFFRE_GUIDE_BROWSER_SERVER")
    group.addoption("--shard", type=shard, metavar="K/N",
                    help="only this share of the tests (deterministic, the guide's procedures balanced by the "
                         "durations the accepted run recorded, docs/durations.json); `coffre-guide merge` joins the "
                         "shares' report folders into one run")
    group.addoption("--guide-progress", action="store_true", help="one line per procedure as it finishes")
    group.addoption("--no-a11y", action="store_true", help="skip the axe-core audit of visited pages")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "guide: a procedure or a page of the guide, run against the portal")
    config.addinivalue_line("markers", "simulator: needs the mock's simulator (clock, deposits, mailbox)")
    guide = config.stash[GUIDE] = read_guide(config)
    for question in guide.questions:  # q1 ... q10, named from guide.md
        config.addinivalue_line("markers", f"q{question.number}: question {question.number}, {question.title}")
    if refused := guide.unknown_questions(config.getoption("question")):
        raise pytest.UsageError(refused)
    ids = {p.id for p in guide.procedures} | {LAST_PAGE}
    strangers = [i for i in config.getoption("procedure") or [] if i not in ids]
    if strangers:
        raise pytest.UsageError(f"procédure {', '.join(strangers)} inconnue de {guide.name} : rien n'a été exécuté")
    config.stash[BINDINGS] = load_bindings()
    # Registered here, after every installed plugin: these fixtures override pytest-playwright's (the last
    # registered of two fixtures of one name wins), whatever order the entry points load in.
    for module in (fixtures, browser_layer):
        config.pluginmanager.register(module, f"coffre-guide-{module.__name__.rsplit('.', 1)[-1]}")
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


def read_guide(config: pytest.Config) -> Guide:
    """The guide the run follows (--guide, else the project's setting, else scenarios/guide.md), read once. Run
    from the configured paths (testpaths), it stands where they name scenarios/guide.md."""
    try:
        guide = Guide.find(config.getoption("--guide"), config.invocation_params.dir)
    except GuideError as error:
        raise pytest.UsageError(str(error)) from None
    path = guide.path
    if path != DEFAULT_GUIDE and config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        config.args[:] = [str(path) if Path(a).resolve() == DEFAULT_GUIDE else a for a in config.args]
    return guide


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> GuideFile | None:
    """guide.md (the one the run follows) holds the guide's procedures."""
    if file_path.resolve() == parent.config.stash[GUIDE].path.resolve():
        return GuideFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """--question N, --procedure ID: those procedures only (nothing else the paths hold); --shard K/N: this
    share of what is left."""
    questions, chosen = config.getoption("question"), config.getoption("procedure")
    kept = list(items)
    if questions or chosen:
        wanted = {p.id for p in config.stash[GUIDE].procedures if p.question in (questions or [])} | set(chosen or [])
        kept = [item for item in items if item.name in wanted and isinstance(item.parent, GuideFile)]
    if config.getoption("shard"):
        k, n = config.getoption("shard")
        kept = sharding.share(kept, k, n, sharding.durations(DURATIONS_FILE))
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def pytest_sessionstart(session: pytest.Session) -> None:
    """Against another portal, every site given must answer before anything runs: one line per site that
    does not (on the controller only, not in each xdist worker)."""
    config = session.config
    distributed = config.pluginmanager.get_plugin("dsession")
    if config.getoption("--guide-progress") and distributed is not None and hasattr(distributed, "trdist"):
        # The guide job prints a line per procedure; xdist's status, when the output is no terminal and -q is
        # given, is « bringing up nodes... » twice and nothing else.
        distributed.trdist.ensure_show_status = lambda: None
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    server = config.getoption("browser_server")
    if server and (reason := browser_server_unreachable(server)):
        raise pytest.UsageError(reason)
    if not config.getoption("--base-url"):
        return
    given = {"portal": config.getoption("--base-url"), "refusdemat": config.getoption("--refusdemat-url"),
             "corporate": config.getoption("--corporate-url")}
    down = [f"{SITE_NAMES[site]} ne répond pas à {url} : {reason}"  # type: ignore[index]
            for site, url in given.items() if url and (reason := unanswered(url))]
    spki = config.getoption("--trust-spki")
    down += [reason for url in {*given.values(), config.getoption("--sim-url")} if url and not down
             and (reason := untrusted(url, spki))]
    mailbox = config.getoption("--mailbox")
    if mailbox and not down:
        down += [reason] if (reason := ImapMailbox.unreachable(mailbox)) else []
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
    guide = config.stash[GUIDE]
    markers = ["guide", *(f"q{q.number}" for q in guide.questions), "simulator"]
    reporter.write_line(f"aucun test ne correspond à la sélection ({', '.join(selection)}) ; procédures du guide : "
                        f"{', '.join(p.id for p in guide.procedures)} ; marqueurs : {', '.join(markers)}")


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
            result.status, result.reason = "skipped", reason_of(report)
        elif report.failed and result.status != "failed":
            result.status, result.reason = "failed", reason_of(report)
        report.guide_result = to_data(result)  # type: ignore[attr-defined]
    if report.when == "call" and item.stash.get(ERRATA, None):
        report.guide_errata = [(where, [to_data(e) for e in found])  # type: ignore[attr-defined]
                               for where, found in item.stash[ERRATA]]
    return report
