"""The registry tells the truth: every built-in stage reads only the fields it
``requires`` and writes only those it ``assigns``, and the table resolves lazily."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from typing import Any

import pytest

from unspin.document import Analysis, Article, Source
from unspin.pipeline import build
from unspin.registry import BUILTIN, DEFAULT_STAGES, GIVEN, StageSpec, extra, register, specs

# Methods of Analysis and the fields they read.
_METHODS = {"kept_text": {"text", "removed"}, "span": {"text"}}
# Read by any stage without being a requirement: who the article is (for messages), and
# the notes every stage may add to.
_ALWAYS = {"source", "notes", "stages"}
_TRANSIENT = {f.name for f in dataclasses.fields(Analysis) if f.metadata.get("transient")}

TEXT = ("Ferry Fares Rise Again\n\n"
        "The harbour authority raised fares for the third time this year.\n\n"
        "More than 4,000 passengers a day now pay 12% more than in March, official "
        "figures show. \u201cThis is a disgrace and a betrayal of every islander,\u201d "
        "said Maria Keane, who chairs the island council. She said that the council "
        "would take the authority to court. Critics say the rise will drive families "
        "away, and there are growing concerns about the winter timetable.\n")


class Recording(Analysis):
    """An ``Analysis`` that remembers which of its attributes were read."""

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("_"):
            reads = object.__getattribute__(self, "__dict__").setdefault("_reads", set())
            reads.update(_METHODS.get(name, {name}))
        return object.__getattribute__(self, name)


def _recording(analysis: Analysis) -> Recording:
    return Recording(**{f.name: getattr(analysis, f.name) for f in dataclasses.fields(Analysis)})


def _state(analysis: Analysis) -> dict[str, Any]:
    return {f.name: (id(getattr(analysis, f.name)) if f.name in _TRANSIENT
                     else copy.deepcopy(getattr(analysis, f.name)))
            for f in dataclasses.fields(Analysis)}


@pytest.mark.slow
def test_registry_every_stage_reads_what_it_requires_and_writes_what_it_assigns() -> None:
    analysis = Analysis.from_article(Article(source=Source(path="ferry.txt"), text=TEXT))
    for spec in BUILTIN:
        stage = build(spec, {})
        before = _state(analysis)
        recording = _recording(analysis)
        result = stage(recording)
        reads = set(object.__getattribute__(recording, "__dict__").get("_reads", set()))
        after = _state(result)
        written = {name for name in before if before[name] != after[name]} - {"notes"}
        # A field a stage assigns it may read back; anything else it reads it requires.
        hidden = reads - _ALWAYS - set(spec.assigns) - set(spec.requires)
        assert not hidden, (spec.name, hidden)
        assert written <= set(spec.assigns), (spec.name, written - set(spec.assigns))
        analysis = Analysis(**{f.name: getattr(result, f.name)
                               for f in dataclasses.fields(Analysis)})
    assert analysis.claims and analysis.quotes and analysis.sourcing is not None


def test_registry_order_satisfies_every_requirement() -> None:
    available = set(GIVEN)
    for spec in BUILTIN:
        assert set(spec.requires) <= available, spec.name
        available |= set(spec.assigns)
    assert DEFAULT_STAGES == tuple(spec.name for spec in BUILTIN)


def test_registry_lists_stages_without_importing_any_stage_or_model() -> None:
    code = ("import sys, unspin.registry as r; r.registered(); "
            "print(sorted(m for m in sys.modules if m.startswith('unspin.stages') "
            "or m in ('torch', 'spacy', 'transformers')))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert out.strip() == "[]"


def test_registry_register_adds_a_stage_and_refuses_a_builtin_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin import registry

    monkeypatch.setattr(registry, "_EXTRA", {})  # this test's stage stays this test's
    spec = StageSpec("test.registry.v1", lambda: (lambda a: a), requires=("text",), assigns=())
    register(spec)
    assert specs()["test.registry.v1"] is spec
    with pytest.raises(ValueError, match="built-in"):
        register(StageSpec("unspin.nlp.v1", "x:y", requires=(), assigns=()))
    assert extra(("test.registry.v1",)) == (spec,) and extra(("unspin.nlp.v1",)) == ()
