"""Moodle XML: a module's evaluation items as a question bank (facilitator edition only).

One category for the module, one under it for each indicator, and each item after
the category of the indicator it assesses. The file carries the answer keys (right
answers, grading guidance), so it is made only from the facilitator edition.

Everything a writer wrote is plain text: it is escaped as HTML before it goes into a
question, and the XML library escapes that again, so nothing written in a module
becomes markup or script in Moodle. Same module version, same bytes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from kesos_modul.edisi import FASILITATOR, ModulEdisi
from kesos_modul.findings import Location
from kesos_modul.loading import KUNCI_FILE
from kesos_modul.model import Evaluasi, Indikator, Kunci, Modul, Registri
from kesos_modul.paket import PaketError
from kesos_modul.paket.xmlkit import well_formed

DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
NAME_CHARS = 60  # how much of the question a question's name shows
CATEGORY_CHARS = 120  # Moodle keeps category names under 255 characters
# Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines, surrogates, U+FFFE/F)
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BENAR_SALAH = re.compile(r"^\s*(benar|salah)\b[\s.,:;!–—-]*", re.IGNORECASE)


def moodle_xml(me: ModulEdisi, reg: Registri) -> bytes:
    """The evaluation items of ``me`` as Moodle XML (UTF-8, with its declaration)."""
    return moodle_xml_many([me], reg)


def moodle_xml_many(editions: list[ModulEdisi], reg: Registri) -> bytes:
    """The evaluation items of several modules (a programme's) in one file, a category each."""
    quiz = ET.Element("quiz")
    for me in editions:
        _module(quiz, me, reg)
    ET.indent(quiz)
    return (
        DECLARATION
        + well_formed(ET.tostring(quiz, encoding="unicode", short_empty_elements=False)).encode("utf-8")
        + b"\n"
    )


def _module(quiz: ET.Element, me: ModulEdisi, reg: Registri) -> None:
    """A module's categories and questions, added to ``quiz``."""
    if me.edisi != FASILITATOR:
        raise PaketError(
            "Moodle XML memuat kunci jawaban, jadi hanya dibuat dari edisi fasilitator; "
            "jalankan dengan --edisi fasilitator"
        )
    m = me.modul
    keys = {k.evaluasi: k for k in me.kunci}
    module_path = [_category_name(f"{m.judul} (versi {m.versi})")]
    _category(quiz, module_path, _module_info(m, reg))
    for indikator, items in _by_indicator(m):
        if not items:
            continue
        name = indikator.teks if indikator else ""
        ident = indikator.id if indikator else items[0].indikator
        label = f"{_shorten(name, CATEGORY_CHARS)} [{ident}]" if name else ident
        _category(quiz, [*module_path, _category_name(label)], name or ident)
        for e in items:
            _question(quiz, m, e, keys.get(e.id))


def _by_indicator(m: Modul) -> list[tuple[Indikator | None, list[Evaluasi]]]:
    """The items grouped by indicator, in the module's order; items naming an
    indicator the module does not have come last, under a category of that id."""
    groups: list[tuple[Indikator | None, list[Evaluasi]]] = [
        (ind, [e for e in m.evaluasi if e.indikator == ind.id]) for ind in m.indikator
    ]
    known = {ind.id for ind in m.indikator}
    for ident in dict.fromkeys(e.indikator for e in m.evaluasi if e.indikator not in known):
        groups.append((None, [e for e in m.evaluasi if e.indikator == ident]))
    return groups


def _module_info(m: Modul, reg: Registri) -> str:
    ranah = ", ".join(reg.ranah[r].nama if r in reg.ranah else r for r in m.ranah)
    lines = [f"{m.judul} ({m.kode}), versi {m.versi}, status {m.status}."]
    if ranah:
        lines.append(f"Ranah: {ranah}.")
    lines.append("Berisi kunci jawaban: hanya untuk fasilitator.")
    return "\n\n".join(lines)


def _question(quiz: ET.Element, m: Modul, e: Evaluasi, k: Kunci | None) -> None:
    if e.jenis == "pilihan-ganda":
        _multichoice(quiz, m, e, _needed(m, e, k))
    elif e.jenis == "benar-salah":
        _truefalse(quiz, m, e, _needed(m, e, k))
    elif e.jenis in ("esai", "praktik"):
        _essay(quiz, m, e, k)
    else:  # the schema allows no other kind; say so rather than leave an item out
        raise PaketError(
            f"{_at(e.letak.of('jenis'))}: butir evaluasi '{e.id}' berjenis '{e.jenis}', yang tidak "
            "dikenal Moodle XML; gunakan pilihan-ganda, benar-salah, esai atau praktik"
        )


def _multichoice(quiz: ET.Element, m: Modul, e: Evaluasi, k: Kunci) -> None:
    right = [i for i, p in enumerate(e.pilihan) if _same(p, k.jawaban)]
    if len(right) != 1:
        problem = "tidak sama dengan pilihan mana pun" if not right else "sama dengan lebih dari satu pilihan"
        raise PaketError(
            f"{_at(k.letak.of('jawaban'))}: kunci jawaban butir evaluasi '{e.id}' ({k.jawaban!r}) "
            f"{problem} di {_at(e.letak.of('pilihan'))}; samakan 'jawaban:' di {KUNCI_FILE} dengan "
            "tepat satu pilihan (pilihan: " + "; ".join(e.pilihan) + "), lalu ekspor lagi"
        )
    q = _head(quiz, "multichoice", m, e, _paragraphs(e.soal), k.pembahasan)
    _text(q, "defaultgrade", "1")
    _text(q, "penalty", "0.3333333")
    _text(q, "hidden", "0")
    _text(q, "idnumber", _idnumber(m, e))
    _text(q, "single", "true")
    _text(q, "shuffleanswers", "true")
    _text(q, "answernumbering", "abc")
    for i, pilihan in enumerate(e.pilihan):
        _answer(q, 100 if i in right else 0, html.escape(_clean(pilihan)), k.pembahasan if i in right else "")


def _truefalse(quiz: ET.Element, m: Modul, e: Evaluasi, k: Kunci) -> None:
    match = _BENAR_SALAH.match(k.jawaban)
    if not match:
        raise PaketError(
            f"{_at(k.letak.of('jawaban'))}: kunci jawaban butir benar-salah '{e.id}' tidak diawali "
            f"'Benar' atau 'Salah' ({k.jawaban!r}); tulis 'Benar' atau 'Salah' di awal jawaban, "
            "lalu ekspor lagi"
        )
    benar = match.group(1).casefold() == "benar"
    feedback = "\n\n".join(t for t in (k.jawaban[match.end() :].strip(), k.pembahasan.strip()) if t)
    q = _head(quiz, "truefalse", m, e, _paragraphs(e.soal), k.pembahasan)
    _text(q, "defaultgrade", "1")
    _text(q, "penalty", "1")
    _text(q, "hidden", "0")
    _text(q, "idnumber", _idnumber(m, e))
    _answer(q, 100 if benar else 0, "true", feedback if benar else "", fmt="moodle_auto_format")
    _answer(q, 0 if benar else 100, "false", "" if benar else feedback, fmt="moodle_auto_format")


def _essay(quiz: ET.Element, m: Modul, e: Evaluasi, k: Kunci | None) -> None:
    praktik = e.jenis == "praktik"
    soal = _paragraphs(e.soal)
    if praktik:
        soal += _paragraphs(
            "Ini tugas praktik: fasilitator mengamati dan menilai peragaan Anda. "
            "Tulis catatan singkat di sini bila fasilitator memintanya."
        )
    q = _head(quiz, "essay", m, e, soal, "")
    _text(q, "defaultgrade", "1")
    _text(q, "penalty", "0")
    _text(q, "hidden", "0")
    _text(q, "idnumber", _idnumber(m, e))
    _text(q, "responseformat", "editor")
    _text(q, "responserequired", "0" if praktik else "1")
    _text(q, "responsefieldlines", "5" if praktik else "15")
    _text(q, "attachments", "0")
    _text(q, "attachmentsrequired", "0")
    info = ""
    if k is not None:
        info = _paragraphs("Jawaban yang diharapkan: " + k.jawaban)
        if k.pembahasan.strip():
            info += _paragraphs("Pedoman penilaian: " + k.pembahasan)
    _html(q, "graderinfo", info)
    _html(q, "responsetemplate", "")


def _head(quiz: ET.Element, kind: str, m: Modul, e: Evaluasi, soal: str, umum: str) -> ET.Element:
    """A question with its name, text and general feedback."""
    q = ET.SubElement(quiz, "question", type=kind)
    name = ET.SubElement(q, "name")
    _text(name, "text", html.escape(f"{e.id}: {_shorten(e.soal, NAME_CHARS)}"))
    _html(q, "questiontext", soal)
    _html(q, "generalfeedback", _paragraphs(umum))
    return q


def _category(quiz: ET.Element, path: list[str], info: str) -> None:
    q = ET.SubElement(quiz, "question", type="category")
    category = ET.SubElement(q, "category")
    _text(category, "text", "/".join(["$course$", "top", *path]))
    _html(q, "info", _paragraphs(info))


def _answer(q: ET.Element, fraction: int, text: str, feedback: str, fmt: str = "html") -> None:
    answer = ET.SubElement(q, "answer", fraction=str(fraction), format=fmt)
    _text(answer, "text", text)
    _html(answer, "feedback", _paragraphs(feedback))


def _html(parent: ET.Element, tag: str, markup: str) -> None:
    """An element holding HTML the exporter made (from escaped text only)."""
    _text(ET.SubElement(parent, tag, format="html"), "text", markup)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = text
    return child


def _paragraphs(text: str) -> str:
    """Plain text as escaped HTML: blank lines part paragraphs, a newline breaks a line."""
    parts = [p.strip() for p in re.split(r"\n[ \t]*\n", _clean(text).strip()) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line.strip()) for line in p.split("\n")) + "</p>" for p in parts
    )


def _category_name(name: str) -> str:
    """A category name as a Moodle category path writes it: a slash doubled, and a
    space keeping a slash at either end from joining the separator."""
    escaped = html.escape(" ".join(_clean(name).split())).replace("/", "//")
    if escaped.startswith("/"):
        escaped = " " + escaped
    if escaped.endswith("/"):
        escaped += " "
    return escaped


def _needed(m: Modul, e: Evaluasi, k: Kunci | None) -> Kunci:
    if k is None:
        raise PaketError(
            f"{_at(e.letak.of('id'))}: butir evaluasi {e.jenis} '{e.id}' tidak punya kunci jawaban, "
            f"jadi Moodle tidak dapat menilainya; tambahkan '- evaluasi: {e.id}' dengan jawabannya di "
            f"{m.folder}/{KUNCI_FILE}, lalu ekspor lagi"
        )
    return k


def _idnumber(m: Modul, e: Evaluasi) -> str:
    return f"{m.kode}/{e.id}"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(_clean(text).split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _at(loc: Location) -> str:
    return f"{loc.file}:{loc.line}" if loc.line else loc.file
