"""A portal's profile: what the guide does not say about one portal (its field labels, page titles, messages,
paths), read from a TOML file that QA edits, never from Python. The embedded mock's is the default."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROFILES = Path(__file__).resolve().parent / "portals"
DEFAULT_PROFILE = PROFILES / "mycecurity.toml"
SECTIONS = ("labels", "titles", "messages", "paths", "patterns", "texts")


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
        return cls(path, data, read(DEFAULT_PROFILE))

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



def lookup(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
