"""Imported once by the fork server of the typesetting processes (:class:`kesos_modul.book.Typesetting`),
so every process forked from it starts with WeasyPrint loaded instead of loading it again."""

import contextlib

with contextlib.suppress(ImportError, OSError):  # missing: the book that needs it says so, in Indonesian
    import weasyprint  # noqa: F401
