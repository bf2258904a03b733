"""Which device the encoder runs on: ``auto`` (a CUDA GPU when torch sees one, else the
CPU), ``cpu`` or ``cuda``. torch is imported only when a device is resolved, so that
choosing one loads nothing."""

from __future__ import annotations

from ..errors import ModelError

DEVICES = ("auto", "cpu", "cuda")


def resolve(device: str) -> str:
    """``cpu`` or ``cuda`` for the ``device`` asked for.

    Raises:
        ModelError: ``cuda`` asked for where torch sees no CUDA device.
    """
    if device == "cpu":
        return "cpu"
    import torch

    available = torch.cuda.is_available()
    if device == "cuda" and not available:
        raise ModelError("--device cuda: torch sees no CUDA device here; use --device auto "
                         "(a GPU when there is one) or cpu")
    return "cuda" if available else "cpu"
