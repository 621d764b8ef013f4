# ruff: noqa: E501  (hostile rows are kept whole on one line, as they appear in the file)
"""Write the hostile import corpus into this folder, with manifest.json.

Each file is a broken, awkward or malicious CRM export; the manifest gives its category,
what it tests, and how many rows follow its header (``rows``; ``null`` for a file that
must be refused with one sentence). ``tests/io/importers/test_hostile_corpus.py`` imports
every file and checks that nothing raises a traceback, each import takes under 60 s and
the report accounts for every row; ``benchmarks/hostile_corpus.py`` prints the table.

    .venv/bin/python -m tests.data.hostile.make_hostile
"""

from __future__ import annotations

import gzip
import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.data.hostile.xlsx_writer import SharedRef, sheet_xml, table_rows, write_xlsx

HERE = Path(__file__).resolve().parent
SF = "Account ID,Account Name,Notes,Billing City,Amount"


@dataclass
class Entry:
    category: str
    rows: int | None  # rows after the header; None: the file is refused
    what: str


MANIFEST: dict[str, Entry] = {}


def text_file(name: str, category: str, what: str, header: str | None, rows: list[str],
              *, encoding: str = "utf-8", newline: str = "\n", end: str = "\n",
              refused: bool = False) -> None:  # fmt: skip
    """A delimited file: ``rows`` are the lines after the header, one record each;
    ``refused``: the whole file must be refused with one sentence."""
    lines = ([header] if header is not None else []) + rows
    data = (newline.join(lines) + (end if lines else "")).encode(encoding)
    raw_file(name, category, what, data, None if refused else len(rows))


def raw_file(name: str, category: str, what: str, data: bytes, rows: int | None) -> None:
    (HERE / name).write_bytes(data)
    MANIFEST[name] = Entry(category, rows, what)


def sf_rows(count: int, start: int = 1) -> list[str]:
    return [f"{i},Account {i},note {i},Bologna,{i}00" for i in range(start, start + count)]


