"""Retries (pytest-rerunfailures' --reruns): which attempt a test is on, how many times it ran again, and a
test that passes only on its retry fails the run under pytest-xdist too.

pytest-rerunfailures' --fail-on-flaky reads each test's execution_count, which only the xdist worker that ran
the test has: under `-n 2` a pass on retry left the run green (exit 0). The controller receives every report,
retries included, and sets exit status 7 itself, as the plugin does without xdist.
"""

from __future__ import annotations

from collections import Counter

import pytest

reruns: Counter[str] = Counter()  # node id -> attempts that failed and ran again (where the reports arrive)


def is_retry(item: pytest.Item) -> bool:
    """Whether this run of the test is a second attempt (its worker alone knows, under xdist)."""
    return getattr(item, "execution_count", 1) > 1


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.outcome == "rerun":
        reruns[report.nodeid] += 1


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if (exitstatus == pytest.ExitCode.OK and reruns and session.config.getoption("fail_on_flaky", False)
            and not hasattr(session.config, "workerinput")):
        session.exitstatus = 7
