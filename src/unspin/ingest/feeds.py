"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``, ``.rdf``), read with feedparser: each
entry's content (or summary) as HTML, with the entry's title, author, date and link and
the feed's title as site. Links are fetched instead only when asked (``fetch_links``). An
entry is named by its link, else ``FILE#N`` (N counts entries from 1)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Options
from ..document import Article, Outcome, Source
from ..errors import InputError, NoArticleFound
from .html import article_from_html, looks_like_html
from .records import guarded, with_metadata
from .text import article_from_text
from .url import fetch

SUFFIXES = (".rss", ".atom", ".xml", ".rdf")


def count_feed(path: str) -> int:
    return max(1, len(_parse_feed(path).entries))


def _parse_feed(path: str) -> Any:
    """Parse from bytes we read: given a string, feedparser would treat it as a URL."""
    import feedparser  # with the first feed, not with every start

    data = Path(path).read_bytes()
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise InputError(f"{path}: not an RSS or Atom feed, or one without entries")
    return parsed


def read_feed(path: str, options: Options, fetch_links: bool) -> Iterator[Outcome]:
    parsed = _parse_feed(path)
    site = options.site or parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        yield guarded(link or f"{path}#{n}", _entry_article, entry, f"{path}#{n}", site,
                       options, fetch_links)


def _entry_article(entry: Any, label: str, site: str | None, options: Options,
                   fetch_links: bool) -> Article:
    link = entry.get("link") or None
    given = {"url": link, "title": entry.get("title") or None,
             "author": entry.get("author") or None, "date": _entry_date(entry), "site": site}
    if fetch_links and link:
        return with_metadata(fetch(link, options), given)
    body, kind = _entry_body(entry)
    if not body.strip():
        raise NoArticleFound(f"{link or label}: the feed entry has no content or summary; "
                             "pass --fetch to fetch its link")
    source = Source(path=label, url=link)
    if kind == "text/plain" and not looks_like_html(body):
        return with_metadata(article_from_text(body, source), given)
    return with_metadata(article_from_html(f"<html><body><article>{body}</article></body>"
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
