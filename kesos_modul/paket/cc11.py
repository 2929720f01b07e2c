"""IMS Common Cartridge 1.1: what Moodle imports as a course.

The course is a module or a programme; it has a section per module and, in it,
a page per module page (web content), the same offline pages as the SCORM package.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kesos_modul.paket import Isi, identifier
from kesos_modul.paket.halaman import ModulPaket
from kesos_modul.paket.xmlkit import XSI, items_and_resources, sub, to_bytes

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
SCHEMA_LOCATION = (
    f"{CP} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd "
    f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd"
)


def _c(tag: str) -> str:
    """An element of the default namespace (declared on the root by ``to_bytes``)."""
    return tag


def _lom(tag: str) -> str:
    return f"{{{LOM}}}{tag}"


def manifest(isi: Isi) -> bytes:
    root = ET.Element(_c("manifest"), {"identifier": identifier("kesos", isi.ident)})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = sub(root, _c("metadata"))
    sub(metadata, _c("schema"), "IMS Common Cartridge")
    sub(metadata, _c("schemaversion"), "1.1.0")
    general = sub(sub(metadata, _lom("lom")), _lom("general"))
    _string(general, "title", isi.judul)
    sub(general, _lom("language"), "id")
    _string(
        general, "description", f"{isi.deskripsi} ({isi.jp.total} JP, 1 JP = 45 menit; versi {isi.versi})"
    )
    for r in isi.rujukan:
        _string(general, "keyword", r.nama)
    organizations = sub(root, _c("organizations"))
    organization = sub(
        organizations,
        _c("organization"),
        attrs={"identifier": identifier("org", isi.ident), "structure": "rooted-hierarchy"},
    )
    course = sub(organization, _c("item"), attrs={"identifier": identifier("kursus", isi.ident)})
    resources = sub(root, _c("resources"))

    def section(mp: ModulPaket) -> ET.Element:
        item = sub(course, _c("item"), attrs={"identifier": identifier("bagian", mp.modul.kode)})
        sub(item, _c("title"), mp.modul.judul)
        return item

    items_and_resources(isi, section, resources, {}, {})
    return to_bytes(root, CP, {"lomimscc": LOM, "xsi": XSI})


def _string(parent: ET.Element, tag: str, text: str) -> None:
    sub(sub(parent, _lom(tag)), _lom("string"), text, {"language": "id"})
