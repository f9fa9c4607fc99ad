"""After the guide's procedures ran, everything else, each output written once: their images annotated and
compared with the accepted set, the review page, the guide in HTML, Word and PDF; then the lines the command
prints."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scenarios.guide import Guide
from scenarios.publish import acceptance, comparison, publication, shots, video, video_checks, word
from scenarios.publish import rendering as html
from scenarios.results import ManifestEntry, Run
from scenarios.target.chromium import printing_page

CHANGED = {"changed": "modifiée", "new": "nouvelle", "removed": "supprimée", "missing": "non produite"}  # --check


@dataclass
class Published:
    """What the pipeline wrote and found, and how long each phase took."""

    changes: list[comparison.Change]
    manifest: list[ManifestEntry]
    verdict: acceptance.Verdict
    review: Path
    documents: list[Path]
    phases: dict[str, float] = field(default_factory=dict)
    encoded: list[str] = field(default_factory=list)  # procedures whose video was made again
    flawed: list[str] = field(default_factory=list)  # what is wrong with those videos, one line each
    videos: list[comparison.VideoChange] = field(default_factory=list)  # against the accepted ones
    texts: list[comparison.TextChange] = field(default_factory=list)  # steps reworded since the accepted set

    @property
    def differing(self) -> list[comparison.Change]:
        return [c for c in self.changes if c.status != "unchanged"]


class Clock:
    """Seconds per phase, in the order they ran."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases, self.last = phases, time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name], self.last = now - self.last, now


def publish(guide: Guide, run: Run, out: Path, accepted: Path, tolerance: int = 0, pdf: bool = True,
            accept_command: str = "make accept", phases: dict[str, float] | None = None,
            live: bool = False) -> Published:
    """The run's images annotated (reusing those drawn from the same sources), compared with `accepted`, the
    review page (`live`: it reloads itself, for `coffre-guide watch`), the guide (HTML, Word, and PDF unless
    `pdf` is False) into `out`."""
    phases = {} if phases is None else phases
    phase = Clock(phases)
    judged = acceptance.verdict(run, guide)
    manifest = shots.build_manifest(run, out)
    phase("annotations")
    waits = {p.id: {str(s.id) for s in p.steps if any(e.endswith(".api_clock") for e in s.endpoints)}
             for p in run.procedures.values()}  # steps that moved the simulator's clock: a card, not the time
    encoded = video.make_all(manifest, out, {p.id: p.status for p in run.procedures.values()}, waits,
                             html.accepted_videos(accepted))
    flawed = [line for procedure_id in encoded for line in video_checks.problems(
        procedure_id, [e for e in manifest if e.procedure == procedure_id], out / "videos")]
    phase("vidéos")
    current = out / "annotated"
    changes = comparison.compare(accepted, current, out / "diff", tolerance,
                                 expected=acceptance.guide_image_names(guide))
    moved = comparison.compare_videos(html.accepted_videos(accepted), out / "videos",
                                      {p.id for p in guide.procedures})
    texts = comparison.compare_texts(accepted / "manifest.json", manifest)
    failures = {f"{p.id}/{s.id}.png": str(out / s.failure_screenshot) for p in run.procedures.values()
                for s in p.steps if s.failure_screenshot}
    review = html.write_review(changes, manifest, judged, accepted, current, tolerance, out / "review.html",
                               accept_command, run_started=run.started, live=live, videos=moved, texts=texts,
                               failures=failures, guide_name=guide.name)
    phase("comparaison")
    errata = run.collected_errata()
    images = publication.step_images(manifest, accepted, out)
    documents = [publication.write_html(guide, images, run, errata, out),
                 word.write_docx(guide, images, errata, out, publication.stamps(run))]
    phase("guide HTML et Word")
    if pdf:
        documents.append(publication.write_pdf(guide, images, run, errata, out, out / "guide.pdf", printing_page))
        phase("PDF")
    return Published(changes, manifest, judged, review, documents, phases, encoded, flawed, moved, texts)


