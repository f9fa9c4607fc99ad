"""One module per question of the guide; each declares its procedures' bindings (`bind(...)`)."""

from types import ModuleType

from scenarios.binding import Binding
from scenarios.procedures import access, credentials, identifiers, letter, merge, paperless, usage

MODULES: tuple[ModuleType, ...] = (access, credentials, identifiers, letter, merge, paperless, usage)


def load_bindings() -> dict[str, Binding]:
    """Every procedure's binding, by procedure id, as the modules declare them (one declaration each)."""
    found: dict[str, Binding] = {}
    for module in MODULES:
        for binding in vars(module).values():
            if isinstance(binding, Binding) and found.setdefault(binding.procedure_id, binding) is not binding:
                raise ValueError(f"{binding.procedure_id}: declared twice ({found[binding.procedure_id].module}, "
                                 f"{binding.module})")
    return found
