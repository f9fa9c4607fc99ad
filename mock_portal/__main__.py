"""Run the mock locally: `python -m mock_portal --situation compte-bloque`."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from mock_portal import skins

if TYPE_CHECKING:
    from mock_portal.harness.stage import Stage

FIRST_PORT, LAST_BASE_PORT = 1024, 65533  # the base port and the two after it must be valid


def base_port(value: str) -> int:
    port = int(value)
    if port != 0 and not FIRST_PORT <= port <= LAST_BASE_PORT:
        raise argparse.ArgumentTypeError(
            f"{port} : le port de base doit être entre {FIRST_PORT} et {LAST_BASE_PORT} (il occupe aussi les deux "
            "suivants), ou 0 pour laisser le système choisir un port libre par site")
    return port


# The keys of an accounts file (docs/accounts.example.toml): what QA knows of a test account, nothing of the
# simulator's records.
ACCOUNT_KEYS = ("identifier", "password", "email", "first_name", "last_name", "employer", "birth_city",
                "birth_month", "mobile", "private_number", "second_vault")


def as_account(value: Any) -> Any:
    """A situation's record as an accounts file table: its account keys, absent values left out (TOML has no
    null)."""
    if isinstance(value, dict):
        return {k: as_account(v) for k, v in value.items() if v is not None and k in ACCOUNT_KEYS}
    return value


def options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description=__doc__)
    parser.add_argument("--situation", action="append", default=[],
                        help="seed this situation (see --list; repeatable); accents and spaces are fine")
    parser.add_argument("--seed", type=int, default=1, help="Faker seed for the situation")
    parser.add_argument("--list", action="store_true", help="list the situations and exit")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=base_port, default=5000,
                        help="portal port; refusdemat +1, corporate +2 (0: a free port for each site)")
    parser.add_argument("--smtp-port", type=int, default=0, help="port of the mail capture server")
    parser.add_argument("--production", action="store_true",
                        help="serve as a real portal: no simulator (/_sim/), real password hashing")
    parser.add_argument("--accounts-file", type=Path,
                        help="write the seeded situations' accounts there, in the format of --accounts")
    parser.add_argument("--maildir", type=Path,
                        help="also deliver every mail into this Maildir (a test mailbox an IMAP server can serve)")
    parser.add_argument("--skin", choices=skins.names(),
                        help="serve the portal in another vendor's markup (its profile: "
                             "scenarios/finding/profiles/NAME.toml)")
    parser.add_argument("--workdir", type=Path,
                        help="where the databases and the test CA live, kept on exit (default: a temporary "
                             "folder, removed on exit)")
    return parser


def main(argv: list[str] | None = None, on_ready: Callable[[Stage], None] | None = None) -> int:
    """Serve the mock until Ctrl+C; `on_ready` (a browser to open, see `coffre-guide mock --open`) is given the
    started stage, whose sites then use the guide's host names."""
    parser = options()
    args = parser.parse_args(argv)  # a bad option is refused before the second it takes to load the mock
    from mock_portal.harness import situations
    from mock_portal.harness.stage import PortBusy, Stage

    if args.list:
        for situation in situations.SITUATIONS.values():
            print(f"{situation.name:<16} {situation.summary}")
        return 0
    names = [situations.find(name) for name in args.situation]
    for asked, name in zip(args.situation, names, strict=True):
        if name is None:
            parser.error(f"situation inconnue « {asked} » ; --list les montre")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop as on Ctrl+C: servers closed, folder removed
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mock-portal-"))
    offsets = {"portal": 0, "refusdemat": 1, "corporate": 2}
    ports = {site: args.port + offset if args.port else 0 for site, offset in offsets.items()}
    stage = Stage(workdir, host=args.host, ports=ports, smtp_port=args.smtp_port, public_names=on_ready is not None,
                  simulation=not args.production, maildir=args.maildir, skin=args.skin)
    try:
        with stage:
            print(f"Portail MyCecurity : {stage.address('portal')}/")
            print(f"Refus (refusdemat) : {stage.address('refusdemat')}/  (certificat de test : {stage.ca_path})")
            print(f"Site Cecurity.com  : {stage.address('corporate')}/")
            if not args.production:
                print(f"Simulateur         : {stage.address('portal')}/_sim/  (situations, horloge, trains de paie, "
                      "courriels)")
            print(f"Certificat (SPKI)  : {stage.spki}  (Chromium : --ignore-certificate-errors-spki-list)")
            print(f"SMTP de capture    : {stage.host}:{stage.smtp.port}")
            print(f"Dossier de travail : {workdir}" + ("" if args.workdir else " (supprimé à l'arrêt)"))
            accounts = {}
            for index, name in enumerate(names):  # each situation a person of its own
                with stage.apps["portal"].app_context():
                    accounts[str(name)] = situations.create(str(name), args.seed + index)
                print(f"\nSituation « {name} » (variante {args.seed + index}) :")
                print("\n".join(f"  {line}" for line in situations.in_words(accounts[str(name)])))
            if args.accounts_file:
                tables = {name: as_account(record) for name, record in accounts.items()}
                args.accounts_file.write_text(tomli_w.dumps(tables), encoding="utf-8")
                print(f"\nComptes de test : {args.accounts_file}")
            print("\nCtrl+C pour arrêter.", flush=True)
            try:
                if on_ready is not None:
                    on_ready(stage)
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    except PortBusy as busy:
        option = "--smtp-port 0" if busy.site == "smtp" else "--port 0"
        if os.environ.get("MAKELEVEL"):  # typed as `make mock`: the hint in make's own words
            option = f'make mock MOCK_ARGS="{option}"'
        parser.exit(1, f"erreur : {busy} ; {option} laisse le système choisir un port libre\n")
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
