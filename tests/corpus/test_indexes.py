"""Derived indexes: rebuilt by their feature when their version is stale, never by a
migration; migrations are literal SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pytest

from unspin.corpus import INDEXES, open_corpus
from unspin.corpus.indexes import Index, refresh
from unspin.corpus.profiles import INDEX as PROFILES_INDEX
from unspin.corpus.schema import migrate

from .conftest import EXAMPLES

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "unspin" / "corpus" / "schema.py"


def test_indexes_migrations_import_no_feature_code() -> None:
    tree = ast.parse(SCHEMA.read_text())
    imported = {"." * node.level + (node.module or "") for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    assert imported == {"__future__", "collections.abc", "dataclasses", "datetime", "duckdb",
                        "..errors"}


def test_indexes_a_new_corpus_records_every_index(tmp_path: Path) -> None:
    with open_corpus(tmp_path / "new.duckdb") as corpus:
        found = dict(corpus.execute("SELECT key, value FROM settings WHERE key LIKE 'index.%'"
                                    ).rows)
    assert found == {index.key: index.version for index in INDEXES}


def test_indexes_a_stale_index_is_rebuilt_and_the_others_kept(tmp_path: Path,
                                                               cheap: object) -> None:
    path = tmp_path / "stale.duckdb"
    with open_corpus(path) as corpus:
        corpus.add([str(EXAMPLES / "wires.jsonl")], options=cheap)  # type: ignore[arg-type]
        outlets = corpus.execute("SELECT id, outlet FROM articles ORDER BY id").rows
        corpus.execute("UPDATE articles SET outlet = 'wrong'")
        corpus.execute("UPDATE settings SET value = 'old' WHERE key = 'index.outlets'")
        corpus.execute("DELETE FROM copies")  # current: must stay as it is
    with open_corpus(path) as corpus:
        assert corpus.execute("SELECT id, outlet FROM articles ORDER BY id").rows == outlets
        assert corpus.execute("SELECT value FROM settings WHERE key = 'index.outlets'"
                              ).scalar() == PROFILES_INDEX.version
        assert corpus.execute("SELECT count(*) FROM copies").scalar() == 0


def test_indexes_a_failed_rebuild_leaves_the_index_stale(tmp_path: Path) -> None:
    conn = duckdb.connect(str(tmp_path / "x.duckdb"))
    migrate(conn)

    def broken(conn: duckdb.DuckDBPyConnection) -> None:
        conn.execute("INSERT INTO settings VALUES ('half', 'done')")
        raise duckdb.Error("disk on fire")

    with pytest.raises(duckdb.Error):
        refresh(conn, [Index("broken", "2", broken)])
    assert conn.execute("SELECT count(*) FROM settings WHERE key IN ('half', 'index.broken')"
                        ).fetchone() == (0,)
    assert refresh(conn, [Index("fine", "1", lambda c: None)]) == ["fine"]
    assert refresh(conn, [Index("fine", "1", lambda c: None)]) == []
    assert refresh(conn, [Index("kept", "1", broken, keep_unversioned=True)]) == []
