"""Russian names in the nominative: whole phrases, read with what the sentence tells."""

from __future__ import annotations

import pytest

from unspin.russian.names import organization_nominative, person_gender, person_nominative


@pytest.mark.parametrize("written,case,gender,nominative", [
    # A woman's indeclinable surname keeps its form; her first name is inflected.
    ("Марины Кравец", None, None, "Марина Кравец"),
    # «Геннадия Зуева» is a man in the genitive after «по словам», a woman alone.
    ("Геннадия Зуева", "gent", None, "Геннадий Зуев"),
    ("Геннадия Зуева", None, None, "Геннадия Зуева"),
    ("Геннадия Зуева", None, "masc", "Геннадий Зуев"),
    # A nominative reading wins when the sentence says nothing.
    ("Алена Горакова", None, None, "Алена Горакова"),
    ("Ломакина", "gent", None, "Ломакин"),
    ("Светланы Крыловой", None, None, "Светлана Крылова"),
    # An initial constrains nothing.
    ("Марек С.", None, None, "Марек С."),
])
def test_person_names_in_the_nominative(written: str, case: str | None, gender: str | None,
                                        nominative: str) -> None:
    assert person_nominative(written, case, gender) == nominative


def test_person_gender_only_when_the_words_tell() -> None:
    assert person_gender("Марина Кравец") == "femn"
    assert person_gender("Клаус Вендт") == "masc"
    assert person_gender("Геннадия Зуева") is None


@pytest.mark.parametrize("written,case,nominative", [
    ("Всемирной организации здравоохранения", None, "Всемирная организация здравоохранения"),
    ("Национальной товарной биржи", None, "Национальная товарная биржа"),
    # Only the head and its adjectives change; the genitive complement stays.
    ("Министерстве внутренних дел Чехии", None, "Министерство внутренних дел Чехии"),
    ("Министерства обороны России", "gent", "Министерство обороны России"),
    # The adjective takes the noun's gender.
    ("Федеральным агентством по трудоустройству", None,
     "Федеральное агентство по трудоустройству"),
    ("Рейнского института экономических исследований", None,
     "Рейнский институт экономических исследований"),
    ("Росстата", "gent", "Росстат"),
    # Abbreviations and Latin names as written.
    ("КПРФ", None, "КПРФ"),
    ("Meridian Maritime", None, "Meridian Maritime"),
])
def test_organization_names_in_the_nominative(written: str, case: str | None,
                                              nominative: str) -> None:
    assert organization_nominative(written, case) == nominative
