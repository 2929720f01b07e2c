"""The site's ``sitemap.xml``, from every staged page.

MkDocs lists only the pages it built in a run; a build that copies kept module
folders (:mod:`kesos_modul.engine.reuse`) builds few of them. So the sitemap is
written here, after every build, from the staged pages, in MkDocs' format: an
address per page when the site has one (``site_url``), else an empty list, the
build date as each page's ``lastmod`` (``SOURCE_DATE_EPOCH`` is honoured), and a
gzip copy whose header carries that date, so equal builds give equal bytes.
"""

from __future__ import annotations

import gzip
import io
import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape


def write(site_dir: Path, docs_dir: Path, site_url: str | None, directory_urls: bool) -> None:
    from mkdocs.structure.files import File
    from mkdocs.utils import get_build_date

    day = get_build_date()
    entries = []
    if site_url:
        base = site_url.rstrip("/") + "/"
        pages = sorted(
            os.path.relpath(os.path.join(folder, name), docs_dir).replace(os.sep, "/")
            for folder, _, names in os.walk(docs_dir)
            for name in names
            if name.endswith(".md")
        )
        for rel in pages:
            url = File(rel, str(docs_dir), str(site_dir), directory_urls).url
            entries.append(f"    <url>\n         <loc>{escape(urljoin(base, url))}</loc>\n"
                           f"         <lastmod>{day}</lastmod>\n    </url>")  # fmt: skip
    text = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    data = (text + "".join(e + "\n" for e in entries) + "</urlset>").encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(data)
    stamp = int(datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=stamp) as gz:
        gz.write(data)
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
