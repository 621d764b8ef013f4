"""The country of an import's rows when the file has no country column: given by the
mapping file (``[options] country = "IT"``), else inferred from the rows (see
planner.io.geocoding.country_infer) and said in the report. Rows then geocode inside
that country only."""

from __future__ import annotations

from planner.domain import Address
from planner.io.geocoding import Gazetteer
from planner.io.geocoding.country_infer import CountryGuess, infer_country
from planner.io.importers import ColumnMap, ParsedImport, Table


def settle_country(
    parsed: ParsedImport, given: str = "", gazetteer: Gazetteer | None = None
) -> str:
    """Fill the empty country of every row with the given or inferred one; the ISO code
    used, or "" when neither applies. A note in the table's notes says what was done."""
    fields = parsed.columns.fields
    has_address = any(p in fields for p in ("street", "city", "postcode", "region"))
    if parsed.is_opportunities or not has_address or not parsed.rows:
        return ""
    if "country" in fields and not given:
        return ""
    gazetteer = gazetteer or Gazetteer()
    if given:
        code = gazetteer.country_code(given) or given.upper()
        how = f"country {code} given for rows without one"
    else:
        phones = [str(r.fields.get("phone", "")) for r in parsed.rows]
        guess = infer_country(gazetteer, [Address(**r.address) for r in parsed.rows], phones)
        if not guess.country:
            parsed.table.notes.append(
                "no country column, and the rows point to no single country: a town found "
                "in several countries will not be pinned (add a country column or "
                "[options] country)"
            )
            return ""
        code, how = guess.country, f"no country column: inferred {guess.describe()}"
    filled = 0
    for row in parsed.rows:
        if not row.address.get("country"):
            row.address["country"] = code
            filled += 1
    parsed.table.notes.append(f"{how}; set on {filled} rows")
    return code


def guess_country(
    table: Table, columns: ColumnMap, gazetteer: Gazetteer | None = None
) -> CountryGuess:
    """What the import would infer, from the first rows of a table (for the wizard)."""
    fields = columns.fields
    if "country" in fields or not any(p in fields for p in ("city", "postcode", "region")):
        return CountryGuess("", 0, 0)

    def cell(row: tuple[str, ...], fld: str) -> str:
        i = fields.get(fld, -1)
        return row[i].strip() if 0 <= i < len(row) else ""

    rows = [r.cells for r in table.rows[:300]]
    addresses = [
        Address(city=cell(r, "city"), postcode=cell(r, "postcode"), region=cell(r, "region"))
        for r in rows
    ]
    return infer_country(gazetteer or Gazetteer(), addresses, [cell(r, "phone") for r in rows])
