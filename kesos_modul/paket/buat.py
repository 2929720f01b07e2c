"""Making a package: a module or a programme, in one format, for one edition.

Edition -> pages (:mod:`kesos_modul.paket.halaman`) -> manifest (SCORM 1.2 or
Common Cartridge 1.1) -> a zip whose bytes depend only on the content; or edition
-> Moodle XML questions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from pathlib import Path

from kesos_modul import edisi, rujukan
from kesos_modul.model import JP, Kurikulum, Modul, Program, parse_date
from kesos_modul.paket import Isi, PaketError, cc11, moodle, scorm12
from kesos_modul.paket.arsip import zip_bytes
from kesos_modul.paket.halaman import asset_files, environment, modul_paket
from kesos_modul.rujukan import Rujukan

# format -> how its file name ends
FORMATS = {"scorm12": "-scorm12.zip", "cc11": "-cc11.imscc", "moodle-xml": "-moodle.xml"}
ZIPPED = {"scorm12": scorm12.manifest, "cc11": cc11.manifest}


@dataclass(frozen=True)
class Paket:
    nama: str  # the file name
    data: bytes


def file_name(kode: str, fmt: str, nama_edisi: str) -> str:
    suffix = "" if nama_edisi == edisi.PESERTA else f"-{nama_edisi}"
    return f"{kode}{suffix}{FORMATS[fmt]}"


def modul(kurikulum: Kurikulum, root: Path, m: Modul, fmt: str, nama_edisi: str) -> Paket:
    """Module ``m``'s package."""
    if fmt == "moodle-xml":
        data = moodle.moodle_xml(edisi.baca(m, nama_edisi), kurikulum.registri)
        return Paket(file_name(m.kode, fmt, nama_edisi), data)
    isi = _isi(
        kurikulum,
        [m],
        nama_edisi,
        fmt,
        m.kode,
        m.judul,
        m.pendahuluan.get("deskripsi_singkat", ""),
        m.versi,
        False,
    )
    return Paket(file_name(m.kode, fmt, nama_edisi), _zip(isi, root, fmt))


def program(kurikulum: Kurikulum, root: Path, p: Program, fmt: str, nama_edisi: str) -> Paket:
    """Programme ``p``'s package: its modules in its order (Moodle XML: their questions)."""
    by_kode = kurikulum.modul_by_kode()
    missing = [k for _, k in p.susunan if k not in by_kode or by_kode[k].rusak]
    if missing:
        raise PaketError(
            f"program {p.kode} memuat modul yang tidak ada atau belum terbaca utuh: {', '.join(missing)}; "
            "perbaiki modulnya (kesos-modul validate) lalu ulangi"
        )
    moduls = [by_kode[k] for _, k in p.susunan]
    name = file_name(p.kode, fmt, nama_edisi)
    if fmt == "moodle-xml":
        return Paket(
            name, moodle.moodle_xml_many([edisi.baca(m, nama_edisi) for m in moduls], kurikulum.registri)
        )
    versi = ", ".join(f"{m.kode} {m.versi}" for m in moduls)
    return Paket(
        name,
        _zip(_isi(kurikulum, moduls, nama_edisi, fmt, p.kode, p.judul, p.deskripsi, versi, True), root, fmt),
    )


def _isi(
    kurikulum: Kurikulum,
    moduls: list[Modul],
    nama_edisi: str,
    fmt: str,
    ident: str,
    judul: str,
    deskripsi: str,
    versi: str,
    is_program: bool,
) -> Isi:
    env = environment(kurikulum)
    # a SCORM page is its own SCO: links to the others would leave the platform's tracking
    reachable = "halaman" if fmt == "scorm12" else "paket"
    parts = tuple(
        modul_paket(env, kurikulum, m, nama_edisi, reachable, [o for o in moduls if o is not m])
        for m in moduls
    )
    jp = reduce(lambda a, b: a + b, (m.jp for m in moduls), JP())
    return Isi(ident, judul, deskripsi, versi, jp, parts, is_program, _refs(kurikulum, moduls))


def _refs(kurikulum: Kurikulum, moduls: Iterable[Modul]) -> tuple[Rujukan, ...]:
    """What the modules map to: ranah, pilar and units, each once, in the order first named."""
    seen: dict[tuple[str, str], Rujukan] = {}
    for m in moduls:
        rj = rujukan.modul(kurikulum.registri, m)
        for r in (*rj.ranah, *rj.pilar, *rj.unit):
            seen.setdefault((r.jenis, r.kode), r)
    return tuple(seen.values())


def _zip(isi: Isi, root: Path, fmt: str) -> bytes:
    files: dict[str, bytes] = {"imsmanifest.xml": ZIPPED[fmt](isi)}
    for path, source in asset_files().items():
        files[path] = Path(source).read_bytes()
    for mp in isi.moduls:
        for h in mp.halaman:
            files[h.path] = h.html.encode("utf-8")
        for path, source in mp.aset.items():
            files[path] = (root / source).read_bytes()
    return zip_bytes(files, _stamp(mp.modul for mp in isi.moduls))


def _stamp(moduls: Iterable[Modul]) -> date:
    """The date every file in the package carries: the newest version's, so the bytes
    change only with the content."""
    dates = [d for m in moduls for r in m.riwayat if (d := parse_date(r.tanggal))]
    return max(dates, default=date(1980, 1, 1))
