"""An explicit mapping file (JSON or TOML) that overrides the guessed columns.

[columns]            # header in the file = account field ("" or "ignore" drops it)
"Cliente" = "name"
"Valore €" = "amount"
[options]            # all optional
encoding = "cp1252"
delimiter = ";"
decimal = ","        # decimal mark of numbers
date_order = "dmy"   # or "mdy" for 03/31/2026
probability = "percent"  # or "fraction"
country = "IT"       # rows without a country column are in Italy
currency = "USD"     # amounts without a currency symbol or column are in US dollars
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planner.io.importers.columns import FIELDS, ColumnMap, guess_columns, normalise_header
from planner.io.importers.errors import ImportFileError

_OPTIONS = {
    "encoding": None,
    "delimiter": (",", ";", "\t", "|", "tab"),
    "decimal": (",", "."),
    "date_order": ("dmy", "mdy"),
    "probability": ("percent", "fraction"),
    "country": None,  # ISO code or name of the rows' country, when the file has no column
    "currency": None,  # ISO code of amounts written without one
}


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # header → field ("" = ignore)
    options: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def option(self, name: str) -> str | None:
        return self.options.get(name)


def load_mapping(path: Path) -> Mapping:
    """Read and validate a mapping file; every mistake is one clear ImportFileError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"cannot read mapping file {path.name}: {exc}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ImportFileError(f"mapping file {path.name} is not valid: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
        raise ImportFileError(f"mapping file {path.name} needs a 'columns' table")
    columns: dict[str, str] = {}
    for header, target in data.get("columns", {}).items():
        fld = "" if target in ("", "ignore", None) else str(target)
        if fld and fld not in FIELDS:
            raise ImportFileError(
                f"mapping file {path.name}: unknown field {fld!r} for column {header!r} "
                f"(known fields: {', '.join(FIELDS)})"
            )
        columns[str(header)] = fld
    options = {str(k): str(v) for k, v in data.get("options", {}).items()}
    for key, value in options.items():
        if key not in _OPTIONS:
            raise ImportFileError(f"mapping file {path.name}: unknown option {key!r}")
        allowed = _OPTIONS[key]
        if allowed is not None and value not in allowed:
            raise ImportFileError(
                f"mapping file {path.name}: option {key} must be one of "
                + ", ".join(repr(a) for a in allowed)
            )
    if options.get("delimiter") == "tab":
        options["delimiter"] = "\t"
    return Mapping(columns, options, path.name)


def apply_mapping(
    headers: tuple[str, ...], mapping: Mapping | None, sample: Sequence[Sequence[str]] = ()
) -> ColumnMap:
    """The guessed columns, with the mapping file's choices taking precedence."""
    guess = guess_columns(headers, sample)
    if mapping is None or not mapping.columns:
        return guess
    by_key = {normalise_header(h): i for i, h in reversed(list(enumerate(headers)))}
    fields = dict(guess.fields)
    for header, fld in mapping.columns.items():
        index = by_key.get(normalise_header(header))
        if index is None:
            raise ImportFileError(
                f"mapping file {mapping.source} names column {header!r}, which is not in the file"
            )
        fields = {f: i for f, i in fields.items() if i != index and f != fld}
        if fld:
            fields[fld] = index
    unused = tuple(h for i, h in enumerate(headers) if i not in fields.values() and h)
    return ColumnMap(fields, f"mapping:{mapping.source}", unused)
