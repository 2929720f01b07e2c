"""``kesos-modul release``: check, build the trainee site, deploy it as a new
version with mike, tag it (the git side: :mod:`kesos_modul.deployment`).
Nothing is changed unless every check passes, and earlier versions on the
deploy branch are never rebuilt or touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kesos_modul import deployment, edisi, history
from kesos_modul.book import BookError, Task, Typesetting, book_tasks
from kesos_modul.catatan import catatan, write_pdf
from kesos_modul.diff import Perubahan, compare
from kesos_modul.engine import BuildError, PublishError
from kesos_modul.engine.material import Material
from kesos_modul.findings import Finding, has_errors
from kesos_modul.journal import Journal
from kesos_modul.loading import load
from kesos_modul.model import Kurikulum
from kesos_modul.output_keys import Keys, Reuse
from kesos_modul.pipeline import Pipeline
from kesos_modul.render import Options
from kesos_modul.site import check_output, mark, write_if_changed
from kesos_modul.sources import GitSource

if TYPE_CHECKING:
    import git

PAKET_FORMATS = ("scorm12", "cc11")  # published with every release; Moodle XML carries answers
LOCK = "kesos-rilis.kunci"  # in the repository's git folder: one release at a time (kesos_modul/lock.py)


class AlreadyPublished(Exception):
    """The release is already on the deploy branch: nothing to do."""


class ReleaseRefused(Exception):
    """The release cannot go ahead; nothing was changed.

    ``detail`` keeps what a tool printed in English, for ``--debug``.
    """

    def __init__(self, message: str, findings: list[Finding] | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.findings = findings or []
        self.detail = detail


@dataclass
class Plan:
    """A checked release, ready to deploy."""

    pipeline: Pipeline
    repo: git.Repo  # opened once for the whole release
    name: str
    previous: str | None
    kurikulum: Kurikulum
    perubahan: Perubahan
    warnings: list[Finding] = field(default_factory=list)


def check(
    root: Path, name: str, branch: str, today: date, from_tag: bool = False, main_branch: str = "main"
) -> Plan:
    """Every reason to refuse, before anything is written.

    A release is made from ``main_branch``. ``from_tag`` publishes a release
    whose tag already exists and is checked out (the CI workflow on a pushed
    tag); it is a no-op when the version is already on the deploy branch.
    """
    try:
        history.release_key(name)
    except ValueError as exc:
        raise ReleaseRefused(
            f"nama rilis '{name}' tidak sesuai skema TTTT.BB.HH (misalnya 2026.11.24), "
            "atau TTTT.BB.HH.N untuk rilis kedua pada hari yang sama"
        ) from exc
    repo = history.open_repo(root)
    if history.identity_missing(repo):
        raise ReleaseRefused(
            'identitas git belum diatur; jalankan git config user.name "Nama" dan '
            'git config user.email "alamat@surel"'
        )
    current = history.current_branch(repo)
    if not from_tag and current != main_branch:
        raise ReleaseRefused(
            f"rilis hanya dibuat dari cabang {main_branch}, sedangkan yang dibuka "
            + (f"cabang {current}" if current else "commit tanpa cabang")
            + f"; jalankan git switch {main_branch} (atau --main-branch NAMA bila cabang utama bernama lain)"
        )
    dirty = history.dirty_paths(repo, root)
    if dirty:
        raise ReleaseRefused(
            "ada perubahan yang belum di-commit: "
            + ", ".join(dirty[:10])
            + "; commit atau simpan dulu (git stash), agar rilis sama persis dengan tagnya"
        )
    done = history.releases(repo)
    deployed = Material().versions(root, branch)
    if from_tag:
        if name not in done or not history.tag_is_head(repo, name):
            raise ReleaseRefused(
                f"tag {history.RELEASE_TAG_PREFIX}{name} tidak ada atau bukan commit yang sedang dibuka"
            )
        if name in deployed:
            raise AlreadyPublished(f"rilis {name} sudah ada di cabang {branch}")
        done = [d for d in done if history.release_key(d) < history.release_key(name)]
    elif name in done or name in deployed:
        raise ReleaseRefused(f"rilis {name} sudah ada; rilis lama tidak pernah ditimpa")
    previous = done[-1] if done else None
    if previous and history.release_key(name) <= history.release_key(previous):
        raise ReleaseRefused(f"rilis {name} harus lebih baru dari rilis terakhir {previous}")
    # the previous release is loaded once: for KM606 and for "Apa yang berubah"
    earlier = load(GitSource(root, history.RELEASE_TAG_PREFIX + previous, repo))[0] if previous else None
    pipeline = Pipeline(root, Options(), root / "build" / "rilis", versioned=True, pwa=True)
    kurikulum, findings = pipeline.check(today, earlier, f"rilis {previous}" if previous else "")
    if has_errors(findings):
        raise ReleaseRefused("kurikulum belum lolos pemeriksaan", findings)
    earlier = earlier or Kurikulum((), (), kurikulum.registri, frozenset())
    # What changed as a trainee sees it: drafts are in neither edition.
    perubahan = compare(edisi.terbitan(earlier), edisi.terbitan(kurikulum))
    return Plan(pipeline, repo, name, previous, kurikulum, perubahan, findings)


def deploy(
    plan: Plan, branch: str, message: str | None, today: date, tag: bool = True, remote: str | None = None
) -> tuple[list[str], Journal]:
    """Build and commit the new version to ``branch`` with mike, then tag the release.
    Returns the module folders whose built pages were reused, not built again, and
    the release's journal.

    The journal is written before mike's commit; it stays until the release is
    pushed to ``remote`` (when given) and ended (:func:`kesos_modul.deployment.end`).
    """
    root = plan.pipeline.root
    build_dir = plan.pipeline.build_dir
    try:
        check_output(build_dir, "folder kerja")
    except BuildError as exc:
        raise ReleaseRefused(exc.messages[0]) from exc
    # Kept between releases: staging rewrites only what changed and removes what is
    # no longer part of the site, so an unchanged page costs a read, not a write.
    build_dir.mkdir(parents=True, exist_ok=True)
    mark(build_dir)
    record = catatan(
        plan.name,
        today,
        plan.repo.head.commit.hexsha,
        plan.previous,
        edisi.moduls(plan.kurikulum),
        plan.perubahan,
    )
    record_pdf = build_dir / "catatan-rilis.pdf"
    keys = Keys(plan.kurikulum, root)
    made = {
        m.kode: {o: keys.of(m, o) for o in ("buku", *PAKET_FORMATS)} for m in edisi.moduls(plan.kurikulum)
    }
    earlier = history.Folder(plan.repo, branch, f"{plan.previous}/modul").read if plan.previous else None
    changed = {m.kode for m in plan.perubahan.ditambah} | {c.baru.kode for c in plan.perubahan.diubah}
    reuse = Reuse(earlier, made, changed)
    books, tasks = _books(plan, build_dir / "pdf", reuse)
    # the record first: with many modules it is the longest document to typeset
    tasks.insert(0, (write_pdf, (record, Options().site_name, record_pdf)))
    try:
        # the packages are made and the pages rendered while the PDFs are typeset in other
        # processes; the pages are staged once all are written
        with Typesetting(tasks) as pdfs:
            packages = _packages(plan, build_dir / "paket", reuse)
            options = Options(
                catatan=record,
                catatan_pdf=str(record_pdf),
                versi=plan.name,
                dibangun=today,
                perubahan=plan.perubahan,
                rilis_sebelumnya=plan.previous,
                terakhir_diubah=history.last_changes(root, plan.repo),
                pdf={kode: str(path) for kode, path in books.items()},
                paket=packages,
            )
            site = plan.pipeline.pages(plan.kurikulum, options)
            pdfs.wait()
    except BookError as exc:
        raise ReleaseRefused(str(exc)) from exc
    staged = plan.pipeline.stage(site)
    repo = plan.repo
    text = message or f"Rilis kurikulum {plan.name}"
    j = deployment.begin(
        repo,
        nama=plan.name,
        branch=branch,
        commit=repo.head.commit.hexsha,
        message=text,
        tag=tag,
        remote=remote,
    )
    finish = reuse.recording(plan.pipeline.finish(site, options))
    published = history.Folder(repo, branch, plan.previous).read if plan.previous else None
    store = plan.pipeline.store(published)

    def publishing() -> None:
        Material().publish(staged, root, branch, plan.name, deployment.ALIAS, text, finish, store)

    try:
        deployment.publish(root, repo, j, publishing)
    except PublishError as exc:
        raise ReleaseRefused(str(exc), detail=exc.detail) from exc
    deployment.complete(root, repo, j)
    return (store.modules() if store is not None else []), j


def _books(plan: Plan, folder: Path, reuse: Reuse) -> tuple[dict[str, Path], list[Task]]:
    """Where the trainee edition's book of every module on the site goes, and
    the books still to typeset.

    A module whose book reads what it read in the previous release (its key,
    :mod:`kesos_modul.output_keys`) gets that release's PDF, byte for byte; only
    the others are typeset again, so a release costs what changed, not the size
    of the curriculum.
    """
    books, jobs = {}, []
    for m in edisi.moduls(plan.kurikulum):
        target = folder / f"{m.kode}.pdf"
        earlier = reuse.earlier(m.kode, "buku", f"{m.kode}.pdf")
        if earlier is not None:
            write_if_changed(target, earlier)
        else:
            jobs.append((m, target))
        books[m.kode] = target
    return books, book_tasks(jobs, plan.kurikulum.registri, plan.pipeline.root, "peserta")


def _packages(plan: Plan, folder: Path, reuse: Reuse) -> dict[str, str]:
    """The trainee edition's learning-platform packages (SCORM 1.2, Common Cartridge 1.1)
    of every module and programme on the site: docs path -> file.

    As with the books, a module's package whose key is the one the previous
    release recorded is that release's package, byte for byte. A programme's
    package is made again: it is quick, and its bytes change only when one of its modules does.
    """
    from kesos_modul.paket import buat

    root, kurikulum = plan.pipeline.root, edisi.terbitan(plan.kurikulum)
    out: dict[str, str] = {}

    def keep(docs_path: str, data: bytes) -> None:
        target = folder / docs_path
        write_if_changed(target, data)
        out[docs_path] = str(target)

    for m in kurikulum.modul:
        for fmt in PAKET_FORMATS:
            name = buat.file_name(m.kode, fmt, edisi.PESERTA)
            old = reuse.earlier(m.kode, fmt, name)
            keep(
                f"modul/{m.kode}/{name}",
                old if old is not None else buat.modul(kurikulum, root, m, fmt, edisi.PESERTA).data,
            )
    kodes = {m.kode for m in kurikulum.modul}
    for p in kurikulum.program:
        if all(k in kodes for _, k in p.susunan):  # as the site lists programmes
            for fmt in PAKET_FORMATS:
                made = buat.program(kurikulum, root, p, fmt, edisi.PESERTA)
                keep(f"program/{made.nama}", made.data)
    return out
