"""Which organisation a Russian source names (issue 20, item 2).

slovnet marks the words it knows as an organisation or a place; a reader takes in more:

* a body and the country or city it belongs to are one name: «Минсельхоз» + «России»,
  «Министерство внутренних дел» + «Чехии» (slovnet often marks the country alone, and
  a report that «Чехия» said something names the wrong speaker);
* a name in guillemets after the noun that says what it is: «аналитическое агентство
  «Автостат-Плюс»», «консалтинговой компании «АгроИндекс»»;
* a later bare noun stands for the organisation named earlier with that noun: after
  «агентство «Автостат-Плюс»», «по прогнозу агентства» is Автостат-Плюс, after
  «Ассоциации автодилеров», «по данным ассоциации» is the association.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cues import morph
from .names import organization_nominative

# Nouns that describe an organisation that speaks (by lemma).
ORGANIZATION_LEMMAS = frozenset({
    "компания", "администрация", "министерство", "минздрав", "минфин", "оператор",
    "ведомство", "правительство", "суд", "прокуратура", "служба", "управление",
    "комиссия", "избирком", "отделение", "банк", "регулятор", "мэрия", "полиция", "мвд",
    "партия", "агентство", "пресс-служба", "штаб", "департамент", "комитет", "совет",
    "объединение", "ассоциация", "союз", "концерн", "предприятие", "завод", "холдинг",
})
# Bodies of a state or a city, named with it in the genitive («Министерство обороны
# России», «мэрия Москвы»): the name runs from the body to the place.
STATE_BODY_LEMMAS = frozenset({
    "министерство", "минсельхоз", "минфин", "минздрав", "минобороны", "минэкономразвития",
    "мид", "мвд", "правительство", "прокуратура", "администрация", "мэрия", "посольство",
    "парламент", "избирком", "полиция", "ведомство",
})
# At most this many words between a body and its place («Министерство внутренних дел»).
_MAX_BODY_WORDS = 4
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w-]*")
_QUOTED_NAME = re.compile(r"\s*«([^«»\n]{1,60})»")
_NOUN_AND_NAME = re.compile(r"([А-Яа-яЁё-]+)\s*«([^«»\n]{1,60})»")
Entity = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class NamedOrganization:
    """An organisation named in the text: where, its name in the nominative, and the
    lemmas a later bare noun may refer to it by."""

    start: int
    end: int
    name: str
    lemmas: frozenset[str]


def lemma(word: str) -> str:
    """pymorphy3's likeliest lemma of ``word``."""
    return str(morph().parse(word.lower())[0].normal_form)


def with_bodies(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """``entities`` with each place that completes a body's name joined to it as one
    organisation: an organisation or place right after an organisation («Минсельхоз»
    «России»), or a place after a state body's words («Министерство обороны» «России»)."""
    out: list[Entity] = []
    for start, end, label in sorted(entities):
        if label in ("ORG", "LOC") and out and out[-1][2] == "ORG" \
                and not text[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end, "ORG")
            continue
        body = _body_start(text, start) if label == "LOC" else None
        out.append((body, end, "ORG") if body is not None else (start, end, label))
    return out


def _body_start(text: str, start: int) -> int | None:
    """Where a state body's name begins when its words come right before ``start``."""
    line = text.rfind("\n", 0, start) + 1
    before = list(_WORD.finditer(text, line, start))[-_MAX_BODY_WORDS:]
    for m in reversed(before):
        if re.search(r"[^\w\s-]", text[m.end():start]):
            return None  # punctuation between: not one name
        if lemma(m.group()) in STATE_BODY_LEMMAS:
            return m.start()
    return None


def quoted_name(text: str, end: int) -> tuple[int, str] | None:
    """The name in guillemets right after ``end`` (after «агентство»), with its end."""
    m = _QUOTED_NAME.match(text, end)
    return (m.end(), m.group(1).strip()) if m else None


def named_organizations(text: str, entities: Sequence[Entity]) -> list[NamedOrganization]:
    """Every organisation the text names, in order: slovnet's organisations (joined with
    their place) and names in guillemets after an organisation noun."""
    found = [NamedOrganization(s, e, organization_nominative(text[s:e]),
                               _lemmas(text, s, e) | _descriptor(text, s))
             for s, e, label in entities if label == "ORG"]
    for m in _NOUN_AND_NAME.finditer(text):
        noun = lemma(m.group(1))
        if noun in ORGANIZATION_LEMMAS and not any(o.start < m.end() and m.start(2) < o.end
                                                   for o in found):
            found.append(NamedOrganization(m.start(), m.end(), m.group(2).strip(),
                                           frozenset({noun})))
    return sorted(found, key=lambda o: o.start)


def _lemmas(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(lemma(m.group()) for m in _WORD.finditer(text, start, end))


def _descriptor(text: str, start: int) -> frozenset[str]:
    """The organisation noun right before a name («агентство «Автостат-Плюс»»)."""
    m = re.search(r"([А-Яа-яЁё-]+)\s*«?\s*$", text[max(0, start - 40):start])
    noun = lemma(m.group(1)) if m else ""
    return frozenset({noun}) if noun in ORGANIZATION_LEMMAS else frozenset()


def earlier_organization(organizations: Sequence[NamedOrganization], noun: str, before: int
                         ) -> NamedOrganization | None:
    """The last organisation named before ``before`` that the bare noun ``noun`` (a lemma)
    can stand for: one whose name or descriptor has that noun."""
    return next((o for o in reversed(organizations) if o.end <= before and noun in o.lemmas),
                None)
