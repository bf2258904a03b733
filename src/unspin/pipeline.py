"""The pipeline: ordered stages that each read an ``Analysis`` and add to it.

A stage is a callable with a registered, versioned ``name``, the fields it ``requires``
and the fields it ``assigns`` (as spaCy's factories declare them). ``Pipeline`` checks at
construction that every requirement is assigned by an earlier stage, so a bad order fails
before any article is read. Stages are built once per process and reused: models load once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from .config import Options
from .document import Analysis, Article
from .errors import ConfigError, StageFailed, UnspinError

# Fields an Analysis has before any stage runs.
_GIVEN = frozenset({"source", "text", "metadata", "format", "removed"})


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> Analysis: ...


StageFactory = Callable[[Options], Stage]
_REGISTRY: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under a versioned name such as ``unspin.clean.v1``."""

    def add(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        return factory

    return add


def registered() -> list[str]:
    _load_builtin_stages()
    return sorted(_REGISTRY)


def _load_builtin_stages() -> None:
    from . import stages  # noqa: F401  (importing registers them)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input a batch could not analyse, and why."""

    source: str
    error: UnspinError


class Pipeline:
    def __init__(self, stages: list[Stage]) -> None:
        _check_order(stages)
        self.stages = stages

    @classmethod
    def from_names(cls, names: Iterable[str], options: Options) -> Pipeline:
        _load_builtin_stages()
        unknown = [n for n in names if n not in _REGISTRY]
        if unknown:
            raise ConfigError(
                f"unknown stage {unknown[0]!r}; registered stages: {', '.join(sorted(_REGISTRY))}"
            )
        return cls([_REGISTRY[n](options) for n in names])

    def __call__(self, article: Article) -> Analysis:
        result = self.run_batch([article])[0]
        if isinstance(result, Failure):
            raise result.error
        return result

    def run_batch(self, articles: list[Article]) -> list[Analysis | Failure]:
        """Analyse a batch stage by stage, so batched models (spaCy, the tagger) see many
        texts at once. An article a stage fails on becomes a ``Failure``; the rest go on."""
        results: list[Analysis | Failure] = [Analysis.from_article(a) for a in articles]
        for stage in self.stages:
            live = [r for r in results if isinstance(r, Analysis)]
            done = dict(zip(map(id, live), _run_stage(stage, live)))
            results = [done.get(id(r), r) for r in results]
        for result in results:
            if isinstance(result, Analysis):
                # A parse and encoder states are large and process-bound: they never leave.
                result.doc = result.token_states = None
        return results


def _run_stage(stage: Stage, analyses: list[Analysis]) -> list[Analysis | Failure]:
    """Run one stage over a batch; an article it fails on becomes a ``Failure`` and the
    others go on (a bug that surfaces on one article in ten thousand must not end a run)."""
    pipe = getattr(stage, "pipe", None)
    if pipe is not None and len(analyses) > 1:
        # On any error, find which article fails by running them one at a time.
        with contextlib.suppress(Exception):
            return [_checked(stage, a) for a in pipe(analyses)]
    out: list[Analysis | Failure] = []
    for analysis in analyses:
        try:
            out.append(_checked(stage, stage(analysis)))
        except UnspinError as error:
            out.append(Failure(analysis.source.label, error))
        except Exception as error:
            if os.environ.get("UNSPIN_DEBUG"):
                raise
            out.append(Failure(analysis.source.label, StageFailed(
                f"stage {stage.name} failed: {type(error).__name__}: {error} (a bug: set "
                "UNSPIN_DEBUG=1 for details and please report it)")))
    return out


def _checked(stage: Stage, result: object) -> Analysis:
    if not isinstance(result, Analysis):
        raise ConfigError(f"stage {stage.name} returned {type(result).__name__}, not an Analysis")
    result.stages.append(stage.name)
    return result


def _check_order(stages: list[Stage]) -> None:
    available = set(_GIVEN)
    for stage in stages:
        missing = [f for f in stage.requires if f not in available]
        if missing:
            raise ConfigError(
                f"stage {stage.name} needs {', '.join(missing)}, which no earlier stage assigns"
            )
        available.update(stage.assigns)
