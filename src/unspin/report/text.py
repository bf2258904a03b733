"""The terminal report: what an analyst scans first, with every finding quoted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..document import Analysis
from ..techniques_info import explain

_QUOTE_MAX = 110


def render_text(analyses: Sequence[Analysis], *, width: int | None = None) -> str:
    console = Console(width=width or 100, record=True, force_terminal=False,
                      color_system=None, file=_Discard())
    for analysis in analyses:
        console.print(report(analysis))
    return console.export_text()


def report(analysis: Analysis) -> RenderableType:
    parts: list[RenderableType] = [_header(analysis)]
    parts += [p for p in (_removed(analysis), _techniques(analysis), _entities(analysis)) if p]
    parts += [Text(note, style="yellow") for note in analysis.notes]
    title = analysis.metadata.title or analysis.source.label
    return Panel(Group(*parts), title=_clip(title, 80), title_align="left")


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


def _removed(analysis: Analysis) -> Table | None:
    if not analysis.removed:
        return None
    table = Table(title="Removed before analysis", title_justify="left", expand=True)
    for column in ("kind", "where", "text"):
        table.add_column(column, overflow="fold")
    for r in analysis.removed:
        table.add_row(r.kind, f"{r.start}-{r.end}", _clip(r.text))
    return table


def _techniques(analysis: Analysis) -> Table | None:
    if not analysis.techniques:
        return None
    table = Table(title="Persuasion techniques", title_justify="left", expand=True)
    for column in ("technique", "score", "where", "text"):
        table.add_column(column, overflow="fold")
    for t in sorted(analysis.techniques, key=lambda t: (t.start, t.technique)):
        table.add_row(t.technique, f"{t.score:.2f}", f"{t.start}-{t.end}", _clip(t.text))
    used = Counter(t.technique for t in analysis.techniques)
    legend = Text()
    for name, count in used.most_common():
        legend.append(f"{name} ×{count}: ", style="bold").append(explain(name) + "\n")
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
        table.add_row(label, ", ".join(f"{n} ×{c}" if c > 1 else n for n, c in names.most_common()))
    return table


_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"})


def _clip(text: str, limit: int = _QUOTE_MAX) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _Discard:
    """A file that drops writes: the console only records, export_text returns it."""

    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass
