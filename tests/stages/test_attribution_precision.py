"""The precision-first rules of the third attribution pass (docs/attribution-guidelines.md,
section 15), each on a short article of our own: a description that means one particular
person or body is never called a vague source, and when unspin cannot say whom it means it
says "unresolved" or reports no source rather than guess."""

from __future__ import annotations

import pytest

from .attribution_text import analyse, speaker, vague


def test_precision_the_candidate_is_the_one_candidate_just_named_not_a_vague_source() -> None:
    analysis = analyse(
        "Governor Alan Pruitt toured three factories in Ohio on Friday.\n\n"
        "The candidate said his tax plan would bring the jobs back.\n")
    quote = speaker(analysis, "The candidate")
    assert (quote.speaker_kind, quote.speaker_name) == ("named_person", "Alan Pruitt"), quote
    assert "The candidate" not in vague(analysis)


def test_precision_a_role_with_no_one_to_be_is_unresolved_not_vague() -> None:
    """Unresolved is no named source either (guidelines section 20): kind none, no name."""
    analysis = analyse(
        "Few voters came out across the county on Tuesday.\n\n"
        "The nominee said the result would not change her plans.\n")
    quote = speaker(analysis, "The nominee")
    assert quote.speaker_kind == "none" and quote.speaker_name is None, quote
    assert not [s for s in analysis.sources if s.text == "The nominee"]


def test_precision_the_official_after_an_anonymous_one_stays_vague() -> None:
    analysis = analyse(
        "A senior official spoke on condition of anonymity about the talks.\n\n"
        "The official said the two sides were far apart.\n")
    assert speaker(analysis, "The official").speaker_kind == "vague"


def test_precision_the_two_lawmakers_are_not_a_vague_crowd() -> None:
    analysis = analyse(
        "Senators Ruth Calloway and Peter Imrie wrote to the agency on Monday.\n\n"
        "The two lawmakers said the agency had ignored three earlier letters.\n")
    assert speaker(analysis, "The two lawmakers").speaker_kind != "vague"
    assert "The two lawmakers" not in vague(analysis)


@pytest.mark.parametrize("caucus", ["House Democrats", "Senate Republicans"])
def test_precision_a_chambers_party_caucus_is_a_named_body(caucus: str) -> None:
    analysis = analyse(
        "The spending bill stalled again on Thursday.\n\n"
        f"{caucus} said the bill cut too deeply into school budgets.\n")
    quote = speaker(analysis, caucus)
    assert (quote.speaker_kind, quote.speaker_name) == ("named_organization", caucus), quote


def test_precision_the_country_is_no_vague_source() -> None:
    analysis = analyse(
        "The fund cut its growth forecast for the region on Tuesday.\n\n"
        "The country said its exports would recover by the spring.\n")
    assert "The country" not in vague(analysis)


def test_precision_bare_party_members_voicing_a_view_are_the_party_at_large() -> None:
    analysis = analyse(
        "The bill passed the House on Friday.\n\n"
        "Since the vote, Democrats have criticized the cuts to school lunches.\n")
    assert speaker(analysis, "Democrats").speaker_kind == "vague"


def test_precision_bare_party_members_get_no_kind_but_a_qualified_group_is_vague() -> None:
    analysis = analyse(
        "Republicans confirmed the new judge on Tuesday after a long fight.\n\n"
        "The vote showed the Senate could still work. Many Democrats said "
        "the seat should have waited for the election.\n")
    assert speaker(analysis, "Republicans").speaker_kind == "none"
    assert "Republicans" not in vague(analysis)
    assert speaker(analysis, "Many Democrats").speaker_kind == "vague"


