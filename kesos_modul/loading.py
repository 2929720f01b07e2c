"""Source -> model. Reads every file once, checks it against its schema, and
builds the :class:`~kesos_modul.model.Kurikulum`.

A file that cannot be read or does not match its schema yields findings. A
module's ``modul.yaml`` is read in part: its well-formed fields go into the
model and its broken ones are named (:attr:`~kesos_modul.model.Modul.rusak`),
so the domain rules check what they can in the same run. Every other file
(answer keys, programmes, registries) is read whole or left out of the model.
"""

from __future__ import annotations

import gc
import hashlib
import posixpath
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from kesos_modul import forked, fromdata, markdown, schema, tanda_tangan, yamldoc
from kesos_modul.aset import check as aset_check
from kesos_modul.findings import Code, E, Finding, Location, declare, finding
from kesos_modul.model import (
    Bab,
    Entri,
    Kurikulum,
    Modul,
    Registri,
    kunci_entri,
)
from kesos_modul.resources import project_dir
from kesos_modul.sources import FolderSource, Source
from kesos_modul.textfile import decode
from kesos_modul.yamldoc import YamlDoc

# The codes this stage reports (the catalogue gathers them from every stage).
declare(
    Code("KM205", "metadata-tidak-ada", E, "Folder di modules/ tidak berisi modul.yaml."),
)


MODUL_FILE = "modul.yaml"
KUNCI_FILE = "kunci-jawaban.yaml"
MAX_CHAPTER_BYTES = 2 * 1024 * 1024
REGISTRY_FILES = {
    "registri/ranah.yaml": "registri-ranah",
    "registri/sdm.yaml": "registri-sdm",
    "registri/unit-kompetensi.yaml": "registri-unit-kompetensi",
}
# A centre's own, never a bundled default: with it, approvals are signed (kesos_modul.tanda_tangan).
SIGNERS_FILE = "registri/penandatangan.yaml"


def load(source: Source) -> tuple[Kurikulum, list[Finding]]:
    """Read a whole curriculum. Never raises on bad content: problems become findings."""
    # Loading creates many small objects that all stay alive, and none of them in a
    # cycle: the cyclic garbage collector would only scan them again and again (a
    # tenth of a large run). It is off while they are made; then they are frozen
    # (left out of every later scan, and of a forked child's copied pages). Frozen
    # objects are still freed the moment nothing refers to them. What an earlier load
    # froze (in a long-running preview) is thawed and collected first, so no garbage
    # cycle stays frozen for good.
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        return _load(source)
    finally:
        gc.freeze()
        gc.enable()


def _load(source: Source) -> tuple[Kurikulum, list[Finding]]:
    files = source.files()
    problems: list[Finding] = source.problems()
    registri = _load_registri(source, set(files), problems)

    def read(folders: Sequence[tuple[str, list[str]]]) -> tuple[list[Modul], list[Finding]]:
        found: list[Finding] = []
        read = [
            m for folder, paths in folders if (m := _load_modul(source, folder, paths, found)) is not None
        ]
        return read, found

    # A folder is read the same in a forked child; a git source's reader (a git
    # process it talks to) cannot be shared with one.
    folders = sorted(module_folders(files).items())
    parallel = isinstance(source, FolderSource) and len(folders) >= forked.MINIMUM
    if parallel:
        schema.warm("modul", "kunci-jawaban")  # compiled once, before the fork
    (moduls, found), (more, found_more) = forked.halves(read, folders, parallel)
    moduls += more
    problems += found + found_more

    programs = []
    for path in files:
        if is_program_file(path):
            doc = _read_yaml(source, path, "program", problems)
            if doc is not None:
                programs.append(fromdata.program(doc))

    kurikulum = Kurikulum(
        modul=tuple(moduls),
        program=tuple(programs),
        registri=registri,
        files=frozenset(files),
        tanda_tangan=_signatures(source, registri.penandatangan),
    )
    return kurikulum, problems


def _signatures(source: Source, signers: dict | None) -> dict[str, tanda_tangan.Bukti] | None:
    """The signed statements in the repository's tags, checked against ``signers``;
    None when the curriculum does not sign its approvals, empty outside a git repository."""
    if signers is None:
        return None
    where = subprocess.run(
        ["git", "rev-parse", "--show-toplevel", "--git-common-dir"],
        cwd=source.root, capture_output=True, text=True,
    )  # fmt: skip
    if where.returncode != 0:
        return {}
    top, common = where.stdout.splitlines()
    return tanda_tangan.read(Path(top), Path(source.root, common), signers)


def is_program_file(path: str) -> bool:
    return path.startswith("program/") and path.endswith((".yaml", ".yml")) and path.count("/") == 1


def module_folders(files: Iterable[str]) -> dict[str, list[str]]:
    """Every folder in modules/ that holds a file, with its files."""
    by_folder: dict[str, list[str]] = {}
    for path in files:
        parts = path.split("/")
        if parts[0] == "modules" and len(parts) >= 3:
            by_folder.setdefault(f"modules/{parts[1]}", []).append(path)
    return by_folder


