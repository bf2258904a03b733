"""The numbers ledger: what is "about" a term, grouping, and the conflict rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from unspin.corpus import Corpus, open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.ledger import Value, conflicts, describe, group, term_patterns
from unspin.corpus.rows import content_id
from unspin.errors import CorpusError

from .handmade import Said, analysis

OCTOBER = {"period": "in October", "resolved_start": "2024-10-01",
           "resolved_end": "2024-10-31"}


def value(text: str, v: float | None, bound: str = "exact", *, low: float | None = None,
          high: float | None = None, period: str | None = "in October",
          start: dt.date | None = None, place: str | None = "Ukraine",
          article: str = "a", kind: str = "count") -> Value:
    if bound == "exact":
        low = high = v
    unit = "percent" if kind == "percent" else "soldiers"
    return Value(article, 0, 0, "Outlet", "2024-11-20", text, v, low, high, bound, unit,
                 False, kind, place, period, start, start and dt.date(2024, 10, 31), None,
                 "none", None, None, f"{text} in October.")


@pytest.mark.parametrize("a,b,consistent", [
    (value("21,602", 21602), value("more than 21,000", 21000, "lower", low=21000), True),
    (value("21,602", 21602), value("21,000", 21000), False),  # 20,500-21,500 misses it
    (value("21,602", 21602), value("fewer than 20,000", 20000, "upper", high=20000), False),
    (value("21,602", 21602), value("about 21,000", 21000, "approximate"), True),  # ±10%
    (value("21,400", 21400), value("21,000", 21000), True),  # rounding to thousands
    (value("1,520,000", 1520000), value("1.5 million", 1500000), True),
    (value("4,200", 4200), value("3,000-5,000", None, "range", low=3000, high=5000), True),
    (value("6,200", 6200), value("3,000-5,000", None, "range", low=3000, high=5000), False),
    (value("more than 100", 100, "lower", low=100),
     value("more than 21,000", 21000, "lower", low=21000), True),
    (value("6 percent", 6, kind="percent"), value("8 percent", 8, kind="percent"), False),
    (value("42", 42), value("40", 40), False),  # under 100: taken as written
])
def test_ledger_conflict_rules(a: Value, b: Value, consistent: bool) -> None:
    assert (conflicts([a, b]) == []) is consistent


def test_ledger_conflicts_name_the_pair_and_why() -> None:
    found = conflicts([value("21,602", 21602), value("more than 21,000", 21000, "lower",
                                                     low=21000), value("19,000", 19000)])
    assert [(c.first, c.second) for c in found] == [(0, 2), (1, 2)]
    assert found[0].reason == "21,602 and 19,000 differ by more than rounding"
    assert "at least 21,000" in found[1].reason
    assert describe(value("21,000", 21000)) == "20,500–21,500"


def test_ledger_groups_by_measure_place_and_period() -> None:
    october = dt.date(2024, 10, 1)
    values = [value("21,602", 21602, start=october, place=None),  # same article: Ukraine
              value("more than 21,000", 21000, "lower", low=21000, start=october),
              value("20,000", 20000, start=october, place="Russia", article="b"),
              value("3 percent", 3, kind="percent", start=october),
              value("500", 500, period=None)]
    groups = {(g.measure, g.place, g.period): g for g in group(values)}
    ukraine = groups[("count", "Ukraine", "2024-10")]
    assert [v.text for v in ukraine.values] == ["21,602", "more than 21,000"]
    assert ukraine.verdict == "consistent"
    assert groups[("count", "Russia", "2024-10")].verdict == "one value"
    assert ("percent", "Ukraine", "2024-10") in groups
    assert groups[("count", "Ukraine", "period not stated")].verdict == "one value"


def test_ledger_unresolved_periods_group_by_their_words() -> None:
    values = [value("21,602", 21602, period="in October"),
              value("more than 21,000", 21000, "lower", low=21000, period="in October alone"),
              value("19,000", 19000, period="in October", article="b")]
    (only,) = group(values)
    assert only.period == "october (unresolved)" and only.verdict == "conflict"


def test_ledger_values_without_a_period_are_not_compared() -> None:
    (only,) = group([value("5", 5, period=None), value("900", 900, period=None)])
    assert only.verdict == "not compared: no period stated" and not only.conflicts


@pytest.mark.parametrize("term,yes,no", [
    ("desertions", ["desertions", "deserters", "desertion cases", "Deserted"],
     ["deep", "soldiers"]),
    ("jobs", ["job", "jobs"], ["jobless", "hobs"]),
    ("the refugees", ["refugee", "refugees"], ["refuse"]),
])
def test_ledger_term_patterns(term: str, yes: list[str], no: list[str]) -> None:
    (pattern,) = [p for _, p in term_patterns(term)]
    assert all(pattern.search(w) for w in yes) and not any(pattern.search(w) for w in no)


def test_ledger_term_with_nothing_countable_is_an_error() -> None:
    with pytest.raises(CorpusError, match="--about"):
        term_patterns("of the")


def _counted(text: str, unit: str | None, **more: object) -> dict[str, object]:
    return {"text": text, "unit": unit, **OCTOBER, **more}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Three outlets on October's desertions, one article that names the count in a
    sentence without the word, and one on trains."""
    made = [
        analysis("a.txt", [Said("Officials recorded 21,602 desertions in October.",
                                "named_person", "Igor Lutsenko", "Officials",
                                [_counted("21,602", "desertions", value=21602, low=21602,
                                          high=21602, place="Ukraine")])],
                 site="Kyiv Daily", date="2024-11-20"),
        analysis("b.txt", [Said("Western media say more than 21,000 soldiers deserted "
                                "in October.", "vague", words="Western media",
                                numbers=[_counted("more than 21,000", "soldiers", value=21000,
                                                  low=21000, bound="lower", hedge="more than",
                                                  place="Ukraine")])],
                 site="Front News", date="2024-11-21"),
        analysis("c.txt", [Said("Some 19,000 soldiers deserted in October.",
                                numbers=[_counted("Some 19,000", "soldiers", value=19000,
                                                  bound="approximate", place="Ukraine")])],
                 site="Steppe Post", date="2024-11-22"),
        analysis("d.txt", [Said("The army counted 21,602 desertion cases in October.",
                                numbers=[_counted("21,602", "desertion cases", value=21602,
                                                  low=21602, high=21602)]),
                           Said("Yet 30,000 soldiers left their units in October.",
                                numbers=[_counted("30,000", "soldiers", value=30000,
                                                  low=30000, high=30000, place="Ukraine")])],
                 origin="InfoBrics"),
        analysis("e.txt", [Said("Night trains carried 2,300 passengers in October.",
                                numbers=[_counted("2,300", "passengers", value=2300,
                                                  low=2300, high=2300)])],
                 site="Valley Gazette", date="2024-11-02"),
    ]
    corpus = open_corpus(tmp_path_factory.mktemp("ledger") / "ledger.duckdb")
    store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
    return corpus


