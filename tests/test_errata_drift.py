"""QA is told when the product drifts from the guide: a new contradiction fails the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenarios import errata as known_errata
from scenarios.results import Erratum, Run
from tests.helpers import run_guide_tests

ROOT = Path(__file__).resolve().parent.parent
GUIDE_PHONE, MOCK_PHONE = "05 82 01 01 01", "05 82 01 01 99"
# A pytest plugin, loaded by the run below, that gives the mock another support phone number.
OTHER_PHONE = f'import mock_portal.product\nmock_portal.product.SUPPORT_PHONE = "{MOCK_PHONE}"\n'


@pytest.mark.simulator
def test_a_changed_support_phone_fails_unless_the_erratum_is_listed(tmp_path: Path) -> None:
    (tmp_path / "other_phone.py").write_text(OTHER_PHONE, encoding="utf-8")
    errata = tmp_path / "errata.toml"
    listed = Erratum("téléphone", GUIDE_PHONE, MOCK_PHONE, where="q07-fusionner-ses-coffres/par-telephone")
    known_errata.append(errata, [*known_errata.load(ROOT / "docs" / "errata.toml"), listed])
    run = run_guide_tests(tmp_path, "-m", "q7 or q9", "-p", "other_phone", "--tb=line", f"--errata={errata}",
                          timeout=300, env={"PYTHONPATH": str(tmp_path)})
    assert run.returncode == 1, run.stdout[-3000:]
    failures = [line for line in run.stdout.splitlines() if "contradiction nouvelle" in line]
    assert any("Q9 Réactiver la dématérialisation, étape 3" in line and GUIDE_PHONE in line and MOCK_PHONE in line
               for line in failures), run.stdout[-3000:]
    assert not any("Q7" in line for line in failures)
    result = Run.read(tmp_path / "run")
    assert result.procedures["q07-fusionner-ses-coffres"].status == "passed"
    assert result.procedures["q09-reactiver-la-dematerialisation"].status == "failed"
    assert any(e.guide == GUIDE_PHONE and e.product == MOCK_PHONE for e in result.collected_errata())
    assert MOCK_PHONE in (tmp_path / "run" / "index.html").read_text(encoding="utf-8")
