"""What a number counts: the head noun of its own noun phrase, read from the parse.

"21,000 Ukrainian soldiers" counts soldiers, "26 cases of plague" cases, "hundreds of
people" people, "Three-quarters of the board" the board. When the noun is left out, it is
restored only from the sentence itself, the way a reader would: "135 were men" (the
noun the number is said to be), "Austin (45), San Antonio (41)" (the things listed), "10
whales ..., 51 stranded" (the noun of the count it is set beside). It is never a verb, a
pronoun or a function word; when nothing names it, it stays unknown (``None``). A number
standing alone as a fragment ("“21,602 in October…”") takes, as before, the noun the
article counts nearest it (``inferred_unit``), and says so.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from .detect import Raw
from .lexicon import unit_kind
from .sentence import Sent, parse_alone

# Words the parser may tag as nouns that never say what is counted.
_NOT_COUNTED = frozenset({
    "one", "ones", "other", "others", "this", "that", "these", "those", "them", "they",
    "which", "who", "whom", "what", "it", "its", "all", "some", "many", "most", "few",
    "each", "both", "either", "neither", "none", "more", "less", "lot", "lots", "percent",
    "cent", "kind", "sort", "type", "way", "part", "top", "total",
    "number", "numbers", "amount", "figure", "range", "average", "majority", "minority",
    "rest", "bunch", "group", "set", "list", "handful", "couple", "series"})
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
# What an ordinal may still rank ("the first part"); built once, not on every noun tested.
_NOT_RANKED = _NOT_COUNTED - {"part"}
_ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                            "eighth", "ninth", "tenth"})


def counted_noun(sent: Sent, raw: Raw, before: list[tuple[Raw, str | None]]
                 ) -> tuple[str | None, bool]:
    """(the noun ``raw`` counts, whether it was restored from elsewhere in the sentence).

    ``before`` holds the sentence's earlier numbers with their counted nouns."""
    token = number_anchor(sent, raw)
    if token is None:
        return None, False
    own = _own_noun(sent, raw, token, raw.kind == "ordinal")
    if own is not None:
        return (own or None), False
    restored = _listed(sent, raw, token) or _said_to_be(sent, raw) or _level_of(token) or \
        _beside(raw, before)
    if restored:
        return restored, True
    return None, False


def number_anchor(sent: Sent, raw: Raw) -> Any:
    """The token a number hangs from the parse by: the last word of "1.6 million", the
    denominator of "one in five"."""
    tokens = [t for t in sent.tokens(raw.start, raw.end) if not t.is_punct]
    if not tokens:
        return None
    token = tokens[-1]
    while token.dep_ in ("quantmod", "compound", "nummod", "conj") and token.head.like_num and \
            token.head.i != token.i:
        token = token.head  # "between 400 and 600 breaks": the parse hangs 600 from 400
    return token


def _own_noun(sent: Sent, raw: Raw, token: Any, rank: bool = False) -> str | None:
    """The noun of the number's own phrase; "" when the phrase says it is a pronoun
    ("40 of which", "300 of them"), so that nothing is restored; None when the phrase
    has no noun. An ordinal ranks any noun ("the first time", "the 19th century")."""
    head = _phrase_head(token.head) if not rank else _ranked(token.head)
    if head.i > token.i and token.dep_ in ("nummod", "quantmod", "amod", "compound", "det",
                                           "advmod") \
            and (_is_thing(head) or rank and _is_noun(head)) and sent.base + head.idx >= raw.end \
            and _within_phrase(_last_of(sent, raw, token), head):
        if not rank and _is_unit(head):
            return _unit_phrase(head, token)
        return _phrase_noun(head if rank else _compound_before(head, token))
    of = _of_object(token) or _of_object_after(sent, raw)
    if of is not None:
        return of
    nxt = _next_token(sent, raw)
    if rank and nxt is not None and nxt.like_num and nxt.dep_ == "nummod" and _is_noun(nxt.head):
        return _phrase_noun(nxt.head)  # "In First 100 Days": the first of the days counted
    if nxt is not None and nxt.tag_ == "NNS" and _is_thing(nxt) and nxt.dep_ != "ROOT":
        return _phrase_noun(nxt)
    return None


