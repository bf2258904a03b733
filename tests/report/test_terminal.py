"""Article text reaches the terminal with every control character neutralised, and markup
in an article is shown, never interpreted."""

from __future__ import annotations

import json
import unicodedata

import pytest

from unspin.document import Analysis, Article, Entity, Metadata, Removed, Source, TechniqueSpan
from unspin.report import render
from unspin.report.terminal import BIDI_CONTROLS, is_printable, one_line, printable
from unspin.report.text import render_text

ESC = "\x1b"
SET_TITLE = f"{ESC}]0;PWNED\x07"
CLEAR_SCREEN = f"{ESC}[2J"
RED = f"{ESC}[31m"
# Right-to-left override: "invoice_\u202egnp.exe" shows as "invoice_exe.png".
RLO = "\u202e"


def controls(text: str) -> list[str]:
    """Every character a terminal would act on: C0 (but newline and tab), DEL, C1, bidi."""
    return [c for c in text if (unicodedata.category(c) == "Cc" and c not in "\n\t")
            or c in BIDI_CONTROLS]


@pytest.mark.parametrize("hostile", [
    SET_TITLE, CLEAR_SCREEN, RED, "\x9b31m", "\x07", "\r", "\x08\x08\x08", "\x7f",
    f"invoice_{RLO}gnp.exe", "\u2066isolate\u2069", "\x00",
])
def test_terminal_printable_neutralises_every_control(hostile: str) -> None:
    shown = printable(f"before {hostile} after")
    assert controls(shown) == []
    assert len(shown) == len(f"before {hostile} after")  # offsets still hold


def test_terminal_printable_shows_escape_visibly_and_keeps_layout() -> None:
    assert printable(SET_TITLE) == "␛]0;PWNED␇"
    assert printable("one\n\ttwo") == "one\n\ttwo"
    assert printable("plain text, “quotes” — and ünïcödé") == "plain text, “quotes” — and ünïcödé"
    assert one_line("a\nb\tc" + ESC) == "a␊b␉c␛"
    assert is_printable("fine") and not is_printable(CLEAR_SCREEN)


def _hostile_analysis() -> Analysis:
    """The issue's case: a title that sets the window title, text that clears the screen,
    and two entities that, escaped one by one and joined, formed a Rich closing tag."""
    text = (f"Title {SET_TITLE} body {CLEAR_SCREEN} [link=https://evil.example]click here"
            f"[/link] next to {RED}red {RLO}gnp.exe :smile: [/bold]\n\nMore text follows.")
    analysis = Analysis.from_article(Article(
        source=Source(path=f"evil{CLEAR_SCREEN}.txt"), text=text,
        metadata=Metadata(title=f"{SET_TITLE}News [/link, {ESC}[", site=f"Site{RED}",
                          author=f"A{RLO}uthor")))
    start = text.index("[link")
    analysis.entities = [Entity(0, 5, "[/link", "PERSON"), Entity(6, 10, f", {ESC}[]", "PERSON"),
                         Entity(start, start + 27, text[start:start + 27], "ORG")]
    end = text.index("\n")
    analysis.removed = [Removed(start, end, text[start:end], "ad", "test")]
    analysis.techniques = [TechniqueSpan(start, start + 40, text[start:start + 40],
                                         "Loaded_Language", 0.9)]
    analysis.notes = [f"a note with {CLEAR_SCREEN}"]
    return analysis


def test_terminal_text_report_of_a_hostile_article_is_inert() -> None:
    out = render_text([_hostile_analysis()])
    assert controls(out) == []
    assert "␛]0;PWNED␇" in out and "␛[2J" in out  # shown, so an analyst sees it was there
    assert "[link=https://evil.example]click here[/link]" in out  # as written, not a link
    assert ":smile:" in out and "[/bold]" in out


def test_terminal_joined_entities_no_longer_crash_the_report() -> None:
    """'[/link' and ', ESC[]' joined with ', ' made '[/link, ESC[]': MarkupError, exit 70."""
    out = render_text([_hostile_analysis()])
    assert "[/link, " in out


def test_terminal_every_format_of_a_hostile_article_renders() -> None:
    analysis = _hostile_analysis()
    for fmt in ("text", "json", "jsonl", "html"):
        assert render([analysis], fmt)


def test_terminal_json_escapes_c1_and_bidi_and_means_the_same() -> None:
    analysis = _hostile_analysis()
    analysis.notes.append("csi \x9b2J and \u202e")
    for fmt in ("json", "jsonl"):
        written = render([analysis], fmt)
        assert controls(written) == [] and "\\u009b" in written and "\\u202e" in written
        assert json.loads(written) == analysis.to_dict()


def test_terminal_report_keeps_the_analysis_unchanged() -> None:
    analysis = _hostile_analysis()
    before = analysis.to_dict()
    render_text([analysis])
    assert analysis.to_dict() == before
