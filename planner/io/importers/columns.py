"""Which column holds which account field: header presets for common CRM exports and
the auto-mapping that picks the preset matching most headers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Account fields an import can fill (Account attributes, with the address and the
# coordinates split into their parts) plus the opportunity fields used to merge deals.
FIELDS = (
    "account_id", "name", "street", "street2", "city", "postcode", "region", "country",
    "latitude", "longitude", "amount", "currency", "stage", "probability", "close_date",
    "last_visit", "cadence_days", "meeting_minutes", "opening_hours", "owner", "phone",
    "contact", "industry", "tags", "notes", "opportunity_id", "opportunity_name",
)  # fmt: skip

PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    "salesforce-report": {
        "account_id": ("Account ID", "Account Number"),
        "name": ("Account Name",),
        "street": ("Billing Street", "Billing Address Line 1"),
        "street2": ("Billing Address Line 2",),
        "city": ("Billing City",),
        "postcode": ("Billing Zip/Postal Code",),
        "region": ("Billing State/Province",),
        "country": ("Billing Country",),
        "latitude": ("Billing Latitude",),
        "longitude": ("Billing Longitude",),
        "amount": ("Amount", "Annual Revenue"),
        "currency": ("Amount Currency", "Opportunity Currency", "Account Currency"),
        "stage": ("Stage",),
        "probability": ("Probability (%)",),
        "close_date": ("Close Date",),
        "last_visit": ("Last Activity", "Last Visit Date"),
        "cadence_days": ("Visit Cadence (Days)",),
        "meeting_minutes": ("Meeting Duration (min)",),
        "opening_hours": ("Opening Hours",),
        "owner": ("Account Owner", "Opportunity Owner"),
        "phone": ("Phone",),
        "industry": ("Industry",),
        "contact": ("Primary Contact",),
        "tags": ("Type",),  # Customer / Prospect / Partner
        "notes": ("Description", "Next Step"),
        "opportunity_id": ("Opportunity ID",),
        "opportunity_name": ("Opportunity Name",),
    },
    "salesforce-api": {
        "account_id": ("AccountId", "Id", "AccountNumber"),
        "name": ("Name", "Account.Name", "AccountName"),
        "street": ("BillingStreet",),
        "city": ("BillingCity",),
        "postcode": ("BillingPostalCode",),
        "region": ("BillingState", "BillingStateCode"),
        "country": ("BillingCountry", "BillingCountryCode"),
        "latitude": ("BillingLatitude",),
        "longitude": ("BillingLongitude",),
        "amount": ("Amount", "AnnualRevenue"),
        "currency": ("CurrencyIsoCode",),
        "stage": ("StageName",),
        "probability": ("Probability",),
        "close_date": ("CloseDate",),
        "last_visit": ("LastActivityDate", "Last_Visit__c"),
        "cadence_days": ("Visit_Cadence__c",),
        "meeting_minutes": ("Meeting_Duration__c",),
        "opening_hours": ("Opening_Hours__c",),
        "owner": ("OwnerId", "Owner.Name"),
        "phone": ("Phone",),
        "industry": ("Industry",),
        "notes": ("Description", "NextStep"),
        "opportunity_id": ("OpportunityId",),
        "opportunity_name": ("Opportunity.Name", "OpportunityName"),
    },
    "hubspot": {
        "account_id": ("Record ID", "Company ID", "Associated Company ID"),
        "name": ("Company name", "Associated Company"),
        "street": ("Street Address",),
        "street2": ("Street Address 2",),
        "city": ("City",),
        "postcode": ("Postal Code",),
        "region": ("State/Region",),
        "country": ("Country/Region",),
        "amount": ("Amount", "Total Revenue", "Annual Revenue"),
        "currency": ("Currency",),
        "stage": ("Deal Stage",),
        "probability": ("Deal probability", "Deal Stage Probability"),
        "close_date": ("Close Date",),
        "last_visit": ("Last Activity Date", "Last Contacted"),
        "owner": ("Company owner", "Deal owner"),
        "phone": ("Phone Number",),
        "industry": ("Industry",),
        "notes": ("Description",),
        "opportunity_id": ("Deal ID",),
        "opportunity_name": ("Deal Name",),
    },
    "hubspot-api": {
        "account_id": ("hs_object_id", "associatedcompanyid"),
        "name": ("name",),
        "street": ("address",),
        "street2": ("address2",),
        "city": ("city",),
        "postcode": ("zip",),
        "region": ("state",),
        "country": ("country",),
        "amount": ("amount", "annualrevenue"),
        "currency": ("deal_currency_code",),
        "stage": ("dealstage",),
        "probability": ("hs_deal_stage_probability",),
        "close_date": ("closedate",),
        "last_visit": ("notes_last_contacted", "hs_last_activity_date"),
        "owner": ("hubspot_owner_id",),
        "phone": ("phone",),
        "industry": ("industry",),
        "notes": ("description",),
        "opportunity_id": ("hs_deal_id",),
        "opportunity_name": ("dealname",),
    },
    "generic-en": {
        "account_id": ("id", "account id", "customer id", "customer number", "crm id", "code"),
        "name": ("name", "account", "account name", "company", "company name", "customer"),
        "street": ("address", "street", "street address", "address line 1", "address 1"),
        "street2": ("address line 2", "address 2"),
        "city": ("city", "town", "locality"),
        "postcode": ("zip", "zip code", "postcode", "postal code", "post code"),
        "region": ("state", "province", "region", "county"),
        "country": ("country",),
        "latitude": ("lat", "latitude"),
        "longitude": ("lon", "lng", "long", "longitude"),
        "amount": ("amount", "deal value", "deal amount", "value", "revenue", "potential"),
        "currency": ("currency",),
        "stage": ("stage", "deal stage", "status"),
        "probability": ("probability", "win probability", "probability %", "chance"),
        "close_date": ("close date", "expected close", "expected close date"),
        "last_visit": ("last visit", "last visit date", "last visited", "last meeting"),
        "cadence_days": ("cadence", "visit cadence", "cadence days", "visit every", "frequency"),
        "meeting_minutes": ("meeting minutes", "meeting duration", "visit duration", "duration"),
        "opening_hours": ("opening hours", "hours", "open hours", "business hours"),
        "owner": ("owner", "rep", "sales rep", "account owner"),
        "phone": ("phone", "telephone", "phone number"),
        "contact": ("contact", "contact name"),
        "industry": ("industry", "sector", "segment"),
        "tags": ("tags", "labels"),
        "notes": ("notes", "note", "comments", "description"),
        "opportunity_id": ("opportunity id", "deal id"),
        "opportunity_name": ("opportunity", "opportunity name", "deal", "deal name"),
    },
    "generic-it": {
        "account_id": ("codice", "codice cliente", "id cliente", "cod cliente", "partita iva"),
        "name": ("ragione sociale", "cliente", "nome", "denominazione", "azienda"),
        "street": ("indirizzo", "via", "sede"),
        "city": ("comune", "citta", "localita"),
        "postcode": ("cap",),
        "region": ("provincia", "prov", "regione"),
        "country": ("nazione", "paese", "stato"),
        "latitude": ("latitudine", "lat"),
        "longitude": ("longitudine", "lon", "lng"),
        "amount": ("importo", "valore", "fatturato", "potenziale", "valore trattativa"),
        "currency": ("valuta",),
        "stage": ("fase", "stato trattativa", "fase trattativa"),
        "probability": ("probabilita", "probabilita %", "probabilita di chiusura"),
        "close_date": ("data chiusura", "data chiusura prevista"),
        "last_visit": ("ultima visita", "data ultima visita"),
        "cadence_days": ("frequenza visite", "frequenza visite giorni", "cadenza", "frequenza"),
        "meeting_minutes": ("durata visita", "durata visita min", "durata"),
        "opening_hours": ("orari", "orari di apertura", "orario", "orario di apertura"),
        "owner": ("agente", "commerciale", "venditore", "responsabile"),
        "phone": ("telefono", "tel"),
        "contact": ("referente", "contatto"),
        "industry": ("settore", "categoria"),
        "tags": ("etichette", "tag"),
        "notes": ("note", "annotazioni"),
        "opportunity_name": ("trattativa", "opportunita"),
    },
}


def normalise_header(header: str) -> str:
    """Fold case, accents, punctuation and a ``__c`` suffix: 'Probabilità (%)' → 'probabilita %'."""
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"__c$", "", text)
    text = re.sub(r"[^a-z0-9%]+", " ", text)
    return " ".join(text.split())


_INDEX = {
    preset: {normalise_header(alias): fld for fld, aliases in table.items() for alias in aliases}
    for preset, table in PRESETS.items()
}


@dataclass(frozen=True)
class ColumnMap:
    """field → column index in the table, and which preset the guess came from."""

    fields: dict[str, int]
    preset: str
    unused: tuple[str, ...] = ()  # headers no field took

    def header_of(self, headers: tuple[str, ...], fld: str) -> str:
        return headers[self.fields[fld]] if fld in self.fields else fld


def guess_columns(headers: tuple[str, ...]) -> ColumnMap:
    """Map headers to fields with the preset that recognises most of them; headers it does
    not know are then tried against the other presets (a Salesforce report with an extra
    Italian column still maps both)."""
    keys = [normalise_header(h) for h in headers]
    scores: dict[str, float] = {p: sum(k in index for k in keys) for p, index in _INDEX.items()}
    # Exact (case-sensitive) API names tell the API presets apart from generic headers.
    for preset in ("salesforce-api", "hubspot-api"):
        exact = {a for aliases in PRESETS[preset].values() for a in aliases}
        scores[preset] += sum(h in exact for h in headers) * 0.5
    # On a tie the generic presets win: their names promise less.
    best = max(sorted(scores, key=lambda p: not p.startswith("generic")), key=lambda p: scores[p])
    order = [best, *(p for p in _INDEX if p != best)]
    fields: dict[str, int] = {}
    for preset in order:
        for i, key in enumerate(keys):
            fld = _INDEX[preset].get(key)
            if fld and fld not in fields and i not in fields.values():
                fields[fld] = i
    if best == "salesforce-api" and "AccountId" in headers:
        fields = _opportunity_object(headers, fields)
    unused = tuple(h for i, h in enumerate(headers) if i not in fields.values() and h)
    return ColumnMap(fields, best if scores[best] else "none", unused)


def _opportunity_object(headers: tuple[str, ...], fields: dict[str, int]) -> dict[str, int]:
    """A Data Loader export of the Opportunity object: there ``Id`` and ``Name`` are the
    opportunity's own, and ``AccountId`` (or ``Account.Name``) names the account."""
    out = {f: i for f, i in fields.items() if headers[i] not in ("Id", "Name", "AccountId")}
    out.pop("name", None)
    out["account_id"] = headers.index("AccountId")
    if "Id" in headers:
        out["opportunity_id"] = headers.index("Id")
    if "Name" in headers:
        out["opportunity_name"] = headers.index("Name")
    if "Account.Name" in headers:
        out["name"] = headers.index("Account.Name")
    return out
