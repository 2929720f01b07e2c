"""The page policy of a built page: scripts from the site, and inline only those the page was built with.

The theme writes a few inline scripts of its own (the site's scope, the colour
scheme, the scroll to an anchor). Instead of allowing every inline script
(``'unsafe-inline'``), which would let any script a page came to hold run,
:func:`seal` names each inline script of the built page by its SHA-256 in the
page's Content-Security-Policy. It runs after the sanitiser
(:mod:`kesos_modul.engine.sanitise`) has removed every script from what a
contributor wrote, so what it names is the theme's and the toolkit's.

The live preview is not sealed: its server adds a reload script to every page
as it sends it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_POLICY = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_DATA_TYPES = ("application/json", "application/ld+json")  # not run: no hash needed
UNSAFE = "'unsafe-inline'"


def _hashes(page: str) -> list[str]:
    found = []
    for script in _SCRIPT.finditer(page):
        attrs = script.group("attrs")
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.I) or (kind and kind.group(1).lower() in _DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(script.group("body").encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in found:
            found.append(f"'sha256-{digest}'")
    return found


def seal(page: str) -> str:
    """``page`` with ``'unsafe-inline'`` in its policy's ``script-src`` replaced by the hashes of its inline scripts."""
    policy = _POLICY.search(page)
    if policy is None:
        return page
    directives = []
    for directive in html.unescape(policy.group(2)).split(";"):
        words = directive.split()
        if words and words[0] == "script-src" and UNSAFE in words:
            words = [w for w in words if w != UNSAFE] + _hashes(page)
        directives.append(" ".join(words))
    sealed = html.escape("; ".join(directives), quote=False).replace('"', "&quot;")
    return page[: policy.start(2)] + sealed + page[policy.end(2) :]
