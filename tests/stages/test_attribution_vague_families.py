"""The seventh pass's families of vague sources (docs/attribution-guidelines.md, section
21), each on short articles of our own: reports and polls nothing lets a reader find, a
title after "The" that names itself, a part of some documents, and the holder of a
relative clause's belief."""

from __future__ import annotations

import pytest

from unspin.resolve.holders import unowned_documents

from .attribution_text import analyse, vague


def kinds(text: str) -> dict[str, str]:
    analysis = analyse(f"The council met on Monday.\n\n{text}\n")
    return {s.text: s.kind for s in analysis.sources}


def unowned(text: str) -> list[str]:
    analysis = analyse(f"The council met on Monday.\n\n{text}\n")
    assert analysis.doc is not None
    return [analysis.text[s:e] for s, e in unowned_documents(analysis.doc)]


@pytest.mark.parametrize(("sentence", "source"), [
    ("The mayor is confident, with surveys showing her well ahead of the field.", "surveys"),
    ("Polls show the governor trailing in every county of the north.", "Polls"),
    ("The festival was overshadowed by reports of a gas leak near the main stage.",
     "reports"),
    ("Shares in the port fell sharply on rumours of a takeover.", "rumours"),
    ("Recent polls suggest the measure will fail by a wide margin.", "Recent polls"),
])
def test_vague_families_reports_and_polls_with_no_owner_are_read_from_the_parse(
        sentence: str, source: str) -> None:
    assert unowned(sentence) == [source]


@pytest.mark.parametrize("sentence", [
    "A Harbour Institute poll showed the governor trailing in every county.",
    "The polls show the governor trailing in every county of the north.",
    "Her campaign's polls show the governor trailing in every county.",
    "Polls by the Harbour Institute show the governor trailing in every county.",
    "Polls close at eight in every county of the north.",
])
def test_vague_families_a_poll_with_an_owner_or_no_content_is_not_read(sentence: str) -> None:
    assert unowned(sentence) == []


def test_vague_families_unowned_reports_need_the_detectors_word() -> None:
    # without the encoder's token states the detector cannot believe the span a source,
    # and a flag the rules alone would not give is not given (precision first)
    assert "surveys" not in kinds("The mayor is confident, with surveys showing her well "
                                  "ahead of the field.")


def test_vague_families_a_title_after_the_names_itself() -> None:
    found = kinds("According to The Courier, the strikers were wearing orange scarves.")
    assert found.get("The Courier") == "named_organization", found


def test_vague_families_a_party_after_the_stays_a_group() -> None:
    assert kinds("The Greens say the vote was rigged.").get("The Greens") != \
        "named_organization"


def test_vague_families_a_part_of_some_documents_is_a_document() -> None:
    found = kinds("Osborne tried to tie Patel to the mayor, with one of his radio ads asking, "
                  "“Can Ravi Patel really be trusted with your money?”")
    assert found.get("one of his radio ads") == "document", found


def test_vague_families_the_holder_of_a_relative_belief_is_the_group_not_whom() -> None:
    analysis = analyse("The council met on Monday.\n\nThe vote went to Ortega, whom many "
                       "teachers believed was quietly favouring the new academy.\n")
    assert "many teachers" in vague(analysis), vague(analysis)


def test_vague_families_the_respondents_of_a_cited_poll_are_the_polls_data() -> None:
    found = kinds("A Harbour Institute poll of farmers was published on Monday. Many "
                  "farmers fear a hard winter, the poll found. Officials say the subsidy "
                  "should end.")
    assert found.get("Many farmers") == "document", found
    assert found.get("Officials") == "vague", found


def test_vague_families_a_group_no_poll_asked_stays_vague() -> None:
    found = kinds("Many farmers fear a hard winter, and officials say the subsidy should end.")
    assert found.get("Many farmers") == "vague", found


def test_vague_families_a_description_after_the_is_no_title() -> None:
    found = kinds("Senator Dale Rusk spoke in Frankfort. According to the Kentucky Republican, "
                  "the plant will close.")
    assert found.get("the Kentucky Republican") != "named_organization", found
