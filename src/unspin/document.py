"""The document model: an ``Article`` goes in, an ``Analysis`` comes out.

Every finding is a span of ``Analysis.text``: ``start`` and ``end`` are character offsets
(Python string indices, end exclusive) and ``text`` is exactly ``Analysis.text[start:end]``.
The JSON form is versioned by ``SCHEMA_VERSION`` and described in
``src/unspin/schema/analysis.schema.json`` (see docs/schema.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"
_INVISIBLE = str.maketrans({"\ufeff": " ", "\u200b": " "})


@dataclass(frozen=True, slots=True)
class Source:
    """Where an input came from: a ``path`` as given, a ``url``, or ``-`` for stdin."""

    path: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        return self.url or self.path or "-"


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    origin: str | None = None


@dataclass(slots=True)
class Article:
    """One input, read and decoded, before any analysis.

    ``text`` is what every offset refers to: a text file exactly as decoded (a BOM kept),
    or the main text extracted from a page. ``removed`` holds spans an ingest step already
    knows to be non-article text (rare: HTML boilerplate never reaches ``text``).
    """

    source: Source
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    format: str = "text"
    removed: list[Removed] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Removed(Span):
    """Text cleaned out before analysis: ``kind`` is ad, boilerplate, related, share,
    credit or syndication; ``rule`` names the rule that matched, for review."""

    kind: str
    rule: str


@dataclass(frozen=True, slots=True)
class Part(Span):
    """A structural part of the article: ``headline`` or ``standfirst``."""

    kind: str


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    pass


@dataclass(frozen=True, slots=True)
class Entity(Span):
    """A named entity; ``label`` is spaCy's (PERSON, ORG, GPE, NORP, DATE ...)."""

    label: str


@dataclass(frozen=True, slots=True)
class TechniqueSpan(Span):
    """A persuasion technique (SemEval-2020 Task 11 name) used by these characters.

    Spans may overlap, and the same characters may carry several techniques (one
    ``TechniqueSpan`` each). ``score`` is the model's confidence in [0, 1].
    """

    technique: str
    score: float


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    score: float
    supported: bool


@dataclass(slots=True)
class Analysis:
    """All findings about one article. Stages fill the fields they declare."""

    source: Source
    text: str
    metadata: Metadata
    format: str = "text"
    language: Language | None = None
    removed: list[Removed] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    techniques: list[TechniqueSpan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)

    @classmethod
    def from_article(cls, article: Article) -> Analysis:
        return cls(
            source=article.source,
            text=article.text,
            metadata=dataclasses.replace(article.metadata),
            format=article.format,
            removed=list(article.removed),
        )

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def kept_text(self) -> str:
        """``text`` as stages see it: removed spans blanked with spaces (newlines kept),
        and invisible marks (a BOM, zero-width spaces) turned into spaces.

        Same length as ``text``, so offsets found in it are offsets into ``text``, and no
        stage can find anything inside removed text.
        """
        kept = self.text.translate(_INVISIBLE)
        if not self.removed:
            return kept
        chars = list(kept)
        for r in self.removed:
            for i in range(r.start, r.end):
                if chars[i] not in "\n\r":
                    chars[i] = " "
        return "".join(chars)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["source"] = {k: v for k, v in data["source"].items() if v is not None}
        return {"schema_version": SCHEMA_VERSION, **data, "counts": self.counts()}

    def counts(self) -> dict[str, int]:
        """Characters, removed characters, and the length of every list of findings."""
        counts = {
            "characters": len(self.text),
            "removed_characters": sum(r.end - r.start for r in self.removed),
        }
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list) and f.name not in ("notes", "stages"):
                counts[f.name] = len(value)
        return counts