def _is_unit(noun: Any) -> bool:
    return unit_kind(noun.lower_) is not None


def _unit_phrase(unit: Any, number: Any) -> str:
    """"19,000 lane miles": the nouns between a number and its unit are part of the unit
    ("lane miles", "nautical miles"), as "square" is of "square miles"."""
    compounds = [c for c in unit.children if c.dep_ == "compound" and number.i < c.i < unit.i
                 and c.pos_ == "NOUN" and c.whitespace_]  # "lane-miles": one word already
    return " ".join([*(c.lower_ for c in compounds), _phrase_noun(unit)])


def _phrase_head(noun: Any) -> Any:
    """"Of the 400 city laborers": the parse may hang a number from a noun that is itself
    a modifier (a compound) of the phrase's head; the head is what is counted."""
    while noun.dep_ == "compound" and noun.head.i > noun.i and _is_thing(noun.head) and \
            noun.head.tag_ in ("NNS", "NNPS") and noun.tag_ not in ("NNS", "NNPS"):
        noun = noun.head
    return noun


def _ranked(word: Any) -> Any:
    """"the sixth-largest country" ranks countries: an ordinal that grades a superlative
    ranks the superlative's noun; so does one the parse hangs on an adjective of a noun
    ("the third botched launch" ranks launches)."""
    if (word.tag_ == "JJS" or word.dep_ == "amod" and word.pos_ in ("ADJ", "VERB")) and \
            word.head.i > word.i:
        return word.head
    return word


def _last_of(sent: Sent, raw: Raw, token: Any) -> Any:
    """The number's last word: "between 400 and 600 breaks" lies in one phrase from 600 to
    "breaks", though the parse hangs it from 400."""
    tokens = sent.tokens(raw.start, raw.end)
    return tokens[-1] if tokens and tokens[-1].i > token.i else token


def _phrase_noun(noun: Any) -> str:
    """A noun with the words hyphens join to it, where the parse split one word in
    three ("super-authorities"); a number or ordinal before a hyphen is not part of it
    ("57,000-member", "eighth-grade")."""
    doc, first, last = noun.doc, noun.i, noun.i
    while first > 1 and _joins(doc[first - 2], doc[first - 1]) and doc[first - 2].is_alpha and \
            not doc[first - 2].like_num and doc[first - 2].lower_ not in _ORDINAL_WORDS:
        first -= 2
    while last + 2 < len(doc) and _joins(doc[last], doc[last + 1]) and doc[last + 2].is_alpha:
        last += 2
    return "".join(t.text_with_ws for t in doc[first:last + 1]).strip().lower()


def _within_phrase(number: Any, head: Any) -> bool:
    """Whether the parse's head of a number lies in the number's own noun phrase: no
    conjunction, clause verb or punctuation (a hyphen aside) between them. "51 stranded
    and dead on the Chatham Islands and a spate of cases" hangs 51 from "spate" across
    two conjunctions; a reader does not count spates there. Participles that modify the
    noun stay ("eight remaining casinos", "13,000 fact-checked claims")."""
    for t in number.doc[number.i + 1:head.i]:
        if t.dep_ == "cc" or t.pos_ in ("CCONJ", "SCONJ", "AUX"):
            return False
        if t.pos_ == "PUNCT" and t.text not in ("-", "–"):
            return False
        if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound", "npadvmod"):
            return False
    return True


def _joins(word: Any, dash: Any) -> bool:
    """Whether ``dash`` is a hyphen written tight between ``word`` and the next word; a
    spaced " - " is a dash between phrases ("36 adoptees - including one who served")."""
    return bool(dash.text == "-" and not word.whitespace_ and not dash.whitespace_)


def _compound_before(head: Any, number: Any) -> Any:
    """"the 3 million member union" counts members: a singular noun counted through a
    compound between number and head takes the compound ("three whale teeth" keeps
    its plural head). "one party activist" counts its singular head: one agrees with it."""
    if head.tag_ in ("NNS", "NNPS") or number.lower_ in ("one", "1"):
        return head
    compounds = [c for c in head.children if c.dep_ == "compound" and number.i < c.i < head.i
                 and _is_thing(c) and c.pos_ == "NOUN"]
    return compounds[0] if compounds else head


