"""The shipped technique tagger: offline loading, exact offsets, determinism, a score floor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from unspin.errors import ConfigError
from unspin.glossary import explain
from unspin.models.encoder import make_windows
from unspin.models.techniques import (
    DEFAULT_DIR,
    TECHNIQUE_NAMES,
    TechniqueTagger,
    refine,
)

# Measured on the same 15 validation articles with the shipped model: see MODEL_CARD.md.
RECALL_FLOOR = {"si": 0.38, "flc": 0.23}  # F1, measured (int8): SI 0.412, FLC 0.258
# The default (precision) setting on the same 15 articles, measured 2026-12-07 from the
# shipped heads' int8 readings: SI precision 0.456, FLC precision 0.350 (32 spans), and
# Spearman 0.49 between predicted and gold technique density (15 articles: noisy; 0.78 on
# all 74).
PRECISION_FLOOR = {"si_precision": 0.40, "flc_precision": 0.30}
DENSITY_FLOOR = 0.35
N_FLOOR_ARTICLES = 15

TEXT = ("The corrupt, treasonous elites want to destroy our great nation. "
        "They are lying, disgusting traitors, and everyone knows it. ")


@pytest.fixture(scope="module")
def tagger() -> TechniqueTagger:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    return TechniqueTagger.from_pretrained(DEFAULT_DIR)


def _holds(text: str, spans: list[tuple[int, int, str, float]]) -> None:
    for start, end, technique, score in spans:
        assert 0 <= start < end <= len(text)
        assert technique in TECHNIQUE_NAMES and 0.0 <= score <= 1.0


@pytest.mark.parametrize("n_tokens,window,overlap", [(0, 256, 64), (10, 256, 64), (254, 256, 64),
                                                     (255, 256, 64), (1000, 256, 64), (5000, 128, 32)])
def test_techniques_windows_cover_every_token_once(n_tokens: int, window: int, overlap: int) -> None:
    windows = make_windows(0, list(range(n_tokens)), window, overlap)
    kept = [w.first + i for w in windows for i in range(w.keep_from, w.keep_to)]
    assert kept == list(range(n_tokens))
    assert all(len(w.ids) <= window - 2 for w in windows)


@pytest.mark.parametrize("start,end,expected", [
    (9, 12, ["neo-Nazi"]),  # "neo": a hyphen between letters joins the word
    (12, 17, ["neo-Nazi"]),  # "-Nazi"
    (5, 7, ["Kiev"]),  # word pieces widen to the word
    (4, 26, ["Kiev neo-Nazi", "regime"]),  # cut at the line break, pieces trimmed
    (20, 28, ["regime -"]),  # a dash between spaces is not part of a word
])
def test_techniques_refine_widens_to_words(start: int, end: int, expected: list[str]) -> None:
    text = "the Kiev neo-Nazi \n regime - x"
    assert [text[a:b] for a, b in refine(text, start, end)] == expected


@pytest.mark.slow
def test_techniques_loads_offline_and_predicts(tagger: TechniqueTagger) -> None:
    spans = tagger.predict(TEXT)
    assert len(spans) == 1
    _holds(TEXT, spans[0])


@pytest.mark.slow
def test_techniques_loads_in_a_process_with_the_hub_switched_off() -> None:
    code = ("from unspin.models.techniques import TechniqueTagger; "
            f"print(len(TechniqueTagger.from_pretrained().predict({TEXT!r})[0]) >= 0)")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "HF_HOME": "/nonexistent-hf-home", "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=False,
                          timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("True"), done.stderr[-2000:]


@pytest.mark.slow
def test_techniques_offsets_with_a_bom_match_text_without(tagger: TechniqueTagger) -> None:
    plain = tagger.predict(TEXT, setting="recall")[0]
    with_bom = tagger.predict("\ufeff" + TEXT, setting="recall")[0]
    assert plain
    assert [(s - 1, e - 1, t) for s, e, t, _ in with_bom] == [(s, e, t) for s, e, t, _ in plain]


@pytest.mark.slow
def test_techniques_token_offsets_map_back_on_a_long_article(tagger: TechniqueTagger) -> None:
    text = "\ufeffTitle here\n\n" + " ".join(f"Sentence {i} says the vile élite lie again." for i in range(800))
    probs, offsets = tagger.token_probs([text])[0]
    assert len(probs) == len(offsets) > 20 * tagger.config.window
    for s, e in offsets[::97]:
        piece = text[s:e].lower()
        assert piece and not piece.isspace()
    spans = tagger.predict(text, setting="recall")[0]
    _holds(text, spans)


@pytest.mark.slow
def test_techniques_output_is_deterministic(tagger: TechniqueTagger) -> None:
    texts = [TEXT, TEXT * 30]
    for setting in ("recall", "precision"):
        first = tagger.predict(texts, setting=setting)  # type: ignore[arg-type]
        assert first == tagger.predict(texts, setting=setting)  # type: ignore[arg-type]
        assert tagger.predict(texts, batch_size=1, setting=setting) == tagger.predict(  # type: ignore[arg-type]
            texts, batch_size=7, setting=setting)  # type: ignore[arg-type]


@pytest.mark.slow
def test_techniques_save_then_load_round_trips(tagger: TechniqueTagger, tmp_path: Path) -> None:
    tagger.save_pretrained(tmp_path)
    again = TechniqueTagger.from_pretrained(tmp_path)
    assert again.config == tagger.config
    assert again.scorer == tagger.scorer
    assert again.predict(TEXT, setting="recall") == tagger.predict(TEXT, setting="recall")


@pytest.mark.slow
def test_techniques_recall_setting_scores_stay_above_floor(tagger: TechniqueTagger,
                                                           ptc_dir: Path) -> None:
    from unspin.training.techniques import evaluate_techniques

    ids = (DEFAULT_DIR / "validation_ids.txt").read_text().split()[:N_FLOOR_ARTICLES]
    result = evaluate_techniques(ptc_dir / "train-articles",
                                 ptc_dir / "train-labels-task2-technique-classification",
                                 DEFAULT_DIR, ids=ids, setting="recall")
    si_result = evaluate_techniques(ptc_dir / "train-articles",
                                    ptc_dir / "train-labels-task1-span-identification",
                                    DEFAULT_DIR, ids=ids, setting="recall")
    assert result["articles"] == N_FLOOR_ARTICLES
    assert si_result["si"]["f1"] >= RECALL_FLOOR["si"], si_result["si"]  # type: ignore[index]
    assert result["flc"]["f1"] >= RECALL_FLOOR["flc"], result["flc"]  # type: ignore[index]
    assert np.isfinite(result["flc"]["f1"])  # type: ignore[index]


@pytest.mark.slow
def test_techniques_precision_setting_scores_stay_above_floor(tagger: TechniqueTagger,
                                                              ptc_dir: Path) -> None:
    from unspin.training.techniques import evaluate_techniques

    ids = (DEFAULT_DIR / "validation_ids.txt").read_text().split()[:N_FLOOR_ARTICLES]
    result = evaluate_techniques(ptc_dir / "train-articles",
                                 ptc_dir / "train-labels-task2-technique-classification",
                                 DEFAULT_DIR, ids=ids)
    for key, floor in PRECISION_FLOOR.items():
        measure, figure = key.split("_")
        found = result[measure][figure]  # type: ignore[index]
        assert found >= floor, (key, result[measure])  # type: ignore[index]
    assert result["article"]["spearman_expected_density"] >= DENSITY_FLOOR, result["article"]  # type: ignore[index]


# Sentences in our own words, modelled on false positives users met: a demonym, a word
# for skin colour and neutral adjectives in factual sentences. The balanced setting
# flags each; the precision setting (the default) must not.
PROFILE = """Governor names new chief of staff

