"""A test that passes only on its retry fails the run under pytest-xdist too.

pytest-rerunfailures' --fail-on-flaky reads each test's execution_count, which only the xdist worker that ran
the test has: under `-n 2` a pass on retry left the run green (exit 0). The controller receives every report,
retries included, and sets exit status 7 itself, as the plugin does without xdist.
"""

from __future__ import annotations

import pytest

retried: set[str] = set()  # node ids of the tests whose first attempt failed and ran again


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.outcome == "rerun":
        retried.add(report.nodeid)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if (exitstatus == pytest.ExitCode.OK and retried and session.config.getoption("fail_on_flaky", False)
            and not hasattr(session.config, "workerinput")):
        session.exitstatus = 7
