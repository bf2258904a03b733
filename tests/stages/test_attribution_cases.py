"""Every case issue 14 quotes, rewritten with other names: who is cited, of what kind, and
whom a pronoun, surname or description means. Each builds a short article and runs the
stages a reader's analysis goes through (clean, parts, language, nlp, quotes, sources)."""

from __future__ import annotations

import pytest

from unspin.report import wording

from .attribution_text import analyse, speaker

# --- vague flags that were wrong -----------------------------------------------------------

ORGANISATIONS = (
    "Delivery rider held after crash near Hereford\n\n"
    "A delivery rider has been arrested after a crash on the A49 near Hereford, Thames Valley "
    "police said on Sunday.\n\n"
    "Police said the rider was being questioned. The force said two pedestrians were hurt.\n\n"
    "Deliveroo said it had suspended the rider's account. The company said it was helping "
    "the police.\n\n"
    "The Biden administration said it would review the rules. The US military said it had "
    "no comment.\n")


@pytest.mark.parametrize("words", ["Thames Valley police", "Police", "The force", "Deliveroo",
                                   "The company", "The Biden administration",
                                   "The US military"])
def test_attribution_named_organisations_are_not_vague(words: str) -> None:
    quote = speaker(analyse(ORGANISATIONS), words)
    assert quote.speaker_kind == "named_organization", quote


def test_attribution_descriptions_of_an_organisation_resolve_to_it() -> None:
    analysis = analyse(ORGANISATIONS)
    assert speaker(analysis, "The force").speaker_name == "Thames Valley police"
    company = speaker(analysis, "The company")
    assert company.speaker_name == "Deliveroo"
    assert company.resolved_to is not None and company.resolved_to.text == "Deliveroo"


FRAGMENTS = (
    "Three people were treated for stab wounds after a fight outside a stadium in Leeds, the "
    "West Yorkshire Police said.\n\n"
    "The club has shown little willingness to share its footage, a steward said.\n\n"
    "A fan who filmed the fight said he had used a tripod and camera phone.\n\n"
    "The group behind the march would not give its name but said its members were peaceful.\n")


@pytest.mark.parametrize("words", ["stab wounds", "willingness", "a tripod and camera phone",
                                   "its name", "’s"])
def test_attribution_fragments_are_not_reported(words: str) -> None:
    analysis = analyse(FRAGMENTS)
    assert not [s for s in analysis.sources if s.text == words or words in s.text.split(", ")]
    assert all(s.kind != "vague" or words not in s.text for s in analysis.sources)


def test_attribution_surnames_on_a_later_mention_are_the_named_person() -> None:
    analysis = analyse(
        "Congresswoman Dana Whitfield said on Monday that the inquiry would continue.\n\n"
        "Whitfield said the committee had new evidence. Former aide Carl Brandt said he had "
        "given the committee his notes. Brandt added that he expected to testify.\n")
    for surname, full in (("Whitfield", "Dana Whitfield"), ("Brandt", "Carl Brandt")):
        quote = speaker(analysis, surname)
        assert (quote.speaker_kind, quote.speaker_name) == ("named_person", full)


def test_attribution_the_lawsuit_is_a_document_every_time() -> None:
    analysis = analyse(
        "A lawsuit filed on Monday by nine families accuses Marlow Plastics of hiding a "
        "leak.\n\n"
        "The lawsuit says the plant's managers knew about the leak. The lawsuit also claims "
        "that residents fell ill. The lawsuit argues that the company broke state law.\n\n"
        "Marlow Plastics said it denied the allegations. The lawsuit seeks damages.\n")
    lawsuits = [q for q in analysis.quotes if q.speaker is not None
                and q.speaker.text.lower().endswith("lawsuit")]
    assert len(lawsuits) >= 4
    assert {q.speaker_kind for q in lawsuits} == {"document"}


def test_attribution_a_description_of_a_named_newspaper_is_that_newspaper() -> None:
    analysis = analyse(
        "The Interior Department opened an inquiry after The New York Times reported that an "
        "official had used staff for private work.\n\n"
        "The newspaper said it had seen internal emails. According to the influential US "
        "daily, the official asked aides to run errands.\n")
    for words in ("The newspaper", "the influential US daily"):
        quote = speaker(analysis, words)
        assert (quote.speaker_kind, quote.speaker_name) == ("named_organization",
                                                            "New York Times"), quote


def test_attribution_the_numbers_are_a_document_and_concerns_no_source() -> None:
    analysis = analyse(
        "Enlistment in Veridia fell for a fifth month in July, according to figures published "
        "by the defence ministry.\n\n"
        "The numbers show 2,900 enlistments. The ministry said the fall was seasonal.\n\n"
        "The trend raises concerns about the army's future. Many families no longer believe "
        "the war will end soon.\n")
    numbers = [s for s in analysis.sources if "numbers" in s.text.lower()]
    assert numbers and {s.kind for s in numbers} == {"document"}
    assert not [s for s in analysis.sources if "raises concerns" in s.text]
    assert any(s.kind == "vague" and "Many families" in s.text for s in analysis.sources)


# --- speakers that went to the last name seen ------------------------------------------------

