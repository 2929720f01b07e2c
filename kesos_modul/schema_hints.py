"""What to write instead: the hint of a KM103 finding, for each JSON Schema keyword.

A hint shows a value to write, never the schema's own notation (no regular
expressions). Its examples come from the schema itself: the ``examples`` of the
property or definition that failed (a test checks that every example passes
its own schema). Where the writer's value can be repaired (``Reaksi Stres`` for
an id, ``[kebencanaan]`` for a list written as one value), the repaired value
is suggested, and only if it passes the same part of the schema.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_PLAIN = re.compile(r"[A-Za-z0-9][\w .,/()'’-]*")
_PLAIN_IN_FLOW = re.compile(r"[A-Za-z0-9][\w ./()'’-]*")  # no commas inside [..] or {..}
_VERSION_LIKE = re.compile(r"[0-9.]+")  # text YAML reads as text, but the README always quotes it


def flow(value: Any, inside: bool = False) -> str:
    """``value`` as YAML in flow style, as a writer would type it on one line;
    text is quoted where YAML would read it otherwise (and versions always are)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v, True)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, True) for v in value) + "]"
    if isinstance(value, str):
        plain = (_PLAIN_IN_FLOW if inside else _PLAIN).fullmatch(value) and yaml.safe_load(value) == value
        plain = plain and not value.endswith(" ") and not _VERSION_LIKE.fullmatch(value)
        return value if plain else json.dumps(value, ensure_ascii=False)
    return str(value)


