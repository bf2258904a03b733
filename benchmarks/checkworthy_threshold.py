"""The check-worthiness threshold by the cross-validated rule, and what it changes.

    python benchmarks/checkworthy_threshold.py [--data DIR] [--cache DIR] [--draws N]

Round 5 of docs/checkworthy-model.md. First the rule alone, on ClaimBuster's training and
validation parts only (``checkworthy_cv.cross_validated_threshold``): each draw's cut on
pooled out-of-fold scores, their median (the threshold), and how far a single fold's own
F1-best cut strays (the noise the rule removes). Then, once, at the round-4 threshold
(F1-best on validation) and at the rule's: ClaimBuster held-back P / R / F1 with fp32
features (as training reads them) and int8 (as the claims stage reads them, scored as
``benchmarks/checkworthy_scores.py`` scores them); the int8 F1 against the issue's
reference (the head fitted on ClaimBuster alone at its own F1-best validation cut) by a
paired bootstrap over the held-back sentences (2,000 draws); the share of sentences at
or above the threshold on news nobody labelled (PolNeAR dev texts, news pages; target at
most a third); and our labelled news articles held out four ways. The int8 features of
the held-back sentences are cached under --cache (default .cache/).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from _measure import machine
from checkworthy_cv import DEFAULT_DATA, ROOT, news_share, print_news_folds

from unspin.training.checkworthy import precision_recall_f1, sentence_features
from unspin.training.checkworthy_cv import (
    SHIPPED,
    Candidate,
    Part,
    claimbuster_threshold,
    cross_validated_threshold,
    fit,
    news_cross_validation,
    news_inputs,
    read_labelled_news,
    read_news,
    read_parts,
    scores,
)

REFERENCE = Candidate("states, ClaimBuster (the round-2 head: the issue's reference)")
BOOTSTRAP_DRAWS = 2000


def int8_features(part: Part, cache: Path) -> np.ndarray:
    """The held-back sentences read as the claims stage reads them (int8, a window at a
    time, runs of 16 as in training), cached by their text."""
    key = hashlib.sha256("\n".join(e.text for e in part.examples).encode()).hexdigest()[:16]
    path = Path(cache) / f"checkworthy-int8-{key}.npy"
    if path.is_file():
        return np.load(path)
    from unspin.models.checkworthy import CheckworthyModel

    features = sentence_features(part.examples, {}, CheckworthyModel.from_pretrained().read)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, features)
    return features


def head_scores(layers: list[object], features: np.ndarray) -> np.ndarray:
    """A logistic head's scores of pooled features, without the never-a-claim gate (as
    ``CheckworthyModel.score_features`` and the held-back benchmark score them)."""
    (weight, bias), = layers  # type: ignore[misc]
    return 1.0 / (1.0 + np.exp(-(features @ weight + bias).reshape(-1).astype(np.float64)))


def reference_head(parts: dict[str, Part], saved: Path | None) -> tuple[list[object], float]:
    """The head the issue's F1 reference was measured with and its threshold: a saved one
    (the round-2 head is ``git show 87f93f0:src/unspin/models/checkworthy/...``), or the
    head fitted on ClaimBuster alone at its F1-best validation cut."""
    if saved is not None:
        from unspin.models.checkworthy import CheckworthyModel

        model = CheckworthyModel.from_pretrained(saved)
        return list(model.layers), model.threshold
    layers = fit(REFERENCE, parts["cb_train"], parts["ct"])
    return layers, claimbuster_threshold(layers, parts, REFERENCE)


def f1_of(predicted: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """F1 of each row of boolean predictions (rows: bootstrap draws)."""
    tp = (predicted & gold).sum(axis=-1)
    return np.where(tp > 0, 2 * tp / np.maximum(predicted.sum(axis=-1) + gold.sum(axis=-1), 1),
                    0.0)


def paired_bootstrap(new: np.ndarray, reference: np.ndarray, gold: np.ndarray,
                     seed: int = 13) -> tuple[float, float, float, float, float]:
    """(F1 difference, its 95% interval, the new F1's 95% interval), sentences drawn
    with replacement, the same draw for both."""
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(gold), size=(BOOTSTRAP_DRAWS, len(gold)))
    mine, theirs = f1_of(new[rows], gold[rows]), f1_of(reference[rows], gold[rows])
    diff = mine - theirs
    return (float(f1_of(new, gold) - f1_of(reference, gold)),
            float(np.quantile(diff, 0.025)), float(np.quantile(diff, 0.975)),
            float(np.quantile(mine, 0.025)), float(np.quantile(mine, 0.975)))


def prf(predicted: np.ndarray, gold: np.ndarray, threshold: float) -> str:
    s = precision_recall_f1(list(predicted), list(gold), threshold)
    return f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache")
    parser.add_argument("--draws", type=int, default=None, help="fold draws (default: the rule's)")
    parser.add_argument("--reference", type=Path, default=None,
                        help="a saved head to compare with (default: the head fitted on "
                             "ClaimBuster alone, at its F1-best validation cut)")
    args = parser.parse_args(argv)
    if not (args.data / "claimbuster-2.5xncs").is_dir():
        print(f"no ClaimBuster data in {args.data}", file=sys.stderr)
        return 1
    import torch

    torch.set_num_threads(1)
    parts = read_parts(args.data / "claimbuster-2.5xncs", args.data / "checkthat2019-t1",
                       args.cache)
    parts["news"] = read_labelled_news(args.data / "polnear", cache=args.cache)
    print(f"machine: {machine()}")
    start = time.perf_counter()
    rule = (cross_validated_threshold(parts, SHIPPED) if args.draws is None
            else cross_validated_threshold(parts, SHIPPED, draws=args.draws))
    print(f"rule ({time.perf_counter() - start:.0f} s): cuts of the draws "
          f"{', '.join(f'{c:.4f}' for c in rule.draws)} (out-of-fold F1 "
          f"{', '.join(f'{f:.3f}' for f in rule.draw_f1)}); threshold {rule.threshold:.4f}")
    print(f"  one fold's own F1-best cut ({len(rule.fold_cuts)} folds of about 620 sentences): "
          f"{statistics.fmean(rule.fold_cuts):.3f} ± {statistics.stdev(rule.fold_cuts):.3f} "
          f"(min {min(rule.fold_cuts):.3f}, max {max(rule.fold_cuts):.3f})")

    shipped = fit(SHIPPED, parts["cb_train"], parts["ct"], news=parts["news"])
    reference, reference_cut = reference_head(parts, args.reference)
    old = claimbuster_threshold(shipped, parts, SHIPPED)
    test, gold = parts["cb_test"], parts["cb_test"].labels.astype(bool)
    fp32 = scores(shipped, test, SHIPPED)
    int8 = int8_features(test, args.cache)
    new8, ref8 = head_scores(shipped, int8), head_scores(reference, int8)
    print(f"\nClaimBuster held-back 20% ({len(gold)} sentences)")
    print(f"  reference head, its cut {reference_cut:.4f}: int8 {prf(ref8, gold, reference_cut)}")
    news = read_news(news_inputs(args.data), args.cache)
    for name, cut in (("round 4 (F1-best on validation)", old), ("round 5 (the rule)",
                                                                 rule.threshold)):
        diff, low, high, f1_low, f1_high = paired_bootstrap(new8 >= cut, ref8 >= reference_cut,
                                                            gold)
        dev, pages, both = news_share(shipped, news, SHIPPED, cut)
        print(f"  {name}, threshold {cut:.4f}: fp32 {prf(fp32, gold, cut)}; int8 "
              f"{prf(new8, gold, cut)} (95% bootstrap {f1_low:.3f}-{f1_high:.3f}); int8 minus "
              f"reference {diff:+.3f} (95% paired bootstrap {low:+.3f} to {high:+.3f})")
        print(f"    news share: PolNeAR dev {dev:.3f}, pages {pages:.3f}, all {both:.3f}")
        if cut == old:  # as round 4 measured it: the cut reset on validation per fold
            print_news_folds(news_cross_validation(parts, SHIPPED))
        print_news_folds(news_cross_validation(parts, SHIPPED, threshold=cut))
    return 0


if __name__ == "__main__":
    sys.exit(main())
