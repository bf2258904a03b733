"""--device: auto falls back to the CPU, cuda without a GPU is one clear error, and the
GPU path is chosen when torch sees one."""

from __future__ import annotations

from typing import Any

import pytest

from unspin.config import Options
from unspin.errors import ConfigError, EngineError, ModelError
from unspin.models.device import resolve
from unspin.scale.ray import RayEngine


def test_device_cpu_is_cpu_without_importing_anything() -> None:
    assert resolve("cpu") == "cpu"


def test_device_auto_follows_what_torch_sees(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve("auto") == "cpu"
    with pytest.raises(ModelError, match="torch sees no CUDA device"):
        resolve("cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve("auto") == resolve("cuda") == "cuda"


def test_device_unknown_is_refused() -> None:
    with pytest.raises(ConfigError, match="one of auto, cpu, cuda"):
        Options(device="gpu")


class _Ray:
    def __init__(self, resources: dict[str, float]) -> None:
        self.resources = resources

    def cluster_resources(self) -> dict[str, float]:
        return self.resources


@pytest.mark.parametrize("device,resources,gpus", [
    ("auto", {"CPU": 64}, 0), ("auto", {"CPU": 64, "GPU": 8}, 8), ("cpu", {"GPU": 8}, 0),
    ("cuda", {"CPU": 16, "GPU": 2}, 2)])
def test_device_ray_actors_take_one_gpu_each(device: str, resources: dict[str, float],
                                              gpus: int) -> None:
    ray: Any = _Ray(resources)
    assert RayEngine(device=device)._gpus(ray) == gpus


def test_device_ray_cuda_without_a_gpu_is_refused() -> None:
    ray: Any = _Ray({"CPU": 64})
    with pytest.raises(EngineError, match="has no GPU"):
        RayEngine(device="cuda")._gpus(ray)
