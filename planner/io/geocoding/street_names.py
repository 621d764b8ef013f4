"""Street names and house numbers folded so that CRM spellings meet OpenStreetMap's.

`V.le Carducci`, `Viale G. Carducci` and `viale giosuè carducci` meet: accents and case
are folded, the usual Italian contractions are spelled out, and a word written with a
full stop or a single letter (`Str.`, `G.`) matches any word it begins (`Strada`,
`Straße`, `Giosuè`) through an FTS5 prefix query.
"""

from __future__ import annotations

import re
import unicodedata

_CONTRACTIONS = (
    (re.compile(r"\bv\.?\s?le\b\.?"), "viale "),
    (re.compile(r"\bp\.?\s?zz?a\b\.?"), "piazza "),
    (re.compile(r"\bp\.?\s?le\b\.?"), "piazzale "),
    (re.compile(r"\bc\.?\s?so\b\.?"), "corso "),
    (re.compile(r"\bl\.?\s?go\b\.?"), "largo "),
    (re.compile(r"\bv\.?\s?lo\b\.?"), "vicolo "),
    (re.compile(r"\bloc\.\s?"), "localita "),
    (re.compile(r"\bfraz\.\s?"), "frazione "),
    (re.compile(r"\bbd\b\.?"), "boulevard "),
    (re.compile(r"\bav\.\s?"), "avenue "),
)
# Words that say what kind of street it is: a query may leave them out or use another.
STREET_KINDS = frozenset(
    [
        "via",
        "viale",
        "piazza",
        "piazzale",
        "corso",
        "largo",
        "vicolo",
        "strada",
        "contrada",
        "localita",
        "frazione",
        "rue",
        "avenue",
        "boulevard",
        "chemin",
        "place",
        "allee",
        "impasse",
        "quai",
        "route",
        "strasse",
        "str",
        "weg",
        "platz",
        "gasse",
        "allee",
        "street",
        "st",
        "road",
        "rd",
        "lane",
        "avenue",
        "ave",
        "tie",
        "katu",
        "kuja",
        "polku",
        "tori",
    ]
)
_WORD = re.compile(r"([a-z0-9]+)(\.?)")
_NUMBER_TOKEN = re.compile(r"^\d+(?:[a-z]|bis|ter)?$|^\d+[/-]\w+$")
_LEADING_DIGITS = re.compile(r"^(\d+)")
_SHORT = 3  # tokens after a house number this short are its letter/staircase/flat


def ascii_lower(text: str) -> str:
    text = text.replace("ß", "ss").replace("ẞ", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def street_terms(name: str) -> list[tuple[str, bool]]:
    """(word, is_prefix) of a street name, contractions spelled out."""
    text = ascii_lower(name)
    for pattern, full in _CONTRACTIONS:
        text = pattern.sub(full, text)
    text = text.replace("'", " ").replace("’", " ")
    return [(w, bool(dot) or (len(w) == 1 and w.isalpha())) for w, dot in _WORD.findall(text)]


def street_norm(name: str) -> str:
    """The indexed form of a street name: its words, folded, contractions spelled out."""
    return " ".join(word for word, _ in street_terms(name))


def house_number_value(number: str) -> int | None:
    """12 for `12`, `12a`, `12/B`, `12-14`; None when it does not start with digits."""
    match = _LEADING_DIGITS.match(number.strip())
    return int(match.group(1)) if match else None


def house_number_key(number: str) -> str:
    """`12 A`, `12a`, `12/a` → `12a`: what an exact house match compares."""
    return re.sub(r"[^0-9a-z]", "", ascii_lower(number))


def split_street(text: str) -> tuple[str, str]:
    """(street, house number) out of a street line: `Via Roma 12/A`, `12 rue Grimaldi`,
    `Mannerheimintie 5 B 12`, `Via 4 Novembre 3`, `Corso Italia 5, scala B`."""
    line = text.replace("\n", ", ").strip()
    parts = [p for p in re.split(r"\s+", line.replace(",", " , ")) if p]
    numeric = [i for i, p in enumerate(parts) if _NUMBER_TOKEN.match(p.lower())]
    if not numeric:
        return _clean(" ".join(parts)), ""
    chosen = None
    for i in numeric:
        if i == 0:
            continue
        tail = _until_comma(parts[i + 1 :])
        if all(len(p) <= _SHORT for p in tail):
            chosen = i
            break
    if chosen is None:
        chosen = next((i for i in numeric if i > 0), numeric[0])
    street = parts[:chosen] if chosen > 0 else _until_comma(parts[1:])
    return _clean(" ".join(street)), parts[chosen]


def _until_comma(parts: list[str]) -> list[str]:
    return parts[: parts.index(",")] if "," in parts else parts


def _clean(text: str) -> str:
    return " ".join(text.replace(" ,", ",").strip(" ,").split())