def test_attribution_he_is_the_witness_not_the_accuser_or_the_man_in_the_quote() -> None:
    analysis = analyse(
        "Fellow guest disputes account of 2003 dinner\n\n"
        "Owen Rask, 68, a retired pharmacist, says he sat next to Victor Hale at the dinner. "
        "He says nothing unusual happened. Last month Irene Coyle told reporters that Hale had "
        "insulted her that evening.\n\n"
        "“What she said about Hale is simply wrong,” he told the Boston Courier. “I was there "
        "the whole night.”\n")
    quote = speaker(analysis, "he")
    assert quote.speaker_name == "Owen Rask"
    assert quote.speaker_description == "a retired pharmacist"
    assert quote.resolved_to is not None and quote.resolved_to.text.startswith("Owen Rask")


def test_attribution_she_is_the_anchor_not_the_man_named_last() -> None:
    analysis = analyse(
        "Party chairman Walter Brice went on “Morning Desk” on Monday to defend the new "
        "primary calendar.\n\n"
        "Brice told the host, Nora Quill, that the calendar had been approved by the "
        "committee.\n\n"
        "Quill asked him about the early votes. “It seems so odd to move the vote after the "
        "candidates have campaigned,” she said. Brice answered that the dates had not "
        "changed.\n")
    assert speaker(analysis, "she").speaker_name == "Nora Quill"


def test_attribution_an_even_choice_stays_unresolved_with_its_candidates() -> None:
    analysis = analyse(
        "Coaches trade words after derby\n\n"
        "City coach Martin Gale and Rovers coach Peter Lund met after the game, and Gale "
        "later said the two had “moved on.”\n\n"
        "Lund told reporters his side had been provoked. Gale said the referee had lost "
        "control.\n\n"
        "After the two men met again on Tuesday, he said the matter was settled.\n")
    quote = speaker(analysis, "he")
    assert quote.speaker_name is None and quote.speaker_kind == "none"
    assert set(quote.candidates) == {"Martin Gale", "Peter Lund"}
    assert wording.speaker_words(quote).startswith("“he” (unresolved: ")
    # the sentence's source is no named one, but keeps the speaker's words and candidates
    ref = next(r for r in analysis.attributions if r.text == "he")
    assert (ref.kind, ref.name, set(ref.candidates)) == ("none", None, set(quote.candidates))
    assert wording.source_words(ref).startswith("“he” (unresolved: ")
    assert not [s for s in analysis.sources if s.text == "he"]


def test_attribution_definite_descriptions_resolve_by_role() -> None:
    analysis = analyse(
        "CIA Director Helen Marsh on Friday rejected the claim. Republican nominee Grant Tovey "
        "had made it at a rally.\n\n"
        "The CIA director told a committee that the review had been thorough. The Republican "
        "nominee said later that the agency was hiding the truth.\n")
    assert speaker(analysis, "The CIA director").speaker_name == "Helen Marsh"
    assert speaker(analysis, "The Republican nominee").speaker_name == "Grant Tovey"


# --- datelines ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,place,agency", [
    (("Obama signs order\n\nWASHINGTON (AP) — President Barack Obama on Monday accused "
     "Congress of stalling, and said he would act alone.\n"), "Washington", "AP"),
    (("US strikes depot\n\nWashington (AFP) – The US military said on Thursday that it had "
     "struck a depot in Syria.\n"), "Washington", "AFP"),
    (("Envoy leaves post\n\nLONDON — After nearly 20 years in the post, the envoy said he "
     "would retire in May.\n"), "London", None),
])
def test_attribution_datelines_are_metadata_never_sources(text: str, place: str,
                                                          agency: str | None) -> None:
    analysis = analyse(text)
    dateline = analysis.metadata.dateline
    assert dateline is not None and (dateline.place, dateline.agency) == (place, agency)
    assert text[dateline.start:dateline.end] == dateline.text  # kept in the text
    for quote in analysis.quotes:
        for span in (quote.content, quote.speaker):
            assert span is None or span.end <= dateline.start or span.start >= dateline.end
    assert all(s.end <= dateline.start or s.start >= dateline.end for s in analysis.sources)
    assert all((s.name or "").lower() != "washington" for s in analysis.sources)


def test_attribution_the_wire_agency_becomes_the_origin() -> None:
    analysis = analyse("Head\n\nWASHINGTON (AP) — The Senate said on Friday it would vote.\n")
    assert analysis.metadata.origin == "Associated Press"
    obama = analyse("Obama signs order\n\nWASHINGTON (AP) — President Barack Obama on Monday "
                     "accused Congress of stalling, and said he would act alone.\n")
    assert any(q.speaker_name == "Barack Obama" for q in obama.quotes)


# --- the terminal report ---------------------------------------------------------------------

def test_attribution_a_named_speaker_is_never_shown_as_a_vague_source() -> None:
    analysis = analyse(
        "Hanna Kovalenko, an economist at the Lviv Institute, is blunt. “This was never about "
        "food,” she said last week.\n\n"
        "“Follow the money, not the speeches,” Kovalenko added.\n")
    quote = speaker(analysis, "Kovalenko")
    words = wording.Describer(analysis).speaker(quote)
    assert "vague" not in words and "Hanna Kovalenko" in words