def quotes() -> None:
    rows = sf_rows(10)
    rows[2] = '3,Account 3,"never closed note,Bologna,300'
    rows[7] = '8,Account 8,"a quoted, proper note",Bologna,800'
    text_file("q_runaway_mid_file.csv", "quotes", "unclosed quote closed by a later quoted cell",
              SF, rows)  # fmt: skip
    rows = sf_rows(5)
    rows[3] = '4,Account 4,"open to the end,Bologna,400'
    text_file("q_runaway_to_end.csv", "quotes", "quote never closed before the end", SF, rows)
    rows = sf_rows(6)
    rows[0] = '1,"Account 1,note,Bologna,100'
    rows[4] = '5,Account 5,"ok",Bologna,500'
    text_file("q_runaway_first_row.csv", "quotes", "first data row opens a quote", SF, rows)
    rows = sf_rows(12)
    rows[1] = '2,Account 2,"first runaway,Bologna,200'
    rows[4] = '5,Account 5,"closes it",Bologna,500'
    rows[7] = '8,Account 8,"second runaway,Bologna,800'
    rows[10] = '11,Account 11,"closes that",Bologna,1100'
    text_file("q_two_runaways.csv", "quotes", "two separate runaway quotes", SF, rows)
    rows = [r.replace(",", ";") for r in sf_rows(8)]
    rows[2] = '3;Account 3;"semicolon runaway;Bologna;300'
    rows[6] = '7;Account 7;"quoted; note";Bologna;700'
    text_file("q_runaway_semicolon.csv", "quotes", "runaway in a ';' file", SF.replace(",", ";"),
              rows)  # fmt: skip
    rows = [r.replace(",", "\t") for r in sf_rows(6)]
    rows[1] = '2\tAccount 2\t"tab runaway\tBologna\t200'
    rows[4] = '5\tAccount 5\t"quoted"\tBologna\t500'
    text_file("q_runaway_tab.tsv", "quotes", "runaway in a tab-separated file",
              SF.replace(",", "\t"), rows)  # fmt: skip
    rows = sf_rows(4)
    rows[1] = '2,Account 2,"runs on,Bologna,200'
    rows[2] = '3,Account 3,"closes here",Bologna,300'
    text_file("q_runaway_next_line.csv", "quotes", "runaway closed on the very next line", SF,
              rows)  # fmt: skip
    text_file("q_quotes_inside_unquoted.csv", "quotes", 'Bar "Centrale" without outer quotes',
              SF, ['1,Bar "Centrale",note,Bologna,100', '2,Caffè "Roma" 2,x,Parma,200',
                   "3,Plain,y,Modena,300", '4,Osteria 5",z,Forlì,400'])  # fmt: skip
    text_file("q_doubled_quotes.csv", "quotes", "properly doubled quotes", SF,
              ['1,"Bar ""Centrale""",note,Bologna,100', '2,"""Quoted"" name","a ""b"" c",Parma,1',
               '3,"",empty name,Modena,3'])  # fmt: skip
    text_file("q_text_after_closing_quote.csv", "quotes", '"Alfa" S.r.l. (text after a quote)',
              SF, ['1,"Alfa" S.r.l.,note,Bologna,100', "2,Beta,note,Parma,200",
                   '3,"Gamma"x,"y"z,Modena,300'])  # fmt: skip
    text_file("q_multiline_addresses.csv", "quotes", "legitimate line breaks in quoted cells",
              "Account ID,Account Name,Billing Street,Billing City,Amount",
              ['1,Alfa,"Via Roma 1\nScala B\nInterno 4",Bologna,100', "2,Beta,Via Po 2,Parma,200",
               '3,"Gamma\nS.r.l.","Via A, 3\nPiano 2",Modena,300',
               '4,Delta,"Via B 4\r\nretro",Forlì,400', "5,Echo,Via C 5,Rimini,500"])  # fmt: skip
    text_file("q_lone_quote_cell.csv", "quotes", 'a cell that is one " character', SF,
              ['1,Alfa,",Bologna,100', "2,Beta,ok,Parma,200", "3,Gamma,ok,Modena,300"])  # fmt: skip


