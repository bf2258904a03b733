"""Migrations: a new corpus gets every one; an older one is brought up to date in place."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from unspin.corpus import CORPUS_SCHEMA_VERSION, MIGRATIONS, open_corpus
from unspin.corpus.schema import current_version, migrate
from unspin.errors import CorpusError

from .conftest import COASTAL, VALLEY

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow


def test_schema_new_corpus_has_every_migration(tmp_path: Path) -> None:
    with open_corpus(tmp_path / "new.duckdb") as corpus:
        rows = corpus.execute("SELECT version, description FROM schema_version "
                              "ORDER BY version").rows
        settings = dict(corpus.execute("SELECT key, value FROM settings").rows)
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS] == [1, 2, 3, 4, 5]
    assert rows[-1][0] == CORPUS_SCHEMA_VERSION
    assert settings["minhash.num_perm"] == "128" and settings["minhash.scheme"] == "affine32"
    assert settings["match.threshold"] == "0.48" and settings["match.done_upto"] == "0"


def test_schema_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "twice.duckdb"
    open_corpus(path).close()
    with open_corpus(path) as corpus:
        assert corpus.execute("SELECT count(*) FROM schema_version").scalar() == CORPUS_SCHEMA_VERSION


def _v1_article(conn: duckdb.DuckDBPyConnection, page: Path, article_id: str, site: str,
                date: str, origin: str | None) -> None:
    """An article row as version 1 stored it (no signature, no group yet)."""
    from unspin.config import Options
    from unspin.ingest import read_input

    article = read_input(str(page), Options())
    analysis = {"schema_version": "1.0", "text": article.text, "removed": [],
                "metadata": {"site": site, "date": date, "origin": origin}}
    conn.execute("INSERT INTO articles (id, source, site, date, origin, characters, words, "
                 "analysis, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 [article_id, str(page), site, date, origin, len(article.text), 0,
                  json.dumps(analysis), dt.datetime(2024, 5, 1)])


def test_schema_opening_a_version_1_corpus_migrates_it(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    conn = duckdb.connect(str(path))
    assert migrate(conn, upto=1) == 1
    _v1_article(conn, VALLEY, "a" * 64, "Valley Gazette", "2024-03-04", None)
    _v1_article(conn, COASTAL, "b" * 64, "Coastal Herald", "2024-03-05", None)
    conn.close()

    with open_corpus(path) as corpus:
        assert corpus.execute("SELECT max(version) FROM schema_version").scalar() \
            == CORPUS_SCHEMA_VERSION
        assert corpus.execute("SELECT count(*) FROM articles").scalar() == 2  # nothing lost
        assert corpus.execute("SELECT count(*) FROM minhashes").scalar() == 2  # backfilled
        group = corpus.execute("SELECT members, origin_id, origin_reason FROM copy_groups").rows
        assert group == [(2, "a" * 64, "earliest date")]


def test_schema_refuses_a_newer_corpus(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    open_corpus(path).close()
    conn = duckdb.connect(str(path))
    conn.execute("INSERT INTO schema_version VALUES (99, 'from the future', now()::TIMESTAMP)")
    conn.close()
    with pytest.raises(CorpusError, match="newer unspin"):
        open_corpus(path)


def test_schema_refuses_a_duckdb_file_that_is_not_a_corpus(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    conn = duckdb.connect(str(path))
    conn.execute("CREATE TABLE mine (x INTEGER)")
    conn.close()
    with pytest.raises(CorpusError, match="not an unspin corpus"):
        open_corpus(path)
    conn = duckdb.connect(str(path))
    assert current_version(duckdb.connect()) == 0
    assert conn.execute("SELECT count(*) FROM information_schema.tables").fetchone() == (1,)
    conn.close()


def test_schema_failed_migration_leaves_the_last_version(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin.corpus import schema

    path = tmp_path / "half.duckdb"
    conn = duckdb.connect(str(path))
    migrate(conn, upto=1)

    def broken(conn: duckdb.DuckDBPyConnection) -> None:
        conn.execute("CREATE TABLE minhashes (x INTEGER)")
        raise duckdb.Error("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", (MIGRATIONS[0], schema.Migration(2, "x", broken)))
    with pytest.raises(duckdb.Error):
        migrate(conn)
    assert current_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM information_schema.tables "
                        "WHERE table_name = 'minhashes'").fetchone() == (0,)
    conn.close()


def test_schema_opening_a_version_2_corpus_migrates_it(tmp_path: Path) -> None:
    """Version 3 fills numbers, outlets and claims' source columns from what version 2
    stored; claim vectors it cannot make (``match --embed`` does)."""
    from unspin.corpus.rows import content_id, rows_for
    from unspin.corpus.store import _columns, insert_arrow, typed_table

    from .handmade import Said, analysis

    made = analysis("old/a.txt", [Said("Officials counted 21,602 desertions in October.",
                                       "named_person", "Igor Lutsenko", "Officials",
                                       [{"text": "21,602", "unit": "desertions",
                                         "value": 21602, "period": "in October",
                                         "resolved_start": "2024-10-01",
                                         "resolved_end": "2024-10-31"}])], origin="InfoBrics")
    path = tmp_path / "v2.duckdb"
    conn = duckdb.connect(str(path))
    assert migrate(conn, upto=2) == 2
    columns = _columns(conn)
    for table, rows in rows_for(made, content_id(made.text), dt.datetime(2024, 5, 1),
                                columns).items():
        insert_arrow(conn, table, typed_table(columns[table], rows))
    conn.close()

    with open_corpus(path) as corpus:
        assert corpus.execute("SELECT max(version) FROM schema_version").scalar() \
            == CORPUS_SCHEMA_VERSION
        assert corpus.execute("SELECT outlet FROM articles").scalar() == "InfoBrics"
        assert corpus.execute("SELECT source_kind, source_name, reason, extra FROM claims"
                              ).rows == [("named_person", "Igor Lutsenko", "check-worthy", None)]
        assert corpus.execute("SELECT text, value, unit, period_start FROM numbers").rows == [
            ("21,602", 21602.0, "desertions", dt.date(2024, 10, 1))]
        assert corpus.execute("SELECT count(*) FROM claim_vectors").scalar() == 0
        assert [g.period for g in corpus.ledger("desertions").groups] == ["2024-10"]


def test_schema_version_3_makes_version_2_signatures_again(tmp_path: Path) -> None:
    """Version 2's signatures (another shingle hash) and the groups made with them are
    replaced: the copies are found again with signatures new articles can be compared to."""
    from unspin.corpus.copies import SHINGLE_HASH, Signature

    path = tmp_path / "v2-copies.duckdb"
    conn = duckdb.connect(str(path))
    migrate(conn, upto=1)
    _v1_article(conn, VALLEY, "a" * 64, "Valley Gazette", "2024-03-04", None)
    _v1_article(conn, COASTAL, "b" * 64, "Coastal Herald", "2024-03-05", None)
    migrate(conn, upto=2)
    conn.execute("UPDATE minhashes SET signature = ?", [bytes(512)])  # an old hash's values
    conn.execute("UPDATE settings SET value = 'sha1_hash32' WHERE key = 'minhash.shingle_hash'")
    conn.close()

    with open_corpus(path) as corpus:
        stored = dict(corpus.execute("SELECT article_id, signature FROM minhashes").rows)
        texts = dict(corpus.execute("SELECT id, analysis->>'$.text' FROM articles").rows)
        assert stored == {i: Signature.of(text).blob for i, text in texts.items()}
        assert corpus.execute("SELECT members, origin_id FROM copy_groups").rows == [
            (2, "a" * 64)]
        assert corpus.execute("SELECT value FROM settings WHERE key = "
                              "'minhash.shingle_hash'").scalar() == SHINGLE_HASH
