"""The terminal report: what an analyst scans first, with every finding quoted.

Article text never reaches the terminal raw: every string of the analysis is neutralised
(``terminal.printable``, same length, so offsets hold) before the report is laid out, and
the finished report is passed through ``printable`` once more, so a line added here later
is covered too. Rich's markup and emoji codes are off: "[link=...]" or ":smile:" in an
article is shown as written, never interpreted (two harmless strings joined could
otherwise form a tag and crash the report).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..document import Analysis, Claim, Quote
from ..glossary import explain
from . import wording
from .terminal import printable
from .wording import technique_evidence, technique_summary

_QUOTE_MAX = 110
_CLAIM_MAX = 240
_CONTENT_MAX = 200


def render_text(analyses: Sequence[Analysis], *, width: int | None = None) -> str:
    console = Console(width=width or 100, record=True, force_terminal=False,
                      color_system=None, file=io.StringIO(), markup=False, emoji=False,
                      highlight=False)
    for analysis in analyses:
        console.print(report(shown(analysis)))
    return printable(console.export_text())


def shown(analysis: Analysis) -> Analysis:
    """A copy of ``analysis`` with every string neutralised for the terminal."""
    return Analysis.from_dict(_printable_values(analysis.to_dict()))


def _printable_values(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _printable_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable_values(item) for item in value]
    return value


def report(analysis: Analysis) -> RenderableType:
    parts: list[RenderableType] = [_header(analysis)]
    sections = (_sourcing(analysis), _claims(analysis), _quotes(analysis),
                _techniques(analysis), _removed(analysis), _entities(analysis))
    for section in sections:
        if section is not None:
            parts += [Text(""), section]
    parts += [Text(note, style="yellow") for note in analysis.notes]
    title = analysis.metadata.title or analysis.source.label
    return Panel(Group(*parts), title=Text(_clip(title, 80)), title_align="left")


def _header(analysis: Analysis) -> Table:
    table = Table.grid(padding=(0, 2))
    meta = analysis.metadata
    rows = [("source", analysis.source.label), ("title", meta.title), ("author", meta.author),
            ("date", meta.date), ("site", meta.site), ("origin", _origin(analysis)),
            ("language", _language(analysis))]
    rows += [(p.kind, _clip(p.text)) for p in analysis.parts]
    counts = analysis.counts()
    rows.append(("size", (f"{counts['characters']:,} characters, "
                         f"{counts['sentences']} sentences, {counts['entities']} entities")))
    for key, value in rows:
        if value:
            table.add_row(Text(key, style="bold"), Text(str(value)))
    return table


def _origin(analysis: Analysis) -> str | None:
    origin = analysis.metadata.origin
    return f"{origin} (this copy is a republication)" if origin else None


def _language(analysis: Analysis) -> str | None:
    lang = analysis.language
    return f"{lang.code} (p={lang.score:.2f})" if lang else None


def _section(title: str, *body: RenderableType) -> Group:
    return Group(Text(title, style="bold underline"), *body)


def _facts(rows: list[tuple[str, str]], indent: int = 0) -> Table:
    """Label/value rows, the values wrapping under themselves."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold", min_width=8 + indent)
    table.add_column(overflow="fold")
    for label, value in rows:
        table.add_row(Text(" " * indent + label), Text(value))
    return table


def _sourcing(analysis: Analysis) -> Group | None:
    sourcing = wording.sourcing_of(analysis)
    if sourcing is None or not sourcing.claims:
        return None
    rows = [("by kind", wording.kinds_line(sourcing))]
    if sourcing.named:
        rows.append(("named", ", ".join(wording.unique(sourcing.named))))
    if sourcing.vague:
        rows.append(("vague", ", ".join(f"“{v}”" for v in wording.unique(sourcing.vague))))
    return _section("Sourcing", Text(wording.sourcing_line(sourcing)), _facts(rows, indent=2))


