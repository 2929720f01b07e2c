"""Imported once by the fork server of the typesetting processes (:class:`kesos_modul.book.Typesetting`),
so every process forked from it starts with WeasyPrint loaded instead of loading it again;
and so the fork server ends with the command that started it (it would otherwise outlive
a command that was killed, and keep its typesetters)."""

import contextlib

from kesos_modul.book import end_with_parent

end_with_parent()

with contextlib.suppress(ImportError, OSError):  # missing: the book that needs it says so, in Indonesian
    import weasyprint  # noqa: F401
