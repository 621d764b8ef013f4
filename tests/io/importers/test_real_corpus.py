"""Real public exports and registers (tests/data/real, see SOURCES.md) import WITHOUT a
mapping file: the name, address parts and coordinates land in the right fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain import GeoPoint
from planner.io.importers import read_import

REAL = Path(__file__).parents[2] / "data" / "real"

# file → (rows kept, rejected, preset, {field: header}, first row's name, address, location)
EXPECTED: dict[str, tuple[int, int, str, dict[str, str], str, dict[str, str], GeoPoint | None]] = {
    "berlin_schulen.csv": (
        230, 0, "generic-de+en",
        {"name": "Name", "street": "Adresse", "postcode": "PLZ", "phone": "Telefon"},
        "Berlin-Kolleg", {"street": "Turmstr. 75", "postcode": "10551"}, None,
    ),
    "caceres_farmacias.csv": (
        38, 0, "generic-en",
        {"name": "schema_name", "street": "schema_address", "postcode": "schema_address_postalCode",
         "city": "schema_address_addressLocality", "latitude": "geo_lat",
         "longitude": "geo_long", "phone": "schema_telephone"},
        "Juan Jose Hernandez Rincon",
        {"street": "Calle Atahualpa , S/N", "city": "Caceres", "postcode": "10005"},
        GeoPoint(39.463, -6.3789),
    ),
    "catania_farmacie.csv": (
        100, 0, "generic-en+it",
        {"name": "NOME", "street": "RECAPITO", "latitude": "LAT", "longitude": "LON"},
        "COFFA ANTONINA", {"street": "VIA COLOMBO CRISTOFORO 25"},
        GeoPoint(37.50040574, 15.08787837),
    ),
    "cms_hospital_general_information.csv": (
        241, 0, "generic-en",
        {"name": "Hospital Name", "street": "Address", "city": "City", "region": "State",
         "postcode": "ZIP Code", "phone": "Phone Number", "account_id": "Provider ID"},
        "SOUTHEAST ALABAMA MEDICAL CENTER",
        {"street": "1108 ROSS CLARK CIRCLE", "city": "DOTHAN", "postcode": "36301", "region": "AL"},
        None,
    ),
    "mimit_impianti_2020.csv": (
        170, 0, "generic-it",
        {"name": "Nome Impianto", "street": "Indirizzo", "city": "Comune", "region": "Provincia",
         "latitude": "Latitudine", "longitude": "Longitudine", "account_id": "idImpianto"},
        "VILLASETA",
        {"street": "VILLASETA S.S.115 KM 186,225", "city": "AGRIGENTO", "region": "AG"},
        GeoPoint(37.29331979071349, 13.569776862859726),
    ),
    "mimit_impianti_2026.csv": (
        151, 3, "generic-it",
        {"name": "Nome Impianto", "street": "Indirizzo", "city": "Comune", "region": "Provincia",
         "latitude": "Latitudine", "longitude": "Longitudine"},
        "19829 AGRIGENTO", {"city": "AGRIGENTO", "region": "AG"}, GeoPoint(37.333935, 13.595533),
    ),
    "moscow_schools.csv": (
        300, 0, "generic-en",
        {"name": "name", "street": "addr", "latitude": "lat", "longitude": "lon"},
        "Муниципальное общеобразовательное учреждение Первомайская средняя "
        "общеобразовательная школа",
        {"street": "Москва, поселение Первомайское, п.Первомайское, ул.Парковая, д.1"},
        GeoPoint(55.53417, 37.16415),
    ),
    "qcpp_pharmacies.csv": (
        227, 0, "generic-en",
        {"name": "Organisation Name", "city": "Suburb/City", "country": "Country",
         "account_id": "Certificate ID", "phone": "Phone"},
        "Advantage Pharmacy Hawthorn", {"city": "HAWTHORN", "country": "Australia"}, None,
    ),
    "rennes_annuaire_education.csv": (
        248, 1, "generic-fr",
        {"name": "Nom_etablissement", "street": "Adresse_1", "postcode": "Code postal",
         "city": "Nom_commune", "latitude": "latitude", "longitude": "longitude"},
        "Ecole primaire publique les Lucioles",
        {"street": "6 rue PHILIPPE", "city": "Baulon", "postcode": "35580"},
        GeoPoint(47.98614492070133, -1.9294895003671315),
    ),
    "rennes_colleges_geolocalisation.csv": (
        117, 0, "generic-fr",
        {"name": "Appellation officielle", "street": "Adresse", "postcode": "Code postal",
         "latitude": "Latitude", "longitude": "Longitude"},
        "Collège du Querpon", {"street": "Route DE CAMPEL", "postcode": "35330"},
        GeoPoint(47.89156984600312, -1.9895683290916766),
    ),
    "sapporo_clinics.csv": (
        259, 0, "generic-en",
        {"name": "name", "street": "addr1", "street2": "addr2", "street3": "addr3",
         "account_id": "id"},
        "中野医院", {"street": "北海道札幌市\n厚別区\n青葉町6丁目1-5"}, None,
    ),
    "salesforce_dataloader_accounts.csv": (
        300, 0, "salesforce-api",
        {"name": "NAME", "street": "BILLINGSTREET", "city": "BILLINGCITY", "region": "BILLINGSTATE",
         "postcode": "BILLINGPOSTALCODE", "country": "BILLINGCOUNTRY",
         "annual_revenue": "ANNUALREVENUE", "account_id": "ID"},
        "Gravity Investments",
        {"city": "FORT COLLINS", "region": "CO", "postcode": "80525", "country": "US"}, None,
    ),
    "sjc_escolas_municipais.csv": (
        133, 0, "generic-pt",
        {"name": "Nome_Escola", "street": "Endereco", "city": "Municipio", "postcode": "CEP",
         "phone": "Fone1"},
        "ALADIR MAIA RIBEIRO GOMES NEI",
        {"street": "PORTO NOVO", "city": "SAO JOSE DOS CAMPOS", "postcode": "12230060"}, None,
    ),
    "starbucks_directory.csv": (
        256, 0, "generic-en",
        {"name": "Store Name", "street": "Street Address", "city": "City",
         "region": "State/Province", "country": "Country", "postcode": "Postcode",
         "latitude": "Latitude", "longitude": "Longitude"},
        "Meritxell, 96",
        {"street": "Av. Meritxell, 96", "city": "Andorra la Vella", "country": "AD"},
        GeoPoint(42.51, 1.53),
    ),
    "starbucks_directory_snake.csv": (
        256, 0, "generic-en",
        {"name": "store_name", "street": "Street Address", "city": "City",
         "latitude": "Latitude", "longitude": "Longitude"},
        "Oasis Hospital", {"city": "Al Ain", "country": "AE"}, GeoPoint(24.13, 55.8),
    ),
    "uk_neonatal_hospitals.csv": (
        161, 0, "generic-en",
        {"name": "hospital", "city": "city", "postcode": "Postcode"},
        "Queen Elizabeth Hospital Edgbaston; Birmingham",
        {"city": "Birmingham", "postcode": "B15 2TH"}, None,
    ),
    "us_airport_traffic_2011.csv": (
        221, 0, "generic-en",
        {"name": "airport", "city": "city", "region": "state", "country": "country",
         "latitude": "lat", "longitude": "long"},
        "Chicago O'Hare International", {"city": "Chicago", "region": "IL", "country": "USA"},
        GeoPoint(41.979595, -87.90446417),
    ),
    "walmart_store_openings.csv": (
        250, 0, "generic-en",
        {"account_id": "storenum", "street": "STREETADDR", "city": "STRCITY",
         "region": "STRSTATE", "postcode": "ZIPCODE", "latitude": "LAT", "longitude": "LON"},
        "storenum 1", {"street": "2110 WEST WALNUT", "city": "Rogers", "region": "AR"},
        GeoPoint(36.342235, -94.07141),
    ),
}  # fmt: skip


def test_corpus_has_at_least_twelve_real_files() -> None:
    files = [p for p in REAL.glob("*.csv") if not p.name.endswith(".coordinates.csv")]
    assert len(files) >= 12
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    assert all(p.name in sources for p in files)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file_imports_without_a_mapping(name: str) -> None:
    rows, rejected, preset, mapped, first, address, location = EXPECTED[name]
    parsed = read_import(REAL / name)
    headers = parsed.table.headers
    assert {f: headers[parsed.columns.fields[f]] for f in mapped} == mapped
    assert (len(parsed.rows), len(parsed.rejected), parsed.columns.preset) == (
        rows, rejected, preset,
    )  # fmt: skip
    row = parsed.rows[0]
    assert row.fields["name"] == first
    assert {k: row.address[k] for k in address} == address
    assert row.fields.get("location") == location


def test_opportunity_export_with_upper_case_headers_merges_deals_onto_accounts() -> None:
    parsed = read_import(REAL / "salesforce_dataloader_opportunities.csv")
    assert parsed.is_opportunities
    headers = parsed.table.headers
    fields = {f: headers[i] for f, i in parsed.columns.fields.items()}
    assert fields["account_id"] == "ACCOUNTID" and fields["opportunity_id"] == "ID"
    assert fields["stage"] == "STAGENAME" and fields["amount"] == "AMOUNT"
    assert "name" not in fields  # NAME is the opportunity's, not the account's
    assert len(parsed.rows) == 7  # 38 deals on 7 accounts


def test_preamble_line_is_skipped_and_reported() -> None:
    parsed = read_import(REAL / "mimit_impianti_2020.csv")
    assert parsed.table.headers[0] == "idImpianto" and parsed.table.delimiter == ";"
    assert parsed.table.skipped == 1
    assert parsed.table.notes == [
        "skipped 1 line(s) above the header on row 2: 'Estrazione del 2020-06-22'"
    ]


def test_values_decide_between_candidate_columns() -> None:
    # "Dénomination principale" holds the school type (COLLEGE on most rows): not the name.
    parsed = read_import(REAL / "rennes_colleges_geolocalisation.csv")
    names = {str(r.fields["name"]) for r in parsed.rows}
    assert "COLLEGE" not in names and len(names) > 100
    # "County Name" is no hospital name; a numeric "st" (state FIPS code) is no state.
    cms = read_import(REAL / "cms_hospital_general_information.csv")
    assert "County Name" in cms.columns.unused
    walmart = read_import(REAL / "walmart_store_openings.csv")
    assert {"st", "county"} <= set(walmart.columns.unused)
    # An NHS "region" of numbers is no region; "unique city name" is no hospital's name.
    nhs = read_import(REAL / "uk_neonatal_hospitals.csv")
    assert {"region", "unique city name"} <= set(nhs.columns.unused)


def test_a_house_number_column_is_no_account_id() -> None:
    # "Numero" repeats (SN, 111, ...): taken as the id it rejected 79 of 218 schools as
    # duplicates of each other.
    parsed = read_import(REAL / "sjc_escolas_municipais.csv")
    assert "account_id" not in parsed.columns.fields and "Numero" in parsed.columns.unused


def test_a_postcode_alone_does_not_tell_the_country() -> None:
    # Cáceres' 10005 is also a New York ZIP: without a country column and with a town
    # found in Spain, Colombia and Brazil, nothing is inferred and nothing is pinned abroad.
    from planner.io.geocoding import Gazetteer
    from planner.services.import_country import settle_country

    parsed = read_import(REAL / "caceres_farmacias.csv")
    assert settle_country(parsed, gazetteer=Gazetteer()) == ""
    assert not any(r.address.get("country") for r in parsed.rows)


def test_annual_revenue_is_never_the_deal_amount() -> None:
    parsed = read_import(REAL / "salesforce_dataloader_accounts.csv")
    assert "amount" not in parsed.columns.fields


def test_opportunities_merge_onto_the_accounts_of_the_same_org(tmp_path: Path) -> None:
    from planner.io.workspace import Workspace
    from planner.services.import_accounts import import_accounts

    with Workspace.open(tmp_path / "ws.tpw") as ws:
        import_accounts(ws, REAL / "salesforce_dataloader_accounts.csv")
        report = import_accounts(ws, REAL / "salesforce_dataloader_opportunities.csv")
        with_deals = [a for a in ws.accounts() if a.stage]
    assert (report.kind, report.updated, report.merged, len(report.rejected)) == (
        "opportunities", 7, 31, 0,
    )  # fmt: skip
    assert len(with_deals) == 7 and all(a.amount is not None for a in with_deals)
