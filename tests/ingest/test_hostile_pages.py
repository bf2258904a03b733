"""Pages that hide or lose their text, and metadata pages state that must not be lost or
doubled: deep nesting, a lead beside the body, og:site_name and the canonical URL, an
author named twice, and the outlet of a plain-text file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.config import make_options
from unspin.document import Source
from unspin.errors import NoArticleFound
from unspin.ingest import article_from_html, read_input, read_inputs
from unspin.ingest.html import one_each
from unspin.ingest.htmltree import FLAT_DEPTH, MAX_DEPTH, depth, parse_page

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
PARAGRAPHS = [
    "The council voted on Tuesday to close the night line, citing falling ridership.",
    "Shift workers at the hospital said they would have no way to get home after midnight.",
    "The transport committee counted 212 passengers a night last year, down from 600.",
    "A petition against the closure, signed by about 4,000 people, goes to the mayor.",
]


def nested(levels: int, tag: str = "div") -> str:
    """A page whose article sits inside ``levels`` nested elements."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>Night line</title></head><body><nav><a href='/'>Home</a></nav>"
            f"{f'<{tag}>' * levels}<article>{body}</article>{f'</{tag}>' * levels}"
            "</body></html>")


def read(html: str) -> str:
    return article_from_html(html, Source(path="page.html"), make_options()).text


# --- Deep nesting ------------------------------------------------------------------------


@pytest.mark.parametrize("levels", [250, 300, 1000, MAX_DEPTH - 10])
def test_hostile_pages_deep_nesting_still_yields_the_text(levels: int) -> None:
    """300 nested divs gave "no article text found" (250 worked): a browser shows it."""
    text = read(nested(levels))
    assert text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("tag", ["span", "blockquote", "section"])
def test_hostile_pages_deep_nesting_of_other_tags(tag: str) -> None:
    assert all(p in read(nested(600, tag)) for p in PARAGRAPHS)


@pytest.mark.parametrize("levels", [MAX_DEPTH, 5000])
def test_hostile_pages_too_deep_says_so(levels: int) -> None:
    with pytest.raises(NoArticleFound, match=f"nested deeper than {MAX_DEPTH:,} levels"):
        read(nested(levels))


def test_hostile_pages_flattening_keeps_text_order_and_leaves_normal_pages_alone() -> None:
    tree = parse_page(nested(700), "page.html")
    assert depth(tree) <= FLAT_DEPTH
    flat = " ".join(tree.text_content().split())
    assert [flat.index(p) for p in PARAGRAPHS] == sorted(flat.index(p) for p in PARAGRAPHS)
    normal = parse_page(nested(20), "page.html")
    assert depth(normal) == 20 + 4  # html, body, the divs, article, p: untouched


def test_hostile_pages_alternating_deep_tree_is_flattened() -> None:
    """Not a chain of wrappers: every level holds text and another level."""
    levels = 900
    html = ("<html><body>" + "".join(f"<div>level {i} text" for i in range(levels))
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * levels + "</body></html>")
    tree = parse_page(html, "page.html")
    assert depth(tree) <= FLAT_DEPTH + 2
    assert "level 899 text" in tree.text_content()


# --- The lead ----------------------------------------------------------------------------


def test_hostile_pages_lead_beside_the_body_is_kept() -> None:
    """RT's lead ("Three people have died during protests in Bolivia ...") was dropped:
    trafilatura read only the body element beside it."""
    text = read((PAGES / "rt-style-lead.html").read_text(encoding="utf-8"))
    assert text.startswith("Three people have died during protests in Bolivia")
    assert text.count("Three people have died") == 1
    assert "The latest deaths came on Wednesday night in Montero" in text
    assert "Election observers call for calm" not in text


LEAD = ("Three people have died during protests in Bolivia, as supporters and opponents of "
        "the president clashed in several cities.")


