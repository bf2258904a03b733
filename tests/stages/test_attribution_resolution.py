"""Speaker resolution by families of mention (docs/attribution-guidelines.md, section 23):
relative pronouns, pronouns after a vague group, shared surnames, definite descriptions of
bodies and the edges of a name; each on a short article of our own."""

from __future__ import annotations

from unspin.resolve.referents import split_name
from unspin.resolve.speakers import quoted_spans
from unspin.stages.quotes import find_quotes

from .attribution_text import analyse, speaker


def test_resolution_the_quotes_stage_and_the_resolver_share_one_quoted_passage() -> None:
    text = ("The mayor spoke after the vote.\n\n"
            "\"We will not raise the fare this year,\nnor the next one,\" the mayor said.\n")
    start = text.index("\"We")
    end = text.index("one,\"") + len("one,\"")
    assert quoted_spans(text) == [(start, end)]
    contents = [q.content.text for q in find_quotes(text)]
    assert text[start:end] in contents, contents


def test_resolution_a_name_keeps_its_nickname_and_never_ends_in_of() -> None:
    analysis = analyse(
        "Marchers in Fresno held photos of the victims.\n\n"
        "Maria \"Tita\" Lopez of Clovis carried one of them. \"I could not stop crying the "
        "whole way,\" she said.\n")
    quote = speaker(analysis, "she")
    assert quote.speaker_name == "Maria \"Tita\" Lopez", quote


def test_resolution_split_name_keeps_a_nickname_between_first_and_last() -> None:
    assert split_name("Juan \"Chico\" Ruiz") == ("", "Juan", "Ruiz", "Juan \"Chico\" Ruiz")


def test_resolution_a_named_speakers_relative_pronoun_is_part_of_the_speaker_span() -> None:
    analysis = analyse(
        "The port reopened on Monday.\n\n"
        "The cranes are owned by Ana Ruiz, who said on Monday that they would be back "
        "within a week.\n")
    quotes = [q for q in analysis.quotes if q.speaker is not None
              and q.speaker.text.startswith("Ana Ruiz")]
    assert quotes, [q.speaker.text for q in analysis.quotes if q.speaker]
    assert quotes[0].speaker is not None and quotes[0].speaker.text.endswith("who")
    assert quotes[0].speaker_name == "Ana Ruiz"


def test_resolution_a_relative_pronoun_on_a_noun_said_of_someone_is_that_someone() -> None:
    analysis = analyse(
        "The council met again on Tuesday.\n\n"
        "Note: Pedro Almada is a landlord, developer and critic who has repeatedly said the "
        "new rent cap will empty the city.\n")
    quotes = [q for q in analysis.quotes if q.speaker is not None
              and q.speaker.text.endswith("who")]
    assert quotes, [q.speaker.text for q in analysis.quotes if q.speaker]
    assert (quotes[0].speaker_kind, quotes[0].speaker_name) == ("named_person", "Pedro Almada")


def test_resolution_a_surname_opening_a_sentence_that_is_also_a_noun_is_the_person() -> None:
    analysis = analyse(
        "Harbour board spokeswoman Lena Price said the dredging would finish in May.\n\n"
        "Price added that the cost had not changed since the spring.\n")
    quote = speaker(analysis, "Price")
    assert (quote.speaker_kind, quote.speaker_name) == ("named_person", "Lena Price"), quote


def test_resolution_people_along_with_the_speaker_speak_with_him() -> None:
    analysis = analyse(
        "Reporter Nadia Hale was pushed aside at the rally on Friday.\n\n"
        "Hale, along with photographer Tomas Berg, say a guard shoved them off the stage.\n")
    quote = speaker(analysis, "Hale")
    assert quote.speaker_name == "Nadia Hale and Tomas Berg", quote


