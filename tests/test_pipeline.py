from __future__ import annotations

import pytest

from unspin.config import Options
from unspin.document import Analysis, Article, Source
from unspin.errors import ConfigError, InputError, InternalError, UnspinError
from unspin.pipeline import Pipeline
from unspin.registry import registered


class _Stage:
    def __init__(self, name: str, requires: tuple[str, ...], assigns: tuple[str, ...],
                 fail_on: str | None = None) -> None:
        self.name, self.requires, self.assigns, self.fail_on = name, requires, assigns, fail_on

    def __call__(self, analysis: Analysis) -> Analysis:
        if self.fail_on and self.fail_on in analysis.text:
            raise InputError(f"cannot handle {self.fail_on}")
        analysis.notes.append(self.name)
        return analysis


def _article(text: str) -> Article:
    return Article(source=Source(path=f"{text}.txt"), text=text)


def test_pipeline_refuses_stage_whose_requirement_comes_later() -> None:
    first = _Stage("t.needs.v1", ("sentences",), ())
    second = _Stage("t.gives.v1", ("text",), ("sentences",))
    with pytest.raises(ConfigError, match="needs sentences"):
        Pipeline([first, second])


def test_pipeline_runs_stages_in_order_and_records_them() -> None:
    pipeline = Pipeline([_Stage("t.a.v1", ("text",), ("x",)), _Stage("t.b.v1", ("x",), ())])
    analysis = pipeline(_article("hello"))
    assert analysis.notes == ["t.a.v1", "t.b.v1"]
    assert analysis.stages == ["t.a.v1", "t.b.v1"]


def test_pipeline_batch_isolates_a_failing_article() -> None:
    pipeline = Pipeline([_Stage("t.a.v1", ("text",), (), fail_on="bad")])
    results = pipeline.run_batch([_article("good one"), _article("bad one"), _article("fine")])
    assert [type(r).__name__ for r in results] == ["Analysis", "InputError", "Analysis"]
    assert str(results[1]) == "cannot handle bad"


def test_pipeline_batch_turns_a_stage_bug_into_that_articles_failure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Buggy(_Stage):
        def __call__(self, analysis: Analysis) -> Analysis:
            if "bad" in analysis.text:
                raise ValueError("max() arg is an empty sequence")
            return analysis

    monkeypatch.delenv("UNSPIN_DEBUG", raising=False)
    results = Pipeline([Buggy("t.buggy.v1", ("text",), ())]).run_batch(
        [_article("good"), _article("bad")])
    assert isinstance(results[0], Analysis) and isinstance(results[1], InternalError)
    assert isinstance(results[1], UnspinError) and results[1].exit_code == 70
    assert str(results[1]).startswith("bad.txt: stage t.buggy.v1 failed: ValueError")


def test_pipeline_single_article_raises_the_stage_error() -> None:
    pipeline = Pipeline([_Stage("t.a.v1", ("text",), (), fail_on="bad")])
    with pytest.raises(InputError, match="cannot handle bad"):
        pipeline(_article("bad"))


def test_pipeline_rejects_a_stage_that_returns_something_else() -> None:
    class Broken(_Stage):
        def __call__(self, analysis: Analysis) -> Analysis:
            return "oops"  # type: ignore[return-value]

    with pytest.raises(ConfigError, match="returned str"):
        Pipeline([Broken("t.broken.v1", ("text",), ())])(_article("x"))


def test_pipeline_unknown_stage_name_lists_the_registered_ones() -> None:
    with pytest.raises(ConfigError, match="unspin.nlp.v1"):
        Pipeline.from_names(["unspin.nope.v1"], Options())


def test_pipeline_builtin_stage_names_are_versioned() -> None:
    names = registered()
    assert {"unspin.clean.v1", "unspin.language.v1", "unspin.nlp.v1"} <= set(names)
    builtin = [n for n in names if n.startswith("unspin.")]
    assert all(n.rsplit(".", 1)[1].startswith("v") for n in builtin)


def test_pipeline_names_the_stage_that_assigns_a_missing_field() -> None:
    with pytest.raises(ConfigError, match=r"sources.v1 needs .*token_states.*add unspin.encode.v1"):
        Pipeline.check(["unspin.clean.v1", "unspin.language.v1", "unspin.nlp.v1",
                        "unspin.quotes.v1", "unspin.sources.v1", "unspin.claims.v1"])


def test_pipeline_builds_a_stage_with_its_settings_over_the_defaults() -> None:
    from unspin.config import make_options

    options = make_options(stage_config={"unspin.nlp.v1": {"batch_size": 4}})
    pipeline = Pipeline.from_names(["unspin.clean.v1", "unspin.language.v1", "unspin.nlp.v1"],
                                   options)
    assert pipeline.stages[2].work.batch_size == 4  # type: ignore[attr-defined]
    assert Pipeline.from_names(["unspin.nlp.v1"][:0], Options()).stages == []
