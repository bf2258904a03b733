"""What ``corpus add`` reads: single articles, and files that hold many.

Single files, URLs and ``-`` go through ``unspin.ingest`` as ``analyze`` reads them. Three
kinds of file hold many articles and are opened here, chosen by name:

- JSON Lines (``.jsonl``, ``.ndjson``): one article per line, ``text`` or ``html`` plus
  optional ``url``, ``title``, ``author``, ``date``, ``site``;
- RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``, ``.rdf``; feedparser): each entry's
  content (or summary) as HTML, with the entry's title, author, date and link and the
  feed's title as site. Links are fetched instead only with ``fetch=True``;
- WARC files (``.warc``, ``.warc.gz``; warcio): every HTML response record with status
  200, its URL from ``WARC-Target-URI`` and, when the page shows no date, ``WARC-Date``.

An article inside such a file is named ``FILE#N`` (N counts lines, entries or records
from 1) unless it has a URL. A bad one becomes an error ``Item`` and the rest go on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import io
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..config import Options
from ..document import Article, Source
from ..errors import InputError, InputNotFound, InputTooLarge, NoArticleFound, UnspinError
from ..ingest import SUFFIXES, article_from_html, expand_inputs, fetch, read_input
from ..ingest.html import looks_like_html
from ..ingest.text import article_from_text

JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
WARC_SUFFIXES = (".warc", ".warc.gz")
METADATA_FIELDS = ("url", "title", "author", "date", "site")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True, slots=True)
class Item:
    """One article read, or the error that stopped it; ``input`` names it in messages."""

    input: str
    article: Article | None = None
    error: UnspinError | None = None


def expand(spec: str) -> list[str]:
    """The inputs one command-line spec names; directories and globs also yield JSON
    Lines, feed and WARC files.

    Raises:
        InputNotFound: a path that does not exist, or a folder or glob with no inputs.
    """
    if os.path.isdir(spec):
        found = _in_dir(spec)
    elif _GLOB_CHARS.search(spec) and not os.path.exists(spec):
        found = [f for match in sorted(glob.glob(spec, recursive=True))
                 for f in (_in_dir(match) if os.path.isdir(match) else [match])]
    else:
        return expand_inputs([spec])
    if not found:
        raise InputNotFound(f"{spec}: no {', '.join(_SUFFIXES)} files here")
    return found


_SUFFIXES = SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES


def _in_dir(directory: str) -> list[str]:
    root = Path(directory)
    return sorted(str(p) for p in root.rglob("*")
                  if p.name.lower().endswith(_SUFFIXES) and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def kind_of(path: str) -> str:
    """``jsonl``, ``feed``, ``warc`` or ``single``, by the file name."""
    name = path.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("feed", FEED_SUFFIXES),
                           ("warc", WARC_SUFFIXES)):
        if name.endswith(suffixes) and os.path.isfile(path):
            return kind
    return "single"


def count(path: str) -> int:
    """How many items ``read`` will yield for ``path`` (for the progress bar); a file that
    cannot be read counts one, its error."""
    try:
        match kind_of(path):
            case "jsonl":
                with open(path, "rb") as handle:
                    return max(1, sum(1 for line in handle if line.strip()))
            case "feed":
                return max(1, len(_parse_feed(path).entries))
            case "warc":
                return _count_warc(path)
    except (OSError, UnspinError, ArchiveLoadFailed):
        return 1
    return 1


def _count_warc(path: str) -> int:
    """Pages up to a damaged record, and one for the error that stops ``read`` there."""
    found = 0
    try:
        for _ in _warc_pages(path):
            found += 1
    except (UnspinError, ArchiveLoadFailed):
        found += 1
    return max(1, found)


def read(path: str, options: Options, *, fetch_links: bool = False) -> Iterator[Item]:
    """Every article ``path`` holds, read, or the error for each one that is not."""
    try:
        match kind_of(path):
            case "jsonl":
                yield from _read_jsonl(path, options)
            case "feed":
                yield from _read_feed(path, options, fetch_links)
            case "warc":
                yield from _read_warc(path, options)
            case _:
                yield Item(path, article=read_input(path, options))
    except UnspinError as error:
        yield Item(path, error=error)
    except OSError as error:
        yield Item(path, error=InputNotFound(f"{path}: cannot read: {error.strerror}"))
    except ArchiveLoadFailed as error:
        yield Item(path, error=InputError(f"{path}: not a readable WARC file: {error}"))


def _guarded(label: str, make: Any, *args: Any) -> Item:
    """One article of a many-article file: its failure, whatever it is, stays its own."""
    try:
        return Item(label, article=make(*args))
    except UnspinError as error:
        return Item(label, error=error)
    except Exception as error:  # noqa: BLE001 - a parser's bug fails only its record
        return Item(label, error=InputError(
            f"{label}: cannot be read ({type(error).__name__}: {error})"))


# JSON Lines ----------------------------------------------------------------------------

def _read_jsonl(path: str, options: Options) -> Iterator[Item]:
    with open(path, "rb") as handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                yield _guarded(f"{path}#{n}", _jsonl_article, line, f"{path}#{n}", options)


def _jsonl_article(line: bytes, label: str, options: Options) -> Article:
    if len(line) > options.max_input_bytes:
        raise InputTooLarge(f"{label}: the line is {len(line):,} bytes, over the "
                            f"{options.max_input_bytes:,} byte limit (option max_input_bytes)")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise InputError(f"{label}: each line must be a JSON object with `text` or `html`")
    given = {k: record[k] if isinstance(record.get(k), str) else None for k in METADATA_FIELDS}
    source = Source(path=label, url=given["url"])
    if isinstance(record.get("html"), str):
        article = article_from_html(record["html"], source, options, url=given["url"])
    elif isinstance(record.get("text"), str):
        article = article_from_text(record["text"], source)
    else:
        raise InputError(f"{label}: the object has no `text` or `html` string; "
                         "each line needs one of them")
    return _with_metadata(article, given)


def _with_metadata(article: Article, given: dict[str, str | None]) -> Article:
    """What the input states about an article wins over what was found in the page."""
    for key, value in given.items():
        if value:
            setattr(article.metadata, key, value)
    return article


# RSS and Atom ----------------------------------------------------------------------------

def _parse_feed(path: str) -> Any:
    """Parse from bytes we read: given a string, feedparser would treat it as a URL."""
    data = Path(path).read_bytes()
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise InputError(f"{path}: not an RSS or Atom feed, or one without entries")
    return parsed


def _read_feed(path: str, options: Options, fetch_links: bool) -> Iterator[Item]:
    parsed = _parse_feed(path)
    site = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        yield _guarded(link or f"{path}#{n}", _entry_article, entry, f"{path}#{n}", site,
                       options, fetch_links)


def _entry_article(entry: Any, label: str, site: str | None, options: Options,
                   fetch_links: bool) -> Article:
    link = entry.get("link") or None
    given = {"url": link, "title": entry.get("title") or None,
             "author": entry.get("author") or None, "date": _entry_date(entry), "site": site}
    if fetch_links and link:
        return _with_metadata(fetch(link, options), given)
    body, kind = _entry_body(entry)
    if not body.strip():
        raise NoArticleFound(f"{link or label}: the feed entry has no content or summary; "
                             "pass --fetch to fetch its link")
    source = Source(path=label, url=link)
    if kind == "text/plain" and not looks_like_html(body):
        return _with_metadata(article_from_text(body, source), given)
    return _with_metadata(article_from_html(f"<html><body><article>{body}</article></body>"
                                            "</html>", source, options, url=link), given)


def _entry_body(entry: Any) -> tuple[str, str]:
    """The entry's full content when it has one, else its summary."""
    contents = entry.get("content") or []
    best = max(contents, key=lambda c: len(c.get("value", "")), default=None)
    if best and best.get("value"):
        return best["value"], best.get("type", "text/html")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), detail.get("type", "text/html")