def load_modules(
    source: Source, folders: set[str]
) -> tuple[list[str], dict[str, tuple[Modul | None, list[Finding]]]]:
    """Read only the module ``folders`` again (for the preview server).

    Returns every file of the source and, per folder, its module (None when it
    is gone or unreadable) with the findings of reading it.
    """
    files = source.files()
    by_folder = module_folders(files)
    result: dict[str, tuple[Modul | None, list[Finding]]] = {}
    for folder in folders:
        problems: list[Finding] = []
        modul = _load_modul(source, folder, by_folder[folder], problems) if folder in by_folder else None
        result[folder] = (modul, problems)
    return files, result


def _read_yaml(source: Source, path: str, schema_name: str, problems: list[Finding]) -> YamlDoc | None:
    """A file read whole, or None: any problem in it keeps it out of the model."""
    doc, _, clean = _read_in_part(source, path, schema_name, problems)
    return doc if clean else None


def _read_in_part(
    source: Source, path: str, schema_name: str, problems: list[Finding]
) -> tuple[YamlDoc | None, frozenset[str], bool]:
    """The document (None when nothing in it can be used), its broken top-level
    fields, and whether it has no problem at all."""
    doc, found = yamldoc.parse(path, source.read(path))
    problems.extend(found)
    if doc is None:
        return None, frozenset(), False
    # A duplicate key or an unsupported tag still leaves data worth checking:
    # report the schema's findings too.
    result = schema.conform(doc, schema_name)
    problems.extend(result.findings)
    if not result.usable:
        return None, frozenset(), False
    return doc, doc.rusak | result.rusak, not found and not result.findings


def _load_modul(source: Source, folder: str, paths: list[str], problems: list[Finding]) -> Modul | None:
    meta = f"{folder}/{MODUL_FILE}"
    if meta not in paths:
        problems.append(
            finding(
                "KM205",
                Location(folder, None, None),
                f"folder {folder} tidak berisi {MODUL_FILE}",
                "buat modul baru dengan 'kesos-modul new <kode>', atau pindahkan berkas ini ke folder modulnya",
            )
        )
        return None
    doc, rusak, _ = _read_in_part(source, meta, "modul", problems)
    if doc is None:
        return None
    kunci_path = f"{folder}/{KUNCI_FILE}"
    kunci_doc = None
    if kunci_path in paths:
        kunci_doc = _read_yaml(source, kunci_path, "kunci-jawaban", problems)
        if kunci_doc is None:
            rusak |= {KUNCI_FILE}
    chapters = {}
    aset = {}
    for path in paths:
        if path.endswith(".md") and path.count("/") == 2:
            chapters[posixpath.basename(path)] = _read_chapter(source, path, problems)
        elif path not in (meta, kunci_path) and not posixpath.basename(path).startswith("."):
            # only images that pass their check are ever published; dotfiles are editor litter
            raw = source.read(path)
            found = aset_check(path, raw)
            problems.extend(found)
            if not found:
                aset[path] = hashlib.sha256(raw).hexdigest()  # an approval covers the images too
    return fromdata.modul(folder, doc, kunci_doc, chapters, aset, rusak)


def _read_chapter(source: Source, path: str, problems: list[Finding]) -> Bab:
    size = source.size(path)
    if size > MAX_CHAPTER_BYTES:
        problems.append(
            finding(
                "KM008",
                Location(path, 1, 1),
                f"bab berukuran {size // 1024} KB, melebihi batas {MAX_CHAPTER_BYTES // 1024} KB",
                "pecah bab menjadi beberapa materi pokok",
            )
        )
        return Bab(path, None)
    text, found = decode(path, source.read(path))
    problems.extend(found)
    if text is None:
        return Bab(path, None)
    return Bab(path, text, markdown.links(text))


def load_registri(source: Source) -> Registri:
    """Only the registries of a curriculum (for commands that need the codes)."""
    return _load_registri(source, set(source.files()), [])


def _load_registri(source: Source, present: set[str], problems: list[Finding]) -> Registri:
    """Registries come from the curriculum's own ``registri/``, else the bundled defaults."""
    docs: dict[str, yamldoc.YamlDoc | None] = {}
    bundled = FolderSource(project_dir("registri").parent)
    for path, schema_name in REGISTRY_FILES.items():
        where: Source = source if path in present else bundled
        docs[path] = _read_yaml(where, path, schema_name, problems)

    def entries(path: str, key: str, name_key: str = "nama") -> dict[str, Entri]:
        doc = docs[path]
        out: dict[str, Entri] = {}
        if doc is None:
            return out
        for i, item in enumerate(doc.data[key]):
            entry = Entri(kunci_entri(item), item[name_key], item["status"], doc, (key, i), item)
            out.setdefault(entry.kode, entry)
        return out

    signers = (
        _read_yaml(source, SIGNERS_FILE, "registri-penandatangan", problems)
        if SIGNERS_FILE in present
        else None
    )
    ranah = entries("registri/ranah.yaml", "ranah")
    alias = {a: r.kode for r in ranah.values() for a in r.extra.get("alias", [])}
    return Registri(
        ranah=ranah,
        alias_ranah=alias,
        pilar=entries("registri/ranah.yaml", "pilar"),
        kategori=entries("registri/sdm.yaml", "kategori"),
        peran=entries("registri/sdm.yaml", "peran"),
        standar=entries("registri/unit-kompetensi.yaml", "standar"),
        unit=entries("registri/unit-kompetensi.yaml", "unit", "judul"),
        # a file that does not conform leaves no one who may sign: every approval then fails
        penandatangan=None
        if SIGNERS_FILE not in present
        else fromdata.penandatangan(signers)
        if signers
        else {},
    )
