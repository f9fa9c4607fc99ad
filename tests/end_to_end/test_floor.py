"""bench/floor.py, the measure of our step time against a bare replay, replays every procedure of the guide: a
new procedure cannot break it silently."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import GUIDE, ROOT


def test_the_floor_replays_every_procedure_of_the_guide() -> None:
    run = subprocess.run([sys.executable, "bench/floor.py", "--runs", "1"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    replayed = {line.split()[0] for line in run.stdout.splitlines()[1:] if line.startswith("q")}
    assert replayed == {p.id for p in GUIDE.procedures}
    assert "floor CPU:" in run.stdout
