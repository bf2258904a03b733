"""Russian sources: who a sentence cites, with the English kinds, on sentences written for
each way Russian names a source (the cases issue 20 lists among them)."""

from __future__ import annotations

import pytest

from unspin.russian.sources import find_sources


def _entity(text: str, words: str, label: str) -> tuple[int, int, str]:
    start = text.index(words)
    return start, start + len(words), label


@pytest.mark.parametrize("text,entity,source,kind,name", [
    # A named person before the verb; the name put in the nominative.
    ("Бывший депутат Клаус Вендт заявил, что сокращений больше.",
     ("Клаус Вендт", "PERSON"), "Клаус Вендт", "named_person", "Клаус Вендт"),
    # After a quotation: the subject after the verb.
    ("«Это рекорд», — сказал Вендт.", ("Вендт", "PERSON"), "Вендт", "named_person",
     "Вендт"),
    # The subject after the verb, as news often puts it.
    ("Об этом сообщила председатель комиссии Светлана Крылова.",
     ("Светлана Крылова", "PERSON"), "председатель комиссии Светлана Крылова",
     "named_person", "Светлана Крылова"),
    # «по словам» with a name in the genitive.
    ("По словам Андрея Ломакина, рост продолжится.", ("Андрея Ломакина", "PERSON"),
     "Андрея Ломакина", "named_person", "Андрей Ломакин"),
    # An organisation.
    ("Как сообщает Росстат, цены выросли.", ("Росстат", "ORG"), "Росстат",
     "named_organization", "Росстат"),
    # A document.
    ("По данным статистического ведомства, цены выросли.", None,
     "статистического ведомства", "named_organization", None),
    ("Согласно докладу министерства, экспорт упал.", None, "докладу министерства",
     "document", None),
    # Vague sources.
    ("Недавно западные СМИ сообщили, что заводы закрываются.", None, "СМИ", "vague", None),
    # slovnet calls «СМИ» an organisation: still vague.
    ("Недавно западные СМИ сообщили, что заводы закрываются.", ("СМИ", "ORG"), "СМИ",
     "vague", None),
    ("Эксперты считают, что спад продолжится.", None, "Эксперты", "vague", None),
    ("По некоторым данным, погибших нет.", None, "некоторым данным", "vague", None),
    ("По предварительным данным, погибших нет.", None, "предварительным данным", "document",
     None),
])
def test_russian_sources_kind_and_name(text: str, entity: tuple[str, str] | None,
                                       source: str, kind: str, name: str | None) -> None:
    entities = [_entity(text, *entity)] if entity else []
    [found] = find_sources(text, entities)
    assert found.kind == kind and found.name == name
    assert source in found.text


def test_russian_sources_pronoun_resolves_to_the_last_person() -> None:
    text = "Вендт возглавляет союз. По его словам, заводы закрываются."
    [found] = find_sources(text, [_entity(text, "Вендт", "PERSON")])
    assert (found.text, found.kind, found.name) == ("его", "named_person", "Вендт")


def test_russian_sources_none_without_a_source_word() -> None:
    assert find_sources("Заводы закрываются один за другим.", []) == []
    # A pronoun with nobody named before it is not guessed.
    assert find_sources("По его словам, заводы закрываются.", []) == []


def test_russian_sources_subject_before_a_relative_clause_and_full_names() -> None:
    text = ("Клаус Вендт, который возглавляет союз, заявил, что заводы закрываются. "
            "Вендт также пояснил, что цены растут.")
    people = [_entity(text, "Клаус Вендт", "PERSON"),
              (text.rindex("Вендт"), text.rindex("Вендт") + 5, "PERSON")]
    first, second = find_sources(text, people)
    assert (first.text, first.name) == ("Клаус Вендт", "Клаус Вендт")
    assert (second.text, second.name) == ("Вендт", "Клаус Вендт")
