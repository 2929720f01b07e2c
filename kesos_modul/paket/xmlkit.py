"""Writing the packages' XML: elements in namespaces, serialised to bytes the same way every time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from kesos_modul.paket import Isi, identifier
from kesos_modul.paket.halaman import ASET, ModulPaket, asset_files
from kesos_modul.textfile import INVISIBLE

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def well_formed(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, even as a character reference
    (validation refuses them, KM012; a platform refuses a package whose manifest holds one)."""
    return INVISIBLE.sub("", text)


def sub(
    parent: ET.Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None
) -> ET.Element:
    """A child of ``parent``; ``text`` is escaped by the serialiser, never written as markup."""
    element = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        element.text = text
    return element


def to_bytes(root: ET.Element, default_namespace: str, prefixes: dict[str, str]) -> bytes:
    """``root`` as a UTF-8 document with an XML declaration, indented.

    Elements of ``default_namespace`` are built with plain names and the namespace is
    declared on the root (ElementTree's own option refuses plain attribute names);
    the others are in ``{uri}name`` form and written with ``prefixes``.
    """
    for prefix, uri in prefixes.items():
        ET.register_namespace(prefix, uri)
    root.set("xmlns", default_namespace)
    ET.indent(root)
    body = well_formed(ET.tostring(root, encoding="unicode"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def items_and_resources(
    isi: Isi,
    section: Callable[[ModulPaket], ET.Element],
    resources: ET.Element,
    page: dict[str, str],
    shared: dict[str, str],
) -> None:
    """What both manifests (IMS Content Packaging) say the same way: under the element
    ``section`` gives for each module, an item per page; a resource per page, depending
    on the files the pages share (the package's stylesheet and script, the module's
    images). ``page`` and ``shared`` are the attributes each format adds to them."""
    for mp in isi.moduls:
        parent = section(mp)
        images = identifier("aset", mp.modul.kode) if mp.aset else None
        for h in mp.halaman:
            name = h.path.removesuffix(".html")
            ref = identifier("halaman", name)
            item = sub(parent, "item", attrs={"identifier": identifier("item", name), "identifierref": ref})
            sub(item, "title", h.judul)
            resource = sub(
                resources, "resource", attrs={"identifier": ref, "type": "webcontent", "href": h.path, **page}
            )
            sub(resource, "file", attrs={"href": h.path})
            for needed in (ASET, images) if images else (ASET,):
                sub(resource, "dependency", attrs={"identifierref": needed})
        if images:
            _shared(resources, images, sorted(mp.aset), shared)
    _shared(resources, ASET, sorted(asset_files()), shared)


def _shared(resources: ET.Element, ident: str, files: list[str], attrs: dict[str, str]) -> None:
    resource = sub(resources, "resource", attrs={"identifier": ident, "type": "webcontent", **attrs})
    for path in files:
        sub(resource, "file", attrs={"href": path})