def encodings() -> None:
    mixed = ("name,city\nCaffè Roma,Forlì\nBar Sport,Modena\n".encode()
             + b"Osteria Perch\xe9,Bra\nPizzeria Napul\xe8,Napoli\n")  # fmt: skip
    raw_file("e_mixed_utf8_cp1252.csv", "encoding", "UTF-8 with two Windows-1252 cells", mixed, 4)
    text_file("e_cp1252.csv", "encoding", "a Windows-1252 export throughout", "name;città",
              ["Caffè Nerò;Forlì", "Pasticceria Perché;Ravenna", "Bar € 1;Cesena"],
              encoding="cp1252")  # fmt: skip
    raw_file("e_latin1_undefined_cp1252.csv", "encoding", "bytes Windows-1252 leaves undefined",
             b"name,city\nCaf\xe9 \x81,Parma\nBar \x8d,Modena\n", 2)  # fmt: skip
    rows = ["Bar Sport\tModena", "Caffè\tForlì", "Ristorante 東京\tMilano"]
    text_file("e_utf16le_no_bom.txt", "encoding", "UTF-16 LE without BOM", "name\tcity", rows,
              encoding="utf-16-le")  # fmt: skip
    text_file("e_utf16be_no_bom.txt", "encoding", "UTF-16 BE without BOM", "name\tcity", rows,
              encoding="utf-16-be")  # fmt: skip
    text_file("e_utf16_bom.txt", "encoding", "UTF-16 with BOM (Excel Unicode text)",
              "name\tcity", rows, encoding="utf-16")  # fmt: skip
    text_file("e_utf8_bom.csv", "encoding", "UTF-8 with BOM", SF, sf_rows(2), encoding="utf-8-sig")
    raw_file("e_nul_in_cell.csv", "encoding", "one NUL byte in a name",
             b"name,city\nAl\x00fa,Parma\nBeta,Modena\nGamma,Rimini\n", 3)  # fmt: skip
    lines = [f"Account {i},Bologna" for i in range(50)]
    lines[10] = "Acc\x00ount 10,Bologna"
    lines[30] = "Account 30,Bolo\x00\x00gna"
    text_file("e_few_nuls_in_many_rows.csv", "encoding", "NUL bytes in 2 of 50 rows",
              "name,city", lines)  # fmt: skip
    text_file("e_cr_only_newlines.csv", "encoding", "old Mac line ends (CR only)", "name,city",
              ["Alfa,Parma", "Beta,Modena", "Gamma,Rimini"], newline="\r", end="\r")  # fmt: skip
    raw_file("e_mixed_newlines.csv", "encoding", "LF, CRLF and CR line ends in one file",
             b"name,city\r\nAlfa,Parma\nBeta,Modena\r\nGamma,Rimini\rDelta,Imola\n", 4)  # fmt: skip
    text_file("e_bom_inside.csv", "encoding", "U+FEFF inside cells", "\ufeffname,ci\ufefft y",
              ["Al\ufefffa,Parma", "\ufeffBeta,Modena"])  # fmt: skip
    raw_file("e_overlong_utf8.csv", "encoding", "overlong UTF-8 sequences (C0 AF)",
             "name,city\nCaffè,Forlì\n".encode() + b"Bar \xc0\xaf,Parma\n", 2)  # fmt: skip
    raw_file("e_utf8_surrogates.csv", "encoding", "UTF-8-encoded surrogates (ED A0 80)",
             "name,city\nCaffè,Forlì\n".encode() + b"Bar \xed\xa0\x80,Parma\n", 2)  # fmt: skip
    text_file("e_ctrl_z_end.csv", "encoding", "DOS Ctrl-Z end-of-file mark", "name,city",
              ["Alfa,Parma", "Beta,Modena"], end="\r\n\x1a")  # fmt: skip
    raw_file("e_utf32.csv", "encoding", "UTF-32 with its byte-order mark",
             "name,city\nCaffè,Forlì\n".encode("utf-32"), 1)  # fmt: skip
    text_file("e_gb18030.csv", "encoding", "Chinese text in GB18030 (read as a legacy code page)",
              "name,city", ["北京饭店,Beijing", "上海商店,Shanghai"], encoding="gb18030")  # fmt: skip


def structure() -> None:
    raw_file("s_empty.csv", "structure", "zero bytes", b"", None)
    raw_file("s_whitespace_only.csv", "structure", "blank lines and tabs", b"\n \n\t\n", None)
    text_file("s_header_only.csv", "structure", "a header and nothing else", SF, [])
    text_file("s_no_name_column.csv", "structure", "no column names an account", "foo,bar",
              ["1,2"] * 3, refused=True)  # fmt: skip
    text_file("s_ragged_rows.csv", "structure", "rows shorter and longer than the header",
              "name,city,amount", ["Alfa,Parma", "Beta,Parma,10,oops,more", "Gamma,Parma,10,,",
                                   "Delta"])  # fmt: skip
    text_file("s_duplicate_headers.csv", "structure", "the same header twice",
              "name,city,city,amount", ["Alfa,Parma,Modena,1", "Beta,Rimini,Imola,2"])  # fmt: skip
    text_file("s_empty_header_names.csv", "structure", "blank header cells",
              "name,,city,", ["Alfa,,Parma,", "Beta,x,Modena,y"])  # fmt: skip
    wide = ",".join(["name"] + [f"col{i}" for i in range(1, 500)])
    rows = [",".join([f"Account {r}"] + [str(i) for i in range(1, 500)]) for r in range(3)]
    text_file("s_500_columns.csv", "structure", "500 columns", wide, rows)
    text_file("s_single_column.csv", "structure", "only a name column", "Account Name",
              ["Alfa", "Beta", "Gamma, with a comma"])  # fmt: skip
    raw_file("s_bom_only.csv", "structure", "a UTF-8 BOM and nothing else", b"\xef\xbb\xbf", None)
    text_file("s_header_repeated.csv", "structure", "the header again in the middle", SF,
              [*sf_rows(2), SF, *sf_rows(2, 3)])  # fmt: skip
    text_file("s_salesforce_footer.csv", "structure", "report footer rows", SF,
              [*sf_rows(3), ",,,,", "", '"Grand Totals (3 records)",,,,600', "",
               '"Confidential Information - Do Not Distribute"',
               '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."'])  # fmt: skip
    text_file("s_blank_lines_between.csv", "structure", "blank lines between rows", SF,
              ["", sf_rows(1)[0], "", "", sf_rows(1, 2)[0], "   ", sf_rows(1, 3)[0]])  # fmt: skip
    text_file("s_trailing_delimiters.csv", "structure", "every row ends with a delimiter",
              "name,city,", ["Alfa,Parma,", "Beta,Modena,,", "Gamma,Rimini,,,"])  # fmt: skip
    text_file("s_no_final_newline.csv", "structure", "no line end after the last row", SF,
              sf_rows(2), end="")  # fmt: skip
    text_file("s_only_delimiters.csv", "structure", "rows of empty cells", SF,
              [",,,,", ",,,,", sf_rows(1)[0]])  # fmt: skip
    raw_file("s_blank_lines_before_header.csv", "structure", "blank lines above the header",
             b"\n\n" + (SF + "\n" + "\n".join(sf_rows(2)) + "\n").encode(), 2)  # fmt: skip


