"""What changed between two states of a curriculum.

:func:`compare` gives what a trainee reads on a release's "Apa yang berubah"
page (versions, the revision history, JP, domains, pillars, units);
:func:`review` gives what a reviewer of a pull request needs (every metadata
field, chapters with their headings and words, missing version bumps, programs).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from kesos_modul import markdown
from kesos_modul.model import JP, Kurikulum, Modul, Riwayat


def fingerprint(m: Modul) -> str:
    """A digest of everything a writer wrote in the module's folder."""
    digest = hashlib.sha256()
    parts = [m.doc.text, m.kunci_doc.text if m.kunci_doc else ""]
    parts += [f"{name}\0{bab.teks or ''}" for name, bab in sorted(m.bab.items())]
    parts += sorted(m.aset)
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def version_key(versi: str) -> tuple[int, ...]:
    return tuple(int(part) for part in versi.split("."))


@dataclass(frozen=True)
class Selisih:
    """Codes added to and removed from a list (domains, pillars, units)."""

    ditambah: tuple[str, ...] = ()
    dihapus: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ditambah or self.dihapus)


def _selisih(old: tuple[str, ...], new: tuple[str, ...]) -> Selisih:
    return Selisih(tuple(c for c in new if c not in old), tuple(c for c in old if c not in new))


@dataclass(frozen=True)
class ModulBerubah:
    lama: Modul
    baru: Modul
    riwayat: tuple[Riwayat, ...]  # entries newer than the old version
    ranah: Selisih
    pilar: Selisih
    unit_kompetensi: Selisih

    @property
    def jp_lama(self) -> JP:
        return self.lama.jp

    @property
    def jp_baru(self) -> JP:
        return self.baru.jp


@dataclass(frozen=True)
class Perubahan:
    ditambah: tuple[Modul, ...]
    dihapus: tuple[Modul, ...]
    diubah: tuple[ModulBerubah, ...]

    def __bool__(self) -> bool:
        return bool(self.ditambah or self.dihapus or self.diubah)


def compare(old: Kurikulum, new: Kurikulum) -> Perubahan:
    before = old.modul_by_kode()
    after = new.modul_by_kode()
    changed = []
    for kode, m in after.items():
        previous = before.get(kode)
        if previous is None or fingerprint(previous) == fingerprint(m):
            continue
        old_version = version_key(previous.versi)
        changed.append(
            ModulBerubah(
                lama=previous,
                baru=m,
                riwayat=tuple(r for r in m.riwayat if version_key(r.versi) > old_version),
                ranah=_selisih(_ranah(old, previous), _ranah(new, m)),
                pilar=_selisih(previous.pilar, m.pilar),
                unit_kompetensi=_selisih(previous.unit_kompetensi, m.unit_kompetensi),
            )
        )
    return Perubahan(
        ditambah=tuple(m for k, m in after.items() if k not in before),
        dihapus=tuple(m for k, m in before.items() if k not in after),
        diubah=tuple(changed),
    )


def _ranah(kurikulum: Kurikulum, m: Modul) -> tuple[str, ...]:
    """Domains by their legal code, so writing an alias instead is no change."""
    return tuple(kurikulum.registri.ranah_kode(r) or r for r in m.ranah)


# --- Field by field, chapter by chapter: what a reviewer of a pull request needs ---

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class Kolom:
    """One metadata field that changed."""

    kolom: str
    lama: Any
    baru: Any


@dataclass(frozen=True)
class BabBerubah:
    berkas: str
    perubahan: str  # ditambah | dihapus | diubah | diganti-nama
    berkas_lama: str | None = None
    judul_ditambah: tuple[str, ...] = ()
    judul_dihapus: tuple[str, ...] = ()
    kata_ditambah: int = 0
    kata_dihapus: int = 0


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


