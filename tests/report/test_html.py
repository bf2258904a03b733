from __future__ import annotations

import re
from html.parser import HTMLParser

from unspin.document import Analysis, Article, Entity, Removed, Source, Span, TechniqueSpan
from unspin.report import render_html
from unspin.report.html import anchor


def _analysis() -> Analysis:
    text = "<script>alert(1)</script> The corrupt regime & its lies. AD"
    analysis = Analysis.from_article(Article(source=Source(path="x.txt"), text=text))
    s = text.index("corrupt regime")
    analysis.techniques = [
        TechniqueSpan(s, s + 14, text[s:s + 14], "Name_Calling,Labeling", 0.9),
        TechniqueSpan(s, s + 7, text[s:s + 7], "Loaded_Language", 0.8),
    ]
    analysis.entities = [Entity(text.index("regime"), text.index("regime") + 6, "regime", "ORG")]
    analysis.removed = [Removed(len(text) - 2, len(text), "AD", "ad", "test")]
    return analysis


def test_html_escapes_article_text_and_has_no_external_assets() -> None:
    page = render_html([_analysis()])
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(src|href)=\"https?:", page)
    assert "&amp; its lies" in page


def test_html_overlapping_techniques_are_both_shown() -> None:
    page = render_html([_analysis()])
    assert 'class="technique multi"' in page
    assert "Name_Calling,Labeling (0.90); Loaded_Language (0.80)" in page


def test_html_marks_removed_text() -> None:
    page = render_html([_analysis()])
    assert 'class="removed" title="removed: ad"' in page


class _ArticleText(HTMLParser):
    """Reads the highlighted article back: the characters it shows, where each anchor sits
    in them, and the offsets each piece claims to cover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""
        self.anchors: dict[str, int] = {}
        self.pieces: list[tuple[int, int, int]] = []  # data-start, data-end, offset shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth:
            self.depth += 1
            if found.get("id"):
                self.anchors[found["id"]] = len(self.text)
            if found.get("data-start") is not None:
                self.pieces.append((int(found["data-start"] or 0),
                                    int(found["data-end"] or 0), len(self.text)))
        elif tag == "div" and found.get("class") == "article":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text += data


def _read(page: str) -> _ArticleText:
    reader = _ArticleText()
    reader.feed(page)
    return reader


def test_html_claims_and_quotes_are_escaped(hostile: Analysis) -> None:
    page = render_html([hostile])
    assert "<script>" not in page and "[bold]this[/bold]" in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; [bold]") >= 3  # text, lists


def test_html_anchors_point_at_the_exact_characters(hostile: Analysis) -> None:
    page = render_html([hostile])
    shown = _read(page)
    assert shown.text == hostile.text
    findings: list[tuple[str, Span]] = [("claim", c) for c in hostile.claims]
    findings += [("quote", q) for q in hostile.quotes]
    findings += [("number", n) for c in hostile.claims for n in c.numbers]
    findings += [("source", c.source) for c in hostile.claims]
    for kind, span in findings:
        name = anchor("a0", kind, span)
        assert f'href="#{name}"' in page, f"{name} is not linked from the lists"
        start = shown.anchors[name]
        assert start == span.start
        assert shown.text[start:start + len(span.text)] == span.text
    for start, end, offset in shown.pieces:
        assert offset == start and end > start


def test_html_layers_claims_quotes_and_vague_sources(hostile: Analysis) -> None:
    page = render_html([hostile])
    for css in ("claim", "number", "quote", "speaker", "cue", "vague"):
        assert re.search(rf'class="[^"]*\b{css}\b[^"]*" title=', page), css
    assert 'title="vague source' in page or "vague source;" in page
    assert page.count('type="checkbox"') == 5
    assert "lower bound 21,000" in page and "(unresolved: year not stated" in page
    assert "<h2 id=\"a0-sourcing\">Sourcing</h2>" in page
    assert "2 claims: 1 named (50%), 1 vague, 0 without a source" in page


def test_html_says_when_the_claims_stage_did_not_run(hostile: Analysis) -> None:
    hostile.claims, hostile.sourcing, hostile.stages = [], None, []
    page = render_html([hostile])
    assert "claims not analysed: the claims stage did not run" in page
    hostile.stages = ["unspin.claims.v1", "unspin.quotes.v1"]
    assert "no check-worthy claims found" in render_html([hostile])


def test_html_ids_are_unique_and_every_link_lands(hostile: Analysis) -> None:
    page = render_html([hostile, _analysis(), hostile])
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= set(ids)


def test_html_claims_strongest_first_with_the_threshold_explained(hostile: Analysis) -> None:
    import dataclasses

    from unspin.report import render_html

    first, second = hostile.claims
    analysis = dataclasses.replace(hostile, claims=[dataclasses.replace(first, score=0.75),
                                                    second])
    page = render_html([analysis])
    assert page.index('"score">0.80') < page.index('"score">0.75')
    assert "Strongest first" in page and "threshold" in page
