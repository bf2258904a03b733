"""What a count counts, as one key a ledger can group by: the noun's lemma, with
"deaths", "died" and "killed" read as one thing.

"26 cases" and "11 deaths" are different quantities; "Eleven people died", "the plague
killed 19 people" and "11 deaths" are one. The counted noun ("people") does not say it:
the verb beside the number does. Only deaths and injuries are read from verbs: they are
what tolls report, and a small list a reviewer can check; any other count keys on its
noun's lemma.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Nouns for people: a count of them that "died" or were "killed" is a count of deaths.
PEOPLE = frozenset({"people", "person", "resident", "civilian", "child", "adult", "man",
                    "woman", "patient", "soldier", "troop", "worker", "student", "migrant",
                    "refugee", "passenger", "citizen", "inhabitant", "individual", "villager",
                    "victim", "infant", "baby", "boy", "girl", "teenager", "officer",
                    "journalist", "protester", "prisoner", "pilgrim", "miner", "fighter"})
_DEATH_NOUNS = frozenset({"death", "fatality", "dead", "toll"})
_INJURY_NOUNS = frozenset({"injury", "wounded", "injured", "casualty"})
_DEATH_WORDS = re.compile(r"\b(?:died|die|dies|dying|dead|killed|kills?|killing|perished|"
                          r"deaths?|fatalities|lost\s+their\s+lives|death\s+toll)\b",
                          re.IGNORECASE)
_INJURY_WORDS = re.compile(r"\b(?:injured|injuring|wounded|wounding|hurt|injuries)\b",
                           re.IGNORECASE)
# How far from the number a verb still speaks of it, and where a clause ends.
_WINDOW = 48
_CLAUSE_END = re.compile(r"[;:.!?]|,\s+(?:and|but|while|whereas)\b|\band\s+\d")


@cache
def noun_lemma(word: str) -> str:
    """The lemma of ``word`` read as a noun ("deaths" -> "death", "children" -> "child"),
    by the rule lemmatizer of the project's spaCy model: a lookup table would be another
    dependency, and a bare "strip the s" rule gets "children" and "women" wrong."""
    from spacy.tokens import Doc

    lowered = word.lower()
    first, hyphen, last = lowered.rpartition("-")
    if hyphen and first and last.isalpha():
        # "super-authorities": the rules know "authorities", not the joined word.
        return f"{first}-{noun_lemma(last)}"
    lemmatizer = _lemmatizer()
    doc = Doc(lemmatizer.vocab, words=[lowered])
    doc[0].pos_ = "NOUN"
    lemmas = [str(lemma) for lemma in lemmatizer.rule_lemmatize(doc[0])]
    if not lemmas:
        return lowered
    if lowered in lemmatizer.lookups.get_table("lemma_exc").get("noun", {}):
        return lemmas[0]  # the model's exceptions come first ("children" -> "child")
    # The rules may leave two known words ("doses": "dos" by "-es", "dose" by "-s"); the
    # one that takes fewer letters off is the plural English writes far more often
    # ("doses", "uses"; "buses" has no "buse" to compete).
    return max(lemmas, key=len)


@cache
def _lemmatizer() -> Any:
    """The model's lemmatizer alone (the nlp stage loads the model without it; nothing
    else is needed, since the part of speech is set by hand)."""
    import spacy

    from ..models.english import ENGLISH_MODEL

    nlp = spacy.load(ENGLISH_MODEL, exclude=["tok2vec", "tagger", "parser", "senter",
                                             "attribute_ruler", "ner"])
    return nlp.get_pipe("lemmatizer")


def counted_key(unit: str | None, sentence: str, at: int, end: int) -> str | None:
    """The thing a count counts, as a lemma: "death" for "11 deaths", "Eleven people
    died" and "killed 19 people"; "injury" alike; else the lemma of the counted noun's
    last word ("desertion cases" -> "case"); None when nothing names it.

    Args:
        unit: the number's counted noun (``NumberMention.unit``).
        sentence: the sentence it is in; ``at``/``end`` its place there.
    """
    lemma = noun_lemma(unit.split()[-1]) if unit else None
    if lemma in _DEATH_NOUNS:
        return "death"
    if lemma in _INJURY_NOUNS:
        return "injury"
    if lemma is not None and lemma not in PEOPLE:
        return lemma
    window = _clause_window(sentence, at, end)
    if _DEATH_WORDS.search(window):
        return "death"
    if _INJURY_WORDS.search(window):
        return "injury"
    return lemma


def _clause_window(sentence: str, at: int, end: int) -> str:
    """The words around a number within its clause ("the plague killed 27 people in
    March", not "... 26 cases, and 11 deaths")."""
    before = sentence[max(0, at - _WINDOW):at]
    cut = list(_CLAUSE_END.finditer(before))
    before = before[cut[-1].end():] if cut else before
    after = sentence[end:end + _WINDOW]
    stop = _CLAUSE_END.search(after)
    return before + " # " + (after[:stop.start()] if stop else after)


__all__ = ["PEOPLE", "counted_key", "noun_lemma"]
