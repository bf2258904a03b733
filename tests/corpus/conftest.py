"""Fixtures for the corpus tests: the example articles stored once, a WARC built from
them, and what a corpus holds."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from unspin.config import Options
from unspin.corpus import SPAN_TABLES, Corpus, open_corpus

from ..conftest import CHEAP_STAGES, COASTAL, EXAMPLES, VALLEY, write_warc  # noqa: F401 - for the tests here


@pytest.fixture(scope="module")
def examples_corpus(tmp_path_factory: pytest.TempPathFactory, cheap: Options) -> Iterator[Corpus]:
    """The examples folder stored once, with the cheap stages, for the read-only tests."""
    corpus = open_corpus(tmp_path_factory.mktemp("corpus") / "examples.duckdb")
    counts = corpus.add([str(EXAMPLES)], options=cheap)
    assert (counts.stored, counts.failed) == (9, 0), counts.messages
    yield corpus
    corpus.close()


def many_articles(path: Path, n: int, *, seed: int = 7) -> Path:
    """``n`` distinct short articles as JSON Lines, each about 150 random words."""
    rng = random.Random(seed)
    vocabulary = [f"{a}{b}" for a in ("ta", "ke", "mo", "ri", "su", "lo", "ne", "va")
                  for b in ("n", "rk", "ll", "sh", "mb", "x", "t", "d", "p", "z")]
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            words = " ".join(rng.choice(vocabulary) for _ in range(150))
            handle.write(json.dumps({"text": f"Report {i}\n\n{words}.\n",
                                     "site": f"site{i % 7}.example"}) + "\n")
    return path


def stored(corpus: Corpus) -> dict[str, Any]:
    """Everything a corpus holds that does not depend on when or in which order it was
    stored: rows of every table, failures, and which articles are copies of each other."""
    found: dict[str, Any] = {
        "articles": corpus.execute("SELECT * EXCLUDE (added_at) FROM articles ORDER BY id").rows,
        "failures": corpus.execute("SELECT input, reason, error, exit_code FROM failures "
                                   "ORDER BY input").rows,
        "copies": sorted(row[0] for row in corpus.execute(
            "SELECT list(article_id ORDER BY article_id) FROM copies GROUP BY group_id").rows)}
    for table in SPAN_TABLES:
        found[table] = corpus.execute(f"SELECT * FROM {table} ORDER BY article_id, ord").rows
    return found
