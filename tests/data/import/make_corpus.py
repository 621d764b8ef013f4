"""Write the importer test corpus (bad and awkward CRM exports) into this folder.

The files are committed; this script documents how each was made and rebuilds them:
    .venv/bin/python tests/data/import/make_corpus.py
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SF = "Account ID,Account Name,Billing Street,Billing City,Amount,Probability (%),Close Date"
IT = (
    "Codice;Ragione sociale;Indirizzo;CAP;Comune;Provincia;Latitudine;Longitudine;"
    "Importo;Probabilità"
)

TEXT_FILES: dict[str, tuple[str, str]] = {  # name: (encoding, text)
    "cp1252_semicolon.csv": ("cp1252", f"{IT}\n"
        "C1;Caffè Nerò S.r.l.;Via Città 3;47121;Forlì;FC;44,2227;12,0407;1.250,50;75\n"
        "C2;Pasticceria Perché;Piazza Libertà 1;48121;Ravenna;RA;44,4184;12,2035;900;30 %\n"),
    "utf8_bom.csv": ("utf-8-sig", f"{SF}\n001,Caffè Roma,Via Roma 1,Bologna,1000,50,2026-03-31\n"),
    "utf16_tab.txt": ("utf-16", "Company name\tCity\tAmount\nBar Sport\tModena\t1200.5\n"),
    "pipe_delimited.csv": ("utf-8", "name|city|amount|probability\nAlfa|Parma|100|0.5\n"
                           "Beta|Piacenza|200|0.25\n"),
    "tab_delimited.tsv": ("utf-8", "name\tcity\tamount\nAlfa\tParma\t1,234.50\n"),
    "decimal_comma_thousands.csv": ("utf-8", "name;importo;latitudine;longitudine\n"
        "Alfa;1.234.567,89;44,4949;11,3426\nBeta;12,5;44,5;11,25\n"),
    "embedded_newlines.csv": ("utf-8", f"{SF}\n"
        '001,"Bar ""Centrale""","Via Roma 1\nScala B\nInterno 4",Bologna,100,10,2026-01-31\n'
        "002,Bar Due,Via Po 2,Modena,abc,10,2026-01-31\n"),
    "salesforce_footer.csv": ("utf-8", f"{SF}\n001,Alfa,Via A 1,Bologna,100,10,2026-01-31\n"
        ',,,,,,\n\n"Grand Totals (1 records)",,,,100,,\n\n'
        '"Confidential Information - Do Not Distribute"\n'
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'),
    "duplicate_ids.csv": ("utf-8", f"{SF}\n001,Alfa,Via A 1,Bologna,100,10,2026-01-31\n"
        "002,Beta,Via B 2,Modena,200,20,2026-01-31\n001,Alfa bis,Via A 1,Bologna,300,10,\n"),
    "missing_name.csv": ("utf-8", f"{SF}\n001,Alfa,Via A 1,Bologna,100,10,2026-01-31\n"
        "002,   ,Via B 2,Modena,200,20,2026-01-31\n"),
    "non_numeric_amount.csv": ("utf-8", f"{SF}\n001,Alfa,Via A 1,Bologna,tbd,10,2026-01-31\n"),
    "probability_150.csv": ("utf-8", f"{SF}\n001,Alfa,Via A 1,Bologna,100,150,2026-01-31\n"
        "002,Beta,Via B 2,Bologna,100,-5,2026-01-31\n"),
    "dates_three_formats.csv": ("utf-8", "name,close date,last visit\n"
        "Alfa,2026-03-31,31/01/2026\nBeta,31.03.2026,2026-01-15\nGamma,31/03/2026,15.01.2026\n"
        "Delta,2026-13-01,\n"),
    "us_dates.csv": ("utf-8", "name,close date\nAlfa,3/31/2026\nBeta,04/01/2026\n"),
    "empty.csv": ("utf-8", ""),
    "whitespace_only.csv": ("utf-8", "\n \n\t\n"),
    "header_only.csv": ("utf-8", f"{SF}\n"),
    "no_name_column.csv": ("utf-8", "foo,bar\n1,2\n"),
    "ragged_rows.csv": ("utf-8", "name,city,amount\nAlfa,Parma\nBeta,Parma,10,oops,more\n"
        "Gamma,Parma,10,,\n"),
    "bad_coordinates.csv": ("utf-8", "name,latitude,longitude\nAlfa,144.5,11.2\nBeta,44.5,\n"
        "Gamma,0,0\nDelta,44.5,11.25\n"),
    "bad_opening_hours.csv": ("utf-8", "name,opening hours\nAlfa,Mon-Fri 09:00-18:00\n"
        "Beta,Mon-Fri 9-18\nGamma,Xyz 09:00-12:00\n"),
    "bad_cadence_and_minutes.csv": ("utf-8", "name,cadence,meeting minutes\nAlfa,monthly,45\n"
        "Beta,sometimes,45\nGamma,2 weeks,900\n"),
    "negative_amount.csv": ("utf-8", "name,amount,currency\nAlfa,-500,EUR\nBeta,300,euro\n"
        "Gamma,\"€ 1,200.00\",\n"),
    "unclosed_quote.csv": ("utf-8", 'name,city\nAlfa,Parma\n"Beta,Parma\nGamma,Parma\n'),
}  # fmt: skip


def main() -> None:
    for name, (encoding, text) in TEXT_FILES.items():
        (HERE / name).write_bytes(text.encode(encoding))
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4096))
    (HERE / "binary_junk.csv").write_bytes(junk)
    (HERE / "binary_no_nul.dat").write_bytes(junk.replace(b"\x00", b"\x01"))
    # Excel 97-2003 files start with the OLE2 signature.
    (HERE / "old_excel.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504)
    (HERE / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"this is not a workbook" * 10)


if __name__ == "__main__":
    main()
