"""The article text cut into pieces, each with the classes of every mark covering it.

Findings overlap freely (a technique inside a claim inside a quote), so nested elements
cannot draw them: the text is cut at every start and end, and each piece carries the
classes and finding ids of all marks over it. The page's script explains a piece by the
findings it names; the first piece of each finding is where keyboard focus lands.

Article text is hostile: control characters (a terminal escape, say) and bidirectional
overrides are drawn as visible symbols, one character for one, so offsets stay true.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from .findings import Mark

# C0 controls but tab and line breaks, DEL, C1 controls: drawn as Unicode's control
# pictures (U+2400 ...), or U+FFFD where there is none.
_VISIBLE = {c: chr(0x2400 + c) for c in range(0x20) if c not in (9, 10, 13)}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({c: "\ufffd" for c in range(0x80, 0xA0)})
# Bidirectional embeddings, overrides and isolates reorder what a reader sees.
_VISIBLE.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def visible(text: str) -> str:
    """``text`` with invisible control characters replaced one for one."""
    return text.translate(_VISIBLE)


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    text: str
    classes: tuple[str, ...]
    findings: tuple[str, ...]
    starts: tuple[str, ...]  # findings that begin here (anchors #f-ID)
    focus: bool  # a tabbable finding begins here


def pieces(text: str, marks: Iterable[Mark], tabbable: set[str]) -> list[Piece]:
    """``text`` cut at every mark boundary; a piece covered by no mark has no classes."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    begins: dict[int, list[str]] = {}
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if m.finding and m.finding not in begins.get(m.start, []):
            begins.setdefault(m.start, []).append(m.finding)
    by_start = sorted(marks, key=lambda m: m.start)
    out: list[Piece] = []
    active: list[Mark] = []
    index = 0
    for start, end in pairwise(cuts):
        while index < len(by_start) and by_start[index].start <= start:
            active.append(by_start[index])
            index += 1
        active = [m for m in active if m.end > start]
        classes = tuple(dict.fromkeys(c for m in active for c in m.classes))
        ids = tuple(dict.fromkeys(m.finding for m in active if m.finding))
        starts = tuple(begins.get(start, ()))
        out.append(Piece(start, visible(text[start:end]), classes, ids, starts,
                         any(f in tabbable for f in starts)))
    return out
