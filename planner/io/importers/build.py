"""From parsed rows to accounts: duplicates inside one file, opportunity rows folded
into one deal per account, and the re-import merge that never loses local data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from planner.domain import Account, Address, Precision
from planner.domain.account import _norm
from planner.io.importers.errors import Rejection
from planner.io.importers.rows import ParsedRow

_DEAL_FIELDS = ("amount", "probability", "stage", "close_date")


def build_account(row: ParsedRow) -> Account:
    """A new account from a parsed row (DomainError when the values do not fit together)."""
    # row.fields holds Account attributes only (see rows._CONVERTERS), so no filtering;
    # the notes column is the CRM's own text, kept apart from the user's notes.
    fields = dict(row.fields)
    if "notes" in fields:
        fields["crm_notes"] = fields.pop("notes")
    return Account(address=Address(**row.address), **fields)  # type: ignore[arg-type]


def row_key(row: ParsedRow, *, use_id: bool = True) -> str:
    """The Account.key the row will have, without building the account
    (``use_id=False``: the name + address key it would have without its CRM id)."""
    account_id = str(row.fields.get("account_id") or "")
    if account_id and use_id:
        return f"id:{account_id}"
    address = Address(**row.address)
    return f"na:{_norm(str(row.fields.get('name', '')))}|{address.normalised()}"


def drop_duplicates(
    rows: Iterable[ParsedRow], id_column: str
) -> tuple[list[ParsedRow], list[Rejection]]:
    """Keep the first row of each account; later rows with the same key are rejected."""
    seen: dict[str, int] = {}
    kept: list[ParsedRow] = []
    rejected: list[Rejection] = []
    for row in rows:
        key = row_key(row)
        if key in seen:
            what = (
                f"duplicate account id {key[3:]!r}"
                if key.startswith("id:")
                else "duplicate account (same name and address)"
            )
            rejected.append(
                Rejection(
                    row.number,
                    id_column if key.startswith("id:") else "",
                    f"{what}: already on row {seen[key]}",
                    row.raw,
                )
            )
            continue
        seen[key] = row.number
        kept.append(row)
    return kept, rejected


def fold_opportunities(rows: Iterable[ParsedRow]) -> list[ParsedRow]:
    """One row per account from an opportunities export.

    A deal repeated on several rows (a report "with Contact Roles" has one row per
    contact) counts once. The account's amount is the sum of its open deals and its
    probability their amount-weighted mean, so amount × probability is the deals' total
    expected value; stage and close date come from the open deal closing first. Closed
    deals count only when an account has no open one. Each folded row keeps the rows
    merged into it (``ParsedRow.folded``, of which ``repeats`` repeated a deal), so the
    report can count them and a rejection can name them all.
    """
    groups: dict[str, list[ParsedRow]] = {}
    for row in rows:
        account_id = str(row.fields.get("account_id") or "")
        name = str(row.fields.get("name", ""))
        key = f"id:{account_id}" if account_id else f"name:{_norm(name)}"
        groups.setdefault(key, []).append(row)
    folded: list[ParsedRow] = []
    for group in groups.values():
        deals = _distinct_deals(group)
        row = _fold(deals)
        row.folded = tuple(group[1:])  # the first row of a group is always its first deal
        row.repeats = len(group) - len(deals)
        folded.append(row)
    return folded


def _distinct_deals(group: list[ParsedRow]) -> list[ParsedRow]:
    """The group without rows that repeat a deal: same opportunity id, or for exports
    without ids the same opportunity name, amount, close date and stage."""
    seen: set[object] = set()
    deals: list[ParsedRow] = []
    for row in group:
        if row.opportunity.startswith("id:"):
            key: object = row.opportunity
        elif row.opportunity:
            key = (row.opportunity, *(repr(row.fields.get(f)) for f in _DEAL_FIELDS))
        else:
            key = id(row)  # nothing identifies the deal: never taken for a repeat
        if key not in seen:
            seen.add(key)
            deals.append(row)
    return deals


def _fold(group: list[ParsedRow]) -> ParsedRow:
    first = group[0]
    if len(group) == 1:
        return first
    open_deals = [
        r for r in group if not str(r.fields.get("stage", "")).lower().startswith("closed")
    ]
    deals = open_deals or group
    amounts = [d.fields.get("amount") for d in deals]
    total = sum((a for a in amounts if isinstance(a, Decimal)), Decimal(0))
    weighted = sum(
        (
            a * Decimal(str(p))
            for d in deals
            if isinstance(a := d.fields.get("amount"), Decimal)
            and isinstance(p := d.fields.get("probability"), float)
        ),
        Decimal(0),
    )
    lead = min(deals, key=lambda d: _close(d.fields.get("close_date")))
    merged = dict(first.fields)
    merged.update({k: lead.fields[k] for k in ("stage", "close_date") if k in lead.fields})
    if "amount" in first.fields:
        merged["amount"] = total if any(a is not None for a in amounts) else None
    if "probability" in first.fields and total > 0:
        merged["probability"] = float(min(weighted / total, Decimal(1)))
    return replace(first, fields=merged)


def _close(value: object) -> date:
    return value if isinstance(value, date) else date.max


def merge_account(old: Account, row: ParsedRow) -> Account:
    """``old`` updated with the columns the file has, keeping what was done locally:
    a manual pin, the geocode of an unchanged address, a newer last visit, notes, tags."""
    values: dict[str, Any] = dict(row.fields)  # Account attributes only (rows._CONVERTERS)
    if not values.get("account_id"):  # an export without the id must not orphan the account
        values.pop("account_id", None)
    if values.get("meeting_minutes") is None:
        values.pop("meeting_minutes", None)
    same = all(getattr(old.address, part) == text for part, text in row.address.items())
    address = old.address if same else replace(old.address, **row.address)
    values["address"] = address
    if old.precision is Precision.MANUAL or "location" not in values:
        unchanged = same or address.normalised() == old.address.normalised()
        if old.precision is Precision.MANUAL or unchanged:
            values.update(_location_of(old))
        else:  # the address moved: the old geocode no longer applies
            values.update(location=None, precision=Precision.NONE, geocode_source="")
            values["geocode_note"] = ""
    if old.last_visit and (
        values.get("last_visit") is None or values["last_visit"] < old.last_visit
    ):
        values["last_visit"] = old.last_visit
    _take_crm_notes(old, values)
    values["tags"] = tuple(dict.fromkeys((*old.tags, *values.get("tags", ()))))
    return replace(old, **values)


def _location_of(account: Account) -> dict[str, Any]:
    return {
        "location": account.location,
        "precision": account.precision,
        "geocode_source": account.geocode_source,
        "geocode_note": account.geocode_note,
    }


def _take_crm_notes(old: Account, values: dict[str, Any]) -> None:
    """The file's notes replace the CRM notes of the last import (never appended run after
    run); the user's own notes are left as they are. A workspace from before the two
    were kept apart held the CRM text in ``notes``: that copy is taken out once."""
    if "notes" not in values:
        return  # the file has no notes column: both stay as they were
    imported = str(values.pop("notes") or "")
    values["crm_notes"] = imported
    if imported and not old.crm_notes and imported in old.notes:
        lines = [line for line in old.notes.replace(imported, "").split("\n") if line.strip()]
        values["notes"] = "\n".join(lines)
