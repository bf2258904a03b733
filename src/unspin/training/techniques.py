"""Train and evaluate the technique tagger on the PTC training articles (CPU, < 1 hour).

Why this recipe (measured; docs/techniques-model.md has every figure): the encoder stays
frozen, so its features are computed once and the heads train in minutes (fine-tuning its
top layers scored no better); a BiLSTM head over the concatenated layers beat a linear
head, and per-token sigmoids (one per technique plus "any technique") let one span carry
several techniques. Repetition counts, sentence-pooled features, class-balanced positive
weights and span-length loss weights each added a little, and so does averaging heads
trained from several seeds. Thresholds are then chosen on a validation split held out by
article id, to maximise FLC F1 (a threshold and a gap per technique, by coordinate ascent
on the pooled score) and SI F1 (the extra output, on a finer grid).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from ..evaluation.ptc import read_label_dir, read_labels, score
from ..models.encoder import encode_texts, load_encoder, tokenize
from ..models.technique_scoring import ArticleSignal, Setting, count_words
from ..models.techniques import (
    DEFAULT_DIR,
    SI_LABEL,
    HeadEnsemble,
    TaggerConfig,
    TechniqueTagger,
    TokenHead,
    decode_spans,
    make_head,
    token_extras,
)

THRESHOLD_GRID = tuple(round(float(x), 2) for x in np.arange(0.05, 0.95, 0.05))
GAP_GRID = (1, 4, 10, 20)
SI_THRESHOLD_GRID = tuple(round(float(x), 3) for x in np.arange(0.15, 0.70, 0.025))
SI_GAP_GRID = (1, 2, 4, 6, 8, 10, 14, 20, 30)
Chunk = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]


@dataclass
class Article:
    """One training article: text, gold spans, and (once encoded) token data."""

    id: str
    text: str
    spans: list[tuple[int, int, str]]
    si: list[tuple[int, int, str]]
    offsets: np.ndarray | None = None
    feats: torch.Tensor | None = None
    labels: torch.Tensor | None = None
    extra: torch.Tensor | None = None
    sentences: torch.Tensor | None = None
    weights: torch.Tensor | None = None


def load_articles(data_dir: Path) -> list[Article]:
    """PTC training articles with their task 2 (technique) and task 1 (SI) labels.

    Texts are read as UTF-8 with a BOM kept: the gold offsets count it.
    """
    tc = read_label_dir(data_dir / "train-labels-task2-technique-classification")
    si = read_label_dir(data_dir / "train-labels-task1-span-identification")
    out = []
    for path in sorted((data_dir / "train-articles").glob("article*.txt")):
        aid = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")  # not utf-8-sig: the BOM must stay
        out.append(Article(aid, text, tc.get(aid, []), si.get(aid, [])))
    return out


def split_ids(ids: list[str], seed: int, fraction: float = 0.2) -> tuple[list[str], list[str]]:
    """(train, validation) article ids: a seeded shuffle of the sorted ids."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    n_val = round(len(order) * fraction)
    return sorted(order[n_val:]), sorted(order[:n_val])


def _gold_rows(article: Article, techniques: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, output) for every gold span; the last output is "any technique"."""
    index = {t: k for k, t in enumerate(techniques)}
    rows = [(s, e, index[t]) for s, e, t in article.spans if t in index]
    return rows + [(s, e, len(techniques)) for s, e, _ in article.si]


def token_labels(offsets: np.ndarray, article: Article, techniques: list[str]) -> torch.Tensor:
    """[n_tokens, n_techniques + 1] targets: a token is positive when it overlaps a span."""
    y = np.zeros((len(offsets), len(techniques) + 1), dtype=np.float32)
    for s, e, k in _gold_rows(article, techniques):
        y[span_tokens(offsets, s, e), k] = 1.0
    return torch.from_numpy(y)


def span_tokens(offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Mask of the tokens that overlap characters [start, end)."""
    inside: np.ndarray = (offsets[:, 0] < end) & (offsets[:, 1] > start)
    return inside


