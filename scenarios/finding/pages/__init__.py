"""The screens as data (screen.py says how their elements are found), and the ways to each (navigation.py)."""

from scenarios.finding.pages.elsewhere import (
    BackOffice,
    Corporate,
    Letter,
    Mail,
    Refusal,
    RefusalConfirm,
    RefusalReceipt,
)
from scenarios.finding.pages.portal import (
    ChangePassword,
    ForgottenPassword,
    Login,
    LostIdentifier,
    Personalise,
    Profile,
    ResetPassword,
    Support,
    UserGuide,
    Vault,
)
from scenarios.finding.pages.screen import Button, Field, Link, Screen, Seen

__all__ = [
    "BackOffice",
    "Button",
    "ChangePassword",
    "Corporate",
    "Field",
    "ForgottenPassword",
    "Letter",
    "Link",
    "Login",
    "LostIdentifier",
    "Mail",
    "Personalise",
    "Profile",
    "Refusal",
    "RefusalConfirm",
    "RefusalReceipt",
    "ResetPassword",
    "Screen",
    "Seen",
    "Support",
    "UserGuide",
    "Vault",
]
