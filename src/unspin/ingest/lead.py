"""The lead of an article that trafilatura left out, found again in the page.

trafilatura picks the element that holds the article's body (``div.article__text``,
say) and reads that. A page that puts its lead, standfirst or summary in a sibling just
before the body (``div.article__summary``) loses it: RT's "Three people have died during
protests in Bolivia ..." vanished that way, and a lead is the sentence a reader takes
away. Here an element named as a lead (its class or id) is taken back when it is
clearly one: visible, a sentence or two of prose rather than links, before the body's
first paragraph and in the same article container, and not already in the text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Class or id words that name a lead; matched as whole words of the attribute.
_LEAD_NAME = re.compile(r"(?:^|[\s_-])(?:lead|lede|summary|standfirst|stand-first|intro|dek"
                        r"|deck|subtitle|sub-title|subheadline|abstract)(?:$|[\s_-])",
                        re.IGNORECASE)
_NOT_ARTICLE = frozenset({"nav", "aside", "footer", "form", "figure", "figcaption", "menu",
                          "script", "style", "noscript", "template", "button", "select"})
_CONTAINERS = frozenset({"html", "body"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_MIN_WORDS = 10
_MAX_CHARS = 600
# A lead is prose, not a list of links.
_MAX_LINK_SHARE = 0.5
# Characters of the body's first paragraph used to find it in the page.
_PROBE_CHARS = 60


def missing_lead(tree: HtmlElement, text: str) -> str | None:
    """The page's lead when the extracted ``text`` lacks it, else None."""
    first = _first_paragraph(tree, text)
    if first is None:
        return None
    flat = _flat(text)
    for element in tree.iter():
        if element is first:
            return None  # leads come before the body
        if not _named_lead(element):
            continue
        lead = _flat(element.text_content())
        if _is_lead(element, lead) and lead not in flat and _same_article(element, first):
            return lead
    return None


def _named_lead(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or element.tag in _NOT_ARTICLE:
        return False
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(_LEAD_NAME.search(names))


def _is_lead(element: HtmlElement, lead: str) -> bool:
    """Prose a reader sees: long enough, short enough, ending a sentence, few links,
    nothing hidden, nowhere outside the article."""
    if len(lead.split()) < _MIN_WORDS or len(lead) > _MAX_CHARS or not _SENTENCE_END.search(lead):
        return False
    links = sum(len(_flat(a.text_content())) for a in element.iter("a"))
    if links > _MAX_LINK_SHARE * len(lead):
        return False
    return not any(_hidden(e) or e.tag in _NOT_ARTICLE
                   for e in [element, *element.iterancestors()])


def _hidden(element: HtmlElement) -> bool:
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true"
            or bool(_HIDDEN_STYLE.search(element.get("style") or "")))


def _first_paragraph(tree: HtmlElement, text: str) -> HtmlElement | None:
    """The element holding the start of the extracted text's first paragraph."""
    probe = _flat(text.split("\n\n", 1)[0])[:_PROBE_CHARS]
    if len(probe) < _PROBE_CHARS // 2:
        return None
    for element in tree.iter("p", "div", "span", "li", "blockquote", "td"):
        own = _flat(element.text_content())
        if own.startswith(probe) or (probe in own and len(own) < 4 * len(probe)):
            return element
    return None


def _same_article(lead: HtmlElement, body: HtmlElement) -> bool:
    """Whether the two share a container below ``<body>`` (the article's own)."""
    around = [e for e in body.iterancestors() if e.tag not in _CONTAINERS]
    return any(any(e is a for a in around) for e in lead.iterancestors())


def _flat(text: str) -> str:
    return " ".join(text.split())
