"""Run the mock locally: `python -m mock_portal --situation compte-bloque`."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from . import situations
from .stage import Stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mock_portal", description=__doc__)
    parser.add_argument("--situation", help="seed this situation (see --list)")
    parser.add_argument("--seed", type=int, default=1, help="Faker seed for the situation")
    parser.add_argument("--list", action="store_true", help="list the situations and exit")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="portal port; refusdemat +1, corporate +2")
    parser.add_argument("--smtp-port", type=int, default=0, help="port of the mail capture server")
    parser.add_argument("--workdir", type=Path, help="where the database lives (default: a temp dir)")
    args = parser.parse_args(argv)

    if args.list:
        for situation in situations.SITUATIONS.values():
            print(f"{situation.name:<16} {situation.summary}")
        return 0
    if args.situation and args.situation not in situations.SITUATIONS:
        parser.error(f"unknown situation {args.situation!r}; --list shows them")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mock-portal-"))
    ports = {"portal": args.port, "refusdemat": args.port + 1, "corporate": args.port + 2}
    stage = Stage(workdir, host=args.host, ports=ports, smtp_port=args.smtp_port, public_names=False)
    with stage:
        print(f"Portail MyCecurity : {stage.address('portal')}/")
        print(f"Refus (refusdemat) : {stage.address('refusdemat')}/  (certificat de test : {stage.ca_path})")
        print(f"Site Cecurity.com  : {stage.address('corporate')}/")
        print(f"Simulateur         : {stage.address('portal')}/_sim/  (horloge, trains de paie, courriels)")
        print(f"SMTP de capture    : {stage.host}:{stage.smtp.port}")
        if args.situation:
            with stage.apps["portal"].app_context():
                credentials = situations.create(args.situation, args.seed)
            print(f"\nSituation « {args.situation} » :")
            print(json.dumps(credentials, ensure_ascii=False, indent=2))
        print("\nCtrl+C pour arrêter.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
