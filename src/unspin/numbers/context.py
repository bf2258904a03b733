"""What a bare number is, from the words and the parse around it: a year, an age in
apposition ("Abrams, 44"), part of a name ("World War Three", "Boeing 747"), or a count.

``detect`` reads what the characters say ("22-year-old", "three months", "$1.2bn"); a
bare number ("44", "Three", "2016") needs its neighbours. The rules here keep to what a
careful reader would not dispute: a number that follows a name it belongs to, a number
word inside a run of capitalised words, a number set off by commas after a person's name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .detect import Raw
from .lexicon import DATE_PREPOSITION, MONTH, POLL_CUE, REFERENCE_NOUNS, WEEKDAYS
from .sentence import Sent

_NAME_ENTITIES = {"EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "FAC", "ORG"}
_PLACE_ENTITIES = {"GPE", "LOC", "NORP"}


def refine(sent: Sent, raws: list[Raw]) -> list[Raw]:
    """Each number re-read in context: names, ages, years; then a unit written once at
    the end of a list ("20, 30, or 50 years") lent to the numbers before it."""
    return _shared_units(sent, [_refine(sent, raw) for raw in raws])


def _ordinal_name(sent: Sent, raw: Raw) -> bool:
    """"the Second Vatican Council", "the 40th International Eucharistic Congress": a
    capitalised ordinal, or any ordinal before capitalised words, is part of a name."""
    token = _last_token(sent, raw)
    if token is None or token.i + 1 >= len(token.doc):
        return False
    nxt = token.doc[token.i + 1]
    capital = token.text[:1].isupper() and not token.is_sent_start
    return bool(nxt.is_alpha and nxt.text[:1].isupper() and nxt.pos_ == "PROPN"
                and nxt.ent_type_ not in _PLACE_ENTITIES
                and (capital or token.text[:1].isdigit()))


def _refine(sent: Sent, raw: Raw) -> Raw:
    if raw.kind == "ordinal" and _ordinal_name(sent, raw):
        return replace(raw, kind="part_of_name", value=None, low=None, high=None)
    if raw.kind == "count" and raw.hedge in ("and older", "or older"):
        return replace(raw, kind="age", unit="year", year_like=False, plain=False)
    than = _AGE_THAN.search(sent.text, max(sent.start, raw.start - 20), raw.start) \
        if raw.kind == "count" and raw.bound == "exact" and raw.value is not None else None
    if than and not _counts_a_noun(sent, raw):
        return _compared_age(raw, than.group(1).lower())
    if raw.kind == "count" and raw.hedge in ("over", "under") and _people_past(sent, raw):
        return replace(raw, kind="age", unit="year", year_like=False, plain=False)
    if raw.kind == "count" and _is_age(sent, raw) or \
            raw.kind == "duration" and _in_apposition(sent, raw):
        return replace(raw, kind="age", unit=raw.unit or "year", year_like=False)
    if not raw.plain:
        return raw
    if _is_name(sent, raw):
        return replace(raw, kind="part_of_name", value=None, low=None, high=None,
                       bound="exact", hedge=None)
    return _classify_year(sent, raw) if raw.year_like else raw


# ---------------------------------------------------------------------------- names


def _is_name(sent: Sent, raw: Raw) -> bool:
    """A number that names: a number word among capitalised words ("World War Three",
    "Ninety Mile Beach", "Zero Hedge"), digits after the name they belong to ("Boeing
    747", "Route 66", "canon 751"), digits before a singular proper noun ("The 2016
    Committee"), or a number inside a named event, product, work, law, place or
    organisation."""
    token = _number_token(sent, raw)
    if token is None or raw.bound == "range" or raw.hedge:
        return False  # "who number about 5,000": a hedged number measures, never names
    return (_capitalised_run(sent, token) or _follows_its_name(token)
            or _precedes_a_name(raw, token) or not raw.year_like and _inside_named_entity(token))


def _capitalised_run(sent: Sent, token: Any) -> bool:
    if not token.is_alpha or not token.text[:1].isupper():
        return False
    first = sent.base + token.idx == sent.start or token.i == 0 or \
        not token.doc[token.i - 1].text.strip(" \"“‘'(") or token.doc[token.i - 1].is_sent_start
    prev = token.doc[token.i - 1] if token.i > 0 else None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    prev_name = prev is not None and not first and prev.is_alpha and prev.text[:1].isupper() \
        and prev.lower_ not in WEEKDAYS and not re.fullmatch(MONTH, prev.text)
    next_name = nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and \
        nxt.tag_ == "NNP" and nxt.ent_type_ not in _PLACE_ENTITIES
    return bool(prev_name or next_name)


def _follows_its_name(token: Any) -> bool:
    head = token.head
    if head.i >= token.i or token.dep_ not in ("nummod", "appos", "npadvmod", "compound",
                                               "attr", "nmod", "dobj", "pobj"):
        return False
    between = token.doc[head.i + 1:token.i]
    if any(t.is_punct for t in between) or len(between) > 1:
        return False
    if head.lower_ in REFERENCE_NOUNS and head.pos_ not in ("VERB", "AUX"):
        return True
    return bool(head.pos_ == "PROPN" and head.tag_ == "NNP" and head.ent_type_ != "PERSON"
                and head.lower_ not in WEEKDAYS and not re.fullmatch(MONTH, head.text))


def _precedes_a_name(raw: Raw, token: Any) -> bool:
    head = token.head
    if head.i <= token.i or token.dep_ not in ("nummod", "compound") or token.lower_ in (
            "one", "1") or raw.year_like or raw.hedge or not re.fullmatch(r"\d{1,4}", token.text):
        return False
    return bool(head.pos_ == "PROPN" and head.tag_ == "NNP" and head.ent_type_ not in
                _PLACE_ENTITIES and head.text[:1].isupper())


def _inside_named_entity(token: Any) -> bool:
    if token.ent_type_ not in _NAME_ENTITIES:
        return False
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return entity is not None and any(t.is_alpha and t.text[:1].isupper() and not t.like_num
                                      and t.lower_ != "the" for t in entity)


# ---------------------------------------------------------------------------- ages

_AGE_BEFORE = re.compile(r"\b(?:aged|ages?|age\s+of|ages\s+of|at\s+age|at\s+the\s+age\s+of)\s+"
                         r"(?:(?:ranging|ranged|range)\s+(?:from\s+)?)?(?:between\s+)?$"
                         r"|\bbetween\s+the\s+ages\s+of\s+", re.IGNORECASE)


# The ages a bare number is read as where the words around it do not say "age": below 13
# a number after "at" or "over" is as often a clock hour or a count as an age, and no one
# is older than 110.
_YOUNGEST_AGE, _OLDEST_AGE = 13, 110


def _an_age_of_people(value: float | None) -> bool:
    """Whether a bare number lies in the ages of people read without the word "age"."""
    return value is not None and _YOUNGEST_AGE <= value <= _OLDEST_AGE


# "adoptees younger than 18", "people older than 65": a bare number compared by age.
_AGE_THAN = re.compile(r"\b(younger|older)\s+than\s+$", re.IGNORECASE)


# "Those over 60", "voters under 30", "voters who were over 45": people past or short of a
# bare number are of an age.
_PEOPLE_OVER = re.compile(r"\b(?:those|anyone|everyone|people|adults|voters|respondents|men|"
                          r"women)\s+(?:(?:who\s+)?(?:are|were|is|was|be)\s+)?$", re.IGNORECASE)


def _people_past(sent: Sent, raw: Raw) -> bool:
    """Whether a number after "over" or "under" (its hedge, in its span) says the age of
    the people just before it: only in ``_an_age_of_people``, as ``_at_an_age``, and not
    when it counts a noun of its own ("those over 60 minutes")."""
    return _an_age_of_people(raw.value) and \
        _PEOPLE_OVER.search(sent.text, max(sent.start, raw.start - 30), raw.start) is not None \
        and not _counts_a_noun(sent, raw)


def _counts_a_noun(sent: Sent, raw: Raw) -> bool:
    """"younger than 18 other teams": the number of a noun after it is a count."""
    token = _last_token(sent, raw)
    return token is not None and token.dep_ == "nummod" and token.head.i > token.i


def _compared_age(raw: Raw, word: str) -> Raw:
    """"younger than 18" commits to a ceiling, "older than 65" to a floor (section 2 of
    docs/numbers-guidelines.md: the text's own bound)."""
    value = raw.value
    low, high, bound = (None, value, "upper") if word == "younger" else (value, None, "lower")
    return replace(raw, kind="age", unit="year", low=low, high=high, bound=bound,
                   hedge=f"{word} than", year_like=False, plain=False)


def _is_age(sent: Sent, raw: Raw) -> bool:
    """"aged 44", "ages 16 to 24", "between the ages of 25 and 54", and a number set off
    after a person's name ("Abrams, 44,", "Priya (38)")."""
    before = sent.text[max(sent.start, raw.start - 30):raw.start]
    if _AGE_BEFORE.search(before) or _AGE_BEFORE.match(sent.text, raw.start, raw.end):
        return True
    if raw.value is None or not 0 < raw.value < 125:
        return False
    return raw.bound == "exact" and _in_apposition(sent, raw) or _said_of_a_person(sent, raw) \
        or _at_an_age(sent, raw)


_PERSON_PRONOUNS = frozenset({"i", "he", "she", "we", "they", "you", "who"})


def _at_an_age(sent: Sent, raw: Raw) -> bool:
    """"He left school at 16", "she died at 85": a bare whole number after "at" on the
    verb of a person (a pronoun or a named person) is the age they did it at. Up to 12 it
    may be a clock hour ("she arrived at 10"), so only ``_an_age_of_people`` are ages."""
    token = _last_token(sent, raw)
    if token is None or token.dep_ != "pobj" or token.head.lower_ != "at" or \
            raw.value is None or raw.value != int(raw.value) or raw.hedge or \
            not _an_age_of_people(raw.value):
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ in (":", "o'clock")):
        return False
    verb = token.head.head
    if verb.ent_type_ == "PERSON" and verb.pos_ == "PROPN":
        return _person_at(sent)
    if verb.pos_ not in ("VERB",):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subjects and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "left school at 16 and joined the army at 18"
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.lower_ in _PERSON_PRONOUNS or c.ent_type_ == "PERSON" for c in subjects)


