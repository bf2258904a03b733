"""Intervals by resampling whole articles (a cluster bootstrap), shared by the scorers.

By hand rather than scipy.stats.bootstrap: scipy is no declared dependency, and the
statistics here are ratios of counts summed over the drawn articles, undefined in some
draws, which its vectorised one-sample interface does not fit. Articles, not mentions, are
resampled because the mentions of one article are not independent (one misread pronoun
chain costs several).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

Unit = TypeVar("Unit")


def resampled_interval(units: Sequence[Unit], statistic: Callable[[list[Unit]], float | None],
                       *, samples: int = 1000, seed: int = 0) -> tuple[float, float] | None:
    """A 95% interval of ``statistic`` over ``samples`` draws of ``len(units)`` units with
    replacement; None when the statistic is undefined (None) in every draw."""
    rng = random.Random(seed)
    values = []
    for _ in range(samples):
        value = statistic([rng.choice(units) for _ in units])
        if value is not None:
            values.append(value)
    if not values:
        return None
    values.sort()
    return values[int(0.025 * (len(values) - 1))], values[int(0.975 * (len(values) - 1))]


__all__ = ["resampled_interval"]
