"""A corpus of 100,000 articles: ingest rate, size on disk, and how fast it is queried.

The examples (examples/*.txt|html and examples/corpus/) are analysed once with the full
pipeline; N synthetic articles are made from those analyses (no model runs again) and
stored through the code ``corpus add`` uses (``prepare``, timed apart, then
``store_prepared``, bulk: ``--batch`` articles a transaction), then matched
(``Corpus.match``). Each synthetic article keeps an example's findings over random words
of the same length (so no two are copies and the text does not compress better than real
text), with its own outlet (one of 200), date (two years), claim sentences (a number
appended), numbers (each count scaled by 0.8-1.2) and claim vectors: its example's vectors
plus Gaussian noise, strong enough that the claims of two articles made from one example
are at similarity about 0.16 (below the match threshold), except for one article in ten,
which repeats its example's claims nearly word for word (similarity about 0.96), so that
matching has real work. Then the queries, each the median of 5 runs on the reopened
corpus: the ledger, claims like a vector (near cells, and exhaustive), and outlet
profiles.

    .venv/bin/python benchmarks/corpus_queries.py [--n 100000] [--batch 1000] [--db FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import shutil
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine
from corpus_store import analysed_examples

from unspin.corpus import open_corpus
from unspin.corpus.add import prepare, store_prepared
from unspin.corpus.copies import Groups
from unspin.corpus.ledger import ledger
from unspin.corpus.matching import nearest
from unspin.corpus.profiles import profiles
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Claim, Source

OUTLETS = 200
NOISE = 2.3  # noisy copies: cosine 0.4 with their example, 1 / (1 + 2.3²) ≈ 0.16 together
REPEAT_NOISE = 0.2  # near-repeats: cosine ≈ 0.96
REPEAT_EVERY = 10
RARE_EVERY = 200


def synthetic(bases: list[Analysis], n: int, seed: int = 1
              ) -> Iterator[tuple[str, Analysis]]:
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    start = dt.date(2023, 1, 1)
    for i in range(n):
        base = bases[i % len(bases)]
        text = _random_words(rng, len(base.text))
        metadata = dataclasses.replace(
            base.metadata, site=f"Outlet {i % OUTLETS}",
            date=(start + dt.timedelta(days=(i * 7919) % 730)).isoformat(),
            url=None, origin=None)
        claims = [_scaled(c, rng, i) for c in base.claims]
        if i % RARE_EVERY == RARE_EVERY - 1:
            claims = _about_desertions(claims)
        made = dataclasses.replace(base, text=text, metadata=metadata, claims=claims,
                                   source=Source(path=f"synthetic/{i}.txt"), removed=[])
        made.claim_vectors = _vectors(base.claim_vectors, noise,
                                      REPEAT_NOISE if i % REPEAT_EVERY == 0 else NOISE)
        yield content_id(text), made


def _scaled(claim: Claim, rng: random.Random, i: int) -> Claim:
    """The claim with its counts scaled and its sentence made unique (as real sentences
    are: repeated ones would compress and scan unrealistically fast)."""
    factor = rng.uniform(0.8, 1.2)

    def scale(x: float | None) -> float | None:
        return None if x is None else round(x * factor)

    numbers = [dataclasses.replace(m, value=scale(m.value), low=scale(m.low),
                                   high=scale(m.high)) if m.kind == "count" else m
               for m in claim.numbers]
    return dataclasses.replace(claim, numbers=numbers, text=f"{claim.text} [{i}]")


def _about_desertions(claims: list[Claim]) -> list[Claim]:
    """The first claim with a count made a count of desertions: a topic in 0.5% of the
    articles, as a specific story is in a real corpus (every other unit recurs in one
    article in twelve here)."""
    for n, claim in enumerate(claims):
        counts = [m for m in claim.numbers if m.kind == "count"]
        if counts:
            numbers = [dataclasses.replace(m, unit="desertions") if m is counts[0] else m
                       for m in claim.numbers]
            return [*claims[:n], dataclasses.replace(claim, numbers=numbers),
                    *claims[n + 1:]]
    return claims


def _vectors(base: Any, noise: np.random.Generator, size: float) -> np.ndarray | None:
    if base is None or not len(base):
        return base  # type: ignore[no-any-return]
    out = base + noise.standard_normal(base.shape).astype(np.float32) * (size / np.sqrt(384))
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def _random_words(rng: random.Random, length: int) -> str:
    words: list[str] = []
    total = 0
    while total < length:
        word = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9)))
        words.append(word)
        total += len(word) + 1
    return " ".join(words)[:length]


def ingest(db: Path, items: Iterator[tuple[str, Analysis]], n: int, batch: int
           ) -> tuple[float, float]:
    """Seconds to prepare ``n`` analyses (one core), and to write them ``batch`` a
    transaction (the writer, as `corpus add` runs it); generation excluded."""
    preparing = writing = 0.0
    with open_corpus(db) as corpus:
        groups = Groups.load(corpus.store.conn)
        for _ in range(0, n, batch):
            chunk = [next(items) for _ in range(min(batch, n - _))]
            start = time.perf_counter()
            prepared = prepare(chunk, corpus.store.columns)
            preparing += time.perf_counter() - start
            start = time.perf_counter()
            store_prepared(corpus.store, prepared, groups)
            writing += time.perf_counter() - start
        start = time.perf_counter()
        corpus.store.conn.execute("CHECKPOINT")
        writing += time.perf_counter() - start
    return preparing, writing


def median_time(db: Path, run: Callable[[Any], object], times: int = 5) -> tuple[float, Any]:
    """Median seconds of ``run(store)`` on a freshly opened corpus (as a CLI command is),
    and its last result."""
    spent, result = [], None
    with open_corpus(db, create=False) as corpus:
        for _ in range(times):
            start = time.perf_counter()
            result = run(corpus.store)
            spent.append(time.perf_counter() - start)
    return statistics.median(spent), result


def used_bytes(db: Path) -> int:
    with open_corpus(db, create=False) as corpus:
        _, _, block, _, used, *_ = corpus.execute("SELECT * FROM pragma_database_size()").rows[0]
    return int(block) * int(used)


def without_vectors(db: Path, folder: Path) -> int:
    """Bytes in use once ``claim_vectors`` is dropped (a copy of the database)."""
    copy = folder / "copy.duckdb"
    shutil.copy(db, copy)
    with open_corpus(copy, create=False) as corpus:
        corpus.store.conn.execute("DROP TABLE claim_vectors")
        corpus.store.conn.execute("CHECKPOINT")
    size = used_bytes(copy)
    copy.unlink()
    return size


def build(db: Path, bases: list[Analysis], n: int, batch: int) -> None:
    preparing, writing = ingest(db, synthetic(bases, n), n, batch)
    stored = preparing + writing
    print(f"ingest ({batch} a transaction): the writer {n / writing:,.0f} articles/s "
          f"({writing:.0f} s for {n:,}); preparing {preparing / n * 1e3:.2f} ms an article "
          f"on one core (in `corpus add`'s workers); both in one process "
          f"{n / stored:,.0f} articles/s", flush=True)
    with open_corpus(db, create=False) as corpus:
        start = time.perf_counter()
        done = corpus.match()
        matched = time.perf_counter() - start
    print(f"match: {done.claims:,} claims in {matched:.0f} s "
          f"({done.claims / matched:,.0f} claims/s, {done.cells} cells), {done.pairs:,} "
          f"matches; ingest and match together {n / (stored + matched):,.0f} articles/s",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--db", type=Path, help="keep the corpus in this file; when it "
                                                "exists, time only its queries")
    args = parser.parse_args()
    start = time.perf_counter()
    bases = analysed_examples(None)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{len(bases)} examples analysed in {time.perf_counter() - start:.0f} s; "
          f"{sum(len(b.claims) for b in bases) / len(bases):.1f} claims and "
          f"{sum(len(c.numbers) for b in bases for c in b.claims) / len(bases):.1f} numbers "
          f"an article", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or folder / "bench.duckdb"
        if not db.exists():
            build(db, bases, args.n, args.batch)
        size, used = os.path.getsize(db), used_bytes(db)
        bare = without_vectors(db, folder)
        with open_corpus(db, create=False) as corpus:
            articles, vectors = corpus.execute("SELECT (SELECT count(*) FROM articles), "
                                               "(SELECT count(*) FROM claim_vectors)").rows[0]
        print(f"on disk: file {size / articles:,.0f} bytes an article "
              f"({size / 2**20:,.0f} MiB); in use {used / articles:,.0f} bytes an article, "
              f"of which claim vectors {(used - bare) / articles:,.0f} "
              f"({vectors / articles:.1f} vectors an article, "
              f"{(used - bare) / max(vectors, 1):,.0f} bytes each); without them "
              f"{bare / articles:,.0f}", flush=True)
        query = bases[0].claim_vectors[0]
        for name, run in (
                ("ledger --about desertions (0.5% of articles)",
                 lambda s: ledger(s, "desertions")),
                ("ledger --about euros (a third of the articles)", lambda s: ledger(s, "euros")),
                ("claims --like (16 nearest cells)", lambda s: nearest(s, query, top=10)),
                ("claims --like --exact", lambda s: nearest(s, query, top=10, exact=True)),
                ("profile 'Outlet 7' --by month",
                 lambda s: profiles(s, "Outlet 7", by="month")),
                ("profile (all 200 outlets)", lambda s: profiles(s))):
            seconds, result = median_time(db, run)
            print(f"{name}: {seconds * 1000:,.0f} ms{_size(result)}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end (other processes share the cores)")


def _size(result: Any) -> str:
    if hasattr(result, "groups"):
        return (f" ({len(result.groups)} groups, "
                f"{sum(len(g.values) for g in result.groups):,} values)")
    if isinstance(result, list) and result and hasattr(result[0], "similarity"):
        return f" (best {result[0].similarity:.3f})"
    return f" ({len(result)} profiles)" if isinstance(result, list) else ""


if __name__ == "__main__":
    main()
