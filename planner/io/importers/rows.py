"""Turn one table row into typed account values, or say which cell is wrong and why."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from planner.domain import DomainError, GeoPoint, OpeningHours, Precision
from planner.io.importers.columns import ColumnMap
from planner.io.importers.errors import CellError
from planner.io.importers.limits import check_amount, check_cadence
from planner.io.importers.mapping import Mapping
from planner.io.importers.table import Row, Table
from planner.io.importers.values import (
    NULL_CELLS,
    detect_day_first,
    detect_decimal,
    detect_percent_scale,
    parse_amount,
    parse_cadence,
    parse_date,
    parse_decimal,
    parse_minutes,
    parse_probability,
)

ADDRESS_PARTS = ("street", "city", "postcode", "region", "country")
_TEXT = ("account_id", "name", "stage", "owner", "phone", "contact", "industry", "notes")
_NUMERIC = ("amount", "annual_revenue", "latitude", "longitude", "probability")
_NOT_NUMBER = re.compile(r"[A-Za-z€$£¥%]")
_SAMPLE = 5000
_NO_COORDINATES = "; coordinates left empty"


class RowError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class RowWarning:
    """A value dropped from a row that was kept: which row, which column, and why."""

    number: int
    column: str
    reason: str


@dataclass(frozen=True)
class Styles:
    """Column-wide conventions of one file."""

    decimal: str = "."
    day_first: bool = True
    percent: bool = True


@dataclass(slots=True)  # slots: less memory and faster to build, 100k at a time
class ParsedRow:
    number: int
    fields: dict[str, object]  # Account attribute → value, only for mapped columns
    address: dict[str, str]  # Address attribute → value, only for mapped parts
    opportunity: str = ""  # opportunity id or name, in an opportunities export
    headers: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    warnings: tuple[RowWarning, ...] = ()  # optional values dropped, the row kept

    def warn(self, column: str, reason: str) -> None:
        self.warnings = (*self.warnings, RowWarning(self.number, column, reason))

    folded: tuple[ParsedRow, ...] = ()  # further rows of the same account merged into this
    repeats: int = 0  # how many of ``folded`` repeated a deal already read

    @property
    def raw(self) -> dict[str, str]:
        """The row as the file had it, kept whole when it is rejected."""
        return Table.raw_cells(self.headers, self.cells)


def detect_styles(table: Table, cmap: ColumnMap, mapping: Mapping | None) -> Styles:
    """Decimal mark, date order and probability scale from the columns' own values."""

    def column(fld: str, rows: int | None = None) -> set[str]:
        """The distinct values of a column: exports repeat dates and percentages a lot."""
        i = cmap.fields.get(fld)
        picked = table.rows if rows is None else table.rows[:rows]
        return set() if i is None else {r.cells[i] for r in picked if i < len(r.cells)}

    option = mapping.option if mapping else (lambda _name: None)
    # Thousands of rows settle the decimal mark; coordinates are all distinct, so sample.
    numbers = [_NOT_NUMBER.sub("", v) for f in _NUMERIC for v in column(f, _SAMPLE)]
    decimal = option("decimal") or detect_decimal(numbers)
    if decimal is None:  # nothing tells: ';'-separated files come from decimal-comma locales
        decimal = "," if table.delimiter == ";" else "."
    order = option("date_order")
    day_first = (
        order == "dmy"
        if order
        else detect_day_first(column("close_date") | column("last_visit")) is not False
    )
    scale = option("probability")
    percent = scale == "percent" if scale else detect_percent_scale(column("probability"), decimal)
    return Styles(decimal, day_first, percent)


