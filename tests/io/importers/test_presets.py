"""Every header preset maps a realistic export; mapping files override the guess; XLSX reads."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from planner.domain import GeoPoint, OpeningHours
from planner.io.importers import (
    PRESETS,
    ImportFileError,
    build_account,
    guess_columns,
    load_mapping,
    read_import,
)
from planner.io.importers.columns import FIELDS

EXPORTS = {
    "salesforce-report": (
        "Account ID,Account Name,Billing Street,Billing City,Billing State/Province,"
        "Billing Zip/Postal Code,Billing Country,Billing Latitude,Billing Longitude,"
        "Account Owner,Phone,Industry,Amount,Probability (%),Close Date,Opening Hours\n"
        "001A,Alfa S.r.l.,Via Roma 1,Bologna,BO,40121,Italy,44.49,11.34,Giulia,051 1,"
        "Retail,1500,40,31/03/2026,Mon-Fri 09:00-13:00\n"
    ),
    "salesforce-api": (
        "Id,Name,BillingStreet,BillingCity,BillingState,BillingPostalCode,BillingCountry,"
        "BillingLatitude,BillingLongitude,OwnerId,Phone,Industry,Amount,Probability,CloseDate,"
        "Opening_Hours__c\n"
        "001A,Alfa S.r.l.,Via Roma 1,Bologna,BO,40121,Italy,44.49,11.34,Giulia,051 1,"
        "Retail,1500,40,2026-03-31,Mon-Fri 09:00-13:00\n"
    ),
    "hubspot": (
        "Record ID,Company name,Street Address,Street Address 2,City,State/Region,Postal Code,"
        "Country/Region,Phone Number,Industry,Company owner,Amount,Deal probability,Close Date\n"
        "001A,Alfa S.r.l.,Via Roma 1,Scala B,Bologna,BO,40121,Italy,051 1,Retail,Giulia,"
        "1500,0.4,2026-03-31 00:00\n"
    ),
    "hubspot-api": (
        "hs_object_id,name,address,city,state,zip,country,phone,industry,hubspot_owner_id,"
        "amount,hs_deal_stage_probability,closedate\n"
        "001A,Alfa S.r.l.,Via Roma 1,Bologna,BO,40121,Italy,051 1,Retail,Giulia,1500,0.4,"
        "2026-03-31T00:00:00Z\n"
    ),
    "dynamics-365": (
        "(Do Not Modify) Account,(Do Not Modify) Row Checksum,(Do Not Modify) Modified On,"
        "Account Name,Main Phone,Address 1: Street 1,Address 1: City,Address 1: State/Province,"
        "Address 1: ZIP/Postal Code,Address 1: Country/Region,Primary Contact,Owner\n"
        "001A,abc,2026-01-01,Alfa S.r.l.,051 1,Via Roma 1,Bologna,BO,40121,Italy,Anna,Giulia\n"
    ),
    "zoho": (
        "Record Id,Account Name,Account Owner,Phone,Billing Street,Billing City,Billing State,"
        "Billing Code,Billing Country,Industry,Annual Revenue\n"
        "001A,Alfa S.r.l.,Giulia,051 1,Via Roma 1,Bologna,BO,40121,Italy,Retail,2500000\n"
    ),
    "pipedrive": (
        "Organization - ID,Organization - Name,Organization - Owner,"
        "Organization - Address - Street/road name,"
        "Organization - Address - City/town/village/locality,"
        "Organization - Address - ZIP/Postal code,Organization - Address - Country,"
        "Organization - Labels\n"
        "001A,Alfa S.r.l.,Giulia,Via Roma 1,Bologna,40121,Italy,Customer\n"
    ),
    "generic-en": (
        "Customer ID,Company,Address,Town,Province,Postcode,Country,Lat,Lng,Rep,Telephone,"
        "Sector,Deal value,Win probability,Expected close,Opening hours\n"
        "001A,Alfa S.r.l.,Via Roma 1,Bologna,BO,40121,Italy,44.49,11.34,Giulia,051 1,Retail,"
        "1500,40%,2026-03-31,Mon-Fri 09:00-13:00\n"
    ),
    "generic-it": (
        "Codice cliente;Ragione sociale;Indirizzo;Comune;Provincia;CAP;Nazione;Latitudine;"
        "Longitudine;Agente;Telefono;Settore;Importo;Probabilità;Data chiusura;Orari di apertura\n"
        "001A;Alfa S.r.l.;Via Roma 1;Bologna;BO;40121;Italy;44,49;11,34;Giulia;051 1;Retail;"
        "1.500,00;40;31/03/2026;lun-ven 09:00-13:00\n"
    ),
}


def test_every_preset_has_an_export() -> None:
    assert set(PRESETS) <= set(EXPORTS)
    for table in PRESETS.values():
        assert set(table) <= set(FIELDS)


@pytest.mark.parametrize("preset", sorted(EXPORTS))
def test_preset_maps_its_export(preset: str, tmp_path: Path) -> None:
    path = tmp_path / f"{preset}.csv"
    path.write_text(EXPORTS[preset], encoding="utf-8")
    parsed = read_import(path)
    assert parsed.columns.preset == preset
    assert parsed.rejected == []
    (account,) = [build_account(r) for r in parsed.rows]
    assert (account.account_id, account.name) == ("001A", "Alfa S.r.l.")
    assert account.address.city == "Bologna" and account.address.postcode == "40121"
    assert account.address.country == "Italy" and account.address.street.startswith("Via Roma 1")
    assert account.owner == "Giulia"
    fields = parsed.columns.fields
    if "region" in fields:
        assert account.address.region == "BO"
    if "phone" in fields:
        assert account.phone == "051 1"
    if "industry" in fields:
        assert account.industry == "Retail"
    if "amount" in fields:  # deal exports
        assert account.amount == Decimal("1500.00")
        assert account.probability == pytest.approx(0.4)
        assert account.close_date == date(2026, 3, 31)
    if "annual_revenue" in fields:  # never the deal amount
        assert account.annual_revenue == Decimal("2500000.00") and account.amount is None
    if "latitude" in parsed.columns.fields:
        assert account.location == GeoPoint(44.49, 11.34)
    if "opening_hours" in parsed.columns.fields:
        assert account.opening_hours == OpeningHours.parse("Mon-Fri 09:00-13:00")


def test_hubspot_second_street_line_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(EXPORTS["hubspot"], encoding="utf-8")
    (row,) = read_import(path).rows
    assert build_account(row).address.street == "Via Roma 1\nScala B"


def test_unknown_columns_are_listed_and_other_presets_fill_gaps() -> None:
    columns = guess_columns(("Account Name", "Billing City", "Latitudine", "Colour"))
    assert columns.preset == "generic-en+it"  # one Salesforce name is not enough to tell
    assert columns.fields == {"name": 0, "city": 1, "latitude": 2}
    assert columns.unused == ("Colour",)


def test_cadence_last_visit_and_meeting_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "name,last visit,visit cadence,meeting duration,tags,notes\n"
        'Alfa,2026-10-01,2 weeks,1.5 h,"vip; north",call first\n'
        "Beta,,ogni 30 giorni,,,\n",
        encoding="utf-8",
    )
    alfa, beta = (build_account(r) for r in read_import(path).rows)
    assert alfa.last_visit == date(2026, 10, 1) and alfa.cadence_days == 14
    assert alfa.meeting_minutes == 90 and alfa.tags == ("vip", "north")
    assert (alfa.crm_notes, alfa.notes) == ("call first", "")  # the CRM's, not the user's
    assert beta.cadence_days == 30 and beta.meeting_minutes == 45


SOURCE = "Cliente|Valore €|Quando\nAlfa|1.200|03/04/2026\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "map.toml",
            '[columns]\n"Cliente" = "name"\n"Valore €" = "amount"\n"Quando" = "close_date"\n'
            '[options]\ndecimal = ","\ndate_order = "mdy"\n',
        ),
        (
            "map.json",
            '{"columns": {"cliente": "name", "Valore €": "amount", "Quando": "close_date"},'
            ' "options": {"decimal": ",", "date_order": "mdy", "delimiter": "|"}}',
        ),
    ],
)
def test_mapping_file_overrides_the_guess(name: str, text: str, tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(SOURCE, encoding="utf-8")
    mapping_path = tmp_path / name
    mapping_path.write_text(text, encoding="utf-8")
    parsed = read_import(source, load_mapping(mapping_path))
    assert parsed.columns.preset == f"mapping:{name}"
    (account,) = [build_account(r) for r in parsed.rows]
    assert account.amount == Decimal("1200.00")
    assert account.close_date == date(2026, 3, 4)


def test_mapping_can_drop_a_guessed_column(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("name,amount\nAlfa,oops\n", encoding="utf-8")
    mapping_path = tmp_path / "m.toml"
    mapping_path.write_text('[columns]\namount = "ignore"\n', encoding="utf-8")
    parsed = read_import(source, load_mapping(mapping_path))
    assert parsed.rejected == [] and parsed.columns.unused == ("amount",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[columns]\nCliente = "nam"\n', "mapping file m.toml: unknown field 'nam' for column"),
        ("[columns\n", "mapping file m.toml is not valid"),
        (
            '[options]\ndecimal = ";"\n',
            "mapping file m.toml: option decimal must be one of ',', '.'",
        ),
        ('[options]\ncolour = "red"\n', "mapping file m.toml: unknown option 'colour'"),
        ('columns = "x"\n', "mapping file m.toml needs a 'columns' table"),
    ],
)
def test_bad_mapping_files(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError, match="^" + re.escape(message)):
        load_mapping(path)


def test_mapping_naming_a_missing_column(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("name\nAlfa\n", encoding="utf-8")
    path = tmp_path / "m.json"
    path.write_text('{"columns": {"Ragione": "name"}}', encoding="utf-8")
    with pytest.raises(ImportFileError, match="names column 'Ragione', which is not in the file"):
        read_import(source, load_mapping(path))


def test_xlsx_with_native_numbers_dates_and_footer(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["Account Name", "Amount", "Close Date", "Billing Latitude", "Billing Longitude", "City"]
    )
    sheet.append(["Alfa", 1234.5, datetime(2026, 3, 31), 44.5, 11.25, "Bologna"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Beta", "n/a", "31/03/2026", None, None, "Modena"])
    sheet.append(["Gamma", "6.0E7", "31/03/2026", "NULL", "NULL", "tbd"])
    sheet.append(["Grand Totals (3 records)", 1234.5])
    path = tmp_path / "export.xlsx"
    book.save(path)
    parsed = read_import(path)
    assert parsed.table.format == "xlsx" and parsed.table.skipped == 2
    alfa, beta, gamma = [build_account(r) for r in parsed.rows]
    assert alfa.amount == Decimal("1234.50") and alfa.close_date == date(2026, 3, 31)
    assert alfa.location == GeoPoint(44.5, 11.25)
    # "n/a" and "NULL" are empty cells; scientific notation is a number.
    assert beta.amount is None and beta.close_date == date(2026, 3, 31)
    assert gamma.amount == Decimal("60000000.00") and gamma.location is None
    assert parsed.rejected == [] and parsed.warnings == []
