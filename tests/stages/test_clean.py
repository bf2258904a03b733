from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from unspin.document import Analysis, Article, Metadata, Removed, Source
from unspin.registry import specs
from unspin.stages.clean import CleanStage, find_origin
from unspin.stages.parts import PartsStage

ROOT = Path(__file__).resolve().parents[2]
# Measured with benchmarks/cleaning_ptc.py: 118 removals, 7,145 characters, none inside a
# gold span. The ceiling stops rules from quietly growing; the floor from quietly breaking.
PTC_REMOVED_CHARS_CEILING = 7_500
PTC_REMOVALS_FLOOR = 110

_BODY_BEFORE = "The first paragraph has a sentence. And another one here, with more words.\n\n"
_BODY_AFTER = "\n\nThe last paragraph goes on for a while, with more words in it than the others."


def _clean(text: str, fmt: str = "text", title: str | None = None,
           removed: list[Removed] | None = None) -> Analysis:
    article = Article(source=Source(path="t.txt"), text=text, format=fmt,
                      metadata=Metadata(title=title), removed=removed or [])
    return PartsStage()(CleanStage()(Analysis.from_article(article)))


def _in_body(line: str) -> str:
    return "A Headline For The Test\n\n" + _BODY_BEFORE + line + _BODY_AFTER


def _assert_exact(analysis: Analysis) -> None:
    previous_end = 0
    for r in analysis.removed:
        assert analysis.text[r.start:r.end] == r.text
        assert r.start >= previous_end, "removed spans overlap"
        previous_end = r.end


# --- Whole lines that are not article text ---------------------------------------------

