"""`python -m scenarios guide`: see scenarios/cli.py."""

import sys

from .cli import main

sys.exit(main())
