"""The store: opening what is not a corpus fails in one line; rows come from to_dict()."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from unspin.corpus import SPAN_TABLES, Corpus, open_corpus
from unspin.corpus.rows import content_id, rows_for
from unspin.corpus.store import DEFAULT_DB, Store
from unspin.document import (
    Analysis,
    Claim,
    Entity,
    Metadata,
    Quote,
    Removed,
    Source,
    SourceRef,
    Span,
    TechniqueSpan,
)
from unspin.errors import CorpusError

TEXT = ('Officials said the port "will reopen on Monday". Shares fell 4% after the news. '
        "Advertisement: buy now")


@pytest.mark.parametrize("make,message", [
    (lambda d: d / "missing" / "c.duckdb", "does not exist"),
    (lambda d: _write(d / "random.duckdb", bytes(range(256)) * 40), "not a readable corpus"),
    (lambda d: _write(d / "text.duckdb", b"hello\n"), "not a readable corpus"),
    (lambda d: d, "is a directory"),
])
def test_store_open_refuses_in_one_line(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(CorpusError, match=message) as error:
        Store.open(path)
    assert "\n" not in str(error.value)
    if before is not None:
        assert path.read_bytes() == before  # nothing written to a file we cannot read


def test_store_open_without_create_needs_the_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no corpus here"):
        Store.open(tmp_path / "none.duckdb", create=False)
    assert not (tmp_path / "none.duckdb").exists()


def test_store_second_writer_is_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "busy.duckdb"
    with open_corpus(path):
        code = ("from unspin.corpus import open_corpus\n"
                f"open_corpus({str(path)!r})")
        done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True,
                              text=True)
    assert done.returncode != 0 and "open in another process" in done.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _analysis() -> Analysis:
    said = TEXT.index("said")
    content = Span(said + 9, said + 37, TEXT[said + 9:said + 37])
    analysis = Analysis(Source(path="port.txt"), TEXT, Metadata(title="Port", site="Wire"))
    analysis.removed = [Removed(TEXT.index("Advertisement"), len(TEXT),
                                TEXT[TEXT.index("Advertisement"):], "ad", "ad-label")]
    analysis.entities = [Entity(0, 9, "Officials", "NORP")]
    analysis.techniques = [TechniqueSpan(49, 60, TEXT[49:60], "Loaded_Language", 0.8)]
    analysis.quotes = [Quote(0, 48, TEXT[:48], "direct", content, Span(10, 14, "said"),
                             Span(0, 9, "Officials"))]
    analysis.sources = [SourceRef(0, 9, "Officials", "vague")]
    analysis.claims = [Claim(49, 81, TEXT[49:81], 0.91, analysis.sources[0])]
    return analysis


def article_outlet(rows: dict[str, list[dict[str, object]]]) -> object:
    return rows["articles"][0]["outlet"]


def test_store_rows_cover_every_span_table(tmp_path: Path) -> None:
    analysis = _analysis()
    with open_corpus(tmp_path / "rows.duckdb") as corpus:
        rows = rows_for(analysis, content_id(TEXT), None, corpus.store.columns)
    assert set(rows) == {"articles", *SPAN_TABLES, "numbers", "claim_vectors"}
    assert rows["claims"][0]["source_kind"] == "vague" and article_outlet(rows) == "Wire"
    assert rows["claim_vectors"] == []  # the analysis has no vectors
    (article,) = rows["articles"]
    assert article["id"] == content_id(TEXT) and article["source"] == "port.txt"
    assert article["title"] == "Port" and article["site"] == "Wire"
    assert article["words"] == 14  # the advertisement is not counted
    assert json.loads(article["analysis"]) == json.loads(json.dumps(analysis.to_dict()))
    for table in SPAN_TABLES:
        for row in rows[table]:
            assert TEXT[row["start"]:row["end"]] == row["text"], table
    assert rows["techniques"][0]["technique"] == "Loaded_Language"
    assert rows["removed"][0]["kind"] == "ad" and rows["removed"][0]["rule"] == "ad-label"
    quote = rows["quotes"][0]
    assert quote["kind"] == "direct" and json.loads(quote["content"])["text"] == content_text()
    assert json.loads(rows["claims"][0]["source"])["kind"] == "vague"
    assert rows["claims"][0]["reason"] == "check-worthy"
    # Every field has its column, so nothing travels in ``extra``, but the evidence of a
    # technique span (schema 1.3), which no query reads: no migration for it.
    evidence = {"token_probability", "sentence_probability"}
    for table in SPAN_TABLES:
        for row in rows[table]:
            extra = set(json.loads(row["extra"])) if row["extra"] else set()
            assert extra <= (evidence if table == "techniques" else set()), (table, extra)


def content_text() -> str:
    said = TEXT.index("said")
    return TEXT[said + 9:said + 37]


@dataclasses.dataclass(frozen=True, slots=True)
class _NewTechnique(Span):
    technique: str
    score: str  # the type changed
    evidence: list[str]  # a field no migration knows yet


def test_store_rows_unknown_fields_go_to_extra_and_missing_lists_are_empty(
        tmp_path: Path) -> None:
    analysis = Analysis(Source(path="x.txt"), TEXT, Metadata())
    analysis.techniques = [_NewTechnique(0, 9, "Officials", "Doubt", "high", ["a", "b"])]
    with open_corpus(tmp_path / "extra.duckdb") as corpus:
        rows = rows_for(analysis, "x", dt.datetime(2024, 1, 1), corpus.store.columns)
        (row,) = rows["techniques"]
        assert row["technique"] == "Doubt" and "score" not in row
        assert json.loads(row["extra"]) == {"score": "high", "evidence": ["a", "b"]}
        assert rows["claims"] == [] and rows["quotes"] == []
        with corpus.store.write() as writer:
            for table, table_rows in rows.items():
                writer.insert(table, table_rows)
        assert corpus.execute("SELECT technique, score, extra->>'$.score' FROM techniques"
                              ).rows == [("Doubt", None, "high")]


def test_store_default_db_matches_the_cli() -> None:
    from unspin.cli import corpus as cli

    assert cli.DEFAULT_DB == DEFAULT_DB


def test_store_prepared_in_another_process_is_stored_as_in_this_one(tmp_path: Path) -> None:
    """What a worker prepares crosses processes (pickled) and is stored as
    ``store_analyses`` stores it; an analysis that cannot become rows is a failure row,
    and ``added_at`` is when the writer stored the articles, not when they were prepared."""
    import pickle

    from unspin.corpus.add import prepare, store_analyses, store_prepared

    good = _analysis()
    bad = Analysis(Source(path="odd.txt"), "x", Metadata(), notes=[object()])  # type: ignore[list-item]
    items = [(content_id(TEXT), good), ("odd", bad)]
    tables = ("articles", *SPAN_TABLES, "numbers", "minhashes")
    with open_corpus(tmp_path / "here.duckdb") as here:
        store_analyses(here.store, items, None)
        expected = {table: _stored(here, table) for table in tables}
    with open_corpus(tmp_path / "there.duckdb") as there:
        prepared = pickle.loads(pickle.dumps(prepare(items, there.store.columns)))
        assert prepared.ids == [content_id(TEXT)]
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        failures = store_prepared(there.store, prepared, None)
        assert [f["input"] for f in failures] == ["odd.txt"]
        assert "cannot be stored" in failures[0]["reason"]
        assert there.execute("SELECT added_at FROM articles").scalar() >= before
        assert {table: _stored(there, table) for table in tables} == expected


def _stored(corpus: Corpus, table: str) -> list[tuple[object, ...]]:
    if table == "articles":
        return corpus.execute("SELECT * EXCLUDE (added_at) FROM articles").rows
    return corpus.execute(f"SELECT * FROM {table}").rows
