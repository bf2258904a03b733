"""Train the check-worthiness head on ClaimBuster and CLEF-2019 CheckThat! Task 1.

Data is split so that nothing held back for evaluation is ever seen in training:

* ClaimBuster (``train-80pct.json``): a seeded 20% of sentences is held back (test); of the
  rest, a seeded 12.5% is the validation part the threshold is calibrated on.
* CheckThat! 2019 (``training/*.tsv``): four whole transcripts are held back (test, scored
  by MAP as the task defines it); three more whole transcripts are validation.
* The two sets share about 830 sentences (the 2016 debates), so every training or
  validation sentence whose normalised text also occurs in a held-back part is dropped,
  and every training sentence that also occurs in validation.

The head is a logistic regression over a sentence's frozen MiniLM token states (layers
``CONTEXT_LAYERS``), averaged over its tokens, read in context as the claims stage reads
an article's sentences: a CheckThat! sentence inside its whole transcript, a ClaimBuster
sentence among its neighbours (``CLAIMBUSTER_CONTEXT`` sentences of the same part in
sentence_id order, mostly from the same debate; the dataset keeps no running text). Read
alone instead, the head learns a regime it never meets in an article, and its threshold
does not carry over (docs/checkworthy-model.md, with what else was tried). Everything is
seeded: the same data and seed give the same weights, threshold and scores.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..models.checkworthy import CONTEXT_LAYERS, FEATURE_SIZE, CheckworthyModel, Layer
from ..models.encoder import TokenStates

TEST_FRACTION = 0.2
VALIDATION_FRACTION = 0.125  # of what is left after the test part: 10% of all ClaimBuster
TEST_TRANSCRIPTS = 4
VALIDATION_TRANSCRIPTS = 3
CHECKTHAT_WEIGHT = 0.0  # sample weight of a CheckThat! training sentence (0: left out)
CLAIMBUSTER_CONTEXT = 16  # ClaimBuster sentences read together as one text
C = 4.0  # inverse L2 strength of the logistic regression, chosen by cross-validation
DATE = "2026-12-02"
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence; ``group`` is ``claimbuster`` or the CheckThat! transcript,
    ``line`` the sentence's place in that transcript."""

    text: str
    label: int
    group: str
    line: int = -1


@dataclass(frozen=True, slots=True)
class Split:
    train: list[Example]
    validation: list[Example]
    test_claimbuster: list[Example]
    test_checkthat: list[Example]
    transcripts: dict[str, list[Example]]  # every CheckThat! transcript whole, for context


def normalise(text: str) -> str:
    """The key two copies of a sentence share across the datasets (case, punctuation and
    spacing differ between the ClaimBuster and CheckThat! transcriptions)."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def load_claimbuster(path: Path) -> list[Example]:
    """``train-80pct.json`` (or the folder holding it), sorted by ``sentence_id``."""
    path = path / "train-80pct.json" if path.is_dir() else path
    rows = sorted(json.loads(path.read_text()), key=lambda r: r["sentence_id"])
    return [Example(r["text"].strip(), int(r["label"]), "claimbuster") for r in rows]


def load_checkthat(path: Path) -> dict[str, list[Example]]:
    """Transcripts by file name, each in transcript order (``path`` or its ``training/``)."""
    folder = path / "training" if (path / "training").is_dir() else path
    return {f.name: _read_transcript(f) for f in sorted(folder.glob("*.tsv"))}


def _read_transcript(path: Path) -> list[Example]:
    examples: list[Example] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 4:
            text = "\t".join(fields[2:-1]).strip()
            examples.append(Example(text, int(fields[-1]), path.name, len(examples)))
    return examples


def split_data(claimbuster: list[Example], checkthat: dict[str, list[Example]],
               seed: int = 13) -> Split:
    """Seeded, leakage-free split (see the module docstring)."""
    rng = random.Random(seed)
    ids = list(range(len(claimbuster)))
    test_ids = set(rng.sample(ids, round(TEST_FRACTION * len(ids))))
    rest = [i for i in ids if i not in test_ids]
    val_ids = set(rng.sample(rest, round(VALIDATION_FRACTION * len(rest))))
    names = rng.sample(sorted(checkthat), TEST_TRANSCRIPTS + VALIDATION_TRANSCRIPTS)
    test_ct = [e for n in sorted(names[:TEST_TRANSCRIPTS]) for e in checkthat[n]]
    val_ct = [e for n in sorted(names[TEST_TRANSCRIPTS:]) for e in checkthat[n]]
    train_ct = [e for n in sorted(set(checkthat) - set(names)) for e in checkthat[n]]
    test_cb = [claimbuster[i] for i in sorted(test_ids)]
    held = _keys(test_cb) | _keys(test_ct)
    validation = _without([claimbuster[i] for i in sorted(val_ids)] + val_ct, held)
    train = _without([claimbuster[i] for i in rest if i not in val_ids] + train_ct,
                     held | _keys(validation))
    return Split(train, validation, test_cb, test_ct, checkthat)


def _keys(examples: Iterable[Example]) -> set[str]:
    return {normalise(e.text) for e in examples}


def _without(examples: list[Example], keys: set[str]) -> list[Example]:
    return [e for e in examples if normalise(e.text) not in keys]


def fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray, *, c: float = C,
                 seed: int = 13) -> list[Layer]:
    """An L2 logistic regression, as one dense layer (weights 384 x 1)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(x, y, sample_weight=weights)
    return [(clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32))]


