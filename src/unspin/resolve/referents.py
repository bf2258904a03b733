"""The people and organisations an article names, each once, with what the text says of them.

One ``Referent`` per person or organisation: its fullest name ("Susan Sarandon", even when
the headline says "Sarandon" first), its gender where the text or the first name tells it,
the roles it is described by ("actress", "nominee", "director"), the kind of body an
organisation is ("media", "company", "body", "group") and every place it is named. The
resolver reads this table to turn "she", "Sarandon" or "the actress" into a name.

Names are split with nameparser (titles, first and last names) and first names given a
gender with gender-guesser's lexicon, both shipped in their wheels; a gender the text
states (an honorific, "chairwoman", "X said she ...") wins over the lexicon's guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ..models.derived import derived
from .lexicon import (
    GENDERED_ROLES,
    HONORIFICS,
    ORG_NAME_TYPES,
    ORG_TYPES,
    PRONOUNS,
    ROLE_STEMS,
    plural_of_common_noun,
    third_person_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON, ORGANIZATION = "person", "organization"
_ORG_LABELS = frozenset({"ORG", "GPE"})
_POSSESSIVE = re.compile(r"(?:['’]s?|['’])$")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Naming:
    """One place the text names a referent: the characters, the token that heads it, and
    whether it is a subject."""

    start: int
    end: int
    token: int
    subject: bool


@dataclass(slots=True, eq=False)  # one object per referent: compared by identity
class Referent:
    """A person or organisation of the article (module docstring)."""

    name: str
    kind: str
    first: str = ""
    last: str = ""
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    namings: list[Naming] = field(default_factory=list)
    gender_votes: Counter[str] = field(default_factory=Counter)

    def named_before(self, position: int) -> Naming | None:
        """The latest naming before ``position`` (else the first one after it)."""
        before = [n for n in self.namings if n.start < position]
        return before[-1] if before else (self.namings[0] if self.namings else None)


@cache
def first_name_genders() -> dict[str, str]:
    """Lower-cased first name -> m or f, for the names gender-guesser is sure of.

    Its detector parses a 48,000-line list on every start (0.3 s); the verdicts are kept
    in the user's cache after the first run (``models.derived``)."""
    return derived("first-name-genders", "gender-guesser", _genders_from_package)


def _genders_from_package() -> dict[str, str]:
    from gender_guesser import detector

    names = detector.Detector(case_sensitive=False)
    verdicts = {name: {"male": "m", "female": "f"}.get(names.get_gender(name))
                for name in names.names}
    return {name: gender for name, gender in verdicts.items() if gender}


def first_name_gender(first: str) -> str | None:
    """m or f when the name lexicon is sure ("Karen"), None for "mostly", "andy", unknown."""
    if not first or not first[0].isalpha():
        return None
    return first_name_genders().get(first.lower())


def split_name(text: str) -> tuple[str, str, str, str]:
    """(title, first, last, full name without the title) of a person's name as written
    ("Sen. Bernie Sanders" -> "Sen.", "Bernie", "Sanders", "Bernie Sanders")."""
    from nameparser import HumanName

    parsed = HumanName(text)
    first, last = str(parsed.first), str(parsed.last)
    if not last:  # a single word is a surname in news copy ("Sarandon said")
        first, last = "", first
    # a nickname stays where the text puts it (Juan "Chico" Manriquez is named so)
    nickname = f'"{parsed.nickname}"' if str(parsed.nickname) else ""
    full = " ".join(str(p) for p in (parsed.first, nickname, parsed.middle, parsed.last,
                                     parsed.suffix) if str(p))
    return str(parsed.title), first, last, full


def clean_name(text: str) -> str:
    """A name without a possessive ending, a leading "the" or stray spaces."""
    text = _POSSESSIVE.sub("", " ".join(text.split()))
    return text[4:] if text.lower().startswith("the ") else text


def org_types(words: str) -> set[str]:
    """The kinds of body an organisation's name says it is ("West Mercia Police" -> body)."""
    return {ORG_NAME_TYPES[w] for w in words.lower().replace("’", "'").split()
            if w in ORG_NAME_TYPES}


