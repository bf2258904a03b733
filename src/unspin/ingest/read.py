"""One input into an ``Article``: a file, an http(s) URL, or ``-`` (stdin).

Text, HTML or a fetch is chosen by URL scheme, file extension and, for files and stdin, by
looking at the bytes (a ``.txt`` file that is really a saved page is read as HTML). Every
failure is an ``UnspinError`` with a one-line message naming the input.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..config import Options
from ..document import Article, Source
from ..errors import BadURL
from .html import article_from_html, looks_like_html, meta_charset
from .records import with_site
from .text import article_from_text, check_bytes, decode, read_file, read_stream
from .url import fetch

if TYPE_CHECKING:
    import httpx

STDIN = "-"
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def read_input(spec: str, options: Options, *, stdin: BinaryIO | None = None,
               client: httpx.Client | None = None) -> Article:
    """Read one input into an ``Article``.

    Args:
        spec: a file path, an http(s) URL, or ``-`` for standard input.
        options: size cap, fetch settings and ``min_article_chars``.
        stdin: the stream ``-`` reads (tests pass a BytesIO); ``sys.stdin.buffer`` otherwise.
        client: the httpx client a URL is fetched with (tests pass a mocked one).

    Raises:
        UnspinError: a subclass saying what was wrong with this input.
    """
    return with_site(_read(spec, options, stdin, client), options.site)


def _read(spec: str, options: Options, stdin: BinaryIO | None,
          client: httpx.Client | None) -> Article:
    if spec == STDIN:
        data = read_stream(stdin or sys.stdin.buffer, STDIN, options)
        return article_from_bytes(data, Source(path=STDIN), options)
    if SCHEME.match(spec):
        if not spec.lower().startswith(("http://", "https://")):
            raise BadURL(f"{spec}: only http and https URLs can be fetched; "
                         "for a local file give its path")
        return fetch(spec, options, client)
    data = read_file(spec, options)
    return article_from_bytes(data, Source(path=spec), options,
                              html=Path(spec).suffix.lower() in HTML_SUFFIXES)


def article_from_bytes(data: bytes, source: Source, options: Options, *,
                       html: bool = False) -> Article:
    """Read raw bytes (a file, stdin, an upload) as a text or HTML article.

    Args:
        html: the name says HTML (a ``.html`` file); read as HTML if it has any markup.
            Otherwise the content decides, so a page saved as ``.txt`` is still a page.
    """
    check_bytes(data, source.label)
    text = decode(data, source.label, declared=meta_charset(data))
    if (html and "<" in text) or looks_like_html(text):
        return article_from_html(text, source, options)
    return article_from_text(text, source)
