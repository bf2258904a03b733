"""Parse a page into an lxml tree that extraction can walk, however deeply it is nested.

libxml2's HTML parser stops at 256 levels by default and then drops the rest of the page,
so a page whose article sits inside 300 nested ``div``s reads as empty although a browser
shows it. A hostile page can use that to hide text from the analysis. Here the page is
parsed with lxml's ``huge_tree`` (libxml2 then goes to ``MAX_DEPTH`` levels; the input is
already capped by ``max_input_bytes``, so the other limits it lifts do not matter), and a
tree deeper than ``FLAT_DEPTH`` is flattened before trafilatura sees it: wrappers that
hold nothing but one element are unwrapped first (no text moves), then whatever still
lies deeper. Ordinary pages are never that deep and are left exactly as parsed.

Beyond ``MAX_DEPTH`` levels libxml2 gives up on the whole document; that page is refused
with a message saying so rather than read as "no article".
"""

from __future__ import annotations

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from ..errors import NoArticleFound

# libxml2's depth limit with XML_PARSE_HUGE (lxml's huge_tree): deeper, it stops parsing.
MAX_DEPTH = 2048
# Deeper than this, a tree is flattened: trafilatura walks trees recursively, and no real
# page comes near it (the deepest of the Readability test pages is under 40 levels).
FLAT_DEPTH = 100
# Elements kept when flattening the second time: the blocks trafilatura reads as text.
_BLOCKS = frozenset({"html", "head", "body", "title", "meta", "link", "article", "main", "p",
                     "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr",
                     "td", "th", "blockquote", "pre", "figure", "figcaption"})


def parse_page(html: str, label: str) -> HtmlElement:
    """The page's tree, flattened to at most about ``FLAT_DEPTH`` levels.

    Raises:
        NoArticleFound: the page is nested deeper than ``MAX_DEPTH`` levels, or is not
            HTML at all.
    """
    parser = lxml.html.HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False,
                                  remove_comments=True, remove_pis=True, encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (etree.ParserError, ValueError):
        raise NoArticleFound(f"{label}: no article text found (the page has no HTML "
                             "content)") from None
    if any("depth" in entry.message for entry in parser.error_log
           if entry.type_name == "ERR_RESOURCE_LIMIT"):
        raise NoArticleFound(f"{label}: the page is nested deeper than {MAX_DEPTH:,} "
                             "levels, the most unspin reads; its text cannot be extracted")
    flatten(root)
    return root


def depth(root: HtmlElement) -> int:
    """How many levels of elements ``root`` holds (``root`` alone: 1)."""
    return max((level for level, _ in _levels(root)), default=0)


def flatten(root: HtmlElement, limit: int = FLAT_DEPTH) -> None:
    """Make ``root`` at most about ``limit`` levels deep, keeping all its text in order.

    First every element that only wraps one other element is unwrapped (the usual shape
    of a hostile page: a few paragraphs inside hundreds of ``div``s), which changes no
    block; then, if that was not enough, every element below ``limit`` that is not a
    text block; last, anything still below it.
    """
    for unwrap in (_is_wrapper, _is_not_block, _anything):
        if depth(root) <= limit:
            return
        for element in [e for level, e in _levels(root) if level > limit or unwrap is _is_wrapper]:
            if unwrap(element) and element.getparent() is not None:
                element.drop_tag()


def _levels(root: HtmlElement) -> list[tuple[int, HtmlElement]]:
    """(level, element) for every element of ``root``, in document order; a walk without
    recursion, so a deep tree cannot exhaust Python's stack."""
    found: list[tuple[int, HtmlElement]] = []
    level = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            level += 1
            found.append((level, element))
        else:
            level -= 1
    return found


def _is_wrapper(element: HtmlElement) -> bool:
    """Whether ``element`` holds one element and no text of its own."""
    return (len(element) == 1 and element.tag not in _BLOCKS
            and not (element.text or "").strip() and not (element[0].tail or "").strip())


def _is_not_block(element: HtmlElement) -> bool:
    return element.tag not in _BLOCKS


def _anything(element: HtmlElement) -> bool:
    return element.tag not in ("html", "body")