def _fields(kurikulum: Kurikulum, m: Modul) -> dict[str, Any]:
    return {
        "judul": m.judul,
        "status": m.status,
        "jp": m.jp.as_dict(),
        "ranah": list(_ranah(kurikulum, m)),
        "pilar": list(m.pilar),
        "unit_kompetensi": list(m.unit_kompetensi),
        "sasaran.kategori": list(m.sasaran_kategori),
        "sasaran.peran": list(m.sasaran_peran),
        "hasil_belajar": m.hasil_belajar,
        "indikator": [f"{i.id}: {i.teks}" for i in m.indikator],
        "materi_pokok": [f"{mp.judul} ({mp.jp.total} JP)" for mp in m.materi_pokok],
        "evaluasi": [f"{e.id} ({e.jenis}, {e.indikator}): {e.soal}" for e in m.evaluasi],
        "penyusun": [f"{o.nama} ({o.instansi})" for o in m.penyusun],
        "penelaah": [f"{o.nama} ({o.instansi})" for o in m.penelaah],
        "pengesah": f"{m.pengesah.nama} ({m.pengesah.jabatan})" if m.pengesah else None,
        "tanggal_disahkan": m.tanggal_disahkan,
        "tanggal_telaah_berikutnya": m.tanggal_telaah_berikutnya,
    }


def _headings(text: str) -> list[str]:
    return [heading for _, _, heading in markdown.headings(text)]


def _word_changes(old: str, new: str) -> tuple[int, int]:
    a, b = _WORD.findall(old.lower()), _WORD.findall(new.lower())
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def _similar(old: str, new: str) -> bool:
    a, b = _WORD.findall(old.lower()), _WORD.findall(new.lower())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


def _chapters(old: Modul, new: Modul) -> list[BabBerubah]:
    before = {name: bab.teks or "" for name, bab in old.bab.items()}
    after = {name: bab.teks or "" for name, bab in new.bab.items()}
    removed = [n for n in before if n not in after]
    added = [n for n in after if n not in before]
    out: list[BabBerubah] = []
    for name in added:
        source = next(
            (r for r in removed if before[r] == after[name] or _similar(before[r], after[name])), None
        )
        if source is not None:
            removed.remove(source)
            out.append(_changed_chapter(name, before[source], after[name], "diganti-nama", source))
        else:
            out.append(BabBerubah(name, "ditambah", judul_ditambah=tuple(_headings(after[name])),
                                  kata_ditambah=len(_WORD.findall(after[name]))))  # fmt: skip
    for name in removed:
        out.append(BabBerubah(name, "dihapus", judul_dihapus=tuple(_headings(before[name])),
                              kata_dihapus=len(_WORD.findall(before[name]))))  # fmt: skip
    for name in sorted(set(before) & set(after)):
        if before[name] != after[name]:
            out.append(_changed_chapter(name, before[name], after[name], "diubah"))
    return sorted(out, key=lambda b: b.berkas)


def _changed_chapter(name: str, old: str, new: str, kind: str, old_name: str | None = None) -> BabBerubah:
    heads_old, heads_new = _headings(old), _headings(new)
    added, removed = _word_changes(old, new)
    return BabBerubah(
        name,
        kind,
        old_name,
        tuple(h for h in heads_new if h not in heads_old),
        tuple(h for h in heads_old if h not in heads_new),
        added,
        removed,
    )


def review(old: Kurikulum, new: Kurikulum) -> Telaah:
    """Everything a change does to the curriculum, for a pull-request review."""
    before, after = old.modul_by_kode(), new.modul_by_kode()
    moduls: list[ModulTelaah] = []
    for kode in sorted(before.keys() | after.keys()):
        a, b = before.get(kode), after.get(kode)
        if a is None:
            moduls.append(ModulTelaah(kode, b.judul, "ditambah", None, b))
        elif b is None:
            moduls.append(ModulTelaah(kode, a.judul, "dihapus", a, None))
        elif fingerprint(a) != fingerprint(b):
            fa, fb = _fields(old, a), _fields(new, b)
            raised = version_key(b.versi) > version_key(a.versi)
            moduls.append(
                ModulTelaah(
                    kode,
                    b.judul,
                    "diubah",
                    a,
                    b,
                    tuple(Kolom(k, fa[k], fb[k]) for k in fa if fa[k] != fb[k]),
                    tuple(_chapters(a, b)),
                    perlu_bump=not raised,
                    riwayat_kurang=raised and not any(r.versi == b.versi for r in b.riwayat),
                )
            )
    return Telaah(tuple(moduls), tuple(_programs(old, new)))


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
