"""Russian names in the nominative, and a person's grammatical gender (issue 20, item 2).

A Russian source is often named in an oblique case («по словам Марины Кравец», «по данным
Национальной товарной биржи», «в Министерстве обороны России»), and a report must give the
name a reader would look up: «Марина Кравец», «Национальная товарная биржа», «Министерство
обороны России». pymorphy3 inflects single words; a name is a phrase whose words must be
read together: a first name and a surname agree in case and gender, an adjective agrees
with its noun, and the genitive complement after the head («обороны России») stays as it
is. What the words alone leave open (is «Геннадия Зуева» a man's name in the genitive or a
woman's in the nominative?) is decided by what the caller knows from the sentence: the
case the cue governs («по словам» takes the genitive, a verb's subject is nominative) and
the gender of the cue verb («заявила»: a woman); failing that, by pymorphy3's estimate of
how often each reading occurs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .cues import morph

PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
GENDERS = frozenset({"masc", "femn"})
Reading = tuple[str, str]  # (case, gender)


def person_nominative(name: str, case: str | None = None, gender: str | None = None) -> str:
    """``name`` (a person's, as written) in the nominative. ``case`` and ``gender``, when
    the sentence tells them, narrow the readings the words allow; a hint no reading fits
    is dropped rather than forced. A name read as a nominative is returned as written."""
    words = name.split()
    parses = [_person_parses(w) for w in words]
    reading = _best_reading(parses, case, gender)
    if reading is None or reading[0] == "nomn":
        return name
    return " ".join(_inflected(w, ps, reading) for w, ps in zip(words, parses))


def person_gender(name: str, case: str | None = None) -> str | None:
    """``masc`` or ``femn`` when the name's words tell it («Марина Кравец»: femn), else
    None (a foreign name pymorphy3 does not know, or a reading for each gender)."""
    parses = [_person_parses(w) for w in name.split()]
    genders = {g for c, g in _shared_readings(parses) if case is None or c == case}
    return next(iter(genders)) if len(genders) == 1 else None


def organization_nominative(name: str, case: str | None = None) -> str:
    """An organisation's or a place's name in the nominative: the leading adjectives and
    the head noun put in the nominative, agreeing in number and gender; what follows the
    head (a genitive complement, «обороны России») left as written. ``case``, when the
    sentence tells it, picks among the readings («Министерства» is a genitive singular
    after «по данным», a nominative plural elsewhere); else the likeliest reading is
    taken. Names pymorphy3 reads no noun in (Latin, abbreviations) are returned as
    written."""
    words = name.split()
    parses = [[p for p in morph().parse(w) if p.tag.POS in ("ADJF", "NOUN")] for w in words]
    # The head is the first word read most likely as a noun («Рейнского» can be read as
    # a noun, but is an adjective before «института»).
    head = next((i for i, ps in enumerate(parses) if ps and ps[0].tag.POS == "NOUN"), None)
    if head is None:
        return name
    readings = _agreeing(parses[:head + 1])
    hinted = [r for r in readings if r[0] == case] or readings
    if not hinted or hinted[0][0] == "nomn":
        return name
    case, number = hinted[0]
    noun = next(p for p in parses[head] if p.tag.POS == "NOUN" and p.tag.case == case
                and p.tag.number == number)
    # An adjective takes its noun's gender in the singular («Федеральное агентство»).
    wanted = {"nomn", number} | ({str(noun.tag.gender)} if number == "sing" else set())
    out = []
    for i, (word, ps) in enumerate(zip(words, parses)):
        if i == head:
            out.append(_as_written(word, noun.inflect({"nomn", number})))
            continue
        fitting = [p for p in ps if p.tag.POS == "ADJF" and p.tag.case == case
                   and p.tag.number == number]
        out.append(word if i > head else
                   _as_written(word, fitting[0].inflect(wanted) if fitting else None))
    return " ".join(out)


def _person_parses(word: str) -> list[Any]:
    """The singular readings of ``word`` as part of a person's name (an initial or a word
    pymorphy3 does not know as a name gives none, and then constrains nothing)."""
    return [p for p in morph().parse(word)
            if PERSON_GRAMMEMES & set(p.tag.grammemes) and p.tag.number != "plur"
            and str(p.tag.gender) in GENDERS]


def _shared_readings(parses: Sequence[list[Any]]) -> list[Reading]:
    """The (case, gender) readings every word with readings allows, most likely first."""
    constraining = [ps for ps in parses if ps]
    if not constraining:
        return []
    scores: dict[Reading, float] = {}
    for reading in {(str(p.tag.case), str(p.tag.gender)) for p in constraining[0]}:
        score = 1.0
        for ps in constraining:
            score *= sum(p.score for p in ps if (str(p.tag.case), str(p.tag.gender)) == reading)
        if score > 0:
            scores[reading] = score
    return sorted(scores, key=lambda r: -scores[r])


def _best_reading(parses: Sequence[list[Any]], case: str | None, gender: str | None
                  ) -> Reading | None:
    """The reading the hints fit, the likeliest first. Without a case, a reading as a
    nominative wins: a name as written is never made worse («Алена Горакова» is also
    «Ален Гораков» in the genitive, the likelier reading of the words alone)."""
    readings = _shared_readings(parses)
    for hint in ((case, gender), (case, None), (None, gender), (None, None)):
        fitting = [r for r in readings if hint[0] in (None, r[0]) and hint[1] in (None, r[1])]
        if fitting:
            nominative = [r for r in fitting if r[0] == "nomn"]
            return nominative[0] if case is None and nominative else fitting[0]
    return None


def _inflected(word: str, parses: list[Any], reading: Reading) -> str:
    fitting = [p for p in parses if (str(p.tag.case), str(p.tag.gender)) == reading]
    # A word with no reading of this case and gender (an indeclinable «Кравец» for a
    # woman, an initial) is the same in every case.
    return _as_written(word, fitting[0].inflect({"nomn"}) if fitting else None)


def _as_written(word: str, inflected: Any) -> str:
    """pymorphy3's lower-case form, with the word's capital and its «е» for «ё» kept; an
    abbreviation («КПРФ», «МВД») is left as written."""
    if inflected is None or (len(word) > 1 and word.isupper()):
        return word
    found = str(inflected.word)
    if "ё" not in word.lower():
        found = found.replace("ё", "е")
    return found[:1].upper() + found[1:] if word[:1].isupper() else found


def _agreeing(parses: Sequence[list[Any]]) -> list[tuple[str, str]]:
    """The (case, number) readings the adjectives and their head noun share (gender too in
    the singular), most likely first."""
    head = parses[-1]
    out: dict[tuple[str, str], float] = {}
    for noun in (p for p in head if p.tag.POS == "NOUN"):
        key = (str(noun.tag.case), str(noun.tag.number))
        score = noun.score
        for ps in parses[:-1]:
            score *= sum(p.score for p in ps if p.tag.POS == "ADJF"
                         and (str(p.tag.case), str(p.tag.number)) == key
                         and (noun.tag.number == "plur" or p.tag.gender == noun.tag.gender))
        if score > 0:
            out[key] = out.get(key, 0.0) + score
    return sorted(out, key=lambda k: -out[k])