def summary(run: Run, published: Published, selection: list[int] | None, accept_command: str) -> list[str]:
    """What the guide command says once everything is written, in French."""
    counts = comparison.summary(published.changes)
    passed = sum(1 for p in run.procedures.values() if p.status == "passed")
    errata = run.collected_errata()
    reused = sum(1 for p in run.procedures.values() if p.reused)
    lines = [f"\nProcédures réussies : {passed}/{len(run.procedures)}"
             + (f" (questions {', '.join(map(str, selection))} relancées, les autres de leur dernière exécution)"
                if selection else "")
             + (f" ({reused} reprise(s), vérifiée(s) lors d'une exécution précédente et datée(s) comme telle(s) : "
                "rien de ce dont elles dépendent n'a changé depuis ; --full relance tout)" if reused else ""),
             f"Captures : {counts['unchanged']} inchangées, {counts['changed']} modifiées, {counts['new']} "
             f"nouvelles, {counts['removed']} supprimées, {counts['missing']} non produites (étape en échec / "
             "non exécutée)"]
    unbound = [f"  Q{p.question} « {p.title} », étape {s.number} « {s.text} »" for p in run.procedures.values()
               for s in p.unbound]
    if unbound:
        lines.append(f"Étapes sans liaison : {len(unbound)}, ni exécutées ni illustrées tant que les développeurs "
                     "n'ont pas lié leur code (les autres étapes le sont)\n" + "\n".join(unbound))
    orphans = [f"  {line}" for p in run.procedures.values() for line in p.orphans]
    if orphans:
        lines.append(f"Code sans étape : {len(orphans)}, ignoré (l'étape a quitté le guide)\n" + "\n".join(orphans))
    this_run = Run(procedures={k: p for k, p in run.procedures.items() if selection and p.question in selection})
    lines.append(f"Errata : {len(errata)} dans le guide"
                 + (f" (dont {len(this_run.collected_errata())} relevé(s) par les questions relancées)"
                    if selection else "")
                 + (f", dont {len(run.new_errata)} nouveau(x)" if run.new_errata else "")
                 + (f" ; {len(run.fixed_errata)} corrigé(s)" if run.fixed_errata else ""))
    documents = [str(d) for d in published.documents]
    lines.append(f"Guide : {', '.join(documents[:2])}" + (f" et {documents[2]}" if len(documents) > 2 else ""))
    videos = len(list((published.review.parent / "videos").glob("*.mp4")))
    lines.append(f"Vidéos : {videos} dans {published.review.parent / 'videos'} ({len(published.encoded)} refaite(s), "
                 f"{len(published.videos)} différente(s) des vidéos acceptées)"
                 + "".join(f"\n  problème : {line}" for line in published.flawed))
    if published.texts:
        lines.append(f"Textes modifiés : {len(published.texts)} étape(s), même image, autres mots"
                     + "".join(f"\n  {t.caption.split(' : ')[0]} : « {t.before} » → « {t.after} »"
                               for t in published.texts))
    lines.append(f"Revue des changements : {published.review}")
    judged = published.verdict
    images = counts["changed"] + counts["new"] + counts["removed"]
    to_accept = [f"{n} {what}" for n, what in ((images, "image(s)"), (len(published.videos), "vidéo(s)"),
                                               (len(published.texts), "texte(s) d'étape")) if n]
    if not judged.acceptable:
        more = f" (et {len(judged.reasons) - 1} autre(s))" if len(judged.reasons) > 1 else ""
        lines.append(f"Verdict : {judged.heading}, acceptation impossible : {judged.reasons[0]}{more}")
    elif to_accept:
        lines.append(f"Verdict : exécution complète réussie ; pour accepter {', '.join(to_accept)} : "
                     f"{accept_command}")
    else:
        lines.append("Verdict : exécution complète réussie ; rien à accepter (images, vidéos et textes identiques au "
                     "jeu accepté)")
    phases = published.phases
    lines.append("Durées : " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items())
                 + f", total {sum(phases.values()):.1f} s")
    return lines


def check_lines(published: Published) -> list[str]:
    """--check: one line per image that differs from the accepted set."""
    return [f"  {CHANGED[change.status]} : {change.name}" for change in published.differing]


def refresh_review(guide: Guide, out: Path, accepted: Path,
                   now: Callable[[], str] = lambda: time.strftime("%d/%m/%Y à %H:%M")) -> Path:
    """review.html once the reviewed images are the accepted set: it says so, and lists nothing left to review."""
    run = Run.read(out)
    current = out / "annotated"
    changes = comparison.compare(accepted, current, out / "diff", expected=acceptance.guide_image_names(guide))
    texts = comparison.compare_texts(accepted / "manifest.json", shots.read_manifest(out))
    return html.write_review(changes, shots.read_manifest(out), acceptance.verdict(run, guide), accepted, current, 0,
                             out / "review.html", accepted_at=now(), run_started=run.started, guide_name=guide.name,
                             videos=comparison.compare_videos(html.accepted_videos(accepted), out / "videos",
                                                              {p.id for p in guide.procedures}),
                             texts=texts)
