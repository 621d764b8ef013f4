"""Bytes of a delimited export to text, without ever garbling the text that was right.

UTF-8 is tried first. A file whose non-ASCII text is never valid UTF-8 is a legacy
Windows-1252 (else Latin-1) export, decoded as such, and the report names the encoding.
A file that is UTF-8 except for a few bytes (one cell pasted from an old system) keeps its
UTF-8 text; only the invalid bytes are read as Windows-1252, and the report lists the
rows they are in, so ``Caffè`` never becomes ``CaffÃ¨``. UTF-16 is recognised with or
without a byte-order mark; NUL bytes in otherwise plain text are dropped and reported.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from planner.io.importers.errors import ImportFileError

FALLBACK_NOTE = "text not valid UTF-8, read as Windows-1252 (check these cells)"
NUL_NOTE = "NUL bytes (0x00) removed"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_HANDLER = "territory-planner-cp1252"


@dataclass
class Decoded:
    text: str
    encoding: str
    flagged: dict[str, list[int]] = field(default_factory=dict)  # note → physical lines (1-)


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - registered for decoding
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_byte_text(b) for b in bad), exc.end


def _byte_text(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return bytes([byte]).decode("latin-1")


codecs.register_error(_HANDLER, _cp1252_bytes)


def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """The text of ``data``; raises ImportFileError for binary or undecodable content."""
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise ImportFileError(f"cannot read {name} as {encoding}: {exc}") from None
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # fmt: skip  (UTF-32 LE starts like UTF-16 LE)
        if data.startswith(bom):
            return Decoded(_decode_or_fail(data, codec, name), codec)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Decoded(_decode_or_fail(data, utf16, name), utf16)
    if _looks_binary(data):
        raise ImportFileError(f"cannot read {name}: it is a binary file, not a CSV or XLSX export")
    flagged: dict[str, list[int]] = {}
    if b"\x00" in data:
        flagged[NUL_NOTE] = _lines_with(data, b"\x00")
        data = data.replace(b"\x00", b"")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", flagged)
    except UnicodeDecodeError:
        pass
    if not _has_utf8_text(data):
        # A legacy Western export (Excel on Windows). Statistical detectors
        # (charset-normalizer) call short Italian cp1252 text cp1250 or even binary,
        # so the common code page is preferred explicitly, Latin-1 as the fallback.
        for legacy in ("cp1252", "latin-1"):
            try:
                return Decoded(data.decode(legacy), legacy, flagged)
            except UnicodeDecodeError:
                continue
    return _mixed(data, flagged)


def _mixed(data: bytes, flagged: dict[str, list[int]]) -> Decoded:
    """UTF-8 text with some invalid bytes: only those are read as Windows-1252."""
    lines = data.split(b"\n")
    bad: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
    flagged[FALLBACK_NOTE] = bad
    return Decoded(data.decode("utf-8", errors=_HANDLER), "utf-8", flagged)


def _has_utf8_text(data: bytes) -> bool:
    """True when some line holds non-ASCII text that is valid UTF-8."""
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def _utf16_without_bom(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' when every other byte of the start is NUL (ASCII in UTF-16)."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * pairs and even < 0.02 * pairs + 1:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.02 * pairs + 1:
        return "utf-16-be"
    return ""


def _looks_binary(data: bytes) -> bool:
    """Text has almost no control characters; random or binary data has ~11 %."""
    sample = data[:65536]
    return len(sample.translate(None, _OTHER_BYTES)) > max(4, len(sample) // 100)


def _lines_with(data: bytes, needle: bytes) -> list[int]:
    lines: list[int] = []
    line, counted = 1, 0
    at = data.find(needle)
    while at >= 0:
        line, counted = line + data.count(b"\n", counted, at), at
        if not lines or lines[-1] != line:
            lines.append(line)
        at = data.find(needle, at + 1)
    return lines


def _decode_or_fail(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"cannot read {name}: broken {codec} text ({exc.reason})") from None
