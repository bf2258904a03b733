"""Parquet shards: what ``--engine ray`` writes and ``corpus add --from-parquet`` loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unspin.batch import Result, analyze_chunk
from unspin.config import Options
from unspin.corpus import SHARD_VERSION, SPAN_TABLES, Corpus, open_corpus
from unspin.corpus.inputs import expand, read
from unspin.corpus.rows import content_id
from unspin.corpus.shards import SHARD_SCHEMA, shard_files, shard_table
from unspin.document import Analysis, Claim, Metadata, Source, SourceRef
from unspin.errors import EmptyInput, InputNotFound

from .conftest import EXAMPLES


def stored(corpus: Corpus) -> dict[str, Any]:
    """Everything a corpus holds that does not depend on when or in which order it was
    stored: rows of every table, failures, and which articles are copies of each other."""
    found: dict[str, Any] = {
        "articles": corpus.execute("SELECT * EXCLUDE (added_at) FROM articles ORDER BY id").rows,
        "failures": corpus.execute("SELECT input, reason, error, exit_code FROM failures "
                                   "ORDER BY input").rows,
        "copies": sorted(row[0] for row in corpus.execute(
            "SELECT list(article_id ORDER BY article_id) FROM copies GROUP BY group_id").rows)}
    for table in SPAN_TABLES:
        found[table] = corpus.execute(f"SELECT * FROM {table} ORDER BY article_id, ord").rows
    return found


def analysed_examples(options: Options) -> tuple[list[str], list[Result]]:
    articles = [item.article for path in expand(str(EXAMPLES)) for item in read(path, options)
                if item.article is not None]
    return [content_id(a.text) for a in articles], analyze_chunk(articles, options)


@pytest.fixture(scope="module")
def shard(tmp_path_factory: pytest.TempPathFactory, cheap: Options) -> Path:
    """The examples analysed with the cheap stages, and one failure, as one shard."""
    ids, results = analysed_examples(cheap)
    ids.append(content_id(""))
    results.append(Result("blank.txt", error=EmptyInput("blank.txt: nothing but whitespace")))
    folder = tmp_path_factory.mktemp("shards") / "run-1"
    folder.mkdir()
    pq.write_table(shard_table(ids, results), folder / "part-0.parquet")
    return folder


def test_shards_load_stores_what_add_stores(shard: Path, tmp_path: Path,
                                            examples_corpus: Corpus) -> None:
    with open_corpus(tmp_path / "loaded.duckdb") as corpus:
        counts = corpus.add_parquet(str(shard))
        assert (counts.total, counts.stored, counts.skipped, counts.failed) == (10, 9, 0, 1)
        assert counts.messages == ["blank.txt: nothing but whitespace"]
        loaded = stored(corpus)
    expected = stored(examples_corpus)
    assert loaded["failures"] == [("blank.txt", "nothing but whitespace", "EmptyInput", 2)]
    assert {k: v for k, v in loaded.items() if k != "failures"} == \
        {k: v for k, v in expected.items() if k != "failures"}
    assert len(loaded["copies"]) == 1 and len(loaded["copies"][0]) == 3


def test_shards_load_twice_changes_nothing(shard: Path, tmp_path: Path) -> None:
    with open_corpus(tmp_path / "twice.duckdb") as corpus:
        corpus.add_parquet(str(shard))
        before = stored(corpus)
        again = corpus.add_parquet(str(shard.parent))
        assert (again.stored, again.skipped, again.failed) == (0, 10, 0)
        assert stored(corpus) == before


def test_shards_schema_is_versioned(shard: Path) -> None:
    table = pq.read_table(shard)
    assert table.schema.equals(SHARD_SCHEMA)
    assert set(table.column("shard_version").to_pylist()) == {SHARD_VERSION} == {1}
    failure = table.filter(pa.compute.is_null(table.column("analysis"))).to_pylist()
    assert [(f["input"], f["error"], f["exit_code"]) for f in failure] == [
        ("blank.txt", "EmptyInput", 2)]


def _with_claim() -> Analysis:
    text = "Unemployment fell to 3.1% last year, the office said."
    return Analysis(source=Source(path="claim.txt"), text=text, metadata=Metadata(),
                    claims=[Claim(0, len(text), text, 0.9, SourceRef(37, 47, "the office",
                                                                     "vague"))])


def test_shards_carry_claim_vectors(tmp_path: Path) -> None:
    analysis = _with_claim()
    vectors = np.random.default_rng(1).standard_normal((1, 384)).astype(np.float32)
    analysis.claim_vectors = vectors / np.linalg.norm(vectors)
    none = Analysis(source=Source(path="none.txt"), text="No claims here.", metadata=Metadata())
    none.claim_vectors = np.zeros((0, 384), dtype=np.float32)  # what the claims stage gives
    pq.write_table(shard_table([content_id(a.text) for a in (analysis, none)],
                               [Result("claim.txt", analysis), Result("none.txt", none)]),
                   tmp_path / "v.parquet")
    rows = pq.read_table(tmp_path / "v.parquet").to_pylist()
    assert np.array_equal(np.asarray(rows[0]["claim_vectors"], dtype=np.float32),
                          analysis.claim_vectors)
    assert rows[1]["claim_vectors"] == [] and rows[1]["error"] is None
    with open_corpus(tmp_path / "v.duckdb") as corpus:
        assert corpus.add_parquet(str(tmp_path / "v.parquet")).stored == 2
        if "claim_vectors" in corpus.store.columns:  # schema 3: claim matching
            assert corpus.execute("SELECT count(*) FROM claim_vectors").scalar() == 1


def _write(path: Path, rows: list[dict[str, Any]], schema: pa.Schema = SHARD_SCHEMA) -> str:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return str(path)


def test_shards_bad_files_and_rows_fail_alone(shard: Path, tmp_path: Path) -> None:
    good = pq.read_table(shard).to_pylist()
    tampered = {**good[0], "article_id": "0" * 64}
    broken = {**good[1], "article_id": content_id("x"), "analysis": '{"text": "x"}'}
    _write(tmp_path / "a-good.parquet", good[2:4])
    _write(tmp_path / "b-rows.parquet", [tampered, broken])
    _write(tmp_path / "c-newer.parquet", [{**good[4], "shard_version": SHARD_VERSION + 1}])
    _write(tmp_path / "d-other.parquet", [{"x": 1}], pa.schema([("x", pa.int64())]))
    (tmp_path / "e-junk.parquet").write_bytes(b"not parquet at all")
    with open_corpus(tmp_path / "bad.duckdb") as corpus:
        counts = corpus.add_parquet(str(tmp_path))
        reasons = dict(corpus.execute("SELECT input, reason FROM failures").rows)
    assert (counts.stored, counts.failed) == (2, 5)
    assert "article_id is not the SHA-256" in reasons[good[0]["input"]]
    assert "missing" in reasons[good[1]["input"]]
    assert "written by a newer unspin" in reasons[str(tmp_path / "c-newer.parquet")]
    assert "not an unspin shard" in reasons[str(tmp_path / "d-other.parquet")]
    assert "not a readable Parquet shard" in reasons[str(tmp_path / "e-junk.parquet")]


def test_shards_found_in_folders_globs_files_and_uris(shard: Path, tmp_path: Path) -> None:
    (tmp_path / "runs" / "one").mkdir(parents=True)
    (tmp_path / "runs" / "two").mkdir()
    for name in ("one/a.parquet", "two/b.parquet"):
        (tmp_path / "runs" / name).write_bytes((shard / "part-0.parquet").read_bytes())
    (tmp_path / "runs" / "two" / "notes.txt").write_text("not a shard")
    both = [str(tmp_path / "runs" / n) for n in ("one/a.parquet", "two/b.parquet")]
    assert [f.name for f in shard_files(str(tmp_path / "runs"))] == both
    assert [f.name for f in shard_files(str(tmp_path / "runs" / "*"))] == both
    assert [f.name for f in shard_files(both[1])] == both[1:]
    uri = (tmp_path / "runs").as_uri()
    assert [f.path for f in shard_files(uri)] == both
    with pytest.raises(InputNotFound, match="no such file"):
        shard_files(str(tmp_path / "nowhere"))
    with pytest.raises(InputNotFound, match="no .parquet shards"):
        shard_files(str(tmp_path / "runs" / "two" / "*.txt"))


def test_shards_analysis_json_is_the_analysis(shard: Path) -> None:
    for row in pq.read_table(shard).to_pylist():
        if row["analysis"] is not None:
            data = json.loads(row["analysis"])
            assert content_id(data["text"]) == row["article_id"]
            assert Analysis.from_dict(data).to_dict() == data


def test_shards_an_analysis_that_cannot_be_stored_is_a_failure_row() -> None:
    good = _with_claim()
    odd = Analysis(source=Source(path="odd.txt"), text="A lone \udcff surrogate.",
                   metadata=Metadata())
    weird = Analysis(source=Source(path="weird.txt"), text="A note JSON cannot hold.",
                     metadata=Metadata(), notes=[object()])  # type: ignore[list-item]
    rows = shard_table([content_id(a.text) for a in (good, odd, weird)],
                       [Result(a.source.label, a) for a in (good, odd, weird)]).to_pylist()
    assert rows[0]["analysis"] is not None and rows[0]["error"] is None
    assert [(r["input"], r["analysis"], r["error"]) for r in rows[1:]] == [
        ("odd.txt", None, "UnspinError"), ("weird.txt", None, "UnspinError")]
    assert "cannot be stored: UnicodeEncodeError" in rows[1]["reason"]
    assert "cannot be stored: TypeError" in rows[2]["reason"]
