"""One module per question of the guide; importing this package registers every binding."""

from ..binding import BINDINGS, Binding
from . import access, identifiers, letter, merge, paperless, profile, usage  # noqa: F401


def load_bindings() -> dict[str, Binding]:
    """Every procedure's binding, by procedure id."""
    return BINDINGS