def mean_span_tokens(articles: list[Article], techniques: list[str]) -> np.ndarray:
    """Mean length in tokens of the gold spans of each output (training articles)."""
    total = np.zeros(len(techniques) + 1)
    count = np.zeros(len(techniques) + 1)
    for a in articles:
        assert a.offsets is not None
        for s, e, k in _gold_rows(a, techniques):
            total[k] += max(int(span_tokens(a.offsets, s, e).sum()), 1)
            count[k] += 1
    mean: np.ndarray = total / np.maximum(count, 1)
    return mean


def token_weights(offsets: np.ndarray, article: Article, techniques: list[str],
                  mean_tokens: np.ndarray, power: float) -> torch.Tensor:
    """[n_tokens, n_outputs] loss weights: 1 for negatives; a positive token weighs
    (mean span length / its span's length) ** ``power``, clipped to [0.2, 5].

    Both scores credit each gold span equally (recall is a mean over spans), while a
    per-token loss lets long spans dominate: a 40-token sentence counts 40 times a
    loaded word. With ``power`` 1 every span weighs about the same in the loss; a
    token inside several spans of one output takes their mean weight. On validation
    this raised FLC F1 (docs/techniques-model.md)."""
    acc = np.zeros((len(offsets), len(techniques) + 1), dtype=np.float32)
    hits = np.zeros_like(acc)
    for s, e, k in _gold_rows(article, techniques):
        inside = span_tokens(offsets, s, e)
        acc[inside, k] += (mean_tokens[k] / max(int(inside.sum()), 1)) ** power
        hits[inside, k] += 1
    w = np.ones_like(acc)
    positive = hits > 0
    w[positive] = np.clip(acc[positive] / hits[positive], 0.2, 5.0)
    return torch.from_numpy(w)


def encode_articles(articles: list[Article], config: TaggerConfig, batch_size: int = 16) -> None:
    """Frozen-encoder features for every article (computed once; the head trains on them)."""
    tokenizer, encoder = load_encoder(quantize=False)
    for a in articles:
        ids, _ = tokenize(tokenizer, a.text)
        read, = encode_texts(encoder, tokenizer, [a.text], window=config.window,
                             overlap=config.overlap, layers=config.layers, batch_size=batch_size)
        a.offsets = read.offsets
        a.feats = torch.from_numpy(read.states).half()
        a.labels = token_labels(a.offsets, a, config.techniques)
        a.extra, a.sentences = token_extras(config, a.text, ids, a.offsets)


def _chunks(articles: list[Article], size: int) -> list[Chunk]:
    """Articles cut into head-sized pieces (the head sees one window at a time):
    (features, labels, extra features, sentence index, loss weights)."""
    out = []
    for a in articles:
        assert a.feats is not None and a.labels is not None and a.weights is not None
        assert a.extra is not None and a.sentences is not None
        for s in range(0, len(a.feats), size):
            part = slice(s, s + size)
            out.append((a.feats[part], a.labels[part], a.extra[part], a.sentences[part],
                        a.weights[part]))
    return out


def positive_weights(articles: list[Article], pos_weight: float | str) -> torch.Tensor:
    """BCE positive weight per output: a constant, or ``"sqrt"``: sqrt(negatives/positives)
    of the training tokens, clipped to [2, 30], so rare techniques are not drowned out."""
    n_out = articles[0].labels.shape[1] if articles[0].labels is not None else 0
    if not isinstance(pos_weight, str):
        return torch.full((n_out,), float(pos_weight))
    if pos_weight != "sqrt":
        raise ValueError(f"pos_weight {pos_weight!r}: accepted a number or 'sqrt'")
    rate = torch.cat([a.labels for a in articles if a.labels is not None]).mean(0)
    return torch.sqrt((1 - rate) / rate.clamp(min=1e-6)).clamp(min=2.0, max=30.0)


