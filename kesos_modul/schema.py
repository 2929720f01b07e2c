"""The JSON Schemas in ``schema/``: the single definition of the file formats.

Validation errors are turned into findings that point at the line of the
offending value, with Indonesian messages. A value that YAML resolved to a
number or a boolean where the schema wants text becomes KM005/KM006, naming
the fix: put it in quotes.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from kesos_modul.findings import Code, E, Finding, declare, finding
from kesos_modul.resources import project_dir
from kesos_modul.yamldoc import YamlDoc

if TYPE_CHECKING:  # jsonschema is imported only to explain a file that does not conform
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SCHEMAS = (
    "modul",
    "kunci-jawaban",
    "program",
    "registri-ranah",
    "registri-sdm",
    "registri-unit-kompetensi",
    "registri-penandatangan",
    "katalog",
)

# The codes this stage reports (the catalogue gathers them from every stage).
declare(
    Code(
        "KM005",
        "angka-bukan-teks",
        E,
        "Nilai tanpa tanda kutip dibaca YAML sebagai angka padahal harus teks (misalnya versi: 1.10 menjadi 1.1).",
    ),
    Code(
        "KM006",
        "boolean-bukan-teks",
        E,
        "Nilai seperti no, yes, on, off dibaca YAML sebagai benar/salah padahal harus teks.",
    ),
    Code("KM101", "kolom-wajib", E, "Kolom wajib menurut skema tidak ada."),
    Code("KM102", "kolom-tidak-dikenal", E, "Kolom tidak dikenal skema (sering salah ketik)."),
    Code("KM103", "nilai-tidak-sah", E, "Nilai tidak sesuai skema: jenis, pola, pilihan, atau panjang."),
)


_TYPE_NAMES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "angka",
    "object": "pemetaan (kunci: nilai)",
    "array": "daftar",
    "boolean": "benar/salah",
    "null": "kosong",
}


@cache
def _contents(name: str) -> dict[str, Any]:
    return json.loads((project_dir("schema") / f"{name}.schema.json").read_text("utf-8"))


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources = [(f"{name}.schema.json", Resource.from_contents(_contents(name))) for name in SCHEMAS]
    return Registry().with_resources(resources)


@cache
def _fast(name: str) -> Callable[[Any], Any] | None:
    """A compiled yes/no check of schema ``name``.

    jsonschema explains every error but costs milliseconds a file; the compiled
    check passes a valid file in microseconds. The schemas avoid keywords whose
    meaning differs between draft 7 (fastjsonschema) and 2020-12, such as
    validation keywords beside ``$ref``; a test keeps the two in agreement.
    Every ``$ref`` is written out in place (the schemas are not recursive): a
    referenced part compiled as a function of its own costs a call and a
    formatted name for each value it checks, more than the check itself.
    """
    try:
        inlined = _inline(_contents(name), name, ())
    except RecursionError:  # pragma: no cover - a recursive schema is explained by jsonschema alone
        return None
    inlined.pop("$defs", None)
    draft7 = {**inlined, "$schema": "http://json-schema.org/draft-07/schema#"}
    # "format" is an annotation, as jsonschema reads it by default: checking it here would
    # compile the patterns of a registry (and print Python's warnings about them)
    return fastjsonschema.compile(draft7, use_formats=False)


def warm(*names: str) -> None:
    """Compile the checks of schemas ``names`` now (before a fork: then both processes have them)."""
    for name in names:
        _fast(name)


_ANNOTATIONS = {"description", "examples", "title", "default", "$comment"}
_NAMED = {"properties", "patternProperties", "$defs", "dependentSchemas"}  # maps of names to schemas


def _inline(node: Any, name: str, seen: tuple[str, ...]) -> Any:
    """Schema ``node`` of schema file ``name`` with every ``$ref`` replaced by what
    it refers to, and without annotations (they would only make the code bigger)."""
    if isinstance(node, list):
        return [_inline(v, name, seen) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    also: list[Any] = []  # schemas the value must match as well
    for key, value in node.items():
        if key in _ANNOTATIONS or key == "$ref":
            continue
        if key in _NAMED and isinstance(value, dict):
            out[key] = {k: _inline(v, name, seen) for k, v in value.items()}
        elif key in ("enum", "const"):
            out[key] = value  # values, not schemas
        elif key == "not" and _text_choices(value):
            # fastjsonschema checks "not" by raising inside: a formatted exception for
            # every valid value. Texts that are not one of these is a pattern (other
            # types pass either way; a newline at the end is only explained by jsonschema).
            choices = "|".join(re.escape(choice) for choice in value["enum"])
            also.append({"pattern": f"^(?!(?:{choices})$)"})
        else:
            out[key] = _inline(value, name, seen)
    ref = node.get("$ref")
    if isinstance(ref, str):
        also.insert(0, _resolve(ref, name, seen))
    if not out and len(also) == 1:
        return also[0]  # a bare $ref: what it refers to
    if also:
        out["allOf"] = [*out.get("allOf", []), *also]
    return out


def _resolve(ref: str, name: str, seen: tuple[str, ...]) -> Any:
    """What ``$ref`` in schema file ``name`` refers to, inlined."""
    file, _, pointer = ref.partition("#")
    target_name = file.removesuffix(".schema.json") if file else name
    where = f"{target_name}#{pointer}"
    if where in seen:
        raise RecursionError(where)
    target: Any = _contents(target_name)
    for step in filter(None, pointer.split("/")):
        step = step.replace("~1", "/").replace("~0", "~")
        target = target[int(step)] if isinstance(target, list) else target[step]
    return _inline(target, target_name, (*seen, where))


def _text_choices(node: Any) -> bool:
    """Whether schema ``node`` is only a list of texts (``{"enum": [...]}``)."""
    return (
        isinstance(node, dict)
        and node.keys() == {"enum"}
        and all(isinstance(choice, str) for choice in node["enum"])
    )


@cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    registry = _registry()
    contents = registry.contents(f"{name}.schema.json")
    return Draft202012Validator(contents, registry=registry)


@dataclass(frozen=True)
class Conformance:
    """How a document matches its schema: the findings, and which of its parts can still be used.

    ``rusak`` names the top-level fields whose value has a schema error, or that
    are required and missing; an unknown key breaks nothing. ``usable`` is False
    when the document itself is not what the schema wants (not a mapping at all).
    """

    findings: list[Finding]
    rusak: frozenset[str] = frozenset()
    usable: bool = True


_CONFORMS = Conformance([])


def check(doc: YamlDoc, name: str) -> list[Finding]:
    """Validate ``doc`` against schema ``name``; an empty list means it conforms."""
    return conform(doc, name).findings


def conform(doc: YamlDoc, name: str) -> Conformance:
    """Validate ``doc`` against schema ``name``, telling which top-level fields are broken."""
    fast = _fast(name)
    if fast is not None:
        try:
            fast(doc.data)
            return _CONFORMS
        except fastjsonschema.JsonSchemaException:
            pass  # explain the problem with jsonschema below
    found: list[Finding] = []
    rusak: set[str] = set()
    usable = True
    for error in validator(name).iter_errors(doc.data):
        found.extend(_to_findings(doc, error))
        broken = _broken_fields(error)
        if broken is None:
            usable = False
        else:
            rusak |= broken
    return Conformance(found, frozenset(rusak), usable)


def _broken_fields(error: ValidationError) -> set[str] | None:
    """The top-level fields an error makes unusable; None when it concerns the whole document."""
    if error.validator == "additionalProperties":
        return set()  # an unknown key: the fields beside it are still what the schema says
    path = tuple(error.absolute_path)
    if path:
        return {path[0]} if isinstance(path[0], str) else None
    if error.validator == "required" and isinstance(error.instance, dict):
        return {k for k in error.validator_value if k not in error.instance}
    return None


def _to_findings(doc: YamlDoc, error: ValidationError) -> list[Finding]:
    from kesos_modul import schema_hints  # it needs jsonschema, imported only for a file with errors

    path = tuple(error.absolute_path)
    where = doc.loc(*path)
    field = _field_name(path)
    kind = error.validator

    if kind == "required":
        missing = [k for k in error.validator_value if k not in (error.instance or {})]
        return [
            finding(
                "KM101",
                where,
                f"kolom wajib '{key}' tidak ada" + (f" di {field}" if field else ""),
                _property_hint(error.schema, key),
            )
            for key in missing
        ]
    if kind == "anyOf" and all(set(s) == {"required"} for s in error.validator_value):
        # one of several keys must be written (a unit's kode or its id)
        keys = " atau ".join(f"'{k}'" for s in error.validator_value for k in s["required"])
        tip = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        return [finding("KM101", where, f"kolom {keys} tidak ada" + (f" di {field}" if field else ""), tip)]
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out = []
        for key in error.instance:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            tip = f"mungkin maksudnya '{close[0]}'?" if close else "kolom yang dikenal: " + ", ".join(known)
            out.append(
                finding(
                    "KM102",
                    doc.loc(*path, key, key=True),
                    f"kolom '{key}' tidak dikenal" + (f" di {field}" if field else ""),
                    tip,
                )
            )
        return out
    resolved = doc.written_as(*path) if _wants_text(error) else None
    if resolved:
        pattern = error.schema.get("pattern") if isinstance(error.schema, dict) else None
        return [_quote_finding(doc, path, *resolved, pattern=pattern)]
    if kind == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        return [
            finding(
                "KM103",
                where,
                f"{field or 'berkas'} harus berupa {' atau '.join(_TYPE_NAMES.get(n, n) for n in names)}, "
                f"bukan {_describe(error.instance)}",
                schema_hints.hint(error, path),
            )
        ]
    message = {
        "enum": lambda: (
            f"{field}: '{error.instance}' bukan pilihan yang sah; pilihannya: "
            + ", ".join(str(v) for v in error.validator_value)
        ),
        "pattern": lambda: f"{field}: '{error.instance}' tidak sesuai bentuk yang diminta",
        "minItems": lambda: f"{field} harus berisi paling sedikit {error.validator_value} butir",
        "minLength": lambda: f"{field} terlalu pendek atau kosong",
        "maxLength": lambda: f"{field} lebih panjang dari {error.validator_value} karakter",
        "minimum": lambda: f"{field} tidak boleh kurang dari {error.validator_value}",
        "uniqueItems": lambda: f"{field} berisi butir yang sama lebih dari sekali",
        "not": lambda: f"{field}: '{error.instance}' tidak boleh dipakai",
        "const": lambda: f"{field} harus {error.validator_value}, bukan {_describe(error.instance)}",
        "maxItems": lambda: f"{field} berisi lebih dari {error.validator_value} butir",
        "maximum": lambda: f"{field} tidak boleh lebih dari {error.validator_value}",
        "format": lambda: f"{field}: '{error.instance}' bukan {error.validator_value} yang sah",
    }.get(kind, lambda: f"{field or 'berkas'}: nilai tidak sesuai skema ({error.message})")()
    return [finding("KM103", where, message, schema_hints.hint(error, path))]


def _wants_text(error: ValidationError) -> bool:
    """True when the schema expects text where YAML produced a number or boolean."""
    wanted = error.validator_value
    if error.validator == "type":
        return wanted == "string" or (isinstance(wanted, list) and "string" in wanted)
    if error.validator == "enum":
        return all(isinstance(v, str) for v in wanted)
    return False


def _quote_finding(doc: YamlDoc, path: tuple, tag: str, text: str, pattern: str | None = None) -> Finding:
    key = path[-1] if path and isinstance(path[-1], str) else None
    # the hint's value must also pass the field's pattern, or it only leads to the
    # next finding: "1.10" for a version of three parts becomes "1.10.0"
    fitting = next(
        (c for c in (text, f"{text}.0", f"{text}.0.0") if pattern is None or _matches(pattern, c)), text
    )
    written = f'{key}: "{fitting}"' if key else f'"{fitting}"'
    if tag == "bool":
        return finding(
            "KM006",
            doc.loc(*path),
            f"{_field_name(path)}: '{text}' dibaca YAML sebagai nilai benar/salah, padahal harus teks",
            f"beri tanda kutip: {written}",
        )
    value = _CONSTRUCT_PREVIEW.get(tag, str)(text)
    read_as = f" sebagai angka {value}" if str(value) != text else " sebagai angka"
    return finding(
        "KM005",
        doc.loc(*path),
        f"{_field_name(path)}: '{text}' dibaca YAML{read_as}, padahal harus teks",
        f"beri tanda kutip agar tertulis persis: {written}"
        if fitting == text
        else f"beri tanda kutip, dalam bentuk yang diminta: {written}",
    )


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot read is reported where the schema is checked


def _preview_float(text: str) -> str:
    try:
        return repr(float(text.replace("_", "")))
    except ValueError:
        return text


_CONSTRUCT_PREVIEW = {"float": _preview_float}


def _field_name(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "benar/salah"
    if isinstance(value, int | float):
        return f"angka {value}"
    if value is None:
        return "kosong"
    if isinstance(value, dict):
        return "pemetaan"
    if isinstance(value, list):
        return "daftar"
    return f"teks '{value}'"


def _property_hint(schema: dict, key: str) -> str:
    sub = schema.get("properties", {}).get(key, {})
    return sub.get("description", "") if isinstance(sub, dict) else ""
