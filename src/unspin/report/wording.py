"""Findings in plain words, shared by the terminal and HTML reports.

A fact-checker reads "more than 21,000 — lower bound 21,000; counted: soldiers" faster
than a row of fields, and both reports must say it the same way, so the wording lives here
once. Every function returns plain text; the HTML report escapes it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..document import (
    Analysis,
    Claim,
    Comparison,
    Forecast,
    NumberMention,
    Period,
    Quote,
    SourceRef,
    Sourcing,
    TechniqueSpan,
)

NAMED_KINDS = ("named_person", "named_organization")
_KIND_WORDS = {"named_person": "named person", "named_organization": "named organisation",
               "document": "document", "vague": "vague", "none": "no source"}
# Kinds whose value is not a quantity: "2023" in "since 2023" is a year, not a count.
_NOT_QUANTITIES = ("year", "date", "time")
# Kinds whose exact value is worth repeating with its unit ("exact: 44 year" of an age).
_WITH_AMOUNT = ("percent", "money", "percentage_points", "age", "duration", "measure",
                "ratio")


def flat(text: str) -> str:
    """The text on one line: runs of whitespace, newlines included, become one space."""
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    line = flat(text)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def ran(analysis: Analysis, stage: str) -> bool:
    """Whether a version of the built-in stage ``stage`` ("claims") is in ``stages``."""
    return any(s.startswith(f"unspin.{stage}.") for s in analysis.stages)


def english(analysis: Analysis) -> bool:
    return analysis.language is None or analysis.language.supported


def claims_status(analysis: Analysis) -> str | None:
    """Why there are no claims to list, or None when there are some."""
    if analysis.claims:
        return None
    if not ran(analysis, "claims"):
        return "claims not analysed: the claims stage did not run"
    if not english(analysis):
        return "claims not analysed: the article is not in English"
    return "no check-worthy claims found"


def quotes_status(analysis: Analysis) -> str | None:
    """A line to print instead of an empty quotes section, or None for no line at all."""
    if analysis.quotes or ran(analysis, "quotes"):
        return None
    return "quotes not analysed: the quotes stage did not run"


# --- sources ---------------------------------------------------------------------------

class Describer:
    """Says what the article says of a named source the first time only."""

    def __init__(self, analysis: Analysis) -> None:
        self.pending = descriptions(analysis)
        self.vague = {(r.start, r.end) for r in analysis.sources if r.kind == "vague"}

    def source(self, ref: SourceRef) -> str:
        words = source_words(ref, self.pending)
        if ref.name and ref.kind in NAMED_KINDS:
            self.pending.pop(ref.name, None)
        return words

    def speaker(self, quote: Quote) -> str:
        name, said = quote.speaker_name, quote.speaker
        vague = quote.speaker_kind == "vague" if quote.speaker_kind else (
            said is not None and (said.start, said.end) in self.vague)
        words = speaker_words(quote, describe=name is None or name in self.pending, vague=vague)
        if name:
            self.pending.pop(name, None)
        return words


def descriptions(analysis: Analysis) -> dict[str, str]:
    """What the article says about each named speaker ("a former Ukrainian deputy ..."),
    from the first quote that carries a description."""
    found: dict[str, str] = {}
    for q in analysis.quotes:
        if q.speaker_name and q.speaker_description:
            found.setdefault(q.speaker_name, flat(q.speaker_description))
    return found


def source_words(ref: SourceRef, described: dict[str, str] | None = None) -> str:
    """Who stands behind a claim: 'Igor Lutsenko (named person; a former ...)',
    '“He” → Igor Lutsenko (named person)', '“Western media” — vague source', 'no source'.

    ``described`` maps names to what the article says of them; a report passes each
    description once, so a source cited ten times is not described ten times.
    """
    words = flat(ref.text)
    if ref.kind == "none":  # a speaker left unresolved between candidates keeps them
        return f"“{words}” ({unresolved_words(ref.candidates)})" if ref.candidates \
            else "no source"
    if ref.kind == "vague":
        return f"“{words}” — vague source"
    if ref.kind == "document":
        return f"“{words}” (a document)"
    if ref.kind in NAMED_KINDS and not ref.name:
        return f"“{words}” ({_KIND_WORDS[ref.kind]}, {unresolved_words(ref.candidates)})"
    if ref.kind not in NAMED_KINDS or not ref.name:
        return f"“{words}” ({_KIND_WORDS.get(ref.kind, ref.kind)})"
    about = [_KIND_WORDS[ref.kind]]
    if described and ref.name in described:
        about.append(described[ref.name])
    who = ref.name if words == ref.name else f"“{words}” → {ref.name}"
    return f"{who} ({'; '.join(about)})"


def speaker_words(quote: Quote, *, describe: bool = True, vague: bool = False) -> str:
    """Who said it: the resolved name, how the text names them, what it says of them
    (unless ``describe`` is False, when the report has said it already); ``vague`` when
    the speaker's words are a vague source ("Western media")."""
    said = flat(quote.speaker.text) if quote.speaker else None
    if not quote.speaker_name:
        if not said:
            return "speaker not stated"
        if vague:
            return f"“{said}” — vague source"
        if quote.speaker_kind == "document":
            return f"“{said}” (a document)"
        if quote.speaker_kind == "none" and not quote.candidates:
            return f"“{said}” (no source named)"
        return f"“{said}” ({unresolved_words(quote.candidates)})"
    who = quote.speaker_name if said in (None, quote.speaker_name) else (
        f"“{said}” → {quote.speaker_name}")
    if describe and quote.speaker_description:
        who += f" ({flat(quote.speaker_description)})"
    return who