def _of_object(token: Any) -> str | None:
    """"hundreds of people", "21,000 of the soldiers", "a third of the town"; "" for "of
    them", "of which"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase_noun(objects[0]) if _is_thing(objects[0]) else ""
    return None


_OF_AFTER = re.compile(r"^\s+of\s+(?:the\s+|all\s+|those\s+|these\s+|its\s+|their\s+|our\s+)?"
                       r"(?:[\w-]+\s+){0,2}?(?P<n>[a-z][\w-]*)\b", re.IGNORECASE)
_PRONOUNS = re.compile(r"^\s+of\s+(?:them|those|which|whom|these|us|you|it|this)\b",
                       re.IGNORECASE)


def _of_object_after(sent: Sent, raw: Raw) -> str | None:
    """The same from the words, where the parse hung "of" elsewhere."""
    after = sent.text[raw.end:sent.end]
    if _PRONOUNS.match(after):
        return ""
    if not re.match(r"^\s+of\b", after):
        return None
    for t in sent.tokens(raw.end, min(sent.end, raw.end + 40)):
        if t.lower_ in ("of", "the", "all", "those", "these", "its", "their", "our"):
            continue
        if _is_thing(t) and t.tag_ in ("NNS", "NN", "NNPS"):
            return _head_of_compound(t)
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM"):
            return None
    return None


def _head_of_compound(t: Any) -> str:
    """"three whale teeth" counts teeth: a compound noun's head."""
    while t.dep_ == "compound" and t.head.i > t.i and _is_thing(t.head):
        t = t.head
    return _phrase_noun(t)


def _next_token(sent: Sent, raw: Raw) -> Any:
    after = sent.tokens(raw.end, sent.end)
    return after[0] if after else None


def _is_noun(token: Any) -> bool:
    return bool(token.pos_ in ("NOUN", "PROPN") and token.tag_ in _NOUN_TAGS
                and token.lower_ not in _NOT_RANKED)


def _is_thing(token: Any) -> bool:
    """A noun that can be counted: not a verb, pronoun or function word, and not the name
    of one place or person ("killed more than 140 Madagascar": the parse hangs the number
    from the country, but a country is not what was killed)."""
    return bool(token.pos_ in ("NOUN", "PROPN") and token.tag_ in _NOUN_TAGS
                and token.lower_ not in _NOT_COUNTED and token.is_alpha | ("-" in token.text)
                and token.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY", "CARDINAL")
                and not (token.tag_ == "NNP" and (token.ent_type_ in _ONE_PLACE_OR_PERSON
                                                  or _is_country(token.text))))


@cache
def _is_country(name: str) -> bool:
    """Whether ``name`` is a country's name in ISO 3166 (pycountry), for where the entity
    recogniser misses it ("more than 140 Madagascar" read as a person, or as nothing)."""
    import pycountry

    return any(name in (c.name, getattr(c, "common_name", None)) for c in pycountry.countries)


# Entity types that name one thing: a singular proper noun of these is never counted.
_ONE_PLACE_OR_PERSON = frozenset({"GPE", "LOC", "FAC", "PERSON"})


# ---------------------------------------------------------------------------- restored


def _said_to_be(sent: Sent, raw: Raw) -> str | None:
    """"135 were men": the noun the number is said to be (read from the words, since
    the parse often hangs such a number elsewhere)."""
    after = sent.tokens(raw.end, sent.end)[:3]
    if len(after) < 2 or after[0].lower_ not in _BE:
        return None
    noun = after[1] if _is_thing(after[1]) else after[2] if len(after) > 2 and \
        after[1].pos_ == "ADJ" and _is_thing(after[2]) else None
    return _phrase_noun(noun) if noun is not None and noun.tag_ in ("NNS", "NNPS") else None


# Verbs that give the level a quantity stands at: "delegates, which stood at 263".
# (Matched on the word's forms: the project's parse carries no lemmatizer.)
_LEVEL_VERBS = re.compile(r"(?:stand|stands|stood|standing|reach\w*|total\w*|ris\w*|rose|"
                          r"fall|falls|fell|fallen|falling|climb\w*|drop\w*|grow\w*|grew|"
                          r"increas\w*|decreas\w*|hit|hits|number(?:s|ed)?|swell\w*|swollen|"
                          r"jump\w*|top(?:s|ped))", re.IGNORECASE)
