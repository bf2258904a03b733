"""Fuzzing the readers and the reports with generated hostile input (Hypothesis).

Pages, feeds, WARC records and JSON Lines are built from pieces an attacker would use:
terminal escape sequences, C0 and C1 controls, bidi overrides, Rich markup, HTML that
nests deeply or never closes, broken XML and JSON, stray bytes. For every input: reading
never raises (a bad article is an error ``Outcome``), an error message is one line once
shown, and no report of what was read lets a control character reach the terminal. The
models are not run (cleaning, parts and language are), and examples are few and
derandomised, so the whole file runs in well under a minute and the same way in CI.
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspin.cli import main
from unspin.config import make_options
from unspin.document import Analysis, Outcome, Source
from unspin.errors import UnspinError
from unspin.ingest import article_from_html, read_inputs
from unspin.report import render
from unspin.report.terminal import BIDI_CONTROLS, one_line
from unspin.stages.clean import CleanStage
from unspin.stages.language import LanguageStage
from unspin.stages.parts import PartsStage

FUZZ = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
OPTIONS = make_options(min_article_chars=20)

HOSTILE = [
    "\x1b]0;PWNED\x07", "\x1b[2J", "\x1b[31m", "\x1bP+q\x1b\\", "\x9b6n", "\x07", "\r", "\x08",
    "\x00", "\x7f", "\u202e", "\u2066", "\u200f", "\ufeff", "[link=https://evil.example]",
    "[/link]", "[bold]", "[/", ":smile:", "<script>alert(1)</script>", "&amp;", "&#27;",
    "]]>", "<![CDATA[", "{", "\"", "\\", "\n", "\n\n", "Advertisement", "Continue reading",
]
WORDS = ["the", "council", "voted", "to", "close", "night", "line", "on", "Tuesday", "said",
         "officials", "more", "than", "4,000", "people", "signed", "a", "petition", "."]


def controls(text: str) -> list[str]:
    return [c for c in text if (unicodedata.category(c) == "Cc" and c not in "\n\t")
            or c in BIDI_CONTROLS]


hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(WORDS),
                                  st.text(max_size=6)), max_size=40).map(" ".join)
TAGS = ["div", "p", "span", "article", "section", "a", "b", "h1", "li", "ul", "table", "tr",
        "td", "script", "style", "nav", "aside", "blockquote", "header", "main", "figure"]
ATTRIBUTES = ["", ' class="summary"', ' class="article__text"', " hidden",
              ' style="display:none"', ' id="lead"', ' class="teaser"', ' href="javascript:x"']


@st.composite
def elements(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(st.sampled_from(ATTRIBUTES))
    children = draw(st.lists(
        hostile_text if depth > 3 else st.one_of(hostile_text, elements(depth + 1)),
        max_size=4))
    closing = draw(st.sampled_from([f"</{tag}>", ""]))  # pages that never close a tag
    return f"<{tag}{attributes}>{''.join(children)}{closing}"


@st.composite
def pages(draw: st.DrawFn) -> str:
    levels = draw(st.sampled_from([0, 0, 0, 300, 1500, 2100]))
    title = draw(hostile_text)
    body = "".join(draw(st.lists(elements(), min_size=1, max_size=5)))
    metas = draw(st.sampled_from([
        "", f'<meta property="og:site_name" content="{title[:30]}">',
        '<link rel="canonical" href="javascript:alert(1)">',
        '<meta name="author" content="A B; a b; \x1b[2J">']))
    return (f"<html><head><title>{title}</title>{metas}</head><body>{'<div>' * levels}"
            f"{body}{'</div>' * levels}</body></html>")


def check_outcomes(outcomes: list[Outcome]) -> None:
    """Every outcome reads, every error is one inert line, every report is inert."""
    assert outcomes
    for outcome in outcomes:
        if outcome.error is not None:
            line = one_line(outcome.message)
            assert "\n" not in line and controls(line) == []
            continue
        assert outcome.article is not None
        analysis = Analysis.from_article(outcome.article)
        for stage in (CleanStage(), PartsStage(), LanguageStage()):
            analysis = stage(analysis)
        check_reports(analysis)


def check_reports(analysis: Analysis) -> None:
    text = render([analysis], "text")
    assert controls(text) == []
    for fmt in ("json", "jsonl"):
        written = render([analysis], fmt)
        assert controls(written) == []
        assert json.loads(written) == analysis.to_dict()
    page = render([analysis], "html")
    assert "<script>alert" not in page


def read_all(path: Path) -> list[Outcome]:
    return list(read_inputs(str(path), OPTIONS))


@FUZZ
@given(page=pages())
def test_fuzz_html_reader_and_reports(page: str) -> None:
    try:
        article = article_from_html(page, Source(path="fuzz.html"), OPTIONS)
    except UnspinError as error:
        assert controls(one_line(str(error))) == []
        return
    check_outcomes([Outcome("fuzz.html", article=article)])


@FUZZ
@given(page=pages(), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_fuzz_html_files_in_any_encoding(tmp_path: Path, page: str, encoding: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding, "replace"))
    check_outcomes(read_all(path))


def rss(entries: list[tuple[str, str]], wrap: Callable[[str], str]) -> str:
    items = "".join(f"<item><title>{wrap(t)}</title><link>https://x.example/{i}</link>"
                    f"<description>{wrap(d)}</description></item>"
                    for i, (t, d) in enumerate(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{wrap("Feed")}</title>'
            f"{items}</channel></rss>")


@FUZZ
@given(entries=st.lists(st.tuples(hostile_text, st.one_of(hostile_text, pages())),
                        min_size=1, max_size=4),
       wrap=st.sampled_from(["cdata", "escaped", "raw"]))
def test_fuzz_feed_reader(tmp_path: Path, entries: list[tuple[str, str]], wrap: str) -> None:
    wrappers: dict[str, Callable[[str], str]] = {
        "cdata": lambda s: f"<![CDATA[{s}]]>",
        "escaped": lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        "raw": lambda s: s,
    }
    path = tmp_path / "feed.rss"
    path.write_text(rss(entries, wrappers[wrap]), encoding="utf-8")
    check_outcomes(read_all(path))


@settings(FUZZ, max_examples=10)
@given(records=st.lists(st.tuples(st.text(max_size=40).map(lambda s: "https://x.example/" + s),
                                  st.one_of(pages(), hostile_text),
                                  st.sampled_from(["text/html", "text/html; charset=utf-8",
                                                   "text/plain", "image/png"]),
                                  st.sampled_from(["200 OK", "404 Not Found"])),
                        min_size=1, max_size=3),
       gzip=st.booleans(), damage=st.sampled_from([0, 0, 7, 100]))
def test_fuzz_warc_reader(tmp_path: Path, records: list[tuple[str, str, str, str]],
                          gzip: bool, damage: int) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for uri, body, kind, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body.encode("utf-8", "replace")),
            http_headers=headers))
    data = buffer.getvalue()
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data[:-damage] if damage else data)  # a file cut short
    check_outcomes(read_all(path))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), hostile_text),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)


@FUZZ
@given(lines=st.lists(st.one_of(
    st.fixed_dictionaries({"text": hostile_text}, optional={
        "site": json_values, "title": json_values, "url": json_values}).map(json.dumps),
    st.fixed_dictionaries({"html": pages()}).map(json.dumps),
    json_values.map(json.dumps),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
), min_size=1, max_size=5))
def test_fuzz_jsonl_reader(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "wires.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape"))
    check_outcomes(read_all(path))


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(page=pages(), name=hostile_text)
def test_fuzz_cli_prints_nothing_a_terminal_acts_on(tmp_path: Path, page: str, name: str,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    safe_name = name.replace("/", "_").replace("\x00", "_")[:60] or "page"
    path = tmp_path / f"{safe_name}.html"
    path.write_text(page, encoding="utf-8", errors="replace")
    monkeypatch.setattr(sys, "argv", ["unspin", "analyze", "--stages",
                                      "unspin.clean.v1,unspin.parts.v1,unspin.language.v1",
                                      str(path)])
    try:
        main()
    except SystemExit as exit_:
        assert exit_.code in (0, 2, 4), exit_.code
    out, err = capsys.readouterr()
    assert controls(out) == [] and controls(err) == []
    assert "Traceback" not in err and err.count("\n") <= 1