@pytest.mark.parametrize("lead_html", [
    f'<div class="summary" style="display:none">{LEAD}</div>',
    f'<div class="summary" hidden>{LEAD}</div>',
    f'<div class="summary"><a href="/a">{LEAD}</a></div>',
    f'<div class="promo">{LEAD}</div>',
    '<div class="summary">Too short to be a lead.</div>',
])
def test_hostile_pages_a_hidden_or_unnamed_lead_is_not_taken(lead_html: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f"<html><body><div class='article'><h1>Night line</h1>{lead_html}"
            f"<div class='article__text'>{body}</div></div></body></html>")
    text = read(html)
    assert "Three people" not in text and "Too short" not in text


# --- Metadata ----------------------------------------------------------------------------


def test_hostile_pages_site_canonical_url_and_one_author() -> None:
    article = read_input(str(PAGES / "breitbart-style-meta.html"), make_options())
    meta = article.metadata
    assert meta.site == "Metropolitan Courier"
    assert meta.url == ("https://www.metropolitan-courier.example/local/2016/12/22/"
                        "council-closes-night-line/")
    assert meta.author == "Jeffrey Gettleman"  # was "Jeffrey Gettleman; JEFFREY GETTLEMAN"


@pytest.mark.parametrize("names,expected", [
    ("Jeffrey Gettleman; JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
    ("JEFFREY GETTLEMAN; Jeffrey Gettleman", "Jeffrey Gettleman"),
    ("Stella Kim; Jennifer Jett; stella kim", "Stella Kim; Jennifer Jett"),
    ("Ahiza Garcia", "Ahiza Garcia"),
    ("", None),
    (None, None),
])
def test_hostile_pages_each_author_once(names: str | None, expected: str | None) -> None:
    assert one_each(names) == expected


def test_hostile_pages_fetched_url_wins_and_relative_canonical_is_ignored() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f"<html><head><link rel='canonical' href='/local/night-line'></head>"
            f"<body><article>{body}</article></body></html>")
    source = Source(url="https://fetched.example/a")
    assert article_from_html(html, source, make_options()).metadata.url is None
    found = article_from_html(html, source, make_options(), url="https://fetched.example/a")
    assert found.metadata.url == "https://fetched.example/a"


@pytest.mark.slow
def test_hostile_pages_breitbart_site_and_url_are_read(shared_dir: Path) -> None:
    """On this page trafilatura alone gave site and URL null."""
    page = shared_dir / "data" / "readability-test-pages" / "pages" / "breitbart" / "source.html"
    if not page.is_file():
        pytest.skip(f"needs {page}")
    meta = read_input(str(page), make_options()).metadata
    assert meta.site == "Breitbart"
    assert meta.url == ("http://www.breitbart.com/tech/2016/12/22/neutral-snopes-fact-checker-"
                        "david-emery-un-angry-trump-supporters/")


# --- The outlet of plain text: --site, a JSON Lines field, or unknown ----------------------


def test_hostile_pages_plain_text_names_no_site_unless_told(tmp_path: Path) -> None:
    folder = tmp_path / "pn"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text("Night Line Closes\n\n" + " ".join(PARAGRAPHS), encoding="utf-8")
    assert read_input(str(path), make_options()).metadata.site is None
    told = read_input(str(path), make_options(site="Metropolitan Courier"))
    assert told.metadata.site == "Metropolitan Courier"


def test_hostile_pages_site_wins_over_the_page_but_not_over_a_record(tmp_path: Path) -> None:
    page = read_input(str(PAGES / "breitbart-style-meta.html"), make_options(site="Mine"))
    assert page.metadata.site == "Mine"
    lines = tmp_path / "wires.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in [
        {"text": " ".join(PARAGRAPHS), "site": "Kyiv Daily"},
        {"text": " ".join(reversed(PARAGRAPHS))},
    ]) + "\n", encoding="utf-8")
    found = [o.article.metadata.site for o in read_inputs(str(lines), make_options(site="Mine"))
             if o.article]
    assert found == ["Kyiv Daily", "Mine"]
