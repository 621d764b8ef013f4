"""Property: any table written as CSV reads back identically (cells, headers, rows)."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.io.importers.decoding import decode
from planner.io.importers.table import _is_footer, parse_text

DELIMITERS = (",", ";", "\t", "|")
# Any printable text, quotes and line breaks included; surrogates and NUL cannot be written.
ANY_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff")
WESTERN = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-'\"\n&/()")
    + list("àèéìòùçÀÈÉÌÒÙ€äöüß")
)


def tables(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[list[list[str]]]:
    def build(width: int) -> st.SearchStrategy[list[list[str]]]:
        cell = st.text(alphabet, max_size=12)
        row = st.lists(cell, min_size=width, max_size=width)
        return st.lists(row, min_size=2, max_size=8)

    return st.integers(min_value=2, max_value=6).flatmap(build)


def _write(table: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    return out.getvalue()


def _assume_readable(table: list[list[str]]) -> None:
    """Blank rows and Salesforce footers are skipped by design; headers are tidied."""
    assume(all(any(c.strip() for c in row) for row in table))
    assume(not any(_is_footer(row) for row in table[1:]))
    assume(all(h == " ".join(h.split()) for h in table[0]))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tables(ANY_TEXT), st.sampled_from(DELIMITERS))
def test_any_table_reads_back_with_its_delimiter(table: list[list[str]], delimiter: str) -> None:
    _assume_readable(table)
    read = parse_text(_write(table, delimiter), "t.csv", "utf-8", delimiter)
    assert list(read.headers) == table[0]
    assert [list(r.cells) for r in read.rows] == table[1:]
    assert [r.number for r in read.rows] == list(range(2, len(table) + 1))


def _also_other_utf8(data: bytes, encoding: str) -> bool:
    """Windows-1252 bytes with a line that is also valid UTF-8 of other text (`È€` is C8 80,
    UTF-8 `Ȁ`): such a line is read as UTF-8 by design (a file of mixed encodings is read
    line by line), since real UTF-8 text is far likelier than such 1252 text."""
    if encoding != "cp1252":
        return False
    for line in data.split(b"\n"):
        try:
            if line.decode("utf-8") != line.decode("cp1252"):
                return True
        except UnicodeDecodeError:
            continue
    return False


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    tables(WESTERN),
    st.sampled_from(DELIMITERS),
    st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "utf-16")),
)
def test_encoding_and_delimiter_are_detected(
    table: list[list[str]], delimiter: str, encoding: str
) -> None:
    _assume_readable(table)
    data = _write(table, delimiter).encode(encoding)
    assume(not _also_other_utf8(data, encoding))
    read = parse_text(decode(data, "t.csv").text, "t.csv", encoding)
    assert read.delimiter == delimiter
    assert list(read.headers) == table[0]
    assert [list(r.cells) for r in read.rows] == table[1:]
