"""Folding of place names, postcodes and countries into lookup keys.

The same function builds the gazetteer's index keys and the keys of a lookup, so that
"S. Agata", "Sant'Agata" and "Santa Agata" or "Koeln", "Köln" and "Koln" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from planner.domain import Address

# Saint prefixes in Italian, English, German, French, Spanish: folded to one token so
# that "S. Giovanni", "San Giovanni", "St. Gallen", "Sankt Gallen" match each other.
_SAINT_TOKENS = frozenset(
    {"s", "san", "santa", "santo", "sant", "st", "saint", "sankt", "ste", "sainte", "sto"}
)
_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "pt": "point"}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_PUNCT = re.compile(r"[^\w]+")
_HAS_UMLAUT = re.compile("[äöüÄÖÜ]")
# Latin letters with their accents, combining marks and typographic apostrophes.
_NON_LATIN = re.compile("[^\u0000-\u024f\u0300-\u036f\u2018\u2019]")
_PARENS = re.compile(r"\([^)]*\)|\[[^]]*\]")
# The first sensible place-name cut: "Frankfurt/Main", "Halle - Saale", "Bozen, Südtirol".
_CUT = re.compile(r"\s*(?:/|,|\s-\s)\s*")


def fold(text: str) -> str:
    """Lower-case ASCII with punctuation as single spaces; ß becomes ss. Names in other
    scripts (北京, Москва, 서울) keep their letters, width- and case-folded."""
    if not text.isascii():  # most names are ASCII already: skip the costly part
        if not is_latin(text):
            return _fold_script(text)
        text = text.replace("ß", "ss").replace("ẞ", "SS")
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_PUNCT.sub(" ", text.lower()).replace("_", " ").split())


# Administrative suffixes Chinese, Japanese and Korean addresses add to a town's name
# (北京市 = 北京 + "city"); GeoNames lists the bare name among the alternates.
_CJK_SUFFIXES = ("市", "区", "県", "县", "府", "都", "道", "省", "시", "군", "구")


def _fold_script(text: str) -> str:
    folded = " ".join(_PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())
    if len(folded) > 2 and folded.endswith(_CJK_SUFFIXES):
        folded = folded[:-1]
    return folded.replace("_", " ")


def name_key(text: str) -> str:
    """The lookup key of a place name (saint prefixes and abbreviations canonical)."""
    tokens = fold(text).split()
    out = []
    for i, token in enumerate(tokens):
        if token in _SAINT_TOKENS and i + 1 < len(tokens):
            out.append("s")
        else:
            out.append(_ABBREVIATIONS.get(token, token))
    return " ".join(out)


def name_keys(text: str) -> set[str]:
    """All keys a gazetteer name is indexed under: plain, umlauts as ae/oe/ue, no parentheses."""
    keys = {name_key(text)}
    if _HAS_UMLAUT.search(text):
        keys.add(name_key(text.translate(_UMLAUTS)))
    bare = _PARENS.sub(" ", text)
    if bare != text:
        keys.add(name_key(bare))
    return {k for k in keys if k}


def lookup_keys(town: str) -> list[str]:
    """Keys to try for a town as written in a CRM, most specific first.

    "Frankfurt a.M." -> "frankfurt a m", then "frankfurt"; "Halle (Saale)" -> both forms.
    """
    candidates = [name_key(town), name_key(_PARENS.sub(" ", town))]
    first = _CUT.split(_PARENS.sub(" ", town).strip())[0]
    candidates.append(name_key(first))
    tokens = name_key(first).split()
    # Dropping trailing qualifiers ("a m", "i br", "an der ...", "city") as a last resort;
    # never a word of the name itself: "Saint-Aubin-d'Aubigné" is no "Saint-Aubin".
    for stop in range(len(tokens) - 1, 0, -1):
        shorter = " ".join(tokens[:stop])
        if len(shorter) >= 4 and all(_is_qualifier(t) for t in tokens[stop:]):
            candidates.append(shorter)
    return [k for k in dict.fromkeys(candidates) if k]


_QUALIFIERS = frozenset(
    {"an", "am", "der", "dem", "den", "bei", "im", "in", "ob", "vor", "city", "town", "stadt",
     "citta", "di", "del", "della", "sur", "sul", "upon", "on", "opf", "obb", "cedex"}
)  # fmt: skip


def _is_qualifier(token: str) -> bool:
    """Abbreviations (a, m, i, br, opf) and the little words of "Frankfurt am Main"."""
    return (len(token) <= 2 and token != "s") or token in _QUALIFIERS


def is_latin(text: str) -> bool:
    """True for names written in Latin script (the only ones an address file will use)."""
    return text.isascii() or _NON_LATIN.search(text) is None


def postcode_key(country: str, postcode: str) -> str:
    """Canonical postcode: "D-80331" or "I-20121" unprefixed, US ZIP+4 cut to 5 digits
    (also written 320824621), leading zeros that spreadsheets drop (00118, 01067) restored."""
    code = postcode.strip().upper().replace(" ", "")
    if country in ("US", "IT", "DE"):
        code = _COUNTRY_PREFIX.sub("", code).split("-")[0]
        if country == "US" and code.isdigit() and len(code) in (8, 9):
            code = code.zfill(9)[:5]  # ZIP+4 written without its hyphen (and a lost zero)
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)
    return code


_COUNTRY_PREFIX = re.compile(r"^(?:D|I|IT|DE|US)-")


# Country spellings seen in CRM exports that GeoNames' English names do not cover.
COUNTRY_ALIASES = {
    "italia": "IT",
    "italie": "IT",
    "italien": "IT",
    "deutschland": "DE",
    "germania": "DE",
    "allemagne": "DE",
    "alemania": "DE",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "us": "US",
    "united states of america": "US",
    "stati uniti": "US",
    "stati uniti d america": "US",
    "vereinigte staaten": "US",
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "regno unito": "GB",
    "osterreich": "AT",
    "oesterreich": "AT",
    "schweiz": "CH",
    "svizzera": "CH",
    "suisse": "CH",
    "francia": "FR",
    "frankreich": "FR",
    "espana": "ES",
    "spagna": "ES",
    "spanien": "ES",
    "paesi bassi": "NL",
    "olanda": "NL",
    "holland": "NL",
    "niederlande": "NL",
    "belgio": "BE",
    "belgien": "BE",
    "belgique": "BE",
    "san marino": "SM",
    "citta del vaticano": "VA",
}


_POSTCODE_IN_PART = re.compile(
    r"^(?:([A-Z]{1,2})-)?(\d{4,5}(?:-\d{4})?)\s+(.+)$|^(.+?)\s+(\d{5}(?:-\d{4})?)$"
)
_PROVINCE_SUFFIX = re.compile(r"^(.+?)\s+\(?([A-Z]{2})\)?$")


def looks_like_country(text: str) -> bool:
    return fold(text) in COUNTRY_ALIASES or (len(text) == 2 and text.isupper())


def parse_one_line(text: str, is_country: Callable[[str], bool] = looks_like_country) -> Address:
    """Split a one-line address ("Via Roma 1, 20121 Milano MI, Italia") into parts.

    Good enough for a rep's home address typed in a settings field: the street is the
    first comma part, the part holding a postcode gives postcode and town (a trailing
    two-letter province or state becomes the region; a state alone before the postcode,
    as in "Dallas, TX 75202", follows its town), a last part may be the country.
    """
    parts = [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]
    street = city = postcode = region = country = ""
    if len(parts) >= 2 and is_country(parts[-1]):
        country = parts.pop()
    for i, part in enumerate(parts):
        match = _POSTCODE_IN_PART.match(part)
        if match and (i > 0 or len(parts) == 1):
            if match.group(2):
                postcode, city = match.group(2), match.group(3)
            else:
                city, postcode = match.group(4), match.group(5)
            street = ", ".join(parts[:i])
            region = ", ".join(parts[i + 1 :])
            if re.fullmatch(r"[A-Z]{2}", city) and i > 0:  # US style: "Dallas, TX 75202"
                region, city, street = city, parts[i - 1], ", ".join(parts[: i - 1])
            break
    else:
        street = parts[0] if len(parts) > 1 else ""
        city = parts[1] if len(parts) > 2 else parts[-1] if parts else ""
        region = ", ".join(parts[2:])
    if province := _PROVINCE_SUFFIX.match(city):
        city, region = province.group(1), region or province.group(2)
    return Address(street=street, city=city, postcode=postcode, region=region, country=country)
