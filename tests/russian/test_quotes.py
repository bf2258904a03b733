"""Russian quote contents: where each way of citing puts what was said."""

from __future__ import annotations

import pytest

from unspin.russian.quotes import find_quotes
from unspin.russian.sources import find_sources


def _quotes(text: str, name: str | None = None, label: str = "PERSON"
            ) -> list[tuple[str, str]]:
    entities = []
    if name:
        at = text.index(name)
        entities = [(at, at + len(name), "ORG" if name == "Росстата" else label)]
    sentences = [(0, len(text))]
    found = find_quotes(text, sentences, find_sources(text, entities))
    return [(q.kind, text[q.start:q.end]) for q in found]


@pytest.mark.parametrize("text,person,expected", [
    ("Министр Иван Петров заявил, что цены стабилизируются.", "Иван Петров",
     [("indirect", "цены стабилизируются")]),
    ("«Это рекорд, причем очень плохой», — сказал Иван Петров.", "Иван Петров",
     [("direct", "Это рекорд, причем очень плохой")]),
    ("По словам Ивана Петрова, цены стабилизируются.", "Ивана Петрова",
     [("indirect", "цены стабилизируются")]),
    ("Цены выросли на 5%, по данным Росстата.", "Росстата",
     [("indirect", "Цены выросли на 5%")]),
    ("Эксперты считают, что повышение станет «ударом по бизнесу».", None,
     [("mixed", "повышение станет «ударом по бизнесу»")]),
])
def test_russian_quotes_content_where_russian_puts_it(text: str, person: str | None,
                                                      expected: list[tuple[str, str]]) -> None:
    assert _quotes(text, person) == expected


def test_russian_quotes_none_without_a_content() -> None:
    # A source with nothing said that the rules can place stays a source only.
    assert _quotes("Эксперты считают.") == []
