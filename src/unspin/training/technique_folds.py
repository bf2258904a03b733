"""Out-of-fold token probabilities for the technique tagger, and the feature caches they need.

Why: the decision layer over the heads (which spans to show, how sure each one is, how
dense an article is) must be fitted on probabilities the heads produce for articles
they were *not* trained on, or it learns the heads' over-confidence on their own training
data. So the 297 training articles are cut into folds; for each fold, heads are trained
on the other folds (same recipe and seeds as the shipped heads) and read the held-out
fold exactly as the shipped tagger reads text (int8 encoder, one window at a time).
The 74 validation articles are then read by the shipped heads only, so every figure
reported on them is measured on articles nothing downstream was fitted on.

Encoder features are cached under ``.cache/`` (git-ignored): encoding all 371 articles
costs about two minutes a pass on two cores, training a head about seven minutes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import torch

from ..models.encoder import Window, encode_windows, load_encoder, make_windows, tokenize
from ..models.techniques import (
    HEAD_BATCH,
    HeadEnsemble,
    TaggerConfig,
    TokenHead,
    head_window_probs,
    save_head,
    token_extras,
)
from .techniques import (
    Article,
    encode_articles,
    mean_span_tokens,
    token_labels,
    token_weights,
    train_head,
)

CACHE_DIR = Path(__file__).resolve().parents[3] / ".cache" / "techniques"


@dataclass
class WindowFeatures:
    """One article as the tagger reads it: its tokens, windows and each window's
    encoder features (fp16, as the tagger hands them to the heads)."""

    ids: list[int]
    offsets: np.ndarray
    windows: list[Window]
    feats: list[torch.Tensor]


def fold_ids(ids: list[str], folds: int, seed: int) -> list[list[str]]:
    """``folds`` disjoint, sorted id lists covering ``ids``: a seeded shuffle dealt out in
    turn, so fold sizes differ by at most one."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [sorted(order[k::folds]) for k in range(folds)]


def _cache_key(config: TaggerConfig, quantize: bool) -> str:
    layers = "".join(str(-k) for k in config.layers)
    return f"w{config.window}_o{config.overlap}_L{layers}_{'int8' if quantize else 'fp32'}"


def window_features(articles: list[Article], config: TaggerConfig, *,
                    cache_dir: Path = CACHE_DIR) -> dict[str, WindowFeatures]:
    """Every article's windows through the int8 encoder, one window a call as the tagger
    does, cached on disk; ``head_window_probs`` over these gives the tagger's probabilities."""
    key = cache_dir / f"windows_{_cache_key(config, True)}"
    if not _cached(key, articles):
        _write_window_cache(articles, config, key)
    rows = np.load(key.with_suffix(".npy"), mmap_mode="r")
    index = json.loads(key.with_suffix(".json").read_text())
    out = {}
    for a in articles:
        entry = index[a.id]
        ids, offsets = entry["ids"], np.asarray(entry["offsets"], dtype=np.int64).reshape(-1, 2)
        windows = [w for w in make_windows(0, ids, config.window, config.overlap) if w.ids]
        feats, at = [], entry["row"]
        for w in windows:
            feats.append(torch.from_numpy(np.array(rows[at : at + len(w.ids)])))
            at += len(w.ids)
        out[a.id] = WindowFeatures(ids, offsets, windows, feats)
    return out


def _cached(key: Path, articles: list[Article]) -> bool:
    """Whether the cache at ``key`` holds every one of ``articles`` (else it is rebuilt
    for exactly these: callers pass all the articles they will ever ask for)."""
    if not key.with_suffix(".npy").exists():
        return False
    index = json.loads(key.with_suffix(".json").read_text())
    return all(a.id in index for a in articles)