def values() -> None:
    header = "name,city,amount,cadence,probability,latitude,longitude,close date,meeting minutes"

    def row(name: str, **cells: str) -> str:
        keys = ["amount", "cadence", "probability", "latitude", "longitude", "close", "minutes"]
        return ",".join([name, "Bologna", *(cells.get(k, "") for k in keys)])

    cases = {
        "v_amount_27_digits.csv": ("an amount with 27 digits",
                                   [row("A", amount="123456789012345678901234567"),
                                    row("B", amount="100")]),
        "v_amount_10e25.csv": ("an amount of 10^25, written out and as 1e25",
                               [row("A", amount="1" + "0" * 25), row("B", amount="1e25"),
                                row("C", amount="5000")]),
        "v_amount_words.csv": ("amounts as words, NaN and infinity",
                               [row("A", amount="tbd"), row("B", amount="NaN"),
                                row("C", amount="inf"), row("D", amount="-Infinity"),
                                row("E", amount="12")]),
        "v_amount_negative_and_huge_decimals.csv": ("negative and many-decimal amounts",
                               [row("A", amount="-500"), row("B", amount="0." + "1" * 40),
                                row("C", amount="1" * 12)]),
        "v_cadence_out_of_range.csv": ("cadences of 0, 10^8 days and 9999 weeks",
                                       [row("A", cadence="0"), row("B", cadence="99999999"),
                                        row("C", cadence="9999 weeks"), row("D", cadence="30")]),
        "v_probability_out_of_range.csv": ("probabilities 150, -5 and 1e308",
                                           [row("A", probability="150"),
                                            row("B", probability="-5"),
                                            row("C", probability="1e308"),
                                            row("D", probability="50")]),
        "v_coordinates_out_of_range.csv": ("latitude 95, longitude 200",
                                           [row("A", latitude="95", longitude="11"),
                                            row("B", latitude="44", longitude="200"),
                                            row("C", latitude="44.5", longitude="11.3")]),
        "v_coordinates_nan.csv": ("NaN and infinite coordinates",
                                  [row("A", latitude="nan", longitude="nan"),
                                   row("B", latitude="inf", longitude="11"),
                                   row("C", latitude="44.5", longitude="11.3")]),
        "v_impossible_dates.csv": ("31 February, year 99999, month 13",
                                   [row("A", close="31/02/2026"), row("B", close="99999-01-01"),
                                    row("C", close="2026-13-01"), row("D", close="2026-03-31")]),
        "v_meeting_minutes_huge.csv": ("meetings of 100,000 minutes and -5",
                                       [row("A", minutes="100000"), row("B", minutes="-5"),
                                        row("C", minutes="45")]),
    }  # fmt: skip
    for name, (what, rows) in cases.items():
        text_file(name, "values", what, header, rows)
    text_file("v_opening_hours_garbage.csv", "values", "unreadable opening hours",
              "name,city,opening hours", ["A,Rome,Mon-Fri 25:00-26:00", "B,Rome,every day",
                                          "C,Rome," + "Mon " * 500, "D,Rome,Mon-Fri 09:00-18:00"])  # fmt: skip
    text_file("v_currency_garbage.csv", "values", "currency cells that are not ISO codes",
              "name,city,amount,currency", ["A,Rome,10,euro", "B,Rome,10,€€€", "C,Rome,10,EUR"])  # fmt: skip


