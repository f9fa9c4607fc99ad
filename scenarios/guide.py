"""The guide as data: questions, procedures and their steps, read from guide.md with their ids and lines."""

from __future__ import annotations

import argparse
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_GUIDE = Path(__file__).with_name("guide.md")


def guide_file(option: str | Path | None = None, folder: Path | None = None) -> Path:
    """The guide a run follows: the one `--guide` names, else `[tool.coffre-guide] guide` in the pyproject.toml
    of `folder` (where the command runs; a path from that folder), else the one beside this module."""
    if option:
        return Path(option).resolve()
    pyproject = (folder or Path.cwd()) / "pyproject.toml"
    if pyproject.is_file():
        try:
            setting = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("coffre-guide", {})
        except tomllib.TOMLDecodeError:
            setting = {}
        if setting.get("guide"):
            return (pyproject.parent / str(setting["guide"])).resolve()
    return DEFAULT_GUIDE


# The months as the guide and the portals write dates (« février 2026 »).
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
QUOTED = re.compile(r"«\s*(.+?)\s*»")
ANCHOR = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$")
LINK = re.compile(r"\[([^\]]+)\]\(#([a-z0-9][a-z0-9-]*)\)")  # [(page 5)](#procedure-id): a cross-reference
QUESTION = re.compile(r"^## Question (\d+) : (.+)$")
PROCEDURE = re.compile(r"^### (.+)$")
STEP = re.compile(r"^(?:(\d+)\.|-) (.+)$")


NO_BREAK = re.compile(r"(«) +| +(»)| +([:;?!])")


def french_spacing(text: str) -> str:
    """French typography for print and screen: a no-break space inside « » and before « : », a narrow one
    before « ; ? ! », so that no line ends with « « » or starts with « » » or a colon."""
    def joined(match: re.Match[str]) -> str:
        if match[1]:
            return match[1] + "\u00a0"
        if match[2]:
            return "\u00a0" + match[2]
        return ("\u00a0" if match[3] == ":" else "\u202f") + match[3]

    return NO_BREAK.sub(joined, text)


def question_numbers(value: str) -> list[int]:
    """« 3 », « Q3 », « q3 », « 2,3 » -> the questions' numbers, as every output names them: the type of
    --question, for the command and for pytest alike (argparse shows the error's words)."""
    numbers = [re.fullmatch(r"\s*[Qq]?(\d+)\s*", part) for part in value.split(",")]
    if not all(numbers):
        raise argparse.ArgumentTypeError(f"« {value} » n'est pas une question : écrivez 3, Q3 ou 2,3")
    return [int(match[1]) for match in numbers if match]


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
    file: str = DEFAULT_GUIDE.name  # the guide's file name, where a message points

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
        return f"{self.file}:{self.line}"


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


def parse(text: str, file: str = DEFAULT_GUIDE.name) -> list[Question]:
    """Questions (##), procedures (### Title {#id}), steps (top-level list items of a procedure); `file` is
    the guide's file name, which its steps' places and errors name."""
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
                raise GuideError(f"{file}:{number}: la procédure « {title} » n'a pas d'identifiant {{#...}}")
            procedure = Procedure(procedure_id, questions[-1].number, title, number)
            questions[-1].procedures.append(procedure)
        elif (match := STEP.match(line)) and questions:
            body, step_id = split_anchor(match[2])
            if procedure is None:
                questions[-1].intro.append(body)
            else:
                procedure.steps.append(Step(step_id, len(procedure.steps) + 1, body, number, bool(match[1]), file))
        elif line.startswith(">") and procedure is not None and line.strip("> "):
            procedure.quotes.append(Quote(line.lstrip("> "), number, len(procedure.steps)))
    return questions


@dataclass(frozen=True)
class Guide:
    """One guide.md as read when the run started: a run follows this value, whatever the file becomes."""

    path: Path
    text: str
    questions: tuple[Question, ...]

    @classmethod
    def read(cls, path: Path = DEFAULT_GUIDE) -> Guide:
        text = path.read_bytes().decode("utf-8")
        return cls(path, text, tuple(parse(text, path.name)))

    @classmethod
    def find(cls, option: str | Path | None = None, folder: Path | None = None) -> Guide:
        """The guide a run follows (`guide_file`), read; GuideError in one French line when it cannot be."""
        path = guide_file(option, folder)
        try:
            return cls.read(path)
        except FileNotFoundError:
            raise GuideError(f"guide introuvable : {path}") from None
        except (GuideError, UnicodeDecodeError) as error:
            raise GuideError(f"guide illisible : {error}") from None

    @property
    def name(self) -> str:
        return self.path.name

    def unknown_questions(self, asked: list[int] | None) -> str | None:
        """Why questions `asked` cannot be run, in one French line (nothing has run yet); None if all exist."""
        known = sorted(q.number for q in self.questions)
        unknown = [q for q in asked or [] if q not in known]
        if not unknown:
            return None
        return (f"question {', '.join(map(str, unknown))} inconnue : le guide a les questions {known[0]} à "
                f"{known[-1]} ; rien n'a été exécuté ni modifié")

    @property
    def procedures(self) -> list[Procedure]:
        return [p for q in self.questions for p in q.procedures]

    def procedure(self, procedure_id: str) -> Procedure:
        """The guide's procedure with this id."""
        for p in self.procedures:
            if p.id == procedure_id:
                return p
        raise KeyError(procedure_id)

    def colophon(self) -> tuple[str, int]:
        """The guide's last page (after the `---` rule), with its line in guide.md."""
        head, tail = self.text.replace("\r\n", "\n").split("\n---\n", 1)
        return tail.strip(), head.count("\n") + 3 + (len(tail) - len(tail.lstrip("\n")))

    @property
    def fingerprint(self) -> str:
        """What the guide says, in a few characters: a run's results hold for this text only."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]