_RELATIVE = frozenset({"which", "that", "who"})
# Plural subjects whose level is a price, rate or reading rather than how many they are.
_LEVELS_NOT_COUNTS = frozenset({"prices", "rates", "shares", "stocks", "temperatures",
                                "costs", "levels", "scores", "values", "yields", "ratings",
                                "wages", "salaries", "rents", "fares", "fees", "premiums"})
_TALLY_NOUNS = frozenset({"number", "total", "count", "tally", "toll"})


def _level_of(token: Any) -> str | None:
    """"pledged delegates, which stood at 263", "the number of potholes the city has
    filled — more than 1,786,300": a number that is the level of a verb whose subject,
    or whose relative clause's noun, is plural things counts those things ("the number
    of X" counts X)."""
    verb = token.head
    if token.dep_ == "appos" and verb.lower_ in _TALLY_NOUNS:
        return _of_object(verb) or None  # "the number of claims — more than 90,000 —"
    if token.dep_ == "pobj" and verb.lower_ in ("at", "to"):
        verb = verb.head
    elif token.dep_ not in ("dobj", "attr", "npadvmod"):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and (not subjects or subjects[0].lower_ in _RELATIVE or
                                 token.dep_ == "dobj"):
        noun = verb.head
    elif subjects and _LEVEL_VERBS.fullmatch(verb.text):
        noun = subjects[0]
    else:
        return None
    if noun.lower_ in _TALLY_NOUNS:
        return _of_object(noun) or _tally_compound(noun)
    if noun.lower_ in _LEVELS_NOT_COUNTS:
        return None  # "prices rose to 50", "shares fell to 12": a level, not a count
    if _is_thing(noun) and noun.tag_ in ("NNS", "NNPS") and \
            (_LEVEL_VERBS.fullmatch(verb.text) or verb.dep_ == "relcl" and _set_off(token)):
        return _phrase_noun(noun)
    return None


def _tally_compound(noun: Any) -> str | None:
    """"The death toll has risen to 42": a tally named by a compound counts that noun."""
    compounds = [c for c in noun.children if c.dep_ == "compound" and _is_thing(c)]
    return _phrase_noun(compounds[-1]) if compounds else None


def _set_off(token: Any) -> bool:
    """"the potholes the city has filled — more than 1,786,300 —": a number set off by a
    dash after a clause gives that clause's noun its size."""
    first = token.left_edge
    return first.i > 0 and token.doc[first.i - 1].text in ("—", "–", "--")


_LISTED = re.compile(r"^\s*\)")
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re"})


def _listed(sent: Sent, raw: Raw, token: Any) -> str | None:
    """"made arrests in the following cities: Austin (45), San Antonio (41)": a number in
    brackets after a place counts what the clause lists (its object, else its subject)."""
    before = sent.text[max(sent.start, raw.start - 2):raw.start]
    if not before.endswith("(") or not _LISTED.match(sent.text[raw.end:sent.end]):
        return None
    root = token.sent.root if token.sent is not None else None
    if root is None:
        return None
    for dep in ("dobj", "nsubj", "nsubjpass"):
        nouns = [c for c in root.children if c.dep_ == dep and _is_thing(c) and c.tag_ in
                 ("NNS", "NNPS")]
        if nouns:
            return _phrase_noun(nouns[0])
    return None


def _beside(raw: Raw, before: list[tuple[Raw, str | None]]) -> str | None:
    """"10 rare pygmy whales ..., 51 stranded": an elliptic count takes the noun of the
    count written just before it in the sentence, if that one names its noun; an
    elliptic ordinal that of the ordinal before it ("the 19th century to ... the 21st")."""
    if raw.kind not in ("count", "ordinal"):
        return None
    same = [(r, noun) for r, noun in before if r.kind == raw.kind]
    return same[-1][1] if same else None


# ---------------------------------------------------------------------------- antecedents

_QUANTIFIERS = frozenset({"several", "many", "some", "most", "all", "few", "both", "none",
                          "dozens", "hundreds", "thousands"})