REMOVED_LINES = [
    ("Advertisement", "ad", "advertisement"),
    ("ADVERTISEMENT", "ad", "advertisement"),
    ("- Advertisement -", "ad", "advertisement"),
    ("Story continues below advertisement", "ad", "advertisement-continues"),
    ("SPONSORED", "ad", "sponsored"),
    ("Sponsored content", "ad", "sponsored"),
    ("Sponsored by Acme Insurance", "ad", "sponsored"),
    ("Related:", "related", "related-label"),
    ("Related articles", "related", "related-label"),
    ("Related: Ukraine's army faces record desertions", "related", "related-label"),
    ("Read more: China Prepares for Moon Colony", "related", "related-label"),
    ("READ MORE:", "related", "related-label"),
    ("Read More", "related", "related-label"),
    ("See also: The war in numbers", "related", "related-label"),
    ("Recommended:", "related", "related-label"),
    ("More from the Washington Times:", "related", "related-label"),
    ("Share this article", "share", "share-this"),
    ("Share on Facebook", "share", "share-this"),
    ("Share on Twitter", "share", "share-this"),
    ("Click to share on Twitter (Opens in new window)", "share", "click-to-share"),
    ("Click below to Subscribe to The Remnant's YouTube channel!", "share", "click-to-share"),
    ("Subscribe to our newsletter", "share", "subscribe"),
    ("Subscribe Today!", "share", "subscribe"),
    ("SUBSCRIBE on YouTube:", "share", "subscribe"),
    ("Sign up for our free email newsletter, and we'll keep you in the loop.", "share",
     "sign-up"),
    ("Sign up here to get INSIDER's favorite stories straight to your inbox.", "share",
     "sign-up"),
    ("Get Fast Forward in your inbox: Forget yesterday's news.", "share", "inbox-promo"),
    ("Morning Agriculture A daily briefing on food policy — in your inbox.", "share",
     "inbox-promo"),
    ("Check out the PREVIEW and Subscribe Today!", "share", "subscribe-appeal"),
    ("Follow us on Twitter @unspin", "share", "follow-us"),
    ("Follow on Twitter: Follow @PrisonPlanet", "share", "follow-us"),
    ("Facebook: https://www.facebook.com/example/", "share", "social-handle"),
    ("Support our work", "share", "support-us"),
    ("Support our journalism Please consider subscribing today.", "share", "support-us"),
    ("Donate", "share", "support-us"),
    ("Donate now", "share", "support-us"),
    ("If you appreciated this one, please consider a donation.", "share", "support-us"),
    ("Photo: Reuters", "credit", "photo-credit"),
    ("Photo credit: Keilana, Roberta Mura", "credit", "photo-credit"),
    ("Image credit: NASA/JPL", "credit", "photo-credit"),
    ("Featured image: Wikimedia Commons", "credit", "photo-credit"),
    ("Pic: NASA", "credit", "photo-credit"),
    ("Image via Columbia University Asian American Alliance", "credit", "photo-via"),
    ("© Provided by Quartz", "credit", "caption-copyright-agency"),
    ("REUTERS/Chris Wattie", "credit", "agency-credit-line"),
    ("Dibyangshu Sarkar/AFP/Getty Images", "credit", "agency-credit-line"),
    ("Source: Reuters/AP", "credit", "source-agency"),
    ("Copyright © 2024 Example Media. All rights reserved.", "boilerplate", "copyright"),
    ("©2018 Los Angeles Times, Distributed by Tribune Content Agency, LLC.", "boilerplate",
     "copyright"),
    ("COPYRIGHT 2018 CREATORS.COM", "boilerplate", "copyright"),
    ("All rights reserved.", "boilerplate", "all-rights-reserved"),
    (("The views expressed in this article are solely those of the author and do not "
     "necessarily reflect those of this site."), "boilerplate", "views-expressed"),
    ("Click here to listen to this interview.", "boilerplate", "click-here"),
    ("We use cookies to give you the best experience on our website.", "boilerplate",
     "cookie-notice"),
    ("Tags: breaking, columbia university, culture", "boilerplate", "tags"),
    ("This article tagged under: Pardons", "boilerplate", "tags"),
    # Page furniture left in extracted pages (issue 17)
    ("Continue reading the main story", "furniture", "continue-reading"),
    ("Like this story? Share it with a friend!", "share", "like-this-story"),
    ("posted on April 21, 2015, at 11:29 a.m.", "furniture", "timestamp"),
    ("Updated: 3:46 PM ET, Wed March 11, 2015", "furniture", "timestamp"),
    ("Published 21 April 2015", "furniture", "timestamp"),
    ("More:", "related", "more-label"),
    ("More games news:", "related", "more-label"),
    ("Privacy Policy and Terms", "boilerplate", "privacy-terms"),
    ("Terms of Use | Privacy Policy | Cookie Policy", "boilerplate", "privacy-terms"),
    ("- 941 comments", "furniture", "comment-count"),
    ("Comments (12)", "furniture", "comment-count"),
    ("Loading Comments...", "furniture", "comment-count"),
    ("Submit comments on this post to <someone@example.org>.", "furniture", "comment-count"),
    ("- From the section US & Canada", "furniture", "section-label"),
    ("- Play Video", "furniture", "player-controls"),
    ("- Current Time 0:00", "furniture", "player-controls"),
    ("- Loaded: 0%", "furniture", "player-controls"),
    ("- subtitles off, selected", "furniture", "player-controls"),
    ("- 1 of 5", "furniture", "player-controls"),
    ("Media playback is unsupported on your device", "furniture", "player-controls"),
    ("This is a modal window. This modal can be closed by pressing the Escape key.",
     "furniture", "player-controls"),
    ("| Weekly edition | Kernel | Security | Distributions | Contact Us | Search |",
     "furniture", "navigation-row"),
    ("- Share on Twitter", "share", "share-this"),
    ("Image copyright Getty Images", "credit", "image-copyright"),
    ("Image caption The president said he was frustrated by the lack of progress.", "caption",
     "image-caption"),
    (("A new Bill would require telecommunications service providers to store so-called "
      "metadata for two years. Source: Supplied"), "caption", "caption-with-credit"),
    ("The harbour at dawn on Monday. Picture: Jake Nowakowski", "caption",
     "caption-with-credit"),
    (("- 1/50 United goin down Manchester United's absence from the Champions League hurt "
      "more than the fans' pride last year."), "caption", "gallery-caption"),
    ("Topics: uber, libertarians, Sydney, Technology News", "boilerplate", "tags"),
    ("| Minecraft News | Powered by Tumblr |", "boilerplate", "powered-by"),
    ("Comments and public postings are copyrighted by their creators.", "boilerplate",
     "copyrighted-by"),
    (("This website and all documents on it are licensed under a Creative Commons "
      "Attribution-Share Alike 3.0 United States License."), "boilerplate", "licence"),
    ("Other Opinion Columns", "related", "tail-label"),
    ("Most Read", "related", "tail-label"),
]


