"""The pytest side of `secrets.py`: what a test leaves (its report, Playwright's traces and screenshots) is
masked in the process that ran it, before it travels or is kept."""

from __future__ import annotations

import json
from collections.abc import Generator
from pathlib import Path

import pytest

from scenarios.plugin.stash import SECRETS


class MaskSecrets:
    """What a test's report carries (its failure, captured output, the procedure's result) and the traces and
    screenshots Playwright kept for it, without a secret: its wrapper runs after every other one."""

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report: pytest.TestReport = yield
        registry = item.config.stash[SECRETS]
        if report.longrepr is not None and not report.passed:
            masked = registry.mask(str(report.longrepr))
            if masked != str(report.longrepr):
                report.longrepr = masked
        report.sections = [(title, registry.mask(content)) for title, content in report.sections]
        result = getattr(report, "guide_result", None)
        if result is not None:
            report.guide_result = json.loads(registry.mask(json.dumps(result)))  # type: ignore[attr-defined]
        for name, value in report.user_properties:
            if str(name).startswith("playwright_"):
                registry.scrub(Path(item.config.invocation_params.dir, str(value)))
        return report
