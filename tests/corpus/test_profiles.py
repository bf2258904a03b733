"""Outlet profiles on a corpus whose figures can be checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.corpus import Corpus, open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id, outlet

from .handmade import Said, analysis

NAMED = "named_person"


@pytest.fixture(scope="module")
def outlets(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Gazette: two articles (March and April 2024), 10 and 20 words, 3 technique spans,
    4 claims of which 3 named; Herald: one undated article of 5 words, no technique."""
    made = [
        analysis("g1.txt", [Said("Anna Berg said rents rose.", NAMED, "Anna Berg",
                                 "Anna Berg"),
                            Said("Rents rose.")], extra="Oslo and Bergen.",
                 site="Gazette", date="2024-03-02", techniques=["Loaded_Language"] * 2,
                 entities=[("Anna Berg", "PERSON"), ("Oslo", "GPE"), ("Bergen", "GPE")]),
        analysis("g2.txt", [Said("Anna Berg said it again and again and again.", NAMED,
                                 "Anna Berg", "Anna Berg"),
                            Said("Acme Ltd said prices fell.", "named_organization",
                                 "Acme Ltd", "Acme Ltd")],
                 extra="In Oslo on Monday, they said.",
                 site="Gazette", date="2024-04-10", techniques=["Doubt"],
                 entities=[("Anna Berg", "PERSON"), ("Oslo", "GPE"), ("Acme Ltd", "ORG"),
                           ("Monday", "DATE")]),
        analysis("h1.txt", [Said("Nobody knows for sure.")], site="Herald"),
    ]
    corpus = open_corpus(tmp_path_factory.mktemp("profiles") / "profiles.duckdb")
    store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
    return corpus


def test_profiles_figures_per_outlet(outlets: Corpus) -> None:
    gazette, herald = outlets.profiles()
    assert (gazette.outlet, herald.outlet) == ("Gazette", "Herald")
    f = gazette.figures
    assert (f.articles, f.words, f.techniques, f.claims, f.named) == (2, 30, 3, 4, 3)
    assert f.technique_rate == pytest.approx(100.0) and f.named_share == pytest.approx(0.75)
    assert gazette.techniques == [("Loaded_Language", 2), ("Doubt", 1)]
    assert gazette.technique_rates()[0] == ("Loaded_Language", pytest.approx(2000 / 30))
    assert gazette.entities == [("Anna Berg", "PERSON", 2), ("Oslo", "GPE", 2),
                                ("Acme Ltd", "ORG", 1), ("Bergen", "GPE", 1)]
    assert (herald.figures.words, herald.figures.technique_rate,
            herald.figures.named_share) == (4, 0.0, 0.0)


def test_profiles_over_time_and_one_outlet(outlets: Corpus) -> None:
    (gazette,) = outlets.profiles("gazette", by="month")
    assert sorted(gazette.periods) == ["2024-03", "2024-04"]
    march, april = gazette.periods["2024-03"], gazette.periods["2024-04"]
    assert (march.articles, march.words, march.techniques, march.claims, march.named) == (
        1, 10, 2, 2, 1)
    assert (april.words, april.named_share) == (20, 1.0)
    (herald,) = outlets.profiles("Herald", by="year")
    assert list(herald.periods) == ["undated"]
    data = gazette.to_dict()
    assert data["named_share"] == 0.75 and data["periods"]["2024-03"]["technique_rate"] == 200
    assert outlets.profiles("Nobody Weekly") == []


def test_profiles_empty_corpus(tmp_path: Path) -> None:
    with open_corpus(tmp_path / "empty.duckdb") as corpus:
        assert corpus.profiles() == []


@pytest.mark.parametrize("site,origin,url,expected", [
    ("Gazette", "Wire", "https://www.g.example/a", "Gazette"),
    (None, "InfoBrics", None, "InfoBrics"),
    (None, None, "https://www.g.example/a", "g.example"),
    (None, None, None, None),  # a plain-text file in folder "pn": unknown, never "pn"
    (" ", None, None, None),
])
def test_profiles_outlet_fallbacks(site: str | None, origin: str | None, url: str | None,
                                   expected: str | None) -> None:
    assert outlet(site, origin, url) == expected


def test_profiles_rates_carry_article_clustered_intervals(outlets: Corpus) -> None:
    # Gazette by hand: articles (words, spans, claims, named) (10, 2, 2, 1), (20, 1, 2, 2).
    # Spans per word 3/30; residuals 2 - 1 and 1 - 2: se = sqrt(2 / 2) / 15 = 1/15.
    # Named share 3/4; residuals 1 - 1.5 and 2 - 1.5: se = sqrt(0.5 / 2) / 2 = 0.25.
    gazette, herald = outlets.profiles()
    low, high = gazette.figures.technique_rate_ci  # type: ignore[misc]
    assert low == 0.0 and high == pytest.approx(1000 * (0.1 + 1.959964 / 15), abs=1e-3)
    low, high = gazette.figures.named_share_ci  # type: ignore[misc]
    assert low == pytest.approx(0.75 - 1.959964 * 0.25, abs=1e-4) and high == 1.0
    assert herald.figures.technique_rate_ci is None  # one article: no interval
    data = gazette.to_dict()
    assert data["technique_rate_ci"] == list(gazette.figures.technique_rate_ci)  # type: ignore[arg-type]
    assert all("rate_ci" in t for t in data["top_techniques"])
    assert data["persuasion_score"] is None and data["scored"] == 0  # made before 1.3


def test_profiles_one_techniques_interval_matches_the_overall_one_when_it_is_alone() -> None:
    from unspin.corpus.profiles import Figures, Profile

    figures = Figures(articles=3, words=60, techniques=6, words_sq=1400.0, techniques_sq=14.0,
                      techniques_words=140.0)
    profile = Profile("x", figures, [("Doubt", 6)], {"Doubt": (14.0, 140.0)})
    assert profile.technique_rate_ci("Doubt", 6) == figures.technique_rate_ci


def test_profiles_mean_interval_by_hand() -> None:
    from unspin.corpus.profiles import mean_interval

    # Values 0.2, 0.4, 0.6: mean 0.4, sd 0.2, half-width 1.96 * 0.2 / sqrt(3).
    low, high = mean_interval(3, 1.2, 0.04 + 0.16 + 0.36)  # type: ignore[misc]
    assert (low, high) == pytest.approx((0.4 - 0.22632, 0.4 + 0.22632), abs=1e-4)
    assert mean_interval(1, 0.5, 0.25) is None