@pytest.mark.parametrize(("line", "kind", "rule"), REMOVED_LINES)
def test_clean_removes_standalone_line(line: str, kind: str, rule: str) -> None:
    analysis = _clean(_in_body(line))
    assert [(r.text, r.kind, r.rule) for r in analysis.removed] == [(line, kind, rule)]
    _assert_exact(analysis)


@pytest.mark.parametrize("line", [
    "Advertisement revenue fell by half last year, the company said.",
    "Sponsored by the senator, the bill passed easily.",
    "Related to this, the minister resigned on Friday.",
    "Read more about it in the report, officials said.",
    "Share prices fell sharply on Monday.",
    "Follow us on this journey, the president urged.",
    "Sign up here, the recruiter told them.",
    "Support us or oppose us, he said, but decide.",
    "Donate blood, the Red Cross urged on Monday.",
    "Image: Ebola is a difficult illness to contain and efforts to stop it are vital",
    "Photo: Elections staff load ballots into machine as recounting begins in Florida",
    "© Getty Carl Sagan and the 'Pale Blue Dot' photograph",
    "© AFP Karadima was only punished by the Vatican",
    "Photos posted on WhatsApp of the San Ysidro port of entry today.",
    "Source: a senior official who asked not to be named.",
    "Copyright law was changed in 2019.",
    "The views expressed by the minister are those of a radical, critics said.",
    "The site uses cookies to track visitors, the lawsuit alleges.",
    "We use cookies, the company admitted in court.",
    "I cannot subscribe to all of them.",
    "Isn't it time for you to subscribe?",
    # Near misses of the furniture rules (issue 17)
    "Continue reading, the judge told the witness, and he did.",
    "More than 300 people attended the meeting on Monday.",
    "The comments were made on Tuesday, April 21, 2015.",
    "He posted on April 21, 2015, that the strike was over, and then deleted it.",
    "Privacy is a right, the court said on Friday.",
    "- 941 people signed the petition by noon.",
    "| Film | Year | Description |",
    "| Country | Population | Capital | Area | Currency |",
    "The next step is a vote, which is expected in June.",
    "Next, the council will vote on the budget.",
    "The source: a leaked memo the minister wrote in March, which Reuters has seen.",
    "Other opinion columns in the paper disagreed with the editor, the report found.",
    "The section from the river to the sea is closed.",
])
def test_clean_keeps_article_line(line: str) -> None:
    assert _clean(_in_body(line)).removed == []


@pytest.mark.parametrize("sentence", [
    "Officials said the Advertisement was withdrawn. It had run for a week.",
    "The chain ran an ADVERTISEMENT in every paper, and then stopped.",
    "He added: Share this article with everyone you know, he wrote in the post.",
    "Prices rose. Related: see the table below, which the ministry published on Monday.",
])
def test_clean_keeps_label_words_inside_a_sentence(sentence: str) -> None:
    assert _clean(_in_body(sentence)).removed == []