def _entry_date(entry: Any) -> str | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get(
        "updated_parsed")
    return dt.date(*parsed[:3]).isoformat() if parsed else None


# WARC ----------------------------------------------------------------------------------

def _warc_pages(path: str) -> Iterator[tuple[int, ArcWarcRecord]]:
    """HTML response records with HTTP status 200, numbered among all records.

    warcio writes its warnings about damaged records to stderr itself, and reads what is
    not WARC as the older, looser ARC format; both are stopped here, so a damaged file is
    one error line like any other bad input.
    """
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


def _read_warc(path: str, options: Options) -> Iterator[Item]:
    for n, record in _warc_pages(path):
        url = record.rec_headers.get_header("WARC-Target-URI") or None
        body = record.content_stream().read(options.max_input_bytes + 1)
        yield _guarded(url or f"{path}#{n}", _warc_article, body, f"{path}#{n}", url,
                       record.rec_headers.get_header("WARC-Date"), options)


def _warc_article(body: bytes, label: str, url: str | None, captured: str | None,
                  options: Options) -> Article:
    if len(body) > options.max_input_bytes:
        raise InputTooLarge(f"{url or label}: the page is over the "
                            f"{options.max_input_bytes:,} byte limit (option max_input_bytes)")
    article = article_from_html(body, Source(path=label, url=url), options, url=url)
    if not article.metadata.date and captured:
        article.metadata.date = captured[:10]
    return article
