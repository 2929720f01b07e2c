"""Plain data straight from libyaml's parse events, every hazard a finding.

Building the data from the events skips the node tree ``yaml.compose`` makes
(a Python object and three Python callbacks per value): a quarter less time for
the same data and the same findings. Positions come from the events, so a
finding here needs no second reading; :class:`~kesos_modul.yamldoc.YamlDoc`
composes the tree only when a later finding needs a value's place.
"""

from __future__ import annotations

from typing import Any

import yaml

from kesos_modul.findings import Finding, Location, finding
from kesos_modul.textfile import INVISIBLE

# libyaml (inside PyYAML's wheels) parses; the pure-Python parser is the fallback.
BaseLoader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_DEPTH = 40

# PyYAML's YAML 1.1 implicit types (int, float, bool, null, timestamp), by first character.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
# The first characters with which a plain scalar may be read as something else than
# text (a None key would mean: any first character).
_MAYBE_TYPED = frozenset(_IMPLICIT)
_ANY_TYPED = None in _MAYBE_TYPED

YAML_TAG = "tag:yaml.org,2002:"
STR = YAML_TAG + "str"
_MAP, _SEQ = YAML_TAG + "map", YAML_TAG + "seq"
_NON_SPECIFIC = (None, "!")  # no tag, or "!": the value's type is read from how it is written
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
CONSTRUCT = {
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "bool": _CONSTRUCTOR.construct_yaml_bool,
}

_SCALAR, _MAPPING_START, _SEQUENCE_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class NotPlain(Exception):
    """The stream is not one document of plain values (a second document, an alias):
    composing it says what is wrong."""


def implicit_tag(value: str) -> str:
    """The type YAML 1.1 gives an unquoted scalar (as PyYAML's SafeLoader would)."""
    for tag, regexp in (*_IMPLICIT.get(value[:1], ()), *_IMPLICIT.get(None, ())):
        if regexp.match(value):
            return tag
    return STR


def _text(event: Any) -> bool:
    """A scalar that is text as written, with nothing to check: no tag, and single-quoted,
    a block, or plain with a first character no implicit type starts with. (A double-quoted
    one can write characters as escapes: :meth:`Reader._value` reads and checks it.)"""
    return (
        event.__class__ is _SCALAR
        and event.tag in _NON_SPECIFIC
        and event.style != '"'
        and (bool(event.style) or (not _ANY_TYPED and event.value[:1] not in _MAYBE_TYPED))
    )


