"""The learned source-span detector: its head, its span helpers, its training data and
what it changes in the sources stage (docs/attribution-guidelines.md, section 19)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from unspin.document import Analysis, Article, Source
from unspin.models.encoder import TokenStates
from unspin.models.source_spans import (
    STATE_SIZE,
    SourceSpanModel,
    TokenProbabilities,
    default_model,
    detected_spans,
    span_probability,
    token_spans,
)
from unspin.training.source_spans import (
    excluded_names,
    f1_figures,
    folds,
    token_labels,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_head_loads_with_thresholds_in_range() -> None:
    model = default_model()
    assert model.weight.shape == (STATE_SIZE * 3,)  # a token and its two neighbours
    assert 0.0 < model.gate < 1.0
    assert model.propose is None or model.gate <= model.propose < 1.0
    assert model.config["articles"] >= 100 and model.neighbours == 1


def test_a_folder_without_a_head_is_a_clear_model_error(tmp_path: Path) -> None:
    from unspin.errors import ModelError

    with pytest.raises(ModelError, match="no usable source-span model"):
        SourceSpanModel.from_pretrained(tmp_path)


def test_a_saved_head_scores_the_same_after_loading(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    model = SourceSpanModel(rng.normal(size=STATE_SIZE), 0.5, {"gate": 0.4, "propose": 0.8})
    model.save_pretrained(tmp_path)
    again = SourceSpanModel.from_pretrained(tmp_path)
    states = TokenStates(np.array([[0, 3], [4, 9]]), rng.normal(size=(2, STATE_SIZE)))
    assert np.allclose(model.score_states(states).probabilities,
                       again.score_states(states).probabilities, atol=1e-6)
    assert again.gate == 0.4 and again.propose == 0.8


def _probabilities(pairs: list[tuple[int, int, float]]) -> TokenProbabilities:
    return TokenProbabilities(np.array([[s, e] for s, e, _ in pairs]),
                              np.array([p for _, _, p in pairs]))


def test_word_pieces_and_hyphens_join_into_one_span() -> None:
    text = "Editorialists warned that pro-war voters left."
    probabilities = _probabilities([(0, 9, 0.9), (9, 13, 0.8), (14, 20, 0.2), (26, 29, 0.7),
                                    (29, 30, 0.7), (30, 33, 0.7), (34, 40, 0.9),
                                    (41, 45, 0.1)])
    assert token_spans(probabilities, 0.5, text) == [(0, 13), (26, 40)]
    spans = detected_spans(probabilities, 0.5, text)
    assert [text[s:e] for s, e, _ in spans] == ["Editorialists", "pro-war voters"]
    assert spans[0][2] == pytest.approx(0.85)


def test_a_span_reads_as_its_most_confident_token() -> None:
    probabilities = _probabilities([(0, 7, 0.9), (8, 11, 0.1)])  # "Experts say"
    assert span_probability(probabilities, 0, 11) == pytest.approx(0.9)
    assert span_probability(probabilities, 12, 20) == 0.0


def test_tokens_inside_a_gold_source_are_labelled() -> None:
    states = TokenStates(np.array([[0, 3], [4, 11], [12, 16]]), np.zeros((3, 4)))
    assert token_labels(states, [(0, 11)]).tolist() == [1, 1, 0]


def test_folds_split_articles_whole_and_cover_them_once() -> None:
    chosen = folds(list(range(23)), 5)  # type: ignore[arg-type]
    assert sorted(i for fold in chosen for i in fold) == list(range(23))
    assert all(4 <= len(fold) <= 5 for fold in chosen)


def test_span_figures_pool_exact_and_overlap_hits() -> None:
    figures = f1_figures({"predicted": 4, "gold": 5, "exact": 2, "overlap_predicted": 3,
                          "overlap_gold": 4})
    assert figures["exact_precision"] == 0.5 and figures["overlap_recall"] == 0.8


def test_the_attribution_set_and_the_reserved_pool_are_never_trained_on(tmp_path: Path) -> None:
    reserved = tmp_path / "reserved.txt"
    reserved.write_text("some-article\n\n")
    names = excluded_names(ROOT / "tests" / "data" / "attribution", reserved)
    assert "some-article" in names
    labelled = {p.stem for p in (ROOT / "tests" / "data" / "attribution" / "polnear").glob("*.jsonl")}
    assert labelled and labelled <= names


# --- with the encoder: slow -------------------------------------------------------------------


def _read(text: str) -> Analysis:
    from unspin.stages.clean import CleanStage
    from unspin.stages.encode import EncodeStage
    from unspin.stages.language import LanguageStage
    from unspin.stages.nlp import NlpStage
    from unspin.stages.parts import PartsStage
    from unspin.stages.quotes import QuotesStage
    from unspin.stages.sources import SourcesStage

    analysis = Analysis.from_article(Article(Source(path="case.txt"), text))
    for stage in (CleanStage(), PartsStage(), LanguageStage(), NlpStage(), EncodeStage(),
                  QuotesStage(), SourcesStage()):
        analysis = stage(analysis)
    return analysis


@pytest.mark.slow
def test_a_plain_vague_holder_passes_the_gate_and_the_proposer_finds_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin.resolve.detected import proposed_vague, source_probabilities

    text = ("The council closed the old harbour bridge on Tuesday. "
            "Editorialists warned that the closure would cut the town in two.")
    analysis = _read(text)
    assert ("Editorialists", "vague") in [(s.text, s.kind) for s in analysis.sources]
    # The proposer is off as shipped (it lowered vague precision on the attribution set,
    # guidelines section 19); switched on, it finds the holder with no rule's help.
    probabilities = source_probabilities(analysis)
    assert proposed_vague(analysis, probabilities, []) == []
    monkeypatch.setitem(default_model().config, "propose", 0.8)
    found = [text[s:e] for s, e in proposed_vague(analysis, probabilities, [])]
    assert "Editorialists" in found


@pytest.mark.slow
def test_the_detector_gates_a_fragment_that_is_no_source() -> None:
    from unspin.resolve.detected import passes_gate, source_probabilities

    text = ("The two men died of gunshot wounds late on Friday, the county coroner said. "
            "Experts say the bridge is unsafe.")
    analysis = _read(text)
    probabilities = source_probabilities(analysis)
    assert probabilities is not None
    wounds = text.index("gunshot wounds")
    assert not passes_gate(probabilities, wounds, wounds + len("gunshot wounds"))
    experts = text.index("Experts")
    assert passes_gate(probabilities, experts, experts + len("Experts say"))
