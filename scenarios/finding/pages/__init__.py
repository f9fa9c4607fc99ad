"""Page objects: how each screen's elements are found, by the words a person reads there.

Nothing here is a CSS class, an id or a path of the mock: the words come from the portal's profile
(`scenarios/finding/profiles/*.toml`, see `portal.py`) and are matched as a person reads them (`find.py`). Labels the
guide quotes in « » are not here: the step's own words locate those elements (see `Actor.labelled`). The
simulator's own pages (back office, letters) are the mock's, not the portal's: they keep their markup.
"""

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
    Document,
    ForgottenPassword,
    Login,
    LostIdentifier,
    MyDocuments,
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
    "Document",
    "Field",
    "ForgottenPassword",
    "Letter",
    "Link",
    "Login",
    "LostIdentifier",
    "Mail",
    "MyDocuments",
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
