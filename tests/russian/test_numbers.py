"""Russian numbers: the cases issue 20 names («21 602», «более 21 тысячи», «около 3,5 млрд
рублей», «в октябре», «с 2023 года») and the Russian seed's expected numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from unspin.russian.numbers import find_numbers, find_periods

DATA = Path(__file__).resolve().parents[1] / "data" / "ru"


@pytest.mark.parametrize("text,figure,value,bound,hedge,unit,kind", [
    ("Уволены 21 602 человека.", "21 602", 21602, "exact", None, "человека", "count"),
    ("Уволены 21\u00a0602 человека.", "21\u00a0602", 21602, "exact", None, "человека", "count"),
    ("Уволены 21\u202f602 человека.", "21\u202f602", 21602, "exact", None, "человека", "count"),
    ("Ликвидировано более 21 тысячи рабочих мест в промышленности.", "21 тысячи", 21000,
     "lower", "более", "рабочих мест", "count"),
    ("На ремонт ушло около 3,5 млрд рублей.", "3,5 млрд рублей", 3.5e9, "approximate",
     "около", "RUB", "money"),
    ("Товарооборот достиг не менее 240 млрд долларов.", "240 млрд долларов", 2.4e11, "lower",
     "не менее", "USD", "money"),
    ("Экспорт вырос почти на 40%.", "40%", 40, "exact", None, "%", "percent"),
    ("Отгрузки составили 7,4 млн тонн.", "7,4 млн", 7.4e6, "exact", None, "тонн", "count"),
])
def test_russian_numbers_read_the_russian_way(text: str, figure: str, value: float,
                                              bound: str, hedge: str | None,
                                              unit: str | None, kind: str) -> None:
    [number] = find_numbers(text)
    assert text[number.start:number.end] == figure == number.text
    assert number.value == pytest.approx(value)
    assert (number.bound, number.hedge, number.unit, number.kind) == (bound, hedge, unit, kind)


def test_russian_numbers_hedges_set_the_bounds() -> None:
    [lower] = find_numbers("более 21 тысячи")
    assert (lower.low, lower.high) == (21000, None)
    [upper] = find_numbers("менее 5 тысяч")
    assert (upper.low, upper.high) == (None, 5000)


def test_russian_numbers_skip_times_and_glued_figures() -> None:
    assert find_numbers("(на 05:14 МСК)") == []
    assert [n.text for n in find_numbers("в сезоне 2024/25 и модель Т-72")] == []


def test_russian_periods_resolve_months_and_years() -> None:
    published = dt.date(2024, 11, 24)
    [october] = find_periods("только в октябре", published=published)
    assert (october.resolved_start, october.resolved_end) == ("2024-10-01", "2024-10-31")
    [december] = find_periods("в декабре", published=published)
    assert december.resolved_start == "2023-12-01"  # the last December before publication
    [unknown] = find_periods("в октябре")
    assert unknown.resolved_start is None and unknown.unresolved_reason
    [since] = find_periods("нарастал с 2023 года", published=published)
    assert (since.text, since.resolved_start, since.resolved_end) == (
        "с 2023 года", "2023-01-01", "2024-11-24")
    [year] = find_numbers("нарастал с 2023 года")
    assert (year.kind, year.value, year.text) == ("year", 2023, "2023 года")


def test_russian_numbers_on_the_russian_seed() -> None:
    """Every number the analyst expects in the Russian seed, read from its paragraph, with
    its value, bound, hedge and period; the widget prices are not in that list (they are
    the cleaner's to remove)."""
    text = (DATA / "seed-ru.txt").read_text(encoding="utf-8")
    expected = json.loads((DATA / "seed-ru.expected.json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(expected["published"])
    for want in expected["numbers"]:
        start, end = want["span"]
        para_start = text.rfind("\n\n", 0, start) + 2
        para_end = text.find("\n\n", end)
        found = {(n.start, n.end): n for n in find_numbers(text, para_start, para_end,
                                                           published=published)}
        number = found[(start, end)]
        assert number.value == want["value"]
        assert number.hedge == want.get("hedge")
        if "bound" in want:
            assert (number.bound, number.low, number.high) == (
                want["bound"], want["low"], want["high"])
        if "unit" in want:
            assert number.unit == want["unit"]
        assert number.period is not None
        assert [number.period.start, number.period.end] == want["period"]["span"]
        resolved = want["period"].get("resolved")
        if resolved:
            assert [number.period.resolved_start, number.period.resolved_end] == resolved
