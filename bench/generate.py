"""Generate a large curriculum for benchmarks.

:func:`generate` writes synthetic modules that look like the samples: ~5 KB of
metadata, six chapters of ~600 words, links between chapters and to other
modules, an image per module. :func:`clone_samples` copies the repository's own
sample modules (real text, tables, admonitions, images) under new codes.
Both can put every module in one ranah, to show how the site grows when a
domain holds many modules.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from kesos_modul.loading import load
from kesos_modul.pengesahan import sidik
from kesos_modul.sources import FolderSource

REPO = Path(__file__).resolve().parent.parent

WORDS = [
    "pendampingan",
    "sosial",
    "korban",
    "bencana",
    "keluarga",
    "anak",
    "lansia",
    "penyandang",
    "disabilitas",
    "layanan",
    "rehabilitasi",
    "perlindungan",
    "jaminan",
    "pemberdayaan",
    "masyarakat",
    "relawan",
    "pekerja",
    "penyuluh",
    "data",
    "bantuan",
    "penyaluran",
    "verifikasi",
    "validasi",
    "rujukan",
    "asesmen",
    "kebutuhan",
    "rencana",
    "intervensi",
    "terminasi",
    "pemantauan",
    "evaluasi",
    "laporan",
    "koordinasi",
    "jejaring",
    "lembaga",
    "dinas",
    "kecamatan",
    "desa",
    "kelurahan",
    "posko",
    "pengungsian",
    "dapur",
    "umum",
    "shelter",
    "psikososial",
    "dukungan",
    "hak",
    "martabat",
    "partisipasi",
    "inklusif",
    "kesejahteraan",
    "kemiskinan",
    "ketelantaran",
    "keterpencilan",
    "kekerasan",
]
RANAH = [
    "kemiskinan",
    "ketelantaran",
    "kecacatan",
    "keterpencilan",
    "ketunaan-sosial",
    "korban-bencana",
    "kekerasan",
]
PILAR = ["rehabilitasi-sosial", "jaminan-sosial", "pemberdayaan-sosial", "perlindungan-sosial"]
UNITS = ["O.842340.026.01", "O.842340.045.01", "PS12.GEN.01", "PS12.GEN.02", "KKTS.001"]


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _chapter(rng: random.Random, mp: dict, kode: str, other: str, index: int, chapters: int) -> str:
    """A chapter as the rules want it: its materi pokok's title, a section per sub materi,
    then Latihan and Rangkuman."""
    parts = [f"# {mp['judul']}\n"]
    for section in mp["sub_materi"]:
        parts.append(f"## {section}\n")
        parts.extend(_paragraph(rng) + "\n" for _ in range(3))
    nxt = f"{(index % chapters) + 1:02d}-bab.md"
    parts.append(f"Lanjutkan ke [bab berikutnya]({nxt}) atau baca [modul terkait](../{other}/01-bab.md).\n")
    if index == 1:
        parts.append("![Bagan alur](gambar/bagan.svg)\n")
    parts.append("## Latihan\n\n1. " + _sentence(rng) + "\n2. " + _sentence(rng) + "\n")
    parts.append("## Rangkuman\n\n" + _paragraph(rng, 3) + "\n")
    return "\n".join(parts)


def _metadata(rng: random.Random, kode: str, chapters: int) -> dict:
    indikator = [
        {"id": f"ind-{i}", "teks": "Peserta mampu " + _sentence(rng, 10).lower()} for i in range(1, 4)
    ]
    materi = [
        {
            "judul": f"Materi Pokok {i} " + " ".join(rng.choice(WORDS) for _ in range(4)),
            "bab": f"{i:02d}-bab.md",
            "sub_materi": [_sentence(rng, 6).rstrip(".") for _ in range(3)],
            "jp": {"teori": 1, "praktik": i % 2, "praktik_lapangan": 0},
            "metode": ["ceramah interaktif", "diskusi kelompok"],
            "media": ["bahan tayang"],
        }
        for i in range(1, chapters + 1)
    ]
    total = {"teori": chapters, "praktik": sum(i % 2 for i in range(1, chapters + 1)), "praktik_lapangan": 0}
    return {
        "kode": kode,
        "judul": "Modul " + " ".join(rng.choice(WORDS) for _ in range(5)),
        "versi": "1.0.0",
        "status": "disahkan",
        "tanggal_disahkan": "2026-06-01",
        "tanggal_telaah_berikutnya": "2027-06-01",
        "penerbit": "Pusat Pendidikan, Pelatihan, dan Pengembangan Profesi Kementerian Sosial",
        "riwayat": [{"versi": "1.0.0", "tanggal": "2026-06-01", "ringkasan": "Terbitan pertama."}],
        "penyusun": [{"nama": "Penyusun Contoh", "instansi": "BBPPKS Bandung"}],
        "penelaah": [{"nama": "Penelaah Contoh", "instansi": "Pusdiklatbangprof"}],
        "pengesah": {"nama": "Pejabat Contoh", "jabatan": "Kepala Pusat", "instansi": "Kementerian Sosial"},
        "sasaran": {"kategori": ["pekerja-sosial"], "peran": ["jf-pekerja-sosial"]},
        "ranah": [rng.choice(RANAH)],
        "pilar": [rng.choice(PILAR)],
        "unit_kompetensi": rng.sample(UNITS, 2),
        "pendahuluan": {
            "latar_belakang": _paragraph(rng, 6),
            "deskripsi_singkat": _paragraph(rng, 3),
            "manfaat": _paragraph(rng, 2),
            "petunjuk_belajar": _paragraph(rng, 2),
        },
        "tujuan_pembelajaran": {"hasil_belajar": _sentence(rng, 20), "indikator": indikator},
        "materi_pokok": materi,
        "jp": total,
        "evaluasi": [
            {
                "id": f"ev-{i}",
                "indikator": f"ind-{i}",
                "jenis": "pilihan-ganda",
                "soal": _sentence(rng, 16),
                "pilihan": [_sentence(rng, 5) for _ in range(4)],
            }
            for i in range(1, 4)
        ],
        "rangkuman": _paragraph(rng, 4),
        "daftar_pustaka": [_sentence(rng, 10) for _ in range(3)],
        "glosarium": [{"istilah": w, "definisi": _sentence(rng, 10)} for w in rng.sample(WORDS, 5)],
    }


def _empty(root: Path) -> None:
    """A curriculum folder with the repository's registries and no programme."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "registri", root / "registri")
    (root / "program").mkdir(parents=True)