def fit_mlp(x: np.ndarray, y: np.ndarray, *, hidden: int = 128, alpha: float = 1e-3,
            seed: int = 13) -> list[Layer]:
    """A one-hidden-layer ReLU MLP (the alternative head; sklearn's has no sample weights)."""
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier((hidden,), alpha=alpha, early_stopping=True, max_iter=200,
                        random_state=seed)
    clf.fit(x, y)
    return [(w.astype(np.float32), b.astype(np.float32))
            for w, b in zip(clf.coefs_, clf.intercepts_)]


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The score cut that maximises F1 (halfway between neighbouring scores, so that a
    slightly different run of the encoder does not flip the sentences at the edge)."""
    order = np.argsort(-np.asarray(scores))
    s, y = np.asarray(scores)[order], np.asarray(labels)[order]
    tp = np.cumsum(y)
    f1 = 2 * tp / (np.arange(1, len(y) + 1) + y.sum())
    k = int(np.argmax(f1))
    return float((s[k] + s[k + 1]) / 2) if k + 1 < len(s) else float(s[k])


def precision_recall_f1(scores: Sequence[float], labels: Sequence[int],
                        threshold: float) -> dict[str, float]:
    predicted = np.asarray(scores) >= threshold
    gold = np.asarray(labels).astype(bool)
    tp = float((predicted & gold).sum())
    p = tp / max(float(predicted.sum()), 1.0)
    r = tp / max(float(gold.sum()), 1.0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Mean of precision@k over the ranks k of the check-worthy sentences (CheckThat! 2019);
    ties are broken by transcript order, as the task's scorer reads a ranked file."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def mean_average_precision(scores: Sequence[float], examples: Sequence[Example]) -> float:
    """Average precision per transcript, then the mean over transcripts."""
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(examples):
        groups.setdefault(e.group, []).append(i)
    aps = [average_precision([scores[i] for i in rows], [examples[i].label for i in rows])
           for rows in groups.values()]
    return float(np.mean(aps))


Reader = Callable[[Sequence[str]], list[TokenStates]]


def sentence_features(examples: Sequence[Example], transcripts: dict[str, list[Example]],
                      read: Reader) -> np.ndarray:
    """The head's input for each example, read in context as an article's sentences are:
    a CheckThat! sentence inside its whole transcript, ClaimBuster sentences in runs of
    ``CLAIMBUSTER_CONTEXT`` (in the order given), one sentence a line."""
    claimbuster = [i for i, e in enumerate(examples) if e.line < 0]
    runs = [claimbuster[at:at + CLAIMBUSTER_CONTEXT]
            for at in range(0, len(claimbuster), CLAIMBUSTER_CONTEXT)]
    where: list[tuple[int, int]] = []  # (text, line) of each example
    texts: list[list[Example]] = []
    for run in runs:
        where += [(len(texts), line) for line in range(len(run))]
        texts.append([examples[i] for i in run])
    rows = claimbuster[:]
    names = sorted({e.group for e in examples if e.line >= 0})
    for name in names:
        members = [i for i, e in enumerate(examples) if e.group == name]
        where += [(len(texts), examples[i].line) for i in members]
        texts.append(transcripts[name])
        rows += members
    joined = [joined_transcript(lines) for lines in texts]
    pooled = [states.pool(spans) for states, (_, spans)
              in zip(read([text for text, _ in joined]), joined)]
    out = np.zeros((len(examples), FEATURE_SIZE), dtype=np.float32)
    for row, (text, line) in zip(rows, where):
        out[row] = pooled[text][line]
    return out


def joined_transcript(lines: list[Example]) -> tuple[str, list[tuple[int, int]]]:
    """Sentences as one text, a line each, and each sentence's span in it."""
    spans, at = [], 0
    for line in lines:
        spans.append((at, at + len(line.text)))
        at += len(line.text) + 1
    return "\n".join(line.text for line in lines), spans