The governor on Monday named Maria Lopez, a former budget director, as her chief of staff.

Lopez, 52, is known in the capitol as a purposeful manager who returns calls quickly.

"She is calm and purposeful," said one senator who has worked with her for a decade.

Former aides describe her as having a pretty even temperament, even during long budget fights.

She will start on June 1, the governor's office said."""
MAYOR = "In 2019 he was elected the city's first black mayor, winning 54 percent of the vote."
JUDGE = ("In 2021 she became the first black woman to lead the state supreme court, "
         "the court said in a statement.")
DIPLOMATS = "American diplomats were evacuated from the capital over the weekend."
PASSENGERS = "Two American citizens were among the passengers, the airline said."
# Two texts of over 100 words (the article signal needs 100), one a plain council report,
# one a tirade; both in our own words.
REPORT = """Council approves budget for road repairs

The city council on Tuesday approved a budget of 4.2 million dollars for road repairs
next year, after a two-hour session in which members questioned the cost of asphalt.

The plan covers 37 streets in the north and east of the city. Work is due to start in
April and to end in October, the public works department said in a statement.

Seven members voted in favour and two against. One of those against said she wanted more
of the money spent on pavements and bicycle lanes. The mayor said the list of streets
would be reviewed in the spring, when the winter damage is known."""
RANT = """They are destroying everything we love

The corrupt, treasonous elites want to destroy our great nation, and they will not stop
until every decent, hard-working patriot is silenced. These lying traitors laugh at you.

Wake up! Our children are in danger, our families are under attack, and the radical mob
is at the gates. Everyone knows the truth: they hate our flag, they hate our faith, and
they hate you. Only cowards stay silent while this evil spreads.

Stand up now, or lose your country forever. The disgusting hypocrites in the capital are
the real enemy of the people, a sick and shameless gang of thieves."""


