"""The claims stage: which sentences become claims, with their offsets and scores."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.document import Analysis, Metadata, Sentence, Source, SourceRef
from unspin.models.checkworthy import FEATURE_SIZE, CheckworthyModel
from unspin.models.encoder import HIDDEN_SIZE, TokenStates
from unspin.registry import specs
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


class FixedReading:
    """What the encode stage leaves, as ``FixedModel`` reads it."""

    def __init__(self, text: str) -> None:
        self.read = FixedModel().read([text])[0]

    def states(self, layers: Sequence[int]) -> TokenStates:
        return self.read


def _analysis(*sentences: str) -> Analysis:
    """An analysis as the stages before claims leave it: sentences, the encoder's reading,
    and a source for every sentence (none named: no quotes here)."""
    text = " ".join(sentences)
    analysis = Analysis(source=Source(path="t.txt"), text=text, metadata=Metadata())
    at = 0
    for sentence in sentences:
        analysis.sentences.append(Sentence(at, at + len(sentence), sentence))
        at += len(sentence) + 1
    analysis.token_states = FixedReading(analysis.kept_text())
    analysis.attributions = [SourceRef(s.start, s.end, s.text, "none")
                             for s in analysis.sentences]
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
    analysis = _analysis("It rained.", "Two 2 fell.", "It snowed.")
    assert score_sentences(analysis, FixedModel()) == [0.1, 0.9, 0.1]
    # no verb: never a claim, whatever the model says
    assert score_sentences(_analysis("One.", "Two 2."), FixedModel()) == [0.0, 0.0]
    assert score_sentences(_analysis(), FixedModel()) == []


def test_claims_stage_is_registered_with_its_fields() -> None:
    spec = specs()["unspin.claims.v1"]
    assert {"sentences", "doc", "token_states", "attributions"} <= set(spec.requires)
    assert spec.assigns == ("claims", "claim_vectors") and spec.config == {"vectors": False}


def test_claims_take_each_sentences_source_from_the_sources_stage() -> None:
    analysis = _analysis("Taxes rose 3% in 2019.", "Hello.")
    said = SourceRef(0, 5, "Taxes", "vague")
    analysis.attributions = [said, analysis.attributions[1]]
    assert [c.source for c in claims_for(analysis, FixedModel())] == [said]


def test_claims_score_from_the_encode_stages_reading() -> None:
    model = FixedModel()
    analysis = _analysis("Taxes rose 3% in 2019.", "Hello.")
    model.reads = 0
    assert score_sentences(analysis, model) == [0.9, 0.0]  # "Hello." has no verb
    assert model.reads == 0  # no second encoder pass
    analysis.token_states = None
    with pytest.raises(ValueError, match="encode stage"):
        ClaimsStage(model)(analysis)


@pytest.mark.slow
def test_claims_vectors_only_when_asked_and_never_in_the_json() -> None:
    analysis = ClaimsStage(FixedModel())(_analysis("Taxes rose 3% in 2019."))
    assert analysis.claim_vectors is None
    stage = ClaimsStage(FixedModel(), vectors=True)
    analysis = stage(_analysis("Taxes rose 3% in 2019.", "Hello."))
    assert analysis.claim_vectors.shape == (1, HIDDEN_SIZE)
    assert np.allclose(np.linalg.norm(analysis.claim_vectors, axis=1), 1.0, atol=1e-5)
    assert "claim_vectors" not in analysis.to_dict()


@pytest.fixture(scope="module")
def seed_claims(seed_article: Path) -> tuple[Analysis, list[Claim]]:
    import unspin

    analysis = unspin.analyze(seed_article)
    return analysis, analysis.claims


@pytest.mark.slow
def test_claims_seed_statistic_is_a_claim(seed_claims: tuple[Analysis, list[Claim]]) -> None:
    _, claims = seed_claims
    assert any("more than 21,000" in c.text for c in claims)


@pytest.mark.slow
def test_claims_seed_widgets_give_no_claim(seed_claims: tuple[Analysis, list[Claim]]) -> None:
    analysis, claims = seed_claims
    assert not any("Best Price" in c.text or "Buy New" in c.text for c in claims)
    for claim in claims:
        assert not any(r.start < claim.end and claim.start < r.end for r in analysis.removed)


def _parsed(*sentences: str) -> Analysis:
    from unspin.stages.nlp import NlpStage

    analysis = _analysis(*sentences)
    analysis.sentences = []
    analysis = NlpStage()(analysis)
    analysis.attributions = [SourceRef(s.start, s.end, s.text, "none")
                             for s in analysis.sentences]
    return analysis


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
    from unspin.registry import DEFAULT_STAGES

    analysis, _ = seed_claims
    alone = unspin.analyze(seed_article, stages=tuple(
        s for s in DEFAULT_STAGES if s != "unspin.techniques.v1"))
    assert alone.techniques == [] and analysis.techniques
    assert alone.claims == analysis.claims


# ------------------------------------------------------------------ issue 15

def test_claims_a_dated_figure_below_threshold_is_a_claim() -> None:
    """What a ledger compares stays a claim even when the debate-trained head scores it
    low (FixedModel scores a sentence without a digit 0.1)."""
    analysis = _parsed("Eleven people died of plague in the Arequipa region in February.",
                       "Eleven people attended.",
                       "Officials said the number of them was eleven.")
    claims = claims_for(analysis, FixedModel())
    assert [(c.text, c.reason) for c in claims] == [
        ("Eleven people died of plague in the Arequipa region in February.", "figure")]
    (number,) = claims[0].numbers
    assert (number.value, number.unit) == (11, "people")


def test_claims_page_furniture_never_becomes_a_claim() -> None:
    analysis = _parsed("- 941 comments", "Read the full report here.",
                       "Taxes rose 3% in 2019.")
    assert [c.text for c in claims_for(analysis, FixedModel())] == ["Taxes rose 3% in 2019."]


@pytest.mark.slow
@pytest.mark.parametrize("page", ["telegraph", "bbc-1"])
def test_claims_a_news_page_is_not_half_claims(shared_dir: Path, page: str) -> None:
    """Issue 15 found 13 of the Telegraph page's 14 sentences marked as claims; on news,
    at most a third of the sentences should reach the threshold (3 of 13 and 11 of 46
    on 2026-12-07 with the head trained on news labels; the benchmark averages over 102
    articles)."""
    import unspin

    path = shared_dir / "data" / "readability-test-pages" / "pages" / page / "source.html"
    if not path.is_file():
        pytest.skip(f"needs {path}")
    analysis = unspin.analyze(path)
    above = [c for c in analysis.claims if c.reason == "check-worthy"]
    assert analysis.sentences and len(above) <= len(analysis.sentences) / 2
    assert not any("comments" in c.text.lower() and len(c.text) < 30 for c in above)
