"""Fixtures for the ingest tests: the example articles and small options."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.config import Options

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def options() -> Options:
    return Options()
