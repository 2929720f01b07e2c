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
from kesos_modul.paket.halaman import ASET, asset_files
from kesos_modul.paket.xmlkit import XML_LANG, XSI, sub, to_bytes
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
    for mp in isi.moduls:
        parent = organization
        if isi.program:
            parent = sub(organization, _c("item"), attrs={"identifier": identifier("item", mp.modul.kode)})
            sub(parent, _c("title"), mp.modul.judul)
        images = identifier("aset", mp.modul.kode) if mp.aset else None
        for h in mp.halaman:
            name = h.path.removesuffix(".html")
            ref = identifier("sco", name)
            item = sub(
                parent, _c("item"), attrs={"identifier": identifier("item", name), "identifierref": ref}
            )
            sub(item, _c("title"), h.judul)
            resource = sub(
                resources, _c("resource"), attrs={"identifier": ref, "type": "webcontent", "href": h.path}
            )
            resource.set(f"{{{ADLCP}}}scormtype", "sco")
            sub(resource, _c("file"), attrs={"href": h.path})
            sub(resource, _c("dependency"), attrs={"identifierref": ASET})
            if images:
                sub(resource, _c("dependency"), attrs={"identifierref": images})
        if images:
            _asset(resources, images, sorted(mp.aset))
    _asset(resources, ASET, sorted(asset_files()))
    return to_bytes(root, CP, {"adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI})


def _asset(resources: ET.Element, ident: str, files: list[str]) -> None:
    """Files the SCOs share (the stylesheet and script, a module's images): an asset, not a SCO."""
    resource = sub(resources, _c("resource"), attrs={"identifier": ident, "type": "webcontent"})
    resource.set(f"{{{ADLCP}}}scormtype", "asset")
    for path in files:
        sub(resource, _c("file"), attrs={"href": path})


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