def test_ledger_finds_values_by_unit_sentence_and_article(reports: Corpus) -> None:
    found = reports.ledger("desertions")
    (october,) = [g for g in found.groups if g.period == "2024-10"]
    by_text = {(v.outlet, v.text): v for v in october.values}
    assert by_text[("Kyiv Daily", "21,602")].matched_by == "unit"
    assert by_text[("Front News", "more than 21,000")].matched_by == "sentence"
    assert by_text[("Steppe Post", "Some 19,000")].matched_by == "sentence"
    assert by_text[("InfoBrics", "30,000")].matched_by == "article"
    assert by_text[("InfoBrics", "21,602")].source_kind == "none"
    assert october.place == "Ukraine" and len(october.values) == 5  # d's 21,602 adopts it
    assert october.verdict == "conflict"
    assert not any(v.unit == "passengers" for g in found.groups for v in g.values)
    assert by_text[("Front News", "more than 21,000")].source_words == "Western media"


def test_ledger_json_has_every_value(reports: Corpus) -> None:
    data = reports.ledger("deserters").to_dict()
    assert data["stems"] == ["desert"]
    values = [v for g in data["groups"] for v in g["values"]]
    assert {v["outlet"] for v in values} == {"Kyiv Daily", "Front News", "Steppe Post",
                                              "InfoBrics"}
    assert all(v["period_start"] == "2024-10-01" for v in values)
    assert next(v for v in values if v["bound"] == "lower")["interval"] == [21000, None]


def test_ledger_nothing_found_is_empty(reports: Corpus) -> None:
    assert reports.ledger("refugees").groups == []


@pytest.mark.slow
def test_ledger_seed_october_numbers_beside_their_sources(seed_article: Path,
                                                          tmp_path: Path) -> None:
    """The done-criterion of issue #5: the seed's two October figures side by side."""
    import unspin

    seed = unspin.analyze(seed_article)
    with open_corpus(tmp_path / "seed.duckdb") as corpus:
        store_analyses(corpus.store, [(content_id(seed.text), seed)], None)
        found = corpus.ledger("desertions")
    (october,) = [g for g in found.groups if "october" in g.period]
    assert october.period == "october (unresolved)"  # the seed gives no publication date
    values = {v.text: v for v in october.values}
    vague, named = values["more than 21,000"], values["21,602"]
    assert (vague.bound, vague.low, vague.source_kind, vague.source_words) == (
        "lower", 21000, "vague", "Western media")
    assert (named.bound, named.value, named.source_kind, named.source_name) == (
        "exact", 21602, "named_person", "Igor Lutsenko")
    assert october.verdict == "consistent" and {v.outlet for v in october.values} == {
        "InfoBrics"}
