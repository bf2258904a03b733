"""Fixtures for the corpus tests: the example articles, a WARC built from them, and
options with only the cheap stages (these tests are about storage, not analysis)."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspin.config import Options, make_options
from unspin.corpus import Corpus, open_corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
CHEAP_STAGES = ("unspin.clean.v1", "unspin.language.v1")
VALLEY = EXAMPLES / "valley-gazette-rail-cuts.html"
COASTAL = EXAMPLES / "coastal-herald-rail-cuts.html"


@pytest.fixture(scope="session")
def cheap() -> Options:
    return make_options(stages=CHEAP_STAGES, workers=1)


def write_warc(path: Path) -> Path:
    """A gzipped WARC like a crawler writes: a request, two HTML pages, a 404 and an image."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        pages = [("https://www.valleygazette.example/news/night-trains-cut", VALLEY, "200 OK"),
                 ("https://harbour.example/missing", VALLEY, "404 Not Found"),
                 ("https://coastalherald.example/region/night-trains", COASTAL, "200 OK")]
        writer.write_record(writer.create_warc_record(
            pages[0][0], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        for url, page, status in pages:
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-09T08:00:00Z"}))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://coastalherald.example/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 64), http_headers=image))
    return path


@pytest.fixture(scope="session")
def warc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_warc(tmp_path_factory.mktemp("warc") / "crawl.warc.gz")


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
