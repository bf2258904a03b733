"""corpus add: everything stored once, findings in their tables, failures recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import unspin
from unspin.config import Options
from unspin.corpus import Corpus, Counts, open_corpus
from unspin.corpus.rows import content_id

from .conftest import EXAMPLES


def test_add_examples_stores_every_article_with_metadata(examples_corpus: Corpus) -> None:
    rows = examples_corpus.execute(
        "SELECT source, site, date, language, format FROM articles ORDER BY source").rows
    assert len(rows) == 9
    by_source = {r[0]: r[1:] for r in rows}
    assert by_source["https://metrodaily.example/2024/03/06/night-trains-end"] == (
        "Metro Daily", "2024-03-06", "en", "html")
    assert by_source[str(EXAMPLES / "town-council-budget.txt")][2:] == ("en", "text")
    assert by_source[str(EXAMPLES / "coastal-herald-rail-cuts.html")][:2] == (
        "Coastal Herald", "2024-03-05")


def test_add_ids_are_content_hashes_and_analysis_is_the_json(examples_corpus: Corpus) -> None:
    for article_id, analysis in examples_corpus.execute(
            "SELECT id, analysis FROM articles").rows:
        data = json.loads(analysis)
        assert article_id == content_id(data["text"])
        assert data["schema_version"] == unspin.ANALYSIS_SCHEMA_VERSION and "stages" in data


def test_add_removed_spans_point_into_the_text(examples_corpus: Corpus) -> None:
    rows = examples_corpus.execute(
        "SELECT r.start, r.\"end\", r.text, r.kind, a.analysis->>'$.text', a.origin "
        "FROM removed r JOIN articles a ON a.id = r.article_id").rows
    assert rows, "the Coastal Herald copy has a syndication line"
    for start, end, text, kind, full, origin in rows:
        assert full[start:end] == text
        if kind == "syndication":
            assert origin == "Valley Gazette"


def test_add_again_skips_everything_before_analysis(tmp_path: Path, cheap: Options,
                                                   monkeypatch) -> None:
    import unspin.corpus.add as add_module

    inputs = [str(EXAMPLES / "wires.jsonl"), str(EXAMPLES / "metro-daily.rss")]
    with open_corpus(tmp_path / "again.duckdb") as corpus:
        first = corpus.add(inputs, options=cheap)
        assert (first.stored, first.skipped, first.failed) == (4, 0, 0)

        def no_analysis(*args: object) -> None:
            raise AssertionError("a stored article was analysed again")

        monkeypatch.setattr(add_module, "analyse_and_prepare", no_analysis)
        again = corpus.add(inputs, options=cheap)
        assert corpus.execute("SELECT count(*) FROM articles").scalar() == 4
    assert (again.stored, again.skipped, again.failed, again.total) == (0, 4, 0, 4)


def test_add_same_text_twice_in_one_run_is_stored_once(tmp_path: Path, cheap: Options) -> None:
    text = "A council meeting ran late and decided nothing of note, residents said.\n"
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with open_corpus(tmp_path / "once.duckdb") as corpus:
        counts = corpus.add([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                             str(tmp_path / "c.txt")], options=cheap)
        assert (counts.stored, counts.skipped) == (1, 2)
        assert corpus.execute("SELECT source FROM articles").rows == [(str(tmp_path / "a.txt"),)]


def test_add_failures_are_recorded_and_the_rest_stored(tmp_path: Path, cheap: Options) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (tmp_path / "bad.jsonl").write_text('{"text": "fine, a short story"}\n{oops\n',
                                        encoding="utf-8")
    seen: list[Counts] = []
    with open_corpus(tmp_path / "fail.duckdb") as corpus:
        counts = corpus.add([str(tmp_path), str(tmp_path / "missing.txt"),
                             str(EXAMPLES / "town-council-budget.txt")], options=cheap,
                            on_progress=lambda c: seen.append(Counts(c.total, c.stored,
                                                                     c.skipped, c.failed)))
        failures = corpus.execute("SELECT input, reason, error, exit_code FROM failures "
                                  "ORDER BY input").rows
    assert (counts.stored, counts.failed, counts.total) == (2, 4, 6)
    assert [(Path(f[0]).name, f[2], f[3]) for f in failures] == [
        ("bad.jsonl#2", "InputError", 2), ("empty.txt", "EmptyInput", 2),
        ("image.txt", "BinaryInput", 2), ("missing.txt", "InputNotFound", 3)]
    assert all(not f[1].startswith(f[0]) for f in failures)  # the reason does not repeat it
    assert len(counts.messages) == 4
    assert seen[-1] == Counts(6, 2, 0, 4) and all(c.total == 6 for c in seen)


@pytest.mark.slow
def test_add_full_pipeline_fills_claims_quotes_and_sources(tmp_path: Path) -> None:
    """One article through the shipped pipeline: its findings land in their tables."""
    with open_corpus(tmp_path / "full.duckdb") as corpus:
        counts = corpus.add([str(EXAMPLES / "valley-gazette-rail-cuts.html")], workers=1)
        assert counts.stored == 1, counts.messages
        found = {t: corpus.execute(f"SELECT count(*) FROM {t}").scalar()
                 for t in ("entities", "quotes", "sources", "claims")}
        analysis = json.loads(corpus.execute("SELECT analysis FROM articles").scalar())
    for table, n in found.items():
        assert n == len(analysis.get(table, [])), table
    assert found["entities"] > 0 and found["quotes"] > 0


def test_add_an_analysis_that_cannot_be_stored_fails_alone(tmp_path: Path) -> None:
    from unspin.corpus.add import store_analyses
    from unspin.document import Analysis, Metadata, Source

    good = Analysis(Source(path="good.txt"), "A perfectly ordinary text about ferries.",
                    Metadata())
    odd = Analysis(Source(path="odd.txt"), "Another text, with a note JSON cannot hold.",
                   Metadata())
    odd.notes.append(object())  # type: ignore[arg-type]
    with open_corpus(tmp_path / "odd.duckdb") as corpus:
        failures = store_analyses(corpus.store, [(content_id(good.text), good),
                                                 (content_id(odd.text), odd)], None)
        assert [f["input"] for f in failures] == ["odd.txt"]
        assert "cannot be stored: TypeError" in failures[0]["reason"]
        assert corpus.execute("SELECT source FROM articles").rows == [("good.txt",)]
        assert corpus.execute("SELECT input FROM failures").rows == [("odd.txt",)]
