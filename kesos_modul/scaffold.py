"""``kesos-modul new``: a new, valid module from the templates in ``templates/new``."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kesos_modul import teks_contoh
from kesos_modul.loading import KUNCI_FILE, MODUL_FILE
from kesos_modul.model import Registri
from kesos_modul.resources import project_dir

KODE_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_PENERBIT = "Pusat Pendidikan, Pelatihan, dan Pengembangan Profesi Kementerian Sosial"


class ScaffoldError(Exception):
    """A request that cannot be scaffolded; the message is for the writer."""


@dataclass(frozen=True)
class NewModule:
    kode: str
    judul: str
    ranah: tuple[str, ...]
    pilar: tuple[str, ...]
    kategori: tuple[str, ...]
    peran: tuple[str, ...]
    penyusun: str  # empty: the templates write a placeholder
    instansi: str
    penerbit: str = DEFAULT_PENERBIT


def check(request: NewModule, registri: Registri) -> NewModule:
    """Refuse unknown codes before anything is written; fill kategori from peran."""
    if not KODE_PATTERN.match(request.kode):
        raise ScaffoldError(
            f"kode '{request.kode}' tidak sah: pakai huruf kecil, angka dan tanda hubung, "
            "misalnya dukungan-psikososial-bencana"
        )
    for label, values, known in (
        ("ranah", request.ranah, [*registri.ranah, *registri.alias_ranah]),
        ("pilar", request.pilar, list(registri.pilar)),
        ("kategori", request.kategori, list(registri.kategori)),
        ("peran", request.peran, list(registri.peran)),
    ):
        for value in values:
            if value not in known:
                raise ScaffoldError(f"{label} '{value}' tidak dikenal; pilihan: {', '.join(sorted(known))}")
    kategori = request.kategori or tuple(
        dict.fromkeys(registri.peran[p].extra["kategori"] for p in request.peran)
    )
    if not kategori:
        raise ScaffoldError("sebutkan sasaran modul dengan --kategori atau --peran")
    return NewModule(**{**request.__dict__, "kategori": kategori})


def schema_reference(root: Path, folder: Path) -> str:
    """Where a new module's YAML points editors for its schema.

    The published site's copy when ``mkdocs.yml`` names the site's address,
    else the curriculum's own ``schema/`` (or the installed one), relatively.
    """
    config = root / "mkdocs.yml"
    if config.exists():
        try:
            site_url = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("site_url")
        except yaml.YAMLError:
            site_url = None
        if site_url:
            return f"{site_url.rstrip('/')}/terbaru/skema/modul.schema.json"
    schema_dir = root / "schema" if (root / "schema").is_dir() else project_dir("schema")
    return Path(os.path.relpath(schema_dir / "modul.schema.json", folder)).as_posix()


def scaffold(root: Path, request: NewModule, today: date) -> list[Path]:
    """Write the new module's files; never overwrites an existing folder."""
    folder = root / "modules" / request.kode
    if folder.exists():
        raise ScaffoldError(f"folder {folder.relative_to(root).as_posix()} sudah ada; modul tidak ditimpa")
    env = Environment(
        loader=FileSystemLoader(project_dir("templates") / "new"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters[teks_contoh.FILTER] = teks_contoh.render
    schema = schema_reference(root, folder)
    bab_berkas = "01-materi-pokok-pertama.md"
    values = {
        **request.__dict__,
        "schema_path": schema,
        "today": today.isoformat(),
        "telaah": today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat(),
        "bab_berkas": bab_berkas,
    }
    outputs = {
        MODUL_FILE: "modul.yaml.j2",
        KUNCI_FILE: "kunci-jawaban.yaml.j2",
        bab_berkas: "bab.md.j2",
    }
    folder.mkdir(parents=True)
    written = []
    for name, template in outputs.items():
        path = folder / name
        path.write_text(env.get_template(template).render(values), encoding="utf-8")
        written.append(path)
    return written
