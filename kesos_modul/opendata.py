"""The curriculum as data for other systems: ``katalog.json`` (documented by
``schema/katalog.schema.json``), schema.org ``LearningResource`` JSON-LD for each
module page, and a 1EdTech CASE package of the competency units and the modules
aligned to them. All built from the same model as the site."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from kesos_modul.model import Kurikulum, Modul, Registri

# Stable identifiers: the same code always gets the same UUID (CASE requires UUIDs).
NAMESPACE = uuid.UUID("6f1c7f0e-7a53-4d0c-9a55-6b6573b06d6f")
KATALOG_VERSION = 1


def _uuid(kind: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{code}"))


def duration(minutes: int) -> str:
    """ISO 8601 duration, as schema.org's ``timeRequired`` wants it: 225 -> PT3H45M."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def katalog(kurikulum: Kurikulum, moduls: list[Modul], versi: str, dibangun: date) -> dict[str, Any]:
    reg = kurikulum.registri
    kodes = {m.kode for m in moduls}
    return {
        "format": KATALOG_VERSION,
        "versi": versi,
        "dibangun": dibangun.isoformat(),
        "modul": [
            {
                "kode": m.kode,
                "judul": m.judul,
                "versi": m.versi,
                "status": m.status,
                "tanggal_disahkan": m.tanggal_disahkan,
                "tanggal_telaah_berikutnya": m.tanggal_telaah_berikutnya,
                "penerbit": m.penerbit,
                "jp": m.jp.as_dict(menit=True),
                "ranah": [
                    {"kode": reg.ranah_kode(r) or r, "nama": reg.ranah[reg.ranah_kode(r)].nama}
                    for r in m.ranah
                    if reg.ranah_kode(r)
                ],
                "pilar": [{"kode": p, "nama": reg.pilar[p].nama} for p in m.pilar if p in reg.pilar],
                "unit_kompetensi": [
                    {"kode": u, "judul": reg.unit[u].nama, "standar": reg.unit[u].extra["standar"]}
                    for u in m.unit_kompetensi
                    if u in reg.unit
                ],
                "sasaran": {"kategori": list(m.sasaran_kategori), "peran": list(m.sasaran_peran)},
                "hasil_belajar": m.hasil_belajar,
                "indikator": [{"id": i.id, "teks": i.teks} for i in m.indikator],
                "materi_pokok": [{"judul": mp.judul, "jp": mp.jp.total} for mp in m.materi_pokok],
                "url": f"modul/{m.kode}/",
            }
            for m in moduls
        ],
        "program": [
            {
                "kode": p.kode,
                "judul": p.judul,
                "jp": p.jp.as_dict(menit=True),
                "modul": [{"kelompok": k, "kode": kode} for k, kode in p.susunan],
                "url": f"program/{p.kode}/",
            }
            for p in kurikulum.program
            if all(kode in kodes for _, kode in p.susunan)
        ],
    }


def learning_resource(reg: Registri, m: Modul) -> dict[str, Any]:
    """schema.org LearningResource for one module page."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": m.judul,
        "identifier": m.kode,
        "version": m.versi,
        "inLanguage": "id",
        "learningResourceType": "modul pelatihan",
        "timeRequired": duration(m.jp.menit),
        "dateModified": m.riwayat[0].tanggal,
        "publisher": {"@type": "Organization", "name": m.penerbit},
        "author": [
            {"@type": "Person", "name": o.nama, "affiliation": {"@type": "Organization", "name": o.instansi}}
            for o in m.penyusun
        ],
        "audience": {
            "@type": "Audience",
            "audienceType": ", ".join(
                reg.kategori[k].nama if k in reg.kategori else k for k in m.sasaran_kategori
            ),
        },
        "about": [reg.ranah[reg.ranah_kode(r)].nama for r in m.ranah if reg.ranah_kode(r)],
        "teaches": [i.teks for i in m.indikator],
        "educationalAlignment": [
            {
                "@type": "AlignmentObject",
                "alignmentType": "teaches",
                "educationalFramework": reg.standar[reg.unit[u].extra["standar"]].nama,
                "targetName": reg.unit[u].nama,
                "targetDescription": f"Unit kompetensi {u}",
            }
            for u in m.unit_kompetensi
            if u in reg.unit and reg.unit[u].extra["standar"] in reg.standar
        ],
    }
    if m.tanggal_disahkan:
        data["datePublished"] = m.tanggal_disahkan
    return data


def case_package(kurikulum: Kurikulum, moduls: list[Modul], today: date) -> dict[str, Any]:
    """A 1EdTech CASE 1.0 package: the competency registry as a CFDocument with a
    CFItem per unit, and a CFAssociation from each module to each unit it covers."""
    reg = kurikulum.registri
    stamp = f"{today.isoformat()}T00:00:00+00:00"
    doc_id = _uuid("dokumen", "registri-unit-kompetensi")
    items = []
    for unit in reg.unit.values():
        standard = reg.standar.get(unit.extra["standar"])
        items.append(
            {
                "identifier": _uuid("unit", unit.kode),
                "uri": f"urn:kesos-modul:unit:{unit.kode}",
                "CFDocumentURI": {
                    "title": "Registri unit kompetensi",
                    "identifier": doc_id,
                    "uri": "urn:kesos-modul:registri-unit-kompetensi",
                },
                "fullStatement": unit.nama,
                "humanCodingScheme": unit.kode,
                "CFItemType": standard.nama if standard else unit.extra["standar"],
                "notes": "; ".join(
                    x
                    for x in (
                        unit.extra.get("sumber", ""),
                        unit.extra.get("catatan", ""),
                        f"status: {unit.status}",
                    )
                    if x
                ),
                "language": "id",
                "lastChangeDateTime": stamp,
            }
        )
    by_code = {item["humanCodingScheme"]: item for item in items}
    associations = []
    for m in moduls:
        for u in m.unit_kompetensi:
            if u not in by_code:
                continue
            associations.append(
                {
                    "identifier": _uuid("keterkaitan", f"{m.kode}:{u}"),
                    "uri": f"urn:kesos-modul:keterkaitan:{m.kode}:{u}",
                    "associationType": "isRelatedTo",
                    "CFDocumentURI": items[0]["CFDocumentURI"],
                    "originNodeURI": {
                        "title": m.judul,
                        "identifier": _uuid("modul", m.kode),
                        "uri": f"urn:kesos-modul:modul:{m.kode}",
                    },
                    "destinationNodeURI": {
                        "title": by_code[u]["fullStatement"],
                        "identifier": by_code[u]["identifier"],
                        "uri": by_code[u]["uri"],
                    },
                    "lastChangeDateTime": stamp,
                }
            )
    return {
        "CFDocument": {
            "identifier": doc_id,
            "uri": "urn:kesos-modul:registri-unit-kompetensi",
            "creator": "kesos-modul",
            "title": "Registri unit kompetensi modul pelatihan kesejahteraan sosial",
            "language": "id",
            "adoptionStatus": "Draft",
            "lastChangeDateTime": stamp,
        },
        "CFItems": items,
        "CFAssociations": associations,
    }