_BACK_PRONOUNS = frozenset({"these", "those", "them", "they", "which", "whom"})
_LOOK_BACK = 600  # characters: enough for the two sentences a reader looks back over


def antecedent_noun(sent: Sent, raw: Raw) -> str | None:
    """"Several of the aliens had records. Four of these were arrested ... Two overstayed
    visits": a bare number that is its clause's subject, with no noun of its own and no
    article ("the two" names people already met), counts the noun the sentences before
    it were about: the plural subject of the sentence before (or the noun of "Several of
    the aliens"), or, where that subject is itself a bare number or a pronoun, the one
    before that. None when nothing there names a plural thing."""
    token = number_anchor(sent, raw)
    if token is None or raw.kind != "count" or raw.value is None or raw.value < 2 or \
            raw.year_like or raw.bound != "exact" or token.dep_ not in ("nsubj", "nsubjpass") or \
            sent.text[sent.start:raw.start].strip(" \t\n\"“‘'(") or _names_its_set(token) or \
            token.head.lower_ in _BE:
        return None  # "87 is the average IQ": a number said to be something counts nothing
    for previous in reversed(_sentences_before(sent)):
        found = _subject_noun(previous)
        if found:
            return found
        if found is None:
            return None
    return None


def _sentences_before(sent: Sent) -> list[Any]:
    """The two sentences before ``sent`` (fewer at the start of the text), nearest last:
    from the article's own parse where the caller gave one that reaches back (no second
    parse), else from the text before the sentence parsed alone."""
    if sent.base == 0 and len(sent.own):
        earlier: list[Any] = []
        i = sent.own.start
        while i > 0 and len(earlier) < 2:
            previous = sent.doc[i - 1].sent
            earlier.insert(0, previous)
            i = previous.start
        return earlier
    window = sent.text[max(0, sent.start - _LOOK_BACK):sent.start]
    if not window.strip():
        return []
    earlier = list(parse_alone(window).sents)
    cut = sent.start > _LOOK_BACK  # then the window's first sentence may be cut mid-way
    return earlier[int(cut):][-2:]


def relative_antecedent(sent: Sent, raw: Raw) -> str | None:
    """"the arrests, about half of which snared fugitives": a number "of which" or "of
    whom" right after a comma counts the plural noun just before the comma, unless an
    earlier number in the sentence may be what "which" points to ("39 were arrested based
    on encounters, four of which ...": four of the 39?), when it stays unknown as
    docs/numbers.md says ("103 objects, 40 of which")."""
    if not re.match(r"\s+of\s+(?:which|whom)\b", sent.text[raw.end:sent.end], re.IGNORECASE):
        return None
    before = [t for t in sent.tokens(sent.start, raw.start) if not t.is_space]
    if len(before) >= 2 and before[-1].text == "," and not any(t.like_num for t in before):
        return _plural_thing(before[-2])
    return None


def _plural_thing(noun: Any) -> str | None:
    return _phrase_noun(noun) if noun.tag_ in ("NNS", "NNPS") and _is_thing(noun) else None


def _names_its_set(token: Any) -> bool:
    """"Sixty one of those arrested", "Twelve in the crowd": the set is named in the
    sentence itself (by words the reader does not take for a noun), so no earlier
    sentence is looked at; a bare "of these" or "of them" still points back."""
    for child in token.children:
        if child.dep_ in ("det", "poss", "amod", "advmod") or \
                child.dep_ == "prep" and child.lower_ != "of":
            return True  # "the two", "Dozens in the crowd", "Hundreds more": not a bare count
        if child.dep_ == "prep":
            return not all(g.lower_ in _BACK_PRONOUNS and not list(g.children)
                           for g in child.children)
    return False


def _subject_noun(sentence: Any) -> str | None:
    """The plural thing a sentence's subject names: "" where the subject is a bare
    number or a pronoun that points further back, None where it names nothing plural."""
    subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in _QUANTIFIERS or subject.like_num:
        of = _of_object(subject)
        if of:
            return of if _plural(subject, of) else None
        pointing = any(c.dep_ == "prep" and c.lower_ == "of" and
                       any(g.lower_ in _BACK_PRONOUNS for g in c.children)
                       for c in subject.children)
        return "" if pointing or subject.like_num else None
    if subject.tag_ == "NNS" and _is_thing(subject):
        return _phrase_noun(subject)
    return None


