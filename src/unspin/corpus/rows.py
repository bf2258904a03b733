"""An analysis as table rows: one ``articles`` row and one row per span in each finding list.

Rows come from the analysis's JSON (``Analysis.to_json()``), not from the dataclasses, so
a field a new stage adds needs no change here: a span's field that its table has a column for fills that
column, and any other lands in the row's ``extra`` JSON until a migration gives it one.
Nested values (a quote's ``content`` span, a claim's ``numbers``) are stored as JSON.

Since schema version 3 a few things are also kept flat, so that the ledger, profiles and
matching read columns instead of parsing JSON: every number of every claim in
``numbers``, a claim's source kind and name, an article's ``outlet``, and the claims'
vectors (``Analysis.claim_vectors``, quantised) in ``claim_vectors``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import duckdb
import numpy as np
import orjson
import pyarrow as pa

from ..document import Analysis
from .schema import SPAN_TABLES
from .vectors import DIM, quantize

_WORD = re.compile(r"\w+")
_slow_json = json.JSONEncoder(ensure_ascii=False).encode


def _json(value: Any) -> str:
    """Compact JSON: orjson (ten times faster on the many small values of a chunk's
    spans), or ``json`` for what orjson refuses (lone surrogates, huge integers)."""
    try:
        return orjson.dumps(value).decode()
    except (orjson.JSONEncodeError, UnicodeDecodeError):
        return _slow_json(value)


def _loads(text: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # lone surrogates, which only json reads back
        return json.loads(text)
_SPAN_KEYS = ("start", "end", "text")


def content_id(text: str) -> str:
    """An article's id: the SHA-256 of its text, so the same text is stored once."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def rows_for(analysis: Analysis, article_id: str, added_at: Any,
             columns: Mapping[str, Mapping[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table, keyed by table name.

    Args:
        columns: each table's column names and DuckDB types (``Store.columns``).
    """
    text = analysis.to_json()
    data = _loads(text)
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [_article(analysis, data, text, article_id, added_at)]}
    for table in SPAN_TABLES:
        items = data.get(table) or []
        plans: dict[tuple[str, ...], _Plan] = {}
        rows[table] = [_span(item, article_id, n, columns[table], plans)
                       for n, item in enumerate(items) if _is_span(item)]
    if "numbers" in columns:
        _flat_claims(rows, data.get("claims") or [], analysis.claim_vectors, article_id)
    return rows


def _flat_claims(rows: dict[str, list[dict[str, Any]]], claims: list[Any], vectors: Any,
                 article_id: str) -> None:
    """The schema-3 rows: claims' source columns, ``numbers`` and ``claim_vectors``."""
    by_ord = {row["ord"]: row for row in rows["claims"]}
    rows["numbers"] = []
    for n, claim in enumerate(claims):
        if n not in by_ord:
            continue
        source = claim.get("source") if isinstance(claim.get("source"), dict) else {}
        by_ord[n]["source_kind"] = _text(source.get("kind"))
        by_ord[n]["source_name"] = _text(source.get("name"))
        rows["numbers"].extend(number_rows(article_id, n, claim.get("numbers")))
    rows["claim_vectors"] = vector_rows(article_id, vectors, len(claims))


def vector_rows(article_id: str, vectors: Any, claims: int) -> list[dict[str, Any]]:
    """One row per claim vector; none when the vectors are missing or do not line up
    with the claims (an analysis read back from JSON has none)."""
    if vectors is None:
        return []
    array = np.asarray(vectors, dtype=np.float32)
    if array.shape != (claims, DIM) or not claims:
        return []
    return [{"article_id": article_id, "ord": i, "vector": blob}
            for i, blob in enumerate(quantize(array))]


def number_rows(article_id: str, claim_ord: int, numbers: Any) -> list[dict[str, Any]]:
    """A claim's ``NumberMention`` dicts as ``numbers`` rows (the period flattened)."""
    rows = []
    for n, m in enumerate(numbers if isinstance(numbers, list) else []):
        if not _is_span(m):
            continue
        period = m.get("period") if isinstance(m.get("period"), dict) else {}
        rows.append({
            "article_id": article_id, "claim_ord": claim_ord, "ord": n,
            "start": m["start"], "end": m["end"], "text": m["text"],
            **{k: _number(m.get(k)) for k in ("value", "low", "high")},
            **{k: _text(m.get(k)) for k in ("bound", "hedge", "unit", "kind", "place",
                                           "comparison")},
            "unit_inferred": bool(m.get("unit_inferred")),
            "period_text": _text(period.get("text")),
            "period_start": _date(period.get("resolved_start")),
            "period_end": _date(period.get("resolved_end")),
            "period_reason": _text(period.get("unresolved_reason")),
        })
    return rows


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def outlet(site: str | None, origin: str | None, url: str | None) -> str | None:
    """Who published an article, for grouping by outlet: its site name, else the outlet
    it names as the original publisher, else its URL's host (without ``www.``); None
    (shown as unknown) otherwise. Never the folder a file was read from: "pn" and "rd"
    are not outlets, and unrelated outlets would merge in profiles (``--site`` or a JSON
    Lines ``site`` field names the outlet of plain-text files)."""
    for name in (site, origin):
        if name and name.strip():
            return name.strip()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _article(analysis: Analysis, data: dict[str, Any], text: str, article_id: str,
             added_at: Any) -> dict[str, Any]:
    metadata = data.get("metadata") or {}
    language = (data.get("language") or {}).get("code") or metadata.get("language")
    return {
        "id": article_id,
        "source": analysis.source.label,
        "source_path": analysis.source.path,
        "source_url": analysis.source.url,
        **{k: metadata.get(k) for k in ("title", "author", "date", "site", "url", "origin")},
        "language": language,
        "format": data.get("format"),
        "characters": len(analysis.text),
        "words": len(_WORD.findall(analysis.kept_text())),
        "outlet": outlet(metadata.get("site"), metadata.get("origin"),
                         metadata.get("url") or analysis.source.url),
        "analysis_version": data.get("schema_version"),
        "analysis": text,
        "added_at": added_at,
    }


def _is_span(item: object) -> bool:
    return isinstance(item, dict) and all(k in item for k in _SPAN_KEYS)


# For each field of a span but start, end and text, the type of the column it fills, or
# None when it goes to ``extra``. Spans of one kind share their fields, so one rows_for
# call works this out once per kind, not once per span.
_Plan = tuple[tuple[str, str | None], ...]
_NOT_COLUMNS = frozenset({"article_id", "ord", "extra"})


def _span(item: dict[str, Any], article_id: str, n: int, columns: Mapping[str, str],
          plans: dict[tuple[str, ...], _Plan]) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "ord": n, "start": item["start"],
                           "end": item["end"], "text": item["text"]}
    keys = tuple(item)
    plan = plans.get(keys)
    if plan is None:
        plan = plans[keys] = tuple(
            (key, None if key in _NOT_COLUMNS else columns.get(key))
            for key in keys if key not in _SPAN_KEYS)
    extra: dict[str, Any] = {}
    for key, kind in plan:
        value = item[key]
        if kind is None or not _fits(value, kind):
            extra[key] = value
        elif kind == "JSON" and value is not None:
            row[key] = _json(value)
        else:
            row[key] = value
    row["extra"] = _json(extra) if extra else None
    return row


_SCALARS: dict[str, tuple[type, ...]] = {
    "VARCHAR": (str,), "DOUBLE": (int, float), "INTEGER": (int,), "BIGINT": (int,),
    "BOOLEAN": (bool,)}


def _fits(value: Any, kind: str) -> bool:
    """Whether ``value`` can go in a column of this type; a field whose type changed goes
    to ``extra`` instead of failing the insert."""
    if value is None or kind == "JSON":
        return True
    if isinstance(value, bool) and kind != "BOOLEAN":
        return False
    return isinstance(value, _SCALARS.get(kind, ()))


def rebuild_outlets(conn: duckdb.DuckDBPyConnection) -> None:
    """Every article's ``outlet`` again, by ``outlet`` (the profiles' index)."""
    found = conn.execute(
        "SELECT id, site, origin, coalesce(url, source_url) FROM articles"
    ).fetchall()
    if found:
        conn.register("_outlets", pa.table({"id": [r[0] for r in found],
                                            "outlet": [outlet(*r[1:]) for r in found]}))
        conn.execute("UPDATE articles SET outlet = o.outlet FROM _outlets o "
                     "WHERE articles.id = o.id")
        conn.unregister("_outlets")


def rebuild_numbers(conn: duckdb.DuckDBPyConnection) -> None:
    """The ``numbers`` table again from the claims' stored numbers (the ledger's index)."""
    from .store import insert_arrow, typed_table

    conn.execute("DELETE FROM numbers")
    types = dict(conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'numbers' ORDER BY ordinal_position").fetchall())
    claims = conn.execute("SELECT article_id, ord, numbers FROM claims "
                          "WHERE numbers IS NOT NULL AND json_array_length(numbers) > 0"
                          ).fetchall()
    for at in range(0, len(claims), 10_000):
        rows = [row for article_id, claim_ord, numbers in claims[at:at + 10_000]
                for row in number_rows(article_id, claim_ord, json.loads(numbers))]
        insert_arrow(conn, "numbers", typed_table(types, rows))
