"""A thin wrapper over one DuckDB connection: reads through ``execute``, every write in a
transaction through ``write``, bulk rows as Arrow tables.

Why Arrow and not ``executemany``: DuckDB runs ``executemany`` as one statement per row,
about a thousand times slower than scanning a registered Arrow table in one ``INSERT``.
Why one transaction per chunk of articles: a committed transaction survives a crash
(DuckDB replays its write-ahead log on the next open), so whatever a run reports as
stored is there after ``kill -9``, and nothing half-written is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import CorpusError
from .schema import migrate

DEFAULT_DB = "unspin.duckdb"

# DuckDB column types as Arrow types, for building tables that match a table's columns.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "SMALLINT": pa.int16(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "UBIGINT": pa.uint64(),
    "UTINYINT": pa.uint8(),
    "FLOAT": pa.float32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "BLOB": pa.binary(),
    "TIMESTAMP": pa.timestamp("us"),
    "DATE": pa.date32(),
}


@dataclass(frozen=True, slots=True)
class Results:
    """The rows a query returned, with its column names."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None


class Store:
    """One open corpus database, migrated to the current schema."""

    def __init__(self, path: Path, conn: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self.conn = conn
        self.columns = _columns(conn)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True) -> Store:
        """Open (or, with ``create``, make) a corpus and apply the migrations it lacks.

        Raises:
            CorpusError: no such database (without ``create``), a missing folder, a file
                that is not a DuckDB database or is damaged, one that another process has
                open, or one made by a newer unspin. The file is never changed then.
        """
        db = Path(path)
        if db.is_dir():
            raise CorpusError(f"{db}: is a directory; give the corpus file, e.g. "
                              f"{db / DEFAULT_DB}")
        if not db.exists():
            if not create:
                raise CorpusError(f"{db}: no corpus here; make one with "
                                  f"`unspin corpus add INPUTS --db {db}`")
            if not db.parent.is_dir():
                raise CorpusError(f"{db}: the folder {db.parent} does not exist")
        conn = _connect(db)
        try:
            migrate(conn)
            return cls(db, conn)
        except CorpusError as error:
            conn.close()
            raise CorpusError(f"{db}: {error}") from None
        except duckdb.Error as error:
            conn.close()
            raise CorpusError(f"{db}: cannot bring the corpus up to date: "
                              f"{_first_line(error)}") from error

    def execute(self, sql: str,
                params: Sequence[Any] | Mapping[str, Any] | None = None) -> Results:
        """Run one read query; ``params`` by position (``?``, ``$1``) or name (``$name``)."""
        try:
            cursor = self.conn.execute(sql, params or [])
            names = [d[0] for d in cursor.description or []]
            return Results(names, cursor.fetchall())
        except duckdb.Error as error:
            raise CorpusError(f"{self.path}: {_first_line(error)}") from error

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        self.conn.begin()
        try:
            yield Writer(self)
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.commit()
        except duckdb.Error as error:
            raise CorpusError(f"{self.path}: cannot commit: {_first_line(error)}") from error

    def arrow(self, table: str, rows: list[dict[str, Any]]) -> pa.Table:
        """Rows as an Arrow table typed like ``table``'s columns; missing keys are NULL."""
        return typed_table(self.columns[table], rows)

    def close(self) -> None:
        self.conn.close()


class Writer:
    """What a transaction can do: run statements and bulk-insert rows."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.conn = store.conn

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Results:
        cursor = self.conn.execute(sql, params or [])
        names = [d[0] for d in cursor.description or []]
        return Results(names, cursor.fetchall() if names else [])

    def insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert dict rows in one statement, through an Arrow table."""
        if rows:
            insert_arrow(self.conn, table, self._store.arrow(table, rows))


def typed_table(types: dict[str, str], rows: list[dict[str, Any]]) -> pa.Table:
    """Dict rows as an Arrow table with the given DuckDB column types; a column no row has
    is left out (``INSERT ... BY NAME`` then gives it NULL or its default)."""
    present = set().union(*rows)
    schema = pa.schema([(name, _ARROW_TYPES[t]) for name, t in types.items()
                        if name in present])
    return pa.Table.from_pylist(rows, schema=schema)


def insert_arrow(conn: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """``INSERT ... BY NAME`` from a registered Arrow table: columns it lacks get NULL."""
    if data.num_rows == 0:
        return
    name = f"_incoming_{table}"
    conn.register(name, data)
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses this too
            conn.unregister(name)


# Offline by design: DuckDB must never fetch an extension (it would, to read a SQLite file).
_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _connect(db: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(db), config=_CONFIG)
    except duckdb.Error as error:
        raise CorpusError(f"{db}: {_explain(error)}") from None


def _explain(error: duckdb.Error) -> str:
    text = _first_line(error)
    if "lock" in text.lower():
        return ("the corpus is open in another process (another `unspin corpus` command?); "
                "wait for it to finish")
    if isinstance(error, duckdb.IOException | duckdb.SerializationException
                  | duckdb.InternalException | duckdb.InvalidInputException):
        return f"not a readable corpus database (not DuckDB, or damaged): {text}"
    return f"cannot open the corpus: {text}"


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _columns(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Every table's columns and their DuckDB types, in table order."""
    found: dict[str, dict[str, str]] = {}
    for table, column, kind in conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall():
        found.setdefault(table, {})[column] = kind
    return found