def train_head(
    articles: list[Article], config: TaggerConfig, *, seed: int, epochs: int = 10,
    lr: float = 1e-3, batch_size: int = 16, pos_weight: float | str = "sqrt",
) -> TokenHead:
    """Fit the head with per-token binary cross-entropy; deterministic for a given seed."""
    torch.manual_seed(seed)
    head = make_head(config)
    chunks = _chunks(articles, config.window - 2)
    opt = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=1e-2)
    loss_fn = nn.BCEWithLogitsLoss(reduction="none",
                                   pos_weight=positive_weights(articles, pos_weight))
    rng = random.Random(seed)
    head.train()
    for _ in range(epochs):
        rng.shuffle(chunks)
        for b in range(0, len(chunks), batch_size):
            x, y, extra, sentences, weights, mask = _pad(chunks[b : b + batch_size])
            token_loss = (loss_fn(head(x, extra, sentences), y) * weights).mean(-1)
            loss = (token_loss * mask).sum() / mask.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return head.eval()


def _pad(batch: list[Chunk]) -> tuple[torch.Tensor, ...]:
    n, width = len(batch), max(len(c[0]) for c in batch)
    x = torch.zeros((n, width, batch[0][0].shape[1]))
    y = torch.zeros((n, width, batch[0][1].shape[1]))
    extra = torch.zeros((n, width, batch[0][2].shape[1]))
    sentences = torch.full((n, width), -1, dtype=torch.long)
    weights = torch.zeros_like(y)
    mask = torch.zeros((n, width))
    for i, (f, t, e, s, w) in enumerate(batch):
        k = len(f)
        x[i, :k], y[i, :k], extra[i, :k], sentences[i, :k] = f.float(), t, e, s
        weights[i, :k], mask[i, :k] = w, 1.0
    return x, y, extra, sentences, weights, mask


@torch.inference_mode()
def head_probs(head: HeadEnsemble, articles: list[Article], size: int) -> list[np.ndarray]:
    """Token probabilities per article, the heads run window by window as at inference."""
    out = []
    for a in articles:
        assert a.feats is not None and a.extra is not None and a.sentences is not None
        parts = []
        for s in range(0, len(a.feats), size):
            part = slice(s, s + size)
            parts.append(head(a.feats[part].float()[None], a.extra[part][None],
                              a.sentences[part][None])[0])
        out.append(torch.cat(parts).numpy() if parts else np.zeros((0, head.n_outputs)))
    return out


def _credit(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, int, float, int]:
    """(precision credit, n_pred, recall credit, n_gold) for one article and label."""
    def cover(s: tuple[int, int], others: list[tuple[int, int]]) -> float:
        return sum(max(0, min(s[1], e) - max(s[0], b)) for b, e in others) / (s[1] - s[0])

    return (sum(cover(p, gold) for p in pred), len(pred),
            sum(cover(g, pred) for g in gold), len(gold))


def _f1(c: np.ndarray) -> float:
    p = c[0] / c[1] if c[1] else 0.0
    r = c[2] / c[3] if c[3] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def calibrate(
    probs: list[np.ndarray], articles: list[Article], config: TaggerConfig
) -> dict[str, Any]:
    """Thresholds and gap bridging chosen on validation: a (threshold, gap) per technique
    that maximises pooled FLC F1 (coordinate ascent), and the SI output's own threshold
    and gap on a finer grid. Bridging small gaps matters because token probabilities dip
    inside long fragments; gaps differ by technique because fragment lengths do."""
    techniques = config.techniques
    tables = np.stack([_credit_table(probs, articles, techniques, [gap], THRESHOLD_GRID,
                                     config.refine_spans)[:-1, 0] for gap in GAP_GRID], axis=1)
    options = [(gap, th) for gap in GAP_GRID for th in THRESHOLD_GRID]
    choice, f1 = _ascend(tables.reshape(len(techniques), len(options), 4))
    si = _credit_table(probs, articles, [], SI_GAP_GRID, SI_THRESHOLD_GRID, config.refine_spans)[-1]
    g, j = np.unravel_index(int(np.argmax([[_f1(c) for c in row] for row in si])), si.shape[:2])
    return {"flc_f1": f1, "max_gap": 10,
            "thresholds": {t: options[choice[k]][1] for k, t in enumerate(techniques)},
            "gaps": {t: options[choice[k]][0] for k, t in enumerate(techniques)},
            "si_threshold": SI_THRESHOLD_GRID[j], "si_max_gap": SI_GAP_GRID[g]}


