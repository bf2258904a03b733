"""Sourcing: how well an article's claims are sourced, from the sources stage's
attribution of every sentence (``attributions``) and the claims.

A reader sees at once how thin the attribution is: the share of claims with a named
person or organisation behind them, the counts by source kind, and the named and vague
sources of the whole article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..document import SOURCE_KINDS, Analysis, SourceRef, Sourcing, Span


def sourcing_summary(
    analysis: Analysis, refs: list[SourceRef], claim_sentences: Sequence[Span] | None = None
) -> Sourcing:
    """How well the article's claims are sourced.

    ``refs`` lines up with ``analysis.sentences``. The share and the counts by kind cover
    the sentences that overlap one of ``claim_sentences`` (all sentences when ``None``);
    the named and vague sources are listed from the whole article, so a reader sees at
    once how thin the attribution is.
    """
    every = list(zip(analysis.sentences, refs))
    pairs = every if claim_sentences is None else [
        (s, r) for s, r in every if any(_overlaps(s, c) for c in claim_sentences)]
    counts = Counter(r.kind for _, r in pairs)
    named = counts["named_person"] + counts["named_organization"]
    return Sourcing(
        claims=len(pairs),
        named_share=round(named / len(pairs), 4) if pairs else 0.0,
        counts={kind: counts[kind] for kind in SOURCE_KINDS},
        named=sorted({r.name for _, r in every if r.name}),
        vague=[r.text for _, r in every if r.kind == "vague"],
    )


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class SourcingStage:
    """``sourcing`` from ``attributions`` and ``claims`` (English articles only, as the
    claims are)."""

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.language is None or analysis.language.supported:
            analysis.sourcing = sourcing_summary(analysis, analysis.attributions or [],
                                                 analysis.claims)
        return analysis
