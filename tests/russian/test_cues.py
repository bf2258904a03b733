"""Russian attribution cues: reporting verbs by lemma in any form, and the fixed phrases
issue 20 names («по словам», «по данным», «как сообщает»)."""

from __future__ import annotations

import pytest

from unspin.russian.cues import find_cues, reporting_verb


@pytest.mark.parametrize("text,cue,kind", [
    ("Бывший депутат заявил, что сокращений больше.", "заявил", "verb"),
    ("Министр заявила журналистам о росте.", "заявила", "verb"),
    ("Представители компании заявляют, что цены вырастут.", "заявляют", "verb"),
    ("«Это рекорд», — сказал он.", "сказал", "verb"),
    ("Он подчеркнул, что решение окончательное.", "подчеркнул", "verb"),
    ("По его словам, заводы закрываются.", "По его словам", "phrase"),
    ("По словам министра, рост продолжится.", "По словам", "phrase"),
    ("По предварительным данным, погибших нет.", "По предварительным данным", "phrase"),
    ("по данным Росстата, цены выросли", "по данным", "phrase"),
    ("Как сообщает агентство, поставки возобновлены.", "Как сообщает", "phrase"),
    ("Согласно докладу, экспорт упал.", "Согласно", "phrase"),
])
def test_russian_cues_found_by_lemma_and_phrase(text: str, cue: str, kind: str) -> None:
    [found] = find_cues(text)
    assert (text[found.start:found.end], found.text, found.kind) == (cue, cue, kind)


def test_russian_cues_skip_participles_and_other_verbs() -> None:
    assert not reporting_verb("попросившие")  # describes a source, cites none
    assert not reporting_verb("закрываются")
    # A participle and an infinitive of reporting verbs: neither cites anyone here.
    assert find_cues("Два брокера, попросившие не называть их имен, уехали.") == []
    assert find_cues("Заводы закрываются один за другим.") == []


def test_russian_cues_offsets_point_into_the_whole_text() -> None:
    text = "Первое предложение. Второе, как сообщает ТАСС, важнее."
    [cue] = find_cues(text, text.index("Второе"))
    assert text[cue.start:cue.end] == "как сообщает"
