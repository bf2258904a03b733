"""Who a source mention is: its form, its kind, and the referent it resolves to.

``Discourse`` reads one parsed article in text order. For each source mention (the words
a quote's cue names as its holder) ``Discourse.resolve`` says:

* the **form**: ``name``, ``surname``, ``pronoun``, ``description``, ``vague``,
  ``document``, or ``none`` when the words are no source at all ("gunshot wounds");
* the **kind** a reader should see: ``named_person``, ``named_organization``,
  ``document``, ``vague``; or ``none``: the words name no source at all ("gunshot
  wounds", "the tone of the interview"), are the writer's own voice ("I think"), or are
  a pronoun, surname or description left unresolved (no named source can be given);
* the **name** it resolves to, the **span** of the naming it resolved to, and, when the
  text does not let a careful reader decide, kind ``none``, no name and the
  **candidates**.

Pronouns, surnames and descriptions are resolved by salience (after Lappin and Leass,
1994): every earlier naming of a compatible referent adds a weight that halves with each
sentence back and again across a paragraph break, and counts more for a subject and most
for a cited speaker, less inside quoted words. Gender and number filter the candidates
first, a referent named inside the quote itself or as the cue's own object ("he told
Holt") is not its speaker, and a description must fit the referent's role or kind of
body. When the runner-up comes close to the best, the mention stays unresolved.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import (
    DOCUMENT_NOUNS,
    GENDERED_ROLES,
    GROUP_NOUNS,
    ORG_TYPES,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_STEMS,
    SPOKESPEOPLE,
    VAGUE_DOCUMENTS,
    VAGUE_WORDS,
    PronounFeatures,
)
from .referents import (
    ORGANIZATION,
    PERSON,
    Referent,
    Referents,
    clean_name,
    common_noun_at_start,
    is_rank,
    org_types,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAMED_KIND = {PERSON: "named_person", ORGANIZATION: "named_organization"}
# A quoted passage, one definition for the quotes stage and the resolver alike (they
# differed by a newline rule). A straight pair may run over a line break, as curly ones
# do; the quotes stage drops a passage that crosses a paragraph. Keeping straight pairs
# to one line instead re-pairs the marks after an unclosed one, which on the 99 labelled
# articles found one speaker more and one false named source more (docs/attribution-
# guidelines.md, section 23), so the wider pattern the quotes stage used stays.
QUOTED_PASSAGE = re.compile(r"“[^“”]+”|\"[^\"]+\"")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "no", "each", "every"})
_LAWYERS = frozenset({"lawyer", "lawyers", "attorney", "attorneys", "counsel"})
_HUMAN_SUFFIXES = ("ists", "ians", "ors", "eers", "ents", "ants")
_SHARES = frozenset({"percent", "%", "majority", "minority", "plurality", "half", "third",
                     "quarter", "share", "proportion"})
# Plural nouns for anonymous crowds, not for a pair of people just named.
_VAGUE_ONLY = frozenset({"officials", "sources", "people", "experts", "analysts", "critics",
                         "reporters", "journalists"})
# Roles that, even after "the", point back to someone the article never names ("a senior
# official ... the official said"): guidelines section 3 calls them vague. Any other role
# after "the" ("the candidate", "its owner") means one particular person, named or not.
_ANONYMOUS_ROLES = frozenset({
    "official", "source", "aide", "staffer", "insider", "person", "man", "woman", "witness",
    "expert", "analyst", "critic", "observer", "diplomat", "strategist", "adviser", "advisor",
    "consultant", "operative", "employee", "worker", "member", "resident", "neighbor",
    "neighbour", "agent", "officer", "investigator", "activist", "supporter", "opponent",
    "voter", "local", "individual", "guy", "friend", "relative", "colleague", "ally"})
# Documents that, with only "a" or "one" before them, name nothing a reader could find.
_UNFINDABLE_DOCUMENTS = frozenset({"report", "study", "story", "account", "rumor", "rumour"})
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "both"})
# "the organization", "the group": any kind of body (a company, a club, a public body),
# not one kind as the lexicon's other words for bodies say.
_GENERIC_BODIES = frozenset({"organization", "organisation", "group"})
# "the country", "the nation": one place, never a vague crowd.
_COUNTRY_NOUNS = frozenset({"country", "nation"})
# The parties' members, as a bare plural: in the attribution set as often a body acting
# ("Republicans confirmed the judge": the Senate majority; a headline's two committee
# chairmen) as the party at large, so an action gets no kind rather than a vague flag
# right half the time ...
_PARTY_MEMBERS = frozenset({"republicans", "democrats", "dems"})
# ... unless what they do is voice a view: then they are the party at large, vague.
# The parse has no lemmas, so the verbs are matched by the start of their forms.
_OPINION_STEMS = (
    "say", "said", "hope", "blast", "critici", "argu", "believ", "think", "thought", "fear",
    "worr", "complain", "accus", "claim", "insist", "warn", "want", "expect", "contend",
    "attack", "prais", "welcom", "cheer", "celebrat", "campaign", "doubt", "wonder",
    "question", "slam", "decr", "denounc", "applaud", "feel", "felt")
# "House Democrats", "Senate Republicans": a chamber's party caucus is a named body.
_CHAMBERS = frozenset({"house", "senate", "congressional", "assembly"})
# The chambers "in ..." can name after a party plural ("Democrats in Congress").
_CHAMBERS_AFTER = _CHAMBERS | {"congress"}
_OBJECTS = frozenset({"dobj", "dative", "iobj", "pobj"})
# The forms of "be" that join a subject to the noun said of it (the parse has no lemmas).
_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "’s", "remains",
                      "became", "becomes"})
# How much a naming counts towards a referent's salience.
_SUBJECT_WEIGHT, _SPEAKER_WEIGHT, _QUOTED_WEIGHT = 2.0, 3.0, 0.25
_SENTENCE_DECAY, _PARAGRAPH_DECAY = 0.5, 0.5
_UNSURE_GENDER = 0.5
_HORIZON_SENTENCES = 12


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one source mention is (module docstring)."""

    form: str
    kind: str
    name: str | None = None
    resolved_to: tuple[int, int] | None = None
    candidates: tuple[str, ...] = ()
    referent: Referent | None = field(default=None, compare=False)


