"""Where each command writes: reports/run/ for the test suite, reports/guide/ for the doc writers."""

from __future__ import annotations

from scenarios import ROOT

REPORTS = ROOT / "reports"
GUIDE_REPORTS = REPORTS / "guide"
ACCEPTED = ROOT / "docs" / "screenshots"
ACCEPTED_VIDEOS = ROOT / "docs" / "videos"  # beside the accepted images: the procedures' videos
ERRATA_FILE = ROOT / "docs" / "errata.toml"
DURATIONS_FILE = ROOT / "docs" / "durations.json"  # each procedure's seconds in the accepted run: shards balance on it
