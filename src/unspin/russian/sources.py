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
from .names import organization_nominative, person_gender, person_nominative
from .organizations import (
    ORGANIZATION_LEMMAS,
    NamedOrganization,
    earlier_organization,
    named_organizations,
    quoted_name,
    with_bodies,
)

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
# Third-person pronouns that stand for a person, with the gender they agree with.
PRONOUNS = {"он": "masc", "его": "masc", "она": "femn", "её": "femn", "ее": "femn"}
_POSSESSIVES = frozenset({"его", "её", "ее", "их"})
# The case a phrase cue governs in the words after it («по словам» + genitive).
PHRASE_CASES = {"словам": "gent", "мнению": "gent", "данным": "gent", "оценке": "gent",
                "оценкам": "gent", "прогнозу": "gent", "прогнозам": "gent",
                "информации": "gent", "сведениям": "gent", "согласно": "datv", "на": "accs",
                "в": "loct", "из": "gent"}
# Prepositions that put the name after them in a case («в министерстве», «у компании»).
PREPOSITION_CASES = {"в": "loct", "во": "loct", "у": "gent", "от": "gent", "из": "gent"}
ENTITY_KINDS = {"PERSON": "named_person", "ORG": "named_organization",
                "LOC": "named_organization"}
_CLAUSE_END = re.compile(r"[,;:.!?()«»„“”\"—–]")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w-]*")
_AFTER_QUOTE = re.compile(r"[»“”\"]\s*[,.!?…]?\s*[—–-]\s*$")
# At most this many words after a phrase cue make its source.
_MAX_WORDS = 8
_NEWLINES = re.compile(r"\n+")


@dataclass(frozen=True, slots=True)
class FoundSource:
    """A source's words in the text, its kind and, when named, its name in the
    nominative; ``cue`` is the cue it stands behind. A pronoun the text does not resolve
    («По ее словам» after two women) is of kind ``none`` (no named source, as in English)
    with the people it could be in ``candidates``."""

    start: int
    end: int
    text: str
    kind: str
    name: str | None
    cue: Cue
    candidates: tuple[str, ...] = ()