class RowParser:
    """Parses the rows of one table; the column plan is worked out once, not per row."""

    def __init__(self, table: Table, cmap: ColumnMap, styles: Styles) -> None:
        self.table, self.cmap, self.styles = table, cmap, styles
        self.width = len(table.headers)
        self.plan = [
            (cmap.fields[fld], convert, cmap.header_of(table.headers, fld))
            for fld, convert in _CONVERTERS.items()
            if fld in cmap.fields and fld not in _TEXT
        ]
        # Text columns need no conversion: handled inline, they are most of the cells.
        self.texts = [(fld, cmap.fields[fld]) for fld in _TEXT if fld in cmap.fields]
        self.parts = [(p, cmap.fields[p]) for p in ADDRESS_PARTS if p in cmap.fields]
        # Further address lines (street2, street3) join the street, each on its own line.
        self.more_lines = [cmap.fields[f] for f in ("street2", "street3") if f in cmap.fields]
        self.located = "latitude" in cmap.fields or "longitude" in cmap.fields
        self.name_header = cmap.header_of(table.headers, "name")
        # An opportunity may name its account by id alone; the workspace knows the name.
        self.opportunities = "opportunity_id" in cmap.fields or "opportunity_name" in cmap.fields
        self.id_is_enough = self.opportunities and "account_id" in cmap.fields
        # A register without a name column (e.g. numbered stores): named by their id.
        self.name_from_id = "name" not in cmap.fields and not self.opportunities
        self.id_header = cmap.header_of(table.headers, "account_id")
        # Rows must have an address or coordinates when the file has columns for them.
        self.placeable = bool(self.parts) or self.located

        # Columns read outside the plan; a missing column reads as an empty cell (index -1).
        self.extra = {
            f: cmap.fields.get(f, -1)
            for f in ("latitude", "longitude", "opportunity_id", "opportunity_name")
        }

    def cell(self, cells: tuple[str, ...], fld: str) -> str:
        i = self.extra[fld]
        if i < 0:
            return ""
        text = cells[i].strip()
        return "" if text in NULL_CELLS else text  # is_null, inlined (hot)

    def __call__(self, row: Row) -> ParsedRow:
        """Typed values of ``row``; raises RowError naming the column of a missing required
        value. A bad optional value is dropped with a warning and the row kept."""
        cells = row.cells
        if len(cells) != self.width:  # pad short rows once so no lookup needs a bounds check
            if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
                raise RowError(
                    "", f"row has {len(cells)} values but the header has {self.width} columns"
                )
            cells = (cells + ("",) * self.width)[: self.width]
        parsed = ParsedRow(
            row.number, self._texts(cells), self._address(cells),
            headers=self.table.headers, cells=row.cells,
        )  # fmt: skip
        styles = self.styles
        for i, convert, header in self.plan:
            text = cells[i].strip()
            try:
                # is_null, inlined: this loop runs for every converted cell
                if text in NULL_CELLS:
                    text = ""
                convert(parsed, text, styles)
            except (CellError, DomainError) as exc:
                parsed.warn(header, f"{exc}; value left empty")
        if self.located:
            self._location(parsed, self.cell(cells, "latitude"), self.cell(cells, "longitude"))
        more = [t for i in self.more_lines if (t := cells[i].strip()) and t not in NULL_CELLS]
        _tidy_street(parsed, more)
        if self.opportunities:
            deal_id = self.cell(cells, "opportunity_id")
            deal_name = self.cell(cells, "opportunity_name")
            parsed.opportunity = f"id:{deal_id}" if deal_id else deal_name and f"name:{deal_name}"
        self._require(parsed)
        return parsed

    def _texts(self, cells: tuple[str, ...]) -> dict[str, object]:
        fields: dict[str, object] = {}
        for fld, i in self.texts:
            text = cells[i].strip()
            if fld != "notes" and ("  " in text or "\n" in text or "\t" in text or "\r" in text):
                text = " ".join(text.split())
            fields[fld] = "" if text in NULL_CELLS else text
        if self.name_from_id and fields.get("account_id"):
            fields["name"] = f"{self.id_header} {fields['account_id']}"
        return fields

    def _address(self, cells: tuple[str, ...]) -> dict[str, str]:
        out = {}
        for part, i in self.parts:
            text = cells[i].strip()
            out[part] = "" if text in NULL_CELLS else text
        return out

    def _require(self, parsed: ParsedRow) -> None:
        """A name (or, in an opportunities export, the account id) and somewhere to be."""
        if not parsed.fields.get("name"):
            if not (self.id_is_enough and parsed.fields.get("account_id")):
                raise RowError(self.name_header, "account name is required")
            parsed.fields.pop("name", None)
        if not self.placeable or self.opportunities or "location" in parsed.fields:
            return
        if not any(parsed.address.values()):
            for warning in parsed.warnings:  # the coordinates were there, but bad
                if warning.reason.endswith(_NO_COORDINATES):
                    raise RowError(warning.column, warning.reason.removesuffix(_NO_COORDINATES))
            first = self.parts[0][0] if self.parts else "latitude"
            column = self.cmap.header_of(self.table.headers, first)
            raise RowError(column, "no address and no coordinates: nowhere to place the account")

    def _location(self, parsed: ParsedRow, lat: str, lon: str) -> None:
        try:
            _parse_location(parsed, lat, lon, cmap=self.cmap, table=self.table, styles=self.styles)
        except RowError as exc:
            parsed.warn(exc.column, exc.reason + _NO_COORDINATES)


