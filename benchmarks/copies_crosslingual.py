"""``corpus copies`` across languages, measured through the corpus (issue 20).

    PYTHONPATH=src .venv/bin/python benchmarks/copies_crosslingual.py [--analysed]

Stores the articles of tests/data/ru/pairs (22 English-Russian pairs written for this
test, and 12 distractors on the same stories) in a fresh corpus, each with its language,
title, date and outlet (no analysis: translations are found on the text), in a shuffled
order, then links translations as ``corpus add`` does when it ends
(``translations.link_new``, the shipped multilingual encoder) and reads the copies groups
back. Printed: the precision and recall of the links the groups make against the pairs
(target: both >= 0.9), with exact one-sided 95% lower bounds; how often a pair's group
names its original as the likely origin, by the rule that chose it; and the time of the
linking step. With ``--analysed`` every article is first analysed by the pipeline, as
``corpus add`` does, so the origin rules also read what the analysis found (origin lines,
wire datelines, named sources): minutes of work.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin import analyze
from unspin.corpus import open_corpus, translations
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Article, Language, Metadata, Source
from unspin.evaluation.russian import (
    PairArticle,
    exact_lower_bound,
    gold_groups,
    load_pairs,
    score_grouping,
)

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "ru" / "pairs"


def _stored(a: PairArticle, analysed: bool) -> Analysis:
    """The article as stored: analysed by the pipeline, or only its text and metadata."""
    metadata = Metadata(title=a.title, date=a.date.isoformat(), site=a.outlet,
                        language=a.language)
    if analysed:
        return analyze(Article(source=Source(path=a.file.name), text=a.text,
                               metadata=metadata))
    analysis = Analysis(source=Source(path=a.file.name), text=a.text, metadata=metadata)
    analysis.language = Language(a.language, 1.0, a.language == "en")
    analysis.stages = ["benchmark"]
    return analysis


def main() -> None:
    analysed = "--analysed" in sys.argv[1:]
    print(machine(), "| articles analysed by the pipeline" if analysed else "")
    articles = load_pairs(DATA)
    random.Random(0).shuffle(articles)
    made = {content_id(a.text): (a.id, _stored(a, analysed)) for a in articles}
    with tempfile.TemporaryDirectory() as tmp, open_corpus(Path(tmp) / "c.duckdb") as corpus:
        store_analyses(corpus.store, [(i, an) for i, (_, an) in made.items()], None)
        started = time.perf_counter()
        linked = translations.link_new(corpus.store)
        took = time.perf_counter() - started
        rows = corpus.execute("SELECT article_id, group_id, is_origin FROM copies").rows
        reasons = dict(corpus.execute("SELECT group_id, origin_reason FROM copy_groups").rows)
    name = {i: pair_id for i, (pair_id, _) in made.items()}
    groups: dict[str, set[str]] = {}
    group_of: dict[str, str] = {}
    for article_id, group_id, _ in rows:
        groups.setdefault(group_id, set()).add(name[article_id])
        group_of[name[article_id]] = group_id
    score = score_grouping(groups.values(), gold_groups(articles))
    origins = {name[a] for a, _, is_origin in rows if is_origin}
    originals = [a for a in articles if a.role == "original" and a.pair is not None]
    right = sum(a.id in origins for a in originals)
    dated = {a.id: a.date for a in articles}
    apart = [a for a in originals if any(dated[t.id] != a.date for t in articles
                                         if t.translation_of == a.id)]
    print(f"{len(articles)} articles, {linked} translation links; links of the copies groups: "
          f"precision {score.precision:.3f} ({score.true_links}/{score.predicted_links}), "
          f"recall {score.recall:.3f} ({score.true_links}/{score.gold_links}); one-sided 95% "
          f"lower bounds {exact_lower_bound(score.true_links, score.predicted_links):.3f} and "
          f"{exact_lower_bound(score.true_links, score.gold_links):.3f}   target: both >= 0.9")
    print(f"likely origin is the original in {right} of {len(originals)} pairs "
          f"({sum(a.id in origins for a in apart)} of the {len(apart)} whose versions are "
          f"dated apart; stored in a shuffled order), by rule below; "
          f"linking took {took:.1f} s (encoder loaded inside)")
    with_member = {group_id for _, group_id, is_origin in rows if is_origin}
    by_reason: Counter[tuple[str, str]] = Counter()
    for a in originals:
        group = group_of.get(a.id, "")
        verdict = ("the original" if a.id in origins else
                   "the other version" if group in with_member else "an outlet by name only")
        by_reason[(reasons.get(group, "not grouped"), verdict)] += 1
    for (reason, verdict), n in sorted(by_reason.items()):
        print(f"  origin by {reason}: {verdict} in {n} pairs")


if __name__ == "__main__":
    main()
