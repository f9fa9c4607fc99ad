"""The suite on a portal it was not written against: the variant skin of the mock with its own profile, the
probe on the mock, on the variant and on a portal missing a field, and the profile file itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scenarios.finding.portal_profile import DEFAULT_PROFILE, PROFILES, Portal, ProfileError
from scenarios.results import Run
from tests.helpers import GUIDE, ROOT, run_guide_tests

VARIANT = PROFILES / "variante.toml"


def test_every_procedure_passes_against_the_variant_portal(tmp_path: Path) -> None:
    """Another vendor's markup (button menu, sidebar, table of payslips, other paths, submit inputs, labels with
    « * » and hints, messages in capitals, months by name, a heading in mails): only its profile differs."""
    run = run_guide_tests(tmp_path, f"--portal={VARIANT}", "--tb=line", timeout=300)
    assert run.returncode == 0, run.stdout[-4000:]
    procedures = Run.read(tmp_path / "run").procedures
    assert len(procedures) == len(GUIDE.procedures)
    assert {p.id: p.status for p in procedures.values() if p.status != "passed"} == {}
    assert f"{len(GUIDE.procedures) + 1} passed" in run.stdout  # every procedure and the last page


def probe(*options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scenarios", "probe", *options], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("profile", [DEFAULT_PROFILE, VARIANT], ids=["mock", "variante"])
def test_the_probe_finds_every_element_on_a_portal_its_profile_describes(profile: Path) -> None:
    found = probe(f"--portal={profile}")
    assert found.returncode == 0, found.stdout + found.stderr
    assert "✗" not in found.stdout
    assert ", 0 manquant(s)" in found.stdout
    for screen in ("Connexion", "Coffre", "Changer de mot de passe", "Bulletins de paie", "Guide d'utilisation",
                   "Besoin d'aide ?", "Refus (refusdemat)"):
        assert f"\n{screen}\n" in found.stdout, screen


def test_the_probe_names_a_missing_field_with_its_nearest_candidates(tmp_path: Path) -> None:
    """The portal has no field « Code secret » where the profile says: exit 1, the field, what is closest, the key."""
    profile = tmp_path / "autre.toml"
    profile.write_text('[labels.login]\npassword = "Code secret"\n', encoding="utf-8")
    found = probe(f"--portal={profile}")
    assert found.returncode == 1, found.stdout + found.stderr
    assert ("✗ champ « Code secret » : introuvable ; champs à l'écran les plus proches : « Mot de passe » ; "
            "à changer : autre.toml [labels.login] password") in found.stdout
    assert "connexion impossible" in found.stdout  # nothing behind the login is claimed found or missing
    assert ", 1 manquant(s)" in found.stdout


def test_the_probe_says_which_site_does_not_answer() -> None:
    found = probe("--base-url=https://127.0.0.1:9")
    assert found.returncode == 1
    assert found.stdout.startswith("erreur : le site du coffre (--base-url) ne répond pas à https://127.0.0.1:9/ :")
    assert "refusdemat.cecurity.com" not in found.stdout  # no silent default to the public sites


@pytest.mark.parametrize(("text", "message"), [
    ("[labels\n", "illisible"),
    ("[selectors]\nlogin = '#id'\n", r"section\(s\) inconnue\(s\) selectors"),
])
def test_a_bad_profile_is_refused_with_its_reason(tmp_path: Path, text: str, message: str) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        Portal.load(profile)


def test_a_profile_takes_the_default_for_what_it_does_not_set(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('[labels.login]\npassword = ["Code", "Mot de passe"]\n', encoding="utf-8")
    portal = Portal.load(profile)
    assert portal.words("labels.login.password").words == ("Code", "Mot de passe")
    assert portal.words("labels.login.password").where == "p.toml [labels.login] password"
    assert portal.words("titles.profile").words == Portal.load().words("titles.profile").words
    assert portal.where("titles.profile") == "p.toml [titles] profile (valeur par défaut de mycecurity.toml)"
    assert portal.mock_skin is None
    with pytest.raises(ProfileError, match=r"clé « labels\.login\.nothing » absente"):
        portal.words("labels.login.nothing")


def test_a_profile_that_cannot_be_read_stops_the_run_in_one_line(tmp_path: Path) -> None:
    run = run_guide_tests(tmp_path, f"--portal={tmp_path / 'absent.toml'}", timeout=120)
    assert run.returncode == 4
    assert f"ERROR: profil de portail {tmp_path / 'absent.toml'} illisible" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
