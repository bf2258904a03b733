"""Numbers in a sentence, normalised: value, bounds, kind, what is counted, when and where.

The steps, each in its own module: ``detect`` finds numbers in the characters (times,
dates, names, decades, ratios, scores, multipliers, ordinals, vague plurals, plain
numbers with their signs and glued units; ranges joined, hedges attached); ``context``
re-reads bare numbers with the parse (ages in apposition, numbers in names, years);
``counted`` finds what a count, ordinal or ratio counts; ``linking`` hands each number
the period, place and comparison the sentence links to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from ..document import NumberMention
from .comparisons import comparisons_in
from .context import refine
from .counted import (
    antecedent_noun,
    counted_noun,
    fragment_scope,
    inferred_unit,
    is_fragment,
    number_anchor,
    relative_antecedent,
)
from .detect import Raw, detect
from .lexicon import unit_kind
from .linking import Linker
from .periods import find_periods
from .sentence import Sent, read_sentence

# Kinds whose ``unit`` is a counted noun rather than a unit of measure.
COUNTED_KINDS = frozenset({"count", "ordinal", "ratio"})


def find_numbers(text: str, start: int = 0, end: int | None = None, *,
                 published: dt.date | None = None, doc: Any = None) -> list[NumberMention]:
    """Every number in ``text[start:end]``, normalised.

    Args:
        text: the whole article; offsets in the result point into it.
        start, end: the sentence (``end`` None means the end of ``text``).
        published: the publication date, against which "in October" is resolved.
        doc: a spaCy parse of ``text`` or of ``text[start:end]``, to avoid parsing again.
    """
    sent = read_sentence(text, start, end, doc)
    raws = refine(sent, detect(sent))
    periods = find_periods(text, sent.start, sent.end, published=published)
    linker = Linker(sent, raws, [number_anchor(sent, r) for r in raws], periods,
                    comparisons_in(sent))
    units = _units(sent, raws)
    raws, units = _measured(raws, units)
    return [_mention(sent, raw, units[i], linker, i) for i, raw in enumerate(raws)]


def _units(sent: Sent, raws: list[Raw]) -> list[tuple[str | None, bool]]:
    """(unit, inferred) per number: the counted noun for counts, ordinals and ratios,
    else the unit the characters gave (currency, "percent", "year", "mile")."""
    out: list[tuple[str | None, bool]] = []
    currencies = [r.unit for r in raws if r.kind == "money" and r.unit]
    for raw in raws:
        if raw.kind == "money" and raw.unit is None and currencies:
            out.append((currencies[0], True))  # "... $16 trillion ... cost billions"
            continue
        if raw.kind not in COUNTED_KINDS or raw.unit is not None:
            out.append((raw.unit, False))
            continue
        before = [(r, u) for r, (u, _) in zip(raws, out)]
        noun, restored = counted_noun(sent, raw, before)
        if noun is None and raw.kind == "count" and is_fragment(sent, raw):
            noun = inferred_unit(*fragment_scope(sent, raw))
            restored = noun is not None
        elif noun is None:
            noun = relative_antecedent(sent, raw) or antecedent_noun(sent, raw)
            restored = noun is not None
        out.append((noun, restored))
    return _shared_ordinal_nouns(sent, raws, out)


def _measured(raws: list[Raw], units: list[tuple[str | None, bool]]
              ) -> tuple[list[Raw], list[tuple[str | None, bool]]]:
    """"19,000 lane miles", "1,300 lane-miles": a count whose own noun is a unit of time
    or measure is a duration or measure in that unit, its modifiers kept ("lane mile"),
    as "18 miles" is when the unit follows the number directly."""
    out_raws, out_units = list(raws), list(units)
    for i, (raw, (noun, restored)) in enumerate(zip(raws, units)):
        if raw.kind != "count" or noun is None or restored:
            continue
        words = noun.replace("-", " ").split()
        measured = unit_kind(words[-1])
        if measured is not None:
            kind, name = measured
            unit = " ".join([*words[:-1], name])
            out_raws[i] = replace(raw, kind=kind, unit=unit)
            out_units[i] = (unit, False)
    return out_raws, out_units


def _shared_ordinal_nouns(sent: Sent, raws: list[Raw], units: list[tuple[str | None, bool]]
                          ) -> list[tuple[str | None, bool]]:
    """"third- through eighth-grade students": an ordinal joined to the next one shares
    its noun."""
    out = list(units)
    for i in range(len(raws) - 2, -1, -1):
        gap = sent.text[raws[i].end:raws[i + 1].start]
        if raws[i].kind == raws[i + 1].kind == "ordinal" and out[i][0] is None and \
                out[i + 1][0] and re.fullmatch(r"-?\s*(?:and|or|to|through|,)\s*", gap):
            out[i] = (out[i + 1][0], True)
    return out


def _mention(sent: Sent, raw: Raw, unit: tuple[str | None, bool], linker: Linker,
             index: int) -> NumberMention:
    return NumberMention(
        raw.start, raw.end, sent.text[raw.start:raw.end], raw.value, raw.low, raw.high,
        raw.bound, raw.hedge, unit[0], linker.period(index), linker.place(index),
        linker.comparison(index), raw.kind, unit[1])


