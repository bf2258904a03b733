"""Unnamed groups holding a view, read from the parse (``unspin.resolve.holders``;
docs/attribution-guidelines.md, section 16), each on a short article of our own: the
holder of a stance verb, adjective or noun is vague when its noun phrase picks out no one,
and is left alone when the phrase does (a determiner, a number, a named body, a pronoun)."""

from __future__ import annotations

import pytest

from .attribution_text import analyse, vague


@pytest.mark.parametrize(("sentence", "holder"), [
    ("Many residents fear the new rules will push rents even higher.", "Many residents"),
    ("Some Democrats are deeply upset that the vote was put off again.", "Some Democrats"),
    ("Farmers’ views of the trade deal have soured since the spring.", "Farmers"),
    ("The mayor is hugely popular among students.", "students"),
    ("Many Millennials want a candidate who promises something new.", "Many Millennials"),
    ("Many of the region's teachers admire the new principal.",
     "Many of the region's teachers"),
    ("In Lyon, officials of the city government are considering a merger with the port.",
     "officials of the city government"),
])
def test_holders_an_unnamed_group_holding_a_view_is_vague(sentence: str, holder: str) -> None:
    analysis = analyse(f"The council met on Monday.\n\n{sentence}\n")
    assert holder in vague(analysis), vague(analysis)


def test_holders_the_unnamed_official_a_paper_quoted_is_vague() -> None:
    analysis = analyse(
        "The bridge will stay open this winter, the Herald reported on Sunday.\n\n"
        "The Herald quoted an unnamed city official as saying the repairs could wait.\n")
    assert "an unnamed city official" in vague(analysis), vague(analysis)


@pytest.mark.parametrize("sentence", [
    "The two senators want a vote on the new rules before the summer.",
    "Their supporters are deeply upset that the vote was put off again.",
    "House Democrats are deeply upset that the vote was put off again.",
    "These residents want a vote on the new rules before the summer.",
])
def test_holders_a_group_its_phrase_picks_out_is_not_vague(sentence: str) -> None:
    analysis = analyse(f"Senators Ada Brook and Tom Reyes met the council on Monday.\n\n{sentence}\n")
    assert vague(analysis) == [], vague(analysis)


def test_holders_the_subject_of_a_passive_belief_is_what_is_believed_not_a_holder() -> None:
    analysis = analyse(
        "The law changed in March.\n\n"
        "There are people who are believed to have left the country before it changed.\n")
    assert vague(analysis) == [], vague(analysis)


def test_holders_a_group_inside_a_speakers_quoted_words_is_not_cited() -> None:
    analysis = analyse(
        "The senator spoke in Dayton on Friday.\n\n"
        "“If people want a change, they will come out and vote for it,” Ada Brook said.\n")
    assert vague(analysis) == [], vague(analysis)


def test_holders_people_who_backed_something_are_vague_and_the_span_reaches_the_who() -> None:
    analysis = analyse(
        "The treaty comes up for a vote in June.\n\n"
        "The plan angers moderate leaders who have supported closer trade ties for decades.\n")
    assert "moderate leaders who" in vague(analysis), vague(analysis)


@pytest.mark.parametrize("sentence", [
    "The plan angers Democrats who have supported closer trade ties for decades.",
    "Both presidential candidates want a vote on the plan before June.",
])
def test_holders_a_party_backing_something_or_a_pair_is_not_a_vague_crowd(sentence: str) -> None:
    analysis = analyse(f"The treaty comes up for a vote in June.\n\n{sentence}\n")
    assert vague(analysis) == [], vague(analysis)


def test_holders_part_of_a_party_opposed_to_something_is_a_vague_crowd() -> None:
    analysis = analyse("The treaty comes up for a vote in June.\n\n"
                       "Some Republicans are so opposed to the treaty that they will skip the vote.\n")
    assert "Some Republicans" in vague(analysis), vague(analysis)


@pytest.mark.parametrize(("sentence", "holder"), [
    ("Across the region, planners have been startled by the sudden change of course.",
     "planners"),
    ("Harlow campaign officials were delighted with the editorial.", "Harlow campaign officials"),
    ("Others wonder whether the new route will ever be built.", "Others"),
    ("Union bosses are so worried about the vote that they have cancelled the strike.",
     "Union bosses"),
    ("Many watchers of local politics are wondering who will run next.",
     "Many watchers of local politics"),
])
def test_holders_feelings_and_wonder_are_held_by_whoever_has_them(sentence: str,
                                                                  holder: str) -> None:
    analysis = analyse(f"The council met on Monday.\n\n{sentence}\n")
    assert any(holder.startswith(v) or v.startswith(holder) for v in vague(analysis)), \
        vague(analysis)


def test_holders_documents_hold_no_view() -> None:
    analysis = analyse("The council met on Monday.\n\nLatest surveys worry nobody on the council.\n")
    assert vague(analysis) == [], vague(analysis)


@pytest.mark.parametrize(("sentence", "holder"), [
    ("The guards waved the lorry through, leaving many to question the checks.", "many"),
    ("The mayor called the plan reckless, a view shared by plenty of shop owners.",
     "plenty of shop owners"),
    ("The fare rise is resented by a lot of commuters.", "a lot of commuters"),
])
def test_holders_controllers_agents_and_quantities_hold_the_view(sentence: str,
                                                                 holder: str) -> None:
    analysis = analyse(f"The council met on Monday.\n\n{sentence}\n")
    assert holder in vague(analysis), vague(analysis)


def test_holders_a_groups_share_given_in_figures_is_data_not_a_vague_crowd() -> None:
    analysis = analyse(
        "Support for the levy has shifted since 2010.\n\n"
        "The share of farmers saying “the levy is fair” fell by 14 points over that time.\n")
    assert vague(analysis) == [], vague(analysis)


def test_holders_a_party_in_a_chamber_is_a_named_caucus_not_a_crowd() -> None:
    text = "The ban lapsed in 2004.\n\n{} are worried about the vote on the new ban.\n"
    assert vague(analyse(text.format("Republicans in the Senate"))) == []
    assert vague(analyse(text.format("Many Republicans"))) == ["Many Republicans"]


def test_holders_a_named_persons_aides_stay_anonymous() -> None:
    analysis = analyse("Senator Ada Brook met the council on Monday.\n\n"
                       "Brook’s aides are worried that the vote will slip again.\n")
    assert any("aides" in v for v in vague(analysis)), vague(analysis)



def test_holders_coordinated_adjectives_before_a_group_leave_the_group_speaking() -> None:
    analysis = analyse("The board met on Monday.\n\n"
                       "Current and former officials said the board had lost its way.\n")
    assert any("officials" in v for v in vague(analysis)), vague(analysis)


def test_holders_an_unnamed_speaker_in_a_relative_clause_spans_the_who() -> None:
    analysis = analyse("The singer cancelled his tour on Friday.\n\n"
                       "He faces lawsuits from dozens of fans who claim he owes them refunds.\n")
    assert any(v.endswith("fans who") for v in vague(analysis)), vague(analysis)