def sizes() -> None:
    text_file("z_one_mb_cell.csv", "size", "a 1 MB notes cell", "name,notes",
              ["Alfa," + "x" * 1_000_000, "Beta,short"])  # fmt: skip
    text_file("z_40k_char_name.csv", "size", "a 40,000-character account name", "name,city",
              ["N" * 40_000 + ",Parma", "Beta,Modena"])  # fmt: skip
    rng = random.Random(20)
    rows = [f"{i},Account {i},{rng.choice(['a', 'b', 'c'])},Bologna,{rng.randint(1, 9)}00"
            for i in range(10_000)]  # fmt: skip
    text_file("z_10k_rows.csv", "size", "10,000 rows", SF, rows)
    wide = ",".join(f"c{i}" for i in range(20_000))
    text_file("z_20k_column_header.csv", "size", "a header of 20,000 columns, no name",
              wide, ["1," * 10], refused=True)  # fmt: skip


def injection() -> None:
    text_file("i_formulas.csv", "injection", "spreadsheet formulas in cells", "name,notes,city",
              ['=HYPERLINK("http://evil.example","click"),x,Parma', "+1+1,=cmd|' /C calc'!A0,Rome",
               "@SUM(A1:A9),-2+3,Milano", "Normal,ok,Bari"])  # fmt: skip
    text_file("i_html_script.csv", "injection", "HTML and script in names and notes",
              "name,notes,city", ['<script>alert(1)</script>,<img src=x onerror=alert(1)>,Parma',
                                  "</td><b>bold</b>,&lt;&amp;,Rome"])  # fmt: skip
    text_file("i_bidi_controls.csv", "injection", "bidi overrides (U+202E) and isolates",
              "name,notes,city", ["Caffè \u202eaxxip\u202c Roma,\u2066note\u2069,Parma",
                                  "Invoice\u202egnp.exe,x,Rome", "Plain,ok,Bari"])  # fmt: skip
    text_file("i_control_chars.csv", "injection", "C0/C1 controls and escapes",
              "name,notes,city", ["Al\x07fa\x1b[31m,be\x08ll,Parma", "Beta\x85\x9b,x,Rome"])  # fmt: skip
    text_file("i_newlines_in_name.csv", "injection", "line breaks inside names",
              "name,city", ['"Line one\nBEGIN:VEVENT\nLine two",Parma', '"A\r\nB",Rome'])  # fmt: skip
    text_file("i_zero_width_and_emoji.csv", "injection", "zero-width, emoji, combining marks",
              "name,city", ["Ca\u200bffè\u200d,Parma", "🍕 Pizza 👨‍👩‍👧,Napoli",
                            "Ze\u0301\u0301\u0301\u0301ro,Rome"])  # fmt: skip


