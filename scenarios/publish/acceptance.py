"""Whether a run's images may become the accepted set (its verdict), and accepting them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scenarios.guide import Guide
from scenarios.publish import comparison, shots
from scenarios.results import Run, in_paris


@dataclass
class Verdict:
    """Whether a run's images may become the accepted set, and if not, why (one French line each)."""

    status: Literal["passed", "failed", "partial", "incomplete", "stale"]  # stale: guide.md changed since
    reasons: list[str] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        return self.status == "passed"

    @property
    def heading(self) -> str:
        """The verdict in French, as the review page and the guide command say it."""
        return {"passed": "Exécution complète réussie", "failed": "L'exécution a échoué",
                "partial": "Exécution partielle", "incomplete": "Exécution incomplète",
                "stale": "Exécution périmée"}[self.status]


def verdict(run: Run, guide: Guide) -> Verdict:
    """Passed only for a complete run of every procedure of the guide as it is now, each passed, no new
    contradiction."""
    if run.guide is not None and run.guide != guide.fingerprint:
        return Verdict("stale", [f"{guide.name} a changé depuis cette exécution ({in_paris(run.started)}) : ses "
                                 "résultats ne valent plus ; lancez `make guide`, puis acceptez"])
    selected = set(run.selection or [])
    failed = [f"Q{p.question} {p.title} : {p.reason or 'en échec'}"
              + ("" if run.selection is None or p.question in selected else
                 f" (exécution {in_paris(p.ran_at) if p.ran_at else 'précédente'}, non relancée)")
              for p in sorted(run.procedures.values(), key=lambda p: p.question not in selected)  # this run's first
              if p.status == "failed"]
    if failed:
        return Verdict("failed", failed)
    if run.selection is not None:
        questions = ", ".join(str(q) for q in run.selection)
        return Verdict("partial", [f"exécution partielle (question(s) {questions}) : l'acceptation demande "
                                   "une exécution complète ; lancez `make guide`, puis acceptez"])
    missing = [f"Q{p.question} {p.title} : {status}" for p in guide.procedures
               if (status := "non exécutée" if p.id not in run.procedures else
                   "ignorée (" + str(run.procedures[p.id].reason) + ")"
                   if run.procedures[p.id].status != "passed" else "")]
    if missing:
        return Verdict("incomplete", missing)
    if run.new_errata:
        return Verdict("failed", [f"contradiction nouvelle : {e.kind} « {e.guide} » / « {e.product} »"
                                  for e in run.new_errata])
    return Verdict("passed")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def guide_image_names(guide: Guide) -> set[str]:
    """The image names (procedure/step-id.png) the steps of the guide have."""
    return {f"{p.id}/{s.id}.png" for p in guide.procedures for s in p.steps}


class AcceptRefused(RuntimeError):
    """Why the last run's images cannot become the accepted set (one French line)."""


@dataclass
class Accepted:
    """What an accept copied: the images (by change), the videos that differed, the steps whose words changed."""

    images: list[comparison.Change]
    videos: list[comparison.VideoChange]
    texts: list[comparison.TextChange]


def accept(guide: Guide, out: Path, accepted: Path) -> Accepted:
    """The last run's annotated images, videos and manifest, exactly as reviewed, become the accepted set;
    nothing is run."""
    run = Run.read(out)
    if not run.procedures:
        raise AcceptRefused("aucune exécution à accepter : lancez d'abord `python -m scenarios guide`")
    judged = verdict(run, guide)
    if not judged.acceptable:
        raise AcceptRefused(f"acceptation refusée, la dernière exécution n'est pas complète et réussie : "
                            f"{judged.reasons[0]}" + (f" (et {len(judged.reasons) - 1} autre(s))"
                                                      if len(judged.reasons) > 1 else ""))
    manifest = shots.read_manifest(out)
    current = out / "annotated"
    for entry in (e for e in manifest if e.annotated):  # a step without code has no image yet
        image = out / str(entry.annotated)
        if not image.is_file() or sha256(image) != entry.sha256:
            raise AcceptRefused(f"acceptation refusée : {entry.annotated} n'est plus l'image revue ; "
                                "relancez `python -m scenarios guide`")
    changes = comparison.compare(accepted, current, out / "diff", expected=guide_image_names(guide))
    videos = comparison.compare_videos(accepted.parent / "videos", out / "videos")
    texts = comparison.compare_texts(accepted / "manifest.json", manifest)
    comparison.accept(changes, accepted, current)
    comparison.accept_videos(accepted.parent / "videos", out / "videos")  # docs/videos/ beside docs/screenshots/
    # The reviewed manifest goes with the images: what each outlines, as tests/end_to_end/test_screenshots.py checks it.
    kept = [{k: getattr(e, k) for k in ("procedure", "id", "step", "text", "targets", "no_callout")} for e in manifest
            if e.annotated]
    (accepted / "manifest.json").write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # Each procedure's time, in whole seconds (few changes from run to run): what --shard balances shares on.
    timed = {p.id: max(1, round(sum(s.duration for s in p.steps))) for p in run.procedures.values()}
    (accepted.parent / "durations.json").write_text(json.dumps(timed, indent=1) + "\n", encoding="utf-8")
    browsers = sorted({p.browser for p in run.procedures.values() if p.browser})
    (accepted / "MADE-WITH.txt").write_text(", ".join(browsers) + "\n", encoding="utf-8")
    return Accepted(changes, videos, texts)