# Words of a race's count, beside those of a poll (lexicon.POLL_CUE): where either stands,
# "Clinton at 45" is a share of the vote, not an age.
_TALLY_WORDS = re.compile(r"\b(?:points?|votes?|count|tally|results?)\b", re.IGNORECASE)
_AT_A_NUMBER = re.compile(r"\bat\s+\d", re.IGNORECASE)


def _person_at(sent: Sent) -> bool:
    """"Donald Trump at 70, just the way he is": a person's name with "at" and a number
    hung on the name itself (a headline's way of giving an age). Only where nothing in
    the sentence speaks of a poll and no second "at" number stands beside it ("Clinton at
    45, Trump at 41" is a poll's shares)."""
    text = sent.text[sent.start:sent.end]
    return POLL_CUE.search(text) is None and _TALLY_WORDS.search(text) is None and \
        len(_AT_A_NUMBER.findall(text)) == 1


_BE_OR_TURN = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "’s",
                         "turn", "turns", "turned", "turning"})
_PERSONAL = frozenset({"i", "he", "she", "we", "they", "you"})


def _said_of_a_person(sent: Sent, raw: Raw) -> bool:
    """"he already was 18 at the time", "when she was 25", "they turned 18": a bare
    number that a person is, or turns, with no noun of its own, is that person's age."""
    token = _last_token(sent, raw)
    if token is None or token.dep_ not in ("attr", "acomp", "dobj", "npadvmod", "oprd"):
        return False
    verb = token.head
    if verb.lower_ not in _BE_OR_TURN:
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.head.i == nxt.i:
        return False
    if _HOW_MANY_AFTER.match(sent.text, raw.end, sent.end):
        return False  # "they were 40 in all": how many of them, not how old
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.lower_ in _PERSONAL or c.ent_type_ == "PERSON" or _relative_who(c)
               for c in subjects)


