"""HTML pages: the main text and metadata of an article, without the page around it.

trafilatura does the work (it scores the DOM, drops navigation, ads, sidebars, comments
and footers, and reads title, author, date and site from meta tags and JSON-LD). What
this module adds is the shape of the text: one block per paragraph, separated by a blank
line, so an extracted page reads like a plain-text article and later stages treat both
alike. Boilerplate never reaches ``Article.text``, so offsets refer to the extracted text,
not to the page source.
"""

from __future__ import annotations

import codecs
import re

import htmldate
import trafilatura
from lxml.etree import _Element
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from ..config import Options
from ..document import Article, Metadata, Source
from ..errors import NoArticleFound
from .text import decode

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
        NoArticleFound: less main text than ``options.min_article_chars``.
    """
    if isinstance(html, bytes):
        html = decode(html, source.label, declared=meta_charset(html))
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if not isinstance(document, Document):  # None: trafilatura found nothing at all
        document = Document()
    text = _paragraphs(document)
    if len(text) < options.min_article_chars:
        raise NoArticleFound(
            f"{source.label}: no article text found (navigation, a login wall or a "
            f"script-only page?); found {len(text)} characters of main text, "
            f"need {options.min_article_chars} (option min_article_chars)")
    return Article(source=source, text=text, metadata=_metadata(document, html, url),
                   format="html")


def _paragraphs(document: Document) -> str:
    """One block per paragraph, heading, list or quote, joined by blank lines.

    trafilatura's own text joins blocks with a single newline, which makes a paragraph
    break look like a line break; rendering each top-level block keeps them apart.
    """
    body: _Element | None = document.body
    if body is None or len(body) == 0:
        return "\n\n".join(line.strip() for line in (document.text or "").splitlines()
                           if line.strip())
    blocks = (_clean_block(xmltotxt(child, False)) for child in body)
    return "\n\n".join(block for block in blocks if block)


def _clean_block(block: str) -> str:
    return "\n".join(line.rstrip() for line in block.strip().splitlines())


def _metadata(document: Document, html: str, url: str | None) -> Metadata:
    date = document.date or _find_date(html, url)
    return Metadata(
        title=document.title or None,
        author=document.author or None,
        date=date,
        site=document.sitename or None,
        url=url or document.url or None,
    )


def _find_date(html: str, url: str | None) -> str | None:
    """htmldate on its own, for pages where trafilatura's metadata pass found no date."""
    try:
        found = htmldate.find_date(html, url=url, original_date=True)
    except (ValueError, TypeError):
        return None
    return found or None
