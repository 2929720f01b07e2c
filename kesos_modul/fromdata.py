"""Plain data from files that passed their schema -> model objects.

Every field has the type the schema promises, so nothing here checks anything;
each object is given the place it was written (:class:`~kesos_modul.model.Letak`).
A module's broken fields (which the schema check names) are read as neutral
values instead, so the rest of the module can still be checked.
"""

from __future__ import annotations

import posixpath
from datetime import date
from typing import Any

from kesos_modul import yamldoc
from kesos_modul.model import (
    JP,
    Bab,
    Evaluasi,
    Indikator,
    Istilah,
    Kunci,
    Latihan,
    Letak,
    MateriPokok,
    Modul,
    Orang,
    Penandatangan,
    Persetujuan,
    Pilihan,
    Program,
    Riwayat,
    parse_date,
)

# What a broken required field of modul.yaml reads as: nothing. A broken optional
# field is left out; a broken kode reads as the folder's name.
_NEUTRAL: dict[str, Any] = {
    "judul": "",
    "versi": "0.0.0",
    "status": "draf",
    "penerbit": "",
    "riwayat": [],
    "penyusun": [],
    "sasaran": {"kategori": [], "peran": []},
    "ranah": [],
    "pilar": [],
    "unit_kompetensi": [],
    "pendahuluan": {},
    "tujuan_pembelajaran": {"hasil_belajar": "", "indikator": []},
    "materi_pokok": [],
    "jp": {"teori": 0, "praktik": 0, "praktik_lapangan": 0},
    "evaluasi": [],
    "rangkuman": "",
    "daftar_pustaka": [],
    "glosarium": [],
}


def _usable(folder: str, data: dict[str, Any], rusak: frozenset[str]) -> dict[str, Any]:
    """The module's data with every broken field replaced by its neutral value."""
    if not rusak:
        return data
    out = {k: v for k, v in data.items() if k not in rusak}
    out.update({k: _NEUTRAL[k] for k in rusak if k in _NEUTRAL})
    if "kode" in rusak:
        out["kode"] = posixpath.basename(folder)
    return out


def _jp(data: dict[str, int]) -> JP:
    return JP(data["teori"], data["praktik"], data["praktik_lapangan"])


def _orang(data: dict[str, str]) -> Orang:
    return Orang(data["nama"], data["instansi"], data.get("jabatan", ""), data.get("tempat", ""))


def _persetujuan(data: dict[str, str] | None) -> Persetujuan | None:
    return Persetujuan(data["oleh"], data["tanggal"], data["sidik"]) if data else None


def modul(
    folder: str,
    doc: yamldoc.YamlDoc,
    kunci_doc: yamldoc.YamlDoc | None,
    chapters: dict[str, Bab],
    aset: dict[str, str],
    rusak: frozenset[str] = frozenset(),
) -> Modul:
    d = _usable(folder, doc.data, rusak)
    kunci = None
    if kunci_doc is not None:
        kunci = tuple(
            Kunci(k["evaluasi"], k["jawaban"], k.get("pembahasan", ""), Letak(kunci_doc, ("kunci", i)))
            for i, k in enumerate(kunci_doc.data["kunci"])
        )
    return Modul(
        kode=d["kode"],
        folder=folder,
        judul=d["judul"],
        versi=d["versi"],
        status=d["status"],
        tanggal_disahkan=d.get("tanggal_disahkan"),
        tanggal_telaah_berikutnya=d.get("tanggal_telaah_berikutnya"),
        penerbit=d["penerbit"],
        riwayat=tuple(
            Riwayat(
                r["versi"],
                r["tanggal"],
                r["ringkasan"],
                Letak(doc, ("riwayat", i)),
                _persetujuan(r.get("pengesahan")),
                _persetujuan(r.get("perbaikan_redaksional")),
            )
            for i, r in enumerate(d["riwayat"])
        ),
        penyusun=tuple(_orang(o) for o in d["penyusun"]),
        penelaah=tuple(_orang(o) for o in d.get("penelaah", [])),
        pengesah=_orang(d["pengesah"]) if "pengesah" in d else None,
        kata_pengantar=d.get("kata_pengantar", ""),
        sasaran_kategori=tuple(d["sasaran"]["kategori"]),
        sasaran_peran=tuple(d["sasaran"]["peran"]),
        ranah=tuple(d["ranah"]),
        pilar=tuple(d["pilar"]),
        unit_kompetensi=tuple(d["unit_kompetensi"]),
        pendahuluan=dict(d["pendahuluan"]),
        hasil_belajar=d["tujuan_pembelajaran"]["hasil_belajar"],
        indikator=tuple(
            Indikator(x["id"], x["teks"], Letak(doc, ("tujuan_pembelajaran", "indikator", i)))
            for i, x in enumerate(d["tujuan_pembelajaran"]["indikator"])
        ),
        materi_pokok=tuple(
            MateriPokok(
                m["judul"],
                m["bab"],
                tuple(m["sub_materi"]),
                _jp(m["jp"]),
                tuple(m["metode"]),
                tuple(m.get("media", [])),
                Letak(doc, ("materi_pokok", i)),
            )
            for i, m in enumerate(d["materi_pokok"])
        ),
        jp=_jp(d["jp"]),
        evaluasi=tuple(
            Evaluasi(
                e["id"],
                e["indikator"],
                e["jenis"],
                e["soal"],
                tuple(e.get("pilihan", [])),
                Letak(doc, ("evaluasi", i)),
            )
            for i, e in enumerate(d["evaluasi"])
        ),
        rangkuman=d["rangkuman"],
        daftar_pustaka=tuple(d["daftar_pustaka"]),
        glosarium=tuple(Istilah(g["istilah"], g["definisi"]) for g in d["glosarium"]),
        doc=doc,
        kunci=kunci,
        kunci_doc=kunci_doc,
        bab=chapters,
        aset=aset,
        latihan=tuple(
            Latihan(
                q["id"],
                q["soal"],
                tuple(Pilihan(p["teks"], p.get("benar", False), p["umpan_balik"]) for p in q["pilihan"]),
                Letak(doc, ("latihan", i)),
            )
            for i, q in enumerate(d.get("latihan", []))
        ),
        rusak=rusak,
    )


def program(doc: yamldoc.YamlDoc) -> Program:
    d = doc.data
    return Program(
        kode=d["kode"],
        judul=d["judul"],
        penyelenggara=d["penyelenggara"],
        deskripsi=d["deskripsi"],
        sasaran_kategori=tuple(d["sasaran"]["kategori"]),
        sasaran_peran=tuple(d["sasaran"]["peran"]),
        jp=_jp(d["jp"]),
        susunan=tuple((s["kelompok"], s["modul"]) for s in d["susunan"]),
        doc=doc,
    )


def penandatangan(doc: yamldoc.YamlDoc) -> dict[str, Penandatangan]:
    """The signer registry, by kode. A date that is not on the calendar makes a key that never counts."""
    out: dict[str, Penandatangan] = {}
    for i, item in enumerate(doc.data["penandatangan"]):
        sampai = item.get("berlaku_sampai")
        entry = Penandatangan(
            kode=item["kode"],
            nama=" ".join(item["nama"].split()),
            jabatan=item["jabatan"],
            instansi=item["instansi"],
            peran=tuple(item["peran"]),
            kunci=" ".join(item["kunci"].split()[:2]),
            berlaku_mulai=parse_date(item["berlaku_mulai"]) or date.max,
            berlaku_sampai=(parse_date(sampai) or date.min) if sampai else None,
            letak=Letak(doc, ("penandatangan", i)),
        )
        out.setdefault(entry.kode, entry)
    return out
