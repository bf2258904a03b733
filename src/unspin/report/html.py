"""A standalone HTML page: the article with its findings highlighted, then the lists.

No external assets (styles inline, no scripts from elsewhere); every character of the
article and of the findings is escaped. Findings overlap freely, so the text is cut at
every span boundary and each piece carries the classes of all spans covering it.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..document import Analysis
from ..techniques_info import explain

_STYLE = """
body{font:16px/1.6 Georgia,serif;margin:0;background:#fafaf7;color:#222}
main{max-width:60rem;margin:auto;padding:1rem 2rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.meta{font:14px/1.4 system-ui,sans-serif;color:#555}.meta dt{font-weight:bold;float:left;
width:6rem}.meta dd{margin-left:6rem}
.article{white-space:pre-wrap;background:#fff;padding:1rem 1.5rem;border:1px solid #ddd}
.removed{background:#eee;color:#999;text-decoration:line-through}
.headline{font-weight:bold}.standfirst{font-style:italic}
.technique{background:#ffe08a;border-bottom:2px solid #d08a00}
.technique.multi{background:#ffc36b}
.entity{border-bottom:2px dotted #2a6fb0}
table{border-collapse:collapse;font:14px/1.4 system-ui,sans-serif;width:100%}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.legend dt{font-weight:bold}.note{color:#8a5300}
"""


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    css: str
    title: str


def render_html(analyses: Sequence[Analysis]) -> str:
    title = analyses[0].metadata.title if len(analyses) == 1 else None
    body = "\n".join(_section(a) for a in analyses)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title or 'unspin report')}</title><style>{_STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def _section(a: Analysis) -> str:
    return "".join([
        f"<article><h1>{_e(a.metadata.title or a.source.label)}</h1>",
        _meta(a), "".join(f'<p class="note">{_e(n)}</p>' for n in a.notes),
        f'<div class="article">{highlight(a.text, _marks(a))}</div>',
        _techniques(a), _removed(a), _entities(a), "</article>",
    ])


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
    return marks


def highlight(text: str, marks: Iterable[_Mark]) -> str:
    """Escape ``text`` and wrap every piece covered by marks in one ``<span>`` whose class
    joins the marks' classes and whose title lists them all."""
    marks = list(marks)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for start, end in itertools.pairwise(cuts):
        piece = _e(text[start:end])
        active = [m for m in marks if m.start <= start and end <= m.end]
        if not active:
            out.append(piece)
            continue
        classes = sorted({m.css for m in active})
        if sum(m.css == "technique" for m in active) > 1:
            classes.append("multi")
        tip = "; ".join(dict.fromkeys(m.title for m in active))
        out.append(f'<span class="{" ".join(classes)}" title="{_e(tip)}" '
                   f'data-start="{start}" data-end="{end}">{piece}</span>')
    return "".join(out)


def _techniques(a: Analysis) -> str:
    if not a.techniques:
        return ""
    rows = "".join(f"<tr><td>{_e(t.technique)}</td><td>{t.score:.2f}</td>"
                   f"<td>{t.start}–{t.end}</td><td>{_e(t.text)}</td></tr>"
                   for t in sorted(a.techniques, key=lambda t: t.start))
    used = sorted({t.technique for t in a.techniques})
    legend = "".join(f"<dt>{_e(n)}</dt><dd>{_e(explain(n))}</dd>" for n in used)
    return (f"<h2>Persuasion techniques ({len(a.techniques)})</h2><table><tr><th>technique"
            f"</th><th>score</th><th>where</th><th>text</th></tr>{rows}</table>"
            f'<dl class="legend">{legend}</dl>')


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
