"""Quotes: what an article reports others as saying, and on whose word, with offsets.

Three kinds of evidence, tried in this order so each stretch of text is attributed once:

1. **Quoted text** (straight or curly quotes, four words or more) with a reporting verb
   just after the closing mark (``“...,” he said``) or just before the opening one
   (``He said: “...”``).
2. **"according to X"**: X is the speaker, the rest of the sentence the content.
3. **A reporting verb in the dependency parse** (``said``, ``stated that``, ``believes``
   ...): its clausal complement is the content and its subject the speaker.

Speakers are then resolved to names in text order: a named entity names itself, a
pronoun takes the most recent person cited or named as a subject before it, and a role
noun ("the minister") the most recent person described with that role. See docs/quotes.md.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document import Analysis, Quote, Span
from ..models.english import english, parse
from ..resolve import Discourse, Resolution
from ..resolve.lexicon import verb_forms
from ..resolve.referents import first_name_genders
from ..resolve.speakers import QUOTED_PASSAGE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

KINDS = ("direct", "indirect", "mixed")

# Reporting verbs, as base forms: speech, writing, and stated belief.
_REPORTING = """
accuse acknowledge add admit advise affirm agree allege announce answer argue ask assert
assure believe boast brag caution charge claim comment complain concede conclude confirm
contend counter declare deny disclose doubt emphasise emphasize estimate explain fear feel
find forecast guess hint hope imply indicate insist joke know maintain mention note observe
point predict proclaim promise propose protest realise realize recall reckon recommend remark
repeat reply report respond retort reveal say show signal speculate state stress suggest
suspect swear tell testify think tweet urge vow warn worry write
blast call cite condemn criticise criticize defend demand denounce dismiss endorse pledge
praise reject speak talk
""".split()  # noqa: SIM905 - a word list reads best as prose
# Verbs that only report something when they govern a clause, never a bare "to" verb.
_CLAUSE_ONLY = frozenset({"add", "feel", "find", "know", "note", "show", "think", "write",
                          "explain", "observe", "recall", "remark", "report", "reveal", "point"})
# Verbs that also cue a direct quote though they govern no clause ("... ,” he continued).
_QUOTE_ONLY = ["continue", "conclude", "go on", "recount", "shout", "tweet", "wonder"]
# Speech acts whose content is their object ("denied the report", "called for a ban") or a
# prepositional phrase ("warned of war", "spoke about taxes").
_OBJECT_CUES = frozenset({
    "accuse", "acknowledge", "admit", "announce", "blast", "cite", "condemn", "confirm",
    "criticise", "criticize", "defend", "demand", "denounce", "deny", "describe", "dismiss",
    "endorse", "pledge", "praise", "predict", "promise", "propose", "question", "recommend",
    "reject", "report", "reveal", "urge"})
_PREPOSITION_CUES = {"about": {"talk", "speak", "complain", "joke", "testify", "tweet", "write",
                               "warn", "ask", "comment", "say", "argue", "worry"},
                     "of": {"warn", "speak", "talk"}, "on": {"comment"},
                     "for": {"call", "argue", "ask"}, "against": {"warn", "argue", "speak"}}
_SUBJECT_FROM_HEAD = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
_NOT_SOURCES = frozenset({"plan", "plans", "schedule", "rules", "law", "script", "tradition",
                          "timetable", "preference", "preferences", "wishes", "needs", "taste",
                          "size", "age", "rank", "type", "priority", "merit", "merits"})
_SOURCE_NOUNS = frozenset("""
account accounts aides analysis analyst analysts authorities campaign data document documents
estimate estimates expert experts figures filing filings memo officials people poll polls
police prosecutors records report reports researchers research source sources spokesman
spokeswoman spokesperson statement statistics study survey surveys transcript witnesses
""".split())  # noqa: SIM905
_RELATIVE = frozenset({"who", "that", "which"})
_LABELLED = re.compile(r"^([A-Z][^:\n]{1,60}):[ \t]+(\S[^\n]{10,200})$", re.MULTILINE)
_TRIM = " \t\r\n,;:—–-"
_NAMED = frozenset({"PERSON", "ORG", "GPE"})
# Punctuation that ends a content before a second attribution in the same sentence.
_BREAKS = frozenset({",", ";", "—", "–", "-", "(", ":"})
# The most text between an interrupted quote's two parts (its cue sentence's end).
_INTERRUPTION_CHARS = 150

CUE_FORMS = verb_forms(sorted({*_REPORTING, *_OBJECT_CUES}))
_DIRECT_CUE_FORMS = {**CUE_FORMS, **verb_forms(b for b in _QUOTE_ONLY if " " not in b)}


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved: token indices and character spans."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: Token | None
    cue_token: int | None = None
    relative: bool = False  # cued inside a relative clause: "rules, which critics say ..."


def find_quotes(analysis_or_text: Analysis | str, doc: Doc | None = None) -> list[Quote]:
    """Every quote in the text, in text order.

    Args:
        analysis_or_text: an ``Analysis`` (its ``kept_text()`` is parsed, so removed text
            is never quoted) or a plain string.
        doc: the spaCy parse of that text, when the caller already has one (else the
            analysis's shared parse, else a new one made as the nlp stage makes it).
    """
    if isinstance(analysis_or_text, Analysis):
        text, kept = analysis_or_text.text, analysis_or_text.kept_text()
        shared = analysis_or_text.doc
        doc = doc if doc is not None else shared if shared is not None and shared.text == kept else None
    else:
        text = kept = analysis_or_text
    doc = doc if doc is not None else next(parse(english(), [kept]))
    found = _merge(list(_direct(doc)), [*_labelled(doc), *_according(doc)], list(_reported(doc)))
    found = _join_interrupted(doc.text, found)
    author = analysis_or_text.metadata.author if isinstance(analysis_or_text, Analysis) else None
    return _Resolver(doc, text, author).resolve(found)


def quotes_for(analysis: Analysis, doc: Doc | None = None) -> list[Quote]:
    """The quotes of one analysis: what ``QuotesStage`` assigns to ``analysis.quotes``."""
    return find_quotes(analysis, doc)


# --- 1. quoted text with a cue nearby ---------------------------------------------------


def _direct(doc: Doc) -> Iterator[_Found]:
    for match in QUOTED_PASSAGE.finditer(doc.text):
        if len(match.group().split()) < 4 or "\n\n" in match.group():
            continue
        inside = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if inside is None:
            continue
        after = _cue_after(doc, inside.end)
        cue = after or _cue_before(doc, inside.start) or _colon_cue(doc, inside.start)
        if cue is None:
            yield _Found((match.start(), match.end()), None, None)
            continue
        start = match.start() if after is not None else _complement_start(cue, inside.start)
        yield _Found((start, match.end()), _tok_chars(cue, cue),
                     _subject(cue) or _adjacent_name(cue), cue.i)


def _cue_after(doc: Doc, i: int) -> Token | None:
    """A reporting verb among the few tokens after a closing quote mark (``, he said``),
    in the same sentence as the mark: ``“... soft.” He says referees ...`` is a new one,
    and so is a verb after "and" or one with its own clause (``“...” and said it was ...``)."""
    for token in doc[i:i + 6]:
        if token.text in ".!?“\"" or "\n" in token.text or token.dep_ == "cc":
            return None
        if token.lower_ in _DIRECT_CUE_FORMS and token.tag_.startswith("VB"):
            own = any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
            return token if i > 0 and token.sent.start <= i - 1 and not own else None
    return None


def _cue_before(doc: Doc, i: int) -> Token | None:
    """A reporting verb just before an opening quote mark (``He said: “...``)."""
    if i == 0 or doc[i - 1].text not in {":", ",", "that"} | set(_DIRECT_CUE_FORMS):
        return None
    for token in reversed(doc[max(0, i - 10):i]):
        if token.text in ".!?”\"" or "\n" in token.text:
            return None
        if token.lower_ in _DIRECT_CUE_FORMS and token.tag_.startswith("VB"):
            return token
    return None


def _complement_start(cue: Token, i: int) -> int:
    """Where the content of a quote cued before its opening mark (token ``i``) starts: at
    the mark after ``:`` or ``,``; else at the words that lead into it, as in "said that
    “...”", "says if elected “...”", "noted the change from the slogan, “...”" (the cue's
    clause, or the first word after the cue and its particle)."""
    doc = cue.doc
    if doc[i - 1].text in (":", ",") or cue.i >= i - 1:
        return doc[i].idx
    clauses = [c.left_edge.i for c in cue.children
               if c.dep_ == "ccomp" and cue.i < c.left_edge.i <= i]
    first = clauses[0] if clauses else _particle(cue).i + 1
    return doc[first].idx if first < i else doc[i].idx


def _colon_cue(doc: Doc, i: int) -> Token | None:
    """Any verb with a subject that introduces a quote after a colon ("He replied: “...”")."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 1 or doc[j].text != ":":
        return None
    for token in reversed(doc[max(doc[j].sent.start, j - 12):j]):
        if token.tag_.startswith("VB") and _subject(token) is not None:
            return token
    return None


