"""Score who unspin says is cited, of what kind, and whom a pronoun means, on our own set.

The set lives in ``tests/data/attribution/`` and is described, with the annotation
guidelines, in docs/attribution-guidelines.md: every attribution relation of a set of
PolNeAR train/dev articles (PolNeAR's spans, our labels) and of small hand-written articles
that rebuild the cases of issue 14. Each relation's source carries a *form* (``name``,
``surname``, ``pronoun``, ``description``, ``vague``, ``document``, ``none``), the *entity*
it resolves to (a canonical name, ``"unresolved"``, or none) and that entity's *kind*
(``person``, ``organization``, ``document``, ``vague``, or none: not a source).

Matching rules
--------------
* **Gold mentions.** Relations that share a source span are one mention (a prediction is a
  mention, so a source cited twice is scored once). A relation without a source span whose
  holder the annotator judged vague ("is expected to", "is known for") is an *implicit*
  vague mention, located at its cue.
* **Predictions.** Every quote speaker, with the kind and name the sources stage gives it
  (``none`` for a speaker it reports no source for, unresolved pronouns and descriptions
  among them), and every source the sources stage reports; one per span
  (``predictions_from``).
* **Match.** A prediction matches the mention whose source span it shares most characters
  with (ties: the earlier); failing any, the implicit mention whose cue it overlaps;
  failing that, nothing ("no gold source": a fragment, a dateline, a missed relation).
* **Names.** A predicted name is right when, lower-cased, without a leading "the", a
  possessive "'s" and punctuation, it equals the gold entity's canonical name or one of the
  aliases the annotator listed for it (only names that are unambiguous in that article).

Figures (``Report``)
--------------------
* **Vague precision**: vague predictions whose match is a vague mention, explicit or
  implicit, over all vague predictions. **Vague recall**: explicit vague mentions matched
  by at least one vague prediction, over all explicit vague mentions (implicit ones are
  counted apart: a source-less passive is a harder, different task).
* **Resolution**: mentions whose form is pronoun, surname or description and whose entity
  is a person or an organisation, or "unresolved". A mention is *found* when a prediction
  matches it; its outcome is read from the matching prediction (one that names someone
  first): *correct* (the name is right, or the gold says unresolved and no name is given),
  *unresolved* (no name where the gold has one) or *wrong*. Accuracy is correct over
  found; the unresolved rate is unresolved over found; coverage is found over all.
* **Named precision**: ``named_person`` / ``named_organization`` predictions whose match is
  a person / an organisation and whose name is right (for an ``"unresolved"`` gold, no
  name is the right one, as for resolution), over all such predictions.
* **Confusion**: for each mention, the kind of its first matching prediction or
  ``missed``; for each unmatched prediction, the row ``no gold source``.
* **Datelines**: predicted sources or quote contents that overlap a wire dateline.

Scoring is a pure function of gold articles and predicted spans (``score_article``), so it
is tested without models; ``predict`` runs unspin to get the spans.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Analysis, Span
from ..errors import InputError
from .resampling import resampled_interval

Chars = tuple[int, int]
FORMS = ("name", "surname", "pronoun", "description", "vague", "document", "none")
KINDS = ("person", "organization", "document", "vague")
# ``none`` is a quote's speaker unspin reports no source for: words that are no source, the
# writer's own "I", or a pronoun / description left unresolved (kept so that resolution
# counts it as found and unresolved, as it did when such a speaker was named_person).
PREDICTED_KINDS = ("named_person", "named_organization", "document", "vague", "none")
RESOLVED_FORMS = ("pronoun", "surname", "description")
UNRESOLVED = "unresolved"
# The parts of the set (docs/attribution-guidelines.md, sections 12, 14, 15, 16 and 17): the articles
# the stages were tuned on; those held back before the tuning of issue 14 (PolNeAR dev and five
# hand-written ones drawn with random.Random(14).sample); those labelled blind afterwards,
# marked by ``"part": "new-held-back"`` in their article record (read for an error analysis,
# and tuned on since: section 15); and a third part labelled blind before that tuning,
# ``"part": "third-held-back"``, which the benchmark leaves out unless asked to score it (scored
# once, at the end of section 15); and a fourth part labelled blind after that scoring,
# ``"part": "fourth-held-back"``, which the benchmark leaves out likewise unless asked; and a
# fifth part labelled blind for the vague class, ``"part": "fifth-held-back"``, left out likewise;
# and a sixth part labelled blind from a pool kept out of a model's training (section 18),
# ``"part": "sixth-held-back"``, left out likewise; and a seventh part drawn from the rest of
# that pool and labelled blind (section 21), ``"part": "seventh-held-back"``, left out likewise.
DEVELOPMENT = "development"
OLD_HELD_BACK = "held-back"
NEW_HELD_BACK = "new-held-back"
THIRD_HELD_BACK = "third-held-back"
FOURTH_HELD_BACK = "fourth-held-back"
FIFTH_HELD_BACK = "fifth-held-back"
SIXTH_HELD_BACK = "sixth-held-back"
SEVENTH_HELD_BACK = "seventh-held-back"
NAMED_PARTS = (NEW_HELD_BACK, THIRD_HELD_BACK, FOURTH_HELD_BACK, FIFTH_HELD_BACK, SIXTH_HELD_BACK,
               SEVENTH_HELD_BACK)
FIRST_HELD_BACK_HANDMADE = frozenset({"dateline-ap", "dateline-london", "gender-pronouns",
                                      "org-administration", "surnames"})
NO_GOLD = "no gold source"
NOT_A_SOURCE = "not a source"
# The stages the attribution layer needs: no techniques tagger, no claims.
STAGES = ("unspin.clean.v1", "unspin.parts.v1", "unspin.language.v1", "unspin.nlp.v1",
          "unspin.encode.v1", "unspin.quotes.v1", "unspin.sources.v1")
_NAMED_KIND = {"named_person": "person", "named_organization": "organization"}


# --- the gold set -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    """Whom or what a source resolves to, with the other names the article uses for it."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution relation and the annotator's judgement of its source."""

    id: str
    source: tuple[Chars, ...]
    source_text: str
    cue: tuple[Chars, ...]
    content: tuple[Chars, ...]
    form: str
    entity: str | None
    kind: str | None
    candidates: tuple[str, ...] = ()
    origin: str = "polnear"


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline ("WASHINGTON (AP) —"): never a source, speaker or quoted content."""

    start: int
    end: int
    place: str
    agency: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One labelled article. ``part`` is the article record's ``part`` ("" when absent): it
    marks articles added later as a held-back part of their own (``NAMED_PARTS``), so
    figures on them can be kept apart from those of the articles the stages were tuned on."""

    name: str
    split: str
    text: str
    entities: Mapping[str, Entity]
    relations: tuple[Relation, ...]
    datelines: tuple[Dateline, ...] = ()
    part: str = ""


