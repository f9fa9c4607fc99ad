"""One module per question of the guide; importing this package registers every binding."""

from . import access, identifiers, letter, merge, paperless, profile, usage  # noqa: F401