def _credit_table(
    probs: list[np.ndarray], articles: list[Article], techniques: list[str],
    gaps: tuple[int, ...] | list[int], grid: tuple[float, ...], refine_spans: bool,
) -> np.ndarray:
    """[label, gap, threshold, (p credit, n_pred, r credit, n_gold)] summed over articles;
    the last label is the "any technique" output against merged SI gold."""
    from ..evaluation.ptc import merge

    table = np.zeros((len(techniques) + 1, len(gaps), len(grid), 4))
    for p, a in zip(probs, articles):
        assert a.offsets is not None
        gold = [[(s, e) for s, e, t in a.spans if t == name] for name in techniques]
        gold.append(merge((s, e) for s, e, _ in a.si))
        column = list(range(len(techniques))) + [p.shape[1] - 1]
        for k, g in enumerate(gold):
            for i, gap in enumerate(gaps):
                for j, th in enumerate(grid):
                    runs = decode_spans(a.text, p[:, column[k]], a.offsets, th, gap, refine_spans)
                    table[k, i, j] += _credit([(s, e) for s, e, _ in runs], g)
    return table


def _ascend(table: np.ndarray) -> tuple[list[int], float]:
    """Threshold index per label maximising the F1 of the pooled sums."""
    n, m = table.shape[:2]
    choice = [int(np.argmax([_f1(table[k, j]) for j in range(m)])) for k in range(n)]
    for _ in range(3):
        for k in range(n):
            rest = sum(table[i, choice[i]] for i in range(n) if i != k)
            choice[k] = int(np.argmax([_f1(rest + table[k, j]) for j in range(m)]))
    return choice, _f1(sum(table[k, choice[k]] for k in range(n)))


def apply_calibration(config: TaggerConfig, cal: dict[str, Any]) -> None:
    config.thresholds, config.max_gap = cal["thresholds"], cal["max_gap"]
    config.gaps = cal.get("gaps", {})
    config.si_threshold, config.si_max_gap = cal["si_threshold"], cal["si_max_gap"]


def decode_all(
    probs: list[np.ndarray], articles: list[Article], config: TaggerConfig
) -> tuple[dict[str, list[tuple[int, int, str]]], dict[str, list[tuple[int, int, str]]]]:
    """(FLC predictions, SI predictions) per article id, with the config's thresholds."""
    flc: dict[str, list[tuple[int, int, str]]] = {}
    si: dict[str, list[tuple[int, int, str]]] = {}
    for p, a in zip(probs, articles):
        assert a.offsets is not None
        flc[a.id] = [(s, e, t) for k, t in enumerate(config.techniques)
                     for s, e, _ in decode_spans(a.text, p[:, k], a.offsets,
                                                 config.thresholds.get(t, 0.5),
                                                 config.gaps.get(t, config.max_gap),
                                                 config.refine_spans)]
        si[a.id] = [(s, e, SI_LABEL) for s, e, _ in
                    decode_spans(a.text, p[:, -1], a.offsets, config.si_threshold,
                                 config.si_max_gap, config.refine_spans)]
    return flc, si


def validation_scores(
    probs: list[np.ndarray], articles: list[Article], config: TaggerConfig
) -> dict[str, Any]:
    """FLC scores of the technique spans; SI from the "any technique" output."""
    flc, si = decode_all(probs, articles, config)
    gold_tc = {a.id: a.spans for a in articles}
    gold_si = {a.id: a.si for a in articles}
    result = score(flc, gold_tc)
    result["si"] = score(si, gold_si)["si"]
    result["si_from_techniques"] = score(flc, gold_si)["si"]
    return result


