"""`python -m scenarios guide`: see scenarios/commands/cli.py."""

import sys

try:
    from scenarios.commands.cli import main
except ModuleNotFoundError as missing:  # a Python without the project's packages (not .venv's)
    sys.exit(f"erreur : le paquet « {missing.name} » manque à ce Python ({sys.executable}) : lancez `make setup`, "
             "puis `make guide` ou `.venv/bin/coffre-guide`")

sys.exit(main())
