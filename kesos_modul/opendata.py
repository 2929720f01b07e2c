"""The curriculum as data for other systems: ``katalog.json`` (documented by
``schema/katalog.schema.json``), schema.org ``LearningResource`` JSON-LD for each
module page, and a 1EdTech CASE package of the competency units and the modules
aligned to them. All built from the same model as the site."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from kesos_modul import pengesahan, rujukan
from kesos_modul.model import Kurikulum, Modul, Registri
from kesos_modul.rujukan import Rujukan

# Stable identifiers: the same code always gets the same UUID (CASE requires UUIDs).
NAMESPACE = uuid.UUID("6f1c7f0e-7a53-4d0c-9a55-6b6573b06d6f")
KATALOG_VERSION = 2  # 2: every registry entry a module names carries its status


def _uuid(kind: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{code}"))


def duration(minutes: int) -> str:
    """ISO 8601 duration, as schema.org's ``timeRequired`` wants it: 225 -> PT3H45M."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _entri(r: Rujukan) -> dict[str, Any]:
    """A registry entry in katalog.json: its code, name and whether it is confirmed."""
    out = {"kode": r.kode, "nama": r.nama, "status": r.status}
    if r.keterangan:
        out["keterangan"] = r.keterangan
    return out


def _unit(r: Rujukan) -> dict[str, Any]:
    out = {"kode": r.kode, "kode_resmi": r.kode_resmi, "judul": r.nama, "status": r.status}
    if r.standar:
        out["standar"] = r.standar.kode
        out["status_standar"] = r.standar.status
    if r.keterangan:
        out["keterangan"] = r.keterangan
    return out


def katalog(kurikulum: Kurikulum, moduls: list[Modul], versi: str, dibangun: date) -> dict[str, Any]:
    reg = kurikulum.registri
    kodes = {m.kode for m in moduls}
    return {
        "format": KATALOG_VERSION,
        "versi": versi,
        "dibangun": dibangun.isoformat(),
        "modul": [_module_data(reg, m) for m in moduls],
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


def _module_data(reg: Registri, m: Modul) -> dict[str, Any]:
    rj = rujukan.modul(reg, m)
    return {
        "kode": m.kode,
        "judul": m.judul,
        "versi": m.versi,
        "status": m.status,
        "tanggal_disahkan": m.tanggal_disahkan,
        "pengesahan": pengesahan.as_dict(m),
        "tanggal_telaah_berikutnya": m.tanggal_telaah_berikutnya,
        "penerbit": m.penerbit,
        "jp": m.jp.as_dict(menit=True),
        "ranah": [_entri(r) for r in rj.ranah],
        "pilar": [_entri(p) for p in rj.pilar],
        "unit_kompetensi": [_unit(u) for u in rj.unit],
        "sasaran": {"kategori": [_entri(k) for k in rj.kategori], "peran": [_entri(p) for p in rj.peran]},
        "hasil_belajar": m.hasil_belajar,
        "indikator": [{"id": i.id, "teks": i.teks} for i in m.indikator],
        "materi_pokok": [{"judul": mp.judul, "jp": mp.jp.total} for mp in m.materi_pokok],
        "url": f"modul/{m.kode}/",
    }


def _defined_term(r: Rujukan) -> dict[str, Any]:
    """A domain as a schema.org DefinedTerm; an unconfirmed one says so in its disambiguating text."""
    term = {"@type": "DefinedTerm", "name": r.nama, "termCode": r.kode}
    if r.dasar:
        term["description"] = r.dasar
    if r.keterangan:
        term["disambiguatingDescription"] = r.keterangan
    return term


def learning_resource(reg: Registri, m: Modul) -> dict[str, Any]:
    """schema.org LearningResource for one module page."""
    rj = rujukan.modul(reg, m)
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
        "audience": {"@type": "Audience", "audienceType": ", ".join(k.label for k in rj.kategori)},
        "about": [_defined_term(r) for r in rj.ranah],
        "teaches": [i.teks for i in m.indikator],
        "educationalAlignment": [
            {
                "@type": "AlignmentObject",
                "alignmentType": "teaches",
                "educationalFramework": u.standar.label,
                "targetName": u.nama,
                "targetDescription": " ".join(
                    x
                    for x in (f"Unit kompetensi {u.kode_resmi or '(kode resmi belum ada)'}.", u.keterangan)
                    if x
                ),
            }
            for u in rj.unit
            if u.standar
        ],
    }
    approval = pengesahan.as_dict(m)
    if approval:  # the approval of exactly this content, not an older version's
        data["datePublished"] = approval["tanggal"]
    return data


def _std_note(unit: Rujukan) -> str:
    std = unit.standar
    return f"Standar {std.nama} belum terkonfirmasi." if std and not std.terkonfirmasi else ""


def case_package(kurikulum: Kurikulum, moduls: list[Modul], today: date) -> dict[str, Any]:
    """A 1EdTech CASE 1.0 package: the competency registry as a CFDocument with a
    CFItem per unit, and a CFAssociation from each module to each unit it covers."""
    reg = kurikulum.registri
    stamp = f"{today.isoformat()}T00:00:00+00:00"
    doc_id = _uuid("dokumen", "registri-unit-kompetensi")
    items = []
    for entri in reg.unit.values():
        unit = rujukan.unit(reg, entri.kode)
        item = {
            "identifier": _uuid("unit", unit.kode),
            "uri": f"urn:kesos-modul:unit:{unit.kode}",
            "CFDocumentURI": {
                "title": "Registri unit kompetensi",
                "identifier": doc_id,
                "uri": "urn:kesos-modul:registri-unit-kompetensi",
            },
            "fullStatement": unit.nama,
            "CFItemType": unit.standar.label if unit.standar else entri.extra["standar"],
            # CASE has no status of its own for an item: what is not confirmed is said in its notes
            "notes": " ".join(
                x
                for x in (f"Sumber: {unit.dasar}." if unit.dasar else "", unit.keterangan, _std_note(unit))
                if x
            ),
            "language": "id",
            "lastChangeDateTime": stamp,
        }
        if unit.kode_resmi:  # a local id is not a code the standard gives
            item["humanCodingScheme"] = unit.kode_resmi
        items.append(item)
    by_code = dict(zip(reg.unit, items, strict=True))
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
