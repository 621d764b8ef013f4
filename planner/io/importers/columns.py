"""Which column holds which account field, guessed from the headers and their values.

Each header is compared, with case, accents, punctuation and spacing folded, with the
CRM presets (``presets.py``), with multilingual synonyms (``synonyms.py``) and word by
word ("Hospital Name" is a name candidate). Every candidate gets a score from how it
matched times how plausible the column's values are for the field (``profile.py``); the
best candidates win, one field per column. The preset reported is the CRM whose own
column names the file uses, else ``generic-<languages>`` of the synonyms that matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from planner.io.importers.presets import PRESETS
from planner.io.importers.profile import plausibility, value_field
from planner.io.importers.synonyms import HEAD_WORDS, MAIN_PREFIXES, OTHER_PREFIXES, PHRASES

# Account fields an import can fill (Account attributes, with the address and the
# coordinates split into their parts) plus the opportunity fields used to merge deals.
FIELDS = (
    "account_id", "name", "street", "street2", "street3", "city", "postcode", "region", "country",
    "latitude", "longitude", "amount", "annual_revenue", "currency", "stage", "probability",
    "close_date", "last_visit", "cadence_days", "meeting_minutes", "opening_hours", "owner",
    "phone", "contact", "industry", "tags", "notes", "opportunity_id", "opportunity_name",
)  # fmt: skip

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)")
_MIN_SCORE = 0.3
_PRESET_MATCH, _PHRASE_MATCH, _PREFIXED_MATCH, _OTHER_PREFIX_MATCH = 1.0, 0.9, 0.8, 0.5
_WORD_MATCH, _SHARED_WORD_MATCH = 0.6, 0.45
# Place fields a geocoder reads by name: a column of numbers under such a header (an NHS
# "region" 12, a FIPS "state" 06) is a code the gazetteer cannot use, whatever it is called.
_NAMED_PLACES = ("city", "region", "country")


def normalise_header(header: str) -> str:
    """Fold case, accents, punctuation, camelCase and a ``__c`` suffix:
    'Probabilità (%)' → 'probabilita %', 'BillingCity' → 'billing city'."""
    text = re.sub(r"__c$", "", header.strip())
    text = _CAMEL.sub(" ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9%]+", " ", text)
    text = _LETTER_DIGIT.sub(" ", text)  # 'addr1' → 'addr 1', as 'Address 1' reads
    return " ".join(text.split())


def compact(header: str) -> str:
    """The header with nothing but letters, digits and %: ACCOUNTID = AccountId = Account ID."""
    return normalise_header(header).replace(" ", "")


def _index(tables: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for source, table in tables.items():
        for fld, aliases in table.items():
            for alias in aliases:
                out.setdefault(compact(alias), []).append((fld, source))
    return out


_PRESET_INDEX = _index(PRESETS)
_LANGUAGES = ("en", "it", "de", "fr", "es", "pt")
_PHRASE_INDEX = _index(
    {lang: {f: t[lang] for f, t in PHRASES.items() if lang in t} for lang in _LANGUAGES}
)
_WORD_INDEX = {word: fld for fld, words in HEAD_WORDS.items() for word in words}
# API names written exactly as the vendor does (AccountId, hs_object_id, address1_city).
_API_NAMES = {
    alias
    for table in PRESETS.values()
    for aliases in table.values()
    for alias in aliases
    if " " not in alias and ("_" in alias or "." in alias or any(c.isupper() for c in alias[1:]))
}


@dataclass(frozen=True)
class ColumnMap:
    """field → column index in the table, and which preset the guess came from."""

    fields: dict[str, int]
    preset: str
    unused: tuple[str, ...] = ()  # headers no field took
    guessed_by_values: tuple[str, ...] = ()  # fields found from the values alone

    def header_of(self, headers: tuple[str, ...], fld: str) -> str:
        return headers[self.fields[fld]] if fld in self.fields else fld


@dataclass(frozen=True)
class _Candidate:
    score: float
    column: int
    field: str


def guess_columns(headers: tuple[str, ...], sample: Sequence[Sequence[str]] = ()) -> ColumnMap:
    """Map headers to fields; ``sample`` (rows of cells) lets the values confirm the guess."""
    columns = [[row[i] if i < len(row) else "" for row in sample] for i in range(len(headers))]
    preset = _preset_of(headers)
    candidates = [
        _Candidate(score * _fit(fld, columns[i], score), i, fld)
        for i, header in enumerate(headers)
        for fld, score in _header_candidates(header, preset)
    ]
    fields = _assign(candidates)
    guessed = _by_values(headers, columns, fields)
    fields.update(guessed)
    if _is_opportunity_object(headers):
        fields = _opportunity_object(headers, fields)
    unused = tuple(h for i, h in enumerate(headers) if i not in fields.values() and h)
    name = preset or (_languages(headers, fields) if fields else "none")
    return ColumnMap(fields, name, unused, tuple(guessed))


def _fit(fld: str, values: list[str], score: float) -> float:
    """How much the values support the field: a poor fit halves the score; it vetoes a
    column that only a word of its header suggested (an "Amount" column of junk is still
    the amount, and its bad cells are reported), and a town, state or country column
    without letters."""
    if not values:
        return 1.0
    fit = plausibility(fld, values)
    if fit < 0.3 and (score < _PHRASE_MATCH or fld in _NAMED_PLACES):
        return 0.0
    return 0.5 + 0.5 * fit


def _header_candidates(header: str, preset: str) -> list[tuple[str, float]]:
    key, words = compact(header), normalise_header(header)
    if not key:
        return []
    out = [
        (fld, _PRESET_MATCH if source == preset else _PHRASE_MATCH + 0.05)
        for fld, source in _PRESET_INDEX.get(key, ())
    ]
    out += [(fld, _PHRASE_MATCH) for fld, _lang in _PHRASE_INDEX.get(key, ())]
    out += _prefixed(words)
    hits = {_WORD_INDEX[w] for w in words.split() if w in _WORD_INDEX}
    word_score = _WORD_MATCH if len(hits) == 1 else _SHARED_WORD_MATCH
    out += [(fld, word_score) for fld in hits]
    return out


def _prefixed(words: str) -> list[tuple[str, float]]:
    """'Billing City', 'Address 1: City' → city; 'Shipping City' only as a fallback."""
    out: list[tuple[str, float]] = []
    kinds = ((MAIN_PREFIXES, _PREFIXED_MATCH), (OTHER_PREFIXES, _OTHER_PREFIX_MATCH))
    for prefixes, score in kinds:
        for prefix in prefixes:
            if words.startswith(prefix + " "):
                rest = compact(words[len(prefix) + 1 :])
                out += [(fld, score) for fld, _lang in _PHRASE_INDEX.get(rest, ())]
    return out


def _assign(candidates: list[_Candidate]) -> dict[str, int]:
    """Best candidates first, one field per column and one column per field."""
    fields: dict[str, int] = {}
    for c in sorted(candidates, key=lambda c: (-c.score, c.column)):
        if c.score < _MIN_SCORE or c.field in fields or c.column in fields.values():
            continue
        fields[c.field] = c.column
    return fields


def _by_values(
    headers: tuple[str, ...], columns: list[list[str]], fields: dict[str, int]
) -> dict[str, int]:
    """Columns whose header says nothing, but whose values are phones or postcodes."""
    out: dict[str, int] = {}
    for i, header in enumerate(headers):
        if i in fields.values() or _header_candidates(header, ""):
            continue
        fld = value_field(columns[i])
        if fld and fld not in fields and fld not in out:
            out[fld] = i
    return out


def _preset_of(headers: tuple[str, ...]) -> str:
    """The CRM preset whose own (not generic) column names the file uses most, if ≥ 2;
    on a tie, the one that knows more of the file's headers."""
    own: dict[str, int] = {}
    known: dict[str, int] = {}
    for header in headers:
        key = compact(header)
        # "City" or "Phone" say nothing about the CRM; "CloseDate" written so does.
        generic = key in _PHRASE_INDEX and header not in _API_NAMES
        for source in {s for _, s in _PRESET_INDEX.get(key, ())}:
            known[source] = known.get(source, 0) + 1
            own[source] = own.get(source, 0) + (not generic)
    best = max(own, key=lambda p: (own[p], known[p]), default="")
    return best if own.get(best, 0) >= 2 else ""


