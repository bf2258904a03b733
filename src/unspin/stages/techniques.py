"""Persuasion techniques (SemEval-2020 Task 11), tagged by the shipped ``TechniqueTagger``.

The tagger reads ``analysis.kept_text()``, so removed text is blank and cannot be tagged;
a span the model stretches across a removed region is still cut at that region, and
every span is trimmed of surrounding whitespace, so each ``TechniqueSpan.text`` is real
article words. Non-English articles are skipped with a note: the model knows English only.

The encoder states from the same pass (the layers ``CONTEXT_LAYERS`` the check-worthiness
head reads) are left on ``analysis.token_states`` for the claims stage, which scores
sentences from them instead of encoding them again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Options
from ..document import Analysis, Removed, TechniqueSpan
from ..models.checkworthy import CONTEXT_LAYERS
from ..pipeline import register

if TYPE_CHECKING:  # torch loads with the tagger, not with the stage list
    from ..models.techniques import TechniqueTagger

_BATCH = 16


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
    name: str = "unspin.techniques.v1"
    requires: tuple[str, ...] = ("text", "removed", "language")
    assigns: tuple[str, ...] = ("techniques", "token_states")

    def __init__(self, tagger: TechniqueTagger | None = None) -> None:
        self._own = tagger

    @property
    def tagger(self) -> TechniqueTagger:
        from ..models.techniques import default_tagger

        return self._own or default_tagger()

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.pipe([analysis])[0]

    def pipe(self, analyses: list[Analysis]) -> list[Analysis]:
        """Tag many articles in shared forward batches (much faster than one by one)."""
        todo = [a for a in analyses if _supported(a)]
        if todo:
            texts = [a.kept_text() for a in todo]
            tagged = self.tagger.tag(texts, _BATCH, CONTEXT_LAYERS)
            for analysis, text, (probs, states) in zip(todo, texts, tagged):
                spans = self.tagger.spans(text, probs, states.offsets)
                analysis.techniques = to_spans(analysis, spans)
                analysis.token_states = states
        return analyses


def _supported(analysis: Analysis) -> bool:
    if analysis.language is not None and not analysis.language.supported:
        analysis.notes.append(
            f"techniques: skipped, the language is {analysis.language.code!r}; the technique "
            "model was trained on English news only"
        )
        return False
    return True


@register("unspin.techniques.v1")
def make_techniques_stage(options: Options) -> TechniquesStage:
    return TechniquesStage()