def load_set(data_dir: Path, polnear_root: Path | None = None) -> list[GoldArticle]:
    """The hand-written articles, then the PolNeAR ones when ``polnear_root`` is given.

    Raises ``InputError`` for a label file that is not as docs/attribution-guidelines.md
    describes, or a PolNeAR text that is missing.
    """
    articles = [_load_file(p, p.with_suffix(".txt"))
                for p in sorted((data_dir / "handmade").glob("*.jsonl"))]
    if polnear_root is not None:
        for path in sorted((data_dir / "polnear").glob("*.jsonl")):
            split = _header(path).get("split", "")
            articles.append(_load_file(path, polnear_root / split / "text" / f"{path.stem}.txt"))
    return articles


def part_of(article: GoldArticle) -> str:
    """Which part of the set an article is in: ``DEVELOPMENT``, ``OLD_HELD_BACK``,
    ``NEW_HELD_BACK``, ``THIRD_HELD_BACK``, ``FOURTH_HELD_BACK``, ``FIFTH_HELD_BACK``,
    ``SIXTH_HELD_BACK`` or ``SEVENTH_HELD_BACK``."""
    if article.part in NAMED_PARTS:
        return article.part
    if article.split == "dev" or article.name in FIRST_HELD_BACK_HANDMADE:
        return OLD_HELD_BACK
    return DEVELOPMENT


