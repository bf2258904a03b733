"""The Russian stage: Russian articles get razdel sentences and slovnet entities (the
Russian seed's expected entities all found, no sentence carrying a removed widget); every
other article passes through untouched, so English outputs do not change."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from unspin.document import Analysis, Article, Language, Removed, Sentence, Source
from unspin.stages.russian_nlp import RussianNlpStage

DATA = Path(__file__).resolve().parents[1] / "data" / "ru"


def _analysis(text: str, code: str, removed: list[Removed] | None = None) -> Analysis:
    analysis = Analysis.from_article(Article(source=Source(path="a.txt"), text=text))
    analysis.language = Language(code, 1.0, code == "en")
    analysis.removed = removed or []
    return analysis


@pytest.mark.parametrize("code", ["en", "uk", "fr"])
def test_russian_nlp_leaves_other_languages_untouched(code: str) -> None:
    analysis = _analysis("Some text. Another sentence.", code)
    analysis.sentences = [Sentence(0, 10, "Some text.")]
    before = copy.deepcopy(analysis)
    assert RussianNlpStage()(analysis) == before


@pytest.mark.slow  # loads slovnet's NER
def test_russian_nlp_on_the_russian_seed_finds_every_expected_entity() -> None:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    text = (DATA / "seed-ru.txt").read_text(encoding="utf-8")
    expected = json.loads((DATA / "seed-ru.expected.json").read_text(encoding="utf-8"))
    analysis = RussianNlpStage()(_analysis(text, "ru"))
    lemmas = {" ".join(morph.parse(w)[0].normal_form for w in e.text.lower().split())
              for e in analysis.entities}
    for name in expected["entities"]:
        assert name.lower() in lemmas, name
    assert analysis.sentences[0].text == expected["parts"][0]["text"]  # the headline alone
    assert any("Russian" in note for note in analysis.notes)


@pytest.mark.slow  # loads slovnet's NER
def test_russian_nlp_sentences_skip_removed_spans() -> None:
    text = "Министр заявил о росте. Купить книгу 489 ₽ Подробнее. Рост продолжится."
    start = text.index("Купить")
    widget = Removed(start, text.index("Подробнее.") + len("Подробнее."),
                     text[start:text.index("Подробнее.") + len("Подробнее.")], "ad", "test")
    analysis = RussianNlpStage()(_analysis(text, "ru", [widget]))
    assert [s.text for s in analysis.sentences] == ["Министр заявил о росте.",
                                                    "Рост продолжится."]
    assert all(not (widget.start <= e.start < widget.end) for e in analysis.entities)
