"""Where the project's own files are: schemas, templates and default registries.

In a source checkout (or an editable install) they are the top-level folders of
the repository; a wheel carries copies under ``kesos_modul/_data``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parent


def project_dir(name: str) -> Path:
    """The folder or file ``name`` (schema, templates, registri, mkdocs.yml) shipped with kesos-modul."""
    bundled = _BUNDLED / name
    return bundled if bundled.exists() else _CHECKOUT / name
