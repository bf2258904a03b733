"""Where Russian text reports what someone said (issue 20, item 2): attribution cues.

Two kinds. Reporting verbs, found by lemma with pymorphy3 (a Russian verb has dozens of
forms: «заявил», «заявила», «заявили», «заявляет», «заявят»...; a lemma list is what names
them all). And fixed phrases that put the source after them, which a lemma cannot find:
«по словам», «по (предварительным) данным», «по его мнению», «по оценке», «как сообщает»,
«согласно», «со ссылкой на», «говорится в», «следует из».

A cue is where a quote reader starts: the speaker is the subject of the verb or the noun
after the phrase, the content the clause or the quotation beside it. This module finds the
cues only; ``docs/russian-eval.md`` gives their precision and recall on our gold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import ModelError

# Reporting verbs, both aspects where both are used in news.
CUE_LEMMAS = frozenset({
    "заявить", "заявлять", "сказать", "говорить", "сообщить", "сообщать", "отметить",
    "отмечать", "подчеркнуть", "подчёркивать", "подчеркивать", "пояснить", "пояснять",
    "добавить", "добавлять", "рассказать", "рассказывать", "написать", "писать",
    "признать", "признавать", "указать", "указывать", "уточнить", "уточнять", "считать",
    "полагать", "утверждать", "предупредить", "предупреждать", "предостеречь",
    "предостерегать", "допустить", "допускать", "назвать", "называть", "объяснить",
    "объяснять", "оценить", "оценивать", "ожидать", "раскритиковать", "критиковать",
    "пожаловаться", "жаловаться", "свидетельствовать", "связывать", "рассчитывать",
    "опасаться", "прогнозировать", "заверить", "заверять", "подтвердить", "подтверждать",
    "сообщаться", "отмечаться", "говориться",
})
_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")
_POSSESSIVE = r"(?:(?:его|её|ее|их|нашим|нашей|моему|моей)\s+)?"
_PHRASES = re.compile(
    r"\b(?:"
    rf"по\s+{_POSSESSIVE}словам"
    r"|по(?:\s+[а-яё]+(?:ым|им|ой|ей)){0,2}\s+данным"
    rf"|по\s+{_POSSESSIVE}(?:мнению|оценке|оценкам|прогнозу|прогнозам|информации|сведениям)"
    r"|как\s+(?:сообщает|сообщают|сообщил[аио]?|пишет|пишут|отмечает|отмечают|заявил[аи]?)"
    r"|согласно|со\s+ссылкой\s+на|на\s+(?:наш|его|её|ее|их)\s+взгляд"
    r"|говорится\s+в|отмечается\s+в|следует\s+из"
    r")(?![а-яё])",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue's offsets, its text and kind: ``verb`` (a reporting verb) or ``phrase``."""

    start: int
    end: int
    text: str
    kind: str


@cache
def morph() -> Any:
    """pymorphy3's analyser for Russian, loaded once per process (about 1 s)."""
    try:
        import pymorphy3
    except ImportError as error:
        raise ModelError("pymorphy3 is not installed; run `make install`") from error
    return pymorphy3.MorphAnalyzer()


@cache
def reporting_verb(word: str) -> bool:
    """Whether ``word`` is a finite form of a reporting verb (participles and gerunds are
    not: «попросившие не называть» describes a source, it does not cite one)."""
    parse = morph().parse(word.lower())[0]
    return parse.tag.POS == "VERB" and parse.normal_form in CUE_LEMMAS


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Every cue in ``text[start:end]``, in order; a verb inside a phrase («как
    сообщает») is reported once, as the phrase."""
    end = len(text) if end is None else end
    phrases = [Cue(m.start(), m.end(), m.group(), "phrase")
               for m in _PHRASES.finditer(text, start, end)]
    taken = [(c.start, c.end) for c in phrases]
    verbs = [Cue(m.start(), m.end(), m.group(), "verb") for m in _WORD.finditer(text, start, end)
             if reporting_verb(m.group())
             and not any(s <= m.start() < e for s, e in taken)]
    return sorted(phrases + verbs, key=lambda c: c.start)
