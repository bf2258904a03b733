"""The pipeline: ordered stages that each read an ``Analysis`` and add to it.

``Pipeline.from_names`` builds the stages the registry (``registry.py``) lists under the
names asked for, each with its settings, importing a stage's module only then. It checks
that every field a stage ``requires`` is assigned by an earlier stage, so a bad order fails
before any article is read. Stages are built once per process and reused: models load once.

This is the one place where an article's failure is isolated: a stage that raises on one
article fails that article (an ``UnspinError`` as raised, any other exception as an
``InternalError``, a bug to report), and the batch goes on.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from .config import Options
from .document import Analysis, Article
from .errors import ConfigError, InternalError, UnspinError
from .registry import GIVEN, StageSpec, specs


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> Analysis: ...


class Registered:
    """A stage built from its registry entry: the entry's name and fields, the stage's
    work (and its ``pipe`` for batches, when it has one)."""

    def __init__(self, spec: StageSpec, work: Callable[[Analysis], Analysis]) -> None:
        self.name, self.requires, self.assigns = spec.name, spec.requires, spec.assigns
        self.loads = spec.loads
        self.work = work
        pipe = getattr(work, "pipe", None)
        if pipe is not None:
            self.pipe = pipe

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.work(analysis)


def build(spec: StageSpec, settings: dict[str, Any]) -> Registered:
    """The stage ``spec`` names, built with ``settings`` laid over its defaults.

    Raises:
        ConfigError: the factory cannot be found.
    """
    factory = spec.factory
    if isinstance(factory, str):
        module, _, attribute = factory.partition(":")
        try:
            factory = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as error:
            raise ConfigError(f"stage {spec.name}: cannot load its factory {spec.factory!r} "
                              f"({error})") from None
    return Registered(spec, factory(**{**spec.config, **settings}))


class Pipeline:
    def __init__(self, stages: list[Stage]) -> None:
        _check_order(stages)
        self.stages = stages

    @classmethod
    def from_names(cls, names: Iterable[str], options: Options) -> Pipeline:
        """The pipeline of the stages named, in that order, with ``options.stage_config``.

        Raises:
            ConfigError: an unknown stage name, or an order in which a stage needs a field
                no earlier stage assigns.
        """
        names = list(names)
        cls.check(names)
        known = specs()
        return cls([build(known[n], {**{o: getattr(options, o) for o in known[n].options},
                                     **options.config_for(n)}) for n in names])

    @staticmethod
    def check(names: Iterable[str]) -> None:
        """Check a list of stage names without building any stage.

        Raises:
            ConfigError: an unknown name, or a stage that needs a field no earlier stage
                assigns.
        """
        known = specs()
        names = list(names)
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ConfigError(
                f"unknown stage {unknown[0]!r}; registered stages: {', '.join(known)}")
        _check_order([known[n] for n in names])

    def load(self) -> None:
        """Load every model the stages use now rather than on the first article: before
        worker processes are forked from this one, so that they share the pages."""
        for stage in self.stages:
            load = getattr(getattr(stage, "work", stage), "load", None)
            if load is not None:
                load()

    def __call__(self, article: Article) -> Analysis:
        result = self.run_batch([article])[0]
        if isinstance(result, UnspinError):
            raise result
        return result

    def run_batch(self, articles: list[Article]) -> list[Analysis | UnspinError]:
        """Analyse a batch stage by stage, so batched models (spaCy) see many texts at
        once. An article a stage fails on becomes its error; the rest go on."""
        results: list[Analysis | UnspinError] = [Analysis.from_article(a) for a in articles]
        for stage in self.stages:
            live = [r for r in results if isinstance(r, Analysis)]
            done = dict(zip(map(id, live), _run_stage(stage, live)))
            results = [done.get(id(r), r) for r in results]
        for result in results:
            if isinstance(result, Analysis):
                # A parse, encoder states and attributions are large or process-bound:
                # they never leave.
                result.doc = result.token_states = result.attributions = None
        return results


def _run_stage(stage: Stage, analyses: list[Analysis]) -> list[Analysis | UnspinError]:
    """Run one stage over a batch; an article it fails on becomes its error and the
    others go on (a bug that surfaces on one article in ten thousand must not end a run)."""
    pipe = getattr(stage, "pipe", None)
    if pipe is not None and len(analyses) > 1:
        # On any error, find which article fails by running them one at a time.
        with contextlib.suppress(Exception):
            return [_checked(stage, a) for a in pipe(analyses)]
    out: list[Analysis | UnspinError] = []
    for analysis in analyses:
        try:
            out.append(_checked(stage, stage(analysis)))
        except UnspinError as error:
            out.append(error)
        except Exception as error:
            if os.environ.get("UNSPIN_DEBUG"):
                raise
            out.append(InternalError(
                f"{analysis.source.label}: stage {stage.name} failed: {type(error).__name__}: "
                f"{error} (a bug: set UNSPIN_DEBUG=1 for details and please report it)"))
    return out


def _checked(stage: Stage, result: object) -> Analysis:
    if not isinstance(result, Analysis):
        raise ConfigError(f"stage {stage.name} returned {type(result).__name__}, not an Analysis")
    result.stages.append(stage.name)
    return result


def models_for(names: Iterable[str]) -> list[str]:
    """The models the stages named load, each named once, in pipeline order (for the
    "loading models" line), without building anything."""
    known = specs()
    return list(dict.fromkeys(model.strip() for n in names if n in known
                              for model in known[n].loads.split(",") if model.strip()))


def _check_order(stages: Iterable[Stage | StageSpec]) -> None:
    available = set(GIVEN)
    for stage in stages:
        missing = [f for f in stage.requires if f not in available]
        if missing:
            makers = [s.name for s in specs().values() if set(missing) & set(s.assigns)]
            hint = f" (add {' or '.join(makers)} before it)" if makers else ""
            raise ConfigError(
                f"stage {stage.name} needs {', '.join(missing)}, which no earlier stage "
                f"assigns{hint}")
        available.update(stage.assigns)
