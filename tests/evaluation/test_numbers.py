"""The numbers evaluation: label files, pairing, judging and the report (docs/numbers-guidelines.md)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from unspin.document import NumberMention, Period
from unspin.evaluation.numbers import (
    KINDS,
    GoldNumber,
    GoldPeriod,
    GoldSentence,
    check_surfaces,
    found_kind,
    judge,
    pair,
    predict,
    read_gold,
    read_gold_dir,
    score,
    sentence_from_dict,
    source_of,
    source_text,
)
from unspin.evaluation.pagetext import page_text

LABELS = Path(__file__).resolve().parents[1] / "data" / "numbers"
HANDMADE = LABELS / "handmade.jsonl"
# The second held-out part, labelled blind (its README says how it was drawn).
BLIND = LABELS / "blind"
# The third held-out part, labelled blind after the second was scored and looked at.
BLIND2 = LABELS / "blind2"
BLIND3 = LABELS / "blind3"
# The fifth held-out part, labelled blind; PolNeAR train only, no dev text.
BLIND4 = LABELS / "blind4"
# The sixth held-out part, labelled blind; PolNeAR train only, no dev text.
BLIND5 = LABELS / "blind5"
# The seventh held-out part, labelled blind; PolNeAR train and PTC train texts at odd
# positions of their sorted lists only (a colleague audits the even ones).
BLIND6 = LABELS / "blind6"
REAL = ("polnear.jsonl", "ptc.jsonl", "readability.jsonl")


def plural(word: str) -> str:
    """A stand-in lemmatiser for these tests: enough for regular plurals."""
    return word.removesuffix("s")


def gold(start: int, end: int, kind: str = "count", value: float | None = 5.0, *,
         bound: str = "exact", counted: str | None = "soldier", unit: str | None = None,
         low: float | None = None, high: float | None = None,
         period: GoldPeriod | None = None) -> GoldNumber:
    if bound == "exact" and value is not None:
        low = high = value
    return GoldNumber(start, end, "x" * (end - start), kind, value, low, high, bound,
                      counted=counted, unit=unit, period=period)


def found(start: int, end: int, kind: str = "count", value: float | None = 5.0, *,
          bound: str = "exact", unit: str | None = "soldiers", low: float | None = None,
          high: float | None = None, period: Period | None = None) -> NumberMention:
    if bound == "exact" and value is not None:
        low = high = value
    return NumberMention(start, end, "x" * (end - start), value, low, high, bound, None, unit,
                         period, None, None, kind)


def period(start: int, end: int) -> Period:
    return Period(start, end, "x" * (end - start), None, None, None)


# --------------------------------------------------------------------------- label files


def line(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "t", "dataset": "handmade", "published": None, "sentence": [0, 20],
        "text": "Five soldiers left.", "numbers": [
            {"span": [0, 4], "surface": "Five", "kind": "count", "value": 5, "low": 5,
             "high": 5, "bound": "exact", "counted": "soldier"}]}
    data.update(changes)
    return data


def test_numbers_reads_a_label_line() -> None:
    sentence = sentence_from_dict(line())
    assert sentence.numbers[0] == GoldNumber(0, 4, "Five", "count", 5, 5, 5, "exact",
                                             counted="soldier")
    assert check_surfaces(sentence, "Five soldiers left.") == []
    assert check_surfaces(sentence, "Nine soldiers left.") == ["t: 'Five' != 'Nine'"]


@pytest.mark.parametrize("changes,message", [
    ({"dataset": "wikipedia"}, "unknown dataset"),
    ({"numbers": [{"span": [0, 4], "surface": "Five", "kind": "amount"}]}, "unknown kind"),
    ({"numbers": [{"span": [0, 4], "surface": "Five", "kind": "count", "bound": "about"}]},
     "unknown bound"),
    ({"numbers": [{"span": [18, 25], "surface": "x", "kind": "count"}]}, "outside the sentence"),
])
def test_numbers_rejects_a_bad_label(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sentence_from_dict(line(**changes))


def test_numbers_read_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(line()) + "\n\n" + json.dumps(line(dataset="x")) + "\n")
    with pytest.raises(ValueError, match=r"bad.jsonl:3"):
        read_gold(path)


def test_numbers_label_files_are_valid_and_big_enough() -> None:
    """Issue 15: at least 300 numbers from at least 30 real articles, and at least 60
    hand-written numbers; every kind of the guidelines is used."""
    real = [s for name in REAL for s in read_gold(LABELS / name)]
    assert sum(len(s.numbers) for s in real) >= 300
    assert len({(s.dataset, s.file) for s in real}) >= 30
    handmade = read_gold(HANDMADE)
    assert sum(len(s.numbers) for s in handmade) >= 60
    used = Counter(n.kind for s in [*real, *handmade] for n in s.numbers)
    assert set(KINDS) <= set(used)


def test_numbers_handmade_surfaces_match_their_texts() -> None:
    for sentence in read_gold(HANDMADE):
        assert sentence.text is not None
        assert check_surfaces(sentence, sentence.text) == []


@pytest.mark.parametrize("case", [
    "name-9-11", "age-apposition-votes", "age-apposition-has", "age-apposition-was",
    "name-place", "decade", "name-war", "name-version", "period-outlet-name",
    "period-remote-date", "period-contrast", "century", "cases-and-deaths", "money-campaign",
    "name-catch-22", "name-covid", "name-g7", "score", "ratio", "money-bn",
    "points-and-percent", "seed-lower", "seed-exact",
])
def test_numbers_handmade_has_every_case_of_the_issue(case: str) -> None:
    assert f"handmade:{case}" in {s.id for s in read_gold(HANDMADE)}


def test_numbers_labels_never_hold_article_text() -> None:
    """Real articles stay in ../shared: a label holds offsets and short surfaces only."""
    blind = [path for part in (BLIND, BLIND2, BLIND3, BLIND4, BLIND5, BLIND6)
             for path in sorted(part.glob("*.jsonl"))]
    for path in [*(LABELS / name for name in REAL), *blind]:
        for raw in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(raw)
            assert "text" not in data
            assert all(len(n["surface"]) <= 40 for n in data["numbers"])


# --------------------------------------------------------------------------- pairing


def test_numbers_pairs_by_most_overlap_one_to_one() -> None:
    golds = [gold(0, 5), gold(10, 15)]
    found_ = [found(0, 15), found(11, 13), found(30, 32)]
    pairs, spurious = pair(golds, found_)
    assert [(g.start, f.start if f else None) for g, f in pairs] == [(0, 0), (10, 11)]
    assert [f.start for f in spurious] == [30]


def test_numbers_a_range_read_as_two_numbers_leaves_one_spurious() -> None:
    pairs, spurious = pair([gold(0, 15, bound="range", value=None, low=3, high=5)],
                           [found(0, 5), found(10, 15)])
    assert pairs[0][1] is not None and pairs[0][1].start == 0
    assert len(spurious) == 1


# --------------------------------------------------------------------------- judging


@pytest.mark.parametrize("g,f,errors", [
    (gold(0, 2), found(0, 2), ()),
    (gold(0, 2), found(0, 2, unit="Soldiers"), ()),  # compared as lemmas, lower-cased
    (gold(0, 2), None, ("missed",)),
    (gold(0, 2, "age", counted=None), found(0, 2, unit="has"), ("kind age read as count",)),
    (gold(0, 2), found(0, 2, value=6.0), ("value",)),
    (gold(0, 2, bound="lower", low=5.0), found(0, 2), ("bound lower read as exact",)),
    (gold(0, 2), found(0, 2, unit="was"), ("counted noun wrong",)),
    (gold(0, 2), found(0, 2, unit=None), ("counted noun missed",)),
    (gold(0, 2, counted="unknown"), found(0, 2), ("counted noun invented",)),
    (gold(0, 2, counted="unknown"), found(0, 2, unit=None), ()),
    (gold(0, 2, "money", counted=None, unit="dollar"), found(0, 2, "money", unit="dollars"),
     ()),
    (gold(0, 2, "money", counted=None, unit="pound"), found(0, 2, "money", unit="dollars"),
     ("unit wrong",)),
    (gold(0, 2, "percent", counted=None), found(0, 2, "percent", unit="percent"), ()),
    (gold(0, 2, "percentage_points", counted=None),
     found(0, 2, "percent", unit="percentage points"), ()),
    (gold(0, 2, "part_of_name", None, counted=None), None, ()),
    (gold(0, 2, "part_of_name", None, counted=None), found(0, 2),
     ("name read as a quantity",)),
    (gold(0, 2, "part_of_name", None, counted=None), found(0, 2, "part_of_name"), ()),
    (gold(0, 2, "year", 1990.0, bound="range", counted=None, low=1990, high=1999),
     found(0, 2, "year", 1990.0, unit=None), ("value", "bound range read as exact")),
    (gold(0, 2, "score", None, counted=None, low=3, high=1),
     found(0, 2, "score", None, unit=None, low=3, high=1), ()),
    (gold(0, 2, "ratio", 2 / 3, counted="voter"), found(0, 2, "ratio", 0.667, unit="voters"),
     ()),
    (gold(0, 2, "date", None, counted=None), found(0, 2, "date", None, unit=None), ()),
    # One unit in two spellings: a labelled "kilometer" meets a found "kilometre".
    (gold(0, 2, "measure", counted=None, unit="kilometer"),
     found(0, 2, "measure", unit="kilometre"), ()),
    (gold(0, 2, "measure", counted=None, unit="metres"), found(0, 2, "measure", unit="meter"),
     ()),
    (gold(0, 2, "measure", counted=None, unit="kilometer"), found(0, 2, "measure", unit="mile"),
     ("unit wrong",)),
])
def test_numbers_judges_one_number(g: GoldNumber, f: NumberMention | None,
                                   errors: tuple[str, ...]) -> None:
    judgement = judge("s", g, f, plural)
    assert judgement.errors == errors
    assert judgement.fully_right is (errors == ())


@pytest.mark.parametrize("labelled,attached,error", [
    (None, None, None),
    (GoldPeriod(10, 20, "in October"), period(10, 20), None),
    (GoldPeriod(10, 20, "in October"), period(15, 25), None),  # overlap is enough
    (None, period(30, 40), "period attached where none is linked"),
    (GoldPeriod(10, 20, "in October"), None, "period missed"),
    (GoldPeriod(10, 20, "in October"), period(30, 40), "period wrong"),
])
def test_numbers_judges_the_period_apart_from_fully_right(
        labelled: GoldPeriod | None, attached: Period | None, error: str | None) -> None:
    judgement = judge("s", gold(0, 2, period=labelled), found(0, 2, period=attached), plural)
    assert judgement.errors == (() if error is None else (error,))
    assert judgement.period_right is (error is None)
    assert judgement.fully_right


def test_numbers_period_is_not_scored_for_years() -> None:
    judgement = judge("s", gold(0, 4, "year", 2020.0, counted=None),
                      found(0, 4, "year", 2020.0, unit=None, period=period(0, 4)), plural)
    assert judgement.period_right is None and judgement.errors == ()


def test_numbers_found_kind_names_percentage_points() -> None:
    assert found_kind(found(0, 1, "percent", unit="percentage points")) == "percentage_points"
    assert found_kind(found(0, 1, "rank")) == "ordinal"
    assert found_kind(found(0, 1, "percent", unit="percent")) == "percent"


# --------------------------------------------------------------------------- the report


def test_numbers_report_pools_sentences() -> None:
    one = GoldSentence("a", "handmade", None, None, 0, 50,
                       (gold(0, 2), gold(10, 12, "age", counted=None),
                        gold(20, 24, "part_of_name", None, counted=None)))
    two = GoldSentence("b", "handmade", None, None, 0, 50, (gold(0, 2),))
    report = score([(one, [found(0, 2), found(10, 12, unit="was"), found(20, 24)]),
                    (two, [found(30, 32)])], plural)
    assert (report.labelled, report.fully_right, report.sources) == (4, 1, 2)
    assert report.fully_right_rate == 0.25
    assert (report.found, report.paired, report.spurious) == (4, 3, 1)
    assert report.precision == 0.5  # the name and the spurious one count against it
    assert report.errors == Counter({"kind age read as count": 1, "missed": 1,
                                     "name read as a quantity": 1, "spurious": 1})
    assert report.accuracy("kind") == 0.5 and report.field_scored["kind"] == 2
    assert report.to_dict()["by_kind"]["count"] == [1, 2]
    assert len(report.mistakes()) == 4
    assert report.by_source() == {"a": (1, 3), "b": (0, 1)}


def test_numbers_source_of_a_sentence_id() -> None:
    assert source_of("polnear:train/text/x.txt@120") == "polnear:train/text/x.txt"
    assert source_of("handmade:name-9-11") == "handmade:name-9-11"


# --------------------------------------------------------------------------- page text


def test_pagetext_blocks_inline_and_skipped() -> None:
    html = ("<div><p> <span>W</span>hale  whisperer,\n 75,</p><figure><figcaption>A caption"
            "</figcaption></figure><script>var x = 1;</script><p>Two&nbsp;lines<br>here"
            "</p>tail</div>")
    assert page_text(html) == "Whale whisperer, 75,\n\nA caption\n\nTwo lines\n\nhere\n\ntail"


def test_pagetext_is_the_same_on_every_call() -> None:
    html = "<article><h1>Title</h1><ul><li>one</li><li>two</li></ul></article>"
    assert page_text(html) == page_text(html) == "Title\n\none\n\ntwo"


# --------------------------------------------------------------------------- real data


@pytest.mark.slow
def test_numbers_real_labels_point_at_their_surfaces(shared_dir: Path) -> None:
    for sentence in [*read_gold_dir(LABELS), *read_gold_dir(BLIND), *read_gold_dir(BLIND2),
                     *read_gold_dir(BLIND3), *read_gold_dir(BLIND4),
                     *read_gold_dir(BLIND5), *read_gold_dir(BLIND6)]:
        text = source_text(sentence, shared_dir / "data")
        assert check_surfaces(sentence, text) == []
        assert 0 <= sentence.start < sentence.end <= len(text)


# Floors a little under the figures of 2026-12 (docs/numbers-guidelines.md, section 13:
# 0.974 fully right, precision 0.992 over the 30 articles and the hand-written cases):
# a change that reads numbers worse fails here. Raise them as the reading improves.
FULLY_RIGHT_FLOOR = 0.95
PRECISION_FLOOR = 0.98


@pytest.mark.slow
def test_numbers_quality_gate(shared_dir: Path) -> None:
    from unspin.evaluation.numbers import noun_lemma

    pairs = [(s, predict(s, source_text(s, shared_dir / "data")))
             for s in read_gold_dir(LABELS)]
    report = score(pairs, noun_lemma)
    assert report.fully_right_rate >= FULLY_RIGHT_FLOOR, report.to_dict()
    assert report.precision >= PRECISION_FLOOR, report.to_dict()


@pytest.mark.parametrize(("part", "earlier", "numbers", "articles"), [
    (BLIND, [LABELS], 80, 8),
    (BLIND2, [LABELS, BLIND], 130, 10),
    (BLIND3, [LABELS, BLIND, BLIND2], 130, 10),
    (BLIND4, [LABELS, BLIND, BLIND2, BLIND3], 150, 12),
    (BLIND5, [LABELS, BLIND, BLIND2, BLIND3, BLIND4], 150, 12),
    (BLIND6, [LABELS, BLIND, BLIND2, BLIND3, BLIND4, BLIND5], 150, 12),
])
def test_numbers_blind_part_is_big_enough_and_apart(part: Path, earlier: list[Path],
                                                    numbers: int, articles: int) -> None:
    """Each held-out part labelled blind: big enough to score, real articles only, and none
    of them an article of the tuning labels or of an earlier part, so no score read before
    it was labelled saw them. Each sits in a folder the default scoring never reads."""
    labelled = read_gold_dir(part)
    assert sum(len(s.numbers) for s in labelled) >= numbers
    found = {(s.dataset, s.file) for s in labelled}
    assert len(found) >= articles
    assert "handmade" not in {dataset for dataset, _ in found}
    seen = {(s.dataset, s.file) for folder in earlier for s in read_gold_dir(folder)}
    assert not found & seen


@pytest.mark.slow
def test_numbers_seventh_part_keeps_to_odd_positions(shared_dir: Path) -> None:
    """The seventh part draws only texts at odd positions of each sorted list (PolNeAR
    train texts, PTC train articles), so a colleague's audit of the even ones never reads
    an article of it; its README says so."""
    lists = {"polnear": sorted(p.name for p in (shared_dir / "data" / "polnear" / "train"
                                                / "text").iterdir()),
             "ptc": sorted(p.name for p in (shared_dir / "data" / "ptc"
                                            / "train-articles").iterdir())}
    for dataset, file in {(s.dataset, s.file) for s in read_gold_dir(BLIND6)}:
        assert dataset in lists
        assert lists[dataset].index(Path(file).name) % 2 == 1, file


class _Stop(Exception):
    """Raised by the stand-in reader once it has recorded the folder asked for."""


def _numbers_benchmark() -> ModuleType:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        import numbers_eval
    finally:
        sys.path.pop(0)
    return numbers_eval


@pytest.mark.parametrize(("flags", "folder"), [
    ([], "."), (["--blind"], "blind"), (["--blind2"], "blind2"), (["--blind3"], "blind3"),
    (["--blind4"], "blind4"), (["--blind5"], "blind5"), (["--blind6"], "blind6"),
])
def test_numbers_benchmark_reads_a_blind_part_only_when_its_flag_asks(
        flags: list[str], folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default run reads the labels folder itself (never a blind part below it), and each
    blind flag reads its own folder and nothing else."""
    bench = _numbers_benchmark()
    read: list[Path] = []

    def record(path: str | Path) -> list[GoldSentence]:
        read.append(Path(path))
        raise _Stop

    monkeypatch.setattr(bench, "read_gold_dir", record)
    (tmp_path / folder).mkdir(exist_ok=True)
    with pytest.raises(_Stop):
        bench.main([*flags, "--labels", str(tmp_path), "--data", str(tmp_path)])
    assert read == [tmp_path / folder]


@pytest.mark.parametrize("flags", [[], ["--blind5"]])
def test_numbers_benchmark_on_a_missing_labels_folder_says_so_in_one_line(
        flags: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-labels"
    assert _numbers_benchmark().main([*flags, "--labels", str(missing)]) != 0
    out, err = capsys.readouterr()
    assert not out and len(err.strip().splitlines()) == 1 and "no-such-labels" in err
