"""The claims stage: which sentences become claims, with their offsets and scores."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.document import Analysis, Metadata, Sentence, Source
from unspin.models.checkworthy import FEATURE_SIZE, CheckworthyModel
from unspin.models.encoder import HIDDEN_SIZE, TokenStates
from unspin.pipeline import registered
from unspin.stages.claims import Claim, ClaimsStage, claims_for, score_sentences


class FixedModel(CheckworthyModel):
    """Scores a sentence by whether it has a digit: the stage's logic without the encoder.
    It reads a text as one "token" a character, whose first state says "a digit"."""

    def __init__(self) -> None:
        super().__init__([], threshold=0.5)
        self.reads = 0

    def read(self, texts: Sequence[str]) -> list[TokenStates]:
        self.reads += len(texts)
        out = []
        for text in texts:
            states = np.zeros((len(text), FEATURE_SIZE), dtype=np.float32)
            states[:, 0] = [c.isdigit() for c in text]
            states[:, 1] = 1.0
            offsets = np.array([(i, i + 1) for i in range(len(text))], dtype=np.int64)
            out.append(TokenStates(offsets.reshape(-1, 2), states))
        return out

    def score_features(self, features: np.ndarray) -> list[float]:
        return [0.9 if row[0] > 0 else 0.1 for row in features]


def _analysis(*sentences: str) -> Analysis:
    text = " ".join(sentences)
    analysis = Analysis(source=Source(path="t.txt"), text=text, metadata=Metadata())
    at = 0
    for sentence in sentences:
        analysis.sentences.append(Sentence(at, at + len(sentence), sentence))
        at += len(sentence) + 1
    return analysis


def test_claims_keep_sentences_at_or_above_threshold() -> None:
    analysis = _analysis("Hello there.", "Taxes rose 3% in 2019.", "Goodbye.")
    claims = claims_for(analysis, FixedModel())
    assert [(c.start, c.end, c.text, c.score) for c in claims] == [
        (13, 35, "Taxes rose 3% in 2019.", 0.9)]
    assert claims[0].source.kind == "none"
    assert [(n.text, n.kind) for n in claims[0].numbers] == [("3%", "percent"), ("2019", "year")]
    assert all(analysis.text[c.start:c.end] == c.text for c in claims)


def test_claims_scores_one_per_sentence() -> None:
    analysis = _analysis("One.", "Two 2.", "Three.")
    assert score_sentences(analysis, FixedModel()) == [0.1, 0.9, 0.1]
    assert score_sentences(_analysis(), FixedModel()) == []


def test_claims_stage_is_registered_with_its_fields() -> None:
    assert "unspin.claims.v1" in registered()
    assert ClaimsStage.requires == ("sentences", "quotes", "doc")
    assert ClaimsStage.assigns == ("claims", "sourcing", "claim_vectors")


def test_claims_pipe_matches_one_at_a_time() -> None:
    stage = ClaimsStage(FixedModel())
    batch = stage.pipe([_analysis("A 1.", "B."), _analysis(), _analysis("C.", "D 4.")])
    singles = [stage(_analysis("A 1.", "B.")), stage(_analysis()), stage(_analysis("C.", "D 4."))]
    assert [a.claims for a in batch] == [a.claims for a in singles]
    assert [a.sourcing for a in batch] == [a.sourcing for a in singles]
    assert [c.text for a in batch for c in a.claims] == ["A 1.", "D 4."]


def test_claims_score_from_the_states_techniques_left() -> None:
    model = FixedModel()
    analysis = _analysis("Taxes rose 3% in 2019.", "Hello.")
    analysis.token_states = model.read([analysis.kept_text()])[0]
    model.reads = 0
    assert score_sentences(analysis, model) == [0.9, 0.1]
    assert model.reads == 0  # no second encoder pass
    analysis.token_states = None
    assert score_sentences(analysis, model) == [0.9, 0.1]
    assert model.reads == 1


def test_claims_vectors_only_when_asked_and_never_in_the_json() -> None:
    analysis = ClaimsStage(FixedModel())(_analysis("Taxes rose 3% in 2019."))
    assert analysis.claim_vectors is None
    stage = ClaimsStage(FixedModel(), claim_vectors=True)
    analysis = stage(_analysis("Taxes rose 3% in 2019.", "Hello."))
    assert analysis.claim_vectors.shape == (1, HIDDEN_SIZE)
    assert np.allclose(np.linalg.norm(analysis.claim_vectors, axis=1), 1.0, atol=1e-5)
    assert "claim_vectors" not in analysis.to_dict()


@pytest.fixture(scope="module")
def seed_claims(seed_article: Path) -> tuple[Analysis, list[Claim]]:
    import unspin

    analysis = unspin.analyze(seed_article)
    return analysis, claims_for(analysis)


def test_claims_seed_statistic_is_a_claim(seed_claims: tuple[Analysis, list[Claim]]) -> None:
    _, claims = seed_claims
    assert any("more than 21,000" in c.text for c in claims)


def test_claims_seed_widgets_give_no_claim(seed_claims: tuple[Analysis, list[Claim]]) -> None:
    analysis, claims = seed_claims
    assert not any("Best Price" in c.text or "Buy New" in c.text for c in claims)
    for claim in claims:
        assert not any(r.start < claim.end and claim.start < r.end for r in analysis.removed)


def _parsed(*sentences: str) -> Analysis:
    from unspin.stages.nlp import NlpStage

    analysis = _analysis(*sentences)
    analysis.sentences = []
    return NlpStage()(analysis)


def test_claims_forecast_of_a_quantity_is_a_claim_below_threshold() -> None:
    analysis = _parsed("Until the war ends, there will be more and more desertions.",
                       "The minister will visit Paris next week.")
    claims = claims_for(analysis, FixedModel())
    assert [(c.text, c.reason, c.score) for c in claims] == [
        ("Until the war ends, there will be more and more desertions.", "forecast", 0.1)]
    assert claims[0].forecasts and claims[0].comparisons


def test_claims_hedged_forecast_is_not_a_claim() -> None:
    analysis = _parsed("Prices may rise more and more next year.")
    assert claims_for(analysis, FixedModel()) == []


def test_claims_above_threshold_are_check_worthy() -> None:
    claims = claims_for(_analysis("Taxes rose 3% in 2019."), FixedModel())
    assert [c.reason for c in claims] == ["check-worthy"]


@pytest.mark.slow
def test_claims_are_the_same_whether_or_not_techniques_ran(
        seed_claims: tuple[Analysis, list[Claim]], seed_article: Path) -> None:
    import unspin
    from unspin.config import DEFAULT_STAGES

    analysis, _ = seed_claims
    alone = unspin.analyze(seed_article, stages=tuple(
        s for s in DEFAULT_STAGES if s != "unspin.techniques.v1"))
    assert alone.techniques == [] and analysis.techniques
    assert alone.claims == analysis.claims
