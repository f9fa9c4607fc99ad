"""Repository-wide pytest configuration: this folder is the root (so `tests` and the project import from a
checkout under `.venv/bin/pytest` as under `python -m pytest`), and the Hypothesis profiles."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis profiles, registered before its plugin reads --hypothesis-profile: "default" (CI), and
    "nightly" for `pytest tests/mock_portal/test_fuzz.py tests/mock_portal/test_http_surface.py
    --hypothesis-profile=nightly`. None
    is loaded here, which would undo the command line's choice. Not where the plugin is off (the guide job,
    whose procedures use no Hypothesis, saves its import: half a second per process)."""
    if not config.pluginmanager.has_plugin("hypothesispytest"):
        return
    from hypothesis import HealthCheck, settings

    quiet = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
    settings.register_profile("default", max_examples=200, deadline=None, suppress_health_check=quiet)
    settings.register_profile("nightly", max_examples=5000, deadline=None, suppress_health_check=quiet)
