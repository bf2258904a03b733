"""HTML pages: the main text and metadata of an article, without the page around it.

trafilatura does the work (it scores the DOM, drops navigation, ads, sidebars, comments
and footers, and reads title, author, date and site from meta tags and JSON-LD). What
this module adds:

- the shape of the text: one block per paragraph, separated by a blank line, so an
  extracted page reads like a plain-text article and later stages treat both alike;
- a page parsed however deeply it is nested (``htmltree``);
- trafilatura's precision mode, unless it keeps under a third of what the default mode
  finds (then it has lost the article, not trimmed its furniture: measured on the
  Readability test pages, docs/benchmarks.md);
- the lead, when trafilatura read only the body beside it (``lead``);
- metadata the page declares that trafilatura misses: ``og:site_name`` and the canonical
  URL, and an author named once however often the page repeats the name.

Boilerplate never reaches ``Article.text``, so offsets refer to the extracted text, not to
the page source.
"""

from __future__ import annotations

import codecs
import re
from copy import deepcopy
from typing import TYPE_CHECKING

from lxml.etree import _Element
from lxml.html import HtmlElement

from ..config import Options
from ..document import Article, Metadata, Source
from ..errors import NoArticleFound
from .htmltree import parse_page
from .lead import missing_lead
from .text import decode

if TYPE_CHECKING:  # trafilatura and htmldate import with the first page (0.6 s of start-up)
    from trafilatura.settings import Document

# Precision mode's text is used unless it is shorter than this share of the default's.
PRECISION_KEEPS = 1 / 3

# WHATWG's "text/html" sniffing: a document starting with one of these tags is HTML.
_HTML_START = re.compile(
    r"\A[\s\ufeff]*(?:<!doctype\s+html|<!--|<\?xml[^>]*>\s*<(?:!doctype\s+)?html"
    r"|<(?:html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|article)"
    r"[\s/>])",
    re.IGNORECASE,
)
# A page that does not start with a tag but is still mostly markup.
_STRUCTURE_TAG = re.compile(r"<(?:html|head|body|p|div|article)[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.IGNORECASE)
# Labels pages declare for what browsers decode as windows-1252 (WHATWG Encoding).
_CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"}


def looks_like_html(text: str) -> bool:
    """Whether decoded input is an HTML page rather than text that mentions a tag.

    Why not just look for ``<``: plain-text articles quote markup ("the <b> tag").
    A page either starts with a tag or has several structural tags near the top.
    """
    if _HTML_START.match(text):
        return True
    return len(_STRUCTURE_TAG.findall(text[:4096])) >= 2


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>``, as a Python codec name, if known."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    label = found.group(1).decode("ascii", "replace").lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def article_from_html(
    html: str | bytes, source: Source, options: Options, url: str | None = None
) -> Article:
    """Extract the article from a page.

    Args:
        html: the page; bytes are decoded (BOM, UTF-8, then the ``<meta>`` charset).
        source: where the page came from, kept on the ``Article``.
        options: ``min_article_chars`` decides when a page has no article.
        url: the page's URL after redirects; wins over the page's canonical URL.

    Raises:
        NoArticleFound: less main text than ``options.min_article_chars``, or a page
            nested too deeply to read (``htmltree.MAX_DEPTH``).
    """
    if isinstance(html, bytes):
        html = decode(html, source.label, declared=meta_charset(html))
    tree = parse_page(html, source.label)
    document, text = _extract(tree, url)
    if len(text) < options.min_article_chars:
        raise NoArticleFound(
            f"{source.label}: no article text found (navigation, a login wall or a "
            f"script-only page?); found {len(text)} characters of main text, "
            f"need {options.min_article_chars} (option min_article_chars)")
    return Article(source=source, text=text, metadata=_metadata(document, tree, url),
                   format="html")


def _extract(tree: HtmlElement, url: str | None) -> tuple[Document, str]:
    """The page's document (with metadata) and its text: precision mode's text unless it
    is under ``PRECISION_KEEPS`` of the default mode's, and the lead first when
    trafilatura left it out."""
    document = _bare(tree, url, precise=False)
    text = _paragraphs(document)
    precise = _paragraphs(_bare(tree, url, precise=True))
    if len(precise) >= PRECISION_KEEPS * len(text):
        text = precise
    lead = missing_lead(tree, text)
    return document, f"{lead}\n\n{text}" if lead else text


def _bare(tree: HtmlElement, url: str | None, *, precise: bool) -> Document:
    """trafilatura on ``tree`` (it works on a copy); an empty ``Document`` when it finds
    nothing at all. Tables are kept: a table of figures is part of what the reader saw."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=not precise, favor_precision=precise,
        include_comments=False, include_tables=True)
    return document if isinstance(document, Document) else Document()


def _paragraphs(document: Document) -> str:
    """One block per paragraph, heading, list or quote, joined by blank lines.

    trafilatura's own text joins blocks with a single newline, which makes a paragraph
    break look like a line break; rendering each top-level block keeps them apart.
    """
    from trafilatura.xml import xmltotxt

    body: _Element | None = document.body
    if body is None or len(body) == 0:
        return "\n\n".join(line.strip() for line in (document.text or "").splitlines()
                           if line.strip())
    blocks = (_clean_block(xmltotxt(child, False)) for child in body)
    return "\n\n".join(block for block in blocks if block)


def _clean_block(block: str) -> str:
    return "\n".join(line.rstrip() for line in block.strip().splitlines())


def _metadata(document: Document, tree: HtmlElement, url: str | None) -> Metadata:
    """What trafilatura read, with what the page declares in its ``<head>`` winning for
    the site (``og:site_name``) and the URL (canonical link, ``og:url``): trafilatura
    misses both on some pages. A URL given by the fetch wins over all."""
    return Metadata(
        title=document.title or None,
        author=one_each(document.author),
        date=document.date or _find_date(tree, url),
        site=_head_value(tree, _SITE_PATHS) or document.sitename or None,
        url=url or _absolute(_head_value(tree, _URL_PATHS)) or document.url or None,
    )


# Where a page names its site and its own URL, best first. Not only in <head>: the HTML
# parser ends the head at the first element that cannot be in it, and the meta tags
# after that land in the body (Breitbart's do).
_SITE_PATHS = ('//meta[@property="og:site_name"]/@content',
               '//meta[@name="og:site_name"]/@content',
               '//meta[@name="application-name"]/@content')
_URL_PATHS = ('//link[@rel="canonical"]/@href',
              '//meta[@property="og:url"]/@content',
              '//meta[@name="og:url"]/@content')


def _head_value(tree: HtmlElement, paths: tuple[str, ...]) -> str | None:
    for path in paths:
        for value in tree.xpath(path):
            if str(value).strip():
                return " ".join(str(value).split())
    return None


def _absolute(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL; a relative one names no page alone."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def one_each(names: str | None) -> str | None:
    """Each author once: "Jeffrey Gettleman; JEFFREY GETTLEMAN" is one author, named as
    the page writes it when not in capitals."""
    if not names:
        return None
    kept: dict[str, str] = {}
    for name in (n.strip() for n in names.split(";")):
        key = name.casefold()
        if name and (key not in kept or kept[key].isupper()):
            kept[key] = name
    return "; ".join(kept.values()) or None


def _find_date(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate on its own, for pages where trafilatura's metadata pass found no date."""
    import htmldate

    try:
        found = htmldate.find_date(deepcopy(tree), url=url, original_date=True)
    except (ValueError, TypeError):
        return None
    return found or None
