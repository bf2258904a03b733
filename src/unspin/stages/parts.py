"""Headline, standfirst and dateline: the structural parts of a plain-text article.

A plain-text article often starts with its headline and a one-sentence standfirst, with
no markup to say so; these are found from the layout of the first paragraphs. For an
HTML page the metadata gives the title, and a part is marked only where the text starts
with it. The headline fills ``metadata.title`` when nothing else did.

A wire dateline opening the first paragraphs ("WASHINGTON (AP) —", "LONDON —",
"Washington (AFP) –", "FLINT, Mich., Oct. 4 (UPI) —") is layout too: it goes into
``metadata.dateline`` (place and agency) and is set aside from analysis (a ``removed``
span of kind ``dateline``; the text keeps it), so that no later stage reads
"WASHINGTON" as a speaker or the dateline as part of a quote. Its agency becomes
``metadata.origin`` when nothing else named one.
"""

from __future__ import annotations

import re

from ..document import Analysis, Dateline, Part, Removed
from ..lines import DATELINE, SENTENCE_END, Line, lines, looks_like_title
from ..resolve.lexicon import AGENCIES

_HEADLINE_LINES = 3
# How many of the first lines may open with the dateline (headline, standfirst, byline...).
_DATELINE_LINES = 6
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]{2,}(?:[ ][A-Z][A-Z.'’\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’\-]+(?:[ ][A-Z][a-z.'’\-]+){0,3}"
_STATE = r"(?:,[ ](?P<state>[A-Z][A-Za-z.]*\.?(?:[ ][A-Z][A-Za-z.]*)?))?"
_DATE = (r"(?:,[ ](?:Jan|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|Aug|Sept|Sep|Oct|Nov"
         r"|Dec)[a-z]*\.?[ ]\d{1,2})?")
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&-]{0,28})\)"
_DASH = r"[ ]?[-–—]{1,2}\s"
# An all-capitals place may stand alone ("LONDON —"); a title-case one only with its
# agency ("Washington (AFP) –"), since "Officials — and voters —" is prose.
DATELINE_PATTERN = re.compile(
    rf"(?:(?P<caps>{_CAPS_PLACE})|(?P<title>{_TITLE_PLACE})){_STATE}{_DATE}[ ]?(?:{_AGENCY})?"
    rf"{_DASH}")
_NOT_PLACES = frozenset({"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "LIVE",
                         "OPINION", "EDITORIAL", "ANALYSIS", "CORRECTION", "NOTE", "EDITOR'S",
                         "PHOTOS", "VIDEO", "READ", "MORE", "FILE", "AP", "AFP"})


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



def find_dateline(text: str, removed: list[Removed] | None = None) -> Dateline | None:
    """The dateline opening one of the article's first lines, if there is one."""
    for line in [x for x in lines(text) if x.text][:_DATELINE_LINES]:
        if any(r.start <= line.start < r.end for r in removed or ()):
            continue
        match = DATELINE_PATTERN.match(text, line.start, line.end)
        if match is None or (match.group("caps") or "").upper() in _NOT_PLACES \
                or (match.group("title") and not match.group("agency")):
            continue
        place = match.group("caps") or match.group("title")
        place = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w
                         for w in place.split())
        if match.group("state"):
            place += f", {match.group('state')}"
        agency = match.group("agency")
        end = match.end()
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        return Dateline(match.start(), end, text[match.start():end], place, agency)
    return None


def agency_name(agency: str) -> str:
    """The name a wire agency publishes under ("AP" -> "Associated Press")."""
    return AGENCIES.get(agency.lower(), agency)


class PartsStage:
    """Marks the headline and standfirst (``parts``) and, from the headline, a missing
    ``metadata.title``; records a dateline in ``metadata`` and sets it aside."""

    def __call__(self, analysis: Analysis) -> Analysis:
        _dateline(analysis)
        text = analysis.text
        title = analysis.metadata.title if analysis.format == "html" else None
        if analysis.format == "html" and not title:
            return analysis
        analysis.parts = _parts(text, lines(text), analysis.removed, title)
        headline = next((p for p in analysis.parts if p.kind == "headline"), None)
        if headline and not analysis.metadata.title:
            analysis.metadata.title = " ".join(headline.text.split())
        return analysis


def _dateline(analysis: Analysis) -> None:
    dateline = find_dateline(analysis.text, analysis.removed)
    if dateline is None:
        return
    analysis.metadata.dateline = dateline
    analysis.removed = sorted([*analysis.removed, Removed(
        dateline.start, dateline.end, dateline.text, "dateline", "dateline")],
        key=lambda r: r.start)
    if dateline.agency and not analysis.metadata.origin:
        analysis.metadata.origin = agency_name(dateline.agency)