def _relative_who(subject: Any) -> bool:
    """"Ronald Reagan, who was 69", "17-year-olds who will turn 18": a relative "who"
    stands for its antecedent (the noun the relative clause hangs on), and "who" is said
    only of people; "which" and "that" are left out, as they may stand for things."""
    clause = subject.head
    return subject.lower_ == "who" and clause.dep_ == "relcl" and \
        clause.head.pos_ in ("NOUN", "PROPN", "PRON")


_HOW_MANY_AFTER = re.compile(r"\s+(?:in\s+all|in\s+total|altogether|strong|of\b|out\s+of\b)",
                             re.IGNORECASE)


# Words that say the names before bracketed numbers are places, so the numbers count
# something in each place and are no ages.
_PLACE_LIST = re.compile(r"\b(?:cities|towns|states|countries|counties|provinces|regions|"
                         r"districts|areas|villages|nations)\b", re.IGNORECASE)
_SET_OFF = re.compile(r"^\s*(?:,|\()\s*$")
_CLOSES = re.compile(r"^\s*(?:[,.;)]|$)")


def _in_apposition(sent: Sent, raw: Raw) -> bool:
    token = _first_token(sent, raw)
    if token is None or token.i == 0:
        return False
    prev = token.doc[token.i - 1]
    if prev.lower_ in ("then", "now", "aged") and prev.i > 0:
        prev = prev.doc[prev.i - 1]  # "The boy, then 12, was taken"
    name = prev.doc[prev.i - 1] if prev.i > 0 and prev.text in (",", "(") else None
    if name is None or not _SET_OFF.match(prev.text):
        return False
    if prev.text == "(" and (":" in sent.text[sent.start:raw.start] or
                             _PLACE_LIST.search(sent.text, sent.start, raw.start)):
        return False  # "the following cities: Austin (45)", "the cities of Olathe (3)": counts
    if not _CLOSES.match(sent.text[raw.end:sent.end]):
        return False
    if name.ent_type_ == "PERSON":
        return True
    both_sides = prev.text == "," and sent.text[raw.end:sent.end].lstrip().startswith(",")
    # "The child, 7, was hurt": a whole number set off on both sides after a singular
    # common noun is its age (a count would need a plural noun).
    if both_sides and name.tag_ == "NN" and token.dep_ == "appos" and raw.value is not None \
            and raw.value == int(raw.value) and name.ent_type_ == "":
        return True
    return bool(name.pos_ == "PROPN" and name.ent_type_ not in _PLACE_ENTITIES | {"DATE"}
                and (token.dep_ == "appos" or both_sides))


