"""Storing already-analysed articles in a corpus: articles per second and bytes per article.

The example articles (examples/*.txt|html and examples/corpus/) are analysed once, then
N synthetic articles are made from them and stored through the same code ``corpus add``
uses: rows as Arrow tables, signatures and bands, groups of copies, one transaction per
batch. By default each is a near-copy of an example (its text with a numbered line
appended, so it has its own content hash and the offsets stay valid), which measures the
syndication groups at their busiest (ten groups of about two thousand); with
``--distinct`` each keeps an example's findings over random words of the same length, so
no two are copies. Prints the figures and the machine.

    .venv/bin/python benchmarks/corpus_store.py [--n 20000] [--batch 1000] [--distinct]
                                                [--stages a,b]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin.batch import analyze_many
from unspin.config import make_options
from unspin.corpus import open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.inputs import expand, read
from unspin.corpus.rows import content_id
from unspin.corpus.syndication import Groups
from unspin.document import Analysis, Source

ROOT = Path(__file__).resolve().parents[1]


def analysed_examples(stages: str | None) -> list[Analysis]:
    options = make_options(stages=tuple(stages.split(",")) if stages else None, workers=1)
    articles = [item.article for spec in (str(ROOT / "examples"),) for path in expand(spec)
                for item in read(path, options) if item.article is not None]
    results = list(analyze_many(articles, options))
    return [r.analysis for r in results if r.analysis is not None]


def copies(bases: list[Analysis], n: int, *, distinct: bool = False
           ) -> list[tuple[str, Analysis]]:
    """``n`` articles made from ``bases``: near-copies, or (``distinct``) the same findings
    over random words of the same length, so that no two are copies."""
    rng = random.Random(1)
    made = []
    for i in range(n):
        base = bases[i % len(bases)]
        text = _random_words(rng, len(base.text)) if distinct else \
            f"{base.text}\n\nSynthetic copy {i}.\n"
        copy = dataclasses.replace(base, text=text, source=Source(path=f"synthetic/{i}.txt"),
                                   removed=[] if distinct else base.removed)
        made.append((content_id(text), copy))
    return made


def _random_words(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(map(len, words)) + len(words) < length:
        words.append("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))))
    return " ".join(words)[:length]


def store_all(db: Path, items: list[tuple[str, Analysis]], batch: int) -> float:
    with open_corpus(db) as corpus:
        groups = Groups.load(corpus.store.conn)
        start = time.perf_counter()
        for at in range(0, len(items), batch):
            store_analyses(corpus.store, items[at:at + batch], groups)
        corpus.store.conn.execute("CHECKPOINT")
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--distinct", action="store_true",
                        help="articles that are not copies of each other")
    parser.add_argument("--stages", help="stages to analyse the examples with "
                                         "[default: the full pipeline]")
    args = parser.parse_args()
    start = time.perf_counter()
    bases = analysed_examples(args.stages)
    analysed_in = time.perf_counter() - start
    items = copies(bases, args.n, distinct=args.distinct)
    findings = sum(sum(v for k, v in a.counts().items() if k not in ("characters",
                                                                     "removed_characters"))
                   for _, a in items) / len(items)
    with tempfile.TemporaryDirectory() as folder:
        bulk = store_all(Path(folder) / "bulk.duckdb", items, args.batch)
        size = os.path.getsize(Path(folder) / "bulk.duckdb")
        with open_corpus(Path(folder) / "bulk.duckdb") as corpus:
            _, _, block, _, used, free, *_ = corpus.execute(
                "SELECT * FROM pragma_database_size()").rows[0]
        small = items[:2000]
        chunked = store_all(Path(folder) / "chunked.duckdb", small, 8)
        with open_corpus(Path(folder) / "bulk.duckdb") as corpus:
            grouped, groups, bands = corpus.execute(
                "SELECT (SELECT count(*) FROM copies), (SELECT count(*) FROM copy_groups), "
                "(SELECT count(*) FROM lsh_bands)").rows[0]
    print(f"machine: {machine()}")
    print(f"input: {len(bases)} example articles analysed in {analysed_in:.0f} s "
          f"(stages: {args.stages or 'full pipeline'}), {args.n:,} synthetic "
          f"{'distinct articles' if args.distinct else 'copies'}, "
          f"{findings:.0f} spans each on average")
    print(f"bulk store ({args.batch} articles a transaction): {args.n / bulk:,.0f} articles/s "
          f"({bulk:.1f} s)")
    print(f"chunked store (8 a transaction, as `corpus add` commits): "
          f"{len(small) / chunked:,.0f} articles/s over {len(small):,}")
    print(f"on disk: {size / args.n:,.0f} bytes per article ({size / 2**20:.1f} MiB, "
          f"full analysis JSON included); in use {used * block / args.n:,.0f} bytes per "
          f"article, the rest {free} free blocks DuckDB reuses")
    print(f"copies: {grouped:,} articles in {groups} groups; {bands:,} LSH band rows "
          f"(only the first members of a large group are indexed)")


if __name__ == "__main__":
    main()
