"""Which period, place and comparison a number carries: the ones the sentence links to it.

A period is the number's when the parse hangs it on the number's own phrase or on a word
the number hangs from within its clause ("11 deaths in February", "In October, 21,000
soldiers deserted"); a noun joined to the number's by "and" shares it ("26 cases and 11
deaths in February"). A period hung on another number's phrase is that number's ("up
from 58 per cent in 2019"), and one in another clause dates another event ("... twice as
many as in 2016", "filings released on Friday"). Nearest-in-the-sentence attached the
contrasted, the remote and the outlet's "TODAY" before; docs/numbers-guidelines.md §5.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Comparison, Period
from .detect import Raw
from .lexicon import NATIONALITIES, WEEKDAYS, alt
from .sentence import Sent

# Kinds a period belongs to: quantities. Years, dates, times, ordinals, names and ages
# are points, ranks or labels; a duration is itself a stretch of time.
PERIOD_KINDS = frozenset({"count", "money", "percent", "percentage_points", "ratio",
                          "measure"})
PLACE_KINDS = PERIOD_KINDS
COMPARED_KINDS = PERIOD_KINDS
# Dependencies that start another clause: a period there dates another event.
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "csubj", "parataxis"})


_CONTRAST = frozenset({"but", "yet"})


def chain(token: Any) -> list[Any]:
    """The number's token and the words it hangs from, up to its clause's head (a verb
    set against another by "but" or "yet", with a subject of its own, heads a clause of
    its own: "boosted funding in 2016, yet it is still less than half")."""
    out = [token]
    while out[-1].head.i != out[-1].i and out[-1].dep_ not in _CLAUSES and \
            not _own_clause(out[-1]) and len(out) < 12:
        out.append(out[-1].head)
    return out


def _own_clause(word: Any) -> bool:
    """A verb set against the one before by "but" or "yet", with a subject of its own: a
    contrast tells of another time or state ("and" goes on with the same: "November
    marked ..., and it started with 140 whales" keeps November)."""
    return word.dep_ == "conj" and word.pos_ in ("VERB", "AUX") and \
        any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in word.children) and \
        any(c.dep_ == "cc" and c.lower_ in _CONTRAST and word.head.i < c.i < word.i
            for c in word.head.children)


def _with_conjuncts(tokens: list[Any]) -> dict[int, int]:
    """Token index -> depth, nouns joined by "and" counted at their partner's depth."""
    depth: dict[int, int] = {}
    for d, t in enumerate(tokens):
        depth.setdefault(t.i, d)
        partners = [c for c in t.children if c.dep_ == "conj"]
        if t.dep_ == "conj":
            partners.append(t.head)
        for c in partners:
            if c.pos_ in ("NOUN", "PROPN", "NUM"):
                depth.setdefault(c.i, d)
    return depth


def attach_point(sent: Sent, start: int, end: int) -> Any:
    """The word a phrase hangs from: the head of the phrase's root, or the root itself
    when it heads its sentence."""
    tokens = sent.tokens(start, end)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if not roots:
        return None
    root = roots[0]
    return root if root.head.i == root.i else root.head


# Links by which a word modifies a noun rather than being part of its own phrase.
_MODIFIER_DEPS = frozenset({"prep", "pobj", "appos", "acl", "relcl", "poss"})
_HOW_LONG = re.compile(r"for\s+(?:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"a\s+few|many)\s+)?(?:days|weeks|months|years|decades|centuries)\b",
                       re.IGNORECASE)


def _how_long(p: Period) -> bool:
    """"for three months", "for decades", "for years to come": how long something
    lasted, which places no figure in time ("for the coming year" does)."""
    return p.resolved_start is None and p.resolved_end is None and \
        bool(_HOW_LONG.match(p.text))


def clause_head(token: Any) -> Any:
    """The head of the clause a word is in (the sentence's root for the main clause)."""
    return chain(token)[-1]


_SAME_TIME = frozenset({"when", "since"})  # "while" is as often "whereas"
_BASELINE = frozenset({"than", "as", "compared", "versus", "vs", "vs.", "unlike", "like"})
# "now" dates a figure only inside its phrase ("the minimum wage, now $10 an hour"); on a
# verb it is mostly narrative ("has now rescued 300 turtles").
_NARRATIVE = frozenset({"now"})


# Verbs and nouns of reporting a figure, as written (the parse has no lemmas): a weekday
# on them is the day of the report.
_REPORTING = frozenset({"said", "says", "say", "told", "tells", "announced", "announces",
                        "reported", "reports", "stated", "states", "wrote", "writes", "added",
                        "confirmed", "confirms", "disclosed", "unveiled", "released",
                        "signed", "statement", "announcement", "report", "interview",
                        "briefing", "tweet", "tweeted", "posted"})