def unresolved_words(candidates: Iterable[str]) -> str:
    """'unresolved: Paul Hendry or Steve Kell', or 'not resolved to a name'."""
    names = list(candidates)
    if not names:
        return "not resolved to a name"
    return "unresolved: " + (" or ".join(names) if len(names) < 3 else
                             ", ".join(names[:-1]) + " or " + names[-1])


def cue_words(quote: Quote) -> str:
    return f"“{flat(quote.cue.text)}”" if quote.cue else "no cue (continues a quote)"


# --- sourcing --------------------------------------------------------------------------

def sourcing_of(analysis: Analysis) -> Sourcing | None:
    """The stage's summary, or one counted from the claims when a hand-built analysis has
    claims but no summary; None when there is nothing to summarise."""
    if analysis.sourcing is not None:
        return analysis.sourcing
    if not analysis.claims:
        return None
    counts = Counter(c.source.kind for c in analysis.claims)
    named = sum(counts[k] for k in NAMED_KINDS)
    return Sourcing(
        claims=len(analysis.claims),
        named_share=round(named / len(analysis.claims), 4),
        counts={k: counts[k] for k in _KIND_WORDS},
        named=sorted({c.source.name for c in analysis.claims if c.source.name}),
        vague=[flat(c.source.text) for c in analysis.claims if c.source.kind == "vague"],
    )


def sourcing_line(sourcing: Sourcing) -> str:
    """One glance: '22 claims: 5 named (23%), 5 vague, 12 without a source'."""
    counts = sourcing.counts
    named = sum(counts.get(k, 0) for k in NAMED_KINDS)
    parts = [f"{named} named ({sourcing.named_share:.0%})"]
    if counts.get("document"):
        parts.append(f"{counts['document']} citing a document")
    parts += [f"{counts.get('vague', 0)} vague", f"{counts.get('none', 0)} without a source"]
    noun = "claim" if sourcing.claims == 1 else "claims"
    return f"{sourcing.claims} {noun}: {', '.join(parts)}"


def kinds_line(sourcing: Sourcing) -> str:
    """Claims per source kind, in words: 'named person 5, named organisation 1, ...'."""
    return ", ".join(f"{_KIND_WORDS.get(k, k)} {n}" for k, n in sourcing.counts.items())


def unique(words: Iterable[str]) -> list[str]:
    """The distinct items, each on one line, in first-seen order."""
    return list(dict.fromkeys(flat(w) for w in words))


