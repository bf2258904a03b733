"""The word-shingle scorer for main-text extraction, and a quality gate on the Readability
test pages: unspin ahead of trafilatura's default mode on precision and F1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from unspin.evaluation.extraction import (
    Score,
    held_out,
    mean,
    readability_pages,
    score,
    shingles,
)


def test_extraction_shingles_are_lowercased_word_runs() -> None:
    found = shingles("The Cat sat, on the mat!", size=3)
    assert found == {("the", "cat", "sat"): 1, ("cat", "sat", "on"): 1, ("sat", "on", "the"): 1,
                     ("on", "the", "mat"): 1}
    assert shingles("Two words", size=4) == {("two", "words"): 1}
    assert shingles("…!", size=4) == {}


def test_extraction_score_counts_shingles_as_multisets() -> None:
    expected = "one two three four five six"
    exact = score(expected, expected, size=2)
    assert (exact.precision, exact.recall, exact.f1) == (1.0, 1.0, 1.0)
    half = score("one two three four", expected, size=2)  # 3 of 5 shingles, all right
    assert half.precision == 1.0 and half.recall == pytest.approx(3 / 5)
    padded = score(expected + " menu home login", expected, size=2)
    assert padded.recall == 1.0 and padded.precision == pytest.approx(5 / 8)
    twice = score(f"{expected} {expected}", expected, size=2)
    assert twice.shared == 5 and twice.precision == pytest.approx(5 / 11)


def test_extraction_score_of_nothing() -> None:
    missed = score("", "some expected words here now")
    assert (missed.precision, missed.recall, missed.f1) == (0.0, 0.0, 0.0)
    assert score("", "").f1 == 1.0
    assert Score(found=4, expected=0, shared=0).recall == 1.0


def test_extraction_mean_is_per_page_with_spread() -> None:
    scores = [Score(10, 10, 10), Score(10, 10, 0)]
    m = mean(scores)
    assert (m.pages, m.precision, m.recall, m.f1) == (2, 0.5, 0.5, 0.5)
    assert m.f1_sd == pytest.approx(2 ** 0.5 / 2)
    assert mean([]).pages == 0


def test_extraction_held_out_is_a_stable_third() -> None:
    names = [f"page-{i}" for i in range(900)]
    share = sum(held_out(n) for n in names) / len(names)
    assert 0.28 < share < 0.39
    assert [held_out(n) for n in names] == [held_out(n) for n in names]


def test_extraction_readability_pages_reads_a_folder(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "one"
    page.mkdir(parents=True)
    (page / "source.html").write_text("<html><body><p>Hello there.</p></body></html>")
    (page / "expected.html").write_text("<div><p>Hello <b>there</b>.</p><p>Bye.</p></div>")
    (tmp_path / "pages" / "broken").mkdir()
    (found,) = readability_pages(tmp_path)
    assert (found.name, found.expected) == ("one", "Hello there.\n\nBye.")


# Pinned floors, measured with benchmarks/extraction_readability.py (docs/benchmarks.md):
# a rule that quietly breaks extraction fails here.
PRECISION_FLOOR = 0.95
F1_FLOOR = 0.93


@pytest.mark.slow
def test_extraction_unspin_ahead_of_trafilatura_default(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "readability-test-pages"
    if not (folder / "pages").is_dir():
        pytest.skip(f"needs the Readability test pages in {folder}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        import extraction_readability as bench
    finally:
        sys.path.pop(0)
    pages = bench.english_pages(folder)
    scores, _ = bench.run(pages)
    ours = mean(scores["unspin"].values())
    library = mean(scores["trafilatura"].values())
    assert ours.precision >= PRECISION_FLOOR and ours.f1 >= F1_FLOOR, ours
    assert ours.precision > library.precision and ours.f1 > library.f1, (ours, library)
