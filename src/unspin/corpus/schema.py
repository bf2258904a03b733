"""The corpus schema, as ordered migrations applied when a database is opened.

A database records every migration applied to it in ``schema_version``. Opening one runs,
in order and each in its own transaction, the migrations it lacks, so a corpus made by an
older unspin is brought up to date in place and a crash half-way leaves it at the last
complete version. A migration is frozen history: literal DDL and literal parameters,
never a call into feature code (which changes with unspin), never edited once released;
a change is a new one appended to ``MIGRATIONS``. What features derive from the stored
articles (copies, numbers, outlets, claim vectors) are indexes they rebuild themselves
when stale (``indexes.py``). docs/corpus.md describes every table and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..errors import CorpusError

Migrate = Callable[[duckdb.DuckDBPyConnection], None]

# Finding lists of the analysis that get a table of their own: one row per span, with the
# span's other fields as columns (those a migration declared) or in ``extra`` (the rest).
SPAN_TABLES: tuple[str, ...] = ("claims", "quotes", "sources", "techniques", "entities",
                                "removed")

_SPAN_COLUMNS = """
    article_id VARCHAR NOT NULL,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
"""
_EXTRA = "extra JSON"

_V1 = f"""
CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    source_path VARCHAR,
    source_url VARCHAR,
    title VARCHAR,
    author VARCHAR,
    date VARCHAR,
    site VARCHAR,
    url VARCHAR,
    origin VARCHAR,
    language VARCHAR,
    format VARCHAR,
    characters INTEGER NOT NULL,
    words INTEGER NOT NULL,
    analysis_version VARCHAR,
    analysis JSON NOT NULL,
    added_at TIMESTAMP NOT NULL
);
CREATE TABLE removed ({_SPAN_COLUMNS} kind VARCHAR, rule VARCHAR, {_EXTRA});
CREATE TABLE entities ({_SPAN_COLUMNS} label VARCHAR, {_EXTRA});
CREATE TABLE techniques ({_SPAN_COLUMNS} technique VARCHAR, score DOUBLE, {_EXTRA});
CREATE TABLE quotes ({_SPAN_COLUMNS} kind VARCHAR, speaker_name VARCHAR,
    speaker_description VARCHAR, content JSON, cue JSON, speaker JSON, {_EXTRA});
CREATE TABLE sources ({_SPAN_COLUMNS} kind VARCHAR, name VARCHAR, {_EXTRA});
CREATE TABLE claims ({_SPAN_COLUMNS} score DOUBLE, source JSON, numbers JSON,
    comparisons JSON, forecasts JSON, {_EXTRA});
