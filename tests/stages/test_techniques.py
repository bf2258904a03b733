"""The techniques stage: spans stay out of removed text, offsets hold, non-English skips."""

from __future__ import annotations

import numpy as np
import pytest

from unspin.document import Analysis, Article, Language, Removed, Source
from unspin.errors import ConfigError
from unspin.models.encoder import EncodedText
from unspin.models.technique_scoring import ArticleSignal, Evidence, TechniqueFinding
from unspin.stages.encode import EncodeStage
from unspin.stages.techniques import TechniquesStage, clip


class _FakeTagger:
    """Tags every character of the text as one span, so clipping is all that is tested;
    the recall setting adds a second, weaker span."""

    def probs(self, text: str, encoded: EncodedText) -> np.ndarray:
        return np.ones((len(encoded.ids), 1))

    def analyse(self, text: str, probs: np.ndarray, offsets: np.ndarray, *,
                setting: str) -> tuple[list[TechniqueFinding], ArticleSignal]:
        def finding(end: int, score: float) -> TechniqueFinding:
            return TechniqueFinding(0, end, "Loaded_Language", score, "",
                                    Evidence(0.8, 0.95, 0.7, 0, len(text)))

        found = [finding(len(text), 0.9)]
        if setting == "recall":
            found.append(finding(len(text) // 2, 0.2))
        return found, ArticleSignal(len(text.split()), 12.5, 20.0, 0.75)


def _analysis(text: str, removed: list[tuple[int, int]] = (), lang: str = "en") -> Analysis:  # type: ignore[assignment]
    gone = [Removed(s, e, text[s:e], "ad", "test") for s, e in removed]
    a = Analysis.from_article(Article(Source(path="x"), text, removed=gone))
    a.language = Language(lang, 1.0, lang == "en")
    if lang == "en":
        a.token_states = EncodedText([1], np.array([[0, len(text)]]), [], [], (-1,), 256, 32)
    return a


def test_techniques_spans_never_overlap_removed_text() -> None:
    text = "A shocking disgrace.\nBUY NOW CHEAP\nThe radical mob returns."
    ad = (text.index("BUY"), text.index("CHEAP") + 5)
    a = TechniquesStage(_FakeTagger())(_analysis(text, [ad]))  # type: ignore[arg-type]
    assert [t.text for t in a.techniques] == ["A shocking disgrace.", "The radical mob returns."]
    for t in a.techniques:
        assert text[t.start:t.end] == t.text
        assert t.end <= ad[0] or t.start >= ad[1]


@pytest.mark.parametrize("start,end,removed,expected", [
    (0, 10, [], [(0, 10)]),
    (0, 10, [(3, 5)], [(0, 3), (5, 10)]),
    (2, 8, [(0, 10)], []),
    (0, 10, [(8, 12)], [(0, 8)]),
])
def test_techniques_clip_cuts_removed_regions(start: int, end: int, removed: list[tuple[int, int]],
                                               expected: list[tuple[int, int]]) -> None:
    text = "abcdefghijkl"
    gone = [Removed(s, e, text[s:e], "ad", "test") for s, e in removed]
    assert clip(start, end, gone, text) == expected


def test_techniques_clip_trims_whitespace_and_bom() -> None:
    text = "\ufeff  Evil plan  \n"
    assert clip(0, len(text), [], text) == [(3, 12)]


def test_techniques_skips_non_english_with_a_note() -> None:
    a = TechniquesStage(_FakeTagger())(_analysis("Un texte en français.", lang="fr"))  # type: ignore[arg-type]
    assert a.techniques == [] and any("techniques: skipped" in n for n in a.notes)


def test_techniques_reads_the_encode_stages_states_and_leaves_them() -> None:
    batch = [_analysis("One text."), _analysis("Otro.", lang="es"), _analysis("Two texts.")]
    out = [TechniquesStage(_FakeTagger())(a) for a in batch]  # type: ignore[arg-type]
    assert [len(a.techniques) for a in out] == [1, 0, 1]
    assert [a.token_states is not None for a in out] == [True, False, True]


def test_techniques_carries_the_evidence_and_the_article_signal() -> None:
    a = TechniquesStage(_FakeTagger())(_analysis("A shocking disgrace."))  # type: ignore[arg-type]
    (span,) = a.techniques
    assert (span.score, span.token_probability, span.sentence_probability) == (0.9, 0.8, 0.95)
    assert (a.technique_setting, a.technique_density, a.persuasion_score) == (
        "precision", 12.5, 0.75)


def test_techniques_recall_setting_keeps_more_spans() -> None:
    a = TechniquesStage(_FakeTagger(), setting="recall")(  # type: ignore[arg-type]
        _analysis("A shocking disgrace, again and again."))
    assert len(a.techniques) == 2 and a.technique_setting == "recall"


def test_techniques_unknown_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="accepted precision, recall"):
        TechniquesStage(_FakeTagger(), setting="everything")  # type: ignore[arg-type]


def test_techniques_signal_is_none_when_the_stage_skips() -> None:
    a = TechniquesStage(_FakeTagger())(_analysis("Un texte en français.", lang="fr"))  # type: ignore[arg-type]
    assert a.technique_density is None and a.persuasion_score is None


@pytest.mark.slow
def test_techniques_real_model_on_removed_text() -> None:
    text = ("The corrupt, treasonous elites want to destroy our great nation. "
            "SUBSCRIBE TODAY for evil radical traitor news. "
            "They are lying, disgusting traitors and everyone knows it.")
    ad = (text.index("SUBSCRIBE"), text.index("news.") + 5)
    # The recall setting: the precision one may show nothing on a text this short.
    a = TechniquesStage(setting="recall")(EncodeStage()(_analysis(text, [ad])))
    assert a.techniques, "expected at least one technique on an openly loaded text"
    for t in a.techniques:
        assert text[t.start:t.end] == t.text and t.text == t.text.strip()
        assert t.end <= ad[0] or t.start >= ad[1]


class _ShortTextTagger(_FakeTagger):
    def analyse(self, text: str, probs: np.ndarray, offsets: np.ndarray, *,
                setting: str) -> tuple[list[TechniqueFinding], ArticleSignal]:
        found, _ = super().analyse(text, probs, offsets, setting=setting)
        return found, ArticleSignal(3, 333.3, None, None)


def test_techniques_short_text_gets_a_density_but_no_persuasion_score() -> None:
    a = TechniquesStage(_ShortTextTagger())(_analysis("A shocking disgrace."))  # type: ignore[arg-type]
    assert a.technique_density == 333.3 and a.persuasion_score is None
    assert any("no persuasion score" in n for n in a.notes)
