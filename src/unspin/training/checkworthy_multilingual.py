"""Train the cross-lingual check-worthiness head: a logistic regression over multilingual
sentence vectors (``models.multilingual``), fitted on the English data only.

The English head reads MiniLM states, which carry little for Russian text: on our 160
Russian sentences it still ranks (average precision 0.757) but flags 3 of 66 check-worthy
ones at its threshold. A head over vectors that put a sentence and its translation close
together should score a Russian sentence as it scores the English one. The data, splits
and threshold rule are the English head's (``training.checkworthy``: ClaimBuster only in
the fit, seed 13, the threshold maximising F1 on the validation part), so the held-back
English figures compare with docs/checkworthy-model.md; the Russian sentences
(``tests/data/ru/checkworthy-ru.jsonl``) are never used to fit or to choose anything.

    PYTHONPATH=src .venv/bin/python -m unspin.training.checkworthy_multilingual \
        ../shared/data/claimbuster-2.5xncs/train-80pct.json \
        ../shared/data/checkthat2019-t1/training src/unspin/models/checkworthy_multilingual
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..evaluation.russian import load_checkworthy, score_checkworthy
from ..models.checkworthy_multilingual import CheckworthyHead
from ..models.multilingual import NAME, multilingual_encoder
from .checkworthy import (
    C,
    best_threshold,
    fit_logistic,
    load_checkthat,
    load_claimbuster,
    mean_average_precision,
    precision_recall_f1,
    split_data,
)

RUSSIAN = Path(__file__).resolve().parents[3] / "tests" / "data" / "ru" / "checkworthy-ru.jsonl"
DATE = "2026-12-07"


def _vectors(texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    return multilingual_encoder().encode(list(texts))


def train(claimbuster: Path, checkthat: Path, out_dir: Path, *, seed: int = 13
          ) -> dict[str, Any]:
    """Fit, calibrate, evaluate and save the head; returns the figures it wrote."""
    started = time.perf_counter()
    split = split_data(load_claimbuster(claimbuster), load_checkthat(checkthat), seed)
    train_part = [e for e in split.train if e.group == "claimbuster"]
    x = _vectors([e.text for e in train_part])
    y = np.array([e.label for e in train_part])
    [(weights, bias)] = fit_logistic(x, y, np.ones(len(y)), c=C, seed=seed)
    head = CheckworthyHead(weights[:, 0], float(bias[0]), 0.5)
    validation = [e for e in split.validation if e.group == "claimbuster"]
    threshold = best_threshold(head.score(_vectors([e.text for e in validation])).tolist(),
                               [e.label for e in validation])
    head = CheckworthyHead(head.weights, head.bias, threshold)
    figures = {"date": DATE, "seed": seed, "encoder": NAME, "C": C, "threshold": threshold,
               "train_sentences": len(train_part), **_evaluate(head, split)}
    figures["seconds"] = round(time.perf_counter() - started, 1)
    head.save(out_dir)
    (out_dir / "scores.json").write_text(json.dumps(figures, indent=1) + "\n",
                                         encoding="utf-8")
    return figures


def _evaluate(head: CheckworthyHead, split: Any) -> dict[str, Any]:
    cb = head.score(_vectors([e.text for e in split.test_claimbuster])).tolist()
    ct = head.score(_vectors([e.text for e in split.test_checkthat])).tolist()
    sentences = load_checkworthy(RUSSIAN)
    ru = head.score(_vectors([s.text for s in sentences]))
    russian = score_checkworthy(sentences, {s.id: float(v) for s, v in zip(sentences, ru)},
                                head.threshold)
    return {
        "claimbuster_test": precision_recall_f1(cb, [e.label for e in split.test_claimbuster],
                                                head.threshold),
        "checkthat_test_map": mean_average_precision(ct, split.test_checkthat),
        "russian": {"precision": russian.precision, "recall": russian.recall,
                    "f1": russian.f1, "average_precision": russian.average_precision,
                    "map_by_piece": russian.map_by_piece},
    }


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python -m unspin.training.checkworthy_multilingual CLAIMBUSTER_JSON "
                 "CHECKTHAT_DIR OUT_DIR")
    print(json.dumps(train(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])),
                     indent=1))

