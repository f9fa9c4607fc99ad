"""A portal's profile: what the guide does not say about one portal (its field labels, page titles, messages,
paths), read from a TOML file that QA edits, never from Python. The embedded mock's is the default."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROFILES = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = PROFILES / "mycecurity.toml"
SECTIONS = ("labels", "titles", "messages", "paths", "patterns", "texts")
WORDS = ("labels", "titles", "messages", "texts")  # the sections whose keys may give a list of wordings
# The screens a profile's [paths] may shorten the way to (see scenarios/finding/pages/navigation.py).
PATHS = ("login", "forgotten_password", "lost_identifier", "vault", "profile", "change_password", "support",
         "user_guide", "refusal", "corporate")


class ProfileError(ValueError):
    """The profile cannot be read or lacks a key the suite needs; says which file and key."""


@dataclass(frozen=True)
class Wording:
    """Words a person looks for on screen, with the profile key (or guide line) to change when they are wrong."""

    words: tuple[str, ...]
    where: str

    @property
    def first(self) -> str:
        return self.words[0]


def read(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"profil de portail {path} illisible : {error}") from error
    unknown = sorted(set(data) - {*SECTIONS, "portal", "mock"})
    if unknown:
        raise ProfileError(f"{path.name} : section(s) inconnue(s) {', '.join(unknown)} "
                           f"(attendues : {', '.join(SECTIONS)}, portal, mock)")
    return data


@dataclass(frozen=True)
class Portal:
    """One portal's profile, loaded from `path`; what it does not set is the embedded mock's (`base`)."""

    path: Path
    data: dict[str, Any]
    base: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Portal:
        path = (path or DEFAULT_PROFILE).resolve()
        data = read(path)
        if path == DEFAULT_PROFILE.resolve():
            return cls(path, data)
        base = read(DEFAULT_PROFILE)
        problems = [*misplaced(data, base)]
        if problems:
            raise ProfileError(f"profil de portail {path} : " + " ; ".join(problems))
        return cls(path, data, base)

    @property
    def name(self) -> str:
        return str(self.data.get("portal", {}).get("name", self.path.stem))

    @property
    def mock_skin(self) -> str | None:
        """The embedded mock's skin that serves this portal's markup, if the profile names one (never the
        default's: another portal's profile says its own)."""
        skin = self.data.get("mock", {}).get("skin")
        return str(skin) if skin else None

    def where(self, key: str) -> str:
        """The file and key to edit for `key` (this portal's profile, even where it takes the default)."""
        section, name = key.rsplit(".", 1)
        inherited = "" if lookup(self.data, key) is not None or self.base is None else \
            f" (valeur par défaut de {DEFAULT_PROFILE.name})"
        return f"{self.path.name} [{section}] {name}{inherited}"

    def get(self, key: str) -> Any:
        for data in (self.data, self.base or {}):
            value = lookup(data, key)
            if value is not None:
                return value
        raise ProfileError(f"{self.path} : clé « {key} » absente du profil du portail "
                           f"(voir {DEFAULT_PROFILE.name} pour un exemple)")

    def has(self, key: str) -> bool:
        """Whether this profile, or the default it completes, sets `key`."""
        return any(lookup(data, key) is not None for data in (self.data, self.base or {}))

    def own(self, key: str) -> Any:
        """What this profile itself sets for `key` (not the embedded mock's default), or None."""
        return lookup(self.data, key)

    def words(self, key: str) -> Wording:
        """The wording under `key`: one string, or a list of alternatives tried in order."""
        value = self.get(key)
        words = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
        if not words or not all(words):
            raise ProfileError(f"{self.path} : clé « {key} » vide")
        return Wording(words, self.where(key))

    def pattern(self, key: str) -> re.Pattern[str]:
        try:
            return re.compile(str(self.get(f"patterns.{key}")), re.IGNORECASE)  # as a person reads: case aside
        except re.error as error:
            raise ProfileError(f"{self.path} : [patterns] {key} n'est pas une expression régulière : {error}") \
                from error



def misplaced(data: dict[str, Any], base: dict[str, Any], prefix: str = "") -> list[str]:
    """Keys the default profile does not know (and the one they resemble), values of another type than its."""
    problems = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if prefix == "paths.":
            known: Any = "/chemin" if key in PATHS else None
        elif name in ("portal.name", "mock.skin"):
            known = ""
        else:
            known = lookup(base, name)
        if known is None and name not in ("paths", "portal", "mock"):
            siblings = list(PATHS) if prefix == "paths." else list(lookup(base, prefix[:-1]) or base) \
                if prefix else list(base)
            near = difflib.get_close_matches(key, siblings, n=1)
            problems.append(f"clé inconnue « {name} »" + (f" (voulez-vous dire « {near[0]} » ?)" if near else ""))
        elif isinstance(value, dict):
            problems += misplaced(value, base, f"{name}.")
        elif isinstance(known, dict):
            problems.append(f"« {name} » : une table [{name}] attendue")
        elif not isinstance(value, str) and not (isinstance(value, list) and value and name.split(".")[0] in WORDS
                                                  and all(isinstance(v, str) for v in value)):
            problems.append(f"« {name} » : un texte entre guillemets" + (" (ou une liste de textes)" if
                                                                         name.split(".")[0] in WORDS else "")
                            + " attendu")
    return problems


def lookup(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
