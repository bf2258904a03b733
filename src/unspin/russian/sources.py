"""Who a Russian sentence cites: the source behind each attribution cue (issue 20, item 2),
with the English kinds: ``named_person``, ``named_organization``, ``document``, ``vague``.

From each cue (``russian.cues``) the source is looked for where Russian puts it:

* after a phrase («по словам министра», «по данным Росстата», «как сообщает ТАСС»,
  «согласно докладу»), up to the next comma; «по его словам» names a pronoun, resolved to
  the last person named before it;
* after a verb that follows a quotation («…», — сказал он);
* otherwise before the verb, in its clause: the nearest named entity, a vague noun
  («эксперты», «западные СМИ», «источники») or a pronoun (он, она).

The kind comes from what the words are: a named entity (slovnet's PERSON, or ORG and LOC
for organisations, states and cities that speak), a document noun («данные», «доклад»,
«отчет») or a vague noun. Names are given in the nominative (pymorphy3), so «Вендта» is
reported as «Вендт».
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cues import Cue, find_cues, morph

# Nouns that make a source a document (by lemma).
DOCUMENT_LEMMAS = frozenset({
    "данные", "доклад", "отчёт", "отчет", "исследование", "сообщение", "пресс-релиз",
    "статистика", "опрос", "заявление", "документ", "справка", "бюллетень", "прогноз",
    "оценка", "расчёт", "расчет", "обзор", "письмо", "постановление", "решение",
})
# Nouns that make a source vague: a group nobody is named in (by lemma).
VAGUE_LEMMAS = frozenset({
    "сми", "эксперт", "аналитик", "источник", "наблюдатель", "политолог", "экономист",
    "трейдер", "брокер", "участник", "житель", "представитель", "специалист", "критик",
    "очевидец", "синоптик", "чиновник", "официальный", "аграрий", "профсоюз", "опасение",
    "некоторый", "ряд", "многие", "немец", "россиянин", "украинец", "канал", "блогер",
})
# Nouns that describe an organisation that speaks (by lemma).
ORGANIZATION_LEMMAS = frozenset({
    "компания", "администрация", "министерство", "минздрав", "минфин", "оператор",
    "ведомство", "правительство", "суд", "прокуратура", "служба", "управление",
    "комиссия", "избирком", "отделение", "банк", "регулятор", "мэрия", "полиция", "мвд",
    "партия", "агентство", "пресс-служба", "штаб", "департамент", "комитет", "совет",
    "объединение", "ассоциация", "союз", "концерн", "предприятие", "завод", "холдинг",
})
PRONOUNS = {"он": "person", "она": "person", "его": "person", "её": "person", "ее": "person"}
ENTITY_KINDS = {"PERSON": "named_person", "ORG": "named_organization",
                "LOC": "named_organization"}
_CLAUSE_END = re.compile(r"[,;:.!?()«»„“”\"—–]")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w-]*")
_AFTER_QUOTE = re.compile(r"[»“”\"]\s*[,.!?…]?\s*[—–-]\s*$")
# At most this many words after a phrase cue make its source.
_MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class FoundSource:
    """A source's words in the text, its kind and, when named, its name in the
    nominative; ``cue`` is the cue it stands behind."""

    start: int
    end: int
    text: str
    kind: str
    name: str | None
    cue: Cue


Entities = Sequence[tuple[int, int, str]]


def find_sources(text: str, entities: Entities) -> list[FoundSource]:
    """The source behind every cue of ``text`` that has one; ``entities`` are (start, end,
    label) of the named entities (``models.russian.entities``). An entity that is a vague
    noun (slovnet tags «СМИ» as an organisation) names nobody and is not counted."""
    entities = [e for e in entities if _lemma(text[e[0]:e[1]]) not in VAGUE_LEMMAS]
    found = []
    for cue in find_cues(text):
        source = (_after_phrase(text, cue, entities) if cue.kind == "phrase"
                  else _for_verb(text, cue, entities))
        if source is not None:
            found.append(_full_name(text, source, entities))
    return found


def _full_name(text: str, source: FoundSource, entities: Entities) -> FoundSource:
    """A person named by the surname alone («Вендт») under the full name given earlier
    («Клаус Вендт»), as a reader understands it."""
    if source.kind != "named_person" or not source.name or " " in source.name:
        return source
    earlier = [_nominative(text[s:e], label) for s, e, label in entities
               if label == "PERSON" and e <= source.start]
    full = [n for n in earlier if " " in n and n.split()[-1] == source.name]
    if not full:
        return source
    return FoundSource(source.start, source.end, source.text, source.kind, full[-1],
                       source.cue)


def _after_phrase(text: str, cue: Cue, entities: Entities) -> FoundSource | None:
    words = cue.text.lower().split()
    if len(words) > 2 and words[1] in PRONOUNS:  # «по его словам»
        at = cue.start + cue.text.lower().index(words[1])
        return _pronoun(text, at, at + len(words[1]), cue, entities)
    end = _clause_end(text, cue.end)
    spans = [m.span() for m in _WORD.finditer(text, cue.end, end)][:_MAX_WORDS]
    if not spans:
        return _data_alone(text, cue)
    return _classify(text, spans[0][0], spans[-1][1], cue, entities)


def _data_alone(text: str, cue: Cue) -> FoundSource | None:
    """«По предварительным данным,» with nobody after it: the data are the source, a
    document; «по некоторым данным» is the vague source issue 20 names."""
    words = list(_WORD.finditer(text, cue.start, cue.end))
    if len(words) < 2 or _lemma(words[-1].group()) != "данные":
        return None
    start, end = words[1].start(), words[-1].end()
    vague = any(_lemma(w.group()) in VAGUE_LEMMAS for w in words[1:-1])
    return FoundSource(start, end, text[start:end], "vague" if vague else "document", None,
                       cue)


def _for_verb(text: str, cue: Cue, entities: Entities) -> FoundSource | None:
    line_start = text.rfind("\n", 0, cue.start) + 1
    if _AFTER_QUOTE.search(text, line_start, cue.start):  # «…», — сказал он
        return _after_verb(text, cue, entities)
    start = _clause_start(text, cue.start)
    named = [e for e in entities if start <= e[0] and e[1] <= cue.start]
    if not named and not text[start:cue.start].strip():
        # The verb opens its clause after a relative one («Вендт, который …, заявил»):
        # the subject is the last person or organisation named earlier in the sentence.
        named = [e for e in entities if _sentence_start(text, cue.start) <= e[0]
                 and e[1] <= cue.start and e[2] != "LOC"]
    if named:
        s, e, _ = named[-1]
        return _classify(text, s, e, cue, entities)
    spans = [m.span() for m in _WORD.finditer(text, start, cue.start)]
    for s, e in reversed(spans):
        lemma = _lemma(text[s:e])
        if lemma in PRONOUNS:
            return _pronoun(text, s, e, cue, entities)
        if lemma in VAGUE_LEMMAS or lemma in DOCUMENT_LEMMAS or lemma in ORGANIZATION_LEMMAS:
            return _classify(text, s, e, cue, entities)
    return _after_verb(text, cue, entities)


def _after_verb(text: str, cue: Cue, entities: Entities) -> FoundSource | None:
    """The subject after the verb, as Russian news often puts it («сообщила председатель
    комиссии Светлана Крылова»): the words up to the clause's end."""
    spans = [m.span() for m in _WORD.finditer(text, cue.end, _clause_end(text, cue.end))]
    spans = spans[:_MAX_WORDS]
    if not spans:
        return None
    first = _lemma(text[spans[0][0]:spans[0][1]])
    if first in PRONOUNS:
        return _pronoun(text, spans[0][0], spans[0][1], cue, entities)
    return _classify(text, spans[0][0], spans[-1][1], cue, entities)