def generate(root: Path, modules: int, chapters: int = 6, seed: int = 11, ranah: str | None = None) -> Path:
    """Write ``modules`` synthetic modules (plus the repository's registries) under
    ``root``; with ``ranah``, every module addresses that one."""
    rng = random.Random(seed)
    _empty(root)
    kodes = [f"modul-{i:04d}" for i in range(1, modules + 1)]
    for i, kode in enumerate(kodes):
        folder = root / "modules" / kode
        (folder / "gambar").mkdir(parents=True)
        meta = _metadata(rng, kode, chapters)
        if ranah:
            meta["ranah"] = [ranah]
        (folder / "modul.yaml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
        kunci = {"kunci": [{"evaluasi": e["id"], "jawaban": e["pilihan"][0]} for e in meta["evaluasi"]]}
        (folder / "kunci-jawaban.yaml").write_text(
            yaml.safe_dump(kunci, allow_unicode=True), encoding="utf-8"
        )
        (folder / "gambar" / "bagan.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>bagan</title></svg>\n',
            encoding="utf-8",
        )
        other = kodes[(i + 1) % len(kodes)]
        for n, mp in enumerate(meta["materi_pokok"], start=1):
            (folder / mp["bab"]).write_text(_chapter(rng, mp, kode, other, n, chapters), encoding="utf-8")
    approve(root)
    return root


def clone_samples(root: Path, modules: int, ranah: str | None = None) -> Path:
    """``modules`` copies of the repository's sample modules, each under a code of
    its own (``<kode>-001`` …), every one approved. Links between samples lead
    to the other samples of the same copy."""
    _empty(root)
    samples = sorted(p for p in (REPO / "modules").iterdir() if (p / "modul.yaml").is_file())
    kodes = [p.name for p in samples]
    for i in range(modules):
        sample = samples[i % len(samples)]
        suffix = f"-{i // len(samples) + 1:03d}"
        folder = root / "modules" / (sample.name + suffix)
        shutil.copytree(sample, folder)
        copy_start = i - i % len(samples)
        for chapter in folder.glob("*.md"):
            text = chapter.read_text(encoding="utf-8")
            for n, kode in enumerate(kodes):
                # a sample missing from the last, partial copy is linked in the first
                target = suffix if copy_start + n < modules else "-001"
                text = text.replace(f"../{kode}/", f"../{kode}{target}/")
            chapter.write_text(text, encoding="utf-8")
        path = folder / "modul.yaml"
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta["kode"] = folder.name
        if ranah:
            meta["ranah"] = [ranah]
        if meta["status"] != "disahkan":  # a sample still in review is approved as it is
            meta.update(status="disahkan", tanggal_disahkan=str(meta["riwayat"][0]["tanggal"]))
            pengesah = {"nama": "Pejabat Contoh", "jabatan": "Kepala Pusat", "instansi": "Kementerian Sosial"}
            meta.setdefault("pengesah", pengesah)
        path.write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    approve(root)
    return root


def approve(root: Path) -> None:
    """Record each module's approval with the digest of what was written, as
    'kesos-modul sahkan' does, so the curriculum is as valid as a real one."""
    for m in load(FolderSource(root))[0].modul:
        path = root / m.metadata_file
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta["riwayat"][0]["pengesahan"] = {
            "oleh": m.pengesah.nama,
            "tanggal": m.tanggal_disahkan,
            "sidik": sidik(m),
        }
        path.write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
