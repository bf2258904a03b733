"""The server's analyser: claims are embedded only for analyses that go into the corpus."""

from __future__ import annotations

import asyncio
import sys
import types

import pytest

from unspin.config import Options
from unspin.document import Analysis, Article, Source
from unspin.web import analyser as analyser_module
from unspin.web.analyser import Analyser

CLAIMS = "unspin.claims.v1"


@pytest.mark.parametrize("store,embedded", [(False, {}), (True, {"vectors": True})])
def test_analyser_embeds_claims_only_for_what_is_stored(
        monkeypatch: pytest.MonkeyPatch, cheap: Options, store: bool,
        embedded: dict[str, bool]) -> None:
    seen: list[Options] = []

    def fake_pipeline(options: Options) -> object:
        seen.append(options)
        return lambda article: Analysis(article.source, article.text,
                                        article.metadata)

    monkeypatch.setattr(analyser_module, "pipeline_for", fake_pipeline)
    analyser = Analyser(cheap)
    try:
        article = Article(Source(path="a.txt"), "Officials said 3 trains stopped.")
        asyncio.run(analyser.analyse(article, store=store))
        asyncio.run(analyser.analyse(article, cheap, store=store))  # a request's own stages
    finally:
        analyser.close()
    assert [options.config_for(CLAIMS) for options in seen] == [embedded, embedded]
    assert analyser.store_options.config_for(CLAIMS) == {"vectors": True}


def test_analyser_gives_torch_its_threads_once_imported(monkeypatch: pytest.MonkeyPatch,
                                                         cheap: Options) -> None:
    threads = {"n": 2}
    fake = types.SimpleNamespace(get_num_threads=lambda: threads["n"],
                                 set_num_threads=lambda n: threads.update(n=n))
    analyser = Analyser(cheap, threads=1)
    try:
        monkeypatch.delitem(sys.modules, "torch", raising=False)
        # The work imports torch (as loading the models does): limited once it returns.
        analyser.submit(lambda: monkeypatch.setitem(sys.modules, "torch", fake)).result()
        assert threads["n"] == 1
        threads["n"] = 4  # something else changed it: the next piece of work sets it back
        assert analyser.submit(lambda: threads["n"]).result() == 1
    finally:
        analyser.close()
