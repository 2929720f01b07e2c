"""Writing the packages' XML: elements in namespaces, serialised to bytes the same way every time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


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
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
