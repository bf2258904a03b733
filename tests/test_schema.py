"""Real output validates against the published JSON Schema, and every span is exact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import unspin

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "src/unspin/schema/analysis.schema.json").read_text())
EXAMPLES = sorted((ROOT / "examples").glob("*.*"))


def _spans(value: Any) -> list[dict[str, Any]]:
    """Every span in the output, nested ones included (a claim's numbers, a quote's cue)."""
    if isinstance(value, list):
        return [span for item in value for span in _spans(item)]
    if not isinstance(value, dict):
        return []
    own = [value] if {"start", "end", "text"} <= value.keys() else []
    return own + [span for key, item in value.items() if key != "text" for span in _spans(item)]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_schema_example_output_is_valid_and_spans_exact(path: Path) -> None:
    data = json.loads(json.dumps(unspin.analyze(path).to_dict()))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    spans = _spans({k: v for k, v in data.items() if k != "text"})
    assert spans
    for span in spans:
        assert data["text"][span["start"]:span["end"]] == span["text"]


def test_schema_seed_output_is_valid(seed_article: Path) -> None:
    data = unspin.analyze(seed_article).to_dict()
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(json.dumps(data)))


def test_schema_version_matches_the_code() -> None:
    assert SCHEMA["properties"]["schema_version"]["const"] == unspin.ANALYSIS_SCHEMA_VERSION


def test_schema_lists_every_analysis_field() -> None:
    fields = {name for name, f in unspin.Analysis.__dataclass_fields__.items()
              if not f.metadata.get("transient")}
    assert fields | {"schema_version", "counts"} == set(SCHEMA["properties"])