def test_clean_removes_teasers_listed_after_bare_label() -> None:
    teasers = ["A Defense of the Catholic Tradition",
               "The Left’s New Plan to Gut Religious-Liberty Protections"]
    text = _in_body("READ MORE:\n" + "\n".join(teasers))
    removed = _clean(text).removed
    assert [r.text for r in removed] == ["READ MORE:", *teasers]
    assert [r.rule for r in removed] == ["related-label", "related-teaser", "related-teaser"]


def test_clean_removes_other_columnists_teasers_at_the_foot() -> None:
    """Herald Sun: other columnists' headlines and blurbs after "Other Opinion Columns"."""
    teasers = ["Editorial Fraser’s lasting legacy",
               "MALCOLM Fraser — an effective prime minister, a relentless contributor.",
               "Wave of stupidity Doctor knows best",
               "JOE HILDEBRAND HOW is it that ideas that are patently absurd capture minds?"]
    text = "A Headline For The Test\n\n" + _BODY_BEFORE + "Other Opinion Columns\n\n" + \
        "\n\n".join(teasers)
    removed = _clean(text).removed
    assert [r.text for r in removed] == ["Other Opinion Columns", *teasers]
    assert {r.kind for r in removed} == {"related"}


def test_clean_foot_label_keeps_an_article_that_goes_on() -> None:
    """A long paragraph after the label: the article continues, only the label goes."""
    long_paragraph = "The council said it would decide in June. " * 12
    text = _in_body("Most read\n\n" + long_paragraph.strip())
    assert [r.text for r in _clean(text).removed] == ["Most read"]


def test_clean_every_furniture_line_of_a_page_is_recorded_with_its_kind() -> None:
    furniture = ["Continue reading the main story", "- From the section US & Canada",
                 "- 941 comments", "posted on April 21, 2015, at 11:29 a.m.",
                 "Privacy Policy and Terms"]
    text = _in_body("\n\n".join(furniture))
    analysis = _clean(text)
    assert [r.text for r in analysis.removed] == furniture
    assert [r.kind for r in analysis.removed] == ["furniture"] * 4 + ["boilerplate"]
    _assert_exact(analysis)
    kept = analysis.kept_text()
    assert all(line not in kept for line in furniture)
    assert "The first paragraph has a sentence." in kept


def test_clean_teaser_list_stops_at_body_text() -> None:
    text = _in_body("Related\nThe minister resigned on Friday, officials said.")
    assert [r.text for r in _clean(text).removed] == ["Related"]


# --- Affiliate widgets inside paragraphs ---------------------------------------------------

WIDGETS = [
    # (text before, widget, text after) on one line
    ("The conditions of the war have become intolerable for many soldiers. ",
     ("The Origin of Names, W... Foote, Patrick Best Price: $4.04 Buy New $12.79 "
     "(as of 01:36 UTC - Details)"), ""),
    ("They do not want to lose their lives in a war that is impossible to win. ",
     ("War Crimes Against Sou... Cisco, Walter Brian Best Price: $15.85 Buy New $25.49 "
     "(as of 09:36 UTC - Details)"), ""),
    ("Trump's objectives are unclear. ",
     ("American Raj: Liberati... Eric Margolis Best Price: $5.99 Buy New $45.86 "
     "(as of 09:30 EDT - Details)"), " And this right after the summit."),
    ("Rockwell wrote about it. ",
     ("Against the State: An ... Llewellyn H. Rockwell Jr. Best Price: $9.95 Buy New $9.95 "
     "(as of 06:00 EDT - Details)"), ""),
    ("Rides to the polls in key states .” ",
     ("Hillary the Other Woman Dolly Kyle Best Price: $3.06 Buy New $8.93 "
     "(as of 01:15 EDT - Details)"), " She describes this assist."),
    ("He paused... and then he left. ",
     "Short Title Jane Doe Buy New $1.99 (as of 09:20 EDT - Details)", ""),
    ("", "Celestron NexStar 90SL... Buy New $309.95 (as of 04:50 EDT - Details)", ""),
    ("", ("Celestron Sky Maps Celstron Best Price: $15.97 Buy New $18.95 "
         "(as of 04:55 EDT - Details)"), ""),
]


