"""Options: the shipped defaults, with the user's overrides laid over them and validated.

Settings that only one stage reads live with that stage in the registry
(``registry.py``, its ``config``) and are overridden through ``stage_config``:

    Options(stage_config={"unspin.claims.v1": {"vectors": True}})
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError
from .models.device import DEVICES
from .registry import DEFAULT_STAGES, specs

MB = 1024 * 1024

# Per-stage overrides, frozen so that Options stays hashable (one pipeline per process and
# options is cached by them): ((stage name, ((setting, value), ...)), ...), sorted.
StageConfig = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


@dataclass(frozen=True, slots=True)
class Options:
    """Every setting unspin reads; all of them are documented in docs/configuration.md.

    Attributes:
        max_input_bytes: inputs larger than this are refused (files, stdin, downloads).
        fetch_timeout: seconds allowed for each network phase of a URL fetch.
        max_redirects: redirects followed before a fetch is refused.
        allow_private: fetch URLs that resolve to private, loopback or link-local addresses.
        user_agent: the User-Agent header sent when fetching.
        min_article_chars: an extracted page with less main text than this has no article.
        stages: the pipeline, by registered stage name.
        stage_config: settings of single stages over their defaults, by stage name
            (give a mapping; it is kept frozen).
        device: where the encoder runs: ``auto`` (a CUDA GPU when there is one), ``cpu``
            or ``cuda``.
        workers: processes used for a multi-input run (0 = one per CPU core).
        batch_size: articles analysed together, a batch at a time, by a worker.
        site: the outlet that published every article of this run, when the user knows
            it (``--site``); wins over the site a page names, not over a JSON Lines
            record's own ``site``. Plain-text files name no outlet otherwise.
    """

    max_input_bytes: int = 5 * MB
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "unspin/0.1 (+https://github.com/unspin/unspin)"
    min_article_chars: int = 200
    stages: tuple[str, ...] = DEFAULT_STAGES
    stage_config: StageConfig = ()
    device: str = "auto"
    workers: int = 0
    batch_size: int = 8
    site: str | None = None

    def __post_init__(self) -> None:
        # A mapping or list given here is frozen, so Options stays hashable.
        if isinstance(self.stage_config, Mapping):
            object.__setattr__(self, "stage_config",
                               merge_stage_config((), self.stage_config))
        if isinstance(self.stages, list):
            object.__setattr__(self, "stages", tuple(self.stages))
        _validate(self)

    def replace(self, **overrides: Any) -> Options:
        return make_options(self, **overrides)

    def config_for(self, stage: str) -> dict[str, Any]:
        """The settings given for ``stage`` (its defaults are in the registry)."""
        return dict(dict(self.stage_config).get(stage, ()))


def make_options(base: Options | None = None, **overrides: Any) -> Options:
    """Lay ``overrides`` over ``base`` (or the defaults); unknown names and bad values raise.

    ``stage_config`` is merged stage by stage and setting by setting into ``base``'s.
    """
    base = base or Options()
    names = {f.name for f in dataclasses.fields(Options)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ConfigError(f"unknown option {unknown[0]!r}; valid options: {', '.join(sorted(names))}")
    given = {k: v for k, v in overrides.items() if v is not None}
    if "stage_config" in given:
        given["stage_config"] = merge_stage_config(base.stage_config, given["stage_config"])
    return dataclasses.replace(base, **given)


def merge_stage_config(base: StageConfig, more: Mapping[str, Mapping[str, Any]] | StageConfig
                       ) -> StageConfig:
    """``base`` with the settings of ``more`` laid over it, checked against the registry.

    Raises:
        ConfigError: an unknown stage, an unknown setting, or a value of the wrong type.
    """
    known = specs()
    merged = {stage: dict(settings) for stage, settings in base}
    for stage, settings in dict(more).items():
        if stage not in known:
            raise ConfigError(f"stage_config: unknown stage {stage!r}; registered stages: "
                              f"{', '.join(known)}")
        defaults = known[stage].config
        for key, value in dict(settings).items():
            if key not in defaults:
                valid = ", ".join(defaults) or "none"
                raise ConfigError(f"stage_config: {stage} has no setting {key!r}; its "
                                  f"settings: {valid}")
            _check_type(stage, key, value, defaults[key])
            merged.setdefault(stage, {})[key] = value
    return tuple(sorted((stage, tuple(sorted(s.items()))) for stage, s in merged.items()))


def _check_type(stage: str, key: str, value: Any, default: Any) -> None:
    expected = type(default)
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if not ok:
        raise ConfigError(f"stage_config: {stage} setting {key!r} must be "
                          f"{expected.__name__}, got {value!r}")


def _validate(options: Options) -> None:
    positive = ("max_input_bytes", "fetch_timeout", "min_article_chars", "batch_size")
    for name in positive:
        if getattr(options, name) <= 0:
            raise ConfigError(f"option {name} must be positive, got {getattr(options, name)!r}")
    if options.max_redirects < 0 or options.workers < 0:
        raise ConfigError("options max_redirects and workers must be zero or more")
    if options.device not in DEVICES:
        raise ConfigError(f"option device must be one of {', '.join(DEVICES)}, "
                          f"got {options.device!r}")
