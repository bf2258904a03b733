"""Unnamed groups said to hold a view: "Many Millennials want ...", "independents' views
of Obama", "popular among Democrats", "officials who spoke with the paper said".

The quotes stage finds speakers of reporting verbs; a stance is as often held through a
verb of feeling or thinking ("Progressives have been upset"), an adjective ("Some
Republicans are opposed"), a noun ("independents' views") or a relative clause. These
holders are read from the dependency parse: the subject of a stance verb or of a stance
adjective after a copula, the possessor of a stance noun, the object of "popular among",
the antecedent of a relative "who". Whether the holder is vague is then decided by its
noun phrase's own structure, never by a list of phrases: a plural noun for people (or a
nationality or party) with nothing that picks out who they are, no definite or
demonstrative determiner, no number, no proper-noun modifier naming a body, no apposition;
or any noun for a person marked "anonymous" / "unnamed". When unsure, nothing is
reported: a missed vague source costs less than a false one (docs/attribution-guidelines.md,
section 16).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .lexicon import DOCUMENT_NOUNS, GROUP_NOUNS, VAGUE_DOCUMENTS, VAGUE_WORDS, verb_forms
from .speakers import chamber_after, quoted_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs of thinking, feeling and wanting: what their subject holds is a view. Written out
# because the English pipeline runs without a lemmatizer and no maintained package on
# PyPI ships verb classes (VerbNet reaches Python only through NLTK's downloaded data).
# Verbs of doing ("back", "block", "support", "reject") are left out: a party or a caucus
# doing them is a body acting, not a crowd holding a view.
_STANCE_VERBS = verb_forms("""
admire believe boast complain disagree distrust doubt dread expect fear hate hope
prefer question suspect trust want wish wonder worry applaud cheer lament mourn
resent despise detest regret agree approve disapprove echo share consider learn realize
realise recognize recognise understand
""".split())  # noqa: SIM905 - a word list reads best as prose
# Verbs of backing: a view only when a crowd of people holds it (``_may_back``).
_BACKING_VERBS = verb_forms(["support", "oppose", "favor", "favour", "back", "dislike"])
# Adjectives (and participles) of feeling or judgement after a copula: "are upset".
_STANCE_ADJECTIVES = frozenset("""
upset worried concerned afraid scared frightened angry furious frustrated opposed skeptical
sceptical confident optimistic pessimistic hopeful doubtful convinced unhappy happy pleased
satisfied dissatisfied disappointed eager reluctant wary nervous anxious alarmed thrilled
excited enthusiastic devoted supportive critical fearful uneasy outraged disgusted
startled surprised shocked stunned dismayed troubled disturbed puzzled baffled impressed
offended annoyed angered relieved delighted heartened encouraged
""".split())  # noqa: SIM905
_COPULAS = verb_forms(["be", "become", "seem", "remain", "grow", "feel", "appear", "get"])
_COPULAS.update({"is": "be", "are": "be", "was": "be", "were": "be", "been": "be",
                 "being": "be", "'re": "be", "’re": "be", "became": "become", "grew": "grow",
                 "grown": "grow", "got": "get", "gotten": "get"})
# Nouns for a view, held by their possessor: "independents' views", "voters' fears".
_STANCE_NOUNS = frozenset("""
view views opinion opinions fear fears worry worries concern concerns belief beliefs
sentiment sentiments reaction reactions frustration anger hopes hope doubts distrust
""".split())  # noqa: SIM905
# Verbs whose object is the person whose words are given: "quoted an unnamed official".
_CITING = verb_forms(["quote", "cite"])
# Adjectives whose "among X" names who holds the view: "popular among Democrats".
_AMONG_ADJECTIVES = frozenset({"popular", "unpopular", "common", "widespread"})
# Nouns in the group lexicon that are bodies, places or things rather than people.
_NOT_PEOPLE = frozenset({"country", "countries", "nation", "nations", "government",
                         "governments", "company", "companies", "group", "groups", "union",
                         "unions", "audience", "crowd", "crowds", "press", "media", "outlet",
                         "outlets", "public", "police", "troops", "staff"})
_PEOPLE = GROUP_NOUNS - _NOT_PEOPLE
# Quantifiers that, standing alone, are an unnamed crowd ("Others wonder"); "both",
# "these", "each" point back to people just named.
_CROWD_WORDS = frozenset({"others", "many", "some", "most"})
# Nouns of quantity that, with "of", measure out a group ("a lot of people").
_QUANTITIES = frozenset({"lot", "lots", "plenty", "number", "numbers", "dozens", "hundreds",
                         "thousands", "millions", "majority", "minority"})
# A body's staff, who stay anonymous even when the body is named ("Clinton officials").
_STAFF = frozenset({"officials", "aides", "staffers", "advisers", "advisors", "sources",
                    "insiders", "operatives", "strategists"})
_ANONYMOUS = frozenset({"anonymous", "unnamed", "unidentified"})
# Verbs by which a document gives its content: "polls show", "studies showing".
_SHOWING = verb_forms(["show", "suggest", "indicate", "find", "say", "claim", "predict",
                       "reveal", "point", "confirm"])
# Documents that ask a group ("a poll of Republicans"), whose answers are its data.
_POLLS = frozenset({"poll", "polls", "survey", "surveys", "polling"})
# Reports whose "of" phrase or "that" clause is what they report ("reports of an attack").
_REPORTING_NOUNS = frozenset({"reports", "rumours", "rumors"})
# What ties a document to an issuer, a date or a title, so that a reader can find it: a
# determiner, a possessor, a number, a noun or name before it, an apposition, "by" / "from".
_OWNING_DEPS = frozenset({"det", "poss", "nummod", "compound", "appos", "nmod"})
_OWNING_PREPS = frozenset({"by", "from", "in", "for", "at", "on", "conducted"})
_POINTING = frozenset({"the", "this", "that", "these", "those", "both"})


def vague_holders(doc: Doc) -> Iterator[tuple[int, int]]:
    """The character spans of unnamed groups holding a view, in the order met.

    Holders inside quoted words are left out: a speaker's "if people want ..." is a
    hypothetical or a generic, rarely a source the article cites. A holder reached through
    a relative "who" spans the pronoun too ("women who claim"), since the pronoun is where
    the relation attaches.
    """
    quoted = quoted_spans(doc.text)
    for token in doc:
        holder = _holder(token)
        if holder is None or any(s <= holder.idx < e for s, e in quoted):
            continue
        sentient = token.lower_ in _STANCE_VERBS or token.lower_ in _STANCE_ADJECTIVES
        if is_vague_group(holder, sentient=sentient) and _may_back(token, holder):
            start, end = _phrase(holder)
            relative = relative_who(token, holder)
            yield start, relative.idx + len(relative.text) if relative is not None else end


def party_backers(doc: Doc) -> Iterator[tuple[int, int]]:
    """The character spans of party or national groups said to back or oppose something
    ("Wyoming Republicans support ...", "Democrats oppose ..."), which ``_may_back`` leaves
    out of ``vague_holders``: a party backing a bill is as often the body acting as its
    voters holding a view, so the sources stage flags them only where the learned
    detector reads the span as a source (``resolve.detected.believed_source``)."""
    quoted = quoted_spans(doc.text)
    for token in doc:
        if token.lower_ not in _BACKING_VERBS or token.pos_ != "VERB":
            continue
        holder = _subject_of(token)
        if holder is None or any(s <= holder.idx < e for s, e in quoted):
            continue
        if is_vague_group(holder) and not _may_back(token, holder):
            yield _phrase(holder)


def poll_populations(doc: Doc) -> frozenset[str]:
    """The groups the article's polls and surveys asked ("a survey of early-state
    insiders", "a poll of Republicans"), as lower-case singular stems: the guidelines
    (section 3) make the poll's respondents its data, a document, not a vague crowd."""
    return frozenset(
        _stem(group) for token in doc if token.lower_ in _POLLS
        for of in token.children if of.dep_ == "prep" and of.lower_ == "of"
        for group in of.children if group.dep_ == "pobj" and group.pos_ in ("NOUN", "PROPN"))


