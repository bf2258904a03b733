"""The document model: an ``Article`` goes in, an ``Analysis`` comes out.

Every finding is a span of ``Analysis.text``: ``start`` and ``end`` are character offsets
(Python string indices, end exclusive) and ``text`` is exactly ``Analysis.text[start:end]``.
The JSON form is versioned by ``ANALYSIS_SCHEMA_VERSION`` and described in
``src/unspin/schema/analysis.schema.json`` (see docs/schema.md).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

if TYPE_CHECKING:
    from .errors import UnspinError

ANALYSIS_SCHEMA_VERSION = "1.4"
_INVISIBLE = str.maketrans({"\ufeff": " ", "\u200b": " "})


@dataclass(frozen=True, slots=True)
class Source:
    """Where an input came from: a ``path`` as given, a ``url``, or ``-`` for stdin."""

    path: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        return self.url or self.path or "-"


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline opening the story ("WASHINGTON (AP) —"): where it was filed and by
    which agency (None for a staff dateline such as "LONDON —"). Its offsets are those of
    ``Analysis.text``, where it stays; no stage reads it as a source, speaker or quote."""

    start: int
    end: int
    text: str
    place: str
    agency: str | None = None


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    origin: str | None = None
    dateline: Dateline | None = None


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """The article ``dataclasses.asdict`` made ``data`` from (an article sent to
        another machine as JSON, say).

        Raises:
            ValueError: ``data`` is not such a dict.
        """
        return _build(cls, data, "article")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Removed(Span):
    """Text cleaned out before analysis: ``kind`` is ad, boilerplate, related, share,
    credit, caption, furniture, syndication or dateline; ``rule`` names the rule that
    matched, for review."""

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
    ``TechniqueSpan`` each). ``score`` is a calibrated probability in [0, 1]: of the
    spans the model scores 0.7, about 70% overlap a span annotators marked with this
    technique (docs/techniques-model.md). The evidence behind it, for a reader who asks
    why: ``token_probability``, the tagger's mean probability of the technique over the
    span's tokens, and ``sentence_probability``, its highest probability in the span's
    sentence (None in analyses made before schema 1.3).
    """

    technique: str
    score: float
    token_probability: float | None = None
    sentence_probability: float | None = None


@dataclass(frozen=True, slots=True)
class Period(Span):
    """A time expression; ``resolved_start``/``resolved_end`` are ISO dates (inclusive),
    or None with the reason in ``unresolved_reason`` (no publication date, say)."""

    resolved_start: str | None
    resolved_end: str | None
    unresolved_reason: str | None


@dataclass(frozen=True, slots=True)
class Comparison(Span):
    """A comparison a reader should check: ``kind`` is superlative, record, increase,
    decrease, doubled/tripled/halved..., or comparative; ``baseline`` is what it is
    measured against ("since the beginning of the conflict"), when stated."""

    kind: str
    baseline: str | None = None


@dataclass(frozen=True, slots=True)
class Forecast(Span):
    """A statement about the future made as fact; ``cue`` is the word that makes it one."""

    cue: str


@dataclass(frozen=True, slots=True)
class NumberMention(Span):
    """One number and what it means. ``bound`` is exact, lower, upper, approximate or
    range; ``kind`` is count, money, percent, percentage_points, ratio, age, duration,
    measure, score, year, date, time, ordinal, multiplier or part_of_name (a number that
    names rather than counts: "9/11", "World War Three"; value None). ``unit`` is what a
    count, ordinal or ratio counts (its noun, as written), or the unit of the others
    (currency, "percent", "year" of an age, "month" of a duration, "mile"); a decade or a
    score keeps its two ends in ``low``/``high``. ``unit_inferred`` is True when ``unit``
    came from elsewhere in the text (another number's noun, or the article), not the
    number's own phrase."""

    value: float | None
    low: float | None
    high: float | None
    bound: str
    hedge: str | None
    unit: str | None
    period: Period | None
    place: str | None
    comparison: str | None
    kind: str
    unit_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """One attribution: ``content`` is what was said, ``cue`` the words that report it
    ("said", "according to"), ``speaker`` the words naming who said it.

    ``start``/``end`` cover all three. ``kind`` is ``direct`` (the content is quoted
    verbatim), ``indirect`` (reported in the writer's words) or ``mixed`` (reported, with a
    quoted stretch inside). ``speaker_name`` is the person or organisation the speaker
    resolves to ("He" -> "Igor Lutsenko"); ``speaker_description`` what an apposition says
    about them ("a former Ukrainian deputy ...").

    ``speaker_kind`` is what the speaker is (named_person, named_organization, document,
    vague, or none: words that name no source, a vague speaker the source detector
    rejects, a speaker left unresolved; None when no speaker is stated). ``resolved_to``
    is the naming a pronoun, surname or description was resolved to ("Igor Lutsenko"
    where the text introduced him). When the text does not let a careful reader decide
    whom "he" means, ``speaker_kind`` is none, ``speaker_name`` None and ``candidates``
    lists the names it could be.
    """

    kind: str
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_name: str | None = None
    speaker_description: str | None = None
    speaker_kind: str | None = None
    resolved_to: Span | None = None
    candidates: tuple[str, ...] = ()


SOURCE_KINDS: tuple[str, ...] = ("named_person", "named_organization", "document", "vague",
                                 "none")


@dataclass(frozen=True, slots=True)
class SourceRef(Span):
    """Who stands behind one sentence. ``kind`` is named_person, named_organization,
    document, vague or none.

    The span is the words that name the source ("Igor Lutsenko", "He", "Western media",
    "official data"); for ``none`` it is the whole sentence, since nothing names a source,
    or a quote's speaker that names none ("gunshot wounds", the writer's "I", an unresolved
    "he"). ``name`` is the resolved person or organisation, for the two named kinds only;
    ``resolved_to`` the naming it was resolved to, and ``candidates`` the names an
    unresolved "he" or "the board" could mean (then ``kind`` is none and ``name`` None).
    """

    kind: str
    name: str | None = None
    resolved_to: Span | None = None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim(Span):
    """A sentence worth checking: ``score`` is the model's check-worthiness in [0, 1];
    ``reason`` is ``check-worthy`` (the score reached the calibrated threshold),
    ``forecast`` (below it, but the sentence forecasts a quantity as fact) or ``figure``
    (below it, but the sentence states a figure, what it counts and its date or place,
    the kind of value the corpus ledger compares). ``numbers``,
    ``comparisons`` and ``forecasts`` spell out what it asserts; ``source`` is who it is
    attributed to (kind ``none`` when nobody)."""

    score: float
    source: SourceRef
    numbers: list[NumberMention] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    forecasts: list[Forecast] = field(default_factory=list)
    reason: str = "check-worthy"


@dataclass(frozen=True, slots=True)
class Sourcing:
    """How well the article's claims are sourced: ``named_share`` is the share of claims
    with a named person or organisation behind them; ``vague`` the vague sources' words."""

    claims: int
    named_share: float
    counts: dict[str, int]
    named: list[str]
    vague: list[str]


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
    # Article-level signal of the techniques stage (None when it did not run): spans
    # shown per 1,000 words at the setting used (``technique_setting``, "precision" or
    # "recall"), and the calibrated probability that annotators would find the article
    # denser in techniques than the median training article (docs/techniques-model.md).
    technique_setting: str | None = None
    technique_density: float | None = None
    persuasion_score: float | None = None
    quotes: list[Quote] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sourcing: Sourcing | None = None
    notes: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    # The spaCy parse of ``kept_text()``, shared by the stages after nlp so the text is
    # parsed once; the pipeline drops it before an analysis leaves, and it is never output.
    doc: Any = field(default=None, repr=False, compare=False, metadata={"transient": True})
    # ``kept_text()`` read in context by the encode stage (``models.encoder.EncodedText``),
    # for every model that reads token states; dropped with ``doc``.
    token_states: Any = field(default=None, repr=False, compare=False,
                              metadata={"transient": True})
    # One source per sentence of ``sentences`` (kind ``none`` included), from the sources
    # stage, for the stages that attribute claims and sum up the sourcing; dropped with
    # ``doc``.
    attributions: list[SourceRef] | None = field(default=None, repr=False, compare=False,
                                                 metadata={"transient": True})
    # MiniLM sentence embeddings of ``claims`` (float32, n x 384, unit rows, same order),
    # made when ``Options.claim_vectors`` is on; the corpus stores them for claim matching.
    # Never in the JSON (too large to read), but kept when an analysis crosses processes.
    claim_vectors: Any = field(default=None, repr=False, compare=False,
                               metadata={"transient": True})

    @classmethod
    def from_article(cls, article: Article) -> Analysis:
        return cls(
            source=article.source,
            text=article.text,
            metadata=dataclasses.replace(article.metadata),
            format=article.format,
            removed=list(article.removed),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """The analysis ``to_dict`` made ``data`` from: ``from_dict(a.to_dict()) == a``.

        For analyses made elsewhere (on a Ray worker, say) and sent as JSON. ``counts`` is
        derived and ``schema_version`` is ``ANALYSIS_SCHEMA_VERSION``'s, so both are ignored; the
        transient fields (``doc``, ``token_states``, ``claim_vectors``) are not in the JSON
        and stay None.

        Raises:
            ValueError: a field this version does not know (the JSON was made by a newer
                unspin), a required one missing, or a value of the wrong shape.
        """
        fields = {k: v for k, v in data.items() if k not in ("schema_version", "counts")}
        return _build(cls, fields, "analysis")

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
        data = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)
                if not f.metadata.get("transient")}
        data["source"] = {k: v for k, v in data["source"].items() if v is not None}
        return {"schema_version": ANALYSIS_SCHEMA_VERSION, **data, "counts": self.counts()}

    def to_json(self) -> str:
        """``to_dict()`` as compact JSON, non-ASCII characters kept.

        orjson writes the dataclasses as they are, three to four times faster than
        ``json.dumps(self.to_dict())``, which matters when the corpus stores a thousand
        analyses a second. Text orjson refuses (a lone surrogate from a badly decoded
        page, an integer past 64 bits) goes through ``json`` instead.
        """
        data: dict[str, Any] = {"schema_version": ANALYSIS_SCHEMA_VERSION}
        data.update((f.name, getattr(self, f.name)) for f in dataclasses.fields(self)
                    if not f.metadata.get("transient"))
        data["source"] = {k: v for k, v in _plain(self.source).items() if v is not None}
        data["counts"] = self.counts()
        try:
            return orjson.dumps(data).decode()
        except (orjson.JSONEncodeError, UnicodeDecodeError):
            return json.dumps(self.to_dict(), ensure_ascii=False)

    def counts(self) -> dict[str, int]:
        """Characters, removed characters, and the length of every list of findings."""
        counts = {
            "characters": len(self.text),
            "removed_characters": sum(r.end - r.start for r in self.removed),
        }
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list) and f.name not in ("notes", "stages") \
                    and not f.metadata.get("transient"):
                counts[f.name] = len(value)
        return counts


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: the ``article`` read from it, the ``analysis`` made of it,
    or the ``error`` that stopped it. ``input`` names the input in messages (a path, a URL,
    ``FILE#N`` for an article inside a feed, JSON Lines or WARC file)."""

    input: str
    article: Article | None = None
    analysis: Analysis | None = None
    error: UnspinError | None = None

    @property
    def message(self) -> str:
        """The error as one line that names the input once."""
        text = str(self.error)
        return text if text.startswith(self.input) else f"{self.input}: {text}"


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes, without its deep copies of immutable values:
    about four times faster on a whole analysis, which matters when the corpus stores
    thousands a second. Dataclasses become dicts, lists and dicts are rebuilt; strings,
    numbers, booleans and None are shared."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


_T = TypeVar("_T")


def _build(cls: type[_T], data: Any, where: str) -> _T:
    """A dataclass from the plain dict ``dataclasses.asdict`` made, by its type hints."""
    if not isinstance(data, dict):
        raise ValueError(  # noqa: TRY004 - every bad shape is a ValueError to callers
            f"{where}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)  # type: ignore[arg-type]
             if not f.metadata.get("transient")}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"{where}: unknown field {unknown[0]!r} (made by a newer unspin?)")
    try:
        return cls(**{name: _value(hints[name], value, f"{where}.{name}")
                      for name, value in data.items()})
    except TypeError as error:  # a required field missing
        raise ValueError(f"{where}: {error}") from None


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's fields' types, resolved once (the annotations are strings here)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _value(kind: Any, value: Any, where: str) -> Any:
    """``value`` as type ``kind``: dataclasses rebuilt, lists item by item, ``X | None``
    as X unless None; anything else (str, int, float, dict) is kept as JSON gave it."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return _value(inner, value, where)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_value(item, v, f"{where}[{n}]") for n, v in enumerate(value)]
    if origin is tuple:  # tuple[X, ...]: hashable lists in frozen findings
        item = typing.get_args(kind)[0]
        return tuple(_value(item, v, f"{where}[{n}]") for n, v in enumerate(value))
    if dataclasses.is_dataclass(kind):
        return _build(kind, value, where)  # type: ignore[arg-type]
    return value