def _write_window_cache(articles: list[Article], config: TaggerConfig, key: Path) -> None:
    tokenizer, encoder = load_encoder(quantize=True)
    index: dict[str, dict[str, object]] = {}
    parts: list[np.ndarray] = []
    row = 0
    for a in articles:
        ids, offsets = tokenize(tokenizer, a.text)
        windows = [w for w in make_windows(0, ids, config.window, config.overlap) if w.ids]
        index[a.id] = {"row": row, "ids": ids, "offsets": offsets.reshape(-1).tolist()}
        for w in windows:
            feats = encode_windows(encoder, tokenizer, [w], config.layers, 1)[0]
            parts.append(feats.half().numpy())
            row += len(w.ids)
    key.parent.mkdir(parents=True, exist_ok=True)
    np.save(key.with_suffix(".npy"), np.concatenate(parts) if parts else np.zeros((0, 0)))
    key.with_suffix(".json").write_text(json.dumps(index))


def training_features(articles: list[Article], config: TaggerConfig, *,
                      cache_dir: Path = CACHE_DIR) -> None:
    """``encode_articles`` (fp32 encoder, batched windows: what the heads train on), with
    each article's features cached on disk; sets offsets, feats, labels and extras."""
    key = cache_dir / f"train_{_cache_key(config, False)}"
    if not _cached(key, articles):
        encode_articles(articles, config)
        key.parent.mkdir(parents=True, exist_ok=True)
        np.save(key.with_suffix(".npy"),
                np.concatenate([a.feats.numpy() for a in articles if a.feats is not None]))
        rows, index = 0, {}
        for a in articles:
            assert a.offsets is not None
            index[a.id] = {"row": rows, "offsets": a.offsets.reshape(-1).tolist()}
            rows += len(a.offsets)
        key.with_suffix(".json").write_text(json.dumps(index))
        return
    rows = np.load(key.with_suffix(".npy"), mmap_mode="r")
    index = json.loads(key.with_suffix(".json").read_text())
    tokenizer, _ = load_encoder(quantize=False)
    for a in articles:
        at, flat = index[a.id]["row"], index[a.id]["offsets"]
        a.offsets = np.asarray(flat, dtype=np.int64).reshape(-1, 2)
        a.feats = torch.from_numpy(np.array(rows[at : at + len(a.offsets)]))
        ids, _ = tokenize(tokenizer, a.text)
        a.labels = token_labels(a.offsets, a, config.techniques)
        a.extra, a.sentences = token_extras(config, a.text, ids, a.offsets)


def set_span_weights(train: list[Article], config: TaggerConfig, power: float = 1.0) -> None:
    """Span-length loss weights from these training articles' own mean span lengths."""
    mean_tokens = mean_span_tokens(train, config.techniques)
    for a in train:
        assert a.offsets is not None
        a.weights = token_weights(a.offsets, a, config.techniques, mean_tokens, power)


@torch.inference_mode()
def tagger_probs(head: HeadEnsemble, config: TaggerConfig, article: Article,
                 read: WindowFeatures) -> np.ndarray:
    """[n_tokens, n_outputs] probabilities, exactly as ``TechniqueTagger.probs`` makes them."""
    probs = np.zeros((len(read.ids), config.n_outputs), dtype=np.float32)
    extra, sentences = token_extras(config, article.text, read.ids, read.offsets)
    for at in range(0, len(read.windows), HEAD_BATCH):
        block = slice(at, at + HEAD_BATCH)
        head_window_probs(head, read.windows[block], read.feats[block], extra, sentences, probs)
    return probs


def member_probs(head: HeadEnsemble, config: TaggerConfig, article: Article,
                 read: WindowFeatures) -> list[np.ndarray]:
    """``tagger_probs`` of each head alone (for the one-head comparison)."""
    return [tagger_probs(HeadEnsemble([cast(TokenHead, m)]).eval(), config, article, read)
            for m in head.members]


