"""Fixtures for the web tests: an app over a fresh corpus with the cheap stages (no
model loads), a hand-made analysis stored in it, and clients with and without a token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from unspin.config import Options
from unspin.document import (
    Analysis,
    Claim,
    Entity,
    Metadata,
    NumberMention,
    Part,
    Period,
    Quote,
    Removed,
    Source,
    SourceRef,
    Span,
    TechniqueSpan,
)
from unspin.web import ServeSettings, create_app
from unspin.web.state import State

from ..conftest import CHEAP_STAGES, EXAMPLES  # noqa: F401 - for the tests here

TOKEN = "a-token-of-thirty-two-characters"
TEXT = ("Rail cuts anger the valley\n\n"
        "Officials said more than 21,000 passengers lost their trains in October. "
        "Critics call the plan a brutal disaster. "
        "“It will fail,” said Ana Ruiz, a council member. "
        "Experts say the cuts will grow. Buy now: $4.99 (as of 01:36 UTC)\n")


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _s(cls: type, words: str, *fields: object, after: int = 0) -> object:
    start, end = _span(TEXT, words, after)
    return cls(start, end, words, *fields)


def handmade() -> Analysis:
    """An analysis with a finding in every layer, made by hand (no model)."""
    sentence = "Officials said more than 21,000 passengers lost their trains in October."
    officials = _s(SourceRef, "Officials", "named_organization", "Officials")
    october = _s(Period, "in October", None, None, "year not stated and no publication date")
    number = NumberMention(*_span(TEXT, "more than 21,000"), "more than 21,000", None, 21000.0,
                           None, "lower", "more than", "passengers", october, None, None,
                           "count")
    quote_start, quote_end = _span(TEXT, "“It will fail,” said Ana Ruiz")
    analysis = Analysis(source=Source(path="handmade.txt"), text=TEXT,
                        metadata=Metadata(title="Rail cuts anger the valley", site="Valley Post",
                                          date="2024-03-04"))
    analysis.removed = [_s(Removed, "Buy now: $4.99 (as of 01:36 UTC)", "ad", "price widget")]
    analysis.parts = [_s(Part, "Rail cuts anger the valley", "headline")]
    analysis.techniques = [_s(TechniqueSpan, "brutal", "Loaded_Language", 0.91),
                           _s(TechniqueSpan, "brutal disaster", "Exaggeration,Minimisation", 0.55)]
    analysis.claims = [_s(Claim, sentence, 0.8, officials, [number])]
    analysis.quotes = [Quote(quote_start, quote_end, TEXT[quote_start:quote_end], "direct",
                             _s(Span, "It will fail,"), _s(Span, "said"), _s(Span, "Ana Ruiz"),
                             "Ana Ruiz", "a council member")]
    analysis.sources = [officials, _s(SourceRef, "Experts", "vague")]
    analysis.entities = [_s(Entity, "Ana Ruiz", "PERSON"), _s(Entity, "October", "DATE")]
    analysis.stages = list(CHEAP_STAGES)
    return analysis


def make_client(tmp_path: Path, cheap: Options, *, raise_errors: bool = True,
                **settings: object) -> TestClient:
    """A test client of an app over a corpus in ``tmp_path``; with ``raise_errors`` False
    it sees a server error's response, as a browser would, instead of the exception."""
    fields: dict[str, object] = {"db": tmp_path / "web.duckdb", "options": cheap,
                                 "allowed_hosts": ("testserver",), "warm": False}
    fields.update(settings)
    return TestClient(create_app(ServeSettings(**fields)),  # type: ignore[arg-type]
                      raise_server_exceptions=raise_errors)


def state_of(client: TestClient) -> State:
    state: State = client.app.state.unspin  # type: ignore[attr-defined]
    return state


def store(client: TestClient, analysis: Analysis | None = None) -> str:
    with state_of(client).corpus() as corpus:
        return corpus.add_analysis(analysis or handmade())


@pytest.fixture
def client(tmp_path: Path, cheap: Options) -> Iterator[TestClient]:
    with make_client(tmp_path, cheap) as made:
        yield made


@pytest.fixture
def stored(client: TestClient) -> str:
    return store(client)


@pytest.fixture
def token_client(tmp_path: Path, cheap: Options) -> Iterator[TestClient]:
    with make_client(tmp_path, cheap, token=TOKEN) as made:
        yield made