Entities = Sequence[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class _Article:
    """What every look-up needs: the text, its entities (bodies joined with their places)
    and the organisations it names."""

    text: str
    entities: Entities
    organizations: Sequence[NamedOrganization]


def find_sources(text: str, entities: Entities) -> list[FoundSource]:
    """The source behind every cue of ``text`` that has one; ``entities`` are (start, end,
    label) of the named entities (``models.russian.entities``). An entity that is a vague
    noun (slovnet tags «СМИ» as an organisation) names nobody and is not counted."""
    kept = with_bodies(text, [e for e in entities
                              if _lemma(text[e[0]:e[1]]) not in VAGUE_LEMMAS])
    article = _Article(text, kept, named_organizations(text, kept))
    found = []
    for cue in find_cues(text):
        source = (_after_phrase(article, cue) if cue.kind == "phrase"
                  else _for_verb(article, cue))
        if source is not None:
            found.append(_full_name(article, source))
    return found


def _full_name(article: _Article, source: FoundSource) -> FoundSource:
    """A person named by the surname alone («Вендт») under the full name given earlier
    («Клаус Вендт»), as a reader understands it."""
    if source.kind != "named_person" or not source.name or " " in source.name:
        return source
    full = _full_name_of(article, source.name, source.start)
    if full == source.name:
        return source
    return FoundSource(source.start, source.end, source.text, source.kind, full, source.cue)


def _full_name_of(article: _Article, name: str, before: int) -> str:
    earlier = [person_nominative(article.text[s:e]) for s, e, label in article.entities
               if label == "PERSON" and e <= before]
    full = [n for n in earlier if " " in n and n.split()[-1] == name]
    return full[-1] if full else name


def _after_phrase(article: _Article, cue: Cue) -> FoundSource | None:
    text = article.text
    words = cue.text.lower().split()
    if len(words) > 2 and words[1] in PRONOUNS:  # «по его словам»
        at = cue.start + cue.text.lower().index(words[1])
        return _pronoun(article, at, at + len(words[1]), cue)
    end = _clause_end(text, cue.end)
    spans = [m.span() for m in _WORD.finditer(text, cue.end, end)][:_MAX_WORDS]
    if not spans:
        return _data_alone(text, cue)
    # The words after the phrase are in the case it governs, a name in apposition too.
    case = PHRASE_CASES.get(words[-1], "nomn")
    return _classify(article, spans[0][0], spans[-1][1], cue, case)


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


def _for_verb(article: _Article, cue: Cue) -> FoundSource | None:
    text, entities = article.text, article.entities
    line_start = text.rfind("\n", 0, cue.start) + 1
    if _AFTER_QUOTE.search(text, line_start, cue.start):  # «…», — сказал он
        return _after_verb(article, cue)
    start = _clause_start(text, cue.start)
    named = [e for e in entities if start <= e[0] and e[1] <= cue.start]
    if not named and not text[start:cue.start].strip():
        # The verb opens its clause. Its subject follows it when someone is named there
        # («…, сообщил журналистам заместитель министра Виктор Самсонов»); else the verb
        # follows a relative clause («Вендт, который …, заявил»), and the subject is the
        # last person or organisation named earlier in the sentence.
        after = _clause_end(text, cue.end)
        if any(cue.end <= e[0] and e[1] <= after for e in entities):
            return _after_verb(article, cue)
        named = [e for e in entities if _sentence_start(text, cue.start) <= e[0]
                 and e[1] <= cue.start and e[2] != "LOC"]
    if named:
        s, e, _ = named[-1]
        return _classify(article, s, e, cue, _case_before(text, s))
    spans = [m.span() for m in _WORD.finditer(text, start, cue.start)]
    for s, e in reversed(spans):
        lemma = _lemma(text[s:e])
        if lemma in PRONOUNS and not _possessive(text, s, e):
            return _pronoun(article, s, e, cue)
        if lemma in VAGUE_LEMMAS or lemma in DOCUMENT_LEMMAS or lemma in ORGANIZATION_LEMMAS:
            return _classify(article, s, e, cue, _case_before(text, s))
    return _after_verb(article, cue)


def _after_verb(article: _Article, cue: Cue) -> FoundSource | None:
    """The subject after the verb, as Russian news often puts it («сообщила председатель
    комиссии Светлана Крылова»): the words up to the clause's end."""
    text = article.text
    spans = [m.span() for m in _WORD.finditer(text, cue.end, _clause_end(text, cue.end))]
    spans = spans[:_MAX_WORDS]
    if not spans:
        return None
    first = _lemma(text[spans[0][0]:spans[0][1]])
    if first in PRONOUNS:
        return _pronoun(article, spans[0][0], spans[0][1], cue)
    return _classify(article, spans[0][0], spans[-1][1], cue, "nomn")


def _classify(article: _Article, start: int, end: int, cue: Cue, case: str
              ) -> FoundSource | None:
    """The kind of the words ``text[start:end]``: a named entity among them, else a
    document or vague noun, else an organisation noun (named by the name in guillemets
    after it or by the organisation named earlier with that noun), else nothing (the
    words name no source we can tell). ``case`` is the case the words are in."""
    text = article.text
    inside = [e for e in article.entities if start <= e[0] < end]
    lemmas = [_lemma(m.group()) for m in _WORD.finditer(text, start, end)]
    if lemmas and lemmas[0] in DOCUMENT_LEMMAS:
        return FoundSource(start, end, text[start:end], "document", None, cue)
    if inside:
        s, e, label = next((x for x in inside if x[2] == "PERSON"), inside[0])
        name = (person_nominative(text[s:e], case, _verb_gender(cue)) if label == "PERSON"
                else organization_nominative(text[s:e], case))
        return FoundSource(min(start, s), max(end, e), text[min(start, s):max(end, e)],
                           ENTITY_KINDS[label], name, cue)
    if any(lemma in DOCUMENT_LEMMAS for lemma in lemmas):
        return FoundSource(start, end, text[start:end], "document", None, cue)
    if any(lemma in VAGUE_LEMMAS for lemma in lemmas):
        return FoundSource(start, end, text[start:end], "vague", None, cue)
    nouns = [lemma for lemma in lemmas if lemma in ORGANIZATION_LEMMAS]
    if nouns:
        return _organization(article, start, end, cue, nouns[-1])
    return None


def _organization(article: _Article, start: int, end: int, cue: Cue, noun: str
                  ) -> FoundSource:
    """An organisation described by ``noun``: named by the guillemets right after the
    words («агентство «Автостат-Плюс»»), else by the last organisation named earlier
    with that noun («по данным ассоциации» after «Ассоциации автодилеров»), else
    unnamed."""
    text = article.text
    quoted = quoted_name(text, end)
    if quoted is not None:
        return FoundSource(start, quoted[0], text[start:quoted[0]], "named_organization",
                           quoted[1], cue)
    earlier = earlier_organization(article.organizations, noun, start)
    return FoundSource(start, end, text[start:end], "named_organization",
                       earlier.name if earlier else None, cue)


def _pronoun(article: _Article, start: int, end: int, cue: Cue) -> FoundSource | None:
    """A pronoun resolved to the person it agrees with (gender, from the pronoun or the
    cue verb) in the nearest sentence before it that names one, in this paragraph or the
    one before; among several there, the subject (a name in the nominative). Several
    subjects that agree leave it unresolved, with them as candidates; nobody who agrees,
    no source."""
    text = article.text
    gender = PRONOUNS.get(text[start:end].lower()) or _verb_gender(cue)
    window = _previous_paragraph(text, start)
    people = [(s, e) for s, e, label in article.entities
              if label == "PERSON" and window <= s and e <= start]
    agreeing = [(s, e, _person(article, s, e, gender)) for s, e in people]
    agreeing = [p for p in agreeing if gender is None or person_gender(p[2]) in (gender, None)]
    if not agreeing:
        return None
    sentence = _sentence_start(text, agreeing[-1][0] + 1)
    nearest = [p for p in agreeing if p[0] >= sentence]
    names = list(dict.fromkeys(p[2] for p in nearest))
    if len(names) > 1:
        subjects = list(dict.fromkeys(p[2] for p in nearest
                                      if person_nominative(text[p[0]:p[1]]) == text[p[0]:p[1]]))
        names = subjects if subjects else names
    word = text[start:end]
    if len(names) == 1:
        return FoundSource(start, end, word, "named_person", names[0], cue)
    return FoundSource(start, end, word, "none", None, cue, tuple(names))


def _person(article: _Article, start: int, end: int, gender: str | None) -> str:
    """A person's name as the article gives it in full, in the nominative, read with
    ``gender`` where the words allow both («Геннадия Зуева» for «он»)."""
    name = person_nominative(article.text[start:end], gender=gender)
    return name if " " in name else _full_name_of(article, name, start)


def _possessive(text: str, start: int, end: int) -> bool:
    """«его подзащитный»: the pronoun owns the noun after it, which is the subject."""
    if text[start:end].lower() not in _POSSESSIVES:
        return False
    after = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    return after is not None and morph().parse(after.group())[0].tag.POS in ("NOUN", "ADJF")


def _verb_gender(cue: Cue) -> str | None:
    """The gender a past-tense cue verb agrees with («заявила»: femn), else None."""
    if cue.kind != "verb":
        return None
    gender = str(morph().parse(cue.text.lower())[0].tag.gender)
    return gender if gender in ("masc", "femn") else None


def _case_before(text: str, start: int) -> str:
    """The case of the words at ``start``: the one a preposition before them governs
    («в министерстве»), else the nominative of a verb's subject."""
    before = re.search(r"([А-Яа-яЁё]+)\s+$", text[max(0, start - 12):start])
    return PREPOSITION_CASES.get(before.group(1).lower(), "nomn") if before else "nomn"


def _previous_paragraph(text: str, at: int) -> int:
    """Where the paragraph before the one holding ``at`` starts (blank lines skipped)."""
    starts = [0] + [m.end() for m in _NEWLINES.finditer(text, 0, at)]
    return starts[-2] if len(starts) > 1 else 0


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
