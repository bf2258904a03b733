"""Persuasion techniques (SemEval-2020 Task 11), tagged by the shipped ``TechniqueTagger``.

The tagger reads ``analysis.kept_text()``, so removed text is blank and cannot be tagged;
a span the model stretches across a removed region is still cut at that region, and
every span is trimmed of surrounding whitespace, so each ``TechniqueSpan.text`` is real
article words. Non-English articles are skipped with a note: the model knows English only.

The tagger's heads read the encode stage's pass (``analysis.token_states``); nothing is
encoded here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Analysis, Removed, TechniqueSpan

if TYPE_CHECKING:  # torch loads with the tagger, not with the stage list
    from ..models.techniques import TechniqueTagger


def clip(start: int, end: int, removed: list[Removed], text: str) -> list[tuple[int, int]]:
    """``start..end`` minus every removed region, each piece trimmed of whitespace."""
    pieces = [(start, end)]
    for r in sorted(removed, key=lambda r: r.start):
        nxt = []
        for s, e in pieces:
            if r.end <= s or r.start >= e:
                nxt.append((s, e))
                continue
            nxt += [p for p in ((s, r.start), (r.end, e)) if p[1] > p[0]]
        pieces = nxt
    return [t for s, e in pieces if (t := _trim(s, e, text))[1] > t[0]]


def _trim(start: int, end: int, text: str) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\ufeff\u200b"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\ufeff\u200b"):
        end -= 1
    return start, end


def to_spans(analysis: Analysis, found: list[tuple[int, int, str, float]]) -> list[TechniqueSpan]:
    """Model output -> ``TechniqueSpan``s of ``analysis.text``, outside removed text."""
    out = []
    for start, end, technique, score in found:
        for s, e in clip(start, end, analysis.removed, analysis.text):
            out.append(TechniqueSpan(s, e, analysis.text[s:e], technique, score))
    return sorted(out, key=lambda t: (t.start, t.end, t.technique))


class TechniquesStage:
    """Runs the tagger's heads over the encode stage's reading (``token_states``)."""

    def __init__(self, tagger: TechniqueTagger | None = None) -> None:
        self._own = tagger

    @property
    def tagger(self) -> TechniqueTagger:
        from ..models.techniques import default_tagger

        return self._own or default_tagger()

    def load(self) -> None:
        _ = self.tagger.reader  # the heads and the encoder they read

    def __call__(self, analysis: Analysis) -> Analysis:
        if not _supported(analysis) or analysis.token_states is None:
            return analysis
        text = analysis.kept_text()
        probs = self.tagger.probs(text, analysis.token_states)
        spans = self.tagger.spans(text, probs, analysis.token_states.offsets)
        analysis.techniques = to_spans(analysis, spans)
        return analysis


def _supported(analysis: Analysis) -> bool:
    if analysis.language is not None and not analysis.language.supported:
        analysis.notes.append(
            f"techniques: skipped, the language is {analysis.language.code!r}; the technique "
            "model was trained on English news only"
        )
        return False
    return True
