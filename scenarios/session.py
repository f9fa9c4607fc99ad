"""The session's side of the plugin: gather results from the reports, write the run, print the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from .guide import procedures
from .procedures import load_bindings
from .results import ProcedureResult, Run

STATUS = {"passed": "réussie", "failed": "en échec", "skipped": "ignorée", "not run": "non sélectionnée"}


class GuideSession:
    """Registered once per pytest process; only the controller (or a run without xdist) writes."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.run = Run()
        self.folder = Path(config.rootpath, config.getoption("--report-dir"))
        self.controller = not hasattr(config, "workerinput")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "guide_result", None)
        if data is not None:
            result = ProcedureResult.from_dict(data)
            self.run.procedures[result.id] = result
            if self.config.getoption("--guide-progress"):
                mark = {"passed": "✓", "failed": "✗"}.get(result.status, "-")
                print(f"{mark} Q{result.question} {result.title} : {result.passed_steps}/{len(result.steps)} étapes"
                      + (f" ({result.reason})" if result.status == "skipped" else ""), flush=True)
        for place, errata in getattr(report, "guide_errata", []):
            self.run.add_errata(place, errata)

    def coverage(self) -> list[dict[str, object]]:
        """Question, procedure, steps, bound, passed, status: from the guide, the bindings, this run."""
        bindings, rows = load_bindings(), []
        for p in procedures():
            binding = bindings.get(p.id)
            result = self.run.procedures.get(p.id)
            rows.append({
                "question": p.question, "procedure": p.title, "id": p.id, "steps": len(p.steps),
                "bound": sum(1 for s in p.steps if binding and s.id in binding.steps),
                "passed": result.passed_steps if result else 0,
                "status": result.status if result else "not run",
                "reason": result.reason if result else None,
            })
        return rows

    def traces(self) -> dict[str, Path]:
        """Procedure id -> the Playwright trace pytest-playwright kept for it (failures only)."""
        output = Path(self.config.getoption("--output")).resolve()
        return {p.id: trace for trace in output.glob("*/trace*.zip") for p in procedures()
                if trace.parent.name.endswith(p.id)}

    def pytest_sessionfinish(self) -> None:
        if not self.controller or not (self.run.procedures or self.run.errata):
            return
        from .report.html import write_run_report

        self.run.write(self.folder)
        write_run_report(self.run, self.coverage(), self.traces(), self.folder)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.controller or not (self.run.procedures or self.run.errata):
            return
        write = terminalreporter.write_line
        terminalreporter.section("couverture du guide")
        write(f"{'question':<9}{'procédure':<40}{'étapes':>7}{'liées':>7}{'réussies':>9}  statut")
        for row in self.coverage():
            write(f"Q{row['question']:<8}{str(row['procedure'])[:38]:<40}{row['steps']:>7}"
                  f"{row['bound']:>7}{row['passed']:>9}  {STATUS[str(row['status'])]}")
        labels, errata = self.run.approximate_labels(), self.run.collected_errata()
        terminalreporter.section(f"libellés cités à la casse ou au « ? » près : {len(labels)}")
        for label in labels:
            write(f"- guide « {label['guide']} », écran « {label['screen']} » ({label['places']})")
        terminalreporter.section(f"errata : {len(errata)} contradiction(s) entre le guide et le produit")
        for erratum in errata:
            write(f"- {erratum['kind']} : guide « {erratum['guide']} », produit « {erratum['product']} » "
                  f"({erratum['places']})")
        terminalreporter.section("rapport")
        write(f"Rapport d'exécution : {self.folder / 'index.html'}")