def fp32_reader() -> Reader:
    """Read texts as the tagger does (same windows, same layers), in float32 and in
    batches of windows: the training pass. Inference reads int8, a window at a time."""
    from ..models.encoder import encode_texts, load_encoder
    from ..models.techniques import TaggerConfig

    tokenizer, encoder = load_encoder(quantize=False)
    config = TaggerConfig()

    def read(texts: Sequence[str]) -> list[TokenStates]:
        return encode_texts(encoder, tokenizer, texts, window=config.window,
                            overlap=config.overlap, layers=list(CONTEXT_LAYERS), batch_size=32)

    return read


def split_features(split: Split, read: Reader) -> dict[str, np.ndarray]:
    """Every part of the split read once (the slow step: minutes on one core)."""
    parts = {"train": split.train, "validation": split.validation,
             "test_claimbuster": split.test_claimbuster, "test_checkthat": split.test_checkthat}
    return {name: sentence_features(part, split.transcripts, read)
            for name, part in parts.items()}


def evaluate(model: CheckworthyModel, split: Split, features: dict[str, np.ndarray],
             ) -> dict[str, Any]:
    """Held-back scores: ClaimBuster P/R/F1 at the model's threshold, CheckThat! MAP."""
    cb = model.score_features(features["test_claimbuster"])
    ct = model.score_features(features["test_checkthat"])
    return {
        "claimbuster_test": {**precision_recall_f1(cb, [e.label for e in split.test_claimbuster],
                                                   model.threshold),
                             "sentences": len(cb)},
        "checkthat_test": {"map": mean_average_precision(ct, split.test_checkthat),
                           "transcripts": sorted({e.group for e in split.test_checkthat})},
    }


def train_checkworthy(claimbuster: Path, checkthat: Path, out_dir: Path, *,
                      seed: int = 13) -> dict[str, Any]:
    """Train, calibrate, evaluate and save the head; returns (and writes) the scores.

    Writes ``head.safetensors``, ``config.json`` (threshold included) and ``scores.json``
    to ``out_dir``. The threshold maximises F1 on the ClaimBuster validation part, whose
    labels define "a check-worthy factual claim"; CheckThat! labels (what one outlet chose
    to check) are far sparser and only inform the ranking.
    """
    import torch

    torch.manual_seed(seed)
    split = split_data(load_claimbuster(Path(claimbuster)), load_checkthat(Path(checkthat)), seed)
    split = dataclasses.replace(split, train=[e for e in split.train if _weight(e) > 0])
    features = split_features(split, fp32_reader())
    model = _fit(split, features, seed)
    scores = {"seed": seed, "date": DATE, "counts": _counts(split), **_validation(model, split,
              features), **evaluate(model, split, features)}
    out = Path(out_dir)
    model.save_pretrained(out)
    (out / "scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    return scores


def _fit(split: Split, features: dict[str, np.ndarray], seed: int) -> CheckworthyModel:
    y = np.array([e.label for e in split.train])
    weights = np.array([_weight(e) for e in split.train])
    layers = fit_logistic(features["train"], y, weights, seed=seed)
    model = CheckworthyModel(layers, 0.5, {"head": "logistic", "C": C, "seed": seed,
                                           "claimbuster_context": CLAIMBUSTER_CONTEXT,
                                           "checkthat_weight": CHECKTHAT_WEIGHT, "date": DATE})
    cb_val = [i for i, e in enumerate(split.validation) if e.group == "claimbuster"]
    val = model.score_features(features["validation"][cb_val])
    model.threshold = best_threshold(val, [split.validation[i].label for i in cb_val])
    return model


def _weight(example: Example) -> float:
    return 1.0 if example.group == "claimbuster" else CHECKTHAT_WEIGHT


def _validation(model: CheckworthyModel, split: Split,
                features: dict[str, np.ndarray]) -> dict[str, Any]:
    scores = model.score_features(features["validation"])
    cb = [i for i, e in enumerate(split.validation) if e.group == "claimbuster"]
    ct = [i for i, e in enumerate(split.validation) if e.group != "claimbuster"]
    return {"threshold": model.threshold, "validation": {
        "claimbuster": precision_recall_f1([scores[i] for i in cb],
                                           [split.validation[i].label for i in cb],
                                           model.threshold),
        "checkthat_map": mean_average_precision([scores[i] for i in ct],
                                                [split.validation[i] for i in ct])}}


def _counts(split: Split) -> dict[str, int]:
    return {"train": len(split.train), "validation": len(split.validation),
            "test_claimbuster": len(split.test_claimbuster),
            "test_checkthat": len(split.test_checkthat)}
