"""A number as found in the characters, before its context is read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Raw:
    """A number before its context is read. ``unit`` is set where the characters say it
    (a currency, "percent", "-year-old", "miles"); ``year_like`` marks 1800-2099 integers
    that may still be years; ``plain`` marks a bare number the context may re-read (an
    age, a name)."""

    start: int
    end: int
    kind: str
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    hedge: str | None = None
    unit: str | None = None
    scale: float = 1.0
    year_like: bool = False
    plain: bool = False
