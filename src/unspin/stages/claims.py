"""Claims: the sentences worth fact-checking, what they assert and on whose word.

Every sentence of ``Analysis.sentences`` is scored by the check-worthiness model
(``unspin.models.checkworthy``) from the encode stage's reading (``Analysis.token_states``);
those at or above
its calibrated threshold become ``Claim`` spans (``reason`` "check-worthy"). A sentence
below it that forecasts a quantity as fact ("there will be more and more desertions") is a
claim as well (``reason`` "forecast"): the model, trained on statements about the past and
present, scores these low, yet a reader should check them. Each claim carries its numbers
normalised (``unspin.numbers``), its comparisons and forecasts, and its source (the
sources stage's ``attributions``). Sentences never contain removed text (the nlp stage splits them
around it), so nothing from an advertising widget can become a claim. With the
setting ``vectors`` (``corpus add`` turns it on) each claim is also embedded on its own, the
way claim matching compares claims (``claim_vectors``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from ..document import Analysis, Claim, Forecast, Sentence, SourceRef
from ..models.checkworthy import CONTEXT_LAYERS, CheckworthyModel
from ..models.encoder import shared_encoder
from ..numbers import find_comparisons, find_forecasts, find_numbers


@cache
def default_model() -> CheckworthyModel:
    """The shipped model, loaded once per process."""
    return CheckworthyModel.from_pretrained()


def score_sentences(analysis: Analysis, model: CheckworthyModel | None = None) -> list[float]:
    """One check-worthiness score per sentence of ``analysis``, in sentence order, from
    its ``token_states``."""
    model = model or default_model()
    spans = [(s.start, s.end) for s in analysis.sentences]
    if not spans:
        return []
    return model.score_spans(analysis.token_states.states(CONTEXT_LAYERS), spans)


def claims_for(analysis: Analysis, model: CheckworthyModel | None = None) -> list[Claim]:
    """The claims of ``analysis``: what ``ClaimsStage`` assigns to ``analysis.claims``."""
    model = model or default_model()
    return [claim for _, claim in _select(analysis, score_sentences(analysis, model),
                                          model.threshold)]


def _select(analysis: Analysis, scores: Sequence[float],
            threshold: float) -> list[tuple[int, Claim]]:
    """(sentence index, claim) for every sentence that is a claim, in order.

    The number finders read ``kept_text()`` (same offsets as ``text``, and exactly the
    string the shared parse was made from, so nothing is parsed twice)."""
    kept, doc = analysis.kept_text(), analysis.doc
    if doc is not None and doc.text != kept:
        doc = None
    sources = analysis.attributions or []
    found = []
    for i, (sentence, score) in enumerate(zip(analysis.sentences, scores)):
        if score >= threshold:
            found.append((i, _claim(analysis, kept, doc, sentence, score, sources[i])))
        elif _FUTURE.search(sentence.text):
            claim = _claim(analysis, kept, doc, sentence, score, sources[i],
                           reason="forecast")
            if any(_about_quantity(f, claim) for f in claim.forecasts):
                found.append((i, claim))
    return found


# A cheap filter before the parse-based forecast finder: the words that can start one.
_FUTURE = re.compile(r"\b(?:will|shall|'ll|’ll|set to|poised to|bound to|expected to|going to"
                     r"|due to|on (?:course|track) to)\b", re.IGNORECASE)


def _about_quantity(forecast: Forecast, claim: Claim) -> bool:
    """Whether a forecast covers a number or a comparison ("more and more", "double")."""
    return any(forecast.start <= m.start and m.end <= forecast.end
               for m in (*claim.numbers, *claim.comparisons))


def _claim(analysis: Analysis, kept: str, doc: Any, sentence: Sentence, score: float,
           source: SourceRef, reason: str = "check-worthy") -> Claim:
    """One claim with its numbers, comparisons, forecasts and source spelled out."""
    span = (kept, sentence.start, sentence.end)
    return Claim(
        sentence.start, sentence.end, sentence.text, round(score, 4),
        source=source,
        numbers=find_numbers(*span, published=published_date(analysis), doc=doc),
        comparisons=find_comparisons(*span, doc=doc),
        forecasts=find_forecasts(*span, doc=doc),
        reason=reason,
    )


def published_date(analysis: Analysis) -> dt.date | None:
    """The publication date from ``metadata.date`` (ISO, as ingest writes it), if any."""
    try:
        return dt.date.fromisoformat((analysis.metadata.date or "")[:10])
    except ValueError:
        return None


class ClaimsStage:
    """``claims`` (and, with ``vectors``, ``claim_vectors``) for English articles: the
    model and the number patterns know English.

    Args:
        model: the check-worthiness model (default: the shipped one).
        vectors: embed each claim for claim matching (``corpus add`` turns it on).
    """

    def __init__(self, model: CheckworthyModel | None = None, *, vectors: bool = False) -> None:
        self.model = model or default_model()
        self.vectors = vectors

    def load(self) -> None:
        if self.vectors:
            shared_encoder()

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.language is not None and not analysis.language.supported:
            return analysis
        if analysis.token_states is None:
            raise ValueError("claims need token_states, which the encode stage assigns")
        scores = score_sentences(analysis, self.model)
        analysis.claims = [claim for _, claim in _select(analysis, scores, self.model.threshold)]
        if self.vectors:
            analysis.claim_vectors = shared_encoder().encode([c.text for c in analysis.claims])
        return analysis
