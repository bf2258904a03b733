"""Every finding of a stored analysis as the article page shows it: an id, where it is,
its highlight classes, and what it says of itself in plain words.

The words come from ``report.wording`` (the reports say it the same way) and
``glossary`` (what a technique is); fields this module does not know, such as those a
newer stage adds to a quote or a technique span, are listed as they are under "more", so
they show without a change here. Nothing is escaped here: the templates escape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..document import Analysis, Claim, NumberMention, Quote, SourceRef
from ..glossary import TECHNIQUES, explain
from ..report import wording

# Layers in the order the page draws and lists them, with the finding id's prefix.
PREFIXES = {"removed": "r", "parts": "p", "techniques": "t", "claims": "c", "quotes": "q",
            "sources": "s", "entities": "e"}
# Fields every finding of a layer has; the rest are shown as they are under "more".
_KNOWN = {"start", "end", "text"}
_KNOWN_BY_LAYER = {
    "removed": {"kind", "rule"}, "parts": {"kind"}, "entities": {"label"},
    "techniques": {"technique", "score"},
    # A resolved speaker or source and its candidates are in the words ``wording`` gives.
    "sources": {"kind", "name", "resolved_to", "candidates"},
    "quotes": {"kind", "content", "cue", "speaker", "speaker_name", "speaker_description",
               "speaker_kind", "resolved_to", "candidates"},
    "claims": {"score", "source", "numbers", "comparisons", "forecasts", "reason"},
}
_SOURCE_CLASSES = {"vague": "src-vague", "named_person": "src-named",
                   "named_organization": "src-named", "document": "src-document"}
# Entity labels a reader cares about in the text; the rest (dates, numbers) are listed only.
SHOWN_ENTITIES = ("PERSON", "ORG", "GPE", "NORP", "LOC")
TECHNIQUE_NAMES = tuple(TECHNIQUES)


@dataclass(slots=True)
class Mark:
    """A stretch of the text to draw with ``classes``; ``finding`` is the id of the finding
    it belongs to ("" for a mark that is only a style, such as a quote's cue)."""

    start: int
    end: int
    classes: tuple[str, ...]
    finding: str = ""


@dataclass(slots=True)
class Finding:
    """One finding as the page lists and explains it."""

    id: str
    layer: str
    ord: int
    start: int
    end: int
    text: str
    title: str
    lines: list[str] = field(default_factory=list)
    more: list[tuple[str, str]] = field(default_factory=list)
    label: str | None = None
    wrong: list[dict[str, Any]] = field(default_factory=list)

    @property
    def tabbable(self) -> bool:
        """Whether its highlight takes keyboard focus (entities are many: listed only)."""
        return self.layer != "entities"


@dataclass(slots=True)
class Page:
    """What the article page draws: findings by layer, and the marks to highlight."""

    findings: dict[str, list[Finding]]
    marks: list[Mark]
    missed: list[Finding]

    def by_id(self) -> dict[str, Finding]:
        found = {f.id: f for layer in self.findings.values() for f in layer}
        found.update((f.id, f) for f in self.missed)
        return found


def technique_class(name: str) -> str:
    """The CSS class of a technique's colour: ``tq-N`` by its place in the glossary."""
    return f"tq-{TECHNIQUE_NAMES.index(name)}" if name in TECHNIQUE_NAMES else "tq-x"


def page(analysis: Analysis, data: dict[str, Any], corrections: Iterable[dict[str, Any]]
         ) -> Page:
    """The findings and marks of one analysis; ``data`` is its JSON form (for fields the
    dataclasses may not name), ``corrections`` its readers' corrections."""
    findings: dict[str, list[Finding]] = {
        "removed": [_removed(n, r) for n, r in enumerate(data.get("removed") or [])],
        "parts": [_plain("parts", n, p, p.get("kind", "part")) for n, p in
                  enumerate(data.get("parts") or [])],
        "techniques": [_technique(n, t) for n, t in enumerate(data.get("techniques") or [])],
        "claims": [_claim(n, c, data) for n, c in enumerate(analysis.claims)],
        "quotes": _quotes(analysis, data),
        "sources": [_source(n, s, data) for n, s in enumerate(analysis.sources)],
        "entities": [_plain("entities", n, e, e.get("label", "entity"))
                     for n, e in enumerate(data.get("entities") or [])],
    }
    missed = _attach(findings, list(corrections))
    return Page(findings, _marks(findings, analysis, missed), missed)


def _more(layer: str, item: dict[str, Any]) -> list[tuple[str, str]]:
    """Fields of ``item`` this module does not know, as (name, value in words)."""
    known = _KNOWN | _KNOWN_BY_LAYER.get(layer, set())
    return [(k.replace("_", " "), _words(v)) for k, v in item.items()
            if k not in known and v not in (None, "", [], {})]


def _words(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, dict):
        shown = value.get("text") or value.get("name")
        return str(shown) if shown else ", ".join(f"{k}: {_words(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_words(v) for v in value)
    return str(value)


def _item(layer: str, ord: int, data: dict[str, Any]) -> dict[str, Any]:
    items = data.get(layer) or []
    found = items[ord] if ord < len(items) else {}
    return found if isinstance(found, dict) else {}


def _plain(layer: str, n: int, item: dict[str, Any], label: str) -> Finding:
    return Finding(f"{PREFIXES[layer]}{n}", layer, n, item["start"], item["end"], item["text"],
                   f"{layer[:-1] if layer != 'entities' else 'entity'}: {label}",
                   more=_more(layer, item), label=label)


def _removed(n: int, item: dict[str, Any]) -> Finding:
    kind = item.get("kind", "?")
    why = f"not part of the article (rule: {item.get('rule', '?')}); nothing in it is analysed"
    return Finding(f"r{n}", "removed", n, item["start"], item["end"], item["text"],
                   f"removed before analysis: {kind}", [why], _more("removed", item), kind)


def _technique(n: int, item: dict[str, Any]) -> Finding:
    name = str(item.get("technique", "?"))
    score = item.get("score")
    lines = [explain(name)]
    if isinstance(score, int | float):
        lines.append(f"model score {score:.2f}")
    return Finding(f"t{n}", "techniques", n, item["start"], item["end"], item["text"],
                   f"technique: {name.replace('_', ' ')}", lines,
                   _more("techniques", item), name)


def _claim(n: int, claim: Claim, data: dict[str, Any]) -> Finding:
    lines = [wording.claim_reason(claim), f"source: {wording.source_words(claim.source)}"]
    lines += [f"number {wording.number_words(x)}" for x in claim.numbers]
    lines += [f"comparison {wording.comparison_words(c)}" for c in claim.comparisons]
    lines += [f"forecast {wording.forecast_words(f)}" for f in claim.forecasts]
    return Finding(f"c{n}", "claims", n, claim.start, claim.end, claim.text,
                   "check-worthy claim", lines, _more("claims", _item("claims", n, data)))


def number_id(claim: int, number: int) -> str:
    return f"n{claim}-{number}"


def _number(claim: int, k: int, number: NumberMention) -> Finding:
    return Finding(number_id(claim, k), "numbers", k, number.start, number.end, number.text,
                   f"number: {wording.flat(number.text)}", [wording.number_meaning(number)])


def _quotes(analysis: Analysis, data: dict[str, Any]) -> list[Finding]:
    vague = {(s.start, s.end) for s in analysis.sources if s.kind == "vague"}
    described = wording.descriptions(analysis)
    return [_quote(n, q, data, _vague_speaker(q, vague), described)
            for n, q in enumerate(analysis.quotes)]


def _vague_speaker(quote: Quote, vague_spans: set[tuple[int, int]]) -> bool:
    """Whether the speaker is a vague source: the quote says so (schema 1.2), or, in an
    older analysis, its speaker's words are one of the vague sources."""
    if quote.speaker_kind:
        return quote.speaker_kind == "vague"
    return quote.speaker is not None and (quote.speaker.start, quote.speaker.end) in vague_spans


def _quote(n: int, quote: Quote, data: dict[str, Any], vague: bool,
           described: dict[str, str]) -> Finding:
    speaker = wording.speaker_words(quote, vague=vague)
    if quote.speaker_name and not quote.speaker_description and quote.speaker_name in described:
        speaker += f" ({described[quote.speaker_name]})"
    lines = [f"speaker: {speaker}", f"cue: {wording.cue_words(quote)}",
             f"said: “{wording.clip(quote.content.text, 300)}”"]
    return Finding(f"q{n}", "quotes", n, quote.start, quote.end, quote.text,
                   f"quote ({quote.kind})", lines, _more("quotes", _item("quotes", n, data)),
                   quote.kind)


def _source(n: int, source: SourceRef, data: dict[str, Any]) -> Finding:
    kind = source.kind
    title = {"vague": "vague source", "document": "a document as source",
             "none": "no source"}.get(kind, "named source")
    return Finding(f"s{n}", "sources", n, source.start, source.end, source.text, title,
                   [wording.source_words(source)], _more("sources", _item("sources", n, data)),
                   kind)


def _attach(findings: dict[str, list[Finding]], corrections: list[dict[str, Any]]
            ) -> list[Finding]:
    """Hang each ``wrong`` correction on its finding; return the ``missed`` ones as findings."""
    missed = []
    for c in corrections:
        if c["verdict"] == "wrong":
            layer = findings.get(c["layer"], [])
            if c["ord"] is not None and c["ord"] < len(layer):
                layer[c["ord"]].wrong.append(c)
            continue
        label = f" ({c['label'].replace('_', ' ')})" if c.get("label") else ""
        lines = [f"added by {c['author']} on {c['created_at'][:10]}"]
        if c.get("reason"):
            lines.append(f"why: {c['reason']}")
        missed.append(Finding(f"m{c['id']}", c["layer"], -1, c["start"], c["end"], c["text"],
                              f"missed {c['layer'][:-1]}{label}", lines, label=c.get("label")))
    return missed


def _marks(findings: dict[str, list[Finding]], analysis: Analysis, missed: list[Finding]
           ) -> list[Mark]:
    marks: list[Mark] = []
    for items in findings.values():
        for f in items:
            classes = _classes(f)
            if classes:
                marks.append(Mark(f.start, f.end, classes + (("wrong",) if f.wrong else ()),
                                  f.id))
    for n, claim in enumerate(analysis.claims):
        marks += [Mark(x.start, x.end, ("number",), number_id(n, k))
                  for k, x in enumerate(claim.numbers)]
    for q in analysis.quotes:
        marks.append(Mark(q.content.start, q.content.end, ("q-content",)))
        if q.cue:
            marks.append(Mark(q.cue.start, q.cue.end, ("q-cue",)))
        if q.speaker:
            marks.append(Mark(q.speaker.start, q.speaker.end, ("q-speaker",)))
    marks += [Mark(f.start, f.end, ("missed",), f.id) for f in missed]
    return marks


def _classes(f: Finding) -> tuple[str, ...]:
    if f.layer == "removed":
        return ("removed",)
    if f.layer == "parts":
        return (f"part-{f.label}",)
    if f.layer == "techniques":
        return ("tech", technique_class(f.label or ""))
    if f.layer == "claims":
        return ("claim",)
    if f.layer == "quotes":
        return ("quote",)
    if f.layer == "sources":
        css = _SOURCE_CLASSES.get(f.label or "")
        return (css,) if css else ()
    if f.layer == "entities":
        return ("ent",) if f.label in SHOWN_ENTITIES else ()
    return ()


def numbers(analysis: Analysis) -> list[Finding]:
    """Every number of every claim, as findings the tooltips can name."""
    return [_number(n, k, x) for n, c in enumerate(analysis.claims)
            for k, x in enumerate(c.numbers)]