@pytest.mark.parametrize(("before", "widget", "after"), WIDGETS)
def test_clean_removes_whole_widget_and_nothing_else(before: str, widget: str,
                                                     after: str) -> None:
    analysis = _clean(_in_body(before + widget + after))
    assert [(r.text, r.kind, r.rule) for r in analysis.removed] == [(widget, "ad", "ad-widget")]
    _assert_exact(analysis)


def test_clean_widget_title_split_onto_line_before() -> None:
    widget = ("Defend Yourself: A Com...\nRob Pincus Best Price: $2.00 Buy New $17.99 "
              "(as of 03:35 EDT - Details)")
    analysis = _clean(_in_body("He uploaded the blueprints.\n" + widget + " He had launched."))
    assert [r.text for r in analysis.removed] == [widget]


def test_clean_widget_after_colon_keeps_what_the_colon_introduces() -> None:
    line = ("It suggests a database, using smart phones: Guilty as Sin: Uncover... Edward Klein "
            "Best Price: $2.30 Buy New $3.99 (as of 12:05 EDT - Details)")
    removed = _clean(_in_body(line)).removed
    assert [r.text for r in removed] == [
        "... Edward Klein Best Price: $2.30 Buy New $3.99 (as of 12:05 EDT - Details)"]


@pytest.mark.parametrize(("line", "credit"), [
    ("Protesters gathered outside. (Photo by Chip Somodevilla/Getty Images)",
     "(Photo by Chip Somodevilla/Getty Images)"),
    ("Face masks are placed on children in Antananarivo (AP Photo/Alexander JOE)",
     "(AP Photo/Alexander JOE)"),
])
def test_clean_removes_parenthesised_credit_inside_line(line: str, credit: str) -> None:
    removed = _clean(_in_body(line)).removed
    assert [(r.text, r.kind) for r in removed] == [(credit, "credit")]


# --- Syndication ------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "origin"), [
    ("This article was originally published on InfoBrics.", "InfoBrics"),
    ("Reprinted with permission from Zero Hedge.", "Zero Hedge"),
    ("Reprinted with permission from The Future of Freedom Foundation.",
     "The Future of Freedom Foundation"),
    ("Reprinted from WND.com.", "WND.com"),
    ("This article first appeared in The American Conservative.", "The American Conservative"),
    ("Originally published the Jerusalem Post.", "Jerusalem Post"),
    ("This report was originally published by Tyler Durden at Zero Hedge", "Zero Hedge"),
    ("This story originally appeared on Consortiumnews.com.", "Consortiumnews.com"),
    (("This article is republished from The Conversation under a Creative Commons license. "
     "Read the original article."), "The Conversation"),
    ("Статья впервые опубликована на портале Northern Ledger.", "Northern Ledger"),
    ("Материал первоначально опубликован в «Вечерней столице».", "«Вечерней столице»"),
    ("Впервые опубликовано на Лента Дня.", "Лента Дня"),
    # The language the original was written in is not part of the outlet's name.
    ("This report was originally published in Ukrainian by Vechirnii Lviv.",
     "Vechirnii Lviv"),
    ("Originally published in Portuguese on Folha Paulista.", "Folha Paulista"),
    ("This column first appeared in the Swiss German press at Zürcher Bote.", "Zürcher Bote"),
    ("Originally published in Romanian Times.", "Romanian Times"),
    ("This piece was translated from the Polish from Gazeta Bałtycka.", "Gazeta Bałtycka"),
    ("Translated from Georgian; the original appeared in Tbilisi Courier.", "Tbilisi Courier"),
    ("Translated from the Hungarian original published by Pesti Krónika.", "Pesti Krónika"),
    # A credit for the translation after the origin is not part of the outlet's name.
    ("This essay was originally published in Serbian by Novi Glas. Translated by Ivo Marić.",
     "Novi Glas"),
])
def test_clean_syndication_line_sets_origin(line: str, origin: str) -> None:
    analysis = _clean(_in_body(line))
    assert [(r.text, r.kind) for r in analysis.removed] == [(line, "syndication")]
    assert analysis.metadata.origin == origin
    assert find_origin(_in_body(line)) == origin


