"""Ingest: turn what the user gave (a path, a directory, a glob, a URL, ``-``) into Articles.

``expand_inputs`` turns command-line specs into inputs (``inputs``); ``read_input`` reads
one that holds one article (``read``: text, HTML or a fetch); ``read_inputs`` reads every
article an input holds, JSON Lines, feeds and WARC files included, as ``Outcome``s. Every
failure is an ``UnspinError`` with a one-line message naming the input.
"""

from __future__ import annotations

from .html import article_from_html
from .inputs import collect, count, expand_each, expand_inputs, kind_of, read_inputs
from .read import article_from_bytes, read_input
from .url import fetch

__all__ = ["article_from_bytes", "article_from_html", "collect", "count", "expand_each", "expand_inputs",
           "fetch", "kind_of", "read_input", "read_inputs"]