def test_resolution_a_shared_surname_takes_the_gender_of_the_speakers_own_clause() -> None:
    analysis = analyse(
        "Diane Whitley and her husband made stops across the state this month. Tom "
        "Whitley spoke first in each town, and Tom Whitley drew the larger crowds.\n\n"
        "Whitley, during a town hall meeting in Dayton, Ohio, said she was going to reopen "
        "the plant.\n")
    quote = speaker(analysis, "Whitley")
    assert (quote.speaker_kind, quote.speaker_name) == ("named_person", "Diane Whitley"), quote


def test_resolution_she_is_not_guessed_for_a_person_of_unknown_gender() -> None:
    analysis = analyse(
        "Marta Quill met Pat Odell in Albany on Monday to discuss the budget. Odell has led "
        "the finance committee since 2019.\n\n"
        "\"We are still far apart on the school money,\" she said.\n")
    quote = speaker(analysis, "she")
    assert quote.speaker_name in (None, "Marta Quill"), quote
    assert quote.speaker_name is not None or "Marta Quill" in quote.candidates


def test_resolution_the_word_heading_a_bodys_name_is_that_body() -> None:
    analysis = analyse(
        "The Northern Grain Fund cut its price forecast on Tuesday.\n\n"
        "Wheat stocks are higher than expected, the fund said in its quarterly note.\n")
    quote = speaker(analysis, "the fund")
    assert (quote.speaker_kind, quote.speaker_name) == (
        "named_organization", "Northern Grain Fund"), quote


def test_resolution_the_organization_is_any_body_but_a_place_or_an_outlet() -> None:
    analysis = analyse(
        "Harrow Arms Holdings removed the rifle from its auction site on Friday.\n\n"
        "\"We want no part in this sale or the attention it brings,\" the organization "
        "wrote.\n")
    quote = speaker(analysis, "the organization")
    assert (quote.speaker_kind, quote.speaker_name) == (
        "named_organization", "Harrow Arms Holdings"), quote


def test_resolution_they_after_two_named_people_is_both_of_them() -> None:
    analysis = analyse(
        "Judicial vacancies are piling up in the West.\n\n"
        "Take Montana's senators, Carla Benz and Owen Fisk. Last week, they said the state's "
        "court needs two more judges by spring.\n")
    quote = speaker(analysis, "they")
    assert (quote.speaker_kind, quote.speaker_name) == (
        "named_person", "Carla Benz and Owen Fisk"), quote


def test_resolution_they_after_a_named_person_and_an_unnamed_companion_is_that_person() -> None:
    analysis = analyse(
        "The parade drew thousands to the square.\n\n"
        "Daniel Ortega Smith said the crowd was calm. Daniel Ortega Smith and his partner "
        "came to the parade because they wanted to show that fear would not keep them "
        "home.\n")
    quote = speaker(analysis, "they")
    assert (quote.speaker_kind, quote.speaker_name) == (
        "named_person", "Daniel Ortega Smith"), quote


def test_resolution_between_two_close_candidates_the_last_subject_is_he() -> None:
    analysis = analyse(
        "Tomas Berg, the senator, has sponsored forty amendments since 2009. \"It has worked "
        "for us,\" said Karl Weiss, his longtime adviser.\n\n"
        "Tomas Berg has pushed the same agenda since he was a mayor. \"I would point out "
        "that I voted against the war when it was not popular,\" he said.\n")
    quote = speaker(analysis, "he")
    assert (quote.speaker_kind, quote.speaker_name) == ("named_person", "Tomas Berg"), quote


def test_resolution_a_group_including_named_people_is_those_people() -> None:
    analysis = analyse(
        "The reform passed the state senate on Thursday.\n\n"
        "Some observers, including University of Lakeside at Dover professor Mara Quint, "
        "warned that the "
        "reform would close rural schools. Candidates for governor, including Paul Ostrow "
        "and Senator Ida Brandt of Salem, have said they would repeal it. Critics, including "
        "many parents, said the vote was rushed.\n")
    found = {s.text: (s.kind, s.name) for s in analysis.sources}
    assert found.get("Some observers") == ("named_person", "Mara Quint"), found
    assert found.get("Candidates for governor") == (
        "named_person", "Paul Ostrow and Ida Brandt"), found
    assert found.get("Critics") == ("vague", None), found
