"""WARC files (``.warc``, ``.warc.gz``), read with warcio: every HTML response record with
HTTP status 200, its URL from ``WARC-Target-URI`` and, when the page shows no date, the
capture date (``WARC-Date``). A record is named by its URL, else ``FILE#N`` (N counts
records from 1)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..config import Options
from ..document import Article, Outcome, Source
from ..errors import InputError, InputTooLarge, NoArticleFound, UnspinError
from .html import article_from_html
from .records import guarded, with_site

if TYPE_CHECKING:  # warcio (and the fsspec it imports) load with the first WARC file
    from warcio.recordloader import ArcWarcRecord

SUFFIXES = (".warc", ".warc.gz")


def count_warc(path: str) -> int:
    """Pages up to a damaged record, and one for the error that stops ``read_warc`` there."""
    found = 0
    try:
        for _ in _warc_pages(path):
            found += 1
    except UnspinError:
        found += 1
    return max(1, found)


def _warc_pages(path: str) -> Iterator[tuple[int, ArcWarcRecord]]:
    """HTML response records with HTTP status 200, numbered among all records.

    warcio writes its warnings about damaged records to stderr itself, and reads what is
    not WARC as the older, looser ARC format; both are stopped here, so a damaged file is
    one error line like any other bad input, as is what warcio cannot read at all.
    """
    from warcio.exceptions import ArchiveLoadFailed

    try:
        yield from _records(path)
    except ArchiveLoadFailed as error:
        raise InputError(f"{path}: not a readable WARC file: {error}") from None


def _records(path: str) -> Iterator[tuple[int, ArcWarcRecord]]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        records = iter(ArchiveIterator(handle))
        n = 0
        while (record := _quietly(records)) is not None:
            if record.format != "warc":
                raise InputError(f"{path}#{n + 1}: a damaged WARC record; the rest of the "
                                 "file was not read" if n else
                                 f"{path}: not a WARC file, or one without records")
            n += 1
            headers = record.http_headers
            if record.rec_type != "response" or headers is None:
                continue
            if headers.get_statuscode() == "200" and \
                    "html" in (headers.get_header("Content-Type") or "").lower():
                yield n, record
    if n == 0:
        raise InputError(f"{path}: not a WARC file, or one without records")


def _quietly(records: Iterator[ArcWarcRecord]) -> ArcWarcRecord | None:
    with contextlib.redirect_stderr(io.StringIO()):
        return next(records, None)


def read_warc(path: str, options: Options) -> Iterator[Outcome]:
    """One outcome per HTML page; a file without any is one error, not silence."""
    found = False
    for n, record in _warc_pages(path):
        found = True
        url = record.rec_headers.get_header("WARC-Target-URI") or None
        body = record.content_stream().read(options.max_input_bytes + 1)
        yield guarded(url or f"{path}#{n}", _warc_article, body, f"{path}#{n}", url,
                       record.rec_headers.get_header("WARC-Date"), options)
    if not found:
        yield Outcome(path, error=NoArticleFound(
            f"{path}: no HTML page with HTTP status 200 in this WARC file"))


def _warc_article(body: bytes, label: str, url: str | None, captured: str | None,
                  options: Options) -> Article:
    if len(body) > options.max_input_bytes:
        raise InputTooLarge(f"{url or label}: the page is over the "
                            f"{options.max_input_bytes:,} byte limit (option max_input_bytes)")
    article = article_from_html(body, Source(path=label, url=url), options, url=url)
    if not article.metadata.date and captured:
        article.metadata.date = captured[:10]
    return with_site(article, options.site)