def respondents(head: Token, populations: frozenset[str]) -> bool:
    """Whether the phrase headed by ``head`` is (a share of) a polled group: its head, or
    the group after "of" ("49 percent of Republicans"), or its last word ("Six in 10
    Republican"), is one of ``populations``."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    words = [head, *([group] if group is not None else []), head.doc[head.right_edge.i]]
    return any(_stem(w) in populations for w in words)


def _stem(token: Token) -> str:
    lower = token.lower_
    return lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower


def unowned_documents(doc: Doc) -> Iterator[tuple[int, int]]:
    """The character spans of reports, polls and studies that nothing lets a reader find
    ("polls show", "with polls showing ...", "amid reports of an attack"): a bare plural
    of ``VAGUE_DOCUMENTS`` with no owner (``_OWNING_DEPS``, ``_OWNING_PREPS``) that gives
    a content, as the subject of a verb of showing, through such a verb hanging from it,
    or (reports, rumours) through an "of" phrase or a "that" clause. An adjective before
    it is kept ("recent polls"). Inside quoted words they are left alone, as holders are."""
    quoted = quoted_spans(doc.text)
    for token in doc:
        if token.lower_ not in VAGUE_DOCUMENTS or token.tag_ != "NNS" or token.ent_type_ \
                or any(s <= token.idx < e for s, e in quoted):
            continue
        if _owned(token) or not _gives_content(token):
            continue
        first = min((c for c in token.children if c.dep_ == "amod"), key=lambda c: c.i,
                    default=token)
        yield first.idx, token.idx + len(token.text)


def _owned(document: Token) -> bool:
    """Whether something ties the document to an issuer, a date or a title."""
    return any(c.dep_ in _OWNING_DEPS or c.dep_ == "prep" and c.lower_ in _OWNING_PREPS
               or c.dep_ == "amod" and c.pos_ == "PROPN" for c in document.children)


def _gives_content(document: Token) -> bool:
    """Whether the document is said to give a content (``unowned_documents``)."""
    if document.dep_ == "nsubj" and document.head.lower_ in _SHOWING \
            and document.head.pos_ in ("VERB", "AUX"):
        return True
    for child in document.children:
        if child.dep_ in ("acl", "relcl") and child.lower_ in _SHOWING:
            return True
        if document.lower_ in _REPORTING_NOUNS and (
                child.dep_ == "prep" and child.lower_ == "of"
                or child.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)):
            return True
    return False


def _holder(token: Token) -> Token | None:
    """Who holds the view ``token`` expresses, if it expresses one."""
    lower = token.lower_
    if (lower in _STANCE_VERBS or lower in _BACKING_VERBS) and token.pos_ == "VERB":
        return _subject_of(token)
    if lower in _STANCE_ADJECTIVES and token.dep_ == "acomp" \
            and token.head.lower_ in _COPULAS:
        return _subject_of(token.head)
    if lower in _STANCE_ADJECTIVES and token.tag_ == "VBN":  # "have been startled by"
        return next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if lower in _STANCE_NOUNS and token.pos_ == "NOUN":
        return next((c for c in token.children if _possessor(c)), None)
    if lower in _CITING and token.pos_ == "VERB":  # "quoting an unnamed official"
        return next((c for c in token.children if c.dep_ == "dobj"), None)
    if lower in _AMONG_ADJECTIVES and token.pos_ == "ADJ":
        return _among(token)
    return None


def _may_back(verb: Token, holder: Token) -> bool:
    """A verb of backing ("supported", "opposed") is a view only when its holder is a
    crowd of people ("voters who have supported"), never a party or nationality (a
    capitalised or NORP plural: "Democrats"), which backing a bill or a candidate is as
    often a body acting, unless a quantifier makes it part of one ("Some Republicans")."""
    if verb.lower_ not in _BACKING_VERBS:
        return True
    if any(c.lower_ in VAGUE_WORDS for c in holder.children if c.i < holder.i):
        return True  # "Some Republicans": part of a party is no body acting
    capitalised = holder.text[:1].isupper() and holder.i > holder.sent.start
    return holder.lower_ in _PEOPLE and holder.ent_type_ != "NORP" and not capitalised


def relative_who(verb: Token, holder: Token) -> Token | None:
    """The "who" of a relative clause through which ``verb`` reaches ``holder``."""
    if verb.dep_ != "relcl" or verb.head.i != holder.i:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)


def _possessor(token: Token) -> bool:
    """"independents' views": the parse calls the possessor ``poss``, or ``nmod`` with
    the possessive mark after it."""
    if token.dep_ == "poss":
        return True
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.dep_ == "nmod" and after is not None and after.tag_ == "POS"


def _among(adjective: Token) -> Token | None:
    """The object of "among" after "popular", on the adjective or on its copula."""
    heads = [adjective, adjective.head] if adjective.dep_ == "acomp" else [adjective]
    for among in (c for h in heads for c in h.children
                  if c.dep_ == "prep" and c.lower_ == "among"):
        return next((c for c in among.children if c.dep_ == "pobj"), None)
    return None


def _subject_of(verb: Token) -> Token | None:
    """The verb's active subject (a passive one is what is believed, not who believes),
    or the agent of a passive; for a "to" verb, its controller (the object of "leaving
    many to wonder", else the subject); for a relative "who", the noun the clause hangs
    from."""
    # "whom many progressives believed was ...": the parse gives the clause two subjects;
    # the relative pronoun is what is believed, the other holds the belief
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"),
                      key=lambda c: c.lower_ == "whom")
    subject = subjects[0] if subjects else None
    if subject is None and verb.dep_ == "xcomp":  # "leaving many to wonder"
        controller = [c for c in verb.head.children if c.dep_ in ("dobj", "nsubj")]
        return min(controller, key=lambda c: c.dep_ != "dobj") if controller else None
    if subject is None:  # "is disliked by supporters of ...": the agent holds the view
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if subject.lower_ == "who":
        return verb.head if verb.dep_ == "relcl" else None
    return subject


def is_vague_group(head: Token, *, sentient: bool = False) -> bool:
    """Whether the noun phrase headed by ``head`` stands for people no reader can
    identify, judged by the phrase's structure (module docstring). ``sentient``: the
    phrase is the subject of a verb or adjective of thinking or feeling, which only
    people (or bodies) can be, so any plural common noun that names no body or document
    counts as people ("watchers of politics", "party bosses")."""
    if head.lower_ in _QUANTITIES or \
            head.lower_ in VAGUE_WORDS and head.pos_ in ("PRON", "ADJ", "DET", "NOUN"):
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:  # "Others wonder", "Many believe"; "a lot" says nothing
            return head.lower_ in _CROWD_WORDS
        group = next((c for c in of.children if c.dep_ == "pobj"), None)
        return group is not None and group.pos_ != "PRON" \
            and is_vague_group(group, sentient=sentient)
    modifiers = [c for c in head.children if c.i < head.i]
    if _anonymous(head, modifiers):
        return True
    if head.tag_ not in ("NNS", "NNPS") or not (_people(head) or sentient and _plural_noun(head)):
        return False
    return not any(_identifies(m, head) for m in modifiers) and not _named_after(head)


def _plural_noun(head: Token) -> bool:
    """A plural common noun that names neither a body nor a document."""
    return head.tag_ == "NNS" and head.pos_ == "NOUN" and head.lower_ not in _NOT_PEOPLE \
        and head.lower_ not in DOCUMENT_NOUNS and not head.ent_type_


def _anonymous(head: Token, modifiers: list[Token]) -> bool:
    """"an anonymous Republican official", "another unnamed GOP official"."""
    return head.lower_ in _PEOPLE and any(m.lower_ in _ANONYMOUS for m in modifiers)


def _people(head: Token) -> bool:
    """A plural for people: a noun of the group lexicon, a nationality or party
    ("Democrats"), or a capitalised plural the recogniser calls nothing after a
    quantifier ("Many Millennials")."""
    if head.lower_ in _PEOPLE or head.ent_type_ == "NORP":
        return True
    quantified = any(c.lower_ in VAGUE_WORDS for c in head.children if c.i < head.i)
    return quantified and head.tag_ == "NNPS" and not head.ent_type_  # "Many Millennials"


def _identifies(modifier: Token, head: Token) -> bool:
    """A modifier that picks out who the people are: "the", "these", a number, a proper
    noun naming a body ("House Democrats", "Google employees"); but a body's unnamed staff
    stay anonymous ("Clinton officials", "White House aides", "Smith's aides": guidelines,
    section 3). A possessor that is a person, a body or a pronoun otherwise ties the
    people to someone ("their supporters", "his children"; when unsure nothing is
    flagged); a place does not ("Europe's conservative politicians")."""
    if modifier.dep_ == "poss":
        tied = modifier.pos_ == "PRON" or modifier.ent_type_ in ("PERSON", "ORG")
        return tied and head.lower_ not in _STAFF
    if modifier.lower_ in _POINTING or modifier.dep_ == "nummod":
        return True
    return modifier.dep_ == "compound" and modifier.pos_ == "PROPN" \
        and head.lower_ not in _STAFF \
        and modifier.ent_type_ not in ("NORP", "GPE")


def _named_after(head: Token) -> bool:
    """An apposition or "such as" list after the noun names its members; "in Congress"
    makes a party's members a caucus."""
    return chamber_after(head) is not None or any(
        c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("such", "including"))
        for c in head.children)


def _phrase(head: Token) -> tuple[int, int]:
    """The holder's characters: its left edge to its head, with an "of" phrase after it
    kept ("Many of Europe's conservative politicians", "watchers of politics")."""
    last = head
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and of.i == head.i + 1:
        last = of.right_edge
    first = head.left_edge
    return first.idx, last.idx + len(last.text)
