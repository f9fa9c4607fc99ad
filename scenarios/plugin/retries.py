"""Retries (pytest-rerunfailures' --reruns): which attempt a test is on, how many times it ran again, and a
test that passes only on its retry fails the run under pytest-xdist too.

pytest-rerunfailures' --fail-on-flaky reads each test's execution_count, which only the xdist worker that ran
the test has: under `-n 2` a pass on retry left the run green (exit 0). The controller receives every report,
retries included, and sets exit status 7 itself, as the plugin does without xdist.
"""

from __future__ import annotations

from collections import Counter

import pytest

from scenarios.plugin.stash import RERUNS


class Retries:
    """Counts, where the reports arrive, the attempts that failed and ran again (config.stash[RERUNS])."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.reruns = config.stash[RERUNS] = Counter()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.outcome == "rerun":
            self.reruns[report.nodeid] += 1

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if (exitstatus == pytest.ExitCode.OK and self.reruns and self.config.getoption("fail_on_flaky", False)
                and not hasattr(self.config, "workerinput")):
            session.exitstatus = 7


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Retries(config), "coffre-guide-retries")