NOT_A_SOURCE = Resolution("none", "none")
VAGUE = Resolution("vague", "vague")


@dataclass(slots=True)
class _Cited:
    token: int
    referent: Referent


class Discourse:
    """One article's referents and the speakers cited so far, read in text order.

    Args:
        doc: the article's parse (the nlp stage's).
        closeness: how near the runner-up's salience may come to the best one's before a
            mention is left unresolved (0.5: within half).
        author: the byline's name, whom a writer's "I" means.
    """

    def __init__(self, doc: Doc, *, closeness: float = 0.5, author: str | None = None) -> None:
        self.doc = doc
        self.author = author
        self.referents = Referents(doc)
        self.closeness = closeness
        self.quoted = quoted_spans(doc.text)
        self.cited: list[_Cited] = []
        self._sentence_starts = [s.start for s in doc.sents]
        self._poll = any(t.lower_ in ("poll", "polls", "survey", "surveys") for t in doc)
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", doc.text)]
        self._done: dict[int, Resolution] = {}
        self._best = 0.0  # the salience of the last choice's winner, and its runner-up
        self._runner_up: Referent | None = None
        # Unnamed people cited as speakers ("A man who filmed it said"), with their gender,
        # whom a later "he" may mean.
        self.vague_cited: list[tuple[int, str | None]] = []

    # --- the one entry point --------------------------------------------------------------

    def resolve(self, head: Token, content: tuple[int, int] | None = None,
                cue: Token | None = None) -> Resolution:
        """The resolution of the source mention headed by ``head``; the speaker is then
        remembered as cited, so later pronouns can find it."""
        if head.i in self._done:  # one speaker of several quotes: one answer
            return self._done[head.i]
        found = self._done[head.i] = _unresolved_is_no_named_source(
            self._classify(head, content, cue))
        if found.referent is not None:
            self.cited.append(_Cited(head.i, found.referent))
        elif found.kind == "vague" and head.tag_ == "NN" and any(
                c.lower_ in ("a", "an", "one") for c in head.children):
            self.vague_cited.append((head.i, GENDERED_ROLES.get(head.lower_)))
        return found

    def _classify(self, head: Token, content: tuple[int, int] | None,
                  cue: Token | None) -> Resolution:
        subject = _described_by_relative(head, cue)
        if subject is not None:  # "Trump is a bully who says ...": the bully is Trump
            return self._classify(subject, content, None)
        lower = head.lower_
        if lower in PRONOUNS and head.pos_ == "PRON":
            return self._pronoun(head, PRONOUNS[lower], content, cue)
        if head.tag_ == "NNPS" and self.referents.of_token(head) is None and any(
                c.dep_ == "nummod" and c.lower_ in _NUMBER_WORDS for c in head.children):
            return NOT_A_SOURCE  # "Two House Committees asked": a set of bodies, not a name
        named = self._named(_titled_name(head) or head, cue) or self._surname_as_noun(head) \
            or self._named_members(head)
        if named is not None:
            return named
        caucus = self._caucus(head)
        if caucus is not None:
            return caucus
        if lower in _PARTY_MEMBERS and all(c.dep_ in ("nummod", "punct", "cc", "conj")
                                           for c in head.children):
            verb = cue if cue is not None else head.head
            if verb.lower_.startswith(_OPINION_STEMS):
                return VAGUE  # "Republicans have criticized ...": the party at large's view
            return NOT_A_SOURCE  # a bare "Republicans" acting: undecided, see _PARTY_MEMBERS
        if head.ent_type_ == "NORP" or lower in VAGUE_WORDS:
            return VAGUE
        if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
            return self._common(head, content, cue)
        return NOT_A_SOURCE

    def _caucus(self, head: Token) -> Resolution | None:
        """"House Democrats", "Senate Republicans", "Democrats in Congress": the party's
        members of one chamber act as a body a reader can identify, unlike "Democrats" at
        large."""
        if head.tag_ not in ("NNS", "NNPS") or not (head.ent_type_ == "NORP" or head.lower_ in (
                "democrats", "republicans")):
            return None
        chamber = [c for c in head.children if c.i < head.i and c.lower_ in _CHAMBERS]
        after = None if chamber else chamber_after(head)  # "Democrats in Congress"
        if chamber:
            words = self.doc[chamber[0].i:head.i + 1]
        elif after is not None:
            words = self.doc[head.i:after.i + 1]
        else:
            return None
        return Resolution("name", NAMED_KIND[ORGANIZATION], clean_name(words.text),
                          (words.start_char, words.end_char))

    # --- names --------------------------------------------------------------------------

    def _named(self, head: Token, cue: Token | None = None) -> Resolution | None:
        """A mention holding a name: the referent's; a shared surname by salience; an
        organisation's spokesperson is the organisation."""
        referent = self.referents.of_token(head)
        if referent is None and head.lower_ in SPOKESPEOPLE:
            owners = [c for c in head.subtree if c.i < head.i and self.referents.of_token(c)]
            owners = owners or [t for t in _body_after(head) if self.referents.of_token(t)]
            referent = self.referents.of_token(owners[-1]) if owners else None
            if referent is not None and referent.kind == ORGANIZATION:
                return self._resolved("name", referent, head.i)
            return None
        if referent is not None:
            together = self._coordinated(head, referent)
            if together is not None:
                return together
            form = "surname" if (referent.kind == PERSON and len(_entity_tokens(head)) == 1
                                 and referent.first) else "name"
            naming = next((n for n in referent.namings if n.token == head.i), None)
            return Resolution(form, NAMED_KIND[referent.kind], referent.name,
                              (naming.start, naming.end) if naming else None,
                              referent=referent)
        shared = self.referents.ambiguous(head)
        gender = _gender_said_of_self(head, cue)
        if gender is not None:  # "Clinton ... said she was": not Bill
            shared = [p for p in shared if p.gender in (None, gender)] or shared
        if len(shared) == 1:
            return self._resolved("surname", shared[0], head.i)
        if shared:
            return self._choose("surname", shared, head, None, None, PERSON)
        return None

    def _named_members(self, head: Token) -> Resolution | None:
        """"Some observers, including professor Jane Holt", "Democrats -- including Clinton
        --": a group said to include named people or bodies is those it names, as a mixed
        mention keeps its identifiable member (docs/attribution-guidelines.md, section
        17); a member with no name leaves the rule out."""
        including = next((c for c in head.children
                          if c.dep_ == "prep" and c.lower_ == "including"), None)
        member = next((c for c in including.children if c.dep_ == "pobj"), None) \
            if including is not None else None
        if member is None:
            return None
        found = [self._member(t) for t in (member, *member.conjuncts)]
        referents = [r for r in found if r is not None]
        if len(referents) < len(found) or len({r.kind for r in referents}) != 1:
            return None
        if len(referents) == 1:
            return self._resolved("name", referents[0], member.i)
        return _together("name", referents)

    def _member(self, member: Token) -> Referent | None:
        """Who one member of an "including" list is: the last person named in its own
        words (not its conjuncts'), since a person's phrase may hold a body or a place
        before or after the name ("University of North Carolina professor Zeynep Tufekci",
        "Senator Bernie Sanders of Vermont"); else the body or person its head names."""
        others = {t.i for c in member.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        own = [self.referents.of_token(t) for t in member.subtree if t.i not in others]
        people = [r for r in own if r is not None and r.kind == PERSON]
        return people[-1] if people else self.referents.of_token(member)

    def _surname_as_noun(self, head: Token) -> Resolution | None:
        """"Price added ...", "Trump later said ...": a surname opening a sentence that the
        tagger read as a common noun (no entity, so no referent) is still the one person of
        the article with that surname, when there is exactly one."""
        if not head.is_title or head.ent_type_ or head.tag_ not in ("NN", "NNS"):
            return None
        known = [p for p in self.referents.people if p.last.lower() == head.lower_]
        if len(known) != 1:
            return None
        return self._coordinated(head, known[0]) or self._resolved("surname", known[0], head.i)

    def _coordinated(self, head: Token, referent: Referent) -> Resolution | None:
        """"Chaffetz and Rep. Bob Goodlatte said": named people joined by "and" speak
        together, so the source is all of them ("Jason Chaffetz and Bob Goodlatte"), not the
        first; any conjunct without a name of the same kind leaves the rule out. Named
        people "along with" or "together with" the speaker speak with him alike ("Fields,
        along with reporter Ben Terris, say")."""
        conjuncts = [c for c in head.conjuncts if c.i > head.i]
        if not conjuncts:
            conjuncts = _companions(head)
        elif not any(c.dep_ == "cc" and c.lower_ == "and"
                     for t in (head, *conjuncts) for c in t.children):
            return None
        if not conjuncts:
            return None
        others = [self.referents.of_token(c) for c in conjuncts]
        if any(r is None or r.kind != referent.kind or r is referent for r in others):
            return None
        return _together("name", [referent, *(r for r in others if r is not None)])

    def _resolved(self, form: str, referent: Referent, position: int) -> Resolution:
        naming = referent.named_before(self.doc[position].idx)
        span = (naming.start, naming.end) if naming else None
        return Resolution(form, NAMED_KIND[referent.kind], referent.name, span,
                          referent=referent)

    # --- pronouns -----------------------------------------------------------------------

    def _pronoun(self, head: Token, features: PronounFeatures, content: tuple[int, int] | None,
                 cue: Token | None) -> Resolution:
        if features.person != 3:
            return self._first_person(head, features)
        if features.plural:
            pair = self._people_joined_before(head)
            if pair is not None:
                return pair
        if features.plural and self._group_before(head):
            return Resolution("pronoun", "vague")
        if features.plural or features.gender == "n":
            pool = [o for o in self.referents.orgs if "place" not in o.types]
            return self._choose("pronoun", pool, head, content, cue, ORGANIZATION)
        pool = [p for p in self.referents.people if p.gender in (None, features.gender)]
        unsure = {p for p in pool if p.gender is None}
        found = self._choose("pronoun", pool, head, content, cue, PERSON, unsure=unsure)
        if found.name is None and len(found.candidates) == 2:
            found = self._last_subject(head, found, [p for p in pool if p not in unsure]) \
                or found
        if found.name is not None and self._pair_before(head) and self._runner_up is not None:
            # "After the two men met again, he said": both were just brought back
            return Resolution("pronoun", found.kind, None, None,
                              (found.name, self._runner_up.name))
        if self._unnamed_salience(head, features.gender) > 2 * self._best:
            return Resolution("pronoun", "vague")  # "A man who filmed it said ... He said"
        return found

    def _last_subject(self, head: Token, found: Resolution,
                      pool: list[Referent]) -> Resolution | None:
        """Between two close candidates, the one that is the subject of the sentence just
        before the pronoun's, when the other is not named there: the passage is about
        it (centring: the last subject is the likeliest next "he"). Only a candidate in
        ``pool`` (one whose gender matches) is chosen so."""
        before = self._sentence(head.i) - 1
        if before < 0:
            return None
        start = self._sentence_starts[before]
        words = self.doc[start:self._sentence_starts[before + 1]]
        named = {r.name: r for t in words if (r := self.referents.of_token(t)) is not None}
        subjects = {r.name for t in words if t.dep_ in ("nsubj", "nsubjpass")
                    and (r := self.referents.of_token(t)) is not None}
        first, second = found.candidates
        for chosen, other in ((first, second), (second, first)):
            if chosen in subjects and other not in named:
                referent = next((p for p in pool if p.name == chosen), None)
                return self._resolved("pronoun", referent, head.i) if referent else None
        return None

    def _people_joined_before(self, head: Token) -> Resolution | None:
        """"Sens. Mike Crapo and Jim Risch. Last week, they endorsed ...": "they" after
        people joined by "and" in its own or the sentence before is all of them, named
        together; "Dan Ortega and his partner came because they wanted ..." is the one
        member a reader can identify (as "experts like X" is X, guidelines section 3). The
        latest such pair counts, and only where each member is a named person or an
        unnamed companion ("his partner"); a pronoun member ("He and his partner") is
        left alone, since resolving it first doubles the chance of a wrong name."""
        first = self._sentence_starts[max(0, self._sentence(head.i) - 1)]
        pairs = [t for t in self.doc[first:head.i] if t.dep_ != "conj" and any(
            c.dep_ == "conj" and c.i < head.i for c in t.children) and any(
            c.dep_ == "cc" and c.lower_ == "and" for m in (t, *t.conjuncts) for c in m.children)]
        if not pairs:
            return None
        members = [pairs[-1], *(c for c in pairs[-1].conjuncts if c.i < head.i)]
        people: list[Referent] = []
        for member in members:
            referent = self.referents.of_token(member)
            if referent is not None and referent.kind == PERSON:
                people.append(referent)
            elif not (member.pos_ == "NOUN" and any(c.dep_ == "poss" for c in member.children)):
                return None
        if not people or len(set(map(id, people))) != len(people):
            return None  # no one named, or one person twice
        if len(people) == 1:
            return self._resolved("pronoun", people[0], head.i)
        return _together("pronoun", people)

    def _unnamed_salience(self, head: Token, gender: str | None) -> float:
        here_sentence, here_paragraph = self._sentence(head.i), self._paragraph(head.idx)
        return sum(_SPEAKER_WEIGHT * self._decay(token, here_sentence, here_paragraph)
                   for token, said in self.vague_cited
                   if token < head.i and said in (None, gender))

    def _first_person(self, head: Token, features: PronounFeatures) -> Resolution:
        """The writer's "I" is the byline's author; otherwise "I", "we" and "you" are the
        writer's own voice: kind ``none`` (no source behind the words but the writer's)."""
        if features.person == 1 and not features.plural and self.author \
                and not self._in_quote(head.idx):
            return Resolution("pronoun", "named_person", self.author)
        return Resolution("pronoun", "none")

    def _pair_before(self, head: Token) -> bool:
        """Whether the pronoun's own sentence first names a group of people ("the two
        men", "both", "the pair") that the pronoun may have been one of."""
        sentence = self.doc[self._sentence_starts[self._sentence(head.i)]:head.i]
        return any((t.lower_ in GROUP_NOUNS and t.tag_ == "NNS" and t.lower_ not in _VAGUE_ONLY)
                   or t.lower_ in ("both", "pair", "duo") for t in sentence)

    def _group_before(self, head: Token) -> bool:
        """Whether "they" follows an unnamed group in this or the two sentences before
        ("Mexican officials ... They said")."""
        first = self._sentence_starts[max(0, self._sentence(head.i) - 2)]
        return any(t.tag_ in ("NNS", "NNPS") and (t.lower_ in GROUP_NOUNS or t.ent_type_ == "NORP")
                   and self.referents.of_token(t) is None for t in self.doc[first:head.i])

    # --- common nouns -------------------------------------------------------------------

    def _common(self, head: Token, content: tuple[int, int] | None,
                cue: Token | None) -> Resolution:
        lower = head.lower_
        plural = head.tag_ in ("NNS", "NNPS")
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "predet")}
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if lower in DOCUMENT_NOUNS and not self._outlet(head, dets, owner):
            bare = not dets and owner is None and not _modifiers(head)
            if bare and lower in VAGUE_DOCUMENTS or self._unfindable(head, owner):
                return VAGUE
            return Resolution("document", "document")
        if lower in _LAWYERS and dets & _DEFINITE:
            return self._description(ORGANIZATION, "counsel", head, content, cue, VAGUE)
        restricted = any(c.dep_ in ("relcl", "acl") for c in head.children)
        if plural and dets & _DEFINITE and any(c.dep_ == "nummod" for c in head.children) \
                and lower not in _VAGUE_ONLY:
            # "the two lawmakers": a particular set of people, not a crowd; who they are is
            # left unsaid rather than guessed
            return NOT_A_SOURCE
        if lower in _COUNTRY_NOUNS and not plural and (dets & _DEFINITE or owner is not None):
            return NOT_A_SOURCE  # "the country": one place, never a vague crowd; which one
            # the article means is not guessed
        if lower in SPOKESPEOPLE:  # a named spokesman is himself; an unnamed one, his body
            if dets & _DEFINITE and any("spokesperson" in p.roles for p in self.referents.people):
                return self._description(PERSON, "spokesperson", head, content, cue)
            return self._description(ORGANIZATION, "body", head, content, cue, fallback=VAGUE)
        if lower in ORG_TYPES and not plural:
            named = self._named_by_compound(head)
            if named is not None:
                return named
        if lower in ORG_TYPES and not plural or lower == "police":
            definite = bool(dets & _DEFINITE) or owner is not None or not dets
            if owner is not None and owner.lower_ in ORG_TYPES and owner.tag_ == "NN":
                return self._voice_of(owner, content, cue)
            if definite and not restricted:
                return self._description(ORGANIZATION, ORG_TYPES[lower], head, content, cue)
            return VAGUE
        if head.tag_ == "NN" and dets & _DEFINITE and not restricted and lower not in ROLE_STEMS \
                and any(_name_head(o.name) == lower for o in self.referents.orgs):
            # "the fund" after "the International Monetary Fund": the word that heads a
            # known body's name, whether or not the lexicon knows it for a kind of body
            return self._description(ORGANIZATION, lower, head, content, cue)
        # a bare singular role ("Campaign chief defends ...") is a headline's "the"
        if lower in ROLE_STEMS and not plural and (dets & _DEFINITE or owner is not None
                                                   or not dets and head.tag_ == "NN") \
                and not restricted:
            fallback = VAGUE if lower in _ANONYMOUS_ROLES else None
            return self._description(PERSON, ROLE_STEMS[lower], head, content, cue, fallback)
        if lower in GROUP_NOUNS or lower in ROLE_STEMS or lower.endswith(_HUMAN_SUFFIXES) \
                or (plural and lower in ORG_TYPES) or lower in VAGUE_WORDS:
            return VAGUE
        if lower in _SHARES:  # "36 percent of Democrats": a poll's respondents, or nobody
            measured = self._poll or _measured(head.sent)
            return Resolution("document", "document") if measured else VAGUE
        if head.pos_ == "PROPN" and head.is_title and not common_noun_at_start(head):
            return self._unknown_name(head)
        return NOT_A_SOURCE

    def _named_by_compound(self, head: Token) -> Resolution | None:
        """"Time magazine", "the Acme company": a proper name on a body's noun names the
        body, whether or not the entity recogniser knew it. A person's or a place's name
        there ("the Trump campaign", "the Ohio department") is left to the other rules."""
        # a name the tagger took for an adjective ("Lantern magazine" opening a sentence)
        # still carries the recogniser's ORG
        names = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i
                 and (c.pos_ == "PROPN" or c.ent_type_ == "ORG")]
        words = [t for c in names for t in c.subtree]
        if not names or any(t.ent_type_ in ("GPE", "LOC", "NORP", "PERSON") for t in words):
            return None
        known = {r for t in words if (r := self.referents.of_token(t)) is not None}
        if any(r.kind != ORGANIZATION for r in known) or len(known) > 1:
            return None
        if known:
            return self._resolved("name", known.pop(), head.i)
        referent = self.referents.add_unrecognised(
            clean_name(" ".join(t.text for t in words)), ORGANIZATION, names[-1])
        naming = next(n for n in referent.namings if n.token == names[-1].i)
        return Resolution("name", NAMED_KIND[ORGANIZATION], referent.name,
                          (naming.start, naming.end), referent=referent)

    @staticmethod
    def _unfindable(head: Token, owner: Token | None) -> bool:
        """"according to one report", "a study found": a report with nothing to find it by
        (no issuer, no date, no title) is as vague as "reports say"."""
        indefinite = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
        return (head.lower_ in _UNFINDABLE_DOCUMENTS and owner is None
                and bool(indefinite) and indefinite <= {"a", "an", "one"}
                and not _modifiers(head))

    def _voice_of(self, owner: Token, content: tuple[int, int] | None,
                  cue: Token | None) -> Resolution:
        """"the paper's editorial board", "the company's board": a body of a described
        organisation speaks for it, so it resolves as "the paper" would."""
        found = self._common(owner, content, cue)
        return dataclasses.replace(found, form="description") if found.form != "none" \
            else NOT_A_SOURCE

    def _outlet(self, head: Token, dets: set[str], owner: Token | None) -> bool:
        """"the paper", "the site": a media outlet, not a document, when the article
        names an outlet for it to be."""
        return (ORG_TYPES.get(head.lower_) == "media" and head.tag_ == "NN"
                and bool(dets & _DEFINITE or owner is not None)
                and any("media" in o.types for o in self.referents.orgs))

    def _unknown_name(self, head: Token) -> Resolution:
        """A capitalised name the entity recogniser missed: a known person's surname or
        first name ("Oleksiuk" after "Marta Oleksiuk"), else a name of unknown kind that
        names itself and counts as an organisation only when its words say so."""
        known = [p for p in self.referents.people
                 if head.lower_ in (p.last.lower(), p.first.lower())]
        if len(known) == 1:
            together = self._coordinated(head, known[0])
            return together or self._resolved("surname", known[0], head.i)
        words = " ".join(t.text for t in head.subtree if t.i <= head.i and not t.is_punct)
        kind = ORGANIZATION if _an_organisation(head, words) else PERSON
        referent = self.referents.add_unrecognised(clean_name(words), kind, head)
        naming = next(n for n in referent.namings if n.token == head.i)
        return Resolution("name", NAMED_KIND[referent.kind], referent.name,
                          (naming.start, naming.end), referent=referent)

    def _description(self, kind: str, role: str, head: Token, content: tuple[int, int] | None,
                     cue: Token | None, fallback: Resolution | None = None) -> Resolution:
        """"the newspaper", "the FBI director": the salient referent with that role."""
        if kind == PERSON:
            gender = GENDERED_ROLES.get(head.lower_)
            pool = [p for p in self.referents.people if role in p.roles
                    and p.gender in (None, gender or p.gender)]
        else:
            word = head.lower_
            # "the commission" is first an organisation whose name says "Commission"; any
            # public body only when none does
            pool = [o for o in self.referents.orgs if _name_head(o.name) == word] or [
                o for o in self.referents.orgs if role in o.types]
            if not pool and word in _GENERIC_BODIES:  # any body but a place or an outlet
                pool = [o for o in self.referents.orgs if not o.types & {"place", "media"}]
            if not pool and role in ("company", "group"):
                pool = [o for o in self.referents.orgs if not o.types]
            if word in ("government", "administration", "state"):
                pool += [o for o in self.referents.orgs if "place" in o.types]
        if not pool and fallback is not None:
            return fallback
        if kind == PERSON and not pool:
            return self._epithet(head, content, cue)
        return self._choose("description", pool, head, content, cue, kind, floor=0.05)

    def _epithet(self, head: Token, content: tuple[int, int] | None,
                 cue: Token | None) -> Resolution:
        """"Bernie Sanders said ... The Vermont senator declined ...": a role the text
        never gave anyone, in the sentence after a person was its subject, is that person
        (news copy varies its names so); anything looser stays unresolved."""
        gender = GENDERED_ROLES.get(head.lower_)
        pool = [p for p in self.referents.people if p.gender in (None, gender or p.gender)]
        found = self._choose("description", pool, head, content, cue, PERSON)
        if found.referent is None or not self._subject_just_before(found.referent, head):
            return Resolution("description", NAMED_KIND[PERSON], None, None, found.candidates)
        return found

    def _subject_just_before(self, referent: Referent, head: Token) -> bool:
        """Whether ``referent`` was a subject or a cited speaker in the sentence before
        ``head``'s (or earlier in its own)."""
        here = self._sentence(head.i)
        tokens = [n.token for n in referent.namings if n.subject]
        tokens += [c.token for c in self.cited if c.referent is referent]
        return any(t < head.i and here - self._sentence(t) <= 1 for t in tokens)

    # --- salience -----------------------------------------------------------------------

    def _choose(self, form: str, pool: list[Referent], head: Token,
                content: tuple[int, int] | None, cue: Token | None, referent_kind: str,
                floor: float = 0.0, unsure: set[Referent] | None = None) -> Resolution:
        """The most salient referent of ``pool`` at ``head``, or unresolved when the
        runner-up is close (``closeness``) or there is none. A referent in ``unsure`` (a
        person whose gender neither the text nor the name lexicon gives, for "he" or
        "she") counts at ``_UNSURE_GENDER`` of its salience: a match on gender is
        evidence, an unknown gender only no evidence against."""
        kind = NAMED_KIND[referent_kind]
        excluded = self._excluded(head, content, cue)
        unsure = unsure or set()
        scored = sorted((((self._salience(r, head) + (floor if r.namings else 0.0))
                          * (_UNSURE_GENDER if r in unsure else 1.0), r)
                         for r in pool if r not in excluded), key=lambda x: -x[0])
        scored = [(s, r) for s, r in scored if s > 0]
        self._best = scored[0][0] if scored else 0.0
        if not scored:
            return Resolution(form, kind)
        (best, top), rest = scored[0], scored[1:]
        self._runner_up = rest[0][1] if rest else None
        if rest and rest[0][0] >= self.closeness * best:
            return Resolution(form, NAMED_KIND[top.kind], None, None,
                              (top.name, rest[0][1].name))
        return self._resolved(form, top, head.i)

    def _excluded(self, head: Token, content: tuple[int, int] | None,
                  cue: Token | None) -> set[Referent]:
        """Who cannot be the speaker: anyone named inside the quote's own content, and the
        cue's objects ("he told Holt"). The subject of a reported clause in the writer's
        words stays a candidate: "Shays backed Kasich at first, he said" is Shays's account
        of himself (in quoted words a speaker rarely names himself)."""
        out: set[Referent] = set()
        quoted = self.doc.char_span(*content, alignment_mode="expand") if content else None
        direct = content is not None and self._in_quote(content[0] + 1)
        for token in quoted or []:  # the cue may sit inside an interrupted quote's content
            if token.i != head.i and (r := self.referents.of_token(token)) is not None \
                    and not (cue is not None and token.head.i == cue.i) \
                    and (direct or not _reported_subject(token, cue)):
                out.add(r)
        verb = cue if cue is not None else head.head
        for child in verb.children:
            targets = [child] if child.dep_ in _OBJECTS else [
                c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else []
            for target in targets:
                if (r := self.referents.of_token(target)) is not None:
                    out.add(r)
        return out

    def _salience(self, referent: Referent, head: Token) -> float:
        here_sentence, here_paragraph = self._sentence(head.i), self._paragraph(head.idx)
        score = 0.0
        for naming in referent.namings:
            if naming.start >= head.idx:
                break
            weight = self._weight(naming.token) if naming.subject else 1.0
            if self._in_quote(naming.start):
                weight *= _QUOTED_WEIGHT
            score += weight * self._decay(naming.token, here_sentence, here_paragraph)
        for cited in self.cited:
            if cited.referent is referent and cited.token < head.i:
                score += _SPEAKER_WEIGHT * self._decay(cited.token, here_sentence,
                                                       here_paragraph)
        return score

    def _weight(self, token: int) -> float:
        """A subject of the sentence's main clause (or of a reporting verb) weighs most; a
        subject inside an adverbial clause ("in the event that Clinton faces") less."""
        verb = self.doc[token].head
        while verb.dep_ == "conj":
            verb = verb.head
        if verb.dep_ in ("ROOT", "parataxis") or verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT":
            return _SUBJECT_WEIGHT
        return 1.0

    def _decay(self, token: int, sentence: int, paragraph: int) -> float:
        back = sentence - self._sentence(token)
        if back > _HORIZON_SENTENCES:
            return 0.0
        paragraphs = paragraph - self._paragraph(self.doc[token].idx)
        return float(_SENTENCE_DECAY ** back * _PARAGRAPH_DECAY ** min(paragraphs, 2))

    def _sentence(self, token: int) -> int:
        return bisect_right(self._sentence_starts, token) - 1

    def _paragraph(self, char: int) -> int:
        return bisect_right(self._paragraph_starts, char) - 1

    def _in_quote(self, char: int) -> bool:
        return any(s < char < e for s, e in self.quoted)


def _unresolved_is_no_named_source(found: Resolution) -> Resolution:
    """A pronoun, surname or description the text does not let us tie to a name ("she"
    with two women in the passage) is reported as kind ``none``, its candidates kept: a
    source we cannot name is not a named source (it would count towards the article's
    named share), and it is no vague one either (a reader of the passage may well know
    whom it means)."""
    if found.kind in NAMED_KIND.values() and found.name is None:
        return dataclasses.replace(found, kind="none")
    return found


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the quoted passages in ``text`` (curly or straight quotes)."""
    return [m.span() for m in QUOTED_PASSAGE.finditer(text)]


def _reported_subject(token: Token, cue: Token | None) -> bool:
    """Whether ``token`` is (part of the name of) the subject of the clause ``cue``
    governs."""
    if cue is None:
        return False
    name_head = token.head if token.dep_ == "compound" else token
    return name_head.dep_ == "nsubj" and name_head.head.head.i == cue.i \
        and name_head.head.dep_ == "ccomp"


def chamber_after(head: Token) -> Token | None:
    """The chamber of "in Congress" / "in the Senate" right after a party plural."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
        chamber = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if chamber is not None and chamber.lower_ in _CHAMBERS_AFTER:
            return chamber
    return None


def _together(form: str, referents: list[Referent]) -> Resolution:
    """Several named people or bodies of one kind speaking as one source, named together
    ("Jason Chaffetz and Bob Goodlatte", "A, B and C"); no span, as no one naming covers
    them all."""
    names = [r.name for r in referents]
    return Resolution(form, NAMED_KIND[referents[0].kind],
                      ", ".join(names[:-1]) + " and " + names[-1])


def _described_by_relative(head: Token, cue: Token | None) -> Token | None:
    """The subject a predicate noun describes when the cue is a relative clause on it:
    in "Donald Trump is a liar, birther and bully who has pledged ...", the relative
    pronoun hangs from "bully", one of the nouns said of Trump after "is", so the one who
    pledged is the copula's subject."""
    if cue is None or cue.dep_ != "relcl" or cue.head.i != head.i:
        return None
    noun = head
    while noun.dep_ in ("conj", "appos"):  # one of a list of nouns said of the subject
        noun = noun.head
    copula = noun.head
    if noun.dep_ != "attr" or copula.lower_ not in _COPULAS:
        return None
    verb = copula
    while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ == "conj":
        verb = verb.head  # "Trump incites violence and is a liar who ...": incites' subject
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _gender_said_of_self(head: Token, cue: Token | None) -> str | None:
    """The gender the speaker's own reported clause gives them: the subject pronoun of
    the clause the cue governs ("Clinton ... said she was going to ..."), which in news
    copy is the speaker far more often than anyone else."""
    verb = cue if cue is not None else head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.i != verb.i:
        return None
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        features = PRONOUNS.get(subject.lower_) if subject is not None else None
        if features is not None and features.person == 3 and not features.plural:
            return features.gender if features.gender in ("m", "f") else None
    return None


def _companions(head: Token) -> list[Token]:
    """The people a subject acts "along with" or "together with": the object of that
    phrase on the subject or on its verb (the parse hangs it on either)."""
    holders = [head, head.head] if head.dep_ in ("nsubj", "nsubjpass") else [head]
    return [obj for h in holders for adv in h.children
            if adv.dep_ in ("prep", "advmod") and adv.lower_ in ("along", "together")
            for prep in adv.children if prep.dep_ == "prep" and prep.lower_ == "with"
            for obj in prep.children if obj.dep_ == "pobj"]


def _measured(sentence: Span) -> bool:
    """A sentence that gives a share in figures ("rose by 28 points", "(65%)"): a group's
    share in it is a poll's or a data set's, even where the poll goes unnamed."""
    return any(t.like_num and t.i + 1 < len(t.doc)
               and t.doc[t.i + 1].lower_ in ("%", "percent", "points", "percentage")
               for t in sentence)


def _an_organisation(head: Token, words: str) -> bool:
    """An unrecognised name is an organisation when its words, an apposition or "the"
    say so ("The Atlantic"; "America Rising, a political action committee"), or when
    what it says is said of "it" ("Uber said it had ...")."""
    if any(w.lower() in ORG_TYPES for w in words.split()) or words.lower().startswith("the "):
        return True
    if len(words.split()) > 1 and org_types(words.split()[-1]):
        return True  # "Human Rights Watch", "Acme Holdings": the last word names a body
    if any(c.dep_ == "appos" and c.lower_ in ORG_TYPES for c in head.children):
        return True
    clauses = [c for c in head.head.children if c.dep_ == "ccomp"] if head.dep_ == "nsubj" else []
    return any(s.lower_ == "it" for c in clauses for s in c.children if s.dep_ == "nsubj")


def _name_head(name: str) -> str:
    """The word that says what an organisation is: "New Hampshire Ballot Law Commission"
    -> commission, "Illinois Board of Elections" -> board ("State Department" is no
    "state")."""
    words = name.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _body_after(head: Token) -> list[Token]:
    """The words of the body a spokesperson speaks for when it follows the noun: "a
    spokesman for Platte River", "a representative of the agency" (the parse's ``prep``
    ``for``/``of``/``at`` and its object's subtree)."""
    return [t for prep in head.children if prep.dep_ == "prep" and prep.lower_ in (
                "for", "of", "at")
            for obj in prep.children if obj.dep_ == "pobj" for t in obj.subtree]


def _titled_name(head: Token) -> Token | None:
    """"said Army Capt. Dana Ruiz", "Air Force 1st Lt. Omar Haddad": the parse may make the
    rank the speaker; the person named right after the ranks is (the root of that name)."""
    if head.ent_type_ == "PERSON" or not is_rank(head):
        return None
    for token in head.doc[head.i + 1:head.i + 5]:
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            name = next(e for e in head.doc.ents if e.start == token.i)
            return name.root
        if not (token.text == "." or is_rank(token)):
            return None
    return None


def _entity_tokens(head: Token) -> list[Token]:
    if not head.ent_type_:
        return [head]
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    return list(ent) if ent is not None else [head]


def _modifiers(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "prep", "acl",
                                                   "relcl")]


__all__ = ["NOT_A_SOURCE", "QUOTED_PASSAGE", "RELATIVE_PRONOUNS", "Discourse", "Resolution"]