def _languages(headers: tuple[str, ...], fields: dict[str, int]) -> str:
    """'generic-' and the fewest languages whose synonyms explain the mapped headers."""
    explained: dict[str, set[int]] = {}
    for fld, i in fields.items():
        for synonym_field, lang in _PHRASE_INDEX.get(compact(headers[i]), ()):
            if synonym_field == fld:
                explained.setdefault(lang, set()).add(i)
    chosen: list[str] = []
    left = set().union(*explained.values()) if explained else set()
    while left:
        lang = max(explained, key=lambda g: (len(explained[g] & left), g == "en"))
        chosen.append(lang)
        left -= explained[lang]
    return "-".join(["generic", "+".join(chosen)]) if chosen else "generic"


def _is_opportunity_object(headers: tuple[str, ...]) -> bool:
    """A Salesforce Opportunity export: its own Id and Name, the account as AccountId."""
    keys = {compact(h) for h in headers}
    return "accountid" in keys and bool(keys & {"stagename", "closedate"})


def _opportunity_object(headers: tuple[str, ...], fields: dict[str, int]) -> dict[str, int]:
    """There ``Id`` and ``Name`` are the opportunity's own, and ``AccountId`` (or
    ``Account.Name``) names the account."""
    keys = [compact(h) for h in headers]
    own = {"id", "name", "accountid"}
    out = {f: i for f, i in fields.items() if keys[i] not in own and f != "name"}
    out["account_id"] = keys.index("accountid")
    if "id" in keys:
        out["opportunity_id"] = keys.index("id")
    if "name" in keys:
        out["opportunity_name"] = keys.index("name")
    if "accountname" in keys:
        out["name"] = keys.index("accountname")
    return out
