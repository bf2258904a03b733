"""Real output validates against the published JSON Schema, and every span is exact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import unspin

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "src/unspin/schema/analysis.schema.json").read_text())
EXAMPLES = sorted((ROOT / "examples").glob("*.*"))


def _spans(data: dict[str, Any]) -> list[dict[str, Any]]:
    lists = ("removed", "parts", "sentences", "entities", "techniques")
    return [span for name in lists for span in data[name]]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_schema_example_output_is_valid_and_spans_exact(path: Path) -> None:
    data = json.loads(json.dumps(unspin.analyze(path).to_dict()))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    for span in _spans(data):
        assert data["text"][span["start"]:span["end"]] == span["text"]


def test_schema_seed_output_is_valid(seed_article: Path) -> None:
    data = unspin.analyze(seed_article).to_dict()
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(json.dumps(data)))


def test_schema_version_matches_the_code() -> None:
    assert SCHEMA["properties"]["schema_version"]["const"] == unspin.SCHEMA_VERSION


def test_schema_lists_every_analysis_field() -> None:
    fields = set(unspin.analyze.__globals__["Analysis"].__dataclass_fields__)
    assert fields | {"schema_version", "counts"} == set(SCHEMA["properties"])
