"""The proxy scorer of vague-source flags (``unspin.evaluation.vague_proxy``), on short
texts of our own parsed by the nlp stage, and the benchmark's draw on PolNeAR (slow)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from spacy.tokens import Doc

from unspin.document import Analysis, Article, Source
from unspin.evaluation.attribution import Predicted, PredictedSource
from unspin.evaluation.polnear import GoldArticle, GoldRelation
from unspin.evaluation.vague_proxy import (
    article_counts,
    bootstrap,
    figures,
    gold_sources,
    has_proper_noun,
    overlaps,
    vague_by_structure,
    vague_flags,
)
from unspin.stages.clean import CleanStage
from unspin.stages.language import LanguageStage
from unspin.stages.nlp import NlpStage
from unspin.stages.parts import PartsStage

ROOT = Path(__file__).resolve().parents[2]


def parse(text: str) -> Doc:
    analysis = Analysis.from_article(Article(Source(path="case.txt"), text))
    for stage in (CleanStage(), PartsStage(), LanguageStage(), NlpStage()):
        analysis = stage(analysis)
    assert analysis.doc is not None and analysis.doc.text == text
    return analysis.doc


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def relation(text: str, source: str) -> GoldRelation:
    return GoldRelation(content=((0, 1),), cue=((0, 1),), source=(span_of(text, source),),
                        source_text=source)


@pytest.mark.parametrize(("sentence", "source", "vague"), [
    ("Senior officials said on Tuesday that the talks had stalled.", "Senior officials", True),
    ("Many feared on Tuesday that the talks had stalled.", "Many", True),
    ("A source familiar with the talks said they had stalled.",
     "A source familiar with the talks", True),
    ("The company said on Tuesday that the talks had stalled.", "The company", False),
    ("His aides said on Tuesday that the talks had stalled.", "His aides", False),
    ("Senator Maria Ostrow said on Tuesday that the talks had stalled.",
     "Senator Maria Ostrow", False),
    ("He said on Tuesday that the talks had stalled.", "He", False),
    ("A new report found on Tuesday that the talks had stalled.", "A new report", False),
])
def test_vague_proxy_structure_test_reads_the_phrase(sentence: str, source: str,
                                                     vague: bool) -> None:
    doc = parse(sentence)
    assert vague_by_structure(doc, span_of(sentence, source)) is vague


def test_vague_proxy_proper_noun_is_read_from_the_tags() -> None:
    sentence = "Senator Maria Ostrow and some voters said the talks had stalled."
    doc = parse(sentence)
    assert has_proper_noun(doc, span_of(sentence, "Senator Maria Ostrow"))
    assert not has_proper_noun(doc, span_of(sentence, "some voters"))


def test_vague_proxy_counts_flags_on_sources_structural_recall_and_named_flags() -> None:
    text = ("Senior officials said the talks had stalled. Senator Maria Ostrow said they "
            "would resume. The weather was cold, critics noted.")
    article = GoldArticle("case", text, (relation(text, "Senior officials"),
                                         relation(text, "Senator Maria Ostrow"),
                                         relation(text, "critics")))
    flags = [span_of(text, "Senior officials"), span_of(text, "Senator Maria Ostrow"),
             span_of(text, "The weather")]
    predicted = Predicted(tuple(PredictedSource(s, e, text[s:e], "vague") for s, e in flags)
                          + (PredictedSource(0, 3, "Sen", "named_person"),))
    counts = article_counts(article, parse(text), predicted)
    assert (counts["flags"], counts["flags_on_source"]) == (3, 2)
    assert (counts["structural"], counts["structural_flagged"]) == (2, 1)
    assert (counts["proper_noun_sources"], counts["proper_noun_flagged"]) == (1, 1)
    assert figures(counts) == {"source_precision": 2 / 3, "structural_recall": 0.5,
                               "proper_noun_flags": 1.0}


def test_vague_proxy_pieces_on_spans() -> None:
    text = "Officials said it. Critics said it."
    article = GoldArticle("case", text, (relation(text, "Officials"),
                                         relation(text, "Officials"),
                                         GoldRelation(((0, 1),), ((0, 1),), (), "")))
    assert gold_sources(article) == [(0, 9)]
    predicted = Predicted((PredictedSource(0, 9, "Officials", "vague"),
                           PredictedSource(19, 26, "Critics", "document")))
    assert vague_flags(predicted) == [(0, 9)]
    assert overlaps((5, 12), [(0, 6)]) and not overlaps((6, 12), [(0, 6)])
    assert figures(Counter()) == {"source_precision": None, "structural_recall": None,
                                  "proper_noun_flags": None}


def test_vague_proxy_bootstrap_resamples_articles() -> None:
    right = Counter({"flags": 2, "flags_on_source": 2})
    wrong = Counter({"flags": 2, "flags_on_source": 0})
    low, high = bootstrap([right, wrong] * 10, "source_precision", samples=200) or (-1, -1)
    assert 0.2 < low < 0.5 < high < 0.8
    assert bootstrap([right] * 5, "source_precision", samples=50) == (1.0, 1.0)
    assert bootstrap([Counter()], "structural_recall", samples=10) is None


@pytest.mark.slow
def test_vague_proxy_draw_leaves_out_the_set_the_pool_and_the_detectors_articles(
        shared_dir: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import vague_polnear

    from unspin.training.source_spans import (
        ATTRIBUTION_SET,
        excluded_names,
        training_articles,
    )

    polnear = shared_dir / "data" / "polnear"
    if not (polnear / "train" / "text").is_dir():
        pytest.skip(f"needs PolNeAR in {polnear}, which is absent")
    drawn = vague_polnear.proxy_articles(polnear, 200, 21)
    names = {a.name for a in drawn}
    excluded = excluded_names(ATTRIBUTION_SET, vague_polnear.RESERVED)
    trained = {a.name for a in training_articles(polnear, excluded, 157)}
    assert len(names) == 200 and not names & excluded and not names & trained
    assert [a.name for a in vague_polnear.proxy_articles(polnear, 120, 21)] == \
        [a.name for a in drawn[:120]]