def _classify(text: str, start: int, end: int, cue: Cue, entities: Entities
              ) -> FoundSource | None:
    """The kind of the words ``text[start:end]``: a named entity among them, else a
    document or vague noun, else nothing (the words name no source we can tell)."""
    inside = [e for e in entities if start <= e[0] < end]
    lemmas = [_lemma(m.group()) for m in _WORD.finditer(text, start, end)]
    if lemmas and lemmas[0] in DOCUMENT_LEMMAS:
        return FoundSource(start, end, text[start:end], "document", None, cue)
    if inside:
        s, e, label = next((x for x in inside if x[2] == "PERSON"), inside[0])
        return FoundSource(start, end, text[start:end], ENTITY_KINDS[label],
                           _nominative(text[s:e], label), cue)
    if any(lemma in DOCUMENT_LEMMAS for lemma in lemmas):
        return FoundSource(start, end, text[start:end], "document", None, cue)
    if any(lemma in VAGUE_LEMMAS for lemma in lemmas):
        return FoundSource(start, end, text[start:end], "vague", None, cue)
    if any(lemma in ORGANIZATION_LEMMAS for lemma in lemmas):
        return FoundSource(start, end, text[start:end], "named_organization", None, cue)
    return None


def _pronoun(text: str, start: int, end: int, cue: Cue, entities: Entities
             ) -> FoundSource | None:
    """A pronoun resolved to the last person named before it."""
    people = [e for e in entities if e[2] == "PERSON" and e[1] <= start]
    if not people:
        return None
    s, e, label = people[-1]
    return FoundSource(start, end, text[start:end], "named_person",
                       _nominative(text[s:e], label), cue)


