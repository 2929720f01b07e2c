"""The printed module book: one PDF per module, laid out as a government
training-module book, rendered by WeasyPrint from ``templates/pdf``.

Same source as the site: the model, the edition filter and the chapter text.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import multiprocessing
import os
import re
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import markdown as python_markdown
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown.extensions.toc import slugify

from kesos_modul import allowlist, rujukan
from kesos_modul.bahasa import JENIS_LABEL, STATUS_LABEL, tanggal
from kesos_modul.edisi import baca
from kesos_modul.model import Kurikulum, Modul, Orang, Registri
from kesos_modul.pengesahan import berlaku, sidik, uraian
from kesos_modul.resources import project_dir
from kesos_modul.sources import in_curriculum

_H1 = re.compile(r"^#[ \t]+.*$", re.M)


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents."""

    id: str
    title: str
    level: int


class BookError(Exception):
    """The PDF engine is missing or failed; the message is for the writer."""


@functools.cache  # a worker typesets many books with the same templates
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(project_dir("templates") / "pdf"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    env.filters["tanggal"] = tanggal
    env.globals.update(
        status_label=STATUS_LABEL, jenis_label=JENIS_LABEL, pengesahan=uraian,
        penjelasan_belum=rujukan.PENJELASAN_BELUM, penjelasan_kode=rujukan.PENJELASAN_KODE,
    )  # fmt: skip
    return env


def _in_book(kode: str, anchor: str, same: bool) -> str | None:
    """Where the book puts a chapter: its own chapters only; links elsewhere stay as written."""
    return f"#bab-{anchor}" if same else None


def book_html(m: Modul, edisi: str, reg: Registri) -> str:
    """The whole book of one module as one HTML document, in the order of a government
    module: cover, Kata Pengantar, team, the module's identity (what it maps to in the
    registries, unconfirmed entries marked), contents, Bab I …"""
    me = baca(m, edisi, _in_book)
    front = [("lembar-pengesahan", "Lembar Pengesahan")]
    front += [("kata-pengantar", "Kata Pengantar")] if m.kata_pengantar else []
    front += [("tim-penyusun", "Tim Penyusun"), ("identitas-modul", "Identitas Modul")]
    chapters, toc = [], [Entry(i, t, 1) for i, t in front]
    toc.append(Entry("pendahuluan", "Bab I Pendahuluan", 1))
    toc += [Entry(i, t, 2) for i, t in (
        ("latar-belakang", "A. Latar Belakang"), ("deskripsi-singkat", "B. Deskripsi Singkat"),
        ("manfaat-modul", "C. Manfaat Modul"), ("tujuan-pembelajaran", "D. Tujuan Pembelajaran"),
        ("materi-pokok", "E. Materi Pokok dan Sub Materi Pokok"), ("petunjuk-belajar", "F. Petunjuk Belajar"),
    )]  # fmt: skip
    for bab in me.bab:
        text = _H1.sub("", bab.teks, count=1)
        prefix = f"bab-{bab.anchor}"
        converter = python_markdown.Markdown(
            extensions=["admonition", "tables", "def_list", "attr_list", "toc"],
            extension_configs={"toc": {"slugify": lambda value, sep, p=prefix: f"{p}-{slugify(value, sep)}"}},
        )
        html = allowlist.clean(converter.convert(text), document=True)
        chapters.append({"id": prefix, "nomor": bab.label, "judul": bab.judul, "html": html})
        toc.append(Entry(prefix, f"{bab.label} {bab.judul}", 1))
        toc += [Entry(t["id"], t["name"], 2) for t in converter.toc_tokens if t["level"] == 2]
    penutup = f"{me.penutup} Penutup"
    toc += [Entry("penutup", penutup, 1), Entry("rangkuman", "A. Rangkuman", 2), Entry("evaluasi", "B. Evaluasi", 2),
            Entry("umpan-balik", "C. Umpan Balik dan Tindak Lanjut", 2), Entry("daftar-pustaka", "Daftar Pustaka", 1)]  # fmt: skip
    if m.glosarium:
        toc.append(Entry("glosarium", "Glosarium", 1))
    kunci = list(me.kunci)
    if kunci:
        toc.append(Entry("kunci-jawaban", "Kunci Jawaban (khusus fasilitator)", 1))
    css = _css()
    pengantar = [p for p in m.kata_pengantar.split("\n") if p.strip()]  # folded YAML: a line per paragraph
    return (
        _environment()
        .get_template("buku.html.j2")
        .render(
            m=m,
            edisi=edisi,
            toc=toc,
            bab_list=chapters,
            kunci=kunci,
            css=css,
            penutup=me.penutup,
            rj=rujukan.modul(reg, m),
            pengantar=pengantar,
            **_approval_sheet(m, reg),
        )
    )


def _approval_sheet(m: Modul, reg: Registri) -> dict[str, Any]:
    """What the approval sheet (Lembar Pengesahan) shows: the approval of exactly this content,
    its approver, the content's full digest; positions not written in modul.yaml are taken from
    the signer registry, for the same name."""
    valid = berlaku(m) if m.status == "disahkan" else None
    signers = {s.nama: s for s in (reg.penandatangan or {}).values()}

    def jabatan_of(o: Orang) -> str:
        return o.jabatan or (signers[o.nama].jabatan if o.nama in signers else "")

    approver = m.pengesah if valid and m.pengesah and m.pengesah.nama == valid.pengesahan.oleh else None
    return {"sah": valid, "pengesah": approver, "sidik_isi": sidik(m), "jabatan_of": jabatan_of}


@functools.cache
def _css() -> str:
    return (project_dir("templates") / "pdf" / "buku.css").read_text(encoding="utf-8")


def write_book(m: Modul, reg: Registri, root: Path, edisi: str, target: Path) -> Path:
    """Render one module's book to ``target`` (a .pdf path)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        raise BookError(
            f"WeasyPrint tidak dapat dimuat ({exc}); pasang dengan: pip install weasyprint"
        ) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    base = (root / m.folder).as_uri() + "/"
    HTML(string=book_html(m, edisi, reg), base_url=base, url_fetcher=_curriculum_files(root)).write_pdf(
        target
    )
    return target


def _curriculum_files(root: Path) -> Callable[[str], Any]:
    """What WeasyPrint may read while typesetting: the curriculum's own files (a
    chapter's images) and images written into a chapter (``data:``), never another
    file of this computer and never the network."""
    from weasyprint.urls import URLFetcher

    real_root = root.resolve()

    class CurriculumFiles(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if allowlist.DATA_IMAGE.match(url.lower()):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not in_curriculum(path, real_root):
                raise ValueError(f"bukan berkas kurikulum: {url}")
            return super().fetch(url, headers)

    return CurriculumFiles()


Task = tuple[Callable[..., Path], tuple[Any, ...]]  # a function that writes a PDF, and its arguments


class Typesetting:
    """PDFs typeset in the background, one process per core, while the caller
    goes on: WeasyPrint is CPU-bound and single-threaded, so a release with many
    changed modules uses every core, and renders its pages meanwhile.

    ``workers`` (default: the cores this process may use) is 1 for one task, which
    then runs in :meth:`wait`: starting a process would cost more than it saves.
    Leaving the ``with`` block without waiting (a failure) cancels what has not started.
    """

    def __init__(self, tasks: list[Task], workers: int | None = None) -> None:
        self._tasks = list(tasks)
        self._futures: list[Future[Path]] = []
        self._pool: ProcessPoolExecutor | None = None
        workers = min(workers or len(os.sched_getaffinity(0)), len(tasks))
        if workers > 1:
            # forkserver: the pool's processes start from a clean interpreter, not from a copy
            # of this one (whose other threads, such as the CLI's status line, may hold locks)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(
                ["kesos_modul.book", "kesos_modul.catatan", "kesos_modul.pdfmesin"]
            )
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=end_with_parent
            )
            self._futures = [self._pool.submit(function, *args) for function, args in self._tasks]
            self._tasks = []

    def wait(self) -> None:
        """Return when every PDF is written; raise the first failure, as the writer
        would see it typeset alone."""
        while self._tasks:
            function, args = self._tasks.pop(0)
            function(*args)
        for future in self._futures:
            future.result()

    def __enter__(self) -> Typesetting:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=kind is not None)


def end_with_parent() -> None:
    """In a typesetting process, and in the fork server they come from
    (:mod:`kesos_modul.pdfmesin`): end when the process that started it ends, however
    it ends (a release killed mid-way leaves no typesetter behind). On Linux the
    kernel does it (PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent ended before this process could ask
        os._exit(1)


def book_tasks(jobs: list[tuple[Modul, Path]], reg: Registri, root: Path, edisi: str) -> list[Task]:
    return [(write_book, (m, reg, root, edisi, target)) for m, target in jobs]


def typeset(
    jobs: list[tuple[Modul, Path]], reg: Registri, root: Path, edisi: str, workers: int | None = None
) -> None:
    """Typeset several books, one process per core (see :class:`Typesetting`)."""
    with Typesetting(book_tasks(jobs, reg, root, edisi), workers) as books:
        books.wait()


def write_books(kurikulum: Kurikulum, root: Path, kodes: list[str], edisi: str, output: Path) -> list[Path]:
    whole = kurikulum.utuh()  # a module read only in part is never printed
    moduls = whole.modul_by_kode()
    unknown = [k for k in kodes if k not in moduls]
    if unknown:
        raise BookError(f"modul tidak dikenal: {', '.join(unknown)}")
    chosen = [moduls[k] for k in kodes] if kodes else list(whole.modul)
    suffix = "" if edisi == "peserta" else f"-{edisi}"
    jobs = [(m, output / f"{m.kode}{suffix}.pdf") for m in chosen]
    typeset(jobs, kurikulum.registri, root, edisi)
    return [target for _, target in jobs]
