"""An analysis as table rows: one ``articles`` row and one row per span in each finding list.

Rows come from ``Analysis.to_dict()``, not from the dataclasses, so a field a new stage
adds needs no change here: a span's field that its table has a column for fills that
column, and any other lands in the row's ``extra`` JSON until a migration gives it one.
Nested values (a quote's ``content`` span, a claim's ``numbers``) are stored as JSON.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from ..document import Analysis
from .schema import SPAN_TABLES

_WORD = re.compile(r"\w+")
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
    data = analysis.to_dict()
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [_article(analysis, data, article_id, added_at)]}
    for table in SPAN_TABLES:
        items = data.get(table) or []
        rows[table] = [_span(item, article_id, n, columns[table])
                       for n, item in enumerate(items) if _is_span(item)]
    return rows


def _article(analysis: Analysis, data: dict[str, Any], article_id: str,
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
        "analysis_version": data.get("schema_version"),
        "analysis": json.dumps(data, ensure_ascii=False),
        "added_at": added_at,
    }


def _is_span(item: object) -> bool:
    return isinstance(item, dict) and all(k in item for k in _SPAN_KEYS)


def _span(item: dict[str, Any], article_id: str, n: int,
          columns: Mapping[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "ord": n,
                           **{k: item[k] for k in _SPAN_KEYS}}
    extra: dict[str, Any] = {}
    for key, value in item.items():
        if key in _SPAN_KEYS:
            continue
        if key in columns and key not in row and key != "extra" and _fits(value, columns[key]):
            row[key] = json.dumps(value, ensure_ascii=False) \
                if columns[key] == "JSON" and value is not None else value
        else:
            extra[key] = value
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
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
