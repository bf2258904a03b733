"""Claims: the sentences worth fact-checking, what they assert and on whose word.

Every sentence of ``Analysis.sentences`` is scored by the check-worthiness model
(``unspin.models.checkworthy``) from the encoder states the techniques stage left in
``Analysis.token_states`` (read here only when that stage did not run); those at or above
its calibrated threshold become ``Claim`` spans (``reason`` "check-worthy"). A sentence
below it that forecasts a quantity as fact ("there will be more and more desertions") is a
claim as well (``reason`` "forecast"): the model, trained on statements about the past and
present, scores these low, yet a reader should check them. Each claim carries its numbers
normalised (``stages.numbers``), its comparisons and forecasts, and its source
(``stages.sources``). Sentences never contain removed text (the nlp stage splits them
around it), so nothing from an advertising widget can become a claim. With
``Options.claim_vectors`` (``corpus add`` sets it) each claim is also embedded on its own,
the way claim matching compares claims (``claim_vectors``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from ..config import Options
from ..document import Analysis, Claim, Forecast, Sentence
from ..models.checkworthy import CheckworthyModel
from ..models.encoder import shared_encoder
from ..pipeline import register
from .numbers import find_comparisons, find_forecasts, find_numbers
from .sources import attribute, sources_for, sourcing_summary


@cache
def default_model() -> CheckworthyModel:
    """The shipped model, loaded once per process."""
    return CheckworthyModel.from_pretrained()


def score_sentences(analysis: Analysis, model: CheckworthyModel | None = None) -> list[float]:
    """One check-worthiness score per sentence of ``analysis``, in sentence order."""
    return _score_many([analysis], model or default_model())[0]


def claims_for(analysis: Analysis, model: CheckworthyModel | None = None) -> list[Claim]:
    """The claims of ``analysis``: what ``ClaimsStage`` assigns to ``analysis.claims``."""
    model = model or default_model()
    return [claim for _, claim in _select(analysis, score_sentences(analysis, model),
                                          model.threshold)]


def _score_many(analyses: Sequence[Analysis], model: CheckworthyModel) -> list[list[float]]:
    """Sentence scores per analysis, from its ``token_states`` or, where there are none,
    from one encoder pass over its kept text."""
    unread = [a for a in analyses if a.token_states is None and a.sentences]
    read = dict(zip(map(id, unread), model.read([a.kept_text() for a in unread])))
    scores = []
    for analysis in analyses:
        states = read.get(id(analysis), analysis.token_states)
        spans = [(s.start, s.end) for s in analysis.sentences]
        scores.append(model.score_spans(states, spans) if spans else [])
    return scores


def _select(analysis: Analysis, scores: Sequence[float],
            threshold: float) -> list[tuple[int, Claim]]:
    """(sentence index, claim) for every sentence that is a claim, in order.

    The number finders read ``kept_text()`` (same offsets as ``text``, and exactly the
    string the shared parse was made from, so nothing is parsed twice)."""
    kept, doc = analysis.kept_text(), analysis.doc
    if doc is not None and doc.text != kept:
        doc = None
    found = []
    for i, (sentence, score) in enumerate(zip(analysis.sentences, scores)):
        if score >= threshold:
            found.append((i, _claim(analysis, kept, doc, sentence, score)))
        elif _FUTURE.search(sentence.text):
            claim = _claim(analysis, kept, doc, sentence, score, reason="forecast")
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
           reason: str = "check-worthy") -> Claim:
    """One claim with its numbers, comparisons, forecasts and source spelled out."""
    span = (kept, sentence.start, sentence.end)
    return Claim(
        sentence.start, sentence.end, sentence.text, round(score, 4),
        source=attribute(analysis, sentence, analysis.quotes),
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
    name: str = "unspin.claims.v1"
    requires: tuple[str, ...] = ("sentences", "quotes", "doc")
    assigns: tuple[str, ...] = ("claims", "sourcing", "claim_vectors")

    def __init__(self, model: CheckworthyModel | None = None, *,
                 claim_vectors: bool = False) -> None:
        self.model = model or default_model()
        self.claim_vectors = claim_vectors

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.pipe([analysis])[0]

    def pipe(self, analyses: list[Analysis]) -> list[Analysis]:
        """Score the sentences of all ``analyses``. English only: the model and the number
        patterns know English."""
        english = [a for a in analyses if a.language is None or a.language.supported]
        for analysis, scores in zip(english, _score_many(english, self.model)):
            analysis.claims = [claim for _, claim in _select(analysis, scores,
                                                             self.model.threshold)]
            analysis.sourcing = sourcing_summary(
                analysis, sources_for(analysis, analysis.quotes), analysis.claims)
            if self.claim_vectors:
                analysis.claim_vectors = shared_encoder().encode(
                    [c.text for c in analysis.claims])
        return analyses


@register("unspin.claims.v1")
def make_claims_stage(options: Options) -> ClaimsStage:
    return ClaimsStage(claim_vectors=options.claim_vectors)
