"""The support guide made executable: procedures, steps and their browser bindings."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout: where the reports, docs/ and the portal's files are
