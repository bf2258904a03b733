"""unspin: what a news article claims, whom it cites and how it tries to persuade.

The public surface is small: ``analyze`` and ``extract``, the options, the result types
and the error tree. Everything else is private and may change.
"""

from __future__ import annotations

import os
from typing import Any

from .config import Options, make_options
from .document import (
    SCHEMA_VERSION,
    Analysis,
    Article,
    Entity,
    Language,
    Metadata,
    Part,
    Removed,
    Sentence,
    Source,
    Span,
    TechniqueSpan,
)
from .errors import UnspinError

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Entity",
    "Language",
    "Metadata",
    "Options",
    "Part",
    "Removed",
    "Sentence",
    "Source",
    "Span",
    "TechniqueSpan",
    "UnspinError",
    "analyze",
    "extract",
]


def extract(source: str | os.PathLike[str], *, options: Options | None = None,
            **overrides: Any) -> Article:
    """Read a file path, URL or ``-`` (stdin) into an ``Article``, without analysing it."""
    from .ingest import read_input

    return read_input(os.fspath(source), make_options(options, **overrides))


def analyze(source: str | os.PathLike[str] | Article, *, options: Options | None = None,
            **overrides: Any) -> Analysis:
    """Analyse one article: a path, a URL, ``-`` for stdin, or an ``Article`` you built.

    Raises an ``UnspinError`` subclass with a one-line message for bad input.
    Keyword options (e.g. ``allow_private=True``) override ``options`` or the defaults.
    """
    from .batch import pipeline_for

    opts = make_options(options, **overrides)
    article = source if isinstance(source, Article) else extract(source, options=opts)
    return pipeline_for(opts)(article)