def _nominative(name: str, label: str) -> str:
    """A person's name in the nominative («Геннадия Зуева» -> «Геннадий Зуев», «Светланы
    Крыловой» -> «Светлана Крылова»): the case and gender every word of the name can share
    (a first name and a surname agree); a name that can be read as a nominative is left as
    written, else each word is put in the nominative with that gender. Ambiguous names
    stay as written («Геннадия Зуева» can be a woman's name in the nominative). Other names
    are given as written."""
    if label != "PERSON":
        return name
    words = name.split()
    parses = [[p for p in morph().parse(w) if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
              for w in words]
    shared = [(str(p.tag.case), str(p.tag.gender)) for p in parses[0]
              if all(any(q.tag.case == p.tag.case and q.tag.gender == p.tag.gender for q in ps)
                     for ps in parses[1:])]
    # A reading as a nominative wins: a name as written is never made worse.
    if not shared or any(case == "nomn" for case, _ in shared):
        return name
    case, gender = shared[0]
    out = []
    for word, candidates in zip(words, parses):
        fitting = [p for p in candidates
                   if str(p.tag.case) == case and str(p.tag.gender) == gender]
        inflected = fitting[0].inflect({"nomn"}) if fitting else None
        found = inflected.word if inflected is not None else word.lower()
        if "ё" not in word.lower():
            found = found.replace("ё", "е")
        out.append(found[:1].upper() + found[1:])
    return " ".join(out)


def _lemma(word: str) -> str:
    return str(morph().parse(word.lower())[0].normal_form)


def _clause_end(text: str, start: int) -> int:
    m = _CLAUSE_END.search(text, start)
    return m.start() if m else len(text)


def _sentence_start(text: str, end: int) -> int:
    line = text.rfind("\n", 0, end) + 1
    stops = [m.end() for m in re.finditer(r"[.!?…]\s", text[line:end])]
    return line + (stops[-1] if stops else 0)


def _clause_start(text: str, end: int) -> int:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, text.rfind("\n", 0, end) + 1, end)]
    return starts[-1] if starts else text.rfind("\n", 0, end) + 1
