"""Sentences and named entities of a Russian article (issue 20): razdel and slovnet's NER
(``models.russian``), where the English parse gives a Russian article rule-cut sentences
and no entities.

It runs after the English ``nlp`` stage and leaves every other article as it found it, so
English outputs do not change. Its models load on the first Russian article, not when the
pipeline is built, so an English run never loads them. Offsets are into ``text``; removed
spans are blanked in ``kept_text()``, so no sentence or entity comes from a widget the
cleaner set aside.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Analysis, Entity, Sentence
from ..models.russian import entities, sentences

LANGUAGE = "ru"


class RussianNlpStage:
    """Russian sentences and entities, for articles identified as Russian."""

    def load(self) -> None:
        """Nothing: the models load with the first Russian article (see the module)."""

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.language is None or analysis.language.code != LANGUAGE:
            return analysis
        text = analysis.kept_text()
        cuts = sorted((r.start, r.end) for r in analysis.removed)
        analysis.sentences = [Sentence(s, e, analysis.text[s:e])
                              for start, end in sentences(text)
                              for s, e in _kept_pieces(text, start, end, cuts)]
        analysis.entities = [Entity(s, e, analysis.text[s:e], label)
                             for s, e, label in entities(text)]
        analysis.notes.append("Russian: sentences (razdel) and named entities (slovnet)")
        return analysis


def _kept_pieces(kept: str, start: int, end: int, cuts: list[tuple[int, int]]
                 ) -> Iterator[tuple[int, int]]:
    """``kept[start:end]`` split at every removed span inside it, each piece trimmed: a
    sentence never carries a widget's text."""
    bounds = [start]
    for cut_start, cut_end in cuts:
        if cut_end > start and cut_start < end:
            bounds += [max(cut_start, start), min(cut_end, end)]
    bounds.append(end)
    for a, b in zip(bounds[::2], bounds[1::2]):
        piece = kept[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            yield a + lead, a + lead + len(piece.strip())
