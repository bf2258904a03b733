"""The public surface is pinned: adding or removing a name is a deliberate change."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import unspin
from unspin import errors
from unspin.errors import ConfigError

PUBLIC = sorted([
    "ANALYSIS_SCHEMA_VERSION", "Analysis", "Article", "Claim", "Comparison", "Entity",
    "Forecast", "Language", "Metadata", "NumberMention", "Options", "Outcome", "Part",
    "Period", "Quote", "Removed", "Sentence", "Source", "SourceRef", "Sourcing", "Span",
    "TechniqueSpan", "analyze", "analyze_many", "extract", "open_corpus",
    # the whole error tree
    "UnspinError", "InputError", "InputNotFound", "EmptyInput", "BinaryInput",
    "UndecodableInput", "InputTooLarge", "NoArticleFound", "FetchError", "BadURL",
    "NetworkError", "ConfigError", "ModelError", "InternalError", "EngineError",
    "CorpusError", "NotInCorpus",
])


def test_public_api_exports_exactly_these_names() -> None:
    assert sorted(unspin.__all__) == PUBLIC
    for name in unspin.__all__:
        assert hasattr(unspin, name)


def test_public_api_exports_the_whole_error_tree() -> None:
    tree = {name for name, value in vars(errors).items()
            if inspect.isclass(value) and issubclass(value, errors.UnspinError)}
    assert tree <= set(unspin.__all__)


def test_public_api_unknown_option_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="valid options: .*allow_private"):
        unspin.analyze("x.txt", no_such_option=1)


def test_public_api_bad_stage_setting_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="has no setting 'vector'; its settings: vectors"):
        unspin.Options(stage_config={"unspin.claims.v1": {"vector": True}})
    with pytest.raises(ConfigError, match="must be bool"):
        unspin.Options(stage_config={"unspin.claims.v1": {"vectors": "yes"}})
    options = unspin.Options(stage_config={"unspin.claims.v1": {"vectors": True}})
    assert options.config_for("unspin.claims.v1") == {"vectors": True}
    assert hash(options) == hash(options.replace())


def test_public_api_analyze_many_reads_many_article_files_and_keeps_order(
        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A short text about a harbour and its ferries, "
                                    "which sail twice a day.\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "One wire story about trains."}\n'
                                      '{"nothing": 1}\n', encoding="utf-8")
    outcomes = list(unspin.analyze_many(
        [tmp_path / "a.txt", tmp_path / "b.jsonl", tmp_path / "missing.txt"],
        stages=("unspin.clean.v1", "unspin.language.v1"), workers=1))
    assert [(Path(o.input).name, o.error is None) for o in outcomes] == [
        ("a.txt", True), ("b.jsonl#1", True), ("b.jsonl#2", False), ("missing.txt", False)]
    assert outcomes[0].analysis is not None and outcomes[0].analysis.language is not None