# ---------------------------------------------------------------------------- years


def _classify_year(sent: Sent, raw: Raw) -> Raw:
    """"in 2023" is a year; "2023 soldiers" a count: a year-like number is a count only
    when the parse makes it the number of a plural noun and no date preposition precedes
    it."""
    if raw.hedge:
        return raw
    before = sent.text[sent.start:raw.start]
    token = _last_token(sent, raw)
    counts_noun = (token is not None and token.dep_ == "nummod" and token.ent_type_ != "DATE"
                   and token.head.pos_ == "NOUN" and token.head.tag_ == "NNS"
                   and token.head.i > token.i)
    if counts_noun and not DATE_PREPOSITION.search(before):
        return raw
    value = raw.value if raw.bound != "range" else None
    return replace(raw, kind="year", value=value, unit=None, plain=False)


# ---------------------------------------------------------------------------- lists

_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:or|and)?|or|and)\s*$")


def _shared_units(sent: Sent, raws: list[Raw]) -> list[Raw]:
    """"20, 30, or 50 years": the unit written once at the end of a list of bare numbers
    is every number's."""
    out = list(raws)
    for i in range(len(out) - 2, -1, -1):
        raw, following = out[i], out[i + 1]
        gap = sent.text[raw.end:following.start]
        if raw.kind == "count" and raw.plain and following.unit and following.kind in (
                "duration", "measure", "percent", "money", "age") and _LIST_GAP.match(gap):
            out[i] = replace(raw, kind=following.kind, unit=following.unit, plain=False)
    return out


# ---------------------------------------------------------------------------- tokens


def _last_token(sent: Sent, raw: Raw) -> Any:
    tokens = [t for t in sent.tokens(raw.start, raw.end) if not t.is_punct]
    return tokens[-1] if tokens else None


def _number_token(sent: Sent, raw: Raw) -> Any:
    """The last word of the number itself ("million" of "1.6 million", "Ninety" of
    "Ninety Mile")."""
    tokens = [t for t in sent.tokens(raw.start, raw.end) if t.like_num]
    return tokens[-1] if tokens else _last_token(sent, raw)


def _first_token(sent: Sent, raw: Raw) -> Any:
    tokens = [t for t in sent.tokens(raw.start, raw.end) if not t.is_punct]
    return tokens[0] if tokens else None


__all__ = ["refine"]
