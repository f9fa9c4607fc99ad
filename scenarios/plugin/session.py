"""The session's side of the plugin: gather results from the reports, write the run once, print the summary."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from scenarios import errata as known
from scenarios.binding import Binding
from scenarios.guide import Guide
from scenarios.incremental import inputs
from scenarios.plugin.stash import BINDINGS, GUIDE, RERUNS
from scenarios.results import STATUS, CoverageRow, Erratum, ProcedureResult, Run, from_data


def coverage(guide: Guide, run: Run, bindings: dict[str, Binding]) -> list[CoverageRow]:
    """Per procedure of the guide: its steps, how many are bound and passed in `run`, its status."""
    rows = []
    bound = {k: set(b.steps) for k, b in bindings.items()}
    for p in guide.procedures:
        result = run.procedures.get(p.id)
        rows.append(CoverageRow(
            p.question, p.title, p.id, len(p.steps), sum(1 for s in p.steps if s.id in bound.get(p.id, set())),
            result.passed_steps if result else 0, result.status if result else "not run",
            result.reason if result else None, result.ran_at if result else None,
            result.retried if result else None, result.reuse_note if result else None))
    return rows


def reason_of(report: pytest.TestReport) -> str:
    """Why a test was skipped (its reason) or failed (its message's last line), in one line."""
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        return reason.removeprefix("Skipped: ")
    text = report.longreprtext.strip()
    return text.splitlines()[-1] if text else ""


def judge_errata(run: Run, errata_file: Path, accept: bool) -> None:
    """New and fixed contradictions against the reviewed list; with `accept`, list the new ones."""
    listed = known.load(errata_file)
    new, fixed = known.new_and_fixed(listed, run.found_errata(), run.ran)
    run.fixed_errata = fixed
    if accept and new:
        known.append(errata_file, new)
        run.added_errata = new
    else:
        run.new_errata = new


def write(guide: Guide, run: Run, folder: Path, errata_file: Path, accept: bool, bindings: dict[str, Binding],
          traces: dict[str, Path]) -> None:
    """The run judged against the reviewed errata, then written once: run.json and its report (index.html)."""
    from scenarios.publish.rendering import write_run_report

    judge_errata(run, errata_file, accept)
    run.write(folder)
    write_run_report(run, coverage(guide, run, bindings), traces, folder)


class GuideSession:
    """Registered once per pytest process; only the controller (or a run without xdist) writes."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.guide = config.stash[GUIDE]
        self.run = Run(guide=self.guide.fingerprint, selection=config.getoption("question"))
        self.folder = Path(config.getoption("--report-dir")).resolve()
        self.errata_file = Path(config.getoption("--errata")).resolve()
        self.controller = not hasattr(config, "workerinput")

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self) -> None:
        """An unknown marker in -m is a usage error, said here: under pytest-xdist the workers' own
        check ends in an INTERNALERROR instead (pytest-dev/pytest-xdist#539)."""
        expression = self.config.option.markexpr
        if not (self.controller and expression and self.config.getoption("numprocesses", None)):
            return
        names = {line.split(":")[0].split("(")[0].strip() for line in self.config.getini("markers")}
        unknown = sorted(set(re.findall(r"[A-Za-z_]\w*", expression)) - names - {"and", "or", "not"})
        if unknown:
            raise pytest.UsageError(f"marqueur inconnu dans -m : {', '.join(unknown)} (les questions du guide "
                                    "sont q1 à q10 ; pytest --markers les liste tous)")

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> tuple[str, str, str] | None:
        """With the guide's own progress lines, none of pytest's letters (« . », « F ») glued to them."""
        if not self.config.getoption("--guide-progress") or report.outcome not in ("passed", "failed", "skipped"):
            return None
        if report.passed:
            return ("passed" if report.when == "call" else ""), "", ""
        if report.skipped:
            return "skipped", "", ""
        return ("failed" if report.when == "call" else "error"), "", ""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.outcome == "rerun":  # a failed first attempt: its retry's report says what happened
            return
        if self.config.getoption("--guide-progress") and report.nodeid.endswith(f"::{known.LAST_PAGE}") and \
                (report.when == "call" or not report.passed):
            said = {"passed": "✓ Dernière page du guide : vérifiée", "failed": "✗ Dernière page du guide : en échec",
                    "skipped": "- Dernière page du guide : ignorée"}[report.outcome]
            reason = "" if report.passed else reason_of(report)
            print(said + (f" ({reason})" if reason else ""), flush=True)
        data = getattr(report, "guide_result", None)
        if data is not None:
            result = from_data(ProcedureResult, data)
            result.ran_at = self.run.started
            result.attempts = 1 + self.config.stash[RERUNS][report.nodeid]  # counted by .flaky
            self.run.procedures[result.id] = result
            if self.config.getoption("--guide-progress"):
                mark = {"passed": "✓", "failed": "✗"}.get(result.status, "-")
                print(f"{mark} Q{result.question} {result.title} : {result.passed_steps}/{len(result.steps)} étapes"
                      + (f" ({result.reason})" if result.status in ("skipped", "failed") and result.reason else "")
                      + (f" ({result.retried})" if result.retried else ""), flush=True)
        for where, errata in getattr(report, "guide_errata", []):
            self.run.add_errata(where, [from_data(Erratum, e) for e in errata])
            self.run.last_page = inputs.last_page(self.guide)

    def traces(self) -> dict[str, Path]:
        """Procedure id -> the Playwright trace pytest-playwright kept for it (failures only): its retry's, with
        DOM snapshots (test-results/<test>-retry1/), where it ran again."""
        output = Path(self.config.getoption("--output")).resolve()
        found: dict[str, Path] = {}
        for trace in sorted(output.glob("*/trace*.zip")):  # "<test>" sorts before "<test>-retry1"
            for procedure in self.guide.procedures:
                if re.search(rf"{re.escape(procedure.id)}(-retry\d+)?$", trace.parent.name):
                    found[procedure.id] = trace
        return found

    @property
    def ran_anything(self) -> bool:
        return self.controller and bool(self.run.procedures or self.run.checked)

    @property
    def nothing_ran(self) -> bool:
        """Procedures were selected and every one was skipped: a run that tested nothing is not green."""
        statuses = {p.status for p in self.run.procedures.values()}
        return bool(statuses) and not statuses & {"passed", "failed"}

    def coverage(self) -> list[CoverageRow]:
        return coverage(self.guide, self.run, self.config.stash[BINDINGS])

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """The run, written once: a partial run (--question) keeps the other procedures' last results."""
        if not self.ran_anything:
            return
        if self.nothing_ran and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        self.record_inputs()
        if self.run.selection is not None or self.config.getoption("procedure"):
            self.run.merge(Run.read(self.folder), self.guide, reused=self.config.getoption("procedure") is not None)
        else:
            self.run.arrange(self.guide)  # merge arranges what it joins
        write(self.guide, self.run, self.folder, self.errata_file, self.config.getoption("--accept-errata"),
              self.config.stash[BINDINGS], self.traces())

    def record_inputs(self) -> None:
        """What each procedure that passed in this run depends on (scenarios/incremental/inputs.py)."""
        profile = self.config.getoption("--portal")
        context = inputs.Context.now(Path(profile) if profile else None, self.errata_file)
        for result in self.run.procedures.values():
            if result.status == "passed":
                result.inputs = context.of(self.guide.procedure(result.id), result)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.ran_anything:
            return
        write = terminalreporter.write_line
        terminalreporter.section("couverture du guide")
        rows = self.coverage()
        width = min(max(len(row.procedure) for row in rows) + 2, 56) if rows else 40
        write(f"{'question':<9}{'procédure':<{width}}{'étapes':>7}{'liées':>7}{'réussies':>9}  statut")
        for row in rows:
            line = f"Q{row.question:<8}{row.procedure[:width - 2]:<{width}}{row.steps:>7}{row.bound:>7}" \
                   f"{row.passed:>9}  {STATUS[row.status]}"
            notes = ([row.reason] if row.status == "skipped" and row.reason else []) + \
                [note for note in (row.retried, row.reused) if note]
            write(line)
            for note in notes:  # under the row, not past 120 columns
                write(textwrap.fill(note, 120, initial_indent=" " * 11, subsequent_indent=" " * 11))
        labels, errata = self.run.approximate_labels(), self.run.collected_errata()
        terminalreporter.section(f"libellés cités à la casse ou au « ? » près : {len(labels)}")
        for label in labels:
            write(f"- guide « {label['guide']} », écran « {label['screen']} » ({label['places']})")
        terminalreporter.section(f"errata : {len(errata)} contradiction(s) entre le guide et le produit")
        for erratum in errata:
            write(f"- {erratum.kind} : guide « {erratum.guide} », produit « {erratum.product} » ({erratum.places})")
        for title, entries in (("errata nouveaux", self.run.new_errata),
                               (f"errata ajoutés à {self.errata_file.name}", self.run.added_errata),
                               ("errata corrigés (encore dans la liste)", self.run.fixed_errata)):
            if entries:
                terminalreporter.section(f"{title} : {len(entries)}")
                for entry in entries:
                    write(f"- {entry.describe()}")
        terminalreporter.section("rapport")
        write(f"Rapport d'exécution : {self.folder / 'index.html'}")
        if self.nothing_ran:
            terminalreporter.section("aucune procédure du guide n'a été exécutée", red=True)
            write("Toutes les procédures sélectionnées ont été ignorées (raisons ci-dessus) : la session échoue.")


class RunCollector:
    """Passed to `pytest.main` by the guide command: hands it the run in memory once the session ends (None
    when no procedure reached its first step)."""

    def __init__(self) -> None:
        self.run: Run | None = None
        self.guide: Guide | None = None  # as the session read it
        self.coverage: list[CoverageRow] = []

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        plugin = session.config.pluginmanager.get_plugin("coffre-guide-session")
        if isinstance(plugin, GuideSession) and plugin.ran_anything:
            self.run, self.coverage, self.guide = plugin.run, plugin.coverage(), plugin.guide
