"""pytest plugin: the guide's procedures as tests, the coverage table and the errata."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from . import docs
from .guide import procedures
from .paths import GUIDE_REPORTS, RESULTS, RUN_REPORTS
from .steps import RUN_ID, load_bindings, load_results


def procedure_params() -> list[pytest.param]:  # type: ignore[valid-type]
    """One parameter per procedure of the guide, marked with its question."""
    return [
        pytest.param(p, marks=getattr(pytest.mark, f"q{p.question}"), id=p.slug)
        for p in procedures()
    ]


def coverage_rows() -> list[dict[str, object]]:
    """Question, procedure, steps, bound, passed: from the guide, the bindings, the results."""
    bindings, results = load_bindings(), load_results(RESULTS)
    rows = []
    for p in procedures():
        binding = bindings.get(p.slug)
        bound = sum(1 for s in p.steps if binding and s.text in binding.steps)
        data = results.get(p.slug)
        passed = sum(1 for s in data["steps"] if s["status"] == "passed") if data else 0
        rows.append({"question": p.question, "procedure": p.title, "slug": p.slug,
                     "steps": len(p.steps), "bound": bound, "passed": passed})
    return rows


def collected_errata() -> list[dict[str, str]]:
    found: dict[tuple[str, str, str], dict[str, str]] = {}
    for data in load_results(RESULTS).values():
        for step in data["steps"]:
            for erratum in step["errata"]:
                place = f"Q{data['question']} « {data['title']} », étape {step['number']}" if data["question"] \
                    else data["title"]
                key = (erratum["kind"], erratum["guide"], erratum["product"])
                found.setdefault(key, {**erratum, "places": ""})
                found[key]["places"] = "; ".join(filter(None, [found[key]["places"], place]))
    return list(found.values())


def approximate_labels() -> list[dict[str, str]]:
    """Quoted labels found on screen only once case, spacing or a trailing « ? » were set aside."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for data in load_results(RESULTS).values():
        for step in data["steps"]:
            for match in step["labels"]:
                if not match["exact"]:
                    entry = found.setdefault((match["guide"], match["screen"]), {**match, "places": ""})
                    place = f"Q{data['question']} « {data['title']} », étape {step['number']}"
                    entry["places"] = "; ".join(filter(None, [entry["places"], place]))
    return list(found.values())


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("coffre-guide")
    group.addoption("--guide-progress", action="store_true", help="one line per procedure as it finishes")
    group.addoption("--no-a11y", action="store_true", help="skip the axe-core audit of visited pages")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """With --guide-progress: « ✓ Q1 Mot de passe oublié : 6/6 étapes » as each procedure ends."""
    if report.when != "call" or "test_procedure[" not in report.nodeid:
        return
    config = getattr(pytest_runtest_logreport, "config", None)
    if config is None or not config.getoption("--guide-progress"):
        return
    slug = report.nodeid.rsplit("-", 0)[0].split("[", 1)[1].rstrip("]").split("-", 1)[1]
    path = RESULTS / f"{slug}.json"
    if path.exists():
        data = json.loads(path.read_text())
        done = sum(1 for s in data["steps"] if s["status"] == "passed")
        mark = "✓" if report.passed else "✗"
        print(f"{mark} Q{data['question']} {data['title']} : {done}/{len(data['steps'])} étapes", flush=True)


def pytest_configure(config: pytest.Config) -> None:
    """A run id for this session's results, set before xdist starts the workers that inherit it."""
    pytest_runtest_logreport.config = config  # type: ignore[attr-defined]
    if not hasattr(config, "workerinput"):
        os.environ[RUN_ID] = uuid.uuid4().hex


def traces(config: pytest.Config, rows: list[dict[str, object]]) -> dict[str, Path]:
    """Procedure slug -> the Playwright trace pytest-playwright kept for it (failures only)."""
    output = Path(config.getoption("--output")).resolve()
    return {str(row["slug"]): trace for trace in output.glob("*/trace*.zip") for row in rows
            if trace.parent.name.endswith(str(row["slug"]))}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Coverage table, approximate labels, errata, and the HTML run report (controller only)."""
    if not load_results(RESULTS):
        return
    rows, errata, labels = coverage_rows(), collected_errata(), approximate_labels()
    GUIDE_REPORTS.mkdir(parents=True, exist_ok=True)
    (GUIDE_REPORTS / "errata.json").write_text(json.dumps(errata, ensure_ascii=False, indent=1))
    (GUIDE_REPORTS / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1))
    flaky = {r.nodeid.split("[", 1)[1].rstrip("]").split("-", 1)[1]
             for r in terminalreporter.stats.get("rerun", []) if "test_procedure[" in r.nodeid}
    report = docs.write_run_report(RUN_REPORTS, RESULTS, rows, errata, labels, traces(config, rows), flaky)
    write = terminalreporter.write_line
    terminalreporter.section("couverture du guide")
    write(f"{'question':<9}{'procédure':<40}{'étapes':>7}{'liées':>7}{'réussies':>9}")
    for row in rows:
        write(f"Q{row['question']:<8}{str(row['procedure'])[:38]:<40}{row['steps']:>7}"
              f"{row['bound']:>7}{row['passed']:>9}")
    terminalreporter.section(f"libellés cités à la casse ou au « ? » près : {len(labels)}")
    for label in labels:
        write(f"- guide « {label['guide']} », écran « {label['screen']} » ({label['places']})")
    terminalreporter.section(f"errata : {len(errata)} contradiction(s) entre le guide et le produit")
    for erratum in errata:
        write(f"- {erratum['kind']} : guide « {erratum['guide']} », produit « {erratum['product']} » "
              f"({erratum['places']})")
    terminalreporter.section("rapport")
    write(f"Rapport d'exécution : {report}")