@pytest.mark.parametrize("line", [
    "The story was first reported by Reuters on Monday, officials said.",
    "It first appeared in The Guardian.",
    "Originally published in 1995, the book became a bestseller.",
    "First published in 1990.",
    "The column was originally published on Medium, but was later pulled after complaints.",
    "Prices rose. This article was originally published on InfoBrics. More text follows.",
    "Officials said the claims, as first reported by Reuters, were false.",
    "Роман впервые опубликован в 1995 году и стал бестселлером.",
    "Доклад впервые опубликован на сайте министерства, но затем удалён.",
    # "by" after the language names the translator as often as the outlet.
    "Translated from the Czech by Marta Novak.",
    "The novel was translated from the Finnish from a draft the author kept.",
])
def test_clean_keeps_sentence_about_publication(line: str) -> None:
    analysis = _clean(_in_body(line))
    assert analysis.removed == []
    assert analysis.metadata.origin is None


def test_clean_keeps_origin_already_known() -> None:
    analysis = Analysis.from_article(Article(
        source=Source(path="t.txt"), metadata=Metadata(origin="Known"),
        text=_in_body("This article was originally published on InfoBrics.")))
    assert CleanStage()(analysis).metadata.origin == "Known"


# --- Headline and standfirst ---------------------------------------------------------------

_STANDFIRST = "Ukraine reports the highest monthly number of desertions since the war began."
_LONG_BODY = ("The number of desertions has been growing for a long time. " * 4).strip()


def test_clean_marks_headline_and_standfirst() -> None:
    text = f"Troops Abandoning Front in Large Numbers\n\n{_STANDFIRST}\n\n{_LONG_BODY}\n"
    analysis = _clean(text)
    assert [(p.kind, p.text) for p in analysis.parts] == [
        ("headline", "Troops Abandoning Front in Large Numbers"), ("standfirst", _STANDFIRST)]
    assert analysis.metadata.title == "Troops Abandoning Front in Large Numbers"
    for part in analysis.parts:
        assert text[part.start:part.end] == part.text


@pytest.mark.parametrize("first_line", [
    "This first line is an ordinary sentence that ends with a full stop.",
    "word " * 30,
    "Dear readers,",
])
def test_clean_no_headline_where_first_line_is_prose(first_line: str) -> None:
    assert _clean(f"{first_line}\n\n{_STANDFIRST}\n\n{_LONG_BODY}").parts == []


@pytest.mark.parametrize("second", [
    "GENEVA (Reuters) - The World Health Organisation said the outbreak was under control.",
    "“We are under enormous strain,” he said.",
    "One sentence here. And a second sentence after it.",
])
def test_clean_no_standfirst_for_lede_quote_or_paragraph(second: str) -> None:
    parts = _clean(f"A Headline Here\n\n{second}\n\n{_LONG_BODY}").parts
    assert [p.kind for p in parts] == ["headline"]


def test_clean_no_standfirst_without_body_after() -> None:
    assert [p.kind for p in _clean(f"A Headline Here\n\n{_STANDFIRST}").parts] == ["headline"]


def test_clean_headline_split_over_lines_by_a_sentence_splitter() -> None:
    text = "Dallas Police Dept.\nfires officer who killed Botham Jean\n\n" + _LONG_BODY
    parts = _clean(text).parts
    assert [(p.kind, p.text) for p in parts] == [
        ("headline", "Dallas Police Dept.\nfires officer who killed Botham Jean")]


