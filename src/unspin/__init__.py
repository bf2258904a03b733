"""unspin: what a news article claims, whom it cites and how it tries to persuade.

The public surface is what ``__all__`` names: the verbs ``analyze``, ``analyze_many``,
``extract`` and ``open_corpus``, the options, the result types a reader meets in an
``Analysis`` and the whole error tree. Modules of the package (``unspin.stages``,
``unspin.pipeline`` ...) are internal and may change; ``unspin.registry`` is public for
registering a stage of your own. docs/api.md describes the surface.

    import unspin

    analysis = unspin.analyze("article.txt")
    for claim in analysis.claims:
        print(claim.text, claim.source.kind)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .config import Options, make_options
from .document import (
    ANALYSIS_SCHEMA_VERSION,
    Analysis,
    Article,
    Claim,
    Comparison,
    Entity,
    Forecast,
    Language,
    Metadata,
    NumberMention,
    Outcome,
    Part,
    Period,
    Quote,
    Removed,
    Sentence,
    Source,
    SourceRef,
    Sourcing,
    Span,
    TechniqueSpan,
)
from .errors import (
    BadURL,
    BinaryInput,
    ConfigError,
    CorpusError,
    EmptyInput,
    EngineError,
    FetchError,
    InputError,
    InputNotFound,
    InputTooLarge,
    InternalError,
    ModelError,
    NetworkError,
    NoArticleFound,
    NotInCorpus,
    UndecodableInput,
    UnspinError,
)

if TYPE_CHECKING:
    from .corpus import Corpus

__version__ = "0.1.0"

__all__ = [
    "ANALYSIS_SCHEMA_VERSION",
    "Analysis",
    "Article",
    "BadURL",
    "BinaryInput",
    "Claim",
    "Comparison",
    "ConfigError",
    "CorpusError",
    "EmptyInput",
    "EngineError",
    "Entity",
    "FetchError",
    "Forecast",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "InternalError",
    "Language",
    "Metadata",
    "ModelError",
    "NetworkError",
    "NoArticleFound",
    "NotInCorpus",
    "NumberMention",
    "Options",
    "Outcome",
    "Part",
    "Period",
    "Quote",
    "Removed",
    "Sentence",
    "Source",
    "SourceRef",
    "Sourcing",
    "Span",
    "TechniqueSpan",
    "UndecodableInput",
    "UnspinError",
    "analyze",
    "analyze_many",
    "extract",
    "open_corpus",
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
    from .runner import pipeline_for

    opts = make_options(options, **overrides)
    article = source if isinstance(source, Article) else extract(source, options=opts)
    return pipeline_for(opts)(article)


def analyze_many(sources: Sequence[str | os.PathLike[str] | Article], *,
                 options: Options | None = None,
                 on_progress: Callable[[int], None] | None = None,
                 **overrides: Any) -> Iterator[Outcome]:
    """Analyse many articles on every core, yielding one ``Outcome`` per article, in order.

    ``sources`` are paths, URLs or ``Article``s; a folder, a glob or a file that holds many
    articles (JSON Lines, a feed, a WARC file) is expanded first. A bad input or an article
    that fails becomes an ``Outcome`` with its ``error``; the others go on.
    ``on_progress`` is called with the number of inputs done after each batch.
    """
    from .ingest import collect
    from .runner import analyze_many as run

    opts = make_options(options, **overrides)
    items: list[str | Article | Outcome] = []
    for source in sources:
        items.extend([source] if isinstance(source, Article)
                     else collect([os.fspath(source)], opts))
    yield from run(items, opts, on_progress=on_progress)


def open_corpus(path: str | os.PathLike[str] = "unspin.duckdb", *,
                create: bool = True) -> Corpus:
    """Open the corpus (an embedded DuckDB database) at ``path``, making it when ``create``
    and it does not exist; see ``unspin.corpus.Corpus``.

    Raises:
        CorpusError: the file cannot be opened as a corpus.
    """
    from .corpus import open_corpus as _open

    return _open(path, create=create)
