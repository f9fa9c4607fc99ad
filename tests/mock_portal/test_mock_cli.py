"""`python -m mock_portal` as a trainer or a developer starts it: ports, busy ports, work folder, situations."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import start_mock_process

MOCK = [sys.executable, "-m", "mock_portal"]


@pytest.mark.parametrize("port", ["99999", "65535", "80", "-1"])
def test_ports_out_of_range_are_refused_in_french(port: str) -> None:
    run = subprocess.run([*MOCK, "--port", port], capture_output=True, text=True, timeout=30)
    assert run.returncode == 2
    assert "le port de base doit être entre 1024 et 65533" in run.stderr


def test_a_busy_port_is_named_with_its_site() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        refusdemat = taken.getsockname()[1]
        run = subprocess.run([*MOCK, "--port", str(refusdemat - 1)], capture_output=True, text=True, timeout=30)
    assert run.returncode == 1
    assert f"le port {refusdemat} (refusdemat) est déjà utilisé" in run.stderr or "(portal)" in run.stderr


@pytest.mark.parametrize(("make", "hint"), [(False, "--smtp-port 0 laisse le système choisir un port libre"),
                                            (True, 'make mock MOCK_ARGS="--smtp-port 0" laisse le système choisir')])
def test_a_busy_mail_capture_port_is_named_too_with_the_hint_in_the_words_typed(make: bool, hint: str) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "MAKELEVEL"} | ({"MAKELEVEL": "1"} if make else {})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        smtp = taken.getsockname()[1]
        run = subprocess.run([*MOCK, "--port", "0", "--smtp-port", str(smtp)], capture_output=True, text=True,
                             timeout=30, env=environment)
    assert run.returncode == 1
    assert f"le port {smtp} (smtp) est déjà utilisé" in run.stderr
    assert hint in run.stderr
    assert "Traceback" not in run.stderr


def test_the_work_folder_is_printed_and_removed_on_exit_and_an_accented_situation_is_understood() -> None:
    process, printed = start_mock_process("--port", "0", "--situation", "compte-bloqué")
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    folder = re.search(r"Dossier de travail : (\S+) \(supprimé à l'arrêt\)", printed)
    assert folder, printed
    assert not Path(folder[1]).exists()
    assert "Situation « compte-bloque » (variante 1) :\n  Salarié : " in printed and "\n  Identifiant : " in printed
    assert "\n  Mot de passe : " in printed and "employee_id" not in printed and "seed" not in printed
    assert len(set(re.findall(r"127\.0\.0\.1:(\d+)/", printed))) == 3  # one port per site, all chosen by the system


def test_a_given_work_folder_is_kept(tmp_path: Path) -> None:
    process, _ = start_mock_process("--port", "0", "--workdir", str(tmp_path / "mock"))
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert (tmp_path / "mock" / "mock.sqlite3").exists()
