"""Shared fixtures. Public data lives in ../shared beside the repository, never in it;
tests that need it skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder {SHARED}, which is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> Path:
    path = shared_dir / "seed" / "desertions-article.txt"
    if not path.is_file():
        pytest.skip(f"needs the seed article {path}, which is absent")
    return path


@pytest.fixture(scope="session")
def ptc_dir(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "ptc"
    if not (path / "train-articles").is_dir():
        pytest.skip(f"needs the PTC corpus in {path}, which is absent")
    return path