def opportunities() -> None:
    header = "Opportunity ID,Opportunity Name,Account ID,Account Name,Billing City,Amount,Stage"
    text_file("o_contact_roles.csv", "opportunities", "one row per contact role",
              header + ",Contact Name",
              ["O1,Renewal,A1,Alfa,Parma,10000,Prospecting,Anna",
               "O1,Renewal,A1,Alfa,Parma,10000,Prospecting,Bruno",
               "O1,Renewal,A1,Alfa,Parma,10000,Prospecting,Carla",
               "O2,Upsell,A1,Alfa,Parma,5000,Prospecting,Anna",
               "O3,New,A2,Beta,Modena,7000,Prospecting,Dario"])  # fmt: skip
    text_file("o_deal_without_account.csv", "opportunities", "deals naming unknown accounts",
              "Opportunity ID,Account ID,Amount", ["O1,A404,10", "O1,A404,10", "O2,A405,5"])  # fmt: skip
    text_file("o_open_and_closed.csv", "opportunities", "open and closed deals of one account",
              header, ["O1,Renewal,A1,Alfa,Parma,10000,Closed Won",
                       "O2,Upsell,A1,Alfa,Parma,5000,Negotiation",
                       "O3,Lost,A1,Alfa,Parma,9000,Closed Lost"])  # fmt: skip
    text_file("o_names_only.csv", "opportunities", "deals without ids, repeated rows",
              "Opportunity Name,Account Name,Billing City,Amount",
              ["Renewal,Alfa,Parma,100", "Renewal,Alfa,Parma,100", "Renewal,Alfa,Parma,250",
               "Other,Beta,Rome,1"])  # fmt: skip


