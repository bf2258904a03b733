"""``unspin train techniques``: the whole run, from PTC articles to a model folder.

The heads (``training.techniques``) and their balanced thresholds, then out-of-fold
probabilities of the training articles (``training.technique_folds``), then the decision
layer fitted on them (``training.technique_scoring``), then every figure on the
validation split, which none of the decision layer was fitted on, and a nested
cross-validation of the decision layer for the spread between folds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from ..evaluation.ptc import score_si
from ..models.techniques import (
    SCORING_FILE,
    SI_LABEL,
    HeadEnsemble,
    TaggerConfig,
    decode_spans,
    save_head,
)
from .technique_folds import (
    fold_ids,
    load_heads,
    out_of_fold_probs,
    tagger_probs,
    training_features,
    window_features,
)
from .technique_scoring import (
    CandidateTable,
    candidate_table,
    cross_validate,
    evaluate_scorer,
    fit_decision_layer,
)
from .techniques import (
    Article,
    apply_calibration,
    calibrate,
    head_probs,
    load_articles,
    mean_span_tokens,
    split_ids,
    token_weights,
    train_head,
)


def train_techniques(
    data_dir: Path, out_dir: Path, *, seed: int = 13, head: str = "bilstm",
    layers: tuple[int, ...] = (-1, -2, -3, -4, -5, -6), epochs: int = 10, window: int = 256,
    overlap: int = 32, quantize: bool = True, log: bool = True,
    repetition_features: bool = True, sentence_pool: bool = True,
    pos_weight: float | str = "sqrt", refine_spans: bool = True, heads: int = 3,
    span_power: float = 1.0, folds: int = 5, heads_from: Path | None = None,
    cache_dir: Path | None = None, fold_heads: int | None = None,
) -> dict[str, Any]:
    """Train the tagger on PTC training articles and write it to ``out_dir``.

    Writes ``head.safetensors``, ``config.json`` (thresholds included),
    ``scoring.json`` (the decision layer), ``scores.json`` (validation figures) and
    ``validation_ids.txt``. Returns the scores.
    ``pos_weight`` is a constant BCE positive weight or ``"sqrt"`` (class-balanced);
    ``heads`` heads are trained with seeds ``seed``, ``seed + 1``, ... and averaged;
    ``span_power`` evens out the loss weight of long and short spans (``token_weights``;
    0 for a plain per-token loss). The balanced ("recall") thresholds are chosen on the
    validation split, as before; the decision layer on ``folds`` folds of the training
    articles, each read by heads trained on the others (``technique_folds``).
    ``heads_from``: a model folder whose heads and balanced thresholds to keep (only the
    decision layer is fitted). ``cache_dir``: where encoder features and fold heads are
    kept between runs (default: a temporary folder, removed at the end). ``fold_heads``:
    heads trained per fold (seeds ``seed``, ``seed + 1``, ...; default: as many as ship).
    """
    from tempfile import TemporaryDirectory

    t0 = time.time()
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    with TemporaryDirectory() as scratch:
        cache = Path(cache_dir) if cache_dir is not None else Path(scratch)
        if heads_from is not None:
            config = TaggerConfig(**json.loads((Path(heads_from) / "config.json").read_text()))
            model = load_heads(Path(heads_from))
        else:
            config = TaggerConfig(window=window, overlap=overlap, layers=list(layers),
                                  head=head, quantize=quantize,
                                  repetition_features=repetition_features,
                                  sentence_pool=sentence_pool, refine_spans=refine_spans,
                                  heads=heads)
        articles = load_articles(Path(data_dir))
        train_ids, val_ids = split_ids([a.id for a in articles], seed)
        _say(log, f"{len(articles)} articles: {len(train_ids)} train, {len(val_ids)} validation")
        training_features(articles, config, cache_dir=cache)
        reads = window_features(articles, config, cache_dir=cache)
        _say(log, f"encoded in {time.time() - t0:.0f}s")
        train = [a for a in articles if a.id in set(train_ids)]
        val = [a for a in articles if a.id in set(val_ids)]
        if heads_from is None:
            model = _train_heads(train, val, config, seed=seed, epochs=epochs, heads=heads,
                                 pos_weight=pos_weight, span_power=span_power, log=log, t0=t0)
        oof = out_of_fold_probs(articles, reads, train_ids, config, folds=folds, seed=seed,
                                heads=fold_heads or config.heads, epochs=epochs,
                                cache_dir=cache,
                                log=lambda m: _say(log, m))
        val_probs = {a.id: tagger_probs(model, config, a, reads[a.id]) for a in val}
    by_id = {a.id: a for a in articles}
    table = candidate_table(train, {i: np.mean(p, axis=0) for i, p in oof.items()}, config)
    scorer, scores = decision_scores(table, candidate_table(val, val_probs, config), by_id,
                                     fold_ids(train_ids, folds, seed), config, val_probs)
    _say(log, f"decision layer fitted at {time.time() - t0:.0f}s")
    scores.update({"seed": seed, "heads": config.heads, "span_power": span_power,
                   "epochs": epochs, "folds": folds, "fold_heads": fold_heads or config.heads, "train_articles": len(train),
                   "validation_articles": len(val), "train_seconds": round(time.time() - t0)})
    _write(Path(out_dir), config, model, scores, val_ids)
    scorer.save(Path(out_dir) / SCORING_FILE)
    shown = scores["validation"]["precision"]
    _say(log, f"validation, precision setting: SI P {shown['si']['precision']}, FLC P "
              f"{shown['flc']['precision']}")
    return scores


def _train_heads(train: list[Article], val: list[Article], config: TaggerConfig, *,
                 seed: int, epochs: int, heads: int, pos_weight: float | str,
                 span_power: float, log: bool, t0: float) -> HeadEnsemble:
    """The shipped heads on all training articles, then the balanced thresholds chosen on
    the validation split (written into ``config``)."""
    mean_tokens = mean_span_tokens(train, config.techniques)
    for a in train:
        assert a.offsets is not None
        a.weights = token_weights(a.offsets, a, config.techniques, mean_tokens, span_power)
    members = []
    for k in range(heads):
        members.append(train_head(train, config, seed=seed + k, epochs=epochs,
                                  pos_weight=pos_weight))
        _say(log, f"head {k + 1} of {heads} trained at {time.time() - t0:.0f}s")
    model = HeadEnsemble(members).eval()
    apply_calibration(config, calibrate(head_probs(model, val, config.window - 2), val, config))
    return model


def decision_scores(table: CandidateTable, val: CandidateTable, articles: dict[str, Article],
                    folds: list[list[str]], config: TaggerConfig,
                    val_probs: dict[str, np.ndarray]) -> tuple[Any, dict[str, Any]]:
    """The decision layer fitted on all folds, its figures on the validation split and
    the nested cross-validation's; the SI figure of the "any technique" output too (what
    the recall setting's span identification was tuned for)."""
    scorer = fit_decision_layer(table, articles, folds, config.techniques)
    held = evaluate_scorer(scorer, val, articles, config.techniques)
    si = {i: [(s, e, SI_LABEL) for s, e, _ in decode_spans(
        articles[i].text, p[:, -1], _offsets(articles[i]), config.si_threshold,
        config.si_max_gap, config.refine_spans)] for i, p in val_probs.items()}
    held["recall"]["si_output"] = score_si(si, {i: articles[i].si for i in si}).as_dict()
    crossed = cross_validate(table, articles, folds, config.techniques)
    return scorer, {"validation": held, "cross_validation": crossed}


def _offsets(article: Article) -> np.ndarray:
    assert article.offsets is not None
    return article.offsets


def _write(out_dir: Path, config: TaggerConfig, head: HeadEnsemble, scores: dict[str, Any],
           val_ids: list[str]) -> None:
    save_head(out_dir, config, head)
    (out_dir / "scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    (out_dir / "validation_ids.txt").write_text("".join(i + "\n" for i in val_ids))


def _say(log: bool, message: str) -> None:
    if log:
        print(f"[train techniques] {message}", flush=True)


__all__ = ["train_techniques"]
