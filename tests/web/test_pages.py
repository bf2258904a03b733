"""The pages: every layer drawn in place and explained, forms that need their CSRF token,
corrections shown after a reload, hostile text escaped. No browser here: test_browser.py
runs the same pages in Chromium."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from unspin.document import Dateline
from unspin.web.findings import Mark, page
from unspin.web.highlight import pieces, visible

from .conftest import TEXT, TOKEN, handmade, store


def _csrf(client: TestClient, url: str = "/") -> str:
    html = client.get(url).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page offers no form"
    return found.group(1)


def test_pages_article_draws_every_layer_with_its_explanation(client: TestClient,
                                                             stored: str) -> None:
    html = client.get(f"/articles/{stored}").text
    for css in ("part-headline", "tech tq-8", "claim", "number", "quote", "q-speaker", "q-cue",
                "q-content", "src-named", "src-vague", "removed", "ent"):
        assert re.search(rf'class="hl [^"]*\b{css}\b', html), css
    # Overlapping techniques: the piece "brutal" names both, and both explain themselves.
    assert re.search(r'data-f="[^"]*\bt0\b[^"]*\bt1\b[^"]*"[^>]*>brutal<', html)
    for finding, words in (("t0", "Uses words chosen for their emotional charge"),
                           ("c0", "lower bound 21,000"), ("q0", "speaker: Ana Ruiz"),
                           ("s1", "vague source"), ("n0-0", "counted: passengers"),
                           ("r0", "removed before analysis: ad")):
        block = html.split(f'id="d-{finding}"', 1)[1].split("</div>", 1)[0]
        assert words in block, finding
    assert 'tabindex="0"' in html and html.count('role="tooltip"') == 1
    assert "25 claims" not in html and "1 claim: 1 named (100%)" in html


def test_pages_side_panels_list_claims_quotes_sources_entities(client: TestClient,
                                                             stored: str) -> None:
    html = client.get(f"/articles/{stored}").text

    def panel(name: str, following: str) -> str:
        return html.split(f'id="panel-{name}"', 1)[1].split(f'id="{following}"', 1)[0]

    claims = panel("claims", "panel-quotes")
    assert "Officials said more than 21,000" in claims and "period: in October" in claims
    assert "source: Officials (named organisation)" in claims
    quotes = panel("quotes", "panel-sources")
    assert "speaker: Ana Ruiz (a council member)" in quotes and "cue: “said”" in quotes
    sources = panel("sources", "panel-entities")
    assert "Named organisations" in sources and "Vague sources" in sources
    assert "PERSON" in panel("entities", "panel-removed")
    assert f"/api/v1/articles/{stored}/report" in html and "analysis?download=true" in html


def test_pages_a_correction_persists_and_shows(client: TestClient, stored: str) -> None:
    token = _csrf(client, f"/articles/{stored}")
    form = {"csrf_token": token, "layer": "techniques", "verdict": "wrong", "ord": "0",
            "reason": "a fair word here", "author": "Ana"}
    saved = client.post(f"/articles/{stored}/corrections", data=form, follow_redirects=False)
    assert saved.status_code == 303
    html = client.get(f"/articles/{stored}").text
    assert "Marked wrong by Ana" in html and "a fair word here" in html
    assert re.search(r'class="hl [^"]*\bwrong\b[^"]*"[^>]*>brutal<', html)
    missed = {"csrf_token": token, "layer": "sources", "verdict": "missed", "words": "Critics",
              "label": "vague", "author": "Ana"}
    assert client.post(f"/articles/{stored}/corrections", data=missed,
                       follow_redirects=False).status_code == 303
    html = client.get(f"/articles/{stored}").text
    assert re.search(r'class="hl [^"]*\bmissed\b[^"]*"[^>]*>Critics<', html)


def test_pages_forms_need_their_csrf_token(client: TestClient, stored: str) -> None:
    _csrf(client, f"/articles/{stored}")  # the cookie is set, the field is not sent
    form = {"layer": "claims", "verdict": "wrong", "ord": "0", "author": "x"}
    refused = client.post(f"/articles/{stored}/corrections", data=form)
    assert refused.status_code == 403 and "security token" in refused.text
    refused = client.post(f"/articles/{stored}/corrections",
                          data={**form, "csrf_token": "forged"})
    assert refused.status_code == 403
    assert client.post("/analyze", data={"text": "x" * 300}).status_code == 403


def test_pages_missed_words_that_occur_twice_must_be_selected(client: TestClient,
                                                             stored: str) -> None:
    token = _csrf(client, f"/articles/{stored}")
    form = {"csrf_token": token, "layer": "claims", "verdict": "missed", "words": "the",
            "author": "x"}
    refused = client.post(f"/articles/{stored}/corrections", data=form)
    assert refused.status_code == 400 and "more than once" in refused.text
    at = TEXT.index("the plan")
    chosen = {**form, "start": str(at), "end": str(at + 3)}
    assert client.post(f"/articles/{stored}/corrections", data=chosen,
                       follow_redirects=False).status_code == 303


def test_pages_with_a_token_forms_need_a_login(token_client: TestClient) -> None:
    stored = store(token_client)
    html = token_client.get(f"/articles/{stored}").text
    assert "Mark wrong" not in html and "Log in to edit" in html
    token = _csrf(token_client, "/login")
    bad = token_client.post("/login", data={"token": "nope", "csrf_token": token})
    assert bad.status_code == 401
    good = token_client.post("/login", data={"token": TOKEN, "csrf_token": token},
                             follow_redirects=False)
    assert good.status_code == 303 and "unspin_session" in good.headers["set-cookie"]
    assert "HttpOnly" in good.headers["set-cookie"]
    assert "Mark wrong" in token_client.get(f"/articles/{stored}").text


def test_pages_paste_analyses_stores_and_redirects(client: TestClient) -> None:
    token = _csrf(client)
    made = client.post("/analyze", data={"csrf_token": token, "text": TEXT, "title": "Pasted"},
                       follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"].startswith("/articles/")
    html = client.get(made.headers["location"]).text
    assert "<h1>Pasted</h1>" in html


HOSTILE = ("Headline <script>window.pwned = 1</script>\n"
           "<img src=x onerror=\"window.pwned = 2\"> and <a href=\"javascript:window.pwned=3\">"
           "click</a>; terminal: \x1b[31mred\x1b[0m \x1b]0;title\x07 and \u202eevil\u202c.\n")


def test_pages_hostile_text_is_escaped_and_control_characters_shown(client: TestClient) -> None:
    token = _csrf(client)
    made = client.post("/analyze", data={"csrf_token": token, "text": HOSTILE},
                       follow_redirects=False)
    html = client.get(made.headers["location"]).text
    body = html.split('id="article-text"', 1)[1].split("</section>", 1)[0]
    assert "<script>window" not in html and "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in body
    assert "<img" not in body and "<a href" not in body and "onerror=&#34;" in body
    assert "\x1b" not in html and "\u202e" not in html and "\u241b[31m" in body


def test_highlight_pieces_cut_at_every_boundary_and_keep_offsets() -> None:
    text = "abcdefghij"
    marks = [Mark(2, 6, ("a",), "x1"), Mark(4, 8, ("b",), "x2"), Mark(4, 5, ("c",))]
    cut = pieces(text, marks, {"x1", "x2"})
    assert [(p.start, p.text, p.classes, p.findings) for p in cut] == [
        (0, "ab", (), ()), (2, "cd", ("a",), ("x1",)), (4, "e", ("a", "b", "c"), ("x1", "x2")),
        (5, "f", ("a", "b"), ("x1", "x2")), (6, "gh", ("b",), ("x2",)), (8, "ij", (), ())]
    assert [p.starts for p in cut] == [(), ("x1",), ("x2",), (), (), ()]
    assert [p.focus for p in cut] == [False, True, True, False, False, False]
    assert "".join(p.text for p in cut) == text


def test_highlight_control_characters_become_visible_one_for_one() -> None:
    raw = "a\x1b[0mb\x07c\u202ed\te\nf\x85g"
    shown = visible(raw)
    assert len(shown) == len(raw) and shown.startswith("a\u241b[0mb\u2407c\ufffdd\te\nf")


def test_findings_unknown_fields_are_shown_under_more() -> None:
    analysis = handmade()
    data = analysis.to_dict()
    data["techniques"][0]["explanation"] = "the adjective carries the judgement"
    data["quotes"][0]["speaker_confidence"] = 0.734
    shown = page(analysis, data, [])
    assert ("explanation", "the adjective carries the judgement") in shown.findings[
        "techniques"][0].more
    assert ("speaker confidence", "0.734") in shown.findings["quotes"][0].more


def test_findings_resolved_and_unresolved_speakers_say_so(client: TestClient) -> None:
    analysis = handmade()
    quote = analysis.quotes[0]
    analysis.quotes = [dataclasses.replace(
        quote, speaker_name=None, speaker_description=None, speaker_kind="named_person",
        candidates=("Ana Ruiz", "Ben Okafor"))]
    shown = page(analysis, analysis.to_dict(), [])
    assert "speaker: “Ana Ruiz” (unresolved: Ana Ruiz or Ben Okafor)" in shown.findings[
        "quotes"][0].lines
    assert shown.findings["quotes"][0].more == []  # said once, in the words
    analysis.quotes = [dataclasses.replace(quote, speaker_name=None, speaker_kind="vague")]
    assert page(analysis, analysis.to_dict(), []).findings["quotes"][0].lines[0] == (
        "speaker: “Ana Ruiz” — vague source")

    analysis.metadata.dateline = Dateline(0, 4, "Rail", "VALLEY TOWN", "AP")
    html = client.get(f"/articles/{store(client, analysis)}").text
    assert "VALLEY TOWN (AP)" in html


@pytest.mark.parametrize("layer", ["techniques", "claims", "quotes", "sources", "removed"])
def test_findings_every_layer_can_be_marked_wrong(client: TestClient, stored: str,
                                                  layer: str) -> None:
    token = _csrf(client, f"/articles/{stored}")
    form = {"csrf_token": token, "layer": layer, "verdict": "wrong", "ord": "0", "author": "x"}
    assert client.post(f"/articles/{stored}/corrections", data=form,
                       follow_redirects=False).status_code == 303
    assert f'id="item-{layer[0]}0" class="finding is-wrong"' in client.get(
        f"/articles/{stored}").text
