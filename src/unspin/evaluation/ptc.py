"""Score technique spans the way SemEval-2020 Task 11 and NLP4IF-2019 did.

Partial credit per character, so a prediction that finds most of a fragment is not
counted as plain wrong (propaganda fragments have fuzzy edges):

* ``C(s, t, h) = |s ∩ t| / h``.
* **SI** (span identification, SemEval-2020 Task 11 task 1): per article, overlapping
  gold spans are merged and so are overlapping predicted spans; labels are ignored.
  ``P = (1/|S|) Σ_s Σ_t C(s, t, |s|)``, ``R = (1/|T|) Σ_t Σ_s C(s, t, |t|)`` with ``S``
  the predicted and ``T`` the gold spans of all articles, F1 their harmonic mean.
* **FLC** (fragment-level classification, NLP4IF-2019): the same sums, but a pair counts
  only when the technique labels match; spans are not merged. Per-technique scores use
  only that technique's spans.

Gold files are in PTC formats: task 1 ``id start end`` or task 2 ``id technique start
end`` (tab-separated); predictions use the task 2 format (one span per line).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

Interval = tuple[int, int]
LabeledSpan = tuple[int, int, str]
# article id -> spans (start, end, technique); technique is "" for task 1 labels
Spans = Mapping[str, list[LabeledSpan]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "n_pred": self.n_pred, "n_gold": self.n_gold}


def merge(spans: Iterable[Interval]) -> list[Interval]:
    """Overlapping intervals joined into one (touching ones stay apart, as in the task)."""
    out: list[Interval] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlap_sum(span: Interval, others: list[Interval]) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in others)


def _prf(pairs: Iterable[tuple[list[Interval], list[Interval]]]) -> PRF:
    """Partial-credit P/R/F1 over (predicted, gold) interval lists, one pair per article."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for pred, gold in pairs:
        p_sum += sum(_overlap_sum(s, gold) / (s[1] - s[0]) for s in pred if s[1] > s[0])
        r_sum += sum(_overlap_sum(t, pred) / (t[1] - t[0]) for t in gold if t[1] > t[0])
        n_pred += sum(1 for s in pred if s[1] > s[0])
        n_gold += sum(1 for t in gold if t[1] > t[0])
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return PRF(p, r, f1, n_pred, n_gold)


def score_si(pred: Spans, gold: Spans) -> PRF:
    """Span identification: labels ignored, overlaps merged within each article."""
    ids = set(pred) | set(gold)
    return _prf(
        (merge((s, e) for s, e, _ in pred.get(i, [])), merge((s, e) for s, e, _ in gold.get(i, [])))
        for i in sorted(ids)
    )


def score_flc(pred: Spans, gold: Spans, technique: str | None = None) -> PRF:
    """Fragment-level classification: credit only where the technique matches.

    Spans with the same label in one article are scored against each other only, which is
    the NLP4IF-2019 rule of counting ``C`` when labels agree. ``technique`` restricts the
    score to one label.
    """
    def by_label(spans: list[LabeledSpan]) -> dict[str, list[Interval]]:
        out: dict[str, list[Interval]] = defaultdict(list)
        for s, e, t in spans:
            if technique is None or t == technique:
                out[t].append((s, e))
        return out

    pairs = []
    for i in sorted(set(pred) | set(gold)):
        p, g = by_label(pred.get(i, [])), by_label(gold.get(i, []))
        pairs += [(p.get(t, []), g.get(t, [])) for t in set(p) | set(g)]
    return _prf(pairs)


def score(pred: Spans, gold: Spans) -> dict[str, object]:
    """SI, FLC and per-technique FLC scores, as plain dicts for JSON."""
    labels = sorted({t for spans in gold.values() for _, _, t in spans} - {""})
    return {
        "si": score_si(pred, gold).as_dict(),
        "flc": score_flc(pred, gold).as_dict(),
        "per_technique": {t: score_flc(pred, gold, t).as_dict() for t in labels},
    }


def read_labels(path: str | Path) -> dict[str, list[LabeledSpan]]:
    """Spans per article from a PTC labels file (task 1: 3 columns, task 2: 4 columns).

    Exact duplicate rows are kept once: the training file has one, and a duplicate would
    count a fragment twice.
    """
    out: dict[str, list[LabeledSpan]] = defaultdict(list)
    seen: set[tuple[str, int, int, str]] = set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        cols = line.rstrip("\n").split("\t")
        if not line.strip():
            continue
        if len(cols) not in (3, 4):
            raise InputError(f"{path}:{n}: expected 3 (id start end) or 4 (id technique "
                             f"start end) tab-separated columns, got {len(cols)}")
        aid, tech = cols[0], cols[1] if len(cols) == 4 else ""
        try:
            start, end = int(cols[-2]), int(cols[-1])
        except ValueError as error:
            raise InputError(f"{path}:{n}: offsets must be integers: {line!r}") from error
        if (aid, start, end, tech) not in seen:
            seen.add((aid, start, end, tech))
            out[aid].append((start, end, tech))
    return dict(out)


def read_label_dir(directory: str | Path, pattern: str = "*.labels") -> dict[str, list[LabeledSpan]]:
    """Spans of every per-article labels file in ``directory``."""
    out: dict[str, list[LabeledSpan]] = {}
    for path in sorted(Path(directory).glob(pattern)):
        for aid, spans in read_labels(path).items():
            out.setdefault(aid, []).extend(spans)
    return out


def write_labels(path: str | Path, spans: Spans) -> None:
    """Predictions in the task 2 format ``id<TAB>technique<TAB>start<TAB>end``."""
    lines = [f"{aid}\t{t}\t{s}\t{e}" for aid in sorted(spans) for s, e, t in sorted(spans[aid])]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
