"""QA's failure traces: a failed test runs again with DOM snapshots, and the report links that retry's trace."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from scenarios.plugin.retries import Retries
from scenarios.plugin.session import GuideSession
from scenarios.plugin.stash import BINDINGS
from scenarios.plugin.stash import GUIDE as GUIDE_KEY
from scenarios.procedures import load_bindings
from scenarios.results import to_data
from scenarios.target.deployment import Deployment
from scenarios.target.simulator import Simulator, SimulatorError
from tests.helpers import GUIDE

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[2]


class Options:
    """What the session reads of pytest's config: its options and its stash."""

    def __init__(self, tmp_path: Path) -> None:
        self.values = {"--output": str(tmp_path / "playwright"), "--report-dir": str(tmp_path / "run"),
                       "--errata": str(tmp_path / "errata.toml"), "--guide-progress": False, "question": None,
                       "fail_on_flaky": True}
        self.stash = pytest.Stash()
        self.stash[BINDINGS] = load_bindings()
        self.stash[GUIDE_KEY] = GUIDE

    def getoption(self, name: str) -> Any:
        return self.values[name]


def test_the_report_links_the_retry_trace_where_there_is_one(tmp_path: Path) -> None:
    output = tmp_path / "playwright"
    first = output / "tests-test-guide-py-test-procedure-chromium-q03-changer-son-mot-de-passe" / "trace.zip"
    retry = first.parent.with_name(first.parent.name + "-retry1") / "trace.zip"
    only = output / "tests-test-guide-py-test-procedure-chromium-q08-refuser-la-dematerialisation" / "trace.zip"
    for trace in (first, retry, only):
        trace.parent.mkdir(parents=True)
        trace.write_bytes(b"PK")
    traces = GuideSession(Options(tmp_path)).traces()  # type: ignore[arg-type]
    assert traces == {"q03-changer-son-mot-de-passe": retry, "q08-refuser-la-dematerialisation": only}


def test_a_test_that_passes_only_on_its_retry_fails_the_run(pytester: pytest.Pytester,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")  # pytest-rerunfailures alone: a quick subprocess
    pytester.makepyfile(test_flaky="""
        def test_flaky(request):
            assert request.node.execution_count > 1
    """)
    result = pytester.runpytest_subprocess("-p", "pytest_rerunfailures", "--reruns=1", "--fail-on-flaky")
    assert result.parseoutcomes() == {"passed": 1, "rerun": 1}
    assert result.ret == 7
    # The same under xdist, as `make test` runs (its workers alone know a test ran twice).
    result = pytester.runpytest_subprocess("-p", "pytest_rerunfailures", "-p", "xdist.plugin", "-p", "scenarios.plugin.retries",
                                           "-n", "2", "--reruns=1", "--fail-on-flaky")
    assert {k: v for k, v in result.parseoutcomes().items() if k != "warnings"} == {"passed": 1, "rerun": 1}
    assert result.ret == 7


@pytest.mark.parametrize(("retry", "said"), [("passed", "réussie (à la tentative 2, instable : la suite échoue)"),
                                             ("failed", "en échec (2 tentatives)")])
def test_the_report_says_which_procedure_ran_twice(tmp_path: Path, retry: str, said: str) -> None:
    from scenarios.publish.rendering import write_run_report
    from scenarios.results import ProcedureResult
    config = Options(tmp_path)
    retries = Retries(config)  # type: ignore[arg-type]
    session = GuideSession(config)  # type: ignore[arg-type]
    flaky, steady = (ProcedureResult.of(p) for p in GUIDE.procedures[:2])
    for result, outcomes in ((flaky, ("rerun", retry)), (steady, ("passed",))):
        for outcome in outcomes:
            result.status = "failed" if outcome == "rerun" else outcome
            report = SimpleNamespace(outcome=outcome, nodeid=f"{tmp_path}::{result.id}",
                                     guide_result=to_data(result), guide_errata=[])
            for plugin in (retries, session):  # as pytest calls them, the retries counted by scenarios.plugin.retries
                plugin.pytest_runtest_logreport(report)  # type: ignore[arg-type]
    assert [session.run.procedures[p.id].attempts for p in (flaky, steady)] == [2, 1]
    rows = {row.id: row.retried for row in session.coverage()}
    assert rows[steady.id] is None
    page = write_run_report(session.run, session.coverage(), {}, tmp_path / "run").read_text(encoding="utf-8")
    assert re.sub(r"<[^>]+>", "", page).count(said) == 2  # in the coverage table and the procedure's heading


def test_a_first_attempt_traces_without_dom_snapshots_and_its_retry_with_them(tmp_path: Path) -> None:
    """A failing browser test, run with the plugin's browser layer (scenarios/plugin/playwright_layer.py)."""
    (ROOT / "test-results").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / "test-results") as folder:
        test = Path(folder) / "test_failing_page.py"
        test.write_text("def test_failing_page(page):\n"
                        "    page.set_content('<main><h1>Coffre</h1><button>Valider</button></main>')\n"
                        "    page.get_by_role('button').click()\n"
                        "    assert False\n", encoding="utf-8")
        (tmp_path / "none.ini").write_text("[pytest]\n", encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "pytest", str(test), "-c", str(tmp_path / "none.ini"), "--rootdir", str(ROOT),
             "--confcutdir", str(ROOT), "-p", "no:randomly", "-p", "no:cacheprovider", "-q", "--reruns=1",
             "--tracing=retain-on-failure", f"--output={tmp_path / 'playwright'}"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "1 failed, 1 rerun" in run.stdout, run.stdout[-2000:]
    first, retry = sorted((tmp_path / "playwright").glob("*/trace.zip"))
    assert retry.parent.name == first.parent.name + "-retry1"
    assert dom_snapshots(first) == 0 and dom_snapshots(retry) > 0


def dom_snapshots(trace: Path) -> int:
    with zipfile.ZipFile(trace) as archive:
        return sum(archive.read(name).count(b'"frame-snapshot"') for name in archive.namelist()
                   if name.endswith(".trace"))


@pytest.mark.simulator
def test_a_retry_is_seeded_in_an_emptied_mock(sim: Simulator) -> None:
    """What a failed attempt left (here, a second employee) is gone when its retry starts."""
    binding = load_bindings()["q02-changer-son-adresse-mail"]
    deployment = Deployment(sim)
    deployment.situation(binding)
    left = deployment.situation(binding)["employee_id"]  # an attempt's leftovers, beside the first seeding
    assert sim.employee(left)["id"] == left
    deployment.situation(binding, retry=True)
    with pytest.raises(SimulatorError, match="404"):
        sim.employee(left)
