"""Options: the shipped defaults, with the user's overrides laid over them and validated."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

MB = 1024 * 1024

DEFAULT_STAGES: tuple[str, ...] = (
    "unspin.clean.v1",
    "unspin.language.v1",
    "unspin.nlp.v1",
    "unspin.techniques.v1",
    "unspin.quotes.v1",
    "unspin.sources.v1",
    "unspin.claims.v1",
)


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
        workers: processes used for a multi-input run (0 = one per CPU core).
        batch_size: articles per batch handed to the NLP models.
        claim_vectors: embed each claim for claim matching (``corpus add`` turns it on).
    """

    max_input_bytes: int = 5 * MB
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "unspin/0.1 (+https://github.com/unspin/unspin)"
    min_article_chars: int = 200
    stages: tuple[str, ...] = DEFAULT_STAGES
    workers: int = 0
    batch_size: int = 16
    claim_vectors: bool = False

    def replace(self, **overrides: Any) -> Options:
        return make_options(self, **overrides)


def make_options(base: Options | None = None, **overrides: Any) -> Options:
    """Lay ``overrides`` over ``base`` (or the defaults); unknown names and bad values raise."""
    base = base or Options()
    names = {f.name for f in dataclasses.fields(Options)}
    unknown = sorted(set(overrides) - names)
    if unknown:
        raise ConfigError(f"unknown option {unknown[0]!r}; valid options: {', '.join(sorted(names))}")
    options = dataclasses.replace(base, **{k: v for k, v in overrides.items() if v is not None})
    _validate(options)
    return options


def _validate(options: Options) -> None:
    positive = ("max_input_bytes", "fetch_timeout", "min_article_chars", "batch_size")
    for name in positive:
        if getattr(options, name) <= 0:
            raise ConfigError(f"option {name} must be positive, got {getattr(options, name)!r}")
    if options.max_redirects < 0 or options.workers < 0:
        raise ConfigError("options max_redirects and workers must be zero or more")
    if isinstance(options.stages, list):
        object.__setattr__(options, "stages", tuple(options.stages))
