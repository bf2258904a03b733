"""Renderings of analyses: JSON, JSON Lines, a terminal report, a standalone HTML page."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..document import Analysis
from .html import render_html
from .terminal import json_escaped
from .text import render_text

FORMATS = ("text", "json", "jsonl", "html")

__all__ = ["FORMATS", "render", "render_html", "render_json", "render_jsonl", "render_text"]


def render_json(analyses: Sequence[Analysis]) -> str:
    """One object for one analysis, an array for several; no character a terminal acts
    on is written raw (``terminal.json_escaped``)."""
    data = [a.to_dict() for a in analyses]
    return json_escaped(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False,
                                   indent=2)) + "\n"


def render_jsonl(analyses: Sequence[Analysis]) -> str:
    return "".join(json_escaped(json.dumps(a.to_dict(), ensure_ascii=False)) + "\n"
                   for a in analyses)


def render(analyses: Sequence[Analysis], fmt: str, *, width: int | None = None) -> str:
    if fmt == "json":
        return render_json(analyses)
    if fmt == "jsonl":
        return render_jsonl(analyses)
    if fmt == "html":
        return render_html(analyses)
    return render_text(analyses, width=width)
