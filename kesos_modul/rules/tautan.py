"""KM7xx: links between chapters and modules, and images, resolve to real files."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from urllib.parse import unquote

from kesos_modul.findings import Code, E, Finding, Location, finding
from kesos_modul.markdown import is_local
from kesos_modul.model import Kurikulum
from kesos_modul.rules import Context, rule


def _resolve(chapter: str, target: str) -> str:
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(chapter), path))


@rule(
    Code("KM701", "tautan-rusak", E, "Tautan ke berkas di repositori yang tidak ada."),
    Code("KM702", "gambar-tidak-ada", E, "Gambar yang dirujuk bab tidak ada."),
    reads=(),
)
def links_resolve(kur: Kurikulum, ctx: Context) -> Iterator[Finding]:
    folders = {posixpath.dirname(f) for f in kur.files}
    for m in kur.modul:
        for bab in m.bab.values():
            for link in bab.tautan:
                if not is_local(link.target) or link.target.split("#", 1)[0] == "":
                    continue
                path = _resolve(bab.berkas, link.target)
                if path in kur.files or path in folders:
                    continue
                where = Location(bab.berkas, link.line, link.column)
                if link.gambar:
                    yield finding(
                        "KM702",
                        where,
                        f"gambar '{link.target}' tidak ada (dicari di {path})",
                        f"simpan gambarnya di {m.folder}/gambar/ dan rujuk dengan path relatif, "
                        "misalnya gambar/nama.png",
                    )
                else:
                    yield finding(
                        "KM701",
                        where,
                        f"tautan '{link.target}' menuju berkas yang tidak ada ({path})",
                        "periksa nama berkas; tautan ke modul lain ditulis ../<kode-modul>/<berkas-bab>.md",
                    )
