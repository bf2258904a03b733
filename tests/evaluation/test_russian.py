"""The Russian evaluation sets: scorers on cases worked out by hand, and the data files
(tests/data/ru, docs/russian-eval.md) load, agree with their offsets and meet issue 20's
counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from unspin.errors import InputError
from unspin.evaluation import attribution
from unspin.evaluation.retrieval import Sample, load_checkthat2020
from unspin.evaluation.russian import (
    CheckworthySentence,
    PairArticle,
    QuoteArticle,
    RussianClaims,
    SpeakerOutcome,
    checkworthy_problems,
    claims_problems,
    count_problems,
    expectation_problems,
    gold_groups,
    links,
    load_checkworthy,
    load_claims_ru,
    load_expectations,
    load_pairs,
    load_quotes,
    pair_problems,
    paired_speakers,
    pairing_problems,
    quote_problems,
    retrieval_task,
    score_checkworthy,
    score_grouping,
    score_origins,
    score_retrieval,
    score_speakers,
    speaker_outcomes,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "ru"


# --- copies -----------------------------------------------------------------------------------


def test_russian_grouping_counts_links_by_hand() -> None:
    gold = [{"a", "b"}, {"c", "d"}, {"e"}]
    # Predicted links: a-b (right), a-e and b-e (wrong); c-d missed.
    score = score_grouping([{"a", "b", "e"}, {"c"}, {"d"}], gold)
    assert (score.true_links, score.predicted_links, score.gold_links) == (1, 3, 2)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == pytest.approx(1 / 2)
    assert score.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_russian_grouping_ignores_ids_outside_the_set_and_empty_predictions_score_zero() -> None:
    gold = [{"a", "b"}, {"c"}]
    assert score_grouping([{"a", "b", "corpus-42"}], gold).precision == 1.0
    assert links([{"a", "x"}], known={"a", "b"}) == set()
    empty = score_grouping([], gold)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_russian_grouping_overlapping_groups_link_through_both() -> None:
    assert links([{"a", "b"}, {"b", "c"}]) == {frozenset("ab"), frozenset("bc")}


def _article(ident: str, language: str, role: str, pair: str | None, text: str,
             translation_of: str | None = None, separator: str | None = None) -> PairArticle:
    return PairArticle(ident, Path(f"{ident}.txt"), text, pair, role, translation_of, language,
                       text.split("\n", 1)[0], date(2024, 11, 5), "Outlet", "wire", "topic",
                       separator, ())


ENGLISH = "Headline\n\n" + "word " * 300
RUSSIAN = "Заголовок\n\nТекст о 21\u00a0602 рабочих местах."


def test_russian_origins_and_gold_groups_by_hand() -> None:
    articles = [_article("01-en", "en", "original", "01", ENGLISH),
                _article("01-ru", "ru", "translation", "01", RUSSIAN, "01-en", "U+00A0"),
                _article("02-ru", "ru", "original", "02", RUSSIAN, None, "U+00A0"),
                _article("02-en", "en", "translation", "02", ENGLISH, "02-ru"),
                _article("d01-ru", "ru", "distractor", None, RUSSIAN, None, "U+00A0")]
    assert pair_problems(articles) == []
    assert sorted(map(sorted, gold_groups(articles))) == [
        ["01-en", "01-ru"], ["02-en", "02-ru"], ["d01-ru"]]
    # 01 right, 02 wrong (the translation named), nothing said about the distractor.
    origin = score_origins({"01-ru": "01-en", "01-en": "01-en", "02-en": "02-en"}, articles)
    assert (origin.correct, origin.answered, origin.pairs) == (1, 2, 2)
    assert score_origins({}, articles).accuracy == 0.0


@pytest.mark.parametrize("text,separator,complaint", [
    ("Заголовок\n\n21 602 человека", "U+00A0", "declares U+00A0"),  # a plain space
    ("Заголовок\n\n21\u202f602 человека", "U+00A0", "declares U+00A0"),
    ("Заголовок\n\n21\u00a0602 человека", None, "no separator declared"),
    ("Заголовок\n\nбез больших чисел", "U+0020", "declares U+0020"),
])
def test_russian_digit_separator_must_be_the_declared_one(text: str, separator: str | None,
                                                          complaint: str) -> None:
    article = _article("x-ru", "ru", "distractor", None, text, None, separator)
    assert any(complaint in p for p in pair_problems([article]))


def test_russian_pair_problems_find_broken_records() -> None:
    original = _article("01-en", "en", "original", "01", ENGLISH)
    short = replace(original, text="Headline\n\ntoo short")
    wrong_title = replace(original, title="Another headline")
    orphan = _article("01-ru", "ru", "translation", "01", RUSSIAN, "09-en", "U+00A0")
    assert any("words" in p for p in pair_problems([short]))
    assert any("title" in p for p in pair_problems([wrong_title]))
    assert any("must name its original" in p for p in pair_problems([original, orphan]))
    assert any("used twice" in p for p in pair_problems([original, original]))
    assert count_problems([original]) == ["1 pairs, fewer than 20",
                                          "0 distractors, fewer than 10"]


# --- retrieval --------------------------------------------------------------------------------


SAMPLE = Sample(tweets={"t1": "Army texts about a draft", "t2": "Wakanda trade partner"},
                claims={"c1": "The army sends draft texts.", "c2": "The US listed Wakanda."},
                qrels={"t1": {"c1"}, "t2": {"c2"}})
RU = RussianClaims(claims={"c1": "Армия рассылает сообщения о призыве.", "c2": "США и Ваканда."},
                   titles={"c1": "Призыв?", "c2": "Ваканда?"},
                   tweets={"t1": "Армия пишет о призыве", "t2": "Ваканда — партнер"})


def test_russian_retrieval_tasks_pair_languages_as_named() -> None:
    ru_en = retrieval_task(SAMPLE, RU, "ru-en")
    assert ru_en.queries == RU.tweets and ru_en.documents == SAMPLE.claims
    en_ru = retrieval_task(SAMPLE, RU, "en-ru")
    assert en_ru.queries == SAMPLE.tweets and en_ru.documents == RU.claims
    assert en_ru.qrels == SAMPLE.qrels
    with pytest.raises(InputError, match="direction"):
        retrieval_task(SAMPLE, RU, "ru-de")


def test_russian_retrieval_score_by_hand() -> None:
    # t1's claim at rank 2 (AP 1/2), t2's at rank 1 (AP 1): MAP@5 = 0.75, P@1 = 0.5.
    score = score_retrieval({"t1": ["c2", "c1"], "t2": ["c2", "c1"]}, SAMPLE.qrels)
    assert (score.map_at_k, score.precision_at_1, score.queries) == (0.75, 0.5, 2)


def test_russian_claims_problems_find_ids_and_language() -> None:
    assert claims_problems(RU, SAMPLE) == ["6 translated texts, fewer than 200"]
    problems = claims_problems(RussianClaims({"c1": "The army"}, {"c1": "Призыв?"}, {}), SAMPLE)
    assert any("claim c1: empty or without Cyrillic" in p for p in problems)
    assert any("tweet ids differ" in p and "'t1'" in p for p in problems)
    assert any("fewer than 200" in p for p in problems)


# --- check-worthiness -------------------------------------------------------------------------


def _sentence(ident: str, piece: str, n: int, label: int,
              kind: str = "") -> CheckworthySentence:
    return CheckworthySentence(ident, piece, "news", n, "Предложение.", label,
                               kind or ("figure" if label else "opinion"))


SENTENCES = [_sentence("a1", "A", 1, 1), _sentence("a2", "A", 2, 0), _sentence("a3", "A", 3, 1),
             _sentence("b1", "B", 1, 0), _sentence("b2", "B", 2, 1)]
SCORES = {"a1": 0.9, "a2": 0.8, "a3": 0.3, "b1": 0.7, "b2": 0.6}


def test_russian_checkworthy_scores_by_hand() -> None:
    score = score_checkworthy(SENTENCES, SCORES, threshold=0.5)
    # Called: a1, a2, b1, b2 -> 2 right of 4; 2 of the 3 positives found.
    assert (score.precision, score.recall) == (0.5, pytest.approx(2 / 3))
    assert score.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    # Ranking a1+ a2- b1- b2+ a3+: precisions 1/1, 2/4, 3/5 at the hits.
    assert score.average_precision == pytest.approx((1 + 0.5 + 0.6) / 3)
    # Piece A: a1+ a2- a3+ -> (1 + 2/3) / 2; piece B: b1- b2+ -> 1/2.
    assert score.map_by_piece == pytest.approx(((1 + 2 / 3) / 2 + 0.5) / 2)
    assert (score.sentences, score.positives) == (5, 3)


def test_russian_checkworthy_refuses_a_missing_score_and_checks_labels() -> None:
    with pytest.raises(InputError, match="no score"):
        score_checkworthy(SENTENCES, {"a1": 0.5}, threshold=0.5)
    bad = [_sentence("a1", "A", 1, 1, kind="opinion"), _sentence("a1", "A", 3, 0)]
    problems = checkworthy_problems(bad)
    assert any("does not go with kind 'opinion'" in p for p in problems)
    assert any("used twice" in p for p in problems)
    assert any("not numbered" in p for p in problems)


# --- attribution ------------------------------------------------------------------------------


QUOTE_TEXT = ("Анна Петрова заявила, что налоги вырастут. По ее словам, это неизбежно. "
              "Эксперты считают, что рост замедлится.")


def _at(words: str) -> tuple[int, int]:
    start = QUOTE_TEXT.index(words)
    return start, start + len(words)


def _quote_relation(rid: str, source: str, cue: str, form: str, entity: str | None,
                    kind: str) -> attribution.Relation:
    return attribution.Relation(rid, (_at(source),), source, (_at(cue),), (_at("налоги"),),
                                form, entity, kind, origin="handmade")


QUOTE_GOLD = attribution.GoldArticle(
    name="tiny-ru", split="handmade", text=QUOTE_TEXT,
    entities={"Анна Петрова": attribution.Entity("Анна Петрова", "person", ("Петрова",))},
    relations=(
        _quote_relation("Q1", "Анна Петрова", "заявила", "name", "Анна Петрова", "person"),
        _quote_relation("Q2", "ее", "По ее словам", "pronoun", "Анна Петрова", "person"),
        _quote_relation("Q3", "Эксперты", "считают", "vague", None, "vague")))
QUOTE_ARTICLE = QuoteArticle(
    QUOTE_GOLD, "ru", "tiny-en", {"Q1": "indirect", "Q2": "indirect", "Q3": "indirect"},
    {r.id: (QUOTE_TEXT[r.cue[0][0]:r.cue[0][1]], "налоги") for r in QUOTE_GOLD.relations},
    {"Анна Петрова": "Anna Petrova"}, {})


def _predicted(text: str, kind: str, name: str | None) -> attribution.PredictedSource:
    start, end = _at(text)
    return attribution.PredictedSource(start, end, text, kind, name)


def test_russian_speaker_outcomes_by_hand() -> None:
    predicted = attribution.Predicted((
        _predicted("Анна Петрова", "named_person", "Анна Петрова"),  # kind and name right
        _predicted("ее", "named_person", None),                     # kind right, no name
        _predicted("Эксперты", "named_organization", "Эксперты")))  # kind wrong
    outcomes = speaker_outcomes(QUOTE_ARTICLE, predicted)
    assert [(o.relation, o.kind_right, o.speaker_right) for o in outcomes] == [
        ("Q1", True, True), ("Q2", True, False), ("Q3", False, False)]
    score = score_speakers(outcomes)
    assert (score.mentions, score.found, score.kind_right, score.speaker_right) == (3, 3, 2, 1)
    assert score.kind_accuracy == pytest.approx(2 / 3)
    missed = score_speakers(speaker_outcomes(QUOTE_ARTICLE, attribution.Predicted(())))
    assert (missed.found, missed.kind_accuracy) == (0, 0.0)


def test_russian_paired_speakers_join_by_relation_id() -> None:
    ru = [SpeakerOutcome("01-ru", "Q1", "person", "named_person", True, True),
          SpeakerOutcome("01-ru", "Q2", "person", None, False, False),
          SpeakerOutcome("01-ru", "Q7", "organization", None, False, False)]  # Russian only
    en = [SpeakerOutcome("01-en", "Q1", "person", "named_person", True, True),
          SpeakerOutcome("01-en", "Q2", "person", "named_person", True, True)]
    assert paired_speakers(ru, en, {"01-ru": "01-en"}) == {(True, True): 1, (True, False): 1}


def test_russian_quote_problems_check_stated_texts() -> None:
    assert quote_problems(QUOTE_ARTICLE) == []
    wrong = replace(QUOTE_ARTICLE, stated={**QUOTE_ARTICLE.stated, "Q1": ("сказала", "налоги")},
                    quote_types={**QUOTE_ARTICLE.quote_types, "Q3": "hearsay"})
    problems = quote_problems(wrong)
    assert any("Q1: cue_text" in p for p in problems)
    assert any("Q3: quote type" in p for p in problems)


def test_russian_expectation_problems_find_a_wrong_span() -> None:
    text = "Недавно западные СМИ сообщили"
    good = {"vague_sources": [{"span": [8, 20], "text": "западные СМИ"}]}
    bad = {"numbers": [{"span": [0, 7], "text": "21 602", "period": {"span": [8, 20],
                                                                   "text": "западные СМИ"}}]}
    assert expectation_problems(good, text) == []
    assert expectation_problems(bad, text) == ["$.numbers[0]: '21 602' is 'Недавно' in the text"]


def test_russian_loaders_name_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "claims-ru.jsonl"
    path.write_text('{"kind": "vclaim", "id": "1", "text": "а", "title": "б"}\nnot json\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is not JSON"):
        load_claims_ru(path)
    path.write_text('{"kind": "vclaim", "id": "1", "text": "а"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="lacks the field"):
        load_claims_ru(path)
    with pytest.raises(InputError, match="no such file"):
        load_checkworthy(tmp_path / "absent.jsonl")


# --- the data files ---------------------------------------------------------------------------


def test_russian_pairs_load_and_meet_the_counts() -> None:
    articles = load_pairs(DATA / "pairs")
    assert pair_problems(articles) == [] and count_problems(articles) == []
    pairs = {a.pair for a in articles if a.pair not in (None, "seed")}
    distractors = [a for a in articles if a.role == "distractor"]
    assert len(pairs) >= 20 and len(distractors) >= 10
    assert {a.language for a in distractors} == {"en", "ru"}
    russian_originals = [a for a in articles if a.role == "original" and a.language == "ru"]
    assert len(russian_originals) >= 5
    # The hard cases the brief asks for are there: dropped and reordered paragraphs.
    changes = " ".join(c for a in articles for c in a.changes)
    assert "drops" in changes and "reordered" in changes
    separators = {a.digit_separator for a in articles if a.language == "ru"}
    assert {"U+00A0", "U+202F", "U+0020"} <= separators


def test_russian_claims_load_and_count() -> None:
    claims = load_claims_ru(DATA / "claims-ru.jsonl")
    assert claims_problems(claims) == []
    assert (len(claims.claims), len(claims.titles), len(claims.tweets)) == (97, 97, 100)


@pytest.mark.slow
def test_russian_findings_keep_the_sample_ids(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        pytest.skip(f"needs the CheckThat! 2020 sample in {folder}, which is absent")
    sample = load_checkthat2020(folder)
    claims = load_claims_ru(DATA / "claims-ru.jsonl")
    assert claims_problems(claims, sample) == []
    task = retrieval_task(sample, claims, "ru-en")
    assert set(task.queries) == set(task.qrels) and len(task.documents) == 97


def test_russian_checkworthy_loads_balanced() -> None:
    sentences = load_checkworthy(DATA / "checkworthy-ru.jsonl")
    assert checkworthy_problems(sentences) == []
    positives = sum(s.label for s in sentences)
    assert len(sentences) >= 150 and 0.35 <= positives / len(sentences) <= 0.45


def test_russian_quotes_load_and_pair_up() -> None:
    ru, en = load_quotes(DATA / "quotes-ru.jsonl"), load_quotes(DATA / "quotes-en.jsonl")
    assert [p for a in [*ru, *en] for p in quote_problems(a)] == []
    assert pairing_problems(ru, en) == []
    assert len(ru) == len(en) == 11 and "seed-ru" in {a.gold.name for a in ru}
    kinds = {r.kind for a in ru for r in a.gold.relations}
    assert {"person", "organization", "document", "vague"} <= kinds


@pytest.mark.parametrize("name", ["seed-ru", "seed-en"])
def test_russian_seed_expectations_agree_with_the_text(name: str) -> None:
    expected = load_expectations(DATA / f"{name}.expected.json")
    text = (DATA / expected["text"]).read_text(encoding="utf-8")
    assert expectation_problems(expected, text) == []
    assert len(expected["removed"]) == 2 and expected["origin"]["outlet"] == "Multipolar Digest"
    assert [s["kind"] for s in expected["named_sources"]] == ["named_person"]


def test_russian_data_holds_every_case_issue_20_quotes() -> None:
    """Each Russian form the issue names occurs in the sets, so a tool is measured on it."""
    seed = (DATA / "seed-ru.txt").read_text(encoding="utf-8")
    for words in ("21\u00a0602", "более 21 тысячи", "в октябре", "с 2023 года", "западные СМИ",
                  "Клаус Вендт"):
        assert words in seed, words
    texts = " ".join(p.read_text(encoding="utf-8") for p in (DATA / "pairs").glob("*-ru.txt"))
    assert "около 3,5 млрд рублей" in texts
    ru = load_quotes(DATA / "quotes-ru.jsonl")
    cues = " ".join(a.stated[r.id][0] for a in ru for r in a.gold.relations).lower()
    for cue in ("заяв", "сказа", "сообщ", "отмет", "подчеркн", "по словам", "по данным",
                "как сообщает"):
        assert cue in cues, cue
    vague = " ".join(r.source_text for a in ru for r in a.gold.relations
                     if r.kind == "vague").lower()
    for source in ("западные сми", "эксперты", "источник", "некоторым данным"):
        assert source in vague, source
    quoted = {a.gold.text[r.content[0][0] - 1] for a in ru for r in a.gold.relations
              if a.quote_types[r.id] == "direct"}
    assert {"«", "„"} <= quoted


def test_russian_map_interval_brackets_the_mean_and_narrows_to_a_point() -> None:
    from unspin.evaluation.russian import map_interval

    qrels = {f"q{i}": {"d"} for i in range(40)}
    runs = {f"q{i}": (["d", "x"] if i % 2 else ["x", "d"]) for i in range(40)}  # AP 1 or 1/2
    low, high = map_interval(runs, qrels, k=5)
    assert low < 0.75 < high and high - low < 0.2
    perfect = {q: ["d"] for q in qrels}
    assert map_interval(perfect, qrels) == (1.0, 1.0)
    assert map_interval({}, {}) == (0.0, 0.0)


def test_russian_exact_lower_bound_by_hand() -> None:
    from unspin.evaluation.russian import exact_lower_bound

    assert exact_lower_bound(23, 23) == pytest.approx(0.05 ** (1 / 23))
    assert exact_lower_bound(22, 23) < exact_lower_bound(23, 23) < 1.0
    assert exact_lower_bound(0, 0) == 0.0


@pytest.mark.parametrize("tweet,text", [
    ("Clean air!” pic.twitter.com/rMtx — Donald J. Trump (@realDonaldTrump) October 22, 2018",
     "Clean air!”"),
    (("Чистый воздух!» pic.twitter.com/rMtx — Donald J. Trump (@realDonaldTrump) "
     "22 октября 2018 г."), "Чистый воздух!»"),
    ("#Wakandapic.twitter.com/wiRS — Dept. of Agriculture (@USDA) December 19, 2019",
     "#Wakanda"),
    ("See https://t.co/abc now - or never", "See now - or never"),
])
def test_russian_tweet_text_drops_signature_and_links(tweet: str, text: str) -> None:
    from unspin.evaluation.russian import tweet_text

    assert tweet_text(tweet) == text
