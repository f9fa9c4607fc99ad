"""A captioned video of each procedure, made from the run that verified it: each step's screenshot, the pointer
moving to the elements the step names and their numbered magenta callouts as it clicks (the step's image's), the
guide's words on screen long enough to read; a step with nothing to point at (« J'attends 2 heures ») as a
caption card, not in real time. The frames are the run's captures, secrets already masked in them.

Encoded by the ffmpeg of the imageio-ffmpeg wheel (H.264, yuv420p, plays in every browser): no download at run
time. Captions and chapters (one cue per step, its id the step's) as WebVTT (webvtt-py). A video is encoded
again only when its procedure's images, boxes or words changed (its `.key` beside it).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import imageio_ffmpeg  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont
from webvtt import Caption, WebVTT

from scenarios.publish.shots import draw_callout
from scenarios.results import ManifestEntry

SIZE = (1280, 720)
FPS = 8
CAPTION_HEIGHT = 120
READ_WORDS_PER_SECOND = 2.5  # a reader's pace, in French, on screen
SHORTEST_HOLD, MOVE, CLICK = 2.5, 0.75, 0.5  # seconds
TYPING = 8  # frames over which a field's text appears
CODE = Path(__file__).read_bytes()
FONTS = resources.files("mock_portal").joinpath("static/fonts")  # the portal's own Open Sans, accents and all


def font(size: int, weight: int = 400) -> ImageFont.FreeTypeFont:
    with resources.as_file(FONTS.joinpath(f"open-sans-latin-{weight}-normal.woff2")) as path:
        return ImageFont.truetype(str(path), size)


@dataclass
class Cue:
    step_id: str
    number: int
    text: str
    start: float
    end: float


def key(entries: list[ManifestEntry], folder: Path, waits: Collection[str] = ()) -> str:
    """What the video is made from: each step's screenshot, boxes and words, its waits, and this module."""
    source = hashlib.sha256(CODE + " ".join(sorted(waits)).encode())
    for entry in entries:
        source.update(json.dumps([entry.id, entry.text, entry.targets, entry.no_callout], sort_keys=True).encode())
        source.update((folder / str(entry.plain)).read_bytes())
    return source.hexdigest()[:16]


def window(image: Image.Image, targets: list[dict[str, Any]]) -> tuple[Image.Image, list[dict[str, Any]]]:
    """The 1280×720 part of the page around the step's elements (the top of the page without any), the boxes
    moved into it."""
    width, height = SIZE[0], SIZE[1] - CAPTION_HEIGHT
    centre = (min(t["y"] for t in targets) + max(t["y"] + t["height"] for t in targets)) / 2 if targets else 0
    top = max(0, min(round(centre - height / 2), image.height - height)) if targets else 0
    frame = Image.new("RGB", SIZE, "white")
    frame.paste(image.crop((0, top, min(width, image.width), min(image.height, top + height))), (0, 0))
    return frame, [{**t, "y": t["y"] - top} for t in targets]


def caption(frame: Image.Image, text: str, card: bool = False) -> Image.Image:
    """The step's words in a band at the bottom, or (`card`) over the dimmed page, in large type."""
    out = frame.copy()
    draw = ImageDraw.Draw(out, "RGBA")
    if card:
        draw.rectangle((0, 0, *SIZE), fill=(11, 40, 75, 215))
        lines = textwrap.wrap(text, 48)
        large = font(40, 600)
        y = SIZE[1] / 2 - 26 * len(lines)
        for line in lines:
            draw.text((SIZE[0] / 2, y), line, font=large, fill="white", anchor="ma")
            y += 52
        return out
    draw.rectangle((0, SIZE[1] - CAPTION_HEIGHT, *SIZE), fill=(11, 40, 75, 235))
    words = font(26, 600)
    for index, line in enumerate(textwrap.wrap(text, 82)[:3]):
        draw.text((40, SIZE[1] - CAPTION_HEIGHT + 14 + 34 * index), line, font=words, fill="white")
    return out


