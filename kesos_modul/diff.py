"""What changed between two states of a curriculum.

:func:`compare` gives what a trainee reads on a release's "Apa yang berubah"
page (versions, the revision history, JP, domains, pillars, units). What a
reviewer of a pull request needs is in :mod:`kesos_modul.review`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kesos_modul.model import JP, Kurikulum, Modul, Riwayat


def fingerprint(m: Modul) -> str:
    """A digest of everything a writer wrote in the module's folder."""
    digest = hashlib.sha256()
    parts = [m.doc.text, m.kunci_doc.text if m.kunci_doc else ""]
    parts += [f"{name}\0{bab.teks or ''}" for name, bab in sorted(m.bab.items())]
    parts += [f"{path}\0{digest}" for path, digest in sorted(m.aset.items())]
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
