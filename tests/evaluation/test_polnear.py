from __future__ import annotations

from pathlib import Path

import pytest

from unspin.document import Span
from unspin.evaluation.polnear import (
    GoldArticle,
    GoldRelation,
    annotation_file,
    best_match,
    content_sums,
    covered_share,
    load_split,
    read_relations,
    score,
    source_is_correct,
)
from unspin.stages.quotes import Quote

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 31\tthat taxes will rise\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "#1\tAnnotatorNotes T3\ta note\n"
    "T5\tContent 33 40;45 50\tfoo bar\n"
    "a stray continuation line\n"
    "T6\tCue 41 44\tsay\n"
    "T7\tAttribution-no-source 41 44\tsay\n"
    "E2\tAttribution-no-source:T7 Cue:T6 Content:T5\n"
)


def _relation(content: tuple[int, int], source: tuple[int, int] | None = None,
              source_text: str = "") -> GoldRelation:
    return GoldRelation((content,), (), (source,) if source else (), source_text)


def _quote(content: tuple[int, int], speaker: tuple[int, int] | None = None,
           name: str | None = None) -> Quote:
    span = Span(*content, "x")
    who = Span(*speaker, "x") if speaker else None
    return Quote(content[0], content[1], "x", "indirect", span, None, who, name)


def test_polnear_reads_relations_with_fragments_and_no_source() -> None:
    first, second = read_relations(ANN)
    assert first == GoldRelation(((11, 31),), ((6, 10),), ((0, 5),), "Smith")
    assert second.content == ((33, 40), (45, 50)) and second.source == ()


@pytest.mark.parametrize("span,others,share", [
    (((0, 10),), [((0, 10),)], 1.0),
    (((0, 10),), [((5, 20),)], 0.5),
    (((0, 10),), [((0, 2),), ((4, 10),)], 0.6),  # the best single one, not the sum
    (((0, 10),), [((20, 30),)], 0.0),
    (((0, 10),), [], 0.0),
    (((0, 4), (6, 10)), [((0, 10),)], 1.0),  # discontinuous gold content
])
def test_polnear_covered_share(span: tuple[tuple[int, int], ...],
                               others: list[tuple[tuple[int, int], ...]], share: float) -> None:
    assert covered_share(span, others) == pytest.approx(share)


def test_polnear_content_sums_by_hand() -> None:
    # predicted [0,10) lies half in gold [5,25); predicted [40,50) matches nothing.
    # gold [5,25): 5 of 20 chars predicted -> 0.25; gold [60,70) -> 0.
    precision, recall = content_sums([(0, 10), (40, 50)], [((5, 25),), ((60, 70),)])
    assert (precision, recall) == pytest.approx((0.5, 0.25))


def test_polnear_score_pools_over_articles() -> None:
    text = "x" * 100
    gold = [GoldArticle("a", text, (_relation((0, 20), (30, 35), "Smith"),)),
            GoldArticle("b", text, (_relation((50, 60)),))]
    predictions = iter([[_quote((0, 10), (30, 33))], [_quote((50, 60)), _quote((80, 90))]])
    scores = score(gold, find=lambda _: next(predictions))
    assert scores.precision == pytest.approx((1 + 1 + 0) / 3)
    assert scores.recall == pytest.approx((0.5 + 1) / 2)
    assert scores.f1 == pytest.approx(2 * (2 / 3) * 0.75 / (2 / 3 + 0.75))
    # only the first prediction matches a gold relation that has a source: correct
    assert (scores.matched, scores.source_correct, scores.source_accuracy) == (1, 1, 1.0)


def test_polnear_best_match_prefers_most_overlap_then_the_earlier() -> None:
    a, b = _relation((0, 10)), _relation((8, 30))
    assert best_match((5, 25), [a, b]) is b
    assert best_match((8, 10), [a, b]) is a
    assert best_match((40, 50), [a, b]) is None


@pytest.mark.parametrize("speaker,name,gold_text,correct", [
    ((30, 33), None, "Smith", True),  # spans overlap
    ((40, 45), None, "Smith", False),
    ((40, 42), "John Smith", "Smith", True),  # a pronoun resolved to the gold name
    ((40, 42), "John Smith", "Jones", False),
    (None, "Anna Smith", "Smith , a spokeswoman", True),  # continuation with no speaker span
    (None, None, "Smith", False),
])
def test_polnear_source_rule(speaker: tuple[int, int] | None, name: str | None,
                             gold_text: str, correct: bool) -> None:
    gold = _relation((0, 20), (30, 35), gold_text)
    assert source_is_correct(_quote((0, 20), speaker, name), gold) is correct


def test_polnear_first_annotator_file_in_sorted_order(tmp_path: Path) -> None:
    for name in ("art_one_b2.ann", "art_one_a1.ann", "art_one_more_c3.ann"):
        (tmp_path / name).write_text("")
    assert annotation_file(tmp_path, "art_one") == tmp_path / "art_one_a1.ann"
    assert annotation_file(tmp_path, "missing") is None


def test_polnear_refuses_the_test_split(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="train or dev"):
        load_split(tmp_path, "test")


def test_polnear_dev_split_loads(shared_dir: Path) -> None:
    root = shared_dir / "data" / "polnear"
    if not (root / "dev" / "text").is_dir():
        pytest.skip(f"needs PolNeAR in {root}, which is absent")
    articles = load_split(root, "dev", limit=3)
    assert len(articles) == 3 and all(a.relations for a in articles)
    for article in articles:
        for relation in article.relations:
            assert all(0 <= s < e <= len(article.text) for s, e in relation.content)
