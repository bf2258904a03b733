"""Ingest: turn what the user gave (a path, a directory, a glob, a URL, ``-``) into Articles.

``expand_inputs`` turns command-line specs into single inputs; ``read_input`` reads one
into an ``Article``, choosing text, HTML or a fetch by URL scheme, file extension and, for
files and stdin, by looking at the bytes (a ``.txt`` file that is really a saved page is
read as HTML). Every failure is an ``UnspinError`` with a one-line message naming the input.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from pathlib import Path
from typing import BinaryIO

import httpx

from ..config import Options
from ..document import Article, Source
from ..errors import BadURL, InputNotFound
from .html import article_from_html, looks_like_html, meta_charset
from .text import article_from_text, check_bytes, decode, read_file, read_stream
from .url import fetch

__all__ = ["article_from_bytes", "article_from_html", "expand_inputs", "fetch", "read_input"]

STDIN = "-"
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
ACCEPTED_SPECS = "give a file, a directory, a glob pattern, an http(s) URL or - for stdin"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARS = re.compile(r"[*?\[]")


def expand_inputs(specs: list[str]) -> list[str]:
    """One entry per input: directories and globs expanded, URLs and ``-`` passed through.

    Expansion is sorted so runs over the same folder list inputs in the same order. An
    input named twice is kept twice: one result per input given, as the user listed them.

    Raises:
        InputNotFound: a path that does not exist, or a glob or folder with no inputs.
    """
    expanded: list[str] = []
    for spec in specs:
        expanded.extend(_expand(spec))
    return expanded


def _expand(spec: str) -> list[str]:
    if spec == STDIN or _SCHEME.match(spec) or os.path.isfile(spec):
        return [spec]
    if os.path.isdir(spec):
        return _expand_dir(spec)
    if _GLOB_CHARS.search(spec):
        return _expand_glob(spec)
    raise InputNotFound(f"{spec}: no such file or directory; {ACCEPTED_SPECS}")


def _expand_dir(directory: str) -> list[str]:
    """Files with a known suffix anywhere below ``directory``; hidden ones skipped."""
    root = Path(directory)
    found = sorted(
        str(path) for path in root.rglob("*")
        if path.suffix.lower() in SUFFIXES and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts))
    if not found:
        raise InputNotFound(f"{directory}: the directory has no {_suffix_list()} files")
    return found


def _expand_glob(pattern: str) -> list[str]:
    found: list[str] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        found.extend(_expand_dir(match) if os.path.isdir(match) else [match])
    if not found:
        raise InputNotFound(f"{pattern}: no files match this pattern; {ACCEPTED_SPECS}")
    return found


def _suffix_list() -> str:
    return ", ".join(SUFFIXES)


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
    if spec == STDIN:
        data = read_stream(stdin or sys.stdin.buffer, STDIN, options)
        return article_from_bytes(data, Source(path=STDIN), options)
    if _SCHEME.match(spec):
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