def pointer(frame: Image.Image, x: float, y: float, pressed: bool = False) -> Image.Image:
    """The mouse pointer at (x, y); a ring around it while it clicks."""
    out = frame.copy()
    draw = ImageDraw.Draw(out)
    if pressed:
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), outline=(200, 0, 140), width=4)
    arrow = [(x, y), (x, y + 26), (x + 7, y + 20), (x + 12, y + 31), (x + 17, y + 29), (x + 12, y + 18),
             (x + 21, y + 18)]
    draw.polygon(arrow, fill="white", outline="black", width=2)
    return out


def centre(target: dict[str, Any]) -> tuple[float, float]:
    return target["x"] + target["width"] / 2, target["y"] + target["height"] / 2


def inside(target: dict[str, Any]) -> tuple[int, int, int, int]:
    """A field's inside, its border left out, clipped to the frame's page part."""
    x, y, w, h = (round(target[k]) for k in ("x", "y", "width", "height"))
    return max(0, x + 3), max(0, y + 3), min(SIZE[0], x + w - 3), min(SIZE[1] - CAPTION_HEIGHT, y + h - 3)


def storyboard(entries: list[ManifestEntry], folder: Path,
               waits: Collection[str] = ()) -> tuple[list[tuple[Image.Image, float]], list[Cue]]:
    """The video's distinct frames, each with how long it shows, and one cue per step; a step that waits
    (`waits`: it moved the simulator's clock) opens on its words as a card, the time it skips not shown."""
    frames: list[tuple[Image.Image, float]] = []
    cues: list[Cue] = []
    at, clock = (SIZE[0] / 2, SIZE[1] / 2), 0.0
    for entry in entries:
        words = f"Étape {entry.step} : {entry.text}"
        page, boxes = window(Image.open(folder / str(entry.plain)).convert("RGB"), entry.targets)
        hold = max(SHORTEST_HOLD, len(words.split()) / READ_WORDS_PER_SECOND)
        start = clock
        if str(entry.id) in waits:
            frames.append((caption(page, words, card=True), hold))
            clock += hold
        if not boxes:  # a wait, or a step whose image outlines nothing: its words as a card
            frames.append((caption(page, words, card=not entry.targets and bool(entry.no_callout)), hold))
            clock += hold
        else:
            typed = caption(page, words)  # the fields as the step left them filled in
            shown = typed.copy()
            fields = [box for box in boxes if str(box.get("label", "")).startswith("champ")]
            for box in fields:  # empty until the pointer reaches them
                ImageDraw.Draw(shown).rectangle(inside(box), fill="white")
            for number, box in enumerate(boxes, 1):
                goal, steps = centre(box), max(1, round(MOVE * FPS))
                for i in range(1, steps + 1):
                    ease = (1 - math.cos(math.pi * i / steps)) / 2
                    frames.append((pointer(shown, at[0] + (goal[0] - at[0]) * ease, at[1] + (goal[1] - at[1]) * ease),
                                   1 / FPS))
                at = goal
                frames.append((pointer(shown, *at, pressed=True), CLICK))
                if box in fields:  # its text appears from left to right, as typed (a password as its dots)
                    left, top, right, bottom = inside(box)
                    for i in range(1, TYPING + 1):
                        reach = left + (right - left) * i // TYPING
                        shown.paste(typed.crop((left, top, reach, bottom)), (left, top))
                        frames.append((pointer(shown, *at), 1 / FPS))
                    clock += TYPING / FPS
                draw_callout(shown, number, box)
                clock += MOVE + CLICK
            rest = max(1.0, hold - (clock - start))
            frames.append((pointer(shown, *at), rest))
            clock += rest
        cues.append(Cue(str(entry.id), entry.step, words, start, clock))
    return frames, cues


