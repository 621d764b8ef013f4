"""Text from a CRM is shown as it is, never obeyed.

Unicode format characters can make a name read differently from what it is: a
right-to-left override (U+202E) turns ``Invoice\u202egnp.exe`` into "Invoiceexe.png" on
screen and in every calendar, spreadsheet or PDF that renders it. The bidi embeddings,
overrides and isolates are therefore replaced by a visible ``[U+202E]`` (the reader sees
that something was there, the text keeps its order), and invisible characters that
carry no meaning in a name (zero-width space, word joiner, stray byte-order marks,
invisible operators) are dropped. Joiners that scripts and emoji need (U+200C, U+200D)
and the plain LRM/RLM marks are kept.
"""

from __future__ import annotations

_SHOWN = (0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_DROPPED = (0x180E, 0x200B, 0x2060, *range(0x2061, 0x2065), *range(0x206A, 0x2070), 0xFEFF,
            *range(0xFFF9, 0xFFFC))  # fmt: skip
_TABLE: dict[int, str | None] = {
    **{code: f"[U+{code:04X}]" for code in _SHOWN},
    **dict.fromkeys(_DROPPED),
}


def visible_text(text: str) -> str:
    """``text`` with reordering controls made visible and meaningless invisibles dropped."""
    return text.translate(_TABLE) if text and not text.isascii() else text