CREATE TABLE failures (
    input VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    exit_code INTEGER NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
"""

# No primary keys on copies and copy_groups: a group's rows are deleted and written again
# whenever it changes, and nothing else writes them.
_V2 = """
CREATE TABLE minhashes (
    article_id VARCHAR PRIMARY KEY,
    key UBIGINT NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    indexed BOOLEAN NOT NULL
);
CREATE INDEX minhashes_key ON minhashes (key);
CREATE TABLE lsh_bands (
    band UTINYINT NOT NULL,
    bucket UBIGINT NOT NULL,
    key UBIGINT NOT NULL
);
CREATE TABLE copies (
    article_id VARCHAR NOT NULL,
    group_id VARCHAR NOT NULL,
    similarity DOUBLE,
    is_origin BOOLEAN NOT NULL
);
CREATE TABLE copy_groups (
    group_id VARCHAR NOT NULL,
    members INTEGER NOT NULL,
    origin_id VARCHAR,
    origin_name VARCHAR,
    origin_reason VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
"""


# Claim matching, the numbers ledger and outlet profiles. Claim vectors are the claims
# stage's MiniLM embeddings quantised to 384 signed bytes (``matching.py``), keyed by a
# sequence so that matching can say which claims are new and which were stored earlier;
# ``cell`` is the k-means cell the match step files each one under (null until then).
_V3 = """
CREATE SEQUENCE claim_keys START 1;
CREATE TABLE claim_vectors (
    key BIGINT NOT NULL DEFAULT nextval('claim_keys'),
    article_id VARCHAR NOT NULL,
    ord INTEGER NOT NULL,
    cell SMALLINT,
    vector BLOB NOT NULL
);
CREATE TABLE claim_cells (cell SMALLINT NOT NULL, centroid BLOB NOT NULL);
CREATE TABLE claim_matches (
    claim_key BIGINT NOT NULL,
    match_key BIGINT NOT NULL,
    similarity FLOAT NOT NULL
);
CREATE TABLE numbers (
    article_id VARCHAR NOT NULL,
    claim_ord INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    value DOUBLE,
    low DOUBLE,
    high DOUBLE,
    bound VARCHAR,
    hedge VARCHAR,
    unit VARCHAR,
    unit_inferred BOOLEAN,
    kind VARCHAR,
    place VARCHAR,
    comparison VARCHAR,
    period_text VARCHAR,
    period_start DATE,
    period_end DATE,
    period_reason VARCHAR
);
ALTER TABLE claims ADD COLUMN source_kind VARCHAR;
ALTER TABLE claims ADD COLUMN source_name VARCHAR;
ALTER TABLE claims ADD COLUMN reason VARCHAR;
ALTER TABLE articles ADD COLUMN outlet VARCHAR;
"""


# The parameters version 2 built its MinHash signatures with, as it recorded them.
_V2_SETTINGS = """
INSERT INTO settings VALUES ('minhash.num_perm', '128'), ('minhash.seed', '1'),
    ('minhash.scheme', 'affine32'), ('minhash.shingle_words', '5'),
    ('minhash.threshold', '0.5'), ('minhash.bands', '30'), ('minhash.rows', '4');
"""

# Version 3's matching parameters, and claims' source columns and reason filled from what
# version 2 stored (the claim's source JSON, and ``reason``, which waited in ``extra``).
_V3_DATA = """
INSERT INTO settings VALUES ('match.threshold', '0.48'), ('match.limit', '10'),
    ('match.probes', '4'), ('match.vectors', 'int8 max-abs, 384'), ('match.done_upto', '0');
UPDATE claims SET source_kind = source->>'$.kind', source_name = source->>'$.name',
    reason = extra->>'$.reason';
UPDATE claims SET extra = CASE WHEN json_remove(extra, '$.reason') = '{}' THEN NULL
    ELSE json_remove(extra, '$.reason') END
    WHERE extra->>'$.reason' IS NOT NULL;
"""


# Version 4: what a quote's speaker and a source resolve to (analysis schema 1.2, issue 14).
_V4 = """
ALTER TABLE quotes ADD COLUMN speaker_kind VARCHAR;
ALTER TABLE quotes ADD COLUMN resolved_to JSON;
ALTER TABLE quotes ADD COLUMN candidates JSON;
ALTER TABLE sources ADD COLUMN resolved_to JSON;
ALTER TABLE sources ADD COLUMN candidates JSON;
"""


# Readers' corrections of findings (``corrections.py``): a finding of a stored article
# marked ``wrong`` (``layer`` and ``ord`` name it; its span and label copied, so the row
# stays readable if the article is analysed again), or one the analysis ``missed``
# (``ord`` NULL). ``author`` and ``created_at`` say who and when.
_V5 = """
CREATE SEQUENCE correction_ids START 1;
CREATE TABLE corrections (
    id BIGINT PRIMARY KEY DEFAULT nextval('correction_ids'),
    article_id VARCHAR NOT NULL,
    layer VARCHAR NOT NULL,
    ord INTEGER,
    verdict VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR,
    reason VARCHAR,
    author VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX corrections_article ON corrections (article_id);
"""


def _sql(*scripts: str) -> Migrate:
    def apply(conn: duckdb.DuckDBPyConnection) -> None:
        for script in scripts:
            conn.execute(script)

    return apply


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Migrate


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, their findings and failures", _sql(_V1)),
    Migration(2, "MinHash signatures and groups of copies", _sql(_V2, _V2_SETTINGS)),
    Migration(3, "claim vectors and matches, numbers, outlets; a faster shingle hash",
              _sql(_V3, _V3_DATA)),
    Migration(4, "speaker kinds, resolutions and candidates of quotes and sources",
              _sql(_V4)),
    Migration(5, "readers' corrections of findings", _sql(_V5)),
)
CORPUS_SCHEMA_VERSION = MIGRATIONS[-1].version


def utcnow() -> dt.datetime:
    """The time stored in ``TIMESTAMP`` columns: UTC, without a zone (DuckDB's plain type)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The version a database is at: 0 for an empty one.

    Raises:
        CorpusError: a DuckDB database that holds other tables but no ``schema_version``.
    """
    tables = {row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if "schema_version" not in tables:
        if tables:
            raise CorpusError("it is a DuckDB database but not an unspin corpus "
                              "(it has no schema_version table)")
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: duckdb.DuckDBPyConnection, *, upto: int = CORPUS_SCHEMA_VERSION) -> int:
    """Apply the migrations a database lacks, up to ``upto``; return the version reached.

    Raises:
        CorpusError: the database was made by a newer unspin.
    """
    version = current_version(conn)
    if version > CORPUS_SCHEMA_VERSION:
        raise CorpusError(f"it was made by a newer unspin (corpus schema version {version}; "
                          f"this one knows up to {CORPUS_SCHEMA_VERSION}); upgrade unspin")
    for migration in MIGRATIONS:
        if version < migration.version <= upto:
            _apply(conn, migration)
            version = migration.version
    return version


def _apply(conn: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    conn.begin()
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                     "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
        migration.apply(conn)
        conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                     [migration.version, migration.description, utcnow()])
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
