"""HTML pages: main text without the page around it, metadata, and pages with no article."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.config import Options
from unspin.document import Source
from unspin.errors import NoArticleFound
from unspin.ingest import article_from_html, read_input
from unspin.ingest.html import looks_like_html, meta_charset

# What each example's main text must and must not contain (gold, in the trafilatura way).
GOLD = {
    "news-port-strike.html": {
        "must": [
            "More than 4,000 shipping containers are stranded on the quayside",
            "Workers are seeking an increase of nearly 12%",
            '"We have not taken this decision lightly," said Gareth Pryce',
            "Critics argue that ministers have been too slow to intervene.",
            'prepared to stay out "for as long as it takes".',
        ],
        "must_not": [
            "Accept all cookies", "Subscribe from just", "Most read", "Coastal flood warnings",
            "Save up to 40% on business broadband", "Dream cruises", "Share on Facebook",
            "Email this story", "All rights reserved", "Will automation replace",
            "Get the Business Briefing", "Sign in",
        ],
        "metadata": {
            "title": "Port strike leaves thousands of containers stranded as talks collapse",
            "author": "Eleanor Vance", "date": "2024-06-12", "site": "The Harbour Courier",
            "url": "https://www.harbourcourier.example/business/2024/06/12/"
                   "westmouth-port-strike-talks-collapse",
        },
    },
    "opinion-energy-prices.html": {
        "must": [
            "nearly 60% more than before the crisis began",
            "Dr Helen Marsh, who leads the fuel poverty research group",
            "Experts say a social tariff",
            "It is a con with a regulator's logo on it.",
            "Families in the coldest homes know better, even if their ministers do not.",
        ],
        "must_not": [
            "Support independent journalism", "My account", "Trending now",
            "Mortgage rates fall", "SolarBright", "Money Matters email", "Copy link",
            "Comments (214)", "Spot on. My standing charge", "Cookie policy",
            "All rights reserved", "This site uses cookies",
        ],
        "metadata": {
            "title": "The energy price cap is a con, and households are paying for it",
            "author": "Daniel Okafor", "date": "2024-02-19", "site": "Northern Ledger",
            "url": "https://northernledger.example/opinion/energy-price-cap-con",
        },
    },
}

SCRIPT_ONLY = """<!doctype html><html><head><title>Loading…</title>
<script src="/app.js"></script></head>
<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript>
<script>window.__STATE__ = {"article": null, "user": {"loggedIn": false}};</script>
</body></html>"""

LOGIN_WALL = """<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="paywall"><h2>Subscribe to keep reading</h2><p>Log in or subscribe.</p></div>
<footer>© 2024 Example News</footer></body></html>"""


@pytest.fixture(scope="module", params=sorted(GOLD))
def example(request: pytest.FixtureRequest, examples_dir: Path) -> tuple[str, str]:
    name: str = request.param
    article = read_input(str(examples_dir / name), Options())
    assert article.format == "html"
    return name, article.text


def test_html_main_text_has_body_paragraphs(example: tuple[str, str]) -> None:
    name, text = example
    for expected in GOLD[name]["must"]:
        assert expected in text, f"{name}: lost {expected!r}"


def test_html_main_text_has_no_boilerplate(example: tuple[str, str]) -> None:
    name, text = example
    for unwanted in GOLD[name]["must_not"]:
        assert unwanted not in text, f"{name}: kept boilerplate {unwanted!r}"


def test_html_paragraphs_separated_by_blank_lines(example: tuple[str, str]) -> None:
    _, text = example
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= 10
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_html_metadata(examples_dir: Path, name: str) -> None:
    article = read_input(str(examples_dir / name), Options())
    metadata = GOLD[name]["metadata"]
    assert isinstance(metadata, dict)
    for key, value in metadata.items():
        assert getattr(article.metadata, key) == value, key
    assert article.source == Source(path=str(examples_dir / name))


def test_html_url_argument_wins(examples_dir: Path) -> None:
    page = (examples_dir / "news-port-strike.html").read_text(encoding="utf-8")
    final = "https://www.harbourcourier.example/amp/port-strike"
    article = article_from_html(page, Source(url=final), Options(), url=final)
    assert article.metadata.url == final


@pytest.mark.parametrize("page", [SCRIPT_ONLY, LOGIN_WALL], ids=["script-only", "login-wall"])
def test_html_no_article_found(page: str) -> None:
    with pytest.raises(NoArticleFound, match=r"^page\.html: no article text found \(navigation"):
        article_from_html(page, Source(path="page.html"), Options())


def test_html_min_article_chars_respected(examples_dir: Path) -> None:
    page = (examples_dir / "news-port-strike.html").read_bytes()
    with pytest.raises(NoArticleFound, match="need 100000"):
        article_from_html(page, Source(path="p"), Options(min_article_chars=100_000))


def test_html_txt_file_that_is_html_sniffed(tmp_path: Path, examples_dir: Path) -> None:
    saved = tmp_path / "saved-page.txt"
    saved.write_bytes((examples_dir / "opinion-energy-prices.html").read_bytes())
    article = read_input(str(saved), Options())
    assert article.format == "html"
    assert "Trending now" not in article.text


def test_html_file_without_markup_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.html"
    path.write_text("Just a note, no markup at all.\n", encoding="utf-8")
    assert read_input(str(path), Options()).format == "text"


def test_html_meta_charset_decoded(tmp_path: Path) -> None:
    body = "<p>" + "Le caf\u00e9 \u00e9tait ferm\u00e9 et les na\u00effs attendaient. " * 8 + "</p>"
    page = f'<html><head><meta charset="windows-1252"><title>T</title></head><body>{body}</body></html>'
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    article = read_input(str(path), Options())
    assert "Le café était fermé et les naïfs attendaient." in article.text


@pytest.mark.parametrize("text, expected", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("\ufeff  <html lang=en>", True),
    ("<p>One</p>\n<div>Two</div>", True),
    ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
    ("Headline\n\nThe <b> tag and <html> are mentioned in prose.", False),
    ("A plain article about ports.", False),
])
def test_html_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


@pytest.mark.parametrize("data, expected", [
    (b'<meta charset="utf-8">', "utf-8"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    (b"<meta charset=shift_jis>", "shift_jis"),
    (b'<meta charset="no-such-charset">', None),
    (b"<p>no meta</p>", None),
])
def test_html_meta_charset(data: bytes, expected: str | None) -> None:
    assert meta_charset(data) == expected