def _labelled(doc: Doc) -> Iterator[_Found]:
    """A short line "Speaker: what they said", as headlines attribute ("McCain: GOP ...")."""
    for match in _LABELLED.finditer(doc.text):
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if label is None or len(label) > 6 or not _names_a_source(label, match.start() == 0):
            continue
        content = _without_stop(doc.text, *_trimmed(doc.text, match.start(2), match.end(2)))
        yield _Found(content, (match.end(1), match.end(1) + 1), label.root, None)


def _names_a_source(label: Any, headline: bool) -> bool:
    """A label names a source when it holds a name or a source noun; on the headline line a
    short title-cased label counts too ("Wash Post Fact-Check: ...", "Newspaper: ...")."""
    if label.root.i == label.start and label.root.pos_ == "VERB":
        return False  # an imperative: "Follow Jo Reyes on Twitter: @jreyes"
    if any(t.ent_type_ in _NAMED for t in label) or label.root.lower_ in _SOURCE_NOUNS:
        return True
    words = [t.text for t in label if t.is_alpha]
    return headline and len(label) <= 4 and bool(words) and all(w[0].isupper() for w in words)


# --- 2. "according to X" -----------------------------------------------------------------


def _according(doc: Doc) -> Iterator[_Found]:
    for token in doc[:-1]:
        if token.lower_ != "according" or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects or not _source_like(objects[0]):
            continue
        phrase_end = objects[0].right_edge.i + 1
        content = _rest_of_sentence(doc, token.i, phrase_end)
        if content is not None:
            yield _Found(content, _tok_chars(token, to), objects[0], token.i)


