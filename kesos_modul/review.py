"""What a reviewer of a pull request needs: every metadata field, the answer keys
(by id only), chapters with their headings and words, new and removed modules in
full, missing version bumps, programs.

:mod:`kesos_modul.diff` gives what a trainee reads on a release's page; this is
the reviewer's side, built on the same fingerprint and version order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kesos_modul import rujukan
from kesos_modul.chapterdiff import BabBerubah, chapters, word_count
from kesos_modul.diff import fingerprint, version_key
from kesos_modul.fielddiff import Kolom, changes
from kesos_modul.model import Entri, Kurikulum, Modul
from kesos_modul.pengesahan import sidik
from kesos_modul.rujukan import Rujukan

__all__ = ["BabBerubah", "Isi", "Kolom", "KunciTelaah", "ModulTelaah", "Nama", "ProgramTelaah", "Telaah"]


@dataclass(frozen=True)
class Nama:
    """A code with its name from the registry (None when the registry does not know it)."""

    kode: str
    nama: str | None


@dataclass(frozen=True)
class Isi:
    """What a module holds, for a module added or removed: the registry's names, chapter words."""

    ranah: tuple[Nama, ...]
    pilar: tuple[Nama, ...]
    kategori: tuple[Nama, ...]
    peran: tuple[Nama, ...]
    unit_kompetensi: tuple[Nama, ...]
    kata: dict[str, int | None]  # words of each materi pokok's chapter (None: the file is missing)
    kunci: int  # evaluation items with an answer key


@dataclass(frozen=True)
class KunciTelaah:
    """Evaluation items whose answer key changed, by id: the answers themselves are never shown."""

    ditambah: tuple[str, ...] = ()
    diubah: tuple[str, ...] = ()
    dihapus: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ditambah or self.diubah or self.dihapus)


@dataclass(frozen=True)
class ModulTelaah:
    """A module as a reviewer sees the change."""

    kode: str
    judul: str
    perubahan: str  # ditambah | dihapus | diubah
    lama: Modul | None
    baru: Modul | None
    kolom: tuple[Kolom, ...] = ()
    bab: tuple[BabBerubah, ...] = ()
    perlu_bump: bool = False  # content changed but the version did not go up
    riwayat_kurang: bool = False  # the version went up without a riwayat entry for it
    kunci: KunciTelaah = KunciTelaah()
    isi: Isi | None = None  # for a module added or removed


@dataclass(frozen=True)
class ProgramTelaah:
    kode: str
    judul: str
    perubahan: str
    modul_ditambah: tuple[str, ...] = ()
    modul_dihapus: tuple[str, ...] = ()
    jp_lama: int | None = None
    jp_baru: int | None = None


@dataclass(frozen=True)
class Telaah:
    modul: tuple[ModulTelaah, ...]
    program: tuple[ProgramTelaah, ...]

    def __bool__(self) -> bool:
        return bool(self.modul or self.program)


def review(old: Kurikulum, new: Kurikulum) -> Telaah:
    """Everything a change does to the curriculum, for a pull-request review."""
    before, after = old.modul_by_kode(), new.modul_by_kode()
    moduls: list[ModulTelaah] = []
    for kode in sorted(before.keys() | after.keys()):
        a, b = before.get(kode), after.get(kode)
        if a is None:
            moduls.append(ModulTelaah(kode, b.judul, "ditambah", None, b, isi=_isi(new, b)))
        elif b is None:
            moduls.append(ModulTelaah(kode, a.judul, "dihapus", a, None, isi=_isi(old, a)))
        elif fingerprint(a) != fingerprint(b):
            raised = version_key(b.versi) > version_key(a.versi)
            moduls.append(
                ModulTelaah(
                    kode,
                    b.judul,
                    "diubah",
                    a,
                    b,
                    tuple(changes(_data(old, a), _data(new, b))),
                    tuple(chapters(a, b)),
                    # as KM606: approving or sending to review is no change of content
                    perlu_bump=not raised and sidik(a) != sidik(b),
                    riwayat_kurang=raised and not any(r.versi == b.versi for r in b.riwayat),
                    kunci=_kunci(a, b),
                )
            )
    return Telaah(tuple(moduls), tuple(_programs(old, new)))


def _data(kurikulum: Kurikulum, m: Modul) -> Any:
    """The whole ``modul.yaml``, with domains by their legal code so writing an alias instead is no change."""
    data = m.doc.data
    if isinstance(data, dict) and isinstance(data.get("ranah"), list):
        data = {**data, "ranah": [kurikulum.registri.ranah_kode(r) or r for r in data["ranah"]]}
    return data


def _kunci(a: Modul, b: Modul) -> KunciTelaah:
    def by_item(m: Modul) -> dict[str, Any]:
        data = m.kunci_doc.data if m.kunci_doc else None
        entries = data.get("kunci") if isinstance(data, dict) else None
        return {str(e.get("evaluasi")): e for e in entries or () if isinstance(e, dict)}

    old, new = by_item(a), by_item(b)
    return KunciTelaah(
        tuple(k for k in new if k not in old),
        tuple(k for k in new if k in old and new[k] != old[k]),
        tuple(k for k in old if k not in new),
    )


def _names(found: tuple[Rujukan, ...], entries: dict[str, Entri]) -> tuple[Nama, ...]:
    """Names with their marks ("… (belum terkonfirmasi)"), as the site shows them."""
    return tuple(Nama(r.kode, r.label if r.kode in entries else None) for r in found)


def _isi(kurikulum: Kurikulum, m: Modul) -> Isi:
    reg = kurikulum.registri
    rj = rujukan.modul(reg, m)
    kata = {}
    for mp in m.materi_pokok:
        bab = m.bab.get(mp.bab)
        kata[mp.bab] = word_count(bab.teks) if bab and bab.teks is not None else None
    return Isi(
        _names(rj.ranah, reg.ranah),
        _names(rj.pilar, reg.pilar),
        _names(rj.kategori, reg.kategori),
        _names(rj.peran, reg.peran),
        _names(rj.unit, reg.unit),
        kata,
        len(m.kunci or ()),
    )


def _programs(old: Kurikulum, new: Kurikulum) -> list[ProgramTelaah]:
    before = {p.kode: p for p in old.program}
    after = {p.kode: p for p in new.program}
    out = []
    for kode in sorted(before.keys() | after.keys()):
        a, b = before.get(kode), after.get(kode)
        if a is None:
            out.append(
                ProgramTelaah(kode, b.judul, "ditambah", tuple(k for _, k in b.susunan), (), None, b.jp.total)
            )
        elif b is None:
            out.append(
                ProgramTelaah(kode, a.judul, "dihapus", (), tuple(k for _, k in a.susunan), a.jp.total, None)
            )
        elif a.doc.text != b.doc.text:
            ka, kb = [k for _, k in a.susunan], [k for _, k in b.susunan]
            out.append(
                ProgramTelaah(
                    kode,
                    b.judul,
                    "diubah",
                    tuple(k for k in kb if k not in ka),
                    tuple(k for k in ka if k not in kb),
                    a.jp.total,
                    b.jp.total,
                )
            )
    return out