def _plural(subject: Any, noun: str) -> bool:
    """Whether the noun of "Several of the aliens" is a plural (not "most of the town")."""
    return any(t.tag_ in ("NNS", "NNPS") for t in subject.subtree if noun.endswith(t.lower_))


# ---------------------------------------------------------------------------- fragments

_COUNTED = re.compile(r"\bnumbers?\s+of\s+(?:[a-z-]+\s+){0,2}?([a-z]{4,}s)\b"
                      r"|(?<![\w.,])\d[\d,.]*\s+(?:[A-Z][a-z]+\s+)?([a-z]{4,}s)\b")
_NOT_PLURAL = re.compile(r"(?:ss|us|is|ous|ics|news|ways|times|years|months|weeks|days|hours|"
                         r"minutes|percent)$")


_OPENING = " \t\r\n\"“‘'([—–-"
# "28:5", "11: 06 a.m.", "401(k)": a verse, a clock or a name, not a count.
_REFERENCE_AFTER = re.compile(r"\s?:\s?\d|\(")


def is_fragment(sent: Sent, raw: Raw) -> bool:
    """A number with no verb in its sentence ("“21,602 in October… This is a record."):
    nothing in the sentence says what it counts."""
    token = number_anchor(sent, raw)
    if token is None:
        return False
    clause = [t for t in token.sent if t.sent == token.sent] if token.sent is not None else []
    return token.dep_ == "ROOT" or not any(t.pos_ in ("VERB", "AUX") for t in clause
                                           if abs(t.i - token.i) < 6)


def fragment_scope(sent: Sent, raw: Raw) -> tuple[str, int]:
    """The text a fragment's number may take its noun from, and where the number lies in
    it: the whole article for a number that opens its sentence ("“21,602 in October…");
    else only its own sentence ("boost the number of refugees ..., from 70,000 to
    85,000"), since a number inside a verbless stretch is as often a reference, a list
    entry or a name ("(Proverbs 28:5)", "‘Capitalism’ (8)", "No. 1"), which counts
    nothing the article counts elsewhere."""
    if not sent.text[sent.start:raw.start].strip(_OPENING) and \
            not _REFERENCE_AFTER.match(sent.text, raw.end, sent.end):
        return sent.text, raw.start
    return sent.text[sent.start:sent.end], raw.start - sent.start


def inferred_unit(text: str, at: int) -> str | None:
    """A fragment's number counts what the article counts: among nouns the article
    counts elsewhere ("the number of desertions", "21,000 soldiers"), pick the one
    mentioned nearest to it, preferring its paragraph, and name it in the form the
    article counts it most often."""
    counted = Counter(m.group(1) or m.group(2) for m in _COUNTED.finditer(text)
                      if not _NOT_PLURAL.search(m.group(1) or m.group(2)))
    best: tuple[tuple[bool, int], str] | None = None
    paragraph = _paragraph(text, at)
    for noun in counted:
        for m in re.finditer(_stem_pattern(noun), text, re.IGNORECASE):
            if m.start() <= at < m.end() + 1:
                continue
            key = (not paragraph[0] <= m.start() < paragraph[1], abs(m.start() - at))
            if best is None or key < best[0]:
                best = (key, noun)
    if best is None:
        return None
    stem = _stem_pattern(best[1])
    forms = [n for n in counted if re.fullmatch(stem, n, re.IGNORECASE)] or [best[1]]
    return max(forms, key=lambda n: counted[n])


def _stem_pattern(noun: str) -> str:
    """"desertions", "deserters" and "desertion" share a crude stem; short words must
    match whole so "men" does not find "mention"."""
    base = noun.rstrip("s")
    return rf"\b{base}s?\b" if len(base) <= 5 else rf"\b{base[:6]}[a-z]{{0,5}}\b"


def _paragraph(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"\n\s*\n", text[:at])]
    after = re.search(r"\n\s*\n", text[at:])
    return (starts[-1] if starts else 0, at + after.start() if after else len(text))


__all__ = ["antecedent_noun", "counted_noun", "fragment_scope", "inferred_unit", "is_fragment",
           "number_anchor", "relative_antecedent"]