def _source_like(token: Token) -> bool:
    """"according to their preference" attributes nothing: a name or a source noun does."""
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ or token.lower_ in _SOURCE_NOUNS:
        return True
    possessed = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)
    return token.pos_ == "NOUN" and not possessed and token.lower_ not in _NOT_SOURCES


def _rest_of_sentence(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The longer side of the sentence around tokens ``start:end``, trimmed."""
    sent = doc[start].sent
    before = _trimmed(doc.text, sent.start_char, doc[start].idx)
    after = _trimmed(doc.text, doc[end - 1].idx + len(doc[end - 1]), sent.end_char)
    best = _without_stop(doc.text, *max((before, after), key=lambda s: s[1] - s[0]))
    return best if best[1] - best[0] > 0 else None


# --- 3. reporting verbs in the parse --------------------------------------------------


def _reported(doc: Doc) -> Iterator[_Found]:
    for token in doc:
        base = CUE_FORMS.get(token.lower_)
        if base is None or not token.tag_.startswith("VB"):
            continue
        clause = _clause(token, base)
        if clause is None:
            if token.dep_ == "parataxis" and _subject(token) is not None:
                yield _Found(_around(doc, token), _tok_chars(token, token), _subject(token), token.i)
            elif (content := _as_clause(token)) is not None:
                yield _Found(content, _tok_chars(token, _particle(token)), _subject(token), token.i)
            continue
        first = _object_before(token, clause) if base == "call" or clause.dep_ == "xcomp" \
            else clause.left_edge
        relative = token.dep_ == "relcl" and first.lower_ in _RELATIVE and first.i < token.i < clause.i
        if relative:
            first = token.doc[token.i + 1]  # "rules, which critics say were written ..."
        elif first.i <= token.i <= clause.right_edge.i or clause.left_edge.lower_ == "which":
            continue  # the cue inside its own content, or a relative clause misparsed
        last = _sentence_tail(token, clause.right_edge) if first.i > token.i else clause.right_edge
        last = _before_next_cue(first, last)
        start, end = _tok_chars(first, last)
        content = _closed(doc.text, *_without_stop(doc.text, *_trimmed(doc.text, start, end)))
        yield _Found(content, _tok_chars(token, _particle(token)), _subject(token), token.i,
                     relative)


def _sentence_tail(verb: Token, last: Token) -> Token:
    """The last word of a content that follows its cue: what is reported runs to the end
    of the sentence ("said he would ensure ..., something many are not allowed to do"),
    where the parse often hangs the tail on the cue instead; it stops before another
    attribution ("..., adding that ...", "..., according to ...") at the punctuation
    before it, and does not grow at all when there is none."""
    sent = verb.sent
    tail = [t for t in verb.doc[last.i + 1:sent.end] if not t.is_space]
    for k, token in enumerate(tail):
        if token.lower_ == "according" or (token.lower_ in CUE_FORMS
                                           and token.tag_.startswith("VB")):
            breaks = [j for j in range(k) if tail[j].text in _BREAKS]
            return tail[breaks[-1] - 1] if breaks and breaks[-1] > 0 else last
    return tail[-1] if tail else last


def _before_next_cue(first: Token, last: Token) -> Token:
    """A content ends before a second report by the same speaker that the parse runs into
    it: "said X and said that Y", "says X and tells the crowd Y", "insisted X, claiming Y"
    (a coordinated or "-ing" reporting verb after a comma or "and")."""
    doc = first.doc
    for token in doc[first.i + 1:last.i + 1]:
        if token.lower_ not in CUE_FORMS or not token.tag_.startswith("VB"):
            continue
        if token.dep_ != "conj" and token.tag_ != "VBG":
            continue
        k = token.i - 1
        while k > first.i and (doc[k].text in _BREAKS or doc[k].lower_ in ("and", "but")
                               or doc[k].is_space):
            k -= 1
        if k < token.i - 1:
            return doc[k]
    return last


def _as_clause(verb: Token) -> tuple[int, int] | None:
    """"As the Times reported, prices rose" / "prices rose, as she noted": a cue in an
    "as" clause attributes the clause it hangs from, less the "as" clause itself."""
    if verb.dep_ != "advcl" \
            or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if _subject(verb) is None:
        return None
    doc, head = verb.doc, verb.head
    if verb.i < head.i:
        first, last = verb.right_edge.i + 1, head.right_edge.i
    else:
        first, last = head.left_edge.i, verb.left_edge.i - 1
    if last < first:
        return None
    content = _without_stop(doc.text, *_trimmed(doc.text, *_tok_chars(doc[first], doc[last])))
    return content if content[1] > content[0] else None


def _around(doc: Doc, verb: Token) -> tuple[int, int]:
    """The content of a parenthetical cue ("This campaign, he says, is different"): the
    clause it interrupts, from its first to its last word, the cue included."""
    head = verb.head
    start, end = _tok_chars(head.left_edge, head.right_edge)
    return _without_stop(doc.text, *_trimmed(doc.text, start, end))


def _clause(verb: Token, base: str) -> Token | None:
    """The clause a reporting verb governs: a ``ccomp``, or an ``xcomp`` ("vowed to ...")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:  # "...: He said he's raised ...": the clause after the verb is its own
        return next((c for c in clauses if c.i > verb.i), clauses[0])
    if base == "call":  # "a program called Sandy Hook Promise" names, it reports nothing
        return None if verb.dep_ == "acl" and verb.tag_ == "VBN" else _naming(verb)
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > verb.i and base not in _CLAUSE_ONLY:
            return child
        if child.dep_ == "dobj" and child.i > verb.i and base in _OBJECT_CUES:
            return child
        if child.dep_ in ("prep", "prt") and base in _PREPOSITION_CUES.get(child.lower_, ()):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            return objects[0] if objects else None
    return None


def _object_before(verb: Token, clause: Token) -> Token:
    """"called him “a total stiff”", "asked them to leave", "called on Congress to act":
    the object before the complement starts the content."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
    objects += [o for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in ("on", "upon")
                for o in c.children if o.dep_ == "pobj" and verb.i < o.i < clause.i]
    return min(objects, key=lambda o: o.i).left_edge if objects else clause.left_edge


def _naming(verb: Token) -> Token | None:
    """"called him a liar", "called for a ban": the content follows the verb; the caller
    keeps only the object plus its complement, so return the complement's head when the
    parse gives one (the span is widened in ``_reported``)."""
    for child in verb.children:
        if child.dep_ in ("oprd", "ccomp", "xcomp") and child.i > verb.i:
            return child
        if child.dep_ == "prep" and child.lower_ == "for":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _particle(verb: Token) -> Token:
    """The last token of the cue: "pointed out" keeps its particle."""
    parts = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return parts[0] if parts else verb


def _subject(verb: Token) -> Token | None:
    """Who does the reporting: the verb's subject, else the subject of the verb it hangs
    from (``conj``, ``advcl``, ``xcomp``: "..., citing X"), and the antecedent of a relative
    pronoun ("Smith, who said ...")."""
    for child in verb.children:
        if child.dep_ == "agent":  # passive: "it was reported by the BBC"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ not in ("it", "there"):
            if child.lower_ in _RELATIVE:
                if child.lower_ != "who" or verb.dep_ != "relcl":
                    return None
                return _named_antecedent(verb.head)
            return _coordinated_noun(child)
    if verb.dep_ == "acl":  # "a statement saying ...": the noun speaks
        return verb.head
    if verb.dep_ in _SUBJECT_FROM_HEAD and verb.head.i != verb.i:
        return _subject(verb.head)  # "..., citing X" / "came to talk about": the main subject
    return None


def _coordinated_noun(subject: Token) -> Token:
    """"Current and former officials said": the parse makes the first adjective the
    subject and the noun its conjunct; the noun is who speaks."""
    if subject.pos_ != "ADJ":
        return subject
    nouns = [c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    return nouns[0] if nouns else subject


def _named_antecedent(noun: Token) -> Token:
    """"said R. Gil Kerlikowske, the border commissioner, who conceded ...": a relative
    clause on a name's apposition is the named person's."""
    head = noun.head
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and (head.ent_type_ == "PERSON"
                                                          or head.pos_ == "PROPN"):
        return head
    return noun


def _adjacent_name(cue: Token) -> Token | None:
    """An inverted speaker ("..., said Smith"): a proper noun right after the cue. A name
    that only modifies the noun after it ("added another New Hampshire Republican") is
    not the speaker: the noun it modifies is, so the phrase is judged by its head."""
    after = cue.doc[cue.i + 1:cue.i + 3]
    names = [t for t in after if t.pos_ == "PROPN"]
    if not names:
        return None
    name = names[-1]
    while name.dep_ == "compound" and name.head.i > name.i and name.head.pos_ in ("PROPN", "NOUN"):
        name = name.head
    return name


# --- merging and resolving ----------------------------------------------------------------


def _merge(direct: list[_Found], according: list[_Found], reported: list[_Found]) -> list[_Found]:
    """One quote per stretch of text: quoted text first, then "according to", then the parse.

    A reported clause that contains uncued quoted text absorbs it (a ``mixed`` quote); one
    whose cue was already used, or whose content is mostly someone else's, is dropped.
    """
    kept = [f for f in direct if f.cue is not None] + according
    loose = [f for f in direct if f.cue is None]
    used = {f.cue_token for f in kept}
    quoted = [f.content for f in direct]
    for found in reported:
        if found.cue_token in used or any(_share(found.content, k.content) > 0.5
                                          and not _nested(found, k) for k in kept):
            continue
        if found.cue is not None and any(_share(found.cue, q) > 0 for q in quoted):
            continue  # a verb inside quoted words: the quote is the attribution
        loose = [q for q in loose if not _inside(q.content, found.content)]
        kept.append(found)
        used.add(found.cue_token)
    kept += [q for q in loose if not any(_share(q.content, k.content) > 0 for k in kept)]
    return sorted(kept, key=lambda f: f.content)


def _nested(inner: _Found, outer: _Found) -> bool:
    """A report in a relative clause inside another's content ("defended the rules, which
    critics say were written ...", "a gap that experts say renders ..."): PolNeAR's
    one-role-per-token scheme leaves it out, but it is a source in its own right. Other
    nested reports stay inside the outer one (they are mostly the outer speaker's)."""
    return (inner.relative and inner.cue is not None and outer.cue is not None
            and inner.speaker is not None and inner.speaker.pos_ in ("NOUN", "PROPN")
            and outer.content[0] <= inner.cue[0]
            and inner.cue[1] <= outer.content[1] and inner.content[0] >= inner.cue[1])


def _join_interrupted(text: str, found: list[_Found]) -> list[_Found]:
    """A quote interrupted by its cue is one quote: ``“A,” she said. “B.”`` gives one
    content from the first mark to the last, the cue inside it (as PolNeAR marks it, one
    relation with two pieces). Uncued quoted text joins the quote before it when only that
    quote's own cue sentence lies between them, in the same paragraph."""
    joined: list[_Found] = []
    for item in found:
        last = joined[-1] if joined else None
        if (last is not None and item.cue is None and item.speaker is None
                and last.cue is not None and _interrupted(text, last, item.content[0])):
            last.content = (last.content[0], item.content[1])
            continue
        joined.append(item)
    return joined


def _interrupted(text: str, quote: _Found, start: int) -> bool:
    """Whether quoted text at ``start`` goes on with ``quote``: ``quote`` ends in a closing
    mark and what lies between them is its cue sentence's end, with no other quote."""
    if text[quote.content[0]:quote.content[1]].rstrip(_TRIM + ".")[-1:] not in "”\"":
        return False
    ends = [quote.content[1], *(quote.cue[1:] if quote.cue else ())]
    if quote.speaker is not None:
        ends.append(_speaker_chars(quote.speaker)[1])
    gap = text[max(ends):start]
    if len(gap) > _INTERRUPTION_CHARS or "\n" in gap or any(m in gap for m in "“”\""):
        return False
    gap = gap.strip()
    return not re.search(r"[.!?]", gap[:-1])


def _share(a: tuple[int, int], b: tuple[int, int]) -> float:
    """How much of ``a`` lies inside ``b``, as a share of ``a``."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(inter, 0) / max(a[1] - a[0], 1)


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


@dataclass(slots=True)
class _Resolver:
    """Turns found quotes into ``Quote``s, resolving speakers in text order.

    ``unspin.resolve.Discourse`` says what each speaker is (a name, a pronoun, a
    description, a vague or a document source, or no source at all) and whom it means;
    ``described`` keeps what an apposition says of each named person, for their quotes.
    """

    doc: Doc
    text: str
    author: str | None = None
    discourse: Discourse = field(init=False)
    described: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.discourse = Discourse(self.doc, author=self.author)
        for ent in self.doc.ents:
            referent = self.discourse.referents.of_token(ent.root)
            appos = _apposition(ent.root)
            if ent.label_ == "PERSON" and referent is not None and appos is not None:
                self.described.setdefault(referent.name, _description(self.text, appos))

    def resolve(self, found: list[_Found]) -> list[Quote]:
        quotes: list[Quote] = []
        for item in found:
            resolution = self._speaker(item)
            quote = self._quote(item, resolution)
            if item.speaker is None and item.cue is None and quotes and _continues(quotes[-1], item):
                last = quotes[-1]
                quote = dataclasses.replace(
                    quote, speaker_name=last.speaker_name,
                    speaker_description=last.speaker_description,
                    speaker_kind=last.speaker_kind, resolved_to=last.resolved_to,
                    candidates=last.candidates)
            quotes.append(quote)
        return quotes

    def _speaker(self, item: _Found) -> Resolution | None:
        if item.speaker is None:
            return None
        head = _named_appos(item.speaker) or item.speaker
        cue = self.doc[item.cue_token] if item.cue_token is not None else None
        return self.discourse.resolve(head, item.content, cue)

    def _quote(self, item: _Found, resolution: Resolution | None) -> Quote:
        speaker = _speaker_chars(item.speaker) if item.speaker is not None else None
        who = _relative_who(self.doc, item)
        if speaker is not None and who is not None:  # "dozens of women who claim ..."
            speaker = (speaker[0], who.idx + len(who.text))
        parts = [item.content] + [p for p in (item.cue, speaker) if p is not None]
        start, end = min(p[0] for p in parts), max(p[1] for p in parts)
        name = resolution.name if resolution is not None else None
        own = _apposition(item.speaker) if item.speaker is not None else None
        description = _description(self.text, own) if own is not None and \
            _named_appos(item.speaker) is None else None  # type: ignore[arg-type]
        return Quote(start, end, self.text[start:end], _kind(self.text, item.content),
                     Span(*item.content, self.text[item.content[0]:item.content[1]]),
                     self._span(item.cue), self._span(speaker),
                     name, description or (self.described.get(name) if name else None),
                     resolution.kind if resolution is not None else None,
                     self._span(resolution.resolved_to) if resolution is not None else None,
                     resolution.candidates if resolution is not None else ())

    def _span(self, chars: tuple[int, int] | None) -> Span | None:
        return None if chars is None else Span(chars[0], chars[1], self.text[chars[0]:chars[1]])


def _relative_who(doc: Doc, item: _Found) -> Token | None:
    """The relative pronoun of a cue in a relative clause on its speaker ("women who
    claim", "Smith, who said", "Ana Ruiz, the director, who conceded"): the relation hangs
    on the pronoun, so the speaker's span reaches it, named or not (guidelines section 4:
    the pronoun is the source, resolved to the noun it hangs from)."""
    if item.cue_token is None or item.speaker is None:
        return None
    cue = doc[item.cue_token]
    if cue.dep_ != "relcl" or cue.head.i < item.speaker.i:
        return None
    return next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)


def _continues(previous: Quote, item: _Found) -> bool:
    """Quoted words with no cue, just after another quote, go on with its speaker (news
    style: “...,” she said. “More words.”)."""
    return 0 <= item.content[0] - previous.end <= _CONTINUATION_CHARS

_CONTINUATION_CHARS = 300


def _apposition(token: Token) -> Token | None:
    """What an apposition says of a speaker ("a retired pharmacist"), past an age ("68")."""
    return next((c for c in token.children if c.dep_ == "appos" and not c.like_num), None)


def _named_appos(token: Token) -> Token | None:
    """"The spokesman, John Smith, said": the name in the apposition."""
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and token.ent_type_ != "PERSON":
            return child
    return None


def _description(text: str, appos: Token) -> str:
    start, end = _tok_chars(appos.left_edge, appos.right_edge)
    return text[slice(*_trimmed(text, start, end))]


def _speaker_chars(head: Token) -> tuple[int, int]:
    """The words naming the speaker, without an apposition or relative clause after them."""
    cut = {t.i for c in head.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in cut]
    run = [head]
    for t in reversed([t for t in tokens if t.i < head.i]):
        if t.i != run[0].i - 1 or t.is_punct:
            break
        run.insert(0, t)
    for t in (t for t in tokens if t.i > head.i):
        if t.i != run[-1].i + 1 or t.is_punct:
            break
        run.append(t)
    return _tok_chars(run[0], run[-1])


def _kind(text: str, content: tuple[int, int]) -> str:
    body = text[content[0]:content[1]].strip(_TRIM + ".")
    if body[:1] in "“\"" and body[-1:] in "”\"":  # one quote, or one interrupted by its cue
        return "direct"
    passages = QUOTED_PASSAGE.findall(body)
    return "mixed" if any(len(m.split()) >= 2 for m in passages) else "indirect"


def _closed(text: str, start: int, end: int) -> tuple[int, int]:
    """A content that opens a quote and ends just before its closing mark takes the mark
    (the parse leaves ``.”`` to the sentence)."""
    if text.count("“", start, end) > text.count("”", start, end):
        close = text.find("”", end, end + 3)
        return (start, close + 1) if close != -1 else (start, end)
    return start, end


def _without_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause cut from a sentence loses the sentence's full stop (quoted text keeps its own)."""
    return _trimmed(text, start, end - 1) if end > start and text[end - 1] in ".!?" else (start, end)


def _tok_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and clause punctuation (not quote marks) from both ends."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


class QuotesStage:
    def load(self) -> None:
        english()
        first_name_genders()

    def __call__(self, analysis: Analysis) -> Analysis:
        """English only (the patterns are English); reuses the nlp stage's parse."""
        if analysis.language is None or analysis.language.supported:
            analysis.quotes = quotes_for(analysis, analysis.doc)
        return analysis


__all__ = ["CUE_FORMS", "KINDS", "Quote", "QuotesStage", "find_quotes", "quotes_for"]