def workbooks() -> None:
    head = [(1, "Account Name"), (2, "City")]
    rows = [(1, head), (2, [(1, "Alfa"), (2, "Parma")])]
    rows += [(r, [(16384, None)]) for r in range(3, 300001)]
    xlsx("x_dimension_xfd300000.xlsx", "A1:XFD300000 with one styled empty cell per row",
         sheet_xml(rows, "A1:XFD300000"), 299_999)  # fmt: skip
    plain = [["Account Name", "City", "Amount"], ["Alfa", "Parma", 10], ["Beta", "Modena", 20]]
    xlsx("x_no_dimension.xlsx", "no <dimension> element", sheet_xml(table_rows(plain), ""), 2)
    small = [(1, head), (5, [(3, "stray"), (1, "Gamma")]), (2, [(1, "Alfa")])]
    xlsx("x_wrong_dimension_rows_out_of_order.xlsx", "declares A1:A1, rows out of order",
         sheet_xml(small, "A1:A1"), 2)  # fmt: skip
    big = [["Account Name", "Notes"]] + [[f"A{i}", SharedRef(0)] for i in range(100)]
    xlsx("x_shared_string_1mb.xlsx", "one 1 MB shared string in 100 cells",
         sheet_xml(table_rows(big), "A1:B101"), 100, shared=["y" * 1_000_000])  # fmt: skip
    formulas = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Account Name</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>Alfa</t></is></c>'
                '<c r="B2"><f>1/0</f></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Beta'
                '</t></is></c><c r="B3" t="e"><v>#DIV/0!</v></c></row>')  # fmt: skip
    xlsx("x_formulas_and_errors.xlsx", "formulas without cached values, #DIV/0!",
         _sheet(formulas), 2)  # fmt: skip
    typed = [
        ["Account Name", "Amount", "Close Date", "Active"],
        ["Alfa", 1e25, 45000, True],
        ["Beta", 1.5e308, -1, False],
        ["Gamma", 1200.5, 46022.75, True],
    ]
    xlsx("x_numbers_dates_bools.xlsx", "1e25, 1.5e308, serial dates and booleans",
         sheet_xml(table_rows(typed), "A1:D4"), 3)  # fmt: skip
    xlsx("x_empty_sheet.xlsx", "a sheet without rows", sheet_xml([], ""), None)
    far = [(1, head), (2, [(1, "Alfa")]), (1048576, [(1, "Last row"), (2, "Parma")])]
    xlsx("x_last_possible_row.xlsx", "a row at 1,048,576", sheet_xml(far, ""), 2)
    bidi = [["Account Name", "Notes"], ["Caffè \u202eaxxip\u202c", '=HYPERLINK("x")']]
    xlsx("x_bidi_and_formula_text.xlsx", "bidi override and formula text in cells",
         sheet_xml(table_rows(bidi), "A1:B2"), 1)  # fmt: skip
    xlsx("x_bad_xml.xlsx", "a worksheet that is not XML", "<worksheet><sheetData><row", None)
    repeated = [["Account Name", "Notes"]] + [[f"A{i}", SharedRef(0)] for i in range(7000)]
    xlsx("x_shared_string_in_7000_cells.xlsx", "a 32,767-character text in 7,000 cells",
         sheet_xml(table_rows(repeated), ""), None, shared=["z" * 32_767])  # fmt: skip
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    laughs = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol1 "lol">{entities}]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
              'uniqueCount="1"><si><t>&lol9;</t></si></sst>')  # fmt: skip
    one = [["Account Name", "Notes"], ["Alfa", SharedRef(0)]]
    write_xlsx(HERE / "x_billion_laughs.xlsx", sheet_xml(table_rows(one), ""),
               extra={"xl/sharedStrings.xml": laughs})  # fmt: skip
    MANIFEST["x_billion_laughs.xlsx"] = Entry("xlsx", None, "XML entity expansion (billion laughs)")
    path = HERE / "x_no_worksheet.xlsx"
    write_xlsx(path, sheet_xml([], ""), skip=["xl/worksheets/sheet1.xml"])
    MANIFEST[path.name] = Entry("xlsx", None, "the workbook names a sheet that is missing")
    data = (HERE / "x_no_dimension.xlsx").read_bytes()
    raw_file("x_truncated.xlsx", "xlsx", "a workbook cut in half", data[: len(data) // 2], None)
    with zipfile.ZipFile(HERE / "x_not_a_workbook.xlsx", "w") as archive:
        entry = zipfile.ZipInfo("readme.txt", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(entry, "a zip file, not a workbook")
    MANIFEST["x_not_a_workbook.xlsx"] = Entry("xlsx", None, "a zip without a workbook")


def _sheet(rows_xml: str) -> str:
    namespace = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return (
        f'<?xml version="1.0"?><worksheet {namespace}><sheetData>{rows_xml}</sheetData></worksheet>'
    )


def xlsx(name: str, what: str, sheet: str, rows: int | None, shared: list[str] | None = None
         ) -> None:  # fmt: skip
    write_xlsx(HERE / name, sheet, shared or [])
    MANIFEST[name] = Entry("xlsx", rows, what)


def not_exports() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4096))
    raw_file("n_random_bytes.bin", "not an export", "4 KB of random bytes", junk, None)
    raw_file("n_pdf.csv", "not an export", "a PDF named .csv",
             b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" + junk[:512], None)  # fmt: skip
    raw_file("n_png.csv", "not an export", "a PNG named .csv",
             b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + junk[:256], None)  # fmt: skip
    raw_file("n_gzip.csv.gz", "not an export", "a gzip-compressed CSV",
             gzip.compress((SF + "\n" + "\n".join(sf_rows(50))).encode(), mtime=0), None)  # fmt: skip
    raw_file("n_old_excel.xls", "not an export", "an Excel 97-2003 file",
             bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504, None)  # fmt: skip
    raw_file("n_json.csv", "not an export", "a JSON document on one line (a header, no rows)",
             json.dumps([{"name": "Alfa"}, {"name": "Beta"}]).encode(), 0)  # fmt: skip
    raw_file("n_sqlite.csv", "not an export", "an SQLite database named .csv",
             b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 4000, None)  # fmt: skip


def main() -> None:
    for old in HERE.iterdir():
        if old.suffix not in (".py", ".md") and old.name != "__pycache__":
            old.unlink()
    for make in (quotes, encodings, structure, values, sizes, injection, opportunities,
                 workbooks, not_exports):  # fmt: skip
        make()
    manifest = {name: vars(entry) for name, entry in sorted(MANIFEST.items())}
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                        encoding="utf-8")  # fmt: skip
    print(f"{len(manifest)} files in {HERE}")


if __name__ == "__main__":
    main()
