"""The guide as data: questions, procedures and their steps, read from guide.md."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

GUIDE = Path(__file__).with_name("guide.md")
QUOTED = re.compile(r"«\s*(.+?)\s*»")
QUESTION = re.compile(r"^## Question (\d+) : (.+)$")
PROCEDURE = re.compile(r"^### (.+)$")
STEP = re.compile(r"^(?:(\d+)\.|-) (.+)$")


def slugify(text: str, limit: int = 48) -> str:
    """ASCII, lower-case, hyphenated, at most `limit` characters (cut on a word)."""
    bare = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


@dataclass(frozen=True)
class Step:
    number: int
    text: str
    line: int

    @property
    def quoted(self) -> list[str]:
        """Labels the step quotes in « », which must exist in the UI at that step."""
        return QUOTED.findall(self.text)


@dataclass
class Procedure:
    question: int
    title: str
    line: int
    steps: list[Step] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return f"q{self.question:02d}-{slugify(self.title)}"


@dataclass
class Question:
    number: int
    title: str
    intro: list[str] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)


def parse(text: str) -> list[Question]:
    """Questions (##), procedures (###), steps (top-level list items of a procedure)."""
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
            procedure = Procedure(questions[-1].number, match[1], number)
            questions[-1].procedures.append(procedure)
        elif (match := STEP.match(line)) and questions:
            if procedure is None:
                questions[-1].intro.append(match[2])
            else:
                procedure.steps.append(Step(len(procedure.steps) + 1, match[2], number))
        elif line.startswith(">") and procedure is not None and line.strip("> "):
            procedure.screens.append(line.lstrip("> "))
    return questions


def colophon(path: Path = GUIDE) -> str:
    """The guide's last page (after the `---` rule): the vendor's name and addresses."""
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip()


@cache
def load(path: Path = GUIDE) -> tuple[Question, ...]:
    return tuple(parse(path.read_text(encoding="utf-8")))


def procedures(path: Path = GUIDE) -> list[Procedure]:
    return [p for q in load(path) for p in q.procedures]


def screens_of(question: int, title: str) -> list[str]:
    """The screen texts (block quotes) the guide reproduces for a procedure."""
    for p in procedures():
        if (p.question, p.title) == (question, title):
            return p.screens
    raise KeyError((question, title))
