from __future__ import annotations

import re

from unspin.document import Analysis, Article, Entity, Removed, Source, TechniqueSpan
from unspin.report import render_html


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