# --- claims ----------------------------------------------------------------------------

def claims_by_score(analysis: Analysis) -> list[Claim]:
    """The claims, the most check-worthy first (text order among equal scores): a
    fact-checker reads the few worth checking first."""
    return sorted(analysis.claims, key=lambda c: (-c.score, c.start))


@cache
def shipped_threshold() -> float | None:
    """The shipped check-worthiness model's threshold, from its config (the report does
    not load the model for one number)."""
    value = _shipped_config().get("threshold")
    return float(value) if isinstance(value, (int, float)) else None


@cache
def shipped_threshold_precision() -> float | None:
    """The precision of the shipped threshold on labelled sentences it never trained on:
    the one it was set to reach (``threshold_precision`` in its config) or, for a cut set
    otherwise, the one measured there (``precision_at_threshold``), if the config says."""
    config = _shipped_config()
    value = config.get("threshold_precision")
    if not isinstance(value, (int, float)):
        value = config.get("precision_at_threshold")
    return float(value) if isinstance(value, (int, float)) else None


def _shipped_config() -> dict[str, object]:
    path = Path(__file__).resolve().parents[1] / "models" / "checkworthy" / "config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def claims_threshold_line(analysis: Analysis) -> str:
    """The threshold line for an analysis's claims: the shipped English head's threshold
    for English (or unknown) text; another language's claims come from another head, so
    only the ordering is explained."""
    if analysis.language is not None and analysis.language.code != "en":
        return threshold_line(None)
    return threshold_line(shipped_threshold(), shipped_threshold_precision())


def threshold_line(threshold: float | None, precision: float | None = None) -> str:
    """What makes a sentence a claim, in one line."""
    if threshold is None:
        return "Strongest first, with the model's check-worthiness score."
    share = (f"about {round(precision * 10)} in 10 of the sentences it lists"
             if precision is not None else "most sentences it lists")
    return (f"Strongest first. A sentence is listed when its check-worthiness score reaches "
            f"{threshold:.2f}, the model's threshold, set on labelled sentences it never "
            f"trained on, where {share} are factual claims annotators judged worth "
            f"checking; forecasts of a quantity, and figures dated or placed, are listed "
            f"even below it. Sentences with "
            f"no verb or no content word, and page furniture, score 0.")


def claim_reason(claim: Claim) -> str:
    """Why the claim is listed, with its score."""
    if claim.reason == "forecast":
        return (f"forecast of a quantity stated as fact (check-worthiness {claim.score:.2f}, "
                "below the threshold)")
    if claim.reason == "figure":
        return (f"a figure with what it counts and when or where (check-worthiness "
                f"{claim.score:.2f}, below the threshold)")
    return f"check-worthiness {claim.score:.2f}"


def number_meaning(n: NumberMention) -> str:
    """What a number commits to: 'lower bound 21,000; counted: soldiers; period: in
    October (unresolved: year not stated and no publication date); place: Ukraine'."""
    parts = [_bound(n)]
    if n.kind == "part_of_name":
        return parts[0]
    if n.unit and n.kind in ("count", "ordinal", "ratio"):
        inferred = " (inferred from nearby text, not stated beside the number)"
        parts.append(f"counted: {n.unit}{inferred if n.unit_inferred else ''}")
    if n.period is not None:
        parts.append(f"period: {period_words(n.period)}")
    if n.place:
        parts.append(f"place: {n.place}")
    if n.comparison:
        parts.append(f"part of a comparison: {n.comparison}")
    return "; ".join(p for p in parts if p)


def number_words(n: NumberMention) -> str:
    return f"{flat(n.text)} — {number_meaning(n)}"


