"""Where a run writes: reports/guide/ for the doc writers."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE_REPORTS = ROOT / "reports" / "guide"
RESULTS = GUIDE_REPORTS / "results"
SHOTS = GUIDE_REPORTS / "shots"
ACCEPTED = ROOT / "docs" / "screenshots"
RUN_REPORTS = ROOT / "reports" / "run"
FAILURES = RUN_REPORTS / "failures"
