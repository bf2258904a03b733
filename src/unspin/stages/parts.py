"""Headline and standfirst: the structural parts of a plain-text article.

A plain-text article often starts with its headline and a one-sentence standfirst, with
no markup to say so; these are found from the layout of the first paragraphs. For an
HTML page the metadata gives the title, and a part is marked only where the text starts
with it. The headline fills ``metadata.title`` when nothing else did.
"""

from __future__ import annotations

from ..document import Analysis, Part, Removed
from ..lines import DATELINE, SENTENCE_END, Line, lines, looks_like_title

_HEADLINE_LINES = 3


def _paragraphs(all_lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs: runs of non-empty lines between blank lines."""
    paragraphs: list[list[Line]] = [[]]
    for line in all_lines:
        if line.text:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _headline(paragraph: list[Line]) -> Line | None:
    """The first paragraph as a headline: short, with no closing full stop (or capitalised
    like a title). Up to three lines, as a sentence splitter may break a title
    ("Dallas Police Dept.\nfires officer ...")."""
    if len(paragraph) > _HEADLINE_LINES:
        return None
    head = Line(paragraph[0].start, paragraph[-1].end, " ".join(x.text for x in paragraph))
    words = head.text.split()
    if len(head.text) > 200 or len(words) > 25 or head.text[-1] in ",;:":
        return None
    return head if head.text[-1] != "." or looks_like_title(head.text) else None


def _is_standfirst(line: Line, after: list[Line]) -> bool:
    """One short sentence standing alone, not a dateline lede, before longer body text."""
    text = line.text
    if len(text) > 300 or text[0] in "\"“‘'" or DATELINE.match(text):
        return False
    if SENTENCE_END.search(text.rstrip(".!?\"”’ ")):
        return False
    body = sum(len(x.text) for x in after)
    return body > len(text)


def _parts(text: str, all_lines: list[Line], removed: list[Removed],
           title: str | None) -> list[Part]:
    """The headline (first line) and standfirst (the next paragraph), where they look so.

    ``title`` is set for HTML input, whose headline the page's metadata already gave: a
    part is marked there only when the text itself starts with that title.
    """
    paragraphs = [p for p in _paragraphs(all_lines)
                  if not any(r.start <= p[0].start < r.end for r in removed)]
    head = _headline(paragraphs[0]) if paragraphs else None
    if head is None or (title is not None
                        and " ".join(title.split()).lower() != head.text.lower()):
        return []
    parts = [Part(head.start, head.end, text[head.start:head.end], "headline")]
    if len(paragraphs) > 2 and len(paragraphs[1]) == 1:
        line = paragraphs[1][0]
        if _is_standfirst(line, paragraphs[2]):
            parts.append(Part(line.start, line.end, line.text, "standfirst"))
    return parts



class PartsStage:
    """Marks the headline and standfirst (``parts``) and, from the headline, a missing
    ``metadata.title``."""

    def __call__(self, analysis: Analysis) -> Analysis:
        text = analysis.text
        title = analysis.metadata.title if analysis.format == "html" else None
        if analysis.format == "html" and not title:
            return analysis
        analysis.parts = _parts(text, lines(text), analysis.removed, title)
        headline = next((p for p in analysis.parts if p.kind == "headline"), None)
        if headline and not analysis.metadata.title:
            analysis.metadata.title = " ".join(headline.text.split())
        return analysis
