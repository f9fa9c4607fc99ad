"""`coffre-guide merge DIR... --report-dir OUT`: the report folders of `--shard` runs joined into the one run a
single machine would have made (run.json, run report, JUnit XML), then published as `guide` publishes (review,
images, videos, the guide in HTML, Word and PDF)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from scenarios.guide import Guide
from scenarios.plugin.session import write
from scenarios.procedures import load_bindings
from scenarios.results import Run


class MergeRefused(ValueError):
    """The folders are not shares of one run of this guide (one French line)."""


def join(guide: Guide, runs: list[tuple[Path, Run]]) -> Run:
    """One run from the shares: each procedure from the share that ran it, the guide's other pages from the one
    that checked them, started when the first share started."""
    joined = Run(started=min(run.started for _, run in runs), guide=guide.fingerprint)
    for folder, run in runs:
        if run.guide != guide.fingerprint:
            raise MergeRefused(f"{folder} : exécution d'un autre texte de {guide.name} (relancez cette part)")
        twice = sorted(joined.procedures.keys() & run.procedures.keys())
        if twice:
            raise MergeRefused(f"{folder} : {', '.join(twice)} déjà dans une autre part (mêmes --shard ?)")
        joined.merge(run, guide)  # its procedures, and the other pages if no share before checked them
    return joined


def junit(folders: list[Path], out: Path) -> None:
    """The shares' JUnit XML as one document: every test suite of each, in the order the folders were given."""
    merged = ElementTree.Element("testsuites")
    for folder in folders:
        found = folder / "junit.xml"
        if found.is_file():
            root = ElementTree.parse(found).getroot()
            merged.extend([root] if root.tag == "testsuite" else list(root))
    ElementTree.ElementTree(merged).write(out / "junit.xml", encoding="utf-8", xml_declaration=True)


def merge(guide: Guide, folders: list[Path], out: Path, errata_file: Path) -> Run:
    """The shares in `folders` joined into `out`: their captures and failures copied, the run written once."""
    runs = [(folder, Run.read(folder)) for folder in folders]
    empty = [str(folder) for folder, run in runs if not run.procedures and not run.checked]
    if empty:
        raise MergeRefused(f"aucune exécution dans {', '.join(empty)}")
    joined = join(guide, runs)
    out.mkdir(parents=True, exist_ok=True)
    for folder, run in runs:
        for procedure_id in run.procedures:
            shots = folder / "shots" / procedure_id
            if shots.is_dir() and folder.resolve() != out.resolve():
                shutil.copytree(shots, out / "shots" / procedure_id, dirs_exist_ok=True)
        for failure in (folder / "failures").glob("*.png") if (folder / "failures").is_dir() else ():
            (out / "failures").mkdir(exist_ok=True)
            shutil.copyfile(failure, out / "failures" / failure.name)
    write(guide, joined, out, errata_file, False, load_bindings(), {})
    junit(folders, out)
    return joined
