"""The plain text of a Readability ``expected.html``, to which number labels point.

Labels need offsets that stay put. The text unspin extracts from a page's
``source.html`` moves whenever extraction or cleaning improves, which would silently
shift every label; ``expected.html`` (Readability.js's reviewed output, a fixed file in
../shared) does not change, so labels on the readability pages point into
``page_text(expected_html)``: one block per paragraph, separated by a blank line.

lxml parses the HTML. The walk over it is written here because neither lxml's
``text_content()`` (no breaks between paragraphs: "strandings.Seven decades") nor
trafilatura (which may drop or reorder blocks as its heuristics change) gives text that is
both readable and fixed for good.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

# Elements that start a new block of text; everything else is inline
# ("<span>W</span>hale" stays one word).
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
    "tr", "ul",
})
# Elements whose text is never article text.
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
_BREAK = "\x00"
_SPACE = re.compile(r"\s+")


def page_text(html: str) -> str:
    """The text of ``html``: blocks in document order, whitespace inside a block collapsed
    to single spaces, empty blocks dropped, blocks joined by a blank line."""
    root = lxml.html.fromstring(html)
    pieces: list[str] = []
    _walk(root, pieces)
    blocks = (_SPACE.sub(" ", block).strip() for block in "".join(pieces).split(_BREAK))
    return "\n\n".join(block for block in blocks if block)


def _walk(element: Any, pieces: list[str]) -> None:
    """Append ``element``'s text to ``pieces``, with a break marker around each block.

    The tail (the text after an element's end tag) belongs to the parent, so it is
    appended after the break that closes a block element."""
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in BLOCKS
    if tag.lower() not in SKIPPED and tag:
        if block:
            pieces.append(_BREAK)
        pieces.append(element.text or "")
        for child in element:
            _walk(child, pieces)
        if block:
            pieces.append(_BREAK)
    pieces.append(element.tail or "")


__all__ = ["BLOCKS", "SKIPPED", "page_text"]
