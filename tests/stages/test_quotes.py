from __future__ import annotations

from pathlib import Path

import pytest

from unspin.document import Analysis, Article, Removed, Source
from unspin.stages.quotes import CUE_FORMS, Quote, find_quotes, quotes_for


def _only(text: str) -> Quote:
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def _offsets_hold(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        for span in (q, q.content, q.cue, q.speaker):
            if span is not None:
                assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("text,content,speaker", [
    ("“We will not give up this fight, whatever it costs us,” he said.",
     "“We will not give up this fight, whatever it costs us,”", "he"),
    ("“The harvest is the worst in a decade,” said Maria Santos.",
     "“The harvest is the worst in a decade,”", "Maria Santos"),
    ('"The harvest is the worst in a decade," the farmer told reporters.',
     '"The harvest is the worst in a decade,"', "the farmer"),
    ("She said: “The plan will fail, and everyone knows it.”",
     "“The plan will fail, and everyone knows it.”", "She"),
])
def test_quotes_direct_quote_with_cue_nearby(text: str, content: str, speaker: str) -> None:
    quote = _only(text)
    assert (quote.kind, quote.content.text) == ("direct", content)
    assert quote.speaker is not None and quote.speaker.text == speaker
    _offsets_hold(text, [quote])


@pytest.mark.parametrize("text", [
    "The so-called “reform” failed.",
    "It was a “special operation” and nothing more.",
])
def test_quotes_scare_quotes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


@pytest.mark.parametrize("text,speaker,content", [
    ("According to the ministry, prices will fall next year.", "the ministry",
     "prices will fall next year"),
    ("Prices will fall next year, according to Maria Santos.", "Maria Santos",
     "Prices will fall next year"),
])
def test_quotes_according_to(text: str, speaker: str, content: str) -> None:
    quote = _only(text)
    assert quote.cue is not None and quote.cue.text.lower() == "according to"
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.content.text == content


def test_quotes_according_to_a_preference_attributes_nothing() -> None:
    assert find_quotes("Voters will choose according to their own preference.") == []


@pytest.mark.parametrize("text,cue,content", [
    ("Maria Santos said that the bridge would reopen in May.", "said",
     "that the bridge would reopen in May"),
    ("Maria Santos argued that the bridge would reopen in May.", "argued",
     "that the bridge would reopen in May"),
    ("Maria Santos warned that the bridge would stay closed.", "warned",
     "that the bridge would stay closed"),
    ("Maria Santos believes the bridge will reopen in May.", "believes",
     "the bridge will reopen in May"),
    ("The bridge will reopen in May, Maria Santos said.", "said", "The bridge will reopen in May"),
    ("Maria Santos pointed out that the bridge was old.", "pointed out", "that the bridge was old"),
])
def test_quotes_indirect_reporting_verb(text: str, cue: str, content: str) -> None:
    quote = _only(text)
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.content.text == content
    assert quote.speaker_name == "Maria Santos"
    _offsets_hold(text, [quote])


def test_quotes_parenthetical_cue() -> None:
    quote = _only("The economy, she said, is strong.")
    assert quote.content.text == "The economy, she said, is strong"
    assert quote.speaker is not None and quote.speaker.text == "she"


@pytest.mark.parametrize("text", [
    "The bridge reopened in May.",
    "She said nothing.",
])
def test_quotes_none_where_nothing_is_reported(text: str) -> None:
    assert find_quotes(text) == []


@pytest.mark.parametrize("text,speaker", [
    ("The bridge is said to be unsafe.", None),
    ("It was reported by the BBC that the bridge is unsafe.", "the BBC"),
])
def test_quotes_passive_cue_speaker_is_the_agent_or_none(text: str, speaker: str | None) -> None:
    quote = _only(text)
    assert (quote.speaker.text if quote.speaker else None) == speaker


@pytest.mark.parametrize("text,pronoun", [
    ("Maria Santos runs the farm. She believes that prices will rise.", "She"),
    ("Igor Lutsenko stated that losses are high. He states that the front is thin.", "He"),
    (("Maria Santos said that the bridge would reopen. Traffic was heavy on Monday. "
      "She added that buses would run."), "She"),
])
def test_quotes_pronoun_speaker_resolves_across_sentences(text: str, pronoun: str) -> None:
    quote = find_quotes(text)[-1]
    assert quote.speaker is not None and quote.speaker.text == pronoun
    assert quote.speaker_name in ("Maria Santos", "Igor Lutsenko")


def test_quotes_pronoun_takes_the_latest_cited_speaker() -> None:
    text = ("Maria Santos said that the bridge would reopen. John Berg said that it would not. "
            "He added that the money had run out.")
    assert find_quotes(text)[-1].speaker_name == "John Berg"


def test_quotes_pronoun_with_no_one_before_stays_unresolved() -> None:
    assert _only("He said that the bridge would reopen in May.").speaker_name is None


@pytest.mark.parametrize("text,name", [
    ("Defence Minister Anna Berg visited the base. The minister said that the army was ready.",
     "Anna Berg"),
    (("John Smith, a spokesman for the council, spoke on Monday. The spokesman said that the "
      "road will close."), "John Smith"),
])
def test_quotes_role_noun_resolves_to_the_person_with_that_role(text: str, name: str) -> None:
    assert find_quotes(text)[-1].speaker_name == name


def test_quotes_surname_takes_the_full_name() -> None:
    text = "Igor Lutsenko stated that losses are high. Lutsenko also explained that morale is low."
    assert [q.speaker_name for q in find_quotes(text)] == ["Igor Lutsenko", "Igor Lutsenko"]


def test_quotes_apposition_is_the_speaker_description() -> None:
    text = ("Igor Lutsenko, a former Ukrainian deputy who currently serves in the armed forces, "
            "stated that there may be even more desertions. He believes that the number is higher.")
    first, second = find_quotes(text)
    assert first.speaker is not None and first.speaker.text == "Igor Lutsenko"
    expected = "a former Ukrainian deputy who currently serves in the armed forces"
    assert first.speaker_description == expected
    assert (second.speaker_name, second.speaker_description) == ("Igor Lutsenko", expected)


def test_quotes_mixed_quote_keeps_quoted_words_inside() -> None:
    text = "Maria Santos said that the plan was “a disaster for every family in the valley”."
    quote = _only(text)
    assert quote.kind == "mixed"
    assert "“a disaster for every family in the valley”" in quote.content.text


def test_quotes_verbs_inside_a_quote_are_not_separate_quotes() -> None:
    text = "“I think that we will win, and I said that before,” Maria Santos said."
    quote = _only(text)
    assert quote.kind == "direct" and quote.speaker_name == "Maria Santos"


def test_quotes_uncued_quote_continues_the_previous_speaker() -> None:
    text = ("“The harvest is the worst in a decade,” Maria Santos said.\n\n"
            "“We will need help from the state before winter.”")
    _, second = find_quotes(text)
    assert second.cue is None and second.speaker is None
    assert second.speaker_name == "Maria Santos"


def test_quotes_quote_interrupted_by_its_cue_is_one_quote() -> None:
    text = ("“The harvest is the worst in a decade,” Maria Santos said on Monday. "
            "“We will need help from the state before winter.”")
    quote = _only(text)
    assert quote.kind == "direct" and quote.speaker_name == "Maria Santos"
    assert quote.content.text == text
    assert quote.cue is not None and quote.cue.text == "said"


@pytest.mark.parametrize("text,content", [
    ("Maria Santos said he would ensure that women could work, something many cannot do now.",
     "he would ensure that women could work, something many cannot do now"),
    ("Maria Santos called for the impeachment of the mayor following news of the audit.",
     "the impeachment of the mayor following news of the audit"),
    ("Maria Santos said the bridge was old, adding that it would close in May.",
     "the bridge was old"),
])
def test_quotes_content_after_its_cue_runs_to_the_end_of_the_sentence(text: str,
                                                                    content: str) -> None:
    assert find_quotes(text)[0].content.text == content


def test_quotes_second_coordinated_report_ends_the_first() -> None:
    text = "Maria Santos said the bridge was old and said that it would close in May."
    first, second = find_quotes(text)
    assert first.content.text == "the bridge was old"
    assert second.content.text == "that it would close in May"


@pytest.mark.parametrize("text,content", [
    ("Maria Santos asked the farmers to leave the valley.", "the farmers to leave the valley"),
    ("Maria Santos called on the council to close the bridge.", "the council to close the bridge"),
])
def test_quotes_object_before_an_infinitive_starts_the_content(text: str, content: str) -> None:
    assert _only(text).content.text == content


def test_quotes_said_that_before_a_quote_starts_at_that() -> None:
    text = "Maria Santos said that “the harvest is the worst in a decade.”"
    assert _only(text).content.text == "that “the harvest is the worst in a decade.”"


@pytest.mark.parametrize("text,content", [
    ("As the Times reported, the bridge will close in May.", "the bridge will close in May"),
    ("The bridge will close in May, as the Times reported.", "The bridge will close in May"),
])
def test_quotes_as_clause_attributes_the_clause_it_hangs_from(text: str, content: str) -> None:
    quote = _only(text)
    assert quote.content.text == content
    assert quote.speaker is not None and quote.speaker.text == "the Times"


def test_quotes_quote_followed_by_and_said_keeps_two_cues() -> None:
    text = "She declared “What a great day for the valley!” and said that the harvest was good."
    first, second = find_quotes(text)
    assert first.cue is not None and first.cue.text == "declared"
    assert second.cue is not None and second.cue.text == "said"
    assert second.content.text == "that the harvest was good"


def test_quotes_called_as_a_name_reports_nothing() -> None:
    assert find_quotes("The money goes to a program called Sandy Hook Promise.") == []


def test_quotes_headline_label_attributes_the_line() -> None:
    quote = find_quotes("John McCain: Populist Anger Appeals to Bad Angels\n\nBody text here.")[0]
    assert quote.speaker is not None and "McCain" in quote.speaker.text
    assert quote.content.text == "Populist Anger Appeals to Bad Angels"


def test_quotes_nothing_found_inside_removed_text() -> None:
    ad = "“Buy this book today, it is the best book ever written,” the seller said."
    text = f"Prices rose. {ad} Maria Santos said that prices will fall."
    start = text.index(ad)
    analysis = Analysis.from_article(Article(Source(path="t.txt"), text, removed=[
        Removed(start, start + len(ad), ad, "ad", "test")]))
    quotes = quotes_for(analysis)
    assert [q.speaker_name for q in quotes] == ["Maria Santos"]
    _offsets_hold(text, quotes)


@pytest.mark.parametrize("form,base", [
    ("said", "say"), ("says", "say"), ("told", "tell"), ("stated", "state"),
    ("argues", "argue"), ("claimed", "claim"), ("believes", "believe"), ("warned", "warn"),
    ("added", "add"), ("wrote", "write"), ("noted", "note"), ("insisted", "insist"),
    ("reported", "report"), ("explained", "explain"), ("denies", "deny"),
])
def test_quotes_cue_lexicon_covers_inflections(form: str, base: str) -> None:
    assert CUE_FORMS[form] == base


def test_quotes_seed_article(seed_article: Path) -> None:
    text = seed_article.read_text(encoding="utf-8")
    quotes = find_quotes(text)
    _offsets_hold(text, quotes)
    lutsenko = [q for q in quotes if q.speaker_name == "Igor Lutsenko"]
    cues = {q.cue.text for q in lutsenko if q.cue is not None}
    assert {"stated", "explained", "believes", "states", "said"} <= cues
    direct = [q for q in lutsenko if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].content.text.startswith("“21,602 in October")
    assert direct[0].speaker is not None and direct[0].speaker.text == "he"
    assert lutsenko[0].speaker_description == (
        "a former Ukrainian deputy who currently serves in the armed forces")
    pronouns = [q for q in lutsenko if q.speaker is not None and q.speaker.text == "He"]
    assert len(pronouns) == 2
