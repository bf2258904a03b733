"""Persuasion techniques (SemEval-2020 Task 11), tagged by the shipped ``TechniqueTagger``.

The tagger reads ``analysis.kept_text()``, so removed text is blank and cannot be tagged;
a span the model stretches across a removed region is still cut at that region, and
every span is trimmed of surrounding whitespace, so each ``TechniqueSpan.text`` is real
article words. Non-English articles are skipped with a note: the model knows English only.

The tagger's heads read the encode stage's pass (``analysis.token_states``); nothing is
encoded here. ``setting`` is the tagger's: ``precision`` (the default) shows only the
spans its decision layer is sure enough of, ``recall`` every span at the balanced
thresholds. The article-level signal (``technique_density`` at that setting and
``persuasion_score``) comes from the same candidates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Analysis, Removed, TechniqueSpan
from ..errors import ConfigError

if TYPE_CHECKING:  # torch loads with the tagger, not with the stage list
    from ..models.technique_scoring import TechniqueFinding
    from ..models.techniques import TechniqueTagger

SETTINGS = ("precision", "recall")  # models.technique_scoring.SETTINGS, without torch


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


def to_spans(analysis: Analysis, found: list[TechniqueFinding]) -> list[TechniqueSpan]:
    """Model findings -> ``TechniqueSpan``s of ``analysis.text``, outside removed text."""
    out = []
    for f in found:
        for s, e in clip(f.start, f.end, analysis.removed, analysis.text):
            out.append(TechniqueSpan(s, e, analysis.text[s:e], f.technique, f.score,
                                     f.evidence.head_probability,
                                     f.evidence.sentence_probability))
    return sorted(out, key=lambda t: (t.start, t.end, t.technique))


class TechniquesStage:
    """Runs the tagger's heads over the encode stage's reading (``token_states``)."""

    def __init__(self, tagger: TechniqueTagger | None = None, setting: str = "precision") -> None:
        if setting not in SETTINGS:
            raise ConfigError(f"techniques setting {setting!r}: accepted "
                              f"{', '.join(SETTINGS)}")
        self._own = tagger
        self.setting = setting

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
        found, signal = self.tagger.analyse(text, probs, analysis.token_states.offsets,
                                            setting=self.setting)  # type: ignore[arg-type]
        analysis.techniques = to_spans(analysis, found)
        analysis.technique_setting = self.setting
        analysis.technique_density = signal.technique_density
        analysis.persuasion_score = signal.persuasion_score
        if signal.persuasion_score is None:
            analysis.notes.append(f"techniques: no persuasion score for a text of "
                                  f"{signal.words} words (it needs 100 or more)")
        return analysis


def _supported(analysis: Analysis) -> bool:
    if analysis.language is not None and not analysis.language.supported:
        analysis.notes.append(
            f"techniques: skipped, the language is {analysis.language.code!r}; the technique "
            "model was trained on English news only"
        )
        return False
    return True