def test_clean_keeps_existing_title() -> None:
    analysis = _clean(f"A Headline Here\n\n{_LONG_BODY}", title="Given Title")
    assert analysis.metadata.title == "Given Title"


@pytest.mark.parametrize(("title", "kinds"), [
    ("Troops Abandoning Front", ["headline", "standfirst"]),
    ("Another Title Entirely", []),
    (None, []),
])
def test_clean_html_marks_parts_only_when_text_starts_with_title(
        title: str | None, kinds: list[str]) -> None:
    text = f"Troops Abandoning Front\n\n{_STANDFIRST}\n\n{_LONG_BODY}"
    assert [p.kind for p in _clean(text, fmt="html", title=title).parts] == kinds


# --- Offsets and the stage contract ------------------------------------------------------


def test_clean_offsets_exact_with_bom_and_crlf() -> None:
    text = ("\ufeffA Headline Here\r\n\r\nBody text. More body.\r\nAdvertisement\r\n"
            "Last words of the body, which go on.\r\n")
    analysis = _clean(text)
    assert [r.text for r in analysis.removed] == ["Advertisement"]
    assert [p.text for p in analysis.parts] == ["A Headline Here"]
    assert analysis.text == text
    _assert_exact(analysis)
    assert "Advertisement" not in analysis.kept_text()


def test_clean_never_overlaps_spans_an_ingest_step_removed() -> None:
    text = _in_body("Advertisement")
    start = text.index("Advertisement")
    given = Removed(start, start + 4, text[start:start + 4], "boilerplate", "html")
    analysis = _clean(text, removed=[given])
    assert analysis.removed == [given]


def test_clean_and_parts_stages_are_registered_with_their_fields() -> None:
    clean, parts = specs()["unspin.clean.v1"], specs()["unspin.parts.v1"]
    assert clean.assigns == ("removed", "metadata")
    assert parts.assigns == ("parts", "metadata", "removed") and "removed" in parts.requires


# --- The seed article and the PTC gate (need ../shared) ---------------------------------------

_SEED_WIDGETS = [
    ("The Origin of Names, W... Foote, Patrick Best Price: $4.04 Buy New $12.79 "
    "(as of 01:36 UTC - Details)"),
    ("War Crimes Against Sou... Cisco, Walter Brian Best Price: $15.85 Buy New $25.49 "
    "(as of 09:36 UTC - Details)"),
]


def test_clean_seed_article(seed_article: Path) -> None:
    text = seed_article.read_text(encoding="utf-8")
    analysis = _clean(text)
    _assert_exact(analysis)
    assert [(r.text, r.kind) for r in analysis.removed] == [
        (_SEED_WIDGETS[0], "ad"), (_SEED_WIDGETS[1], "ad"),
        ("This article was originally published on InfoBrics.", "syndication")]
    for r in analysis.removed[:2]:  # the widget follows ". " and ends its paragraph
        assert text[r.start - 2:r.start] == ". " and text[r.end:r.end + 2] == "\n\n"
    assert analysis.metadata.origin == "InfoBrics"
    assert [(p.kind, p.text) for p in analysis.parts] == [
        ("headline", "Ukrainian Troops Abandoning Front in Large Numbers"),
        ("standfirst", ("Ukraine reports the highest monthly number of desertions since the "
                       "beginning of the conflict."))]


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "cleaning_ptc.py"
    spec = importlib.util.spec_from_file_location("cleaning_ptc", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_clean_ptc_removes_no_gold_propaganda_text(ptc_dir: Path) -> None:
    figures = _benchmark().measure(ptc_dir)
    assert figures.articles == 371
    assert figures.gold_chars == 0, f"removed gold text in {figures.gold_hits}"
    assert figures.removed_chars <= PTC_REMOVED_CHARS_CEILING
    assert sum(figures.by_kind.values()) >= PTC_REMOVALS_FLOOR
