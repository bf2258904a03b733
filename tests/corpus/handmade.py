"""Analyses built by hand, so corpus tests need no model: each sentence of a text can be
made a claim with a source, numbers and a chosen vector."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from unspin.document import (
    Analysis,
    Claim,
    Entity,
    Metadata,
    NumberMention,
    Period,
    Source,
    SourceRef,
    TechniqueSpan,
)


@dataclass
class Said:
    """One claim sentence: its text, who says it, its numbers, its vector."""

    text: str
    kind: str = "none"  # the source's kind
    name: str | None = None
    words: str | None = None  # the words naming the source (default: the sentence)
    numbers: list[dict[str, object]] = field(default_factory=list)
    vector: np.ndarray | None = None


def unit(*hot: tuple[int, float], dim: int = 384) -> np.ndarray:
    """A unit vector with the given components (index, weight) set."""
    v = np.zeros(dim, dtype=np.float32)
    for i, w in hot:
        v[i] = w
    return v / np.linalg.norm(v)


def number(text: str, sentence: str, at: int, **fields: object) -> NumberMention:
    start = at + sentence.index(text)
    period_text = fields.pop("period", None)
    period = None
    if period_text is not None:
        p_start = at + sentence.index(str(period_text))
        period = Period(p_start, p_start + len(str(period_text)), str(period_text),
                        fields.pop("resolved_start", None), fields.pop("resolved_end", None),
                        fields.pop("reason", None))
    base: dict[str, object] = {"value": None, "low": None, "high": None, "bound": "exact",
                               "hedge": None, "unit": None, "place": None,
                               "comparison": None, "kind": "count"}
    base.update(fields)
    return NumberMention(start, start + len(text), text, period=period, **base)  # type: ignore[arg-type]


def analysis(path: str, said: list[Said], *, site: str | None = None,
             date: str | None = None, origin: str | None = None, extra: str = "",
             techniques: list[str] | None = None,
             entities: list[tuple[str, str]] | None = None) -> Analysis:
    """An analysis whose text is the claims' sentences (then ``extra``), each a claim."""
    text = " ".join(s.text for s in said) + (f" {extra}" if extra else "")
    made = Analysis(source=Source(path=path), text=text,
                    metadata=Metadata(site=site, date=date, origin=origin))
    at = 0
    vectors = []
    for s in said:
        words = s.words or s.text
        w = at + s.text.index(words)
        source = SourceRef(w, w + len(words), words, s.kind, s.name)
        made.claims.append(Claim(at, at + len(s.text), s.text, 0.9, source,
                                 numbers=[number(sentence=s.text, at=at, **n)  # type: ignore[arg-type]
                                          for n in s.numbers]))
        vectors.append(s.vector if s.vector is not None else unit((hash(s.text) % 384, 1.0)))
        at += len(s.text) + 1
    made.claim_vectors = np.stack(vectors).astype(np.float32) if said else None
    for name in techniques or []:
        made.techniques.append(TechniqueSpan(0, 4, text[:4], name, 0.9))
    for words, label in entities or []:
        start = text.index(words)
        made.entities.append(Entity(start, start + len(words), words, label))
    made.stages = ["handmade"]
    return made


class PairEncoder:
    """An encoder made by hand for translation tests: a sentence and its translation (one
    of ``pairs``) share a unit vector; any other text gets the last one."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.index = {s: i for i, pair in enumerate(pairs) for s in pair}
        self.size = len(pairs) + 1

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self.size), np.float32)
        for row, text in enumerate(texts):
            out[row, self.index.get(text, self.size - 1)] = 1.0
        return out