class Linker:
    """Periods, places and comparisons of one sentence, handed to its numbers."""

    def __init__(self, sent: Sent, raws: list[Raw], tokens: list[Any],
                 periods: list[Period], comparisons: list[Comparison]) -> None:
        self.sent = sent
        self.periods = periods
        self.comparisons = comparisons
        self.chains = [_with_conjuncts(chain(t)) if t is not None else {} for t in tokens]
        self.heads = [clause_head(t).i if t is not None else None for t in tokens]
        self.raws = raws
        self.points = [attach_point(sent, p.start, p.end) for p in periods]

    def period(self, index: int) -> Period | None:
        """The period of the number's own phrase or clause (see the module docstring):
        one hung on its chain first (nearest), then one elsewhere in its clause that no
        other number holds and no comparison's baseline owns, then a period that opens
        the sentence ("In 2009, when Congress passed an $800 billion bill, ...")."""
        raw = self.raws[index]
        if raw.kind not in PERIOD_KINDS:
            return None
        best: tuple[tuple[int, int, bool, int], Period] | None = None
        for p, point in zip(self.periods, self.points):
            if point is None or p.start < raw.end and raw.start < p.end or _how_long(p) or \
                    self._not_the_figures(index, p, point):
                continue
            level = self._level(index, p, point)
            if level is None:
                continue
            vague = (p.unresolved_reason or "").startswith(("vague", "counted from"))
            key = (level[0], level[1], vague, max(p.start - raw.end, raw.start - p.end, 0))
            if best is None or key < best[0]:
                best = (key, p)
        return best[1] if best else None

    def _level(self, index: int, p: Period, point: Any) -> tuple[int, int] | None:
        depth = self.chains[index].get(point.i)
        if depth is None:
            depth = self._modifier_depth(index, point)
        if p.text.lower() in _NARRATIVE:
            if depth is not None and depth <= 1:
                return (0, depth)
            return (2, 0) if self._opens_sentence(p) else None
        opening = self._opens_sentence(p)
        if depth is not None and (not opening and self._inside_subject(index, depth) or
                                  self._inside_noun_modifier(index, p, point, depth)):
            return None
        if depth is not None:
            return None if self._owned_elsewhere(index, point, depth) else (0, depth)
        if not (opening and point.pos_ in ("VERB", "AUX")) and \
                any(point.i in c for i, c in enumerate(self.chains) if i != index
                    and self.raws[i].kind in PERIOD_KINDS):
            return None
        if opening or self._in_opening_phrase(index, p, point) or \
                self._in_time_clause(index, point):
            return (2, 0)
        return None

    def _not_the_figures(self, index: int, p: Period, point: Any) -> bool:
        """Times that tell of the reporting, not of the figure: a weekday hung on a verb
        of saying or announcing ("On Friday, Rossello said the island would receive $11
        billion", "$7 billion announced on Wednesday") dates the statement; "so far"
        dates a figure only in the figure's own clause ("Of the seven people given the
        drug so far, two have died" leaves the two undated)."""
        words = p.text.lower().split()
        if any(w.strip(".,") in WEEKDAYS for w in words):
            verb = point.head if point.dep_ == "prep" else point
            return verb.lower_ in _REPORTING
        if " ".join(words) == "so far":
            own = self.chains[index]
            on_its_noun = point.dep_ in ("acl", "relcl") and own.get(point.head.i, 9) <= 1
            return point.i != self.heads[index] and point.i not in own and not on_its_noun
        return False

    def _in_time_clause(self, index: int, point: Any) -> bool:
        """"When he took office in 2009, unemployment was 7.8 percent", "has filled 1.8
        million potholes since the mayor took office in 2014": a period inside a clause
        of "when" or "since" on the number's own clause dates it. ("after" and "before"
        date another event, and "while" is as often "whereas": "While Clinton won on
        election night, her margin has shrunk to 8 points".)"""
        head = self.heads[index]
        word = point
        for _ in range(6):
            if word.dep_ == "advcl" and word.head.i == head:
                return any(c.dep_ in ("mark", "advmod") and c.lower_ in _SAME_TIME
                           for c in word.children)
            if word.head.i == word.i or word.dep_ in _CLAUSES:
                return False
            word = word.head
        return False

    def _inside_noun_modifier(self, index: int, p: Period, point: Any, depth: int) -> bool:
        """"A statement Wednesday by ... and three other groups": a bare day set on a noun
        dates that noun ("the statement"), not a number inside a phrase that modifies it
        by a preposition (the groups who made it). A period with its own preposition
        ("the killing of two politicians in 2013") tells when the noun's event, and so
        its number, happened, and stays."""
        tokens = self.sent.tokens(p.start, p.end)
        if point.pos_ not in ("NOUN", "PROPN") or not tokens or \
                not any(t.dep_ == "npadvmod" and t.head.i == point.i for t in tokens):
            return False
        doc = self.sent.doc
        return any(doc[i].dep_ == "prep" for i, d in self.chains[index].items() if d < depth)

    def _in_opening_phrase(self, index: int, p: Period, point: Any) -> bool:
        """"During a polar vortex in late January, ... temperatures ballooned into the
        50s": a period inside the phrase that opens the sentence, set off by a comma and
        hung on the number's own clause, dates that clause."""
        head = self.heads[index]
        if head is None:
            return False
        opening = self.sent.text[self.sent.start:p.start]
        if "," in opening or not self.sent.text[p.end:self.sent.end].lstrip().startswith(","):
            return False
        word = point
        for _ in range(6):
            if word.head.i == word.i:
                return False
            if word.dep_ == "prep" and word.head.i == head:
                return word.i == self.sent.own[0].i if len(self.sent.own) else False
            word = word.head
        return False

    def _inside_subject(self, index: int, depth: int) -> bool:
        """Whether the number lies deep inside its clause's subject, below the word the
        period hangs from: "the board of the 3 million member union ... followed suit
        in October" dates the board's act, not the size of the union; "In October,
        21,000 soldiers deserted" (the subject's own number) keeps its period."""
        doc = self.sent.doc
        below = sorted(self.chains[index].items(), key=lambda item: item[1])
        for i, d in below:
            if d >= depth:
                return False
            if doc[i].dep_ in ("nsubj", "nsubjpass"):
                # within the subject's own phrase ("Between 3,000 and 5,000 people"), or
                # inside a modifier of it ("the board of the 3 million member union")
                return any(doc[j].dep_ in _MODIFIER_DEPS for j, e in below if e < d)
        return False

    def _modifier_depth(self, index: int, point: Any) -> int | None:
        """A period inside a clause that modifies the number's own noun phrase is the
        number's when the number is the thing the clause tells of: "the $394,000 raised
        by Clinton ... during the same month" (the participle hangs from the number, so
        its chain does not reach it). A clause on a counted noun dates what those things
        did, not how many there are ("the four casinos that closed last year")."""
        if point.dep_ not in ("acl", "relcl"):
            return None
        return 1 if self.chains[index].get(point.head.i) == 0 else None

    def _owned_elsewhere(self, index: int, point: Any, depth: int) -> bool:
        """A period hung closer on another number's phrase is that number's ("up from 58
        per cent in 2019"); one hung on a verb is not a phrase's, and dates each number
        close to the verb ("won 54 percent ... to Clinton's 46 percent Tuesday night"
        dates both), but not one deep in the subject ("revenue at the eight casinos rose
        3.5 percent in the first 10 months" dates the rise, not the eight)."""
        if point.pos_ in ("VERB", "AUX") and depth <= 2:
            return False
        return any(i != index and self.raws[i].kind in PERIOD_KINDS and
                   c.get(point.i, 99) < depth and c.get(point.i, 99) <= 1
                   for i, c in enumerate(self.chains))

    def _baseline(self, point: Any) -> bool:
        """Whether a phrase hangs inside a comparison's baseline ("twice as many as in
        2016", "more than in 2017")."""
        return any(t.lower_ in _BASELINE for t in chain(point))

    def _opens_sentence(self, p: Period) -> bool:
        before = self.sent.text[self.sent.start:p.start]
        after = self.sent.text[p.end:self.sent.end]
        return bool(re.fullmatch(r"[\s“\"‘'(]*(?:(?:but|and|so|yet|then)\s+)?", before,
                                 re.IGNORECASE)) and after.lstrip().startswith(",")

    def place(self, index: int) -> str | None:
        """The place the sentence links to the number (as for periods), else the GPE or
        LOC nearest it; a nationality adjective ("Ukrainian soldiers") stands for its
        country."""
        raw = self.raws[index]
        if raw.kind not in PLACE_KINDS:
            return None
        found = self._places()
        if not found:
            return None
        linked = []
        for start, end, name in found:
            point = attach_point(self.sent, start, end)
            depth = self.chains[index].get(point.i) if point is not None else None
            if depth is not None:
                linked.append(((depth, abs(start - raw.start)), name))
        if linked:
            return min(linked)[1]
        return min(found, key=lambda f: abs(f[0] - raw.start))[2]

    def _places(self) -> list[tuple[int, int, str]]:
        sent = self.sent
        found: list[tuple[int, int, str]] = []
        for ent in sent.own.ents:
            s = sent.base + ent.start_char
            if sent.start <= s < sent.end and ent.label_ in ("GPE", "LOC"):
                found.append((s, sent.base + ent.end_char, str(ent.text)))
        pattern = rf"\b({alt(NATIONALITIES)})s?\b"
        for m in re.finditer(pattern, sent.text[sent.start:sent.end]):
            found.append((sent.start + m.start(), sent.start + m.end(),
                          NATIONALITIES[m.group(1)]))
        return found

    def comparison(self, index: int) -> str | None:
        """A comparison that contains the number ("up 15%") or shares its sentence."""
        raw = self.raws[index]
        if raw.kind not in COMPARED_KINDS:
            return None
        inside = [c for c in self.comparisons if c.start <= raw.start and raw.end <= c.end]
        pick = inside or self.comparisons
        return pick[0].kind if pick else None


__all__ = ["PERIOD_KINDS", "Linker", "attach_point", "chain"]
