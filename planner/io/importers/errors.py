"""Errors of an import: a whole file that cannot be used, or one bad cell."""

from __future__ import annotations

from dataclasses import dataclass


class ImportFileError(Exception):
    """The file cannot be imported at all; the message says why in one sentence.

    Raised before anything is written, so the workspace is left unchanged.
    """


class CellError(ValueError):
    """One cell holds a value its column cannot take; the message is shown to the user."""


@dataclass(frozen=True)
class Rejection:
    """A row that was not imported: its number, the column to blame, why, and its cells."""

    number: int
    column: str
    reason: str
    raw: dict[str, str]