def _header(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as lines:
        first: dict[str, Any] = json.loads(next(lines))
    return first


def _load_file(path: Path, text_path: Path) -> GoldArticle:
    if not text_path.is_file():
        raise InputError(f"{path.name}: its article text {text_path} is missing")
    records = [_record(path, n, line) for n, line in
               enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    header = records[0] if records else {}
    if header.get("record") != "article":
        raise InputError(f"{path.name}: the first line must be the article record")
    if header.get("part", NEW_HELD_BACK) not in NAMED_PARTS:
        raise InputError(f"{path.name}: the article record's part is {header['part']!r}; "
                         f"the parts a file may name are {', '.join(map(repr, NAMED_PARTS))}")
    try:
        return GoldArticle(
            name=header["name"], split=header["split"],
            text=text_path.read_text(encoding="utf-8"),
            entities={r["name"]: Entity(r["name"], r["kind"], tuple(r["aliases"]))
                      for r in records if r["record"] == "entity"},
            relations=tuple(_relation(r) for r in records if r["record"] == "relation"),
            datelines=tuple(Dateline(d["span"][0], d["span"][1], d["place"], d["agency"])
                            for d in header.get("datelines", [])),
            part=str(header.get("part", "")))
    except (KeyError, TypeError) as error:
        raise InputError(f"{path.name}: a record lacks the field {error}; "
                         "see docs/attribution-guidelines.md") from error


def _record(path: Path, number: int, line: str) -> dict[str, Any]:
    try:
        record: dict[str, Any] = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{path.name}: line {number} is not JSON ({error.msg})") from error
    return record


def _spans(pairs: Iterable[Sequence[int]]) -> tuple[Chars, ...]:
    return tuple((int(s), int(e)) for s, e in pairs)


def _relation(record: dict[str, Any]) -> Relation:
    return Relation(
        id=record["id"], source=_spans(record["source"]), source_text=record["source_text"],
        cue=_spans(record["cue"]), content=_spans(record["content"]), form=record["form"],
        entity=record["entity"], kind=record["kind"],
        candidates=tuple(record.get("candidates", ())), origin=record["origin"])


def problems(article: GoldArticle) -> list[str]:
    """What is wrong with an article's labels: the checks the tests run on every file."""
    out = []
    for r in article.relations:
        where = f"{article.name} {r.id}"
        text = " … ".join(article.text[s:e] for s, e in r.source)
        if text != r.source_text:
            out.append(f"{where}: source_text {r.source_text!r} is {text!r} in the article")
        if any(not 0 <= s < e <= len(article.text) for s, e in (*r.source, *r.cue, *r.content)):
            out.append(f"{where}: a span lies outside the text")
        out += [f"{where}: {m}" for m in _label_problems(article, r)]
    return out + _disagreements(article)


def _label_problems(article: GoldArticle, r: Relation) -> list[str]:
    out = []
    if r.form not in FORMS or (r.kind is not None and r.kind not in KINDS):
        out.append(f"form {r.form!r} or kind {r.kind!r} is not one of {FORMS} / {KINDS}")
    if (r.form == "none") == bool(r.source):
        out.append("form 'none' goes with an empty source span, and only with one")
    if r.entity == UNRESOLVED:
        if len(r.candidates) < 2 or any(c not in article.entities for c in r.candidates):
            out.append("an unresolved source needs two or more candidates from the entities")
    elif r.entity is not None:
        entity = article.entities.get(r.entity)
        if entity is None or entity.kind != r.kind:
            out.append(f"entity {r.entity!r} is not in the entity table with kind {r.kind!r}")
    elif r.kind not in (None, "vague"):
        out.append(f"kind {r.kind!r} needs an entity")
    if r.form == "vague" and (r.kind != "vague" or r.entity is not None):
        out.append("a vague form has kind vague and no entity")
    return out


def _disagreements(article: GoldArticle) -> list[str]:
    """Relations that share a source span must say the same about it."""
    seen: dict[tuple[Chars, ...], Relation] = {}
    out = []
    for r in article.relations:
        first = seen.setdefault(r.source, r)
        if r.source and (first.form, first.entity, first.kind) != (r.form, r.entity, r.kind):
            out.append(f"{article.name} {first.id} and {r.id} share a source span but not labels")
    return out


# --- predictions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PredictedSource:
    """A source unspin reports: its span, kind (``PREDICTED_KINDS``) and resolved name."""

    start: int
    end: int
    text: str
    kind: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Predicted:
    """What unspin found in one article: sources and the spans of quoted contents."""

    sources: tuple[PredictedSource, ...]
    contents: tuple[Chars, ...] = ()


def predictions_from(analysis: Analysis) -> Predicted:
    """Every quote speaker (kind and name as the sources stage gives them) and every source.

    A sentence's ``SourceRef`` covers only its main quote, so each speaker is attributed on
    its own, through the stage's public ``attribute``, with the detector's token
    probabilities computed once for the article rather than once a quote.
    """
    from ..resolve.detected import source_probabilities
    from ..stages.sources import attribute

    probabilities = source_probabilities(analysis)
    found: dict[Chars, PredictedSource] = {}
    for quote in analysis.quotes:
        if quote.speaker is not None and quote.speaker_kind == "none":
            s = quote.speaker
            found.setdefault((s.start, s.end), PredictedSource(s.start, s.end, s.text, "none"))
        elif quote.speaker is not None:
            ref = attribute(analysis, Span(quote.start, quote.end, quote.text), [quote],
                            probabilities)
            found.setdefault((ref.start, ref.end),
                             PredictedSource(ref.start, ref.end, ref.text, ref.kind, ref.name))
    for ref in analysis.sources:
        found.setdefault((ref.start, ref.end),
                         PredictedSource(ref.start, ref.end, ref.text, ref.kind, ref.name))
    sources = tuple(p for p in found.values() if p.kind in PREDICTED_KINDS)
    return Predicted(sources, tuple((q.content.start, q.content.end) for q in analysis.quotes))


def predict(articles: Sequence[GoldArticle]) -> dict[str, Predicted]:
    """Run unspin through the sources stage on every article (loads spaCy once)."""
    from .. import analyze
    from ..document import Article, Source

    return {a.name: predictions_from(analyze(Article(Source(path=a.name), a.text),
                                             stages=STAGES))
            for a in articles}


def read_before_sources(name: str, text: str) -> Analysis:
    """An article through every stage of ``STAGES`` before the sources stage, run by hand:
    ``analyze`` drops the transient fields (the parse, the token states) the sources stage
    reads, which the benchmarks that run that stage under other settings need."""
    from ..document import Article, Source

    analysis = Analysis.from_article(Article(Source(path=name), text))
    for stage in _stages_before_sources():
        analysis = stage(analysis)
    return analysis


@functools.cache
def _stages_before_sources() -> tuple[Callable[[Analysis], Analysis], ...]:
    """The stages before the sources stage, built once (the encoder loads once)."""
    from ..stages.clean import CleanStage
    from ..stages.encode import EncodeStage
    from ..stages.language import LanguageStage
    from ..stages.nlp import NlpStage
    from ..stages.parts import PartsStage
    from ..stages.quotes import QuotesStage

    return (CleanStage(), PartsStage(), LanguageStage(), NlpStage(), EncodeStage(),
            QuotesStage())


# --- scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """A gold source as scored: one span, shared by the relations that cite it."""

    spans: tuple[Chars, ...]
    text: str
    form: str
    entity: str | None
    kind: str | None
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class ScoringError:
    """One miss, for development: which figure it hurts and why."""

    article: str
    figure: str
    reason: str
    start: int
    gold: str
    predicted: str


@dataclass(slots=True)
class Report:
    """Counts behind the figures; reports of several articles add up."""

    counts: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    resolution: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[ScoringError] = field(default_factory=list)

    def __add__(self, other: Report) -> Report:
        return Report(self.counts + other.counts, self.confusion + other.confusion,
                      self.resolution + other.resolution, self.errors + other.errors)

    def ratio(self, hits: str, total: str) -> float | None:
        """``counts[hits] / counts[total]``, or None when nothing was counted."""
        return self.counts[hits] / self.counts[total] if self.counts[total] else None

    def figures(self) -> dict[str, float | None]:
        """The headline figures of issue 14, by name (None where the set has no case)."""
        return {
            "vague_precision": self.ratio("vague_flags_right", "vague_flags"),
            "vague_recall": self.ratio("vague_found", "vague_gold"),
            "implicit_vague_recall": self.ratio("implicit_vague_found", "implicit_vague_gold"),
            "resolution_accuracy": self.ratio("resolution_correct", "resolution_found"),
            "unresolved_rate": self.ratio("resolution_unresolved", "resolution_found"),
            "resolution_coverage": self.ratio("resolution_found", "resolution_gold"),
            "named_precision": self.ratio("named_right", "named"),
        }


def mentions(article: GoldArticle) -> list[Mention]:
    """The article's gold mentions: one per source span, then implicit vague holders."""
    by_span: dict[tuple[Chars, ...], Mention] = {}
    implicit = []
    for r in article.relations:
        if r.source:
            by_span.setdefault(r.source, Mention(r.source, r.source_text, r.form, r.entity, r.kind))
        elif r.kind == "vague":
            cue = " ".join(article.text[s:e] for s, e in r.cue)
            implicit.append(Mention(r.cue, cue, r.form, None, "vague", implicit=True))
    return [*by_span.values(), *implicit]


def normalise_name(name: str) -> str:
    """A name as compared: lower case, no leading "the", possessive or punctuation."""
    text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    words = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", re.sub(r"'s\b", "", text))
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def name_is_right(name: str | None, entity: str | None, article: GoldArticle) -> bool:
    """Whether a predicted name is the gold entity's name or one of its aliases; the
    people of a pair or list are compared as a set ("Nancy Foner and Richard Alba" is
    the entity "Richard Alba and Nancy Foner")."""
    known = article.entities.get(entity or "")
    if name is None or known is None:
        return False
    return _members(name) in {_members(n) for n in (known.name, *known.aliases)}


def _members(name: str) -> frozenset[str]:
    """The normalised names a name joins with "and" or "&" (one for a single name)."""
    return frozenset(re.split(r"\s+(?:and|&)\s+", normalise_name(name.replace("&", " and "))))


def _overlap(span: Chars, spans: Iterable[Chars]) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)


def match(prediction: PredictedSource, gold: Sequence[Mention]) -> Mention | None:
    """The mention a prediction stands for: the rules in the module docstring."""
    span = (prediction.start, prediction.end)
    for pool in ([m for m in gold if not m.implicit], [m for m in gold if m.implicit]):
        best = max(pool, key=lambda m: _overlap(span, m.spans), default=None)
        if best is not None and _overlap(span, best.spans) > 0:
            return best
    return None


def score_article(article: GoldArticle, predicted: Predicted) -> Report:
    """Every figure's counts for one article (pure: no models)."""
    gold = mentions(article)
    matched: dict[Mention, list[PredictedSource]] = {m: [] for m in gold}
    report = Report()
    for p in predicted.sources:
        m = match(p, gold)
        if m is None:
            report.confusion[NO_GOLD, p.kind] += 1
        else:
            matched[m].append(p)
        _score_vague_flag(report, article, p, m)
        _score_named(report, article, p, m)
    for m, preds in matched.items():
        report.confusion[_row(m), preds[0].kind if preds else "missed"] += 1
        _score_vague_recall(report, article, m, preds)
        if m.form in RESOLVED_FORMS and (m.kind in ("person", "organization")
                                         or m.entity == UNRESOLVED):
            _score_resolution(report, article, m, preds)
    _score_datelines(report, article, predicted)
    return report


def _row(m: Mention) -> str:
    if m.implicit:
        return "implicit vague"
    return m.kind or NOT_A_SOURCE


def _error(report: Report, article: GoldArticle, figure: str, reason: str,
           m: Mention | None, p: PredictedSource | None) -> None:
    start = m.spans[0][0] if m else p.start if p else 0
    gold = f"{m.text!r} ({m.form}, {m.entity or m.kind or NOT_A_SOURCE})" if m else NO_GOLD
    said = f"{p.text!r} ({p.kind}, {p.name})" if p else "nothing"
    report.errors.append(ScoringError(article.name, figure, reason, start, gold, said))


def _dateline_error(report: Report, article: GoldArticle, reason: str, span: Chars) -> None:
    said = repr(article.text[span[0]:min(span[1], span[0] + 60)])
    report.errors.append(ScoringError(article.name, "dateline", reason, span[0], NO_GOLD, said))


def _score_vague_flag(report: Report, article: GoldArticle, p: PredictedSource,
                      m: Mention | None) -> None:
    if p.kind != "vague":
        return
    report.counts["vague_flags"] += 1
    if m is not None and m.kind == "vague":
        report.counts["vague_flags_right"] += 1
        return
    reason = NO_GOLD if m is None else f"gold is {m.form} / {m.kind or NOT_A_SOURCE}"
    _error(report, article, "vague precision", reason, m, p)


def _score_vague_recall(report: Report, article: GoldArticle, m: Mention,
                        preds: list[PredictedSource]) -> None:
    if m.kind != "vague":
        return
    key = "implicit_vague" if m.implicit else "vague"
    report.counts[f"{key}_gold"] += 1
    if any(p.kind == "vague" for p in preds):
        report.counts[f"{key}_found"] += 1
    elif not m.implicit:
        reason = "missed" if not preds else f"said {preds[0].kind}"
        _error(report, article, "vague recall", reason, m, preds[0] if preds else None)


def _score_named(report: Report, article: GoldArticle, p: PredictedSource,
                 m: Mention | None) -> None:
    if p.kind not in _NAMED_KIND:
        return
    report.counts["named"] += 1
    if m is None:
        reason = NO_GOLD
    elif m.kind != _NAMED_KIND[p.kind]:
        reason = f"gold is {m.form} / {m.kind or NOT_A_SOURCE}"
    elif m.entity == UNRESOLVED and p.name is None:  # the right answer is to name no one
        report.counts["named_right"] += 1
        return
    elif not name_is_right(p.name, m.entity, article):
        reason = "wrong name"
    else:
        report.counts["named_right"] += 1
        return
    _error(report, article, "named precision", reason, m, p)


def _score_resolution(report: Report, article: GoldArticle, m: Mention,
                      preds: list[PredictedSource]) -> None:
    report.counts["resolution_gold"] += 1
    if not preds:
        report.resolution[m.form, "missed"] += 1
        return
    p = next((q for q in preds if q.name), preds[0])
    if m.entity == UNRESOLVED:  # the right answer is to name no one
        outcome = "correct" if p.name is None else "wrong"
    elif p.name is None:
        outcome = "unresolved"
    else:
        outcome = "correct" if name_is_right(p.name, m.entity, article) else "wrong"
    report.counts["resolution_found"] += 1
    report.counts[f"resolution_{outcome}"] += 1
    report.resolution[m.form, outcome] += 1
    if outcome != "correct":
        _error(report, article, "resolution", outcome, m, p)


def _score_datelines(report: Report, article: GoldArticle, predicted: Predicted) -> None:
    spans = [(d.start, d.end) for d in article.datelines]
    report.counts["datelines"] += len(spans)
    for p in predicted.sources:
        if _overlap((p.start, p.end), spans):
            report.counts["dateline_sources"] += 1
            _dateline_error(report, article, "a dateline as source", (p.start, p.end))
    for content in predicted.contents:
        if _overlap(content, spans):
            report.counts["dateline_contents"] += 1
            _dateline_error(report, article, "a dateline inside quoted content", content)


def score(articles: Sequence[GoldArticle], predicted: Mapping[str, Predicted]) -> Report:
    """The pooled report of all articles (an article with no predictions scores as such)."""
    return sum((score_article(a, predicted.get(a.name, Predicted(()))) for a in articles),
               Report())


def bootstrap(reports: Sequence[Report], figure: str, *, samples: int = 1000,
              seed: int = 0) -> tuple[float, float] | None:
    """A 95% interval for one of ``Report.figures`` by resampling whole articles.

    Articles, not mentions, are resampled because mentions of one article are not
    independent (one misread pronoun chain costs several). None when the figure is
    undefined in every resample.
    """
    return resampled_interval(
        reports, lambda drawn: sum(drawn, Report()).figures()[figure], samples=samples, seed=seed)


__all__ = ["FORMS", "KINDS", "PREDICTED_KINDS", "STAGES", "Dateline", "Entity", "GoldArticle",
           "Mention", "Predicted", "PredictedSource", "Relation", "Report", "ScoringError",
           "bootstrap", "load_set", "match", "mentions", "name_is_right", "normalise_name",
           "predict", "predictions_from", "problems", "read_before_sources", "score", "score_article"]
