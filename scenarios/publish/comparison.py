"""The run's annotated images against the accepted set: unchanged, changed (how, and where), new, removed,
missing; and the accepted set updated from them."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops

from scenarios.results import ManifestEntry


@dataclass
class Change:
    name: str
    status: str  # unchanged, changed, new, removed (its step left guide.md), missing (not produced this run)
    share: float = 0.0
    diff: str | None = None
    signature: str | None = None  # what changed, as colours: the same change on several images groups them
    zoom: str | None = None  # the changed area, enlarged, for a change too small to see in the whole image
    box: tuple[int, int, int, int] | None = None  # where it changed: left, top, width, height (px)


def pixel_share(before: Path, after: Path, tolerance: int, diff_out: Path
                ) -> tuple[float, str | None, tuple[int, int, int, int] | None]:
    """Share of pixels differing by more than `tolerance` (0-255 per channel), the change's signature (the
    commonest colour before and after among them) and its box; writes a diff image, and beside it the changed
    area enlarged (`.zoom.png`)."""
    a, b = Image.open(before).convert("RGB"), Image.open(after).convert("RGB")
    layout = f"mise en page : {a.width}×{a.height} → {b.width}×{b.height} px" if a.size != b.size else None
    if a.size != b.size:
        canvas = Image.new("RGB", (max(a.width, b.width), max(a.height, b.height)), "white")
        a2, b2 = canvas.copy(), canvas.copy()
        a2.paste(a)
        b2.paste(b)
        a, b = a2, b2
    delta = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > tolerance else 0)
    changed = delta.width * delta.height - delta.histogram()[0]
    box = delta.getbbox()
    if changed and box:
        faded = Image.blend(b, Image.new("RGB", b.size, "white"), 0.7)
        faded.paste(Image.new("RGB", b.size, (220, 0, 60)), mask=delta)
        diff_out.parent.mkdir(parents=True, exist_ok=True)
        faded.save(diff_out, compress_level=1)  # a working file for the review: fast over small
        zoom(faded, box, diff_out.with_suffix(".zoom.png"))
    where = (box[0], box[1], box[2] - box[0], box[3] - box[1]) if box else None
    return changed / (a.width * a.height), (layout or signature(a, b, delta)) if changed else None, where


def zoom(image: Image.Image, box: tuple[int, int, int, int], out: Path, margin: int = 24) -> None:
    """The changed area with some context, enlarged to be seen beside the whole image (at most 4×)."""
    area = image.crop((max(0, box[0] - margin), max(0, box[1] - margin), min(image.width, box[2] + margin),
                       min(image.height, box[3] + margin)))
    scale = max(1, min(4, 480 // max(area.width, 1)))
    area.resize((area.width * scale, area.height * scale), Image.Resampling.NEAREST).save(out, compress_level=1)


def signature(a: Image.Image, b: Image.Image, mask: Image.Image) -> str:
    """What changed, truthfully: « couleur #006e69 → #c0392b » (the commonest colour of the changed pixels,
    before and after), or, where that colour is the same (new words on a button), « texte ou forme sur
    #ffffff, zone de 120×40 px »."""
    box = mask.getbbox()
    assert box is not None
    # Every 4th pixel each way (nearest: colours stay exact) is plenty to find the commonest one.
    size = (max(1, (box[2] - box[0]) // 4), max(1, (box[3] - box[1]) // 4))
    sample = mask.crop(box).resize(size, Image.Resampling.NEAREST)
    tops = []
    for image in (a, b):
        black = Image.new("RGB", size)
        # At most one colour per pixel: a bound that size (not 2**24) keeps Pillow from a 16M-entry table.
        colours = Image.composite(image.crop(box).resize(size, Image.Resampling.NEAREST), black, sample) \
            .getcolors(maxcolors=size[0] * size[1]) or []
        _, colour = max((c for c in colours if c[1] != (0, 0, 0)), default=(0, (0, 0, 0)))
        red, green, blue = colour  # type: ignore[misc]
        tops.append(f"#{red:02x}{green:02x}{blue:02x}")
    if tops[0] == tops[1]:
        return f"texte ou forme sur {tops[0]}, zone de {box[2] - box[0]}×{box[3] - box[1]} px"
    return f"couleur {tops[0]} → {tops[1]}"


def compare(accepted: Path, current: Path, diffs: Path, tolerance: int = 0,
            expected: set[str] | None = None) -> list[Change]:
    """Each image of `current` against `accepted`: unchanged, changed (with diff), new; and for an accepted
    image this run did not produce, missing while its step is still `expected` (in guide.md), else removed."""
    shutil.rmtree(diffs, ignore_errors=True)
    now = {str(p.relative_to(current)) for p in current.rglob("*.png")}
    before = {str(p.relative_to(accepted)) for p in accepted.rglob("*.png")} if accepted.exists() else set()
    changes, differing = [], []
    for name in sorted(now | before):
        if name not in before:
            changes.append(Change(name, "new"))
        elif name not in now:
            changes.append(Change(name, "missing" if expected is not None and name in expected else "removed"))
        elif (accepted / name).read_bytes() == (current / name).read_bytes():
            changes.append(Change(name, "unchanged"))
        else:
            differing.append(name)
    if differing:  # comparing pixels is the slow part: one process per core
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            measured = pool.map(pixel_share, [accepted / n for n in differing], [current / n for n in differing],
                                [tolerance] * len(differing), [diffs / n for n in differing])
            for name, (share, changed_as, box) in zip(differing, measured, strict=True):
                changes.append(Change(name, "unchanged") if share == 0 else
                               Change(name, "changed", share, str(diffs / name), changed_as,
                                      str((diffs / name).with_suffix(".zoom.png")), box))
    changes.sort(key=lambda change: change.name)
    return changes


def accept(changes: list[Change], accepted: Path, current: Path) -> None:
    """Copy changed and new images over the accepted set; remove the stale ones."""
    for change in changes:
        if change.status in ("changed", "new"):
            (accepted / change.name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(current / change.name, accepted / change.name)
        elif change.status == "removed":
            (accepted / change.name).unlink()
    for folder in sorted(accepted.glob("*/"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def summary(changes: list[Change]) -> dict[str, int]:
    counts = dict.fromkeys(("unchanged", "changed", "new", "removed", "missing"), 0)
    for change in changes:
        counts[change.status] += 1
    return counts


def as_dicts(changes: list[Change]) -> list[dict[str, Any]]:
    return [asdict(c) for c in changes]


VIDEO_STATUS = {"changed": "modifiée", "new": "nouvelle", "removed": "supprimée",
                "missing": "non refaite (procédure en échec ou non exécutée)"}  # what the review and accept say


@dataclass
class VideoChange:
    procedure: str
    status: str  # changed, new, removed (its procedure left the guide), missing (its procedure did not pass here)


def compare_videos(accepted: Path, current: Path, expected: set[str] | None = None) -> list[VideoChange]:
    """Each procedure's video against the accepted one, by what it was made from (its `.key`): a video is
    encoded again only when its images, boxes or words changed, so a different key is a changed video. One this
    run did not make is « missing » while its procedure is still `expected` (in the guide), else removed."""
    def keys(folder: Path) -> dict[str, str]:
        return {p.stem: p.read_text() for p in folder.glob("*.key")} if folder.is_dir() else {}

    before, now = keys(accepted), keys(current)
    def status(name: str) -> str:
        if name not in before:
            return "new"
        if name not in now:
            return "missing" if name in (expected or set()) else "removed"
        return "changed"

    return [VideoChange(name, status(name)) for name in sorted(before.keys() | now.keys())
            if before.get(name) != now.get(name)]


def accept_videos(accepted: Path, current: Path) -> None:
    """The reviewed videos, their tracks and posters become the accepted ones (docs/videos/)."""
    shutil.rmtree(accepted, ignore_errors=True)
    if current.is_dir():
        shutil.copytree(current, accepted)


@dataclass
class TextChange:
    """A step whose words changed since the accepted set (its id kept): the same image, other words."""

    name: str  # procedure/step-id.png, as its image is named
    caption: str
    before: str
    after: str


def compare_texts(accepted_manifest: Path, manifest: list[ManifestEntry]) -> list[TextChange]:
    """Each step of this run whose words differ from those the accepted set was reviewed with."""
    if not accepted_manifest.is_file():
        return []
    before = {f"{e['procedure']}/{e['id']}.png": e["text"]
              for e in json.loads(accepted_manifest.read_text(encoding="utf-8"))}
    return [TextChange(e.name, e.caption, before[e.name], e.text) for e in manifest
            if e.name in before and before[e.name] != e.text]


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The words of `before` and `after` as (kind, words) runs: « same », « removed », « added »."""
    old, new = before.split(" "), after.split(" ")
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new[j1:j2])))
    return runs
