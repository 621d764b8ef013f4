"""Money and small unit helpers. Money is held in integer minor units (cents)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_currency

from planner.domain.errors import DomainError

_CENT = Decimal("0.01")


def _check_currency(code: str) -> str:
    if len(code) != 3 or not code.isalpha():
        raise DomainError(f"currency must be a three-letter ISO 4217 code, got {code!r}")
    return code.upper()


@dataclass(frozen=True, order=True)
class Money:
    """An amount of money in minor units (cents) of one currency."""

    cents: int
    currency: str = "EUR"

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", _check_currency(self.currency))
        if not isinstance(self.cents, int):
            raise DomainError(f"Money.cents must be an int, got {self.cents!r}")

    @classmethod
    def of(cls, amount: Decimal | float | int | str, currency: str = "EUR") -> Money:
        value = Decimal(str(amount)).quantize(_CENT, rounding=ROUND_HALF_UP)
        return cls(int(value * 100), currency)

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        return cls(0, currency)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.cents) / 100

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise DomainError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.cents - other.cents, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.cents, self.currency)

    def scaled(self, factor: float | Decimal) -> Money:
        value = (Decimal(self.cents) * Decimal(str(factor))).quantize(Decimal(1), ROUND_HALF_EVEN)
        return Money(int(value), self.currency)

    def __str__(self) -> str:
        """English text (explanations, logs): €8,603.51; `Formats.money` for a locale."""
        return _english_money(self.cents, self.currency)


@lru_cache(maxsize=8192)
def _english_money(cents: int, currency: str) -> str:
    # Babel takes ~0.2 ms a call: a plan's explanations and the map's points format the
    # same few thousand sums again on every edit (a re-plan's explanations: 1,200 calls).
    return str(format_currency(Money(cents, currency).amount, currency, locale="en"))


def km(metres: int | float) -> float:
    """Metres to kilometres."""
    return float(metres) / 1000.0


def hours(seconds: int | float) -> float:
    """Seconds to hours."""
    return float(seconds) / 3600.0
