"""`python -m scenarios guide`: see scenarios/commands/cli.py."""

import sys

from scenarios.commands.cli import main

sys.exit(main())
