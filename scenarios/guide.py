"""The guide as data: questions, procedures and their steps, read from guide.md with their ids and lines."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

GUIDE_FILE_ENV = "COFFRE_GUIDE_FILE"  # `coffre-guide --guide=PATH` sets it for every process of the run


def guide_file() -> Path:
    """The guide the run follows: $COFFRE_GUIDE_FILE, else `[tool.coffre-guide] guide` in the pyproject.toml
    of the folder the command runs in (a path from that folder), else the one beside this module."""
    if os.environ.get(GUIDE_FILE_ENV):
        return Path(os.environ[GUIDE_FILE_ENV]).resolve()
    pyproject = Path.cwd() / "pyproject.toml"
    if pyproject.is_file():
        try:
            setting = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("coffre-guide", {})
        except tomllib.TOMLDecodeError:
            setting = {}
        if setting.get("guide"):
            return (pyproject.parent / str(setting["guide"])).resolve()
    return Path(__file__).with_name("guide.md")


GUIDE = guide_file()
QUOTED = re.compile(r"«\s*(.+?)\s*»")
ANCHOR = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$")
LINK = re.compile(r"\[([^\]]+)\]\(#([a-z0-9][a-z0-9-]*)\)")  # [(page 5)](#procedure-id): a cross-reference
QUESTION = re.compile(r"^## Question (\d+) : (.+)$")
PROCEDURE = re.compile(r"^### (.+)$")
STEP = re.compile(r"^(?:(\d+)\.|-) (.+)$")


def split_anchor(text: str) -> tuple[str, str | None]:
    """« Text {#id} » -> (« Text », « id »): the id is the guide's, never shown to readers."""
    match = ANCHOR.search(text)
    return (text[: match.start()], match[1]) if match else (text, None)


@dataclass(frozen=True)
class Step:
    id: str | None
    number: int
    markdown: str  # as written in guide.md, cross-references included
    line: int
    numbered: bool = True

    @property
    def text(self) -> str:
        """The step as a reader reads it: a cross-reference shows its label."""
        return LINK.sub(r"\1", self.markdown)

    @property
    def links(self) -> list[tuple[str, str]]:
        """Its cross-references: (label, procedure id)."""
        return LINK.findall(self.markdown)

    @property
    def quoted(self) -> list[str]:
        """Labels the step quotes in « », which must exist in the UI at that step."""
        return QUOTED.findall(self.text)

    @property
    def where(self) -> str:
        return f"{GUIDE.name}:{self.line}"


@dataclass(frozen=True)
class Quote:
    """A « > » paragraph: the guide reproduces a screen's words, after `after` steps of its procedure."""

    text: str
    line: int
    after: int


@dataclass
class Procedure:
    id: str
    question: int
    title: str
    line: int
    steps: list[Step] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def screens(self) -> list[str]:
        """The screens the guide reproduces, in its words."""
        return [q.text for q in self.quotes]

    def parts(self) -> list[tuple[str, list[Any]]]:
        """Steps and quotes in the guide's order: ("steps", [Step...]) and ("quotes", [Quote...]) runs."""
        parts: list[tuple[str, list[Any]]] = []
        for index in range(len(self.steps) + 1):
            quotes = [q for q in self.quotes if q.after == index]
            if quotes:
                parts.append(("quotes", quotes))
            if index < len(self.steps):
                if not parts or parts[-1][0] != "steps":
                    parts.append(("steps", []))
                parts[-1][1].append(self.steps[index])
        return parts


@dataclass
class Question:
    number: int
    title: str
    intro: list[str] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)


class GuideError(ValueError):
    """guide.md cannot be read as a guide (a procedure without its id, say)."""


def parse(text: str) -> list[Question]:
    """Questions (##), procedures (### Title {#id}), steps (top-level list items of a procedure)."""
    questions: list[Question] = []
    procedure: Procedure | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if match := QUESTION.match(line):
            questions.append(Question(int(match[1]), match[2]))
            procedure = None
        elif line.startswith("---"):
            procedure = None
        elif (match := PROCEDURE.match(line)) and questions:
            title, procedure_id = split_anchor(match[1])
            if procedure_id is None:
                raise GuideError(f"{GUIDE.name}:{number}: la procédure « {title} » n'a pas d'identifiant {{#...}}")
            procedure = Procedure(procedure_id, questions[-1].number, title, number)
            questions[-1].procedures.append(procedure)
        elif (match := STEP.match(line)) and questions:
            body, step_id = split_anchor(match[2])
            if procedure is None:
                questions[-1].intro.append(body)
            else:
                procedure.steps.append(Step(step_id, len(procedure.steps) + 1, body, number, bool(match[1])))
        elif line.startswith(">") and procedure is not None and line.strip("> "):
            procedure.quotes.append(Quote(line.lstrip("> "), number, len(procedure.steps)))
    return questions


def colophon(path: Path = GUIDE) -> tuple[str, int]:
    """The guide's last page (after the `---` rule), with its line in guide.md."""
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("\n---\n", 1)
    return tail.strip(), head.count("\n") + 3 + (len(tail) - len(tail.lstrip("\n")))


def fingerprint(path: Path = GUIDE) -> str:
    """What guide.md says now, in a few characters: a run's results hold for this text only."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@cache
def load(path: Path = GUIDE) -> tuple[Question, ...]:
    return tuple(parse(path.read_text(encoding="utf-8")))


def procedures(path: Path = GUIDE) -> list[Procedure]:
    return [p for q in load(path) for p in q.procedures]


def procedure(procedure_id: str, path: Path = GUIDE) -> Procedure:
    """The guide's procedure with this id."""
    for p in procedures(path):
        if p.id == procedure_id:
            return p
    raise KeyError(procedure_id)
