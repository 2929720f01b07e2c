"""A package as a zip file whose bytes depend only on its contents: entries in a
fixed order, one fixed timestamp, fixed permissions. The same module version
gives the same package, so a release can reuse it and a reviewer can compare it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import date

FIRST = "imsmanifest.xml"  # the specifications want it at the root; platforms look for it first


def zip_bytes(files: Mapping[str, bytes], stamp: date) -> bytes:
    """``files`` (path in the package -> bytes) as a zip, every entry dated ``stamp``."""
    buffer = io.BytesIO()
    moment = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files, key=lambda p: (p != FIRST, p)):
            info = zipfile.ZipInfo(path, moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read as such
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()
