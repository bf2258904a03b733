"""Storing already-analysed articles in a corpus: articles per second and bytes per article.

The example articles (examples/*.txt|html and examples/corpus/) are analysed once, then
N synthetic articles are made from them and stored through the code ``corpus add`` uses.
Storing has two parts: ``prepare`` turns analyses into typed Arrow rows and MinHash
signatures (``corpus add`` runs it in the worker processes, right after the analysis),
and ``store_prepared``, the one process that writes, inserts them with the groups of
copies they change, one transaction per batch. Measured:

- the pipeline as ``corpus add`` runs it: ``--workers`` processes preparing, the parent
  writing (the analyses are sent to the workers, a cost ``corpus add`` does not have);
- the writer alone, on rows prepared beforehand;
- preparing, on one core;
- both in one process (``store_analyses``);
- 8 articles a transaction, as ``corpus add`` commits.

By default each article is a near-copy of an example (its text with a numbered line
appended, so it has its own content hash and the offsets stay valid), which measures the
syndication groups at their busiest (ten groups of about two thousand); with
``--distinct`` each keeps an example's findings over random words of the same length, so
no two are copies. Prints the figures and the machine.

    .venv/bin/python benchmarks/corpus_store.py [--n 20000] [--batch 1000] [--distinct]
                                                [--workers 2] [--stages a,b]
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import random
import string
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin.config import make_options
from unspin.corpus import open_corpus
from unspin.corpus.add import prepare, store_analyses, store_prepared
from unspin.corpus.copies import Groups
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Source
from unspin.ingest import collect
from unspin.runner import analyze_many

ROOT = Path(__file__).resolve().parents[1]


def analysed_examples(stages: str | None) -> list[Analysis]:
    options = make_options(stages=tuple(stages.split(",")) if stages else None, workers=1)
    results = list(analyze_many(collect([str(ROOT / "examples")], options), options))
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
    """Seconds to prepare and store ``items`` in this process."""
    with open_corpus(db) as corpus:
        groups = Groups.load(corpus.store.conn)
        start = time.perf_counter()
        for at in range(0, len(items), batch):
            store_analyses(corpus.store, items[at:at + batch], groups)
        corpus.store.conn.execute("CHECKPOINT")
        return time.perf_counter() - start


def store_pooled(db: Path, items: list[tuple[str, Analysis]], batch: int,
                 workers: int) -> float:
    """Seconds to store ``items`` with ``workers`` processes preparing and this one
    writing, each batch written as soon as it is prepared (in order)."""
    context = multiprocessing.get_context("spawn")
    with open_corpus(db) as corpus, ProcessPoolExecutor(workers, mp_context=context) as pool:
        columns = corpus.store.columns
        list(pool.map(_warm, range(workers)))  # processes started and imports done
        groups = Groups.load(corpus.store.conn)
        start = time.perf_counter()
        batches = [items[at:at + batch] for at in range(0, len(items), batch)]
        for prepared in pool.map(prepare, batches, [columns] * len(batches)):
            store_prepared(corpus.store, prepared, groups)
        corpus.store.conn.execute("CHECKPOINT")
        return time.perf_counter() - start


def _warm(_: int) -> None:
    prepare([], {})


def store_parts(db: Path, items: list[tuple[str, Analysis]], batch: int
                ) -> tuple[float, float]:
    """Seconds to prepare ``items`` on one core, and then to write them."""
    with open_corpus(db) as corpus:
        columns = corpus.store.columns
        groups = Groups.load(corpus.store.conn)
        start = time.perf_counter()
        prepared = [prepare(items[at:at + batch], columns)
                    for at in range(0, len(items), batch)]
        preparing = time.perf_counter() - start
        start = time.perf_counter()
        for done in prepared:
            store_prepared(corpus.store, done, groups)
        corpus.store.conn.execute("CHECKPOINT")
        return preparing, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--distinct", action="store_true",
                        help="articles that are not copies of each other")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes preparing rows [default: every core]")
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
        pooled = store_pooled(Path(folder) / "pooled.duckdb", items, args.batch, args.workers)
        size = os.path.getsize(Path(folder) / "pooled.duckdb")
        with open_corpus(Path(folder) / "pooled.duckdb") as corpus:
            _, _, block, _, used, free, *_ = corpus.execute(
                "SELECT * FROM pragma_database_size()").rows[0]
            grouped, groups, bands = corpus.execute(
                "SELECT (SELECT count(*) FROM copies), (SELECT count(*) FROM copy_groups), "
                "(SELECT count(*) FROM lsh_bands)").rows[0]
        preparing, writing = store_parts(Path(folder) / "parts.duckdb", items, args.batch)
        alone = store_all(Path(folder) / "alone.duckdb", items, args.batch)
        small = items[:2000]
        chunked = store_all(Path(folder) / "chunked.duckdb", small, 8)
    print(f"machine: {machine()}")
    print(f"input: {len(bases)} example articles analysed in {analysed_in:.0f} s "
          f"(stages: {args.stages or 'full pipeline'}), {args.n:,} synthetic "
          f"{'distinct articles' if args.distinct else 'copies'}, "
          f"{findings:.0f} spans each on average")
    print(f"bulk store, {args.batch} articles a transaction:")
    print(f"  {args.workers} processes preparing, one writing (as `corpus add`): "
          f"{args.n / pooled:,.0f} articles/s ({pooled:.1f} s)")
    print(f"  the writer alone, rows prepared beforehand: {args.n / writing:,.0f} articles/s")
    print(f"  preparing on one core: {preparing / args.n * 1e3:.2f} ms an article")
    print(f"  preparing and writing in one process: "
          f"{args.n / alone:,.0f} articles/s")
    print(f"chunked store (8 a transaction, as `corpus add` commits), one process: "
          f"{len(small) / chunked:,.0f} articles/s over {len(small):,}")
    print(f"on disk: {size / args.n:,.0f} bytes per article ({size / 2**20:.1f} MiB, "
          f"full analysis JSON included); in use {used * block / args.n:,.0f} bytes per "
          f"article, the rest {free} free blocks DuckDB reuses")
    print(f"copies: {grouped:,} articles in {groups} groups; {bands:,} LSH band rows "
          f"(only the first members of a large group are indexed)")


if __name__ == "__main__":
    main()