def _claims(analysis: Analysis) -> Group | None:
    status = wording.claims_status(analysis)
    if status is not None:
        return _section("Check-worthy claims", Text(status))
    described = wording.Describer(analysis)
    table = Table.grid(padding=(0, 1, 1, 0))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for i, claim in enumerate(wording.claims_by_score(analysis), 1):
        table.add_row(Text(f"{i}."), Text(f"{claim.score:.2f}"), _claim(claim, described))
    count = len(analysis.claims)
    return _section(f"Check-worthy claims ({count})",
                    Text(wording.claims_threshold_line(analysis)), table)


def _claim(claim: Claim, described: wording.Describer) -> Group:
    rows = [("source", described.source(claim.source))]
    if claim.reason != "check-worthy":
        rows.insert(0, ("why", wording.claim_reason(claim)))
    rows += [("number", wording.number_words(n)) for n in claim.numbers]
    rows += [("compare", wording.comparison_words(c)) for c in claim.comparisons]
    rows += [("forecast", wording.forecast_words(f)) for f in claim.forecasts]
    return Group(Text(wording.clip(claim.text, _CLAIM_MAX)), _facts(rows))


def _quotes(analysis: Analysis) -> Group | None:
    if not analysis.quotes:
        status = wording.quotes_status(analysis)
        return _section("Quotes", Text(status)) if status else None
    described = wording.Describer(analysis)
    table = Table.grid(padding=(0, 1, 1, 0))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True, min_width=8)
    table.add_column(overflow="fold")
    for i, quote in enumerate(analysis.quotes, 1):
        table.add_row(Text(f"{i}."), Text(quote.kind), _quote(quote, described))
    return _section(f"Quotes ({len(analysis.quotes)}: who, the cue, what was said)", table)


def _quote(quote: Quote, described: wording.Describer) -> Group:
    who = Text(described.speaker(quote), style="bold")
    who.append(f" · cue {wording.cue_words(quote)}", style="none")
    return Group(who, Text(wording.clip(quote.content.text, _CONTENT_MAX)))


def _removed(analysis: Analysis) -> Table | None:
    if not analysis.removed:
        return None
    table = Table(title="Removed before analysis", title_justify="left", expand=True)
    for column in ("kind", "where", "text"):
        table.add_column(column, overflow="fold")
    for r in analysis.removed:
        table.add_row(Text(r.kind), Text(f"{r.start}-{r.end}"), Text(_clip(r.text)))
    return table


def _techniques(analysis: Analysis) -> Table | None:
    summary = technique_summary(analysis)
    if not analysis.techniques:
        return None if summary is None else _stack(Text("Persuasion techniques: " + summary))
    table = Table(title="Persuasion techniques", title_justify="left", expand=True)
    for column in ("technique", "score", "evidence", "where", "text"):
        table.add_column(column, overflow="fold")
    for t in sorted(analysis.techniques, key=lambda t: (t.start, t.technique)):
        table.add_row(Text(t.technique), Text(f"{t.score:.2f}"), Text(technique_evidence(t)),
                      Text(f"{t.start}-{t.end}"), Text(_clip(t.text)))
    used = Counter(t.technique for t in analysis.techniques)
    legend = Text()
    if summary is not None:
        legend.append(summary + "\n", style="italic")
    for name, count in used.most_common():
        legend.append(f"{name} ×{count}: ", style="bold").append(explain(name) + "\n")
    legend.rstrip()
    return _stack(table, legend)


def _stack(*items: RenderableType) -> Table:
    grid = Table.grid()
    for item in items:
        grid.add_row(item)
    return grid


def _entities(analysis: Analysis) -> Table | None:
    named = [e for e in analysis.entities if e.label in _NAMED]
    if not named:
        return None
    table = Table(title="Named entities", title_justify="left", expand=True)
    table.add_column("label")
    table.add_column("mentions", overflow="fold")
    by_label: dict[str, Counter[str]] = {}
    for e in named:
        by_label.setdefault(e.label, Counter())[" ".join(e.text.split())] += 1
    for label, names in sorted(by_label.items()):
        table.add_row(Text(label), Text(", ".join(f"{n} ×{c}" if c > 1 else n
                                                  for n, c in names.most_common())))
    return table


_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"})


def _clip(text: str, limit: int = _QUOTE_MAX) -> str:
    return wording.clip(text, limit)