def _tidy_street(parsed: ParsedRow, more_lines: list[str]) -> None:
    street = parsed.address.get("street", "")
    if more_lines:  # further address lines, each on a line of its own
        street = parsed.address["street"] = "\n".join(
            [street, *more_lines] if street else more_lines
        )
    if "\n" in street or "\r" in street:  # keep the lines, drop blank ones (C-speed calls)
        parsed.address["street"] = "\n".join(filter(None, map(str.strip, street.splitlines())))


def _parse_location(
    parsed: ParsedRow, lat: str, lon: str, *, cmap: ColumnMap, table: Table, styles: Styles
) -> None:
    if not lat and not lon:
        return
    if not lat or not lon:
        missing = "latitude" if not lat else "longitude"
        raise RowError(
            cmap.header_of(table.headers, missing),
            f"{missing} is missing while {'longitude' if not lat else 'latitude'} is given",
        )
    values = []
    for fld, text in (("latitude", lat), ("longitude", lon)):
        try:
            values.append(float(parse_decimal(text, styles.decimal)))
        except CellError as exc:
            raise RowError(cmap.header_of(table.headers, fld), str(exc)) from None
    if values == [0.0, 0.0]:  # CRMs write 0,0 for "not geocoded"
        return
    try:
        point = GeoPoint(values[0], values[1])
    except DomainError as exc:
        column = "latitude" if "latitude" in str(exc) else "longitude"
        raise RowError(cmap.header_of(table.headers, column), str(exc)) from None
    parsed.fields.update(location=point, precision=Precision.SOURCE, geocode_source="import")


def _optional(
    fld: str, parse: Callable[[str, Styles], object]
) -> Callable[[ParsedRow, str, Styles], None]:
    def convert(parsed: ParsedRow, text: str, styles: Styles) -> None:
        parsed.fields[fld] = parse(text, styles) if text else None

    return convert


def _money(fld: str) -> Callable[[ParsedRow, str, Styles], None]:
    """A money column; a currency symbol or code in the cell counts when no column gives one."""

    def convert(parsed: ParsedRow, text: str, styles: Styles) -> None:
        if not text:
            parsed.fields[fld] = None
            return
        value, currency = parse_amount(text, styles.decimal)
        parsed.fields[fld] = check_amount(value, text).quantize(Decimal("0.01"))
        if currency and not parsed.fields.get("currency"):
            parsed.fields["currency"] = currency

    return convert


def _currency(parsed: ParsedRow, text: str, styles: Styles) -> None:
    if text:
        if not re.fullmatch(r"[A-Za-z]{3}", text):
            raise CellError(f"currency must be a three-letter code, got {text!r}")
        parsed.fields["currency"] = text.upper()


def _tags(parsed: ParsedRow, text: str, styles: Styles) -> None:
    parsed.fields["tags"] = tuple(t.strip() for t in re.split(r"[;,|]", text) if t.strip())


def _minutes(parsed: ParsedRow, text: str, styles: Styles) -> None:
    if text:  # an empty cell keeps the default (or the local value on re-import)
        parsed.fields["meeting_minutes"] = parse_minutes(text)


def _opening_hours(text: str, styles: Styles) -> OpeningHours:
    return OpeningHours.parse(text)


_CONVERTERS: dict[str, Callable[[ParsedRow, str, Styles], None]] = {
    "currency": _currency,  # before amount, so an explicit column beats a symbol
    "amount": _money("amount"),
    "annual_revenue": _money("annual_revenue"),
    "probability": _optional(
        "probability", lambda t, s: parse_probability(t, s.decimal, s.percent)
    ),
    "close_date": _optional("close_date", lambda t, s: parse_date(t, s.day_first)),
    "last_visit": _optional("last_visit", lambda t, s: parse_date(t, s.day_first)),
    "cadence_days": _optional("cadence_days", lambda t, s: check_cadence(parse_cadence(t), t)),
    "meeting_minutes": _minutes,
    "opening_hours": _optional("opening_hours", _opening_hours),
    "tags": _tags,
}