class Reader:
    """Reads one document's events into plain data, collecting hazards.

    Raises :class:`NotPlain`, or libyaml's error, when the text is no single document.
    """

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.next = BaseLoader(text).get_event
        self.problems: list[Finding] = []
        self.rusak: set[str] = set()  # top-level keys with a problem inside
        self._top: str | None = None  # the top-level key being read

    def document(self) -> Any:
        self.next()  # the stream's start
        start = self.next()
        if start.__class__ is yaml.StreamEndEvent:
            return None
        data = self._value(self.next(), 0)
        self.next()  # the document's end
        if self.next().__class__ is not yaml.StreamEndEvent:
            raise NotPlain("more than one document")
        return data

    def _problem(self, found: Finding) -> None:
        self.problems.append(found)
        if self._top is not None:
            self.rusak.add(self._top)

    def _where(self, event: Any) -> Location:
        return Location(self.file, event.start_mark.line + 1, event.start_mark.column + 1)

    def _skip(self, event: Any) -> None:
        """Pass over the rest of the value that ``event`` starts."""
        if event.__class__ is not _MAPPING_START and event.__class__ is not _SEQUENCE_START:
            return
        level = 1
        while level:
            kind = self.next().__class__
            if kind is _MAPPING_START or kind is _SEQUENCE_START:
                level += 1
            elif kind in _ENDS:
                level -= 1

    def _value(self, event: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._problem(finding("KM009", self._where(event), "struktur YAML bersarang terlalu dalam"))
            self._skip(event)
            return None
        kind = event.__class__
        if kind is _SCALAR:
            if event.style == '"':
                self._escaped_controls(event)
            return event.value if _text(event) else self._scalar(event)
        if kind is _MAPPING_START:
            if event.tag not in _NON_SPECIFIC and event.tag != _MAP:
                self._unsupported_tag(event)
            return self._mapping(depth)
        if kind is _SEQUENCE_START:
            if event.tag not in _NON_SPECIFIC and event.tag != _SEQ:
                self._unsupported_tag(event)
            deeper, items, next_event = depth + 1, [], self.next
            while (item := next_event()).__class__ is not yaml.SequenceEndEvent:
                items.append(item.value if deeper <= MAX_DEPTH and _text(item) else self._value(item, deeper))
            return items
        raise NotPlain(kind.__name__)  # an alias: the text was checked for none

    def _mapping(self, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        deeper, next_event = depth + 1, self.next
        while (key := next_event()).__class__ is not yaml.MappingEndEvent:
            if depth == 0:  # a key that is no text is no field: nothing to mark
                self._top = key.value if key.__class__ is _SCALAR else None
            if key.__class__ is not _SCALAR:
                self._problem(
                    finding(
                        "KM001",
                        self._where(key),
                        "kunci pemetaan harus berupa teks sederhana",
                        "tulis kunci sebagai kata, misalnya judul:",
                    )
                )
                self._skip(key)
                self._skip(next_event())
                continue
            # Keys are names: always their text as written (``no:`` is the key "no").
            name = key.value
            if name in result:
                self._problem(
                    finding(
                        "KM002",
                        self._where(key),
                        f"kunci '{name}' ditulis dua kali (pertama di baris {first_line[name]})",
                        "hapus salah satu atau gabungkan isinya; keduanya tidak akan dipakai diam-diam",
                    )
                )
                self._skip(next_event())
                continue
            first_line[name] = key.start_mark.line + 1
            value = next_event()
            result[name] = value.value if deeper <= MAX_DEPTH and _text(value) else self._value(value, deeper)
        if depth == 0:
            self._top = None
        return result

    def _scalar(self, event: Any) -> Any:
        tag, value = event.tag, event.value
        if tag in _NON_SPECIFIC:
            if event.style:  # quoted or block scalars are text
                return value
            if value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
                return int(value)  # a plain decimal (jp: 2), as YAML reads it, without its regexps
            tag = implicit_tag(value)
        if tag == STR:
            return value
        if tag == YAML_TAG + "null":
            return None
        if tag == YAML_TAG + "timestamp":
            return value  # dates stay as written; rules check them
        construct = CONSTRUCT.get(tag.removeprefix(YAML_TAG))
        if construct is not None:
            try:
                return construct(yaml.ScalarNode(tag, value))
            except (ValueError, yaml.YAMLError):  # an explicit !!int on text that is no number
                pass
        self._unsupported_tag(event)
        return value

    def _escaped_controls(self, event: Any) -> None:
        """A double-quoted scalar can write what the file may not hold (``"\\x0b"``,
        ``"\\uFFFE"``): refused as the character itself is (KM012)."""
        found = INVISIBLE.search(event.value)
        if found is not None:
            self._problem(
                finding(
                    "KM012",
                    self._where(event),
                    f"teks bertanda kutip ganda memuat karakter kontrol U+{ord(found.group()):04X} "
                    "yang ditulis sebagai escape",
                    "hapus escape itu (misalnya \\x0b, \\v atau \\uFFFE): karakternya tidak terlihat, "
                    "dan paket LMS (XML) yang memuatnya ditolak platform",
                )
            )

    def _unsupported_tag(self, event: Any) -> None:
        self._problem(
            finding(
                "KM001",
                self._where(event),
                f"tag YAML '{event.tag}' tidak didukung",
                "hapus tag (kata yang diawali !) dan tulis nilainya sebagai teks biasa; "
                "bila ! memang bagian dari teks, tulis seluruh teks dalam tanda kutip",
            )
        )
