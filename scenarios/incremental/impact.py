"""`coffre-guide impact PATH... | --since=GIT_REF`: which procedures, steps and images of the guide a change
touches, from what the last `make guide` recorded (each step's templates, static files and endpoints).

A change to Python code of mock_portal/ or scenarios/ touches every procedure (any of it may change any step);
a change to guide.md touches the procedures whose checked words changed (ids, quoted labels, facts) and,
for a reworded step, only its words (the documents are written again, without a browser): compared with guide.md
at the git reference given (`--since`), else with the words the last run recorded.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scenarios import ROOT
from scenarios.guide import Guide, parse
from scenarios.incremental import inputs
from scenarios.results import ProcedureResult, Run


@dataclass
class Touched:
    """What one changed file touches: per procedure, the steps whose image may change (or only words)."""

    path: str
    everything: bool = False
    steps: dict[str, list[int]] = field(default_factory=dict)  # procedure id -> step numbers
    words: dict[str, list[int]] = field(default_factory=dict)  # procedure id -> reworded steps (no rerun)
    removed: list[str] = field(default_factory=list)  # procedures the guide no longer has, in words
    missing: str | None = None  # the file is nowhere (« introuvable »), or was deleted since the reference

    def images(self) -> int:
        return sum(len(numbers) for numbers in self.steps.values())


def changed_since(reference: str) -> list[str]:
    """The files changed since the git `reference` (committed or not) and those git does not track yet."""
    def git(*args: str) -> list[str]:
        found = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
        return [line for line in found.stdout.splitlines() if line]

    return sorted(set(git("diff", "--name-only", reference, "--")) | set(git("ls-files", "--others",
                                                                               "--exclude-standard")))


def guide_at(reference: str, guide: Guide) -> Guide | None:
    """The guide as it was at the git `reference` (None where the file was not there)."""
    found = subprocess.run(["git", "show", f"{reference}:{name(str(guide.path))}"], cwd=ROOT, capture_output=True,
                           text=True, check=False)
    return Guide(guide.path, found.stdout, tuple(parse(found.stdout, guide.name))) if found.returncode == 0 else None


def name(path: str) -> str:
    """`path` as the run names the portal's files: from the project's root."""
    full = Path(path).resolve()
    try:
        return str(full.relative_to(ROOT))
    except ValueError:
        return path


def touched_by(path: str, run: Run, guide: Guide, before: Guide | None = None) -> Touched:
    """What changing `path` touches; for the guide, compared with `before` (its words at a git reference),
    else with the words `run` recorded."""
    found = Touched(path)
    if (ROOT / path).resolve() == guide.path.resolve():
        guide_changes(found, guide, recorded_words(run, before))
        if before is not None:
            now = {p.id for p in guide.procedures}
            found.removed = [f"Q{p.question} « {p.title} »" for p in before.procedures if p.id not in now]
        return found
    if Path(path).suffix in (".py", ".sql") and path.split("/")[0] in inputs.CODE:
        found.everything = True
        found.steps = {p.id: [s.number for s in p.steps] for p in guide.procedures}
    else:
        for result in run.procedures.values():
            shown = [s.number for s, used in zip(result.steps, on_screen(result), strict=True) if path in used]
            if shown:
                found.steps[result.id] = shown
    return found


Recorded = dict[str, tuple[str | None, dict[str | None, str]]]  # procedure id -> its section's digest, its words


def recorded_words(run: Run, before: Guide | None) -> Recorded:
    """What the guide said: at the git reference (`before`), else as the last run recorded it."""
    if before is not None:
        return {p.id: (inputs.section(p), {s.id: s.text for s in p.steps}) for p in before.procedures}
    return {r.id: (r.inputs.get("guide"), {s.id: s.text for s in r.steps}) for r in run.procedures.values()}


def guide_changes(found: Touched, guide: Guide, recorded: Recorded) -> None:
    """Into `found`: the procedures whose checked words changed since `recorded` (all their steps: their images
    may change), and the steps only reworded (words only)."""
    for procedure in guide.procedures:
        section, said = recorded.get(procedure.id, (None, {}))
        if section != inputs.section(procedure):
            found.steps[procedure.id] = [s.number for s in procedure.steps]
        elif reworded := [s.number for s in procedure.steps if said.get(s.id) != s.text]:
            found.words[procedure.id] = reworded


def on_screen(result: ProcedureResult) -> list[set[str]]:
    """Per step, the portal's files its image may show: the page it starts on (the last one rendered before;
    a step's image may be taken before its click leaves it), the pages rendered for it, and every static file
    loaded so far (the browser keeps them)."""
    page: set[str] = set()
    static: set[str] = set()
    shown = []
    for step in result.steps:
        rendered = {path for path in step.touched if "/static/" not in path}
        static |= {path for path in step.touched if "/static/" in path}
        shown.append(page | rendered | static)
        page = rendered or page
    return shown


def in_revision(reference: str, path: str) -> bool:
    return subprocess.run(["git", "cat-file", "-e", f"{reference}:{path}"], cwd=ROOT, capture_output=True,
                          check=False).returncode == 0


def numbers(steps: list[int]) -> str:
    """[3, 4, 5, 7] -> « étapes 3-5, 7 »; [2] -> « étape 2 »."""
    runs: list[list[int]] = []
    for number in sorted(steps):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    said = ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"étape{'s' if len(steps) > 1 else ''} {said}"


def describe(found: Touched, guide: Guide, markdown: bool = False) -> str:
    """One line (or a Markdown item) per changed file."""
    per_question = [p.question for p in guide.procedures]
    titles = {p.id: f"Q{p.question}" + (f" « {p.title} »" if per_question.count(p.question) > 1 else "")
              for p in guide.procedures}
    path = f"`{found.path}`" if markdown else found.path
    if found.missing:
        said = found.missing
    elif found.everything:
        said = f"touche tout (code Python) : les {len(found.steps)} procédures ({found.images()} images)"
    elif found.steps or found.words or found.removed:
        parts = [f"{titles[k]} {numbers(v)}" for k, v in found.steps.items()]
        parts += [f"{titles[k]} {numbers(v)} (mots seulement, sans navigateur)" for k, v in found.words.items()]
        parts += [f"{title} retirée du guide" for title in found.removed]
        said = ", ".join(parts) + (f" ({found.images()} image{'s' if found.images() > 1 else ''})"
                                   if found.steps else "")
    else:
        said = "aucune procédure du guide"
    return f"- {path} : {said}" if markdown else f"{path} : {said}"


def report(paths: list[str], run: Run, guide: Guide, markdown: bool = False, since: str | None = None) -> list[str]:
    """A line per changed file; with `since` (a git reference), guide.md is compared with its text there."""
    before = guide_at(since, guide) if since else None
    found = []
    for path in map(name, paths):
        if not (ROOT / path).exists() and not (since and in_revision(since, path)):
            found.append(Touched(path, missing="fichier introuvable (ni ici ni dans git)"))
            continue
        touched = touched_by(path, run, guide, before)
        if not (ROOT / path).exists():
            touched.missing = f"supprimé depuis {since}" if not (touched.steps or touched.everything) else None
        found.append(touched)
    lines = [describe(t, guide, markdown) for t in found]
    if markdown:
        images = len({(k, n) for t in found for k, v in t.steps.items() for n in v})
        lines.insert(0, f"**Guide** : {images} image(s) du guide touchée(s) par ce changement\n")
    return lines
