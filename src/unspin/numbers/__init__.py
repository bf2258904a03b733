"""Numbers in a sentence, read as a fact-checker reads them.

A fact-checker comparing "more than 21,000 soldiers in October" with an official "21,602"
needs both read the same way: the hedge kept as a bound, the counted noun, the month
resolved against the publication date (or said to be unresolved), the place. This package
is a library the claims stage calls on every claim sentence: each finder takes the whole
article text plus the sentence's ``start``/``end`` (and, to avoid parsing again, spaCy's
parse of the text) and returns spans whose offsets point into that text.

- ``find_numbers`` (``quantities``): every number, normalised (``NumberMention``);
- ``find_periods`` (``periods``): time expressions, resolved to dates;
- ``find_comparisons`` (``comparisons``): superlatives, records, changes, comparatives;
- ``find_forecasts`` (``forecasts``): statements about the future made as fact.

Numbers are found by regular expressions (``lexicon``: deterministic offsets, and spaCy's
CARDINAL entities miss "3-5 million" and take "Nearly 12" without "per cent"); spaCy's
parse (``sentence``) is used for what regexes cannot see: the noun a number counts,
places, superlatives, record claims and forecasts. See docs/numbers.md.
"""

from __future__ import annotations

from .comparisons import find_comparisons
from .forecasts import find_forecasts
from .periods import find_periods
from .quantities import find_numbers

__all__ = ["find_comparisons", "find_forecasts", "find_numbers", "find_periods"]
