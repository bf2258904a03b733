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


def _sources(text: str, *entities: tuple[str, str]) -> list[tuple[str | None, str, tuple[str, ...]]]:
    spans = [_entity(text, words, label) for words, label in entities]
    return [(f.name, f.kind, f.candidates) for f in find_sources(text, spans)]


def test_russian_sources_names_in_the_case_the_cue_governs() -> None:
    text = "По словам первого секретаря обкома партии Геннадия Зуева, наблюдателей не пустили."
    assert _sources(text, ("Геннадия Зуева", "PERSON")) == [
        ("Геннадий Зуев", "named_person", ())]
    text = "Цены выросли, по данным Национальной товарной биржи."
    assert _sources(text, ("Национальной товарной биржи", "ORG")) == [
        ("Национальная товарная биржа", "named_organization", ())]


def test_russian_sources_a_body_is_named_with_its_country() -> None:
    text = "Министерство внутренних дел Чехии заявило, что проверка идет."
    assert _sources(text, ("Чехии", "LOC")) == [
        ("Министерство внутренних дел Чехии", "named_organization", ())]
    text = "Минсельхоз России заявил, что квоты работают."
    assert _sources(text, ("Минсельхоз", "ORG"), ("России", "LOC")) == [
        ("Минсельхоз России", "named_organization", ())]


def test_russian_sources_organisations_by_guillemets_and_by_their_noun() -> None:
    text = ("Продажи выросли, сообщило аналитическое агентство «Автостат-Плюс». "
            "По прогнозу агентства, рынок превысит 1,6 млн машин.")
    assert [name for name, _, _ in _sources(text)] == ["Автостат-Плюс", "Автостат-Плюс"]
    # No organisation named with that noun before: the noun names nobody.
    assert _sources("По прогнозу агентства, рынок вырастет.") == [
        (None, "named_organization", ())]


def test_russian_pronouns_agree_in_gender_with_their_person() -> None:
    # The last person named is a man; «ее» is the woman of the sentence.
    text = ("Директор Елена Соболева, выступая вместе с профессором Аркадием Мельниковым, "
            "объяснила спад пошлинами. По ее словам, масло выгоднее продавать дома.")
    people = (("Елена Соболева", "PERSON"), ("Аркадием Мельниковым", "PERSON"))
    assert _sources(text, *people)[-1] == ("Елена Соболева", "named_person", ())
    # A verb's gender decides too: «сказала она» after a man and a woman.
    text = ("Анна Ковальская встретилась с Павлом Ковальчуком. «Это нарушение», — сказала она.")
    people = (("Анна Ковальская", "PERSON"), ("Павлом Ковальчуком", "PERSON"))
    assert _sources(text, *people) == [("Анна Ковальская", "named_person", ())]


def test_russian_pronouns_prefer_the_subject_and_stay_unresolved_between_two() -> None:
    # A man in the genitive beside the subject: «он» is the subject.
    text = ("Вадим Орлов ответил на вопрос Ивана Петрова. Он заявил, что цены вырастут.")
    people = (("Вадим Орлов", "PERSON"), ("Ивана Петрова", "PERSON"))
    assert _sources(text, *people) == [("Вадим Орлов", "named_person", ())]
    # Two women, both subjects: the text does not decide.
    text = ("Глава департамента Ирина Костина и ее заместитель Мария Белова провели брифинг. "
            "По ее словам, движение восстановят к пятнице.")
    people = (("Ирина Костина", "PERSON"), ("Мария Белова", "PERSON"))
    assert _sources(text, *people) == [
        (None, "none", ("Ирина Костина", "Мария Белова"))]


def test_russian_possessive_pronoun_is_not_the_speaker() -> None:
    text = "Адвокат Петр Кашпар пояснил суду детали. Его подзащитный заявил, что раскаивается."
    assert all(name != "Петр Кашпар" for name, _, _ in
               _sources(text, ("Петр Кашпар", "PERSON"))[1:])


def test_russian_subject_after_a_verb_that_opens_its_clause() -> None:
    # The sentence's first organisation is not the speaker: the person after the verb is.
    text = ("Министерство сельского хозяйства понизило прогноз урожая до 81 млн тонн, "
            "сообщил журналистам во вторник заместитель министра Виктор Самсонов.")
    found = _sources(text, ("Министерство сельского хозяйства", "ORG"),
                     ("Виктор Самсонов", "PERSON"))
    assert found == [("Виктор Самсонов", "named_person", ())]
