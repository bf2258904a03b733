"""Every built-in stage in one table, in pipeline order: what it needs, what it adds, how it
is built and with which settings.

This is spaCy's ``factories.py`` pattern: stage modules know nothing of the table or of
each other (they import the document model, config, models and helper libraries only),
and the table names each stage's factory as a string that ``pipeline.py`` imports only
when a pipeline asks for that stage, so listing the stages loads no model and imports
no stage module. ``requires`` and ``assigns`` are the ``Analysis`` fields a stage reads
and writes (``tests/test_registry.py`` runs every stage and checks both); a stage reads
what an earlier stage assigned instead of calling that stage's code.

A name carries a version (``unspin.claims.v1``), so a saved list of stages keeps meaning
the same thing; a stage that changes what it assigns gets a new name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One registered stage.

    Attributes:
        name: the versioned name (``unspin.quotes.v1``) users and saved configs use.
        factory: ``"module:callable"``; the callable takes the stage's settings as keyword
            arguments and returns the stage (a callable from ``Analysis`` to
            ``Analysis``, with an optional ``pipe`` for batches).
        requires: the ``Analysis`` fields the stage reads.
        assigns: the fields it writes.
        config: its settings and their defaults; ``Options.stage_config`` overrides them.
        summary: one line for docs and ``--help``.
        loads: the models the stage loads, if any, named for the "loading models" line
            (comma-separated when several).
        options: ``Options`` fields the factory takes too (settings several stages share,
            such as ``device``).
    """

    name: str
    factory: str | Callable[..., Any]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    config: Mapping[str, Any] = field(default_factory=dict)
    summary: str = ""
    loads: str = ""
    options: tuple[str, ...] = ()


# Fields an Analysis has before any stage runs (from the Article).
GIVEN: frozenset[str] = frozenset({"source", "text", "metadata", "format", "removed"})

BUILTIN: tuple[StageSpec, ...] = (
    StageSpec("unspin.clean.v1", "unspin.stages.clean:CleanStage",
              requires=("text", "removed", "metadata"), assigns=("removed", "metadata"),
              summary="set aside widgets, boilerplate and syndication lines; the origin "
                      "outlet they name"),
    StageSpec("unspin.parts.v1", "unspin.stages.parts:PartsStage",
              requires=("text", "removed", "metadata", "format"),
              assigns=("parts", "metadata", "removed"),
              summary="headline and standfirst of a plain-text article; a wire dateline "
                      "recorded and set aside"),
    StageSpec("unspin.language.v1", "unspin.stages.language:LanguageStage",
              requires=("text", "removed", "metadata"), assigns=("language", "metadata"),
              summary="identify the language (py3langid)", loads="language identifier"),
    StageSpec("unspin.nlp.v1", "unspin.stages.nlp:NlpStage",
              requires=("text", "removed", "language"),
              assigns=("sentences", "entities", "doc"),
              config={"batch_size": 16},
              summary="sentences and named entities (spaCy)",
              loads="spaCy's English pipeline"),
    StageSpec("unspin.russian_nlp.v1", "unspin.stages.russian_nlp:RussianNlpStage",
              requires=("text", "removed", "language"), assigns=("sentences", "entities"),
              summary="sentences and named entities of a Russian article (razdel, slovnet); "
                      "other articles untouched"),
    StageSpec("unspin.encode.v1", "unspin.stages.encode:EncodeStage",
              requires=("text", "removed", "language"), assigns=("token_states",),
              summary="read the text in context with the MiniLM encoder, once for every "
                      "model that needs token states",
              loads="MiniLM encoder", options=("device",)),
    StageSpec("unspin.techniques.v1", "unspin.stages.techniques:TechniquesStage",
              requires=("text", "removed", "language", "token_states"),
              assigns=("techniques", "technique_setting", "technique_density",
                       "persuasion_score"),
              config={"setting": "precision"},
              summary="persuasion-technique spans (the tagger trained here), their density "
                      "and the article's persuasion score",
              loads="technique tagger"),
    StageSpec("unspin.quotes.v1", "unspin.stages.quotes:QuotesStage",
              requires=("text", "removed", "metadata", "language", "sentences", "entities",
                        "doc"),
              assigns=("quotes",),
              summary="direct and reported speech with cue and speaker",
              loads="spaCy's English pipeline, first-name genders"),
    StageSpec("unspin.sources.v1", "unspin.stages.sources:SourcesStage",
              requires=("text", "sentences", "entities", "quotes", "doc", "token_states"),
              assigns=("sources", "attributions", "quotes"),
              summary="who stands behind each sentence: named, document, vague or none"),
    StageSpec("unspin.claims.v1", "unspin.stages.claims:ClaimsStage",
              requires=("text", "removed", "metadata", "language", "sentences", "doc",
                        "token_states", "attributions"),
              assigns=("claims", "claim_vectors"),
              config={"vectors": False},
              summary="check-worthy sentences with numbers, comparisons, forecasts and "
                      "source",
              loads="check-worthiness head"),
    StageSpec("unspin.russian_findings.v1",
              "unspin.stages.russian_findings:RussianFindingsStage",
              requires=("text", "removed", "metadata", "language", "sentences", "entities"),
              assigns=("sources", "attributions", "quotes", "claims"),
              summary="sources, quotes and check-worthy claims of a Russian article (Russian "
                      "rules, cross-lingual head); other articles untouched"),
    StageSpec("unspin.sourcing.v1", "unspin.stages.sourcing:SourcingStage",
              requires=("language", "sentences", "attributions", "claims"),
              assigns=("sourcing",),
              summary="how well the claims are sourced"),
)

DEFAULT_STAGES: tuple[str, ...] = tuple(spec.name for spec in BUILTIN)

_EXTRA: dict[str, StageSpec] = {}


def register(spec: StageSpec) -> StageSpec:
    """Add a stage of your own; its ``factory`` may be a callable or a ``module:name``.
    Worker processes learn the stages registered here with their work, so the factory
    must be importable there (a module-level name, not a lambda).

    Raises:
        ValueError: the name is a built-in stage's.
    """
    if any(spec.name == b.name for b in BUILTIN):
        raise ValueError(f"{spec.name} is a built-in stage")
    _EXTRA[spec.name] = spec
    return spec


def extra(names: tuple[str, ...] | None = None) -> tuple[StageSpec, ...]:
    """The stages registered in this process (not the built-ins), or those of them among
    ``names``, for worker processes, which start with the built-ins only."""
    return tuple(spec for name, spec in _EXTRA.items() if names is None or name in names)


def specs() -> dict[str, StageSpec]:
    """Every stage by name: the built-ins in pipeline order, then registered ones."""
    return {**{spec.name: spec for spec in BUILTIN}, **_EXTRA}


def registered() -> list[str]:
    return sorted(specs())
