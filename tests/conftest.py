"""Shared fixtures. Public data lives in ../shared beside the repository, never in it;
tests that need it skip with a reason when it is absent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspin.config import Options, make_options

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()
EXAMPLES = ROOT / "examples" / "corpus"
VALLEY = EXAMPLES / "valley-gazette-rail-cuts.html"
COASTAL = EXAMPLES / "coastal-herald-rail-cuts.html"
# Stages that load no model: for tests about storage and running, not analysis.
CHEAP_STAGES = ("unspin.clean.v1", "unspin.language.v1")


@pytest.fixture(scope="session")
def cheap() -> Options:
    return make_options(stages=CHEAP_STAGES, workers=1)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder {SHARED}, which is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> Path:
    path = shared_dir / "seed" / "desertions-article.txt"
    if not path.is_file():
        pytest.skip(f"needs the seed article {path}, which is absent")
    return path


@pytest.fixture(scope="session")
def ptc_dir(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "ptc"
    if not (path / "train-articles").is_dir():
        pytest.skip(f"needs the PTC corpus in {path}, which is absent")
    return path


@pytest.fixture(scope="session")
def warc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_warc(tmp_path_factory.mktemp("warc") / "crawl.warc.gz")


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
