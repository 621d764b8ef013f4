"""Errors raised by domain objects when they are built from bad values."""


class DomainError(ValueError):
    """A value object was given a value it cannot hold; the message says which and why."""