@pytest.mark.slow
@pytest.mark.parametrize("text,words,technique", [
    (PROFILE, "purposeful", "Name_Calling,Labeling"),
    (PROFILE, "pretty even temperament", "Loaded_Language"),
    (MAYOR, "black", "Name_Calling,Labeling"),
    (DIPLOMATS, "American", "Flag-Waving"),
    (PASSENGERS, "American", "Flag-Waving"),
])
def test_techniques_precision_setting_drops_words_flagged_out_of_context(
        tagger: TechniqueTagger, text: str, words: str, technique: str) -> None:
    probs, offsets = tagger.token_probs([text])[0]

    def flagged(setting: str) -> list[str]:
        return [text[s:e] for s, e, t, _ in tagger.spans(text, probs, offsets,
                                                         setting=setting)  # type: ignore[arg-type]
                if t == technique and words in text[s:e]]

    assert flagged("recall"), f"the recall setting no longer flags {words!r}: the case is moot"
    assert not flagged("precision")


@pytest.mark.slow
def test_techniques_precision_spans_are_cores_of_recall_spans_with_the_same_scores(
        tagger: TechniqueTagger, seed_article: Path) -> None:
    # The seed article: the made-up texts here show nothing at the precision setting (the
    # tirade's 26 candidates score at most 0.378, under the threshold of 0.38).
    text = seed_article.read_text(encoding="utf-8")
    probs, offsets = tagger.token_probs([text])[0]
    shown = tagger.spans(text, probs, offsets)
    every = tagger.spans(text, probs, offsets, setting="recall")
    assert shown and len(every) > len(shown)
    for s, e, technique, score in shown:
        assert any(a <= s < e <= b and (t, p) == (technique, score) for a, b, t, p in every)
        assert text[s:e] == text[s:e].strip() and text[s].isalnum() and text[e - 1].isalnum()
    assert tagger.predict(text)[0] == shown


@pytest.mark.slow
def test_techniques_findings_explain_each_span(tagger: TechniqueTagger) -> None:
    probs, offsets = tagger.token_probs([TEXT])[0]
    found = tagger.findings(TEXT, probs, offsets, setting="recall")
    assert found
    for f in found:
        assert f.explanation == explain(f.technique)
        assert 0.0 <= f.score <= 1.0 and 0.0 <= f.evidence.head_probability <= 1.0
        ev = f.evidence
        assert ev.sentence_start <= f.start < ev.sentence_end  # the sentence it starts in
        assert ev.sentence_probability >= ev.head_probability - 1e-4  # max over a superset


@pytest.mark.slow
def test_techniques_article_signal_ranks_loaded_above_factual_text(
        tagger: TechniqueTagger) -> None:
    def signal(text: str) -> tuple[float, float]:
        probs, offsets = tagger.token_probs([text])[0]
        s = tagger.article_signal(text, probs, offsets)
        assert s.words >= 100 and s.technique_density >= 0
        assert s.expected_density is not None and s.persuasion_score is not None
        assert 0 <= s.persuasion_score <= 1
        return s.expected_density, s.persuasion_score

    loaded, factual = signal(RANT), signal(REPORT)
    assert loaded[0] > factual[0] and loaded[1] > factual[1]


@pytest.mark.slow
def test_techniques_short_text_has_no_article_signal(tagger: TechniqueTagger) -> None:
    probs, offsets = tagger.token_probs([MAYOR])[0]
    s = tagger.article_signal(MAYOR, probs, offsets)
    assert s.words < 100 and s.expected_density is None and s.persuasion_score is None


def test_techniques_unknown_setting_is_refused(tagger: TechniqueTagger) -> None:
    probs = np.full((2, tagger.config.n_outputs), 0.99, dtype=np.float32)
    offsets = np.array([[0, 3], [4, 11]])
    with pytest.raises(ConfigError, match="accepted precision, recall"):
        tagger.spans(TEXT, probs, offsets, setting="everything")  # type: ignore[arg-type]


@pytest.mark.slow
def test_techniques_first_black_woman_is_not_name_calling(tagger: TechniqueTagger) -> None:
    # The heads already leave "black" alone in this sentence (at either setting); the
    # default must too.
    for setting in ("precision", "recall"):
        found = tagger.predict(JUDGE, setting=setting)[0]  # type: ignore[arg-type]
        assert not [JUDGE[s:e] for s, e, t, _ in found
                    if t == "Name_Calling,Labeling" and "black" in JUDGE[s:e]]