def fold_heads(articles: list[Article], folds: list[list[str]], config: TaggerConfig,
               train_fn: Callable[[list[Article], int], TokenHead], seeds: Sequence[int], *,
               cache_dir: Path = CACHE_DIR, log: Callable[[str], None] = print
               ) -> list[HeadEnsemble]:
    """For each fold, one head per seed trained on the other folds (``train_fn(articles,
    seed)``), each saved under ``cache_dir/folds`` as it is done and reused when there
    (a head takes minutes to hours on a busy machine)."""
    out = []
    for k, held in enumerate(folds):
        train = [a for a in articles if a.id not in set(held)]
        set_span_weights(train, config)
        members = []
        for seed in seeds:
            where = cache_dir / "folds" / f"{_cache_key(config, False)}_k{len(folds)}_f{k}_s{seed}"
            if (where / "head.safetensors").exists():
                members.append(cast(TokenHead, load_heads(where).members[0]))
                continue
            head = train_fn(train, seed)
            save_head(where, replace(config, heads=1), HeadEnsemble([head]))
            members.append(head)
            log(f"fold {k + 1} of {len(folds)}: head (seed {seed}) trained on "
                f"{len(train)} articles")
        out.append(HeadEnsemble(members).eval())
    return out


def load_heads(path: Path) -> HeadEnsemble:
    """The heads saved in ``path``, without loading an encoder."""
    from safetensors.torch import load_file

    from ..models.techniques import make_heads

    config = TaggerConfig(**json.loads((path / "config.json").read_text()))
    heads = make_heads(config)
    heads.load_state_dict(load_file(str(path / "head.safetensors")))
    return heads.eval()


def out_of_fold_probs(
    articles: list[Article], reads: dict[str, WindowFeatures], train_ids: list[str],
    config: TaggerConfig, *, folds: int = 5, seed: int = 13, heads: int = 3,
    epochs: int = 10, cache_dir: Path = CACHE_DIR, log: Callable[[str], None] = print,
) -> dict[str, list[np.ndarray]]:
    """Per training article id, each fold head's probabilities ([n_tokens, n_outputs] in a
    list, one per head seed), read by heads that never saw the article. ``articles``
    carry their training features (``training_features``); ``reads`` are their
    ``window_features``. Cached in ``cache_dir``."""
    target = cache_dir / f"oof_{_cache_key(config, True)}_k{folds}_s{seed}_h{heads}.npz"
    if target.exists():
        return _load_probs(target)
    train = [a for a in articles if a.id in set(train_ids)]
    parts = fold_ids(train_ids, folds, seed)

    def fit(chosen: list[Article], head_seed: int) -> TokenHead:
        return train_head(chosen, config, seed=head_seed, epochs=epochs)

    models = fold_heads(train, parts, config, fit, [seed + m for m in range(heads)],
                        cache_dir=cache_dir, log=log)
    out = {a.id: member_probs(models[k], config, a, reads[a.id])
           for k, held in enumerate(parts) for a in train if a.id in set(held)}
    _save_probs(target, out)
    return out


def default_config(heads: int = 3) -> TaggerConfig:
    """The shipped recipe's head configuration (before thresholds are chosen)."""
    return TaggerConfig(repetition_features=True, sentence_pool=True, refine_spans=True,
                        heads=heads)


def _save_probs(target: Path, probs: dict[str, list[np.ndarray]]) -> None:
    arrays: dict[str, Any] = {f"{i}__{m}": p for i, ps in probs.items() for m, p in enumerate(ps)}
    target.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(target, **arrays)


def _load_probs(target: Path) -> dict[str, list[np.ndarray]]:
    with np.load(target) as saved:
        return _unpack(saved)


def _unpack(saved: Any) -> dict[str, list[np.ndarray]]:
    out: dict[str, list[np.ndarray]] = {}
    for key in sorted(saved.files, key=lambda k: (k.split("__")[0], int(k.split("__")[1]))):
        out.setdefault(key.split("__")[0], []).append(saved[key])
    return out