def hint(error: ValidationError, path: tuple) -> str:
    """The hint for a KM103 finding about ``error`` at ``path`` in the document."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    key = path[-1] if path and isinstance(path[-1], str) else None
    value = error.instance
    kind = error.validator
    build = _BUILDERS.get(kind, _other)
    return build(_Ctx(schema, key, value, error.validator_value, path))


class _Ctx:
    def __init__(self, schema: dict, key: str | None, value: Any, wanted: Any, path: tuple) -> None:
        self.schema, self.key, self.value, self.wanted, self.path = schema, key, value, wanted, path

    def write(self, value: Any) -> str:
        """``value`` as the writer writes it at this place: ``key: value`` (or ``- value`` in a list)."""
        return self.write_raw(flow(value))

    def write_raw(self, text: str) -> str:
        return f"{self.key}: {text}" if self.key else f"- {text}"

    @property
    def example(self) -> Any:
        examples = self.schema.get("examples") or []
        return examples[0] if examples else None

    def passes(self, candidate: Any) -> bool:
        try:
            return Draft202012Validator(self.schema).is_valid(candidate)
        except Exception:  # a $ref this part of the schema cannot resolve alone
            return False

    def with_example(self, text: str) -> str:
        example = self.example
        return f"{text}, misalnya: {self.write(example)}" if example is not None else text


def _type(c: _Ctx) -> str:
    wanted = [c.wanted] if isinstance(c.wanted, str) else list(c.wanted)
    value = c.value
    if "integer" in wanted or "number" in wanted:
        return _number(c, value, whole="integer" in wanted)
    if "array" in wanted:
        items = c.schema.get("items", {})
        if isinstance(items, dict) and items.get("type") == "string" and not isinstance(value, dict):
            return f"tulis sebagai daftar, dalam kurung siku: {c.write([value])}"
        return c.with_example("tulis sebagai daftar: [a, b], atau setiap butir di baris sendiri diawali '- '")
    if "object" in wanted:
        return _mapping(c)
    if "boolean" in wanted:
        return f"tulis true atau false tanpa tanda kutip: {c.write(True)}"
    if "string" in wanted:
        if isinstance(value, dict) and len(value) == 1:
            ((k, v),) = value.items()
            return f"teks yang memuat titik dua diberi tanda kutip: {c.write(f'{k}: {v}')}"
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            return f"tulis satu teks, bukan daftar: {c.write(' '.join(value))}"
        return c.with_example("tulis satu teks")
    return c.with_example("tulis nilai dengan jenis yang diminta")


def _number(c: _Ctx, value: Any, whole: bool) -> str:
    about = c.schema.get("description", "").rstrip(".")
    lead = f"{about}; " if about else ""
    if isinstance(value, float) and whole:
        low, high = math.floor(value), math.ceil(value)
        return f"{lead}tulis bilangan bulat: {c.write(low)} atau {c.write(high)}"
    if isinstance(value, str):
        try:
            number = int(value) if whole else float(value)
        except ValueError:
            number = None
        if number is not None:
            return f"{lead}tulis angka tanpa tanda kutip: {c.write(number)}"
    example = c.example if c.example is not None else max(c.schema.get("minimum", 1), 1)
    return f"{lead}tulis {'bilangan bulat' if whole else 'angka'} dengan angka, misalnya: {c.write(example)}"


def _mapping(c: _Ctx) -> str:
    if c.example is not None:
        return f"tulis sebagai pemetaan (kolom: nilai), misalnya: {c.write(c.example)}"
    keys = c.schema.get("required") or list(c.schema.get("properties", {}))
    if not c.path:
        return "tulis kolom-kolom berikut, masing-masing 'kolom: nilai' di awal baris: " + ", ".join(keys)
    shape = "{" + ", ".join(f"{k}: …" for k in keys) + "}"
    return f"tulis sebagai pemetaan dengan kolom {', '.join(keys)}: {c.write_raw(shape)}"


def _enum(c: _Ctx) -> str:
    choices = [str(v) for v in c.wanted]
    close = difflib.get_close_matches(str(c.value), choices, n=1, cutoff=0.6)
    listed = "pilihannya: " + ", ".join(choices)
    if close:
        return f"mungkin maksudnya '{close[0]}'? tulis {c.write(close[0])}; {listed}"
    return f"tulis salah satu pilihan, misalnya {c.write(c.wanted[0])}; {listed}"


def _const(c: _Ctx) -> str:
    return f"nilai ini tetap: tulis {c.write(c.wanted)}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def _pattern(c: _Ctx) -> str:
    value = c.value if isinstance(c.value, str) else str(c.value)
    candidates = [value.strip(), _slug(value), f"{_slug(value)}.md", f"{value}.0", f"{value}.0.0"]
    fixed = next((x for x in candidates if x != value and c.passes(x)), None)
    about = c.schema.get("description", "").split(". ")[0].rstrip(".")
    parts = [about] if about else []
    if fixed is not None:
        parts.append(f"mungkin maksudnya: {c.write(fixed)}")
    if c.example is not None:
        parts.append(f"contoh bentuk yang sah: {c.write(c.example)}")
    return "; ".join(parts) or "tulis dengan huruf kecil, angka dan tanda hubung, tanpa spasi"


def _min_items(c: _Ctx) -> str:
    have = len(c.value) if isinstance(c.value, list) else 0
    missing = c.wanted - have
    text = (
        f"tambahkan {missing} butir lagi (paling sedikit {c.wanted})"
        if have
        else (f"isi paling sedikit {c.wanted} butir")
    )
    if c.example is not None:
        return f"{text}, misalnya: {c.write(c.example)}"
    item = c.schema.get("items", {})
    if isinstance(item, dict) and item.get("examples"):
        return f"{text}, misalnya: {c.write(item['examples'][: max(c.wanted, 1)])}"
    keys = item.get("required", []) if isinstance(item, dict) else []
    return f"{text}: tulis setiap butir di baris sendiri, diawali '- '" + (
        f", masing-masing dengan kolom {', '.join(keys)}" if keys else ""
    )


def _max_items(c: _Ctx) -> str:
    extra = len(c.value) - c.wanted
    return f"hapus {extra} butir: paling banyak {c.wanted} butir"


def _min_length(c: _Ctx) -> str:
    if not str(c.value).strip():
        return c.with_example("kolom ini kosong; tulis isinya")
    return c.with_example(f"tulis paling sedikit {c.wanted} karakter (sekarang {len(c.value)})")


def _max_length(c: _Ctx) -> str:
    short = c.value[: c.wanted].rstrip("- ")
    text = f"persingkat menjadi paling banyak {c.wanted} karakter (sekarang {len(c.value)})"
    return f"{text}, misalnya: {c.write(short)}" if c.passes(short) else text


def _minimum(c: _Ctx) -> str:
    if c.wanted == 0:
        return f"tidak boleh negatif: tulis {c.write(0)} bila tidak ada, atau jumlah sebenarnya"
    return f"tulis {c.write(c.wanted)} atau angka yang lebih besar"


def _maximum(c: _Ctx) -> str:
    return f"tulis {c.write(c.wanted)} atau angka yang lebih kecil"


def _unique(c: _Ctx) -> str:
    seen: list = []
    twice: list = []
    for item in c.value:
        (twice if item in seen else seen).append(item)
    return f"hapus butir yang ditulis dua kali ({', '.join(flow(t) for t in twice)}): {c.write(seen)}"


def _not(c: _Ctx) -> str:
    number = next((p for p in reversed(c.path) if isinstance(p, int)), 0) + 1
    candidate = f"{number:02d}-{c.value}"
    if c.passes(candidate):
        return f"nilai '{c.value}' sudah dipakai untuk keperluan lain; beri nama lain, misalnya: {c.write(candidate)}"
    return c.with_example(f"nilai '{c.value}' tidak boleh dipakai di sini; tulis nilai lain")


def _format(c: _Ctx) -> str:
    return c.with_example(f"tulis dalam bentuk {c.wanted}")


def _other(c: _Ctx) -> str:
    return c.with_example("samakan dengan bentuk yang diminta skema")


_BUILDERS = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "uniqueItems": _unique,
    "not": _not,
    "format": _format,
}
