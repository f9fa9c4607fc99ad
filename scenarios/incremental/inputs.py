"""What a procedure's verified result depends on, each as a digest: what its checks read of its section of
guide.md, the portal's files it used, all Python code of mock_portal/ and scenarios/, the portal's profile,
the reviewed errata, the browser build and the installed packages. While none of them changes, the result
holds and `make guide` reuses it (scenarios/incremental/plan.py)."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path

from scenarios import ROOT, errata
from scenarios.finding.portal_profile import DEFAULT_PROFILE
from scenarios.guide import Guide, Procedure
from scenarios.results import ProcedureResult
from scenarios.target.chromium import browser_key

# Each input in French, as a rerun's reason names it.
NAMES = {"guide": "sa section de guide.md", "files": "les fichiers du portail qu'elle utilise",
         "code": "le code Python de mock_portal/ ou scenarios/", "profile": "le profil du portail",
         "errata": "la liste des errata", "browser": "le navigateur", "packages": "les paquets installés"}
CODE = ("mock_portal", "scenarios")
URL = re.compile(r"https?://[\w.-]+\w")


def digest(*parts: str | bytes) -> str:
    found = hashlib.sha256()
    for part in parts:
        found.update(part.encode() if isinstance(part, str) else part)
        found.update(b"\0")
    return found.hexdigest()[:16]


def section(procedure: Procedure) -> str:
    """What the procedure's run reads of guide.md: its steps' ids in order, the labels they quote, their
    cross-references, the facts compared with the product (addresses, phones, hours, brand, domains, page
    references, URLs) and the screens the guide reproduces. Not the words around them: a reworded step whose
    quoted labels are the same is only re-rendered."""
    parts = [procedure.id]
    for step in procedure.steps:
        facts = [value for pattern, _ in errata.KINDS.values() for value in pattern.findall(step.text)]
        parts += [str(step.id), *step.quoted, *(target for _, target in step.links), *facts,
                  *errata.page_references(step.text), *URL.findall(step.text), "|"]
    return digest(*parts, *procedure.screens)


def last_page(guide: Guide) -> str:
    """The guide's last page (the vendor's domains and address it checks), as a digest."""
    return digest(guide.colophon()[0])


def files(paths: list[str], root: Path = ROOT) -> str:
    """The portal's files a procedure used, as they are now (a file gone counts as changed)."""
    return digest(*(part for path in sorted(paths)
                    for part in (path, (root / path).read_bytes() if (root / path).is_file() else b"-")))


def code() -> str:
    """Every Python module (and the mock's schema) of the two packages: a change to any changes every result."""
    found = sorted(p for package in CODE for p in (ROOT / package).rglob("*") if p.suffix in (".py", ".sql"))
    return digest(*(part for p in found for part in (str(p.relative_to(ROOT)), p.read_bytes())))


def packages() -> str:
    return digest(*sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions()))


@dataclass(frozen=True)
class Context:
    """The inputs every procedure shares, read once."""

    code: str
    profile: str
    errata: str
    browser: str
    packages: str
    root: Path = ROOT  # where the portal's files are read

    @classmethod
    def now(cls, profile: Path | None = None, errata_file: Path | None = None) -> Context:
        used = [DEFAULT_PROFILE, *([profile] if profile else [])]
        listed = errata_file.read_bytes() if errata_file and errata_file.is_file() else b"-"
        return cls(code(), digest(*(p.read_bytes() for p in used)), digest(listed), browser_key(), packages())

    def of(self, procedure: Procedure, result: ProcedureResult) -> dict[str, str]:
        """Every input of `procedure`, whose run (`result`) used the portal's files its steps recorded."""
        touched = sorted({path for step in result.steps for path in step.touched})
        return {"guide": section(procedure), "files": files(touched, self.root), "code": self.code,
                "profile": self.profile, "errata": self.errata, "browser": self.browser, "packages": self.packages}


def changed(recorded: dict[str, str], now: dict[str, str]) -> list[str]:
    """The inputs that changed since `recorded`, in French (all of them when nothing was recorded)."""
    return [NAMES[key] for key in NAMES if recorded.get(key) != now.get(key)]


def profile_from_environment() -> Path | None:
    value = os.environ.get("COFFRE_GUIDE_PORTAL")
    return Path(value) if value else None
