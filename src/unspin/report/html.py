"""A standalone HTML page: the article with its findings highlighted, then the lists.

No external assets (styles inline, no scripts from elsewhere); every character of the
article and of the findings is escaped. Findings overlap freely, so the text is cut at
every span boundary and each piece carries the classes of all spans covering it.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..document import Analysis, Claim, NumberMention, SourceRef, Span
from ..glossary import explain
from . import wording

_STYLE = """
body{font:16px/1.6 Georgia,serif;margin:0;background:#fafaf7;color:#222}
main{max-width:60rem;margin:auto;padding:1rem 2rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
a{color:#0b4f9c}nav{font:14px/1.4 system-ui,sans-serif}
.meta,.facts,ol.findings{font:14px/1.5 system-ui,sans-serif}
.meta{color:#444}.meta dt{font-weight:bold;float:left;width:6rem}.meta dd{margin-left:6rem}
.facts dt{font-weight:bold;float:left;clear:left;width:7.5rem}.facts dd{margin:0 0 .2rem 7.5rem}
.glance{font:bold 15px/1.4 system-ui,sans-serif}
.article{white-space:pre-wrap;background:#fff;padding:1rem 1.5rem;border:1px solid #ddd}
.removed{background:#eee;color:#595959;text-decoration:line-through}
.headline{font-weight:bold}.standfirst{font-style:italic}
.claim{background-color:#dce8fa}
.number{border-bottom:2px solid #0b4f9c}
.quote{text-decoration:underline 2px #2e7d32;text-underline-offset:.2em}
.speaker{font-weight:bold;color:#1b5e20}.cue{font-style:italic;color:#1b5e20}
.vague{outline:2px dashed #b3261e;outline-offset:1px}
.technique{background-image:linear-gradient(#ffe08a,#ffe08a)}
.technique.multi{background-image:linear-gradient(#ffc36b,#ffc36b)}
.entity{border-bottom:2px dotted #2a6fb0}
.anchor:target+span,.anchor:target+.anchor+span,.anchor:target+.anchor+.anchor+span,
.anchor:target+.anchor+.anchor+.anchor+span{outline:3px solid #222;outline-offset:2px}
.view>label,.view>.toggles{font:14px/2 system-ui,sans-serif}.view>label{margin-right:1rem}
.t-claim:not(:checked)~.article .claim{background-color:transparent}
.t-claim:not(:checked)~.article .number{border-bottom:0}
.t-quote:not(:checked)~.article .quote{text-decoration:none}
.t-quote:not(:checked)~.article .speaker,.t-quote:not(:checked)~.article .cue{color:inherit;
font-weight:inherit;font-style:inherit}
.t-vague:not(:checked)~.article .vague{outline:none}
.t-technique:not(:checked)~.article .technique{background-image:none}
.t-entity:not(:checked)~.article .entity{border-bottom:0}
ol.findings li{margin-bottom:.8rem}.said{font-family:Georgia,serif}
a.said{color:inherit;text-decoration-color:#7a9cc9}
.score{color:#555;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;font:14px/1.4 system-ui,sans-serif;width:100%}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.legend dt{font-weight:bold}.note{color:#8a5300}
"""
# Layers a reader can switch off: (class on the checkbox, what its label shows, the class
# of the sample in the label).
_TOGGLES = (("t-claim", "check-worthy claims and their numbers", "claim"),
            ("t-quote", "quotes: speaker, cue, content", "quote"),
            ("t-vague", "vague sources", "vague"),
            ("t-technique", "persuasion techniques", "technique"),
            ("t-entity", "named entities", "entity"))
_CONTENT_MAX = 400


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    css: str
    title: str


def render_html(analyses: Sequence[Analysis]) -> str:
    title = analyses[0].metadata.title if len(analyses) == 1 else None
    body = "\n".join(_section(a, f"a{i}") for i, a in enumerate(analyses))
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{_e(title or 'unspin report')}</title><style>{_STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def _section(a: Analysis, p: str) -> str:
    """One article; ``p`` prefixes every id, so several articles share a page."""
    return "".join([
        f"<article><h1>{_e(a.metadata.title or a.source.label)}</h1>",
        _meta(a), "".join(f'<p class="note">{_e(n)}</p>' for n in a.notes),
        _nav(a, p), _sourcing(a, p), _text(a, p), _claims(a, p), _quotes(a, p),
        _techniques(a), _removed(a), _entities(a), "</article>",
    ])


def _nav(a: Analysis, p: str) -> str:
    links = [("sourcing", "Sourcing", wording.sourcing_of(a) is not None),
             ("text", "Article text", True), ("claims", "Claims", True),
             ("quotes", "Quotes", bool(a.quotes))]
    items = " · ".join(f'<a href="#{p}-{k}">{label}</a>' for k, label, shown in links if shown)
    return f'<nav aria-label="sections">{items}</nav>'


def _text(a: Analysis, p: str) -> str:
    toggles = "".join(
        f'<input type="checkbox" class="{cls}" id="{p}-{cls}" checked>'
        f'<label for="{p}-{cls}"><span class="{sample}">{words}</span></label>'
        for cls, words, sample in _TOGGLES)
    return (f'<h2 id="{p}-text">Article text</h2><div class="view">'
            f'<span class="toggles">Highlight:</span> {toggles}'
            f'<div class="article">{highlight(a.text, _marks(a), _anchors(a, p))}</div></div>')


def _meta(a: Analysis) -> str:
    m = a.metadata
    rows = [("source", a.source.label), ("author", m.author), ("date", m.date),
            ("site", m.site), ("origin", m.origin and f"{m.origin} (republished copy)"),
            ("language", m.language)]
    items = "".join(f"<dt>{k}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    return f'<dl class="meta">{items}</dl>'


def _marks(a: Analysis) -> list[_Mark]:
    marks = [_Mark(r.start, r.end, "removed", f"removed: {r.kind}") for r in a.removed]
    marks += [_Mark(p.start, p.end, p.kind, p.kind) for p in a.parts]
    marks += [_Mark(e.start, e.end, "entity", e.label) for e in a.entities
              if e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC")]
    marks += [_Mark(t.start, t.end, "technique", f"{t.technique} ({t.score:.2f})")
              for t in a.techniques]
    return marks + _claim_marks(a) + _quote_marks(a)


def _claim_marks(a: Analysis) -> list[_Mark]:
    marks = []
    for c in a.claims:
        marks.append(_Mark(c.start, c.end, "claim", f"claim {c.score:.2f}; source: "
                           f"{wording.source_words(c.source)}"))
        marks += [_Mark(n.start, n.end, "number", wording.number_words(n)) for n in c.numbers]
    vague = {(r.start, r.end) for r in [*a.sources, *(c.source for c in a.claims)]
             if r.kind == "vague"}
    return marks + [_Mark(s, e, "vague", "vague source") for s, e in sorted(vague)]


def _quote_marks(a: Analysis) -> list[_Mark]:
    marks = []
    for q in a.quotes:
        who = wording.speaker_words(q, describe=False)
        marks.append(_Mark(q.content.start, q.content.end, "quote", f"{q.kind} quote: {who}"))
        if q.speaker is not None:
            marks.append(_Mark(q.speaker.start, q.speaker.end, "speaker", f"speaker: {who}"))
        if q.cue is not None:
            marks.append(_Mark(q.cue.start, q.cue.end, "cue", "cue of a quote"))
    return marks


def anchor(prefix: str, kind: str, span: Span) -> str:
    """The id of the place in the text where a listed finding starts."""
    return f"{prefix}-{kind}-{span.start}-{span.end}"


def _anchors(a: Analysis, p: str) -> dict[int, list[str]]:
    spans: list[tuple[str, Span]] = [("quote", q) for q in a.quotes]
    spans += [("source", r) for r in a.sources]
    for c in a.claims:
        spans += [("claim", c)] + ([("source", c.source)] if c.source.kind != "none" else [])
        spans += [("number", n) for n in c.numbers]
        spans += [("comparison", x) for x in c.comparisons]
        spans += [("forecast", f) for f in c.forecasts]
    found: dict[int, list[str]] = {}
    for kind, span in spans:
        ids = found.setdefault(span.start, [])
        if anchor(p, kind, span) not in ids:
            ids.append(anchor(p, kind, span))
    return found


def highlight(text: str, marks: Iterable[_Mark],
              anchors: Mapping[int, Sequence[str]] | None = None) -> str:
    """Escape ``text`` and wrap every piece covered by marks in one ``<span>`` whose class
    joins the marks' classes and whose title lists them all. ``anchors`` puts empty
    ``<span id=...>`` targets at their offsets, so a list can link to a finding's place."""
    marks, anchors = list(marks), anchors or {}
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks),
                   *(i for i in anchors if 0 <= i <= len(text))})
    out = []
    for start, end in itertools.pairwise(cuts):
        out += [f'<span class="anchor" id="{_e(i)}"></span>' for i in anchors.get(start, ())]
        piece = _e(text[start:end])
        active = [m for m in marks if m.start <= start and end <= m.end]
        if not active:
            out.append(f'<span data-start="{start}" data-end="{end}">{piece}</span>'
                       if start in anchors else piece)
            continue
        classes = sorted({m.css for m in active})
        if sum(m.css == "technique" for m in active) > 1:
            classes.append("multi")
        tip = "; ".join(dict.fromkeys(m.title for m in active))
        out.append(f'<span class="{" ".join(classes)}" title="{_e(tip)}" '
                   f'data-start="{start}" data-end="{end}">{piece}</span>')
    out += [f'<span class="anchor" id="{_e(i)}"></span>' for i in anchors.get(len(text), ())]
    return "".join(out)


def _sourcing(a: Analysis, p: str) -> str:
    sourcing = wording.sourcing_of(a)
    if sourcing is None or not sourcing.claims:
        return ""
    first: dict[str, SourceRef] = {}
    for r in [*a.sources, *(c.source for c in a.claims)]:
        named = r.kind in wording.NAMED_KINDS and r.name
        first.setdefault(r.name if named and r.name else wording.flat(r.text), r)
    named = ", ".join(_link(p, "source", first.get(n), n) for n in wording.unique(sourcing.named))
    vague = ", ".join(_link(p, "source", first.get(v), f"“{v}”")
                      for v in wording.unique(sourcing.vague))
    rows = [("by kind", _e(wording.kinds_line(sourcing))), ("named sources", named),
            ("vague sources", vague)]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows if v)
    return (f'<h2 id="{p}-sourcing">Sourcing</h2>'
            f'<p class="glance">{_e(wording.sourcing_line(sourcing))}</p>'
            f'<dl class="facts">{items}</dl>')


def _claims(a: Analysis, p: str) -> str:
    head = f'<h2 id="{p}-claims">Check-worthy claims'
    status = wording.claims_status(a)
    if status is not None:
        return f"{head}</h2><p>{_e(status)}</p>"
    described = wording.Describer(a)
    items = "".join(_claim(c, p, described) for c in wording.claims_by_score(a))
    line = wording.claims_threshold_line(a)
    return (f"{head} ({len(a.claims)})</h2><p>{_e(line)} Links go to the place in the "
            f"text.</p>"
            f'<ol class="findings">{items}</ol>')


def _claim(c: Claim, p: str, described: wording.Describer) -> str:
    source = described.source(c.source)
    rows = [("source", _e(source) if c.source.kind == "none"
             else _link(p, "source", c.source, source))]
    if c.reason != "check-worthy":
        rows.insert(0, ("why", _e(wording.claim_reason(c))))
    rows += [("number", _number(p, n)) for n in c.numbers]
    rows += [("compare", _link(p, "comparison", x, wording.comparison_words(x)))
             for x in c.comparisons]
    rows += [("forecast", _link(p, "forecast", f, wording.forecast_words(f)))
             for f in c.forecasts]
    facts = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<li><p><span class="score">{c.score:.2f}</span> '
            f'{_link(p, "claim", c, wording.flat(c.text), css="said")}</p>'
            f'<dl class="facts">{facts}</dl></li>')


def _number(p: str, n: NumberMention) -> str:
    return f"{_link(p, 'number', n, wording.flat(n.text))} — {_e(wording.number_meaning(n))}"


def _quotes(a: Analysis, p: str) -> str:
    if not a.quotes:
        status = wording.quotes_status(a)
        return f'<h2 id="{p}-quotes">Quotes</h2><p>{_e(status)}</p>' if status else ""
    described = wording.Describer(a)
    rows = "".join(
        f"<tr><td>{_e(described.speaker(q))}</td><td>{_e(wording.cue_words(q))}</td>"
        f"<td>{_e(q.kind)}</td><td class=\"said\">"
        f"{_link(p, 'quote', q, wording.clip(q.content.text, _CONTENT_MAX))}</td></tr>"
        for q in a.quotes)
    return (f'<h2 id="{p}-quotes">Quotes ({len(a.quotes)})</h2><table><tr><th>speaker</th>'
            f"<th>cue</th><th>kind</th><th>what was said</th></tr>{rows}</table>")


def _link(p: str, kind: str, span: Span | None, words: str, css: str = "") -> str:
    """``words`` escaped, linked to the place of ``span`` in the text when there is one."""
    if span is None:
        return _e(words)
    cls = f' class="{css}"' if css else ""
    return f'<a href="#{anchor(p, kind, span)}"{cls}>{_e(words)}</a>'


def _techniques(a: Analysis) -> str:
    summary = wording.technique_summary(a)
    lead = f'<p class="summary">{_e(summary)}</p>' if summary else ""
    if not a.techniques:
        return f"<h2>Persuasion techniques (0)</h2>{lead}" if summary else ""
    rows = "".join(f"<tr><td>{_e(t.technique)}</td><td>{t.score:.2f}</td>"
                   f"<td>{_e(wording.technique_evidence(t))}</td>"
                   f"<td>{t.start}–{t.end}</td><td>{_e(t.text)}</td></tr>"
                   for t in sorted(a.techniques, key=lambda t: t.start))
    used = sorted({t.technique for t in a.techniques})
    legend = "".join(f"<dt>{_e(n)}</dt><dd>{_e(explain(n))}</dd>" for n in used)
    return (f"<h2>Persuasion techniques ({len(a.techniques)})</h2>{lead}<table><tr><th>"
            "technique</th><th>score</th><th>evidence</th><th>where</th><th>text</th></tr>"
            f'{rows}</table><dl class="legend">{legend}</dl>')


def _removed(a: Analysis) -> str:
    if not a.removed:
        return ""
    rows = "".join(f"<tr><td>{_e(r.kind)}</td><td>{r.start}–{r.end}</td><td>{_e(r.text)}</td></tr>"
                   for r in a.removed)
    return (f"<h2>Removed before analysis ({len(a.removed)})</h2><table><tr><th>kind</th>"
            f"<th>where</th><th>text</th></tr>{rows}</table>")


def _entities(a: Analysis) -> str:
    named = sorted({(e.label, " ".join(e.text.split())) for e in a.entities
                    if e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT")})
    if not named:
        return ""
    rows = "".join(f"<tr><td>{_e(label)}</td><td>{_e(name)}</td></tr>" for label, name in named)
    return f"<h2>Named entities</h2><table><tr><th>label</th><th>name</th></tr>{rows}</table>"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)
