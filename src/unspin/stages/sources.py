"""Sources: who stands behind each sentence, and how thin the article's sourcing is.

Every sentence gets one ``SourceRef``. A sentence carrying a quote is attributed to the
quote's speaker: a resolved name makes it ``named_person`` or ``named_organization``, an
unnamed speaker ("Western media", "experts", "the Ukrainians") makes it ``vague`` unless it
is a document ("the report", "official data"). A sentence with no quoted speaker is
checked against patterns for documents and data, then for vague attribution ("there are
concerns", "it is believed that", sweeping claims about what a whole group believes).
What is left is ``none``: the writer's own word. Besides each sentence's own source, the
unnamed groups a sentence says hold a view ("Many Millennials want", "independents' views
of", "popular among Democrats") are read from the dependency parse
(``unspin.resolve.holders``). A vague source with a holder in it ("experts", not "there
are concerns") is kept only when the learned source-span detector reads it as a source
(``unspin.resolve.detected``); reports and polls with no owner ("polls show") and party
groups backing something ("Democrats oppose") only when it believes them a source
(P >= 0.5); a vague span whose words say otherwise is recast (a title after "The", a part
of some documents, a cited poll's respondents). A speaker that names no one, or is left
unresolved, gives ``none``. See docs/quotes.md and docs/attribution-guidelines.md
(sections 19 and 22).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..document import Analysis, Quote, SourceRef, Span
from ..models.source_spans import TokenProbabilities
from ..resolve.detected import (
    believed_source,
    passes_gate,
    proposed_vague,
    source_probabilities,
)
from ..resolve.holders import (
    party_backers,
    poll_populations,
    respondents,
    unowned_documents,
    vague_holders,
)
from ..resolve.lexicon import DOCUMENT_NOUNS, GROUP_NOUNS, ROLE_STEMS

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan

_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})

_DOCUMENT = re.compile(
    r"\b(?:official\s+(?:data|figures|statistics|records|numbers)"
    r"|(?:a|the|an?\s+\w+|new)\s+(?:report|study|survey|poll|analysis|audit|document|memo)\s+"
    r"(?:by|from|of|published|released|shows?|says|found|finds)"
    r"|according\s+to\s+(?:the\s+)?(?:\w+\s+)?(?:figures|data|statistics|records|documents?"
    r"|(?:a|the)\s+(?:\w+\s+)?(?:report|study|survey|poll))"
    r"|(?:statistics|data|figures|records|numbers)\s+(?:from\s+\S+(?:\s+\S+)?\s+)?"
    r"(?:show|shows|showed|suggest|suggests|indicate|indicates|reveal|reveals))\b",
    re.IGNORECASE)
_DOCUMENT_SPEAKER = re.compile(
    r"\b(?:report|study|studies|surveys?|polls?|data|figures|statistics|records|documents?|memos?"
    r"|census)\b",  # bare "reports" (unnamed) stays vague
    re.IGNORECASE)
_VAGUE_PATTERNS = [
    (r"\b(?:western|foreign|local|international|mainstream|some|many|the)\s+media"
     r"(?:\s+outlets)?\s+(?:have\s+|has\s+)?(?:reported|report|reports|say|said|claim|claimed)"),
    (r"\b(?:(?:many|some|other|several|leading|independent|most)\s+(?:[\w-]+\s+)?)?"
     r"(?:experts|analysts|observers|critics|officials|sources|insiders|commentators|scientists"
     r"|researchers|diplomats|people|others)\s+(?:have\s+|had\s+)?(?:say|saying|said|believe|believed"
     r"|argue|argued|claim|claimed|warn|warned|suggest|suggested|think|fear|feared|feel|felt"
     r"|note|noted|insist|contend|told|expect|expected|predict|predicted|forecast|speculate"
     r"|speculated|agree|agreed|concur|concurred|estimate|estimated)\b"),
    (r"\bthere\s+(?:are|is|were|was|have\s+been|has\s+been)\s+(?:also\s+|growing\s+|some\s+"
     r"|widespread\s+|serious\s+|many\s+|increasing\s+)*(?:concerns?|fears?|worries|suggestions"
     r"|claims|reports|rumou?rs|speculation|allegations)\b"),
    (r"\bit\s+is\s+(?:widely\s+|generally\s+|commonly\s+|now\s+)?(?:believed|expected|thought"
     r"|said|claimed|reported|feared|known|understood|rumou?red|alleged|estimated)\s+that\b"),
    r"\b(?:reports|rumou?rs|media\s+reports)\s+(?:suggest|say|indicate|claim)",
    (r"\b(?:many|some|most)\s+(?:have\s+)?(?:believe|say|think|argue|claim|fear|feel"
     r"|speculated?|predicted|expressed|expect|expected|worry|worried)\b"),
    r"\baccording\s+to\s+(?:some\s+|unnamed\s+|local\s+)?(?:sources|reports|experts|observers|media)\b",
    # "the older population backing" a candidate: a collective after "the", which the
    # parse's holders (src/unspin/resolve/holders.py) leave alone ("support among black
    # voters" was tried and dropped: 4 right flags in 6 on the set)
    r"\b(?:the\s+)?(?:[\w-]+\s+)?(?:population|electorate|voters)\s+backing\b",
    # reports with nobody behind them, as a noun cue: "amid reports that ..."
    r"\b(?:amid|despite|after)\s+(?:\w+\s+)?(?:reports|rumou?rs|speculation)\s+that\b",
]
_VAGUE = re.compile("|".join(f"(?:{p})" for p in _VAGUE_PATTERNS), re.IGNORECASE)
# Vague wordings with no holder in them ("there are concerns", "it is believed that",
# "amid reports that"): the learned detector reads holders, and PolNeAR marks these
# attributions as having no source, so its gate does not judge them.
_NO_HOLDER = re.compile(r"(?:there|it)\b|(?:amid|despite|after)\b", re.IGNORECASE)
# A whole group said to believe something, with no one cited: "Ukrainians no longer believe".
_GROUP_BELIEF = re.compile(
    r"\b(?:[Tt]he\s+)?(?:local\s+|ordinary\s+|average\s+|most\s+|many\s+)?"
    r"(?:[A-Z][a-z]+(?:ans|ians|ese|ish)|people|public|population|military|soldiers|troops"
    r"|voters|citizens|nation|army|society)\b(?:\s+[\w’']+){0,5}?\s+"
    r"(?:believe|believes|think|thinks|feel|feels|consider|considers|fear|fears)\b")


def attribute(analysis: Analysis, sentence: Span, quotes: list[Quote],
              probabilities: TokenProbabilities | None = None) -> SourceRef:
    """The source of one sentence: its quote's speaker, else a document or vague pattern.

    A vague one is kept only when the learned source detector lets it through
    (``resolve.detected.passes_gate``; always, when the article was not encoded).

    Args:
        analysis: the analysis the sentence belongs to (its entities tell persons from
            organisations).
        sentence: any span of ``analysis.text``, normally one of ``analysis.sentences``.
        quotes: the article's quotes (``analysis.quotes`` once the quotes stage ran).
        probabilities: the detector's token probabilities for the article (computed from
            ``analysis.token_states`` when not given).
    """
    if probabilities is None:
        probabilities = source_probabilities(analysis)
    quote = _main_quote(sentence, quotes)
    if quote is not None and quote.speaker is not None and quote.speaker_kind != "none":
        ref = _from_speaker(analysis, quote)
        if ref.kind != "vague" or passes_gate(probabilities, ref.start, ref.end):
            return ref
    if quote is not None and quote.speaker is not None:
        # no source we can name: words that are no source ("gunshot wounds"), the writer's
        # own "I", a pronoun or description left unresolved (whose words and candidates
        # are kept for the reader), or a vague speaker the learned detector rejects; a
        # vague source elsewhere in the sentence is still found by ``cited_in_passing``
        speaker = quote.speaker
        return SourceRef(speaker.start, speaker.end, speaker.text, "none",
                         candidates=quote.candidates)
    for pattern, kind in ((_DOCUMENT, "document"), (_VAGUE, "vague"), (_GROUP_BELIEF, "vague")):
        match = pattern.search(analysis.text, sentence.start, sentence.end)
        if match and (kind != "vague" or _gated(probabilities, analysis.text, match.start(),
                                                  match.end())):
            return _ref(analysis, match.start(), match.end(), kind)
    return _ref(analysis, sentence.start, sentence.end, "none")


def sources_for(analysis: Analysis, quotes: list[Quote],
                probabilities: TokenProbabilities | None = None) -> list[SourceRef]:
    """One ``SourceRef`` per sentence of ``analysis.sentences``, in the same order."""
    if probabilities is None:
        probabilities = source_probabilities(analysis)
    return [attribute(analysis, s, quotes, probabilities) for s in analysis.sentences]


def cited_in_passing(analysis: Analysis, refs: list[SourceRef], quotes: list[Quote],
                     probabilities: TokenProbabilities | None = None) -> list[SourceRef]:
    """Vague sources a sentence cites besides its own: "“Some people feel ...,” she
    said", "..., higher than most analysts had forecast". A sentence's ``SourceRef`` is its
    main quote's speaker, so these are found by the vague patterns in every sentence and
    kept where they overlap no source or speaker already found, and the learned detector
    lets them through; then the detector's own confident vague groups that no rule found
    ("Editorialists warned that ...", ``resolve.detected.proposed_vague``)."""
    if probabilities is None:
        probabilities = source_probabilities(analysis)
    taken = [(r.start, r.end) for r in refs if r.kind != "none"]
    taken += [(q.speaker.start, q.speaker.end) for q in quotes if q.speaker is not None]
    spans = [(m.start(), m.end()) for sentence in analysis.sentences
             for pattern in (_VAGUE, _GROUP_BELIEF)
             for m in pattern.finditer(analysis.text, sentence.start, sentence.end)]
    if analysis.doc is not None:  # holders of a stance, reports with no owner: the parse
        spans += vague_holders(analysis.doc)
        # reports and party groups the rules alone would not flag: only where the
        # detector believes the span a source (PolNeAR leaves "reports that ..." sourceless)
        spans += [(s, e) for s, e in [*unowned_documents(analysis.doc),
                                      *party_backers(analysis.doc)]
                  if believed_source(probabilities, s, e)]
    found = []
    for start, end in spans:
        if not any(s < end and start < e for s, e in taken) \
                and _gated(probabilities, analysis.text, start, end):
            found.append(_ref(analysis, start, end, *_recast(analysis, start, end)))
            taken.append((start, end))
    found += [_ref(analysis, start, end, "vague")
              for start, end in proposed_vague(analysis, probabilities, taken)]
    return found


def _gated(probabilities: TokenProbabilities | None, text: str, start: int, end: int) -> bool:
    """Whether a vague span found by wording passes the detector's gate; one with no
    holder in it always does (``_NO_HOLDER``)."""
    return _NO_HOLDER.match(text, start, end) is not None \
        or passes_gate(probabilities, start, end)


def _gate_speaker(analysis: Analysis, quote: Quote,
                  probabilities: TokenProbabilities | None) -> Quote:
    """The quote with a vague speaker the detector's gate rejects marked as no source
    (``speaker_kind`` "none", as for "gunshot wounds"), and one whose words say it is no
    vague source given its kind (``_recast``), so reports and every later reading of the
    quote agree with the sources stage."""
    speaker = quote.speaker
    if quote.speaker_kind != "vague" or speaker is None:
        return quote
    if not passes_gate(probabilities, speaker.start, speaker.end):
        return replace(quote, speaker_kind="none")
    kind, name = _recast(analysis, speaker.start, speaker.end)
    return replace(quote, speaker_kind=kind, speaker_name=name) if kind != "vague" else quote


def _recast(analysis: Analysis, start: int, end: int) -> tuple[str, str | None]:
    """The kind (and name) of a span some rule calls vague, read from its words: a
    capitalised title after "The" in running text names itself ("The Federalist":
    ``named_organization``); a part of some documents is a document ("one of her ads"),
    and so are the respondents of a poll the article cites ("a poll of Republicans ...
    Six in 10 Republicans": the poll's data); anything else stays vague."""
    words = analysis.doc.char_span(start, end, alignment_mode="expand") \
        if analysis.doc is not None else None
    if words is None or not len(words):
        return "vague", None
    if _a_title(words):
        return "named_organization", words.text
    head = words.root
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owned = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if head.pos_ in ("NUM", "PRON", "DET", "ADJ") and owned is not None \
            and owned.lower_ in DOCUMENT_NOUNS \
            or respondents(head, poll_populations(words.doc)):
        return "document", None
    return "vague", None


def _a_title(words: TokenSpan) -> bool:
    """"according to The Federalist": a capital "The" past the sentence's first word and
    then only proper nouns, the last one singular and no word for a person ("The
    Democrats" is a party's members as often as the party; "the Kentucky Republican" a
    person), in a sentence that is not a title-case headline (every noun capitalised)."""
    rest = list(words)[1:]
    if words[0].text != "The" or words[0].is_sent_start or not rest \
            or rest[-1].tag_ != "NNP" or rest[-1].lower_ in GROUP_NOUNS \
            or rest[-1].lower_ in ROLE_STEMS \
            or any(t.tag_ not in ("NNP", "NNPS") for t in rest):
        return False
    alphabetic = [t for t in words.sent if t.is_alpha and len(t.text) > 3]
    capitalised = sum(t.text[0].isupper() for t in alphabetic)
    return capitalised * 2 < len(alphabetic)


def _main_quote(sentence: Span, quotes: list[Quote]) -> Quote | None:
    """The quote sharing most characters with the sentence, if any."""
    best, best_overlap = None, 0
    for quote in quotes:
        overlap = min(quote.end, sentence.end) - max(quote.start, sentence.start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best


def _from_speaker(analysis: Analysis, quote: Quote) -> SourceRef:
    """The speaker as the quotes stage resolved it (``speaker_kind``); a quote made
    without one (by hand, or by an older unspin) is judged from its name and the
    entities."""
    assert quote.speaker is not None
    speaker = quote.speaker
    if quote.speaker_kind is not None:
        return SourceRef(speaker.start, speaker.end, speaker.text, quote.speaker_kind,
                         quote.speaker_name, quote.resolved_to, quote.candidates)
    if quote.speaker_name is not None:
        kind = _named_kind(analysis, quote.speaker_name, speaker.text)
        return _ref(analysis, speaker.start, speaker.end, kind, quote.speaker_name)
    kind = "document" if _DOCUMENT_SPEAKER.search(speaker.text) else "vague"
    return _ref(analysis, speaker.start, speaker.end, kind)


def _named_kind(analysis: Analysis, name: str, speaker_text: str) -> str:
    """A person unless the entities say the name is an organisation or a place.

    Pronouns ("he") and role nouns only ever resolve to persons.
    """
    if speaker_text.lower() in _PRONOUNS:
        return "named_person"
    labels = {e.label for e in analysis.entities if e.text == name}
    return "named_organization" if labels & _ORG_LABELS and "PERSON" not in labels else "named_person"


def _ref(analysis: Analysis, start: int, end: int, kind: str, name: str | None = None) -> SourceRef:
    return SourceRef(start, end, analysis.text[start:end], kind, name)


class SourcesStage:
    """``attributions``: one source per sentence, ``none`` included (what the claims and
    sourcing stages read); ``sources``: those that name something, each once; ``quotes``:
    the same quotes, a vague speaker the learned detector rejects marked as no source."""

    def __call__(self, analysis: Analysis) -> Analysis:
        probabilities = source_probabilities(analysis)
        analysis.quotes = [_gate_speaker(analysis, q, probabilities) for q in analysis.quotes]
        refs = sources_for(analysis, analysis.quotes, probabilities)
        analysis.attributions = refs
        named = [r for r in dict.fromkeys(refs) if r.kind != "none"]
        extra = cited_in_passing(analysis, refs, analysis.quotes, probabilities)
        analysis.sources = sorted([*named, *extra], key=lambda r: (r.start, r.end))
        return analysis
