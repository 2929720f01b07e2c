"""Moodle XML: the evaluation items as a question bank, read back and checked
against the module; escaped content; the facilitator edition only."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kesos_modul import edisi
from kesos_modul.loading import load
from kesos_modul.model import Kurikulum
from kesos_modul.paket import PaketError
from kesos_modul.paket.moodle import moodle_xml
from kesos_modul.sources import FolderSource
from tests.conftest import REPO, edit, line_of

KODE = "dukungan-psikososial-bencana"
JENIS = {"pilihan-ganda": "multichoice", "benar-salah": "truefalse", "esai": "essay", "praktik": "essay"}


def _kurikulum(root: Path) -> Kurikulum:
    return load(FolderSource(root))[0]


def _export(root: Path, kode: str = KODE) -> bytes:
    kur = _kurikulum(root)
    return moodle_xml(edisi.baca(kur.modul_by_kode()[kode], "fasilitator"), kur.registri)


def _text(q: ET.Element, path: str) -> str:
    return q.findtext(f"{path}/text") or ""


def _plain(markup: str) -> str:
    """The text a reader sees in a piece of the exporter's HTML."""
    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(markup)
    parser.close()
    return " ".join(" ".join(parts).split())


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


SAMPLE = _kurikulum(REPO)


@pytest.mark.parametrize("m", SAMPLE.modul, ids=lambda m: m.kode)
def test_every_item_read_back(m) -> None:
    root = ET.fromstring(moodle_xml(edisi.baca(m, "fasilitator"), SAMPLE.registri))
    assert root.tag == "quiz"
    keys = {k.evaluasi: k for k in m.kunci}
    indicators = {ind.id: ind for ind in m.indikator}
    category = None
    seen = []
    for q in root.findall("question"):
        if q.get("type") == "category":
            category = _text(q, "category")
            assert category.startswith("$course$/top/")
            continue
        ident = q.findtext("idnumber")
        e = next(e for e in m.evaluasi if f"{m.kode}/{e.id}" == ident)
        seen.append(e.id)
        assert q.get("type") == JENIS[e.jenis]
        assert _text(q, "name").startswith(f"{e.id}: ")
        assert _plain(_text(q, "questiontext")).startswith(" ".join(e.soal.split()))
        # after the category of its own indicator, itself under the module's category
        ind = indicators[e.indikator]
        assert category is not None
        assert category.endswith(f"[{ind.id}]")
        assert html.unescape(category.split("/")[2]) == f"{m.judul} (versi {m.versi})"
        k = keys[e.id]
        answers = q.findall("answer")
        right = [a for a in answers if a.get("fraction") == "100"]
        if e.jenis == "pilihan-ganda":
            assert len(answers) == len(e.pilihan)
            assert len(right) == 1
            assert _norm(html.unescape(right[0].findtext("text"))) == _norm(k.jawaban)
            assert q.findtext("single") == "true"
            assert _plain(_text(q, "generalfeedback")) == " ".join(k.pembahasan.split())
        elif e.jenis == "benar-salah":
            assert sorted(a.findtext("text") for a in answers) == ["false", "true"]
            expected = "true" if k.jawaban.strip().casefold().startswith("benar") else "false"
            assert [a.findtext("text") for a in right] == [expected]
        else:
            assert not answers
            grader = _plain(_text(q, "graderinfo"))
            assert " ".join(k.jawaban.split()) in grader
            assert " ".join(k.pembahasan.split()) in grader
            assert q.findtext("responseformat") == "editor"
            if e.jenis == "praktik":
                assert "praktik" in _plain(_text(q, "questiontext"))
    assert sorted(seen) == sorted(e.id for e in m.evaluasi)


def test_same_bytes_and_well_formed_utf8(curriculum: Path) -> None:
    once, twice = _export(curriculum), _export(curriculum)
    assert once == twice
    assert once.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    once.decode("utf-8")
    ET.fromstring(once)


def test_trainee_edition_refused() -> None:
    m = SAMPLE.modul_by_kode()[KODE]
    with pytest.raises(PaketError, match="fasilitator"):
        moodle_xml(edisi.baca(m, "peserta"), SAMPLE.registri)


def test_markup_stays_text(curriculum: Path) -> None:
    meta = curriculum / "modules" / KODE / "modul.yaml"
    edit(meta, "beberapa hari setelah bencana?", "beberapa hari setelah bencana? <script>alert(1)</script>")
    edit(meta, "- Kehilangan ingatan permanen", '- "<img src=x onerror=alert(2)> & co"')
    raw = _export(curriculum)
    assert b"<script" not in raw and b"<img" not in raw
    root = ET.fromstring(raw)
    q = next(q for q in root.findall("question") if q.findtext("idnumber") == f"{KODE}/ev-1")
    markup = _text(q, "questiontext")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "<script" not in markup
    assert "<script>alert(1)</script>" in _plain(markup)  # shown as text, never run
    texts = [a.findtext("text") for a in q.findall("answer")]
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; co" in texts
    assert not any("<" in t for t in texts)


def test_key_matching_no_choice(curriculum: Path) -> None:
    kunci = curriculum / "modules" / KODE / "kunci-jawaban.yaml"
    edit(kunci, "jawaban: Sulit tidur dan mudah terkejut", "jawaban: Sulit tidur saja")
    with pytest.raises(PaketError) as caught:
        _export(curriculum)
    message = str(caught.value)
    line = line_of(kunci, "jawaban: Sulit tidur saja")
    assert "'ev-1'" in message
    assert f"modules/{KODE}/kunci-jawaban.yaml:{line}" in message
    assert f"modules/{KODE}/modul.yaml:" in message


def test_true_false_key_without_benar_or_salah(curriculum: Path) -> None:
    kode = "penanganan-anak-korban-kekerasan"
    kunci = curriculum / "modules" / kode / "kunci-jawaban.yaml"
    edit(kunci, "jawaban: Salah", "jawaban: Tidak tepat")
    with pytest.raises(PaketError, match=r"'ev-2'.*'Benar' atau 'Salah'"):
        _export(curriculum, kode)


def test_category_names_keep_their_slashes(curriculum: Path) -> None:
    meta = curriculum / "modules" / KODE / "modul.yaml"
    edit(meta, "judul: Dukungan Psikososial bagi Korban Bencana", "judul: Dukungan/Psikososial")
    root = ET.fromstring(_export(curriculum))
    first = _text(root.find("question"), "category")
    assert first == "$course$/top/Dukungan//Psikososial (versi 1.1.0)"