def _say(log: bool, message: str) -> None:
    if log:
        print(f"[train techniques] {message}", flush=True)


def evaluate_techniques(
    articles_dir: Path, labels_file: Path, model_dir: Path | None = None, *,
    predictions_file: Path | None = None, ids: list[str] | None = None,
    quantize: bool | None = None, batch_size: int = 16, setting: Setting = "precision",
) -> dict[str, Any]:
    """Score predictions against gold PTC labels (a task 1 or task 2 file, or a folder).

    With ``predictions_file`` (task 2 format) nothing is predicted; otherwise the tagger in
    ``model_dir`` (default: the shipped one) tags the articles in ``articles_dir`` (all,
    or only ``ids``) at ``setting``. Against task 2 gold its technique spans are scored
    (FLC, and SI from the same spans merged), and the article-level signal against the
    gold technique density (``article``). Against task 1 (SI) gold: at the precision
    setting the technique spans shown, labels dropped; at the recall setting the tagger's
    own "any technique" output, since that is what its balanced thresholds were tuned for.
    """
    labels_file = Path(labels_file)
    gold = read_label_dir(labels_file) if labels_file.is_dir() else read_labels(labels_file)
    paths = sorted(Path(articles_dir).glob("article*.txt"))
    if ids is not None:
        paths = [p for p in paths if p.stem.removeprefix("article") in set(ids)]
    keys = [p.stem.removeprefix("article") for p in paths]
    signals: list[ArticleSignal] = []
    if predictions_file is not None:
        pred = read_labels(predictions_file)
    else:
        texts = [p.read_text(encoding="utf-8") for p in paths]  # BOM kept: offsets count it
        tagger = TechniqueTagger.from_pretrained(model_dir or DEFAULT_DIR, quantize=quantize)
        pred, signals = _predict(tagger, texts, keys, _is_si(gold), setting, batch_size)
    result = score({k: pred.get(k, []) for k in keys}, {k: gold.get(k, []) for k in keys})
    result["articles"] = len(keys)
    if signals and not _is_si(gold):
        texts = [p.read_text(encoding="utf-8") for p in paths]
        result["article"] = signal_scores(signals, [gold.get(k, []) for k in keys], texts)
    return result


def signal_scores(signals: list[ArticleSignal], gold: list[list[tuple[int, int, str]]],
                  texts: list[str]) -> dict[str, float]:
    """Spearman correlation of the gold technique density (gold spans per 1,000 words)
    with each article-level figure of the tagger."""
    from scipy.stats import spearmanr

    density = [1000 * len(g) / max(count_words(t), 1) for g, t in zip(gold, texts)]
    return {f"spearman_{name}": round(float(spearmanr(
        [getattr(s, name) for s in signals], density)[0]), 4)
        for name in ("technique_density", "expected_density", "persuasion_score")}


def _is_si(gold: dict[str, list[tuple[int, int, str]]]) -> bool:
    return all(t == "" for spans in gold.values() for _, _, t in spans)


def _predict(tagger: TechniqueTagger, texts: list[str], keys: list[str], si: bool,
             setting: Setting, batch_size: int
             ) -> tuple[dict[str, list[tuple[int, int, str]]], list[ArticleSignal]]:
    if si and setting == "recall":
        found = tagger.predict_si(texts, batch_size=batch_size)
        return {k: [(s, e, "") for s, e, _ in f] for k, f in zip(keys, found)}, []
    pred, signals = {}, []
    for k, text, (probs, offsets) in zip(keys, texts, tagger.token_probs(texts, batch_size)):
        spans = tagger.spans(text, probs, offsets, setting=setting)
        pred[k] = [(s, e, "" if si else t) for s, e, t, _ in spans]
        if tagger.scorer is not None:
            signals.append(tagger.article_signal(text, probs, offsets))
    return pred, signals


__all__ = ["evaluate_techniques"]
