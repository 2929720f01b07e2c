"""SCORM 1.2: what Moodle's SCORM activity, and nearly every learning platform, plays.

A module is one organisation with an item per page; each page is a SCO (it reports
to the platform through the runtime API, ``templates/paket/paket.js``). A programme
is one organisation with an item per module, holding that module's pages. Metadata
(IMS Metadata 1.2.1, inline): title, description, language, version, the ranah,
pilar and units as keywords and classifications, and the JP as typical learning time.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kesos_modul.paket import Isi, identifier, learning_time
from kesos_modul.paket.halaman import ModulPaket
from kesos_modul.paket.xmlkit import XML_LANG, XSI, items_and_resources, sub, to_bytes
from kesos_modul.rujukan import Rujukan

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMA_LOCATION = f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


def _c(tag: str) -> str:
    """An element of the default namespace (declared on the root by ``to_bytes``)."""
    return tag


def _md(tag: str) -> str:
    return f"{{{IMSMD}}}{tag}"


def manifest(isi: Isi) -> bytes:
    root = ET.Element(_c("manifest"), {"identifier": identifier("kesos", isi.ident), "version": isi.versi})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = sub(root, _c("metadata"))
    sub(metadata, _c("schema"), "ADL SCORM")
    sub(metadata, _c("schemaversion"), "1.2")
    _lom(sub(metadata, _md("lom")), isi)
    organizations = sub(root, _c("organizations"), attrs={"default": identifier("org", isi.ident)})
    organization = sub(organizations, _c("organization"), attrs={"identifier": identifier("org", isi.ident)})
    sub(organization, _c("title"), isi.judul)
    resources = sub(root, _c("resources"))

    def section(mp: ModulPaket) -> ET.Element:
        """A module's pages: the organisation itself, or in a programme an item of it."""
        if not isi.program:
            return organization
        item = sub(organization, _c("item"), attrs={"identifier": identifier("item", mp.modul.kode)})
        sub(item, _c("title"), mp.modul.judul)
        return item

    scormtype = f"{{{ADLCP}}}scormtype"
    items_and_resources(isi, section, resources, {scormtype: "sco"}, {scormtype: "asset"})
    return to_bytes(root, CP, {"adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI})


def _langstring(parent: ET.Element, tag: str, text: str, lang: str = "id") -> None:
    sub(sub(parent, _md(tag)), _md("langstring"), text, {XML_LANG: lang})


def _vocabulary(parent: ET.Element, tag: str, value: str) -> None:
    element = sub(parent, _md(tag))
    _langstring(element, "source", "LOMv1.0", "x-none")
    _langstring(element, "value", value, "x-none")


def _lom(lom: ET.Element, isi: Isi) -> None:
    general = sub(lom, _md("general"))
    sub(general, _md("identifier"), isi.ident)
    _langstring(general, "title", isi.judul)
    sub(general, _md("language"), "id")
    _langstring(general, "description", isi.deskripsi)
    for r in isi.rujukan:
        _langstring(general, "keyword", r.nama)
    lifecycle = sub(lom, _md("lifecycle"))
    _langstring(lifecycle, "version", isi.versi)
    educational = sub(lom, _md("educational"))
    sub(sub(educational, _md("typicallearningtime")), _md("datetime"), learning_time(isi.jp))
    _langstring(educational, "description", f"{isi.jp.total} JP (1 JP = 45 menit)")
    for r in isi.rujukan:
        classification = sub(lom, _md("classification"))
        _vocabulary(classification, "purpose", "discipline")
        _langstring(classification, "description", f"{r.jenis}: {r.nama}{_unconfirmed(r)}")
        taxonpath = sub(classification, _md("taxonpath"))
        _langstring(taxonpath, "source", "kesos-modul registri")
        taxon = sub(taxonpath, _md("taxon"))
        sub(taxon, _md("id"), r.kode)
        _langstring(taxon, "entry", r.nama)


def _unconfirmed(r: Rujukan) -> str:
    return "" if r.terkonfirmasi else " (belum terkonfirmasi)"