def acronym(name: str) -> str:
    """"International Monetary Fund" -> "IMF" (capitalised words only)."""
    letters = [w[0] for w in name.split() if w[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else ""


class Referents:
    """Every referent of one parse, and which referent each named token belongs to."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[Referent] = []
        self.orgs: list[Referent] = []
        self.by_token: dict[int, Referent] = {}
        self._ambiguous: dict[int, list[Referent]] = {}
        recognised = [e for e in _people_out_of_orgs(doc, _with_particles(doc))
                      if not (e.label_ == "PERSON" and len(e) == 1
                              and common_noun_at_start(e[0]))]
        ents = [e for e in recognised if e.label_ == "PERSON" or _looks_like_person(e)]
        for ent in sorted(ents, key=lambda e: -len(e)):  # full names before surnames
            self._add_person(ent)
        for ent in ents:
            self._name_person(ent)
        joined = {t.i for e in ents for t in e}
        for ent in recognised:
            if ent.label_ in _ORG_LABELS and ent not in ents and ent.root.i not in joined:
                self._add_org(ent.text, ent.root, ent.start_char, ent.end_char)
        for chunk_head, text, start, end in [*_possessed_bodies(doc), *_unlabelled_names(doc)]:
            self._add_org(text, chunk_head, start, end)
        for person in self.people:
            _describe_person(self, person)
            person.gender = person.gender or _voted(person.gender_votes) \
                or first_name_gender(person.first)
        for person in [p for p in self.people if _is_an_organisation(doc, p)]:
            self.people.remove(person)
            person.kind, person.types = ORGANIZATION, org_types(person.name) | person.types
            self.orgs.append(person)
        for org in self.orgs:
            _describe_org(self, org)

    # --- building ----------------------------------------------------------------------

    def _add_person(self, ent: Span) -> None:
        title, first, last, full = split_name(_name_text(ent))
        if not last or self._person_named(first, last):
            return
        if not first and any(p.first.lower() == last.lower() for p in self.people):
            return  # "Bernie" after "Bernie Sanders"
        self.people.append(Referent(full, PERSON, first, last,
                                    gender=HONORIFICS.get(title.lower())))

    def _person_named(self, first: str, last: str) -> Referent | None:
        if (compound := self._compound_surname(first, last)) is not None:
            return compound
        for person in self.people:
            if _same_surname(person.last, last) and (
                    not first or not person.first or person.first.lower() == first.lower()):
                return person
        return None

    def _compound_surname(self, first: str, last: str) -> Referent | None:
        """"Wasserman Schultz" after "Debbie Wasserman Schultz": two words that end one
        person's full name (and are not its first and last name) are that person's
        surname, which the name parser reads as a first name and a last."""
        if not first:
            return None
        words = f" {first} {last}".lower()
        found = [p for p in self.people if p.name.lower().endswith(words)
                 and p.first.lower() != first.lower()]
        return found[0] if len(found) == 1 else None

    def _name_person(self, ent: Span) -> None:
        """Link one PERSON mention to its referent: by full name, surname or first name;
        a surname two people share is left ambiguous for the resolver."""
        _, first, last, _ = split_name(_name_text(ent))
        compound = self._compound_surname(first, last)
        if compound is not None:
            found = [compound]
        elif first:
            found = [p for p in self.people if p.last.lower() == last.lower()
                     and p.first.lower() == first.lower()]
        else:
            found = [p for p in self.people if _same_surname(p.last, last)]
            found = found or [p for p in self.people if p.first.lower() == last.lower()]
        naming = Naming(ent.start_char, ent.end_char, ent.root.i, ent.root.dep_ in _SUBJECTS)
        for token in ent:
            if len(found) == 1:
                self.by_token[token.i] = found[0]
            elif found:
                self._ambiguous[token.i] = found
        if len(found) == 1:
            found[0].namings.append(naming)
            honorific = ent.doc[ent.start - 1].lower_ if ent.start else ""
            if HONORIFICS.get(honorific):
                found[0].gender = found[0].gender or HONORIFICS[honorific]

    def _add_org(self, text: str, head: Token, start: int, end: int) -> None:
        name = clean_name(text)
        if not name or head.i in self.by_token:
            return
        person = self._person_named("", name) if " " not in name else None
        person = person or next((p for p in self.people if p.name.lower() == name.lower()
                                 or p.first.lower() == name.lower()), None)
        if person is not None:  # "Sanders" or "Marcus Feld" labelled ORG in one place
            person.namings.append(Naming(start, end, head.i, head.dep_ in _SUBJECTS))
            person.namings.sort(key=lambda n: n.start)
            for token in self.doc.char_span(start, end, alignment_mode="expand") or []:
                self.by_token.setdefault(token.i, person)
            return
        org = self._org_named(name)
        if org is None:
            org = Referent(name, ORGANIZATION, types=org_types(name))
            if head.lower_ in _COUNSEL:
                org.types = {"counsel"}
            if head.ent_type_ == "GPE":
                org.types = {"place"}
            self.orgs.append(org)
        org.namings.append(Naming(start, end, head.i, head.dep_ in _SUBJECTS))
        for token in self.doc.char_span(start, end, alignment_mode="expand") or []:
            self.by_token.setdefault(token.i, org)

    def _org_named(self, name: str) -> Referent | None:
        key = name.lower()
        for org in self.orgs:
            own = org.name.lower()
            if key == own or key == acronym(org.name).lower() or own == acronym(name).lower():
                return org
            if "media" in org.types and key == own.split()[-1]:  # "The Post"
                return org
        return None

    def add_unrecognised(self, name: str, kind: str, head: Token) -> Referent:
        """A name the entity recogniser missed, met as a speaker ("Uber said it ..."): it
        joins the table, so that a later "the company" or "it" can mean it."""
        span = head.doc[min(t.i for t in head.subtree if t.i <= head.i and not t.is_punct):
                        head.i + 1]
        naming = Naming(span.start_char, span.end_char, head.i, head.dep_ in _SUBJECTS)
        found = self._org_named(name) if kind == ORGANIZATION else self._person_named("", name)
        if found is None:
            _, first, last, full = split_name(name) if kind == PERSON else ("", "", "", name)
            found = Referent(full, kind, first, last,
                             types=org_types(name) if kind == ORGANIZATION else set())
            (self.orgs if kind == ORGANIZATION else self.people).append(found)
        found.namings.append(naming)
        found.namings.sort(key=lambda n: n.start)
        for token in span:
            self.by_token.setdefault(token.i, found)
        return found

    # --- reading -----------------------------------------------------------------------

    def of_token(self, token: Token) -> Referent | None:
        return self.by_token.get(token.i)

    def ambiguous(self, token: Token) -> list[Referent]:
        """The people a shared surname could mean ("Clinton" with two Clintons)."""
        return self._ambiguous.get(token.i, [])

    def all(self) -> Iterator[Referent]:
        yield from self.people
        yield from self.orgs


# Lower-case particles inside a surname ("Sophie in 't Veld", "Ludwig van Beethoven").
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "ter", "ten", "in", "'t", "’t", "t",
                        "'", "’", "da", "di", "du", "del", "della", "le", "la"})


def _same_surname(known: str, written: str) -> bool:
    """"Veld" is the surname "'t Veld" (or "in 't Veld") less its particles."""
    words = known.lower().split()
    if not words:
        return False
    return known.lower() == written.lower() or (
        words[-1] == written.lower() and all(w in _PARTICLES for w in words[:-1]))


def _with_particles(doc: Doc) -> list[Span]:
    """The entities, with a surname the recogniser split at its particles joined into one
    person: "Sophie in 't Veld" comes out as "Sophie" (ORG) and "Veld" (PERSON)."""
    from spacy.tokens import Span

    ents, out = list(doc.ents), []
    skip = -1
    for k, ent in enumerate(ents):
        if k <= skip:
            continue
        after = ents[k + 1] if k + 1 < len(ents) else None
        between = doc[ent.end:after.start] if after is not None else None
        if (after is not None and between is not None and 0 < len(between) <= 3
                and "PERSON" in (ent.label_, after.label_)
                and all(t.lower_ in _PARTICLES for t in between)
                and any(t.is_alpha for t in between)
                and first_name_gender(ent[0].text) is not None):
            out.append(Span(doc, ent.start, after.end, label="PERSON"))
            skip = k + 1
        else:
            out.append(ent)
    return out


def is_rank(token: Token) -> bool:
    """A rank or title written short before a name: "Capt." and "Lt." (a title nameparser
    knows, followed by its full stop) or an ordinal ("1st" in "1st Lt.")."""
    from nameparser.config import CONSTANTS

    if re.fullmatch(r"\d+(?:st|nd|rd|th)", token.lower_):
        return True
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ in CONSTANTS.titles and after is not None and after.text == "."


def _people_out_of_orgs(doc: Doc, ents: list[Span]) -> list[Span]:
    """The entities, with the people the recogniser folded into an organisation taken out:
    a rank before a name ("Army Capt. Dana Ruiz" comes out as "Army Capt" ORG and "Dana
    Ruiz" PERSON: the rank is the person's, so "Army" alone is the organisation) and an
    outlet's or body's possessive before a name ("the Tribune's Helen Marsh", one ORG: the
    person after the possessive is a PERSON, the owner an ORG)."""
    from spacy.tokens import Span

    out: list[Span] = []
    for k, ent in enumerate(ents):
        after = ents[k + 1] if k + 1 < len(ents) else None
        if ent.label_ == "ORG" and after is not None and after.label_ == "PERSON":
            end = ent.end
            while end > ent.start and is_rank(doc[end - 1]):
                end -= 1
            between = doc[end:after.start]
            ranked = end < ent.end or any(is_rank(t) for t in between)
            if ranked and all(is_rank(t) or t.text == "." for t in between):
                out.extend([Span(doc, ent.start, end, label="ORG")] if end > ent.start else [])
                continue
        person = _possessed_person(ent) if ent.label_ == "ORG" else None
        if person is not None:
            owner = [t for t in doc[ent.start:person.start - 1] if t.lower_ != "the"]
            if owner:
                out.append(Span(doc, owner[0].i, owner[-1].i + 1, label="ORG"))
            out.append(person)
            continue
        out.append(ent)
    return out


def common_noun_at_start(token: Token) -> bool:
    """"Politicos call this the expectations game": a plural common noun capitalised only
    because it opens a sentence, which the recogniser took for a name. Asked of a word
    the text never writes capitalised anywhere but at a sentence start, so a surname that
    is also a plural noun ("Banks", "Sanders") is still a name once written mid-sentence
    or with a first name."""
    if not token.is_sent_start or not plural_of_common_noun(token.text):
        return False
    return not any(t.text == token.text and not t.is_sent_start for t in token.doc)


def _possessed_person(ent: Span) -> Span | None:
    """The name after a possessive inside an organisation entity ("Commentary's Noah
    Rothman"): two or three capitalised words, the first a first name the lexicon knows."""
    from spacy.tokens import Span

    marks = [t for t in ent if t.tag_ == "POS"]
    if not marks or marks[-1].i + 1 >= ent.end:
        return None
    tail = ent.doc[marks[-1].i + 1:ent.end]
    words = [t for t in tail if not t.is_punct]
    if 2 <= len(words) <= 3 and all(t.is_title for t in words) \
            and first_name_gender(words[0].text) is not None and not org_types(tail.text):
        return Span(ent.doc, tail.start, tail.end, label="PERSON")
    return None


def _looks_like_person(ent: Span) -> bool:
    """An ORG entity that is a person's name ("Marcus Feld" said): two or three capitalised
    words, the first a first name the name lexicon is sure of, none an organisation's."""
    words = ent.text.split()
    return (ent.label_ == "ORG" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and first_name_gender(words[0]) is not None and not org_types(ent.text))


def _unlabelled_names(doc: Doc) -> Iterator[tuple[Token, str, int, int]]:
    """"The Advocate", "The Atlantic": a capitalised name after "The" that the entity
    recogniser left out is an organisation (people's names take no article)."""
    for chunk in doc.noun_chunks:
        root = chunk.root
        if (root.pos_ == "PROPN" and not root.ent_type_ and chunk[0].lower_ == "the"
                and all(t.is_title for t in chunk[1:]) and len(chunk) <= 4):
            yield root, chunk[1:].text, chunk[1].idx, chunk.end_char


def _name_text(ent: Span) -> str:
    """A PERSON entity's words without a verb the recogniser swept in ("Said Comey")."""
    tokens = list(ent)
    while len(tokens) > 1 and (tokens[0].pos_ in ("VERB", "AUX") or tokens[0].lower_ in
                               ("said", "says", "told", "asked", "follow", "added")):
        tokens.pop(0)
    # a title-case headline's verb glued to the name ("Dennis Prager Tells ..."): only
    # after a first name and a surname, and only in a line written in title case
    if len(tokens) >= 3 and third_person_verb(tokens[-1].text) and tokens[-1].is_title \
            and first_name_gender(tokens[0].text) is not None and _title_case_line(tokens[-1]):
        tokens.pop()
    # a person's "of" starts where they are from, not their name ("Juan \"Chico\"
    # Manriquez of Oakland" may come out whole, or with its "of"); and a name never ends
    # in a joining word or a mark the recogniser swept in
    of = next((k for k, t in enumerate(tokens) if k > 0 and t.lower_ == "of"), None)
    tokens = tokens[:of] if of is not None else tokens
    while len(tokens) > 1 and (tokens[-1].lower_ in _NOT_NAME_ENDS or tokens[-1].is_punct
                               and tokens[-1].text != "."):
        tokens.pop()
    return clean_name(ent.doc[tokens[0].i:tokens[-1].i + 1].text)


# Words that join a name to what follows and never end one.
_NOT_NAME_ENDS = frozenset({"of", "and", "'s", "’s", "or", "for", "from", "in", "at"})


def _title_case_line(token: Token) -> bool:
    """Whether the sentence holding ``token`` is written in title case (a headline): all
    its words of four letters or more capitalised."""
    words = [t for t in token.sent if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


def _is_an_organisation(doc: Doc, person: Referent) -> bool:
    """A "person" the recogniser got wrong: a name ending in a word that names a kind of
    body ("Fox", "Human Rights Watch") with no known first name before it, named with "the"
    ("The Atlantic"), described as a body ("America Rising, a conservative political action committee"), or saying
    things of "it" ("Uber said it had ...")."""
    if person.first and first_name_gender(person.first):
        return False
    if org_types(person.last or person.name):
        return True  # "Fox", "Human Rights Watch": the name's last word names a body
    if person.gender_votes["n"] > person.gender_votes["m"] + person.gender_votes["f"]:
        return True
    for naming in person.namings:
        head = doc[naming.token]
        start = doc.char_span(naming.start, naming.end, alignment_mode="expand")
        before = doc[start.start - 1] if start is not None and start.start > 0 else None
        if before is not None and before.lower_ == "the":
            return True
        described = [c for c in head.children if c.dep_ == "appos"]
        if any(d.lower_ in ORG_TYPES and d.lower_ not in ROLE_STEMS for d in described):
            return True
    return False


# A named person's lawyers act for them on the record: identifiable, not vague.
_COUNSEL = frozenset({"lawyers", "attorneys", "lawyer", "attorney", "counsel"})


def _possessed_bodies(doc: Doc) -> Iterator[tuple[Token, str, int, int]]:
    """Bodies named through a name: "Donald Trump's campaign", "the Obama administration",
    "the Russian government" (no entity of their own in the parse)."""
    for token in doc:
        counsel = token.lower_ in _COUNSEL
        # the parser tags some lower-case bodies PROPN ("The foreign ministry of X said")
        noun = token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.is_lower \
            and not token.ent_type_
        if not noun or ORG_TYPES.get(token.lower_) not in ("body", "group") and not counsel:
            continue
        owners = [c for c in token.children if c.dep_ in ("poss", "compound", "amod")
                  and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and c.i < token.i
                  and (not counsel or c.dep_ == "poss")]
        of = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for o in c.children if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "ORG")]
        if owners or of and not counsel:
            first = min(o.left_edge.i for o in owners) if owners else token.left_edge.i
            last = of[0].right_edge.i if of else token.i
            while first < token.i and doc[first].lower_ in ("the", "a", "an"):
                first += 1
            span = doc[first:last + 1]
            yield token, span.text, span.start_char, span.end_char


def _describe_person(table: Referents, person: Referent) -> None:
    """Roles and gender evidence from around each naming: a title or role word before the
    name ("FBI Director Joan Castillo", "actress Susan Sarandon"), an apposition ("Karen
    Holt, the host"; "the host, Karen Holt") and "X said he/she ..."."""
    doc = table.doc
    for naming in person.namings:
        head = doc[naming.token]
        role_words = [t for t in doc[max(0, head.left_edge.i):head.i] if t.ent_type_ != "PERSON"]
        role_words += _words_before(doc, naming.start)
        role_words += [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            role_words.append(head.head)
            role_words += [_ROLE_VERBS[c.lower_] for c in head.head.children
                           if c.dep_ == "relcl" and c.lower_ in _ROLE_VERBS]
        for word in role_words:
            _add_role(person, word if isinstance(word, str) else word.lower_)
        if head.dep_ in _SUBJECTS:
            for clause in (c for c in head.head.children if c.dep_ == "ccomp"):
                subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
                features = PRONOUNS.get(subject.lower_) if subject is not None else None
                if features is not None and features.gender is not None:
                    person.gender_votes[features.gender] += 1


# "The senator who chairs the committee, Ruth Anders": a role said with a verb.
_ROLE_VERBS: dict[str, Any] = {"chairs": "chair", "leads": "leader", "heads": "chief",
                               "runs": "chief", "directs": "director", "hosts": "host",
                               "anchors": "anchor", "owns": "owner", "founded": "founder"}


def _words_before(doc: Doc, start: int) -> list[Token]:
    """The few nouns right before a name, whatever the parse made of them ("actress
    Susan Sarandon", "Campaign chairman Roger Vance")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    words: list[Token] = []
    i = span.start - 1 if span is not None else -1
    while i >= 0 and len(words) < 4 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ") \
            and doc[i].ent_type_ != "PERSON":
        words.append(doc[i])
        i -= 1
    return words


def _add_role(person: Referent, word: str) -> None:
    stem = ROLE_STEMS.get(word)
    if stem is None:
        return
    person.roles.add(stem)
    if word in GENDERED_ROLES:
        person.gender = person.gender or GENDERED_ROLES[word]


def _voted(ballot: Counter[str]) -> str | None:
    """A gender the text gives ("X said she ...") at least twice as often as the other."""
    votes = Counter({g: n for g, n in ballot.items() if g in ("m", "f")})
    (top, count), *rest = votes.most_common(2) or [("", 0)]
    other = rest[0][1] if rest else 0
    return top if count and count >= 2 * other else None


def _describe_org(table: Referents, org: Referent) -> None:
    """Kinds of body from appositions ("America Rising, a political action committee")."""
    doc = table.doc
    if "place" in org.types:
        return
    for naming in org.namings:
        head = doc[naming.token]
        for appos in (c for c in head.children if c.dep_ == "appos"):
            if appos.lower_ in ORG_TYPES:
                org.types.add(ORG_TYPES[appos.lower_])
        if head.dep_ == "appos" and head.head.lower_ in ORG_TYPES:
            org.types.add(ORG_TYPES[head.head.lower_])
