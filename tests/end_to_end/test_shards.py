"""Two shares of the guide (`--shard K/2`) on two report folders, joined by `coffre-guide merge`: the run one
machine would have made, its images the accepted ones, byte for byte."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from scenarios.plugin.defaults import ACCEPTED
from scenarios.publish import acceptance, comparison
from scenarios.results import Run
from tests.helpers import GUIDE, ROOT


def coffre_guide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scenarios", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_two_shares_merged_are_one_machine_s_run(tmp_path: Path) -> None:
    shares = [tmp_path / "share-1", tmp_path / "share-2"]
    for k, folder in enumerate(shares, 1):
        ran = coffre_guide("guide", "--full", "--no-pdf", "-n", "0", f"--shard={k}/2", f"--report-dir={folder}")
        assert ran.returncode == 0, (ran.stdout + ran.stderr)[-3000:]
    ids = [set(Run.read(folder).procedures) for folder in shares]
    assert ids[0] and ids[1] and not ids[0] & ids[1] and ids[0] | ids[1] == {p.id for p in GUIDE.procedures}

    out = tmp_path / "merged"
    merged = coffre_guide("merge", *map(str, shares), f"--report-dir={out}", "--no-pdf")
    assert merged.returncode == 0, (merged.stdout + merged.stderr)[-3000:]
    assert f"Procédures réussies : {len(GUIDE.procedures)}/{len(GUIDE.procedures)}" in merged.stdout
    assert "Verdict : exécution complète réussie" in merged.stdout
    run = Run.read(out)
    assert list(run.procedures) == [p.id for p in GUIDE.procedures] and run.checked  # the guide's order, last page
    changes = comparison.compare(ACCEPTED, out / "annotated", tmp_path / "diff",
                                 expected=acceptance.guide_image_names(GUIDE))
    assert [c.name for c in changes if c.status != "unchanged"] == []
    cases = ElementTree.parse(out / "junit.xml").getroot().iter("testcase")
    assert len(list(cases)) == len(GUIDE.procedures) + 1  # and the last page
    assert (out / "guide.html").is_file() and (out / "review.html").is_file()


def test_a_share_given_twice_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "share-1"
    ran = coffre_guide("guide", "--no-pdf", "--question=3", f"--report-dir={folder}")
    assert ran.returncode == 0, ran.stderr
    refused = coffre_guide("merge", str(folder), str(folder), f"--report-dir={tmp_path / 'out'}")
    assert refused.returncode == 2 and "déjà dans une autre part" in refused.stderr