def timestamp(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{round((seconds - whole) * 1000):03d}"


def write_tracks(cues: list[Cue], out: Path, procedure_id: str) -> None:
    """<id>.fr.vtt (each step's words) and <id>.chapters.vtt (a chapter per step, its cue id the step id)."""
    for suffix, said in ((".fr.vtt", lambda c: c.text), (".chapters.vtt", lambda c: f"Étape {c.number}")):
        track = WebVTT()
        for cue in cues:
            found = Caption(timestamp(cue.start), timestamp(cue.end), said(cue))
            found.identifier = cue.step_id if suffix == ".chapters.vtt" else str(cue.number)
            track.captions.append(found)
        track.save(str(out / f"{procedure_id}{suffix}"))


def encode(frames: list[tuple[Image.Image, float]], mp4: Path) -> None:
    """The frames, each for its duration, as H.264 (yuv420p, constant FPS): ffmpeg's concat of still images."""
    with tempfile.TemporaryDirectory(prefix="coffre-guide-video-") as folder:
        listing = ["ffconcat version 1.0"]
        for index, (frame, seconds) in enumerate(frames):
            name = f"{index:04d}.bmp"
            frame.save(Path(folder) / name)
            listing += [f"file {name}", f"duration {seconds:.3f}"]
        listing.append(f"file {len(frames) - 1:04d}.bmp")  # the last frame's duration holds only when repeated
        (Path(folder) / "frames.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")
        command = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "concat", "-i",
                   str(Path(folder) / "frames.txt"), "-r", str(FPS), "-c:v", "libx264", "-preset", "veryfast",
                   "-tune", "stillimage", "-crf", "30", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                   str(mp4)]
        subprocess.run(command, check=True, capture_output=True)


def make(procedure_id: str, entries: list[ManifestEntry], folder: Path, out: Path,
         waits: Collection[str] = (), accepted: Path | None = None) -> bool:
    """The procedure's video, tracks and poster in `out`; False when made from the same sources as the one
    there, or as the `accepted` one (copied: a fresh clone encodes nothing its accepted videos already show)."""
    out.mkdir(parents=True, exist_ok=True)
    made_from = key(entries, folder, waits)
    for kept in (out, accepted):
        names = [f"{procedure_id}{suffix}" for suffix in (".key", ".mp4", ".fr.vtt", ".chapters.vtt", ".jpg")]
        if kept and all((kept / name).is_file() for name in names) and (kept / names[0]).read_text() == made_from:
            for name in names if kept != out else ():
                shutil.copyfile(kept / name, out / name)
            return False
    frames, cues = storyboard(entries, folder, waits)
    encode(frames, out / f"{procedure_id}.mp4")
    write_tracks(cues, out, procedure_id)
    frames[0][0].convert("RGB").save(out / f"{procedure_id}.jpg", quality=80)
    (out / f"{procedure_id}.key").write_text(made_from)
    return True


def make_all(manifest: list[ManifestEntry], folder: Path, statuses: dict[str, str],
             waits: dict[str, set[str]], accepted: Path | None = None) -> list[str]:
    """Every passed procedure's video in `folder`/videos (one process per core), those of procedures gone or
    not passed removed; returns the procedures whose video was encoded again. `waits`: per procedure, its steps
    that wait (a card)."""
    out = folder / "videos"
    by_procedure: dict[str, list[ManifestEntry]] = {}
    for entry in manifest:
        by_procedure.setdefault(entry.procedure, []).append(entry)
    wanted = {k: v for k, v in by_procedure.items() if statuses.get(k) == "passed" and all(e.plain for e in v)}
    for stale in out.glob("*") if out.is_dir() else ():
        if stale.name.split(".")[0] not in wanted:
            stale.unlink()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        made = pool.map(make, wanted, wanted.values(), [folder] * len(wanted), [out] * len(wanted),
                        [waits.get(k, set()) for k in wanted], [accepted] * len(wanted))
        return [procedure_id for procedure_id, again in zip(wanted, made, strict=True) if again]