@pytest.mark.parametrize("sentence,flag", [
    (("The donor gave the foundation a million dollars. Others wonder how the gift will look "
     "now."), "Others"),
    (("The donor gave the foundation a million dollars, and many watchers of politics are "
     "wondering whether it will be returned."), "many watchers of politics"),
    (("The senator spoke first. Other Republicans echoed those words, saying the plan had "
     "failed."), "Other Republicans"),
    (("The guards let the convoy through without a search, leaving many to wonder whether the "
     "border is watched at all."), "many"),
    (("The agency tightened its rules amid reports that the couple had been radicalised "
     "online."), "amid reports that"),
    (("Across the region, policymakers have been startled by the new tariffs on rice."),
     "policymakers"),
    (("Campaign officials were thrilled with the editorial, which ran on Sunday."),
     "Campaign officials"),
    (("He called the agency a disgrace, a sentiment shared by a lot of people in town."),
     "a lot of people"),
    (("Polls show the older population backing the governor by a wide margin."),
     "older population backing"),
])
def test_precision_stance_verbs_outside_the_cue_lexicon_flag_their_vague_holder(
        sentence: str, flag: str) -> None:
    assert any(flag in v for v in vague(analyse(sentence + "\n")))


def test_precision_other_members_closing_a_list_of_names_are_not_vague() -> None:
    analysis = analyse("President Ames, Senator Hollis, and other Democrats say the law "
                        "protects voters.\n")
    assert not [v for v in vague(analysis) if "other Democrats" in v]


@pytest.mark.parametrize("text,words,name", [
    (("Polls tighten in Ohio\n\nGovernor Alan Pruitt leads by four points. Fox said the race "
     "had narrowed since June.\n"), "Fox", "Fox"),
    (("Strikes on the coast\n\nThe navy defended the raids on Monday. Coastal Rights Watch said "
     "nine civilians had died in the raids.\n"), "Coastal Rights Watch",
     "Coastal Rights Watch"),
])
def test_precision_a_name_ending_in_a_kind_of_body_is_an_organisation(
        text: str, words: str, name: str) -> None:
    quote = speaker(analyse(text), words)
    assert (quote.speaker_kind, quote.speaker_name) == ("named_organization", name), quote


def test_precision_a_report_with_nothing_to_find_it_by_is_vague_a_named_one_a_document() -> None:
    analysis = analyse(
        "The contractor earns, according to one report, forty million dollars a year from the "
        "ministry. A study by the Hale Institute found that its guards were poorly trained.\n")
    assert speaker(analysis, "one report").speaker_kind == "vague"
    assert speaker(analysis, "A study by the Hale Institute").speaker_kind == "document"


@pytest.mark.parametrize("sentence,flag", [
    (("He puts fame before science, and that is something most business leaders would "
     "disagree with."), "most business leaders"),
    ("“Reporters find some innocent people saying the new wage will help them,” she said.",
     "some innocent people saying"),
])
def test_precision_a_qualified_group_with_a_modal_or_a_participle_is_vague(
        sentence: str, flag: str) -> None:
    assert any(flag in v for v in vague(analyse(sentence + "\n")))


def test_precision_a_numbered_set_of_bodies_in_a_headline_is_not_a_name() -> None:
    analysis = analyse("Two House Committees Ask Agency To Review Its Contracts.\n\n"
                        "The request came on Monday.\n")
    named = [s.name for s in analysis.sources if s.kind.startswith("named")]
    assert "Two House Committees" not in named


def test_precision_he_after_a_reported_clause_is_its_subject() -> None:
    analysis = analyse(
        "Some party figures now say they will vote against Martin Cole in November.\n\n"
        "Former Rep. Alan Pike (R-Ore.) backed the governor early in the race, he said on "
        "Tuesday morning.\n")
    quote = speaker(analysis, "he")
    assert quote.speaker_name == "Alan Pike", quote


def test_precision_a_two_word_surname_is_the_person_named_in_full_before() -> None:
    analysis = analyse(
        "Rep. Debra Alvarez Soto chaired the budget panel for six years.\n\n"
        "Alvarez Soto said the panel would meet again in March.\n")
    quote = speaker(analysis, "Alvarez Soto")
    assert quote.speaker_name == "Debra Alvarez Soto", quote


def test_precision_a_surname_with_particles_is_one_person_first_and_later() -> None:
    analysis = analyse(
        "“The union is coming apart before our eyes,” said Marieke van der Berg, a Dutch "
        "member of the European Parliament.\n\n"
        "Van der Berg sees the same anger in every member state. “It is everywhere,” she "
        "said.\n")
    first = speaker(analysis, "Marieke van der Berg")
    assert (first.speaker_kind, first.speaker_name) == ("named_person", "Marieke van der Berg")
    assert speaker(analysis, "she").speaker_name == "Marieke van der Berg"