def _bound(n: NumberMention) -> str:
    if n.kind == "part_of_name":
        return "part of a name, not a quantity"
    if n.kind == "year" and n.bound == "range" and n.low is not None and n.high is not None:
        return f"years {n.low:.0f} to {n.high:.0f}"
    if n.kind in _NOT_QUANTITIES:
        return f"a {n.kind}"
    if n.kind == "score" and n.low is not None and n.high is not None:
        return f"score {n.low:.0f}–{n.high:.0f}"
    if n.kind == "multiplier":
        return f"multiplier ×{_amount(n, n.value)}" if n.value is not None else "multiplier"
    if n.kind == "ordinal":
        return f"ordinal {_amount(n, n.value)}" if n.value is not None else "ordinal"
    if n.bound == "lower" and n.low is not None:
        return f"lower bound {_amount(n, n.low)}"
    if n.bound == "upper" and n.high is not None:
        return f"upper bound {_amount(n, n.high)}"
    if n.bound == "range" and n.low is not None and n.high is not None:
        return f"range {_amount(n, n.low, n.high)}"
    if n.bound == "approximate" and n.value is not None:
        return f"approximately {_amount(n, n.value)}"
    if n.bound == "exact" and n.value is not None:
        return f"exact: {_amount(n, n.value)}" if n.kind in _WITH_AMOUNT else "exact"
    return n.bound


def _amount(n: NumberMention, *values: float) -> str:
    """'21,000', '12.5%', '3,000,000 to 5,000,000 dollars'."""
    words = [f"{v:,.0f}" if float(v).is_integer() else f"{v:,.3f}".rstrip("0") for v in values]
    if n.kind == "percent" and n.unit in (None, "percent"):
        words = [w + "%" for w in words]
    text = " to ".join(words)
    with_unit = ("money", "percentage_points", "age", "duration", "measure")
    return f"{text} {n.unit}" if n.kind in with_unit and n.unit else text


def period_words(p: Period) -> str:
    """'since 2023 → from 2023-01-01 (end unresolved: ends at the publication date, which
    is not known)', 'in October (unresolved: year not stated and no publication date)'."""
    words, start, end = flat(p.text), p.resolved_start, p.resolved_end
    why = p.unresolved_reason or "not stated"
    if start and end:
        return f"{words} → {start}" if start == end else f"{words} → {start} to {end}"
    if start:
        return f"{words} → from {start} (end unresolved: {why})"
    if end:
        return f"{words} → until {end} (start unresolved: {why})"
    return f"{words} (unresolved: {why})"


def comparison_words(c: Comparison) -> str:
    """'superlative: the highest monthly number of desertions; baseline: since the
    beginning of the conflict', or '...; no baseline stated'."""
    words, baseline = flat(c.text), flat(c.baseline) if c.baseline else None
    if baseline and words.endswith(baseline) and len(words) > len(baseline):
        words = words[: -len(baseline)].rstrip(" ,")
    tail = f"baseline: {baseline}" if baseline else "no baseline stated"
    return f"{c.kind}: {words}; {tail}"


def forecast_words(f: Forecast) -> str:
    """'stated as fact: more and more soldiers will be escaping ... (cue “will”)', to follow
    the label "forecast"."""
    return f"stated as fact: {flat(f.text)} (cue “{f.cue}”)"


def technique_summary(analysis: Analysis) -> str | None:
    """The article-level technique signal in one line, or None when the techniques stage
    left none (it did not run, or the analysis predates schema 1.3)."""
    if analysis.technique_density is None:
        return None
    setting = analysis.technique_setting or "precision"
    line = (f"{analysis.technique_density:.1f} technique spans per 1,000 words shown "
            f"({setting} setting)")
    if analysis.persuasion_score is None:
        return line
    return (f"{line}; persuasion score {analysis.persuasion_score:.2f} (the chance "
            "annotators would find this article denser in techniques than the median "
            "propaganda-corpus article)")


def technique_evidence(span: TechniqueSpan) -> str:
    """What the tagger saw behind a span: its probability over the words and the highest
    in their sentence (empty for analyses that predate schema 1.3)."""
    if span.token_probability is None or span.sentence_probability is None:
        return ""
    return (f"model {span.token_probability:.2f} on the words, "
            f"{span.sentence_probability:.2f} in the sentence")
