"""The ledger evaluation: the planted test corpus and its scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.corpus.ledger import Conflict, Group, Ledger, Value
from unspin.evaluation.ledger import (
    Agreement,
    Sides,
    TermExpectations,
    article_key,
    article_keys,
    holds_number,
    read_expectations,
    run,
    score,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "ledger"


def value(article: str, text: str) -> Value:
    return Value(article, 0, 0, "Outlet", "2024-03-04", text, None, None, None, "exact",
                 "deaths", False, "count", None, "in February", None, None, None, "none",
                 None, None, f"{text} in February.")


def sides(id_: str, first: list[tuple[str, str]], second: list[tuple[str, str]]) -> Sides:
    return Sides(id_, frozenset(first), frozenset(second))


TERM = TermExpectations(
    "plague",
    agreements=(Agreement("deaths", (("a", "11"), ("b", "Eleven"))),
                Agreement("cases", (("a", "26"), ("c", "26")))),
    conflicts=(sides("disputed", [("a", "11"), ("b", "Eleven")], [("d", "19")]),),
    non_conflicts=(sides("cases-vs-deaths", [("a", "26"), ("c", "26")],
                         [("a", "11"), ("b", "Eleven"), ("d", "19")]),))
KEYS = {"id-a": "a", "id-b": "b", "id-c": "c", "id-d": "d"}


def test_ledger_eval_scores_flags_and_groups() -> None:
    deaths = Group("count", None, "2024-02",
                   [value("id-a", "11"), value("id-b", "Eleven"), value("id-d", "19"),
                    value("id-a", "26")],
                   [Conflict(0, 2, "11 and 19 differ"), Conflict(2, 3, "19 and 26 differ")])
    cases = Group("count", "Peru", "2024-02", [value("id-c", "26")])
    report = score({"plague": Ledger("plague", ["plague"], [deaths, cases])}, [TERM], KEYS)
    assert report.flagged == 2 and report.precision == 0.5
    right, wrong = report.flags
    assert right.right and right.why == "planted conflict disputed"
    assert not wrong.right and wrong.why.startswith("across planted non-conflict cases-vs-deaths")
    assert (report.conflicts, report.conflicts_found) == (1, 1)
    assert (report.agreements, report.agreements_grouped) == (2, 1)
    assert report.agreements_consistent == 0  # the deaths' group reads "conflict"
    assert report.split[0][:2] == ("plague", "cases")
    assert report.missing == []


def test_ledger_eval_reports_missing_values_and_unflagged_conflicts() -> None:
    group = Group("count", None, "2024-02", [value("id-a", "11"), value("id-x", "5")],
                  [Conflict(0, 1, "11 and 5 differ")])
    report = score({"plague": Ledger("plague", ["plague"], [group])}, [TERM], KEYS)
    assert report.precision == 0.0
    assert report.flags[0].why == "a value nothing was planted on"
    assert ("plague", ("d", "19")) in report.missing
    assert report.missed_conflicts == [("plague", "disputed")]
    assert report.conflict_recall == 0.0 and report.grouping == 0.0


def test_ledger_eval_with_nothing_flagged_has_no_precision() -> None:
    report = score({"plague": Ledger("plague", ["plague"], [])}, [TERM], KEYS)
    assert report.precision is None and report.to_dict()["precision"] is None


@pytest.mark.parametrize("text,number,found", [
    ("26 cases", "26", True), ("about 25", "25", True), ("126", "26", False),
    ("2,600", "2", False), ("$612,000", "$612,000", True), ("more than $600,000", "$600,000",
                                                           True),
    ("4.1%", "4.1%", True), ("14.1%", "4.1%", False), ("Eleven people", "Eleven", True),
])
def test_ledger_eval_finds_a_number_only_on_its_own(text: str, number: str,
                                                     found: bool) -> None:
    assert holds_number(text, number) is found


def test_ledger_eval_names_articles_by_their_url() -> None:
    assert article_key("https://andes-daily.example/2024-03-04/plague-arequipa") \
        == "plague-arequipa"
    assert article_keys([("id1", "https://x.example/a/b/"), ("id2", None)]) \
        == {"id1": "b", "id2": ""}


def test_ledger_eval_expectations_name_real_articles_and_numbers() -> None:
    """Every planted value names an article of the corpus and a number written in it, so
    a typo in the expectations cannot pass for a ledger mistake."""
    articles = {article_key(a["url"]): a["text"] for a in map(
        json.loads, (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines())}
    assert 20 <= len(articles) <= 40
    terms = read_expectations(CORPUS / "expectations.json")
    assert {t.term for t in terms} == {"plague", "campaign", "evictions", "unemployment",
                                       "flood"}
    for term in terms:
        refs = {r for a in term.agreements for r in a.values}
        for planted in (*term.conflicts, *term.non_conflicts):
            refs |= planted.first | planted.second
            assert not planted.first & planted.second, planted.id
        for article, number in refs:
            assert article in articles, (term.term, article)
            assert holds_number(articles[article], number), (term.term, article, number)
    assert sum(len(t.agreements) for t in terms) >= 5
    assert sum(len(t.conflicts) for t in terms) >= 3


def test_ledger_eval_rejects_malformed_expectations(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"terms": {"plague": {"conflicts": [{"id": "x",
                                                                    "sides": [[]]}]}}}))
    with pytest.raises(ValueError, match="bad.json"):
        read_expectations(path)


@pytest.mark.slow
def test_ledger_eval_runs_on_the_planted_corpus(tmp_path: Path) -> None:
    """The whole path: the corpus is built with the full pipeline, each term asked, every
    expectation scored (the figures are in docs/numbers-guidelines.md, "Baseline")."""
    report, ledgers = run(CORPUS / "articles.jsonl", CORPUS / "expectations.json", tmp_path,
                          workers=1)
    assert set(ledgers) == {"plague", "campaign", "evictions", "unemployment", "flood"}
    assert (report.agreements, report.conflicts) == (9, 4)
    assert report.flagged == len(report.flags) and all(f.why for f in report.flags)
    # Most planted values reach the ledger: the claims stage keeps their sentences.
    assert len(report.missing) <= 10, report.missing
