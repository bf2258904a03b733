"""Stored articles listed with filters: site, dates, a technique, sourcing, words.

A read over the tables docs/corpus.md describes, through ``Corpus.execute``. The full
text search is a substring match on the stored text (case ignored): DuckDB's full-text
index is an extension that would be downloaded, and the server fetches nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..corpus import Corpus

# Sourcing filters: which claims an article's must have.
SOURCING = {
    "named": "named > 0",
    "vague": "vague > 0",
    "unsourced": "claims > 0 AND named = 0",
    "mostly-named": "claims > 0 AND named * 2 >= claims",
}
_SNIPPET = 80


@dataclass(frozen=True, slots=True)
class Filters:
    q: str | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None
    technique: str | None = None
    sourcing: str | None = None


def _where(f: Filters) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if f.q:
        clauses.append("(contains(lower(a.analysis->>'$.text'), lower($q)) "
                       "OR contains(lower(coalesce(a.title, '')), lower($q)))")
        params["q"] = f.q
    if f.site:
        clauses.append("(lower(coalesce(a.site, '')) = lower($site) "
                       "OR lower(coalesce(a.outlet, '')) = lower($site))")
        params["site"] = f.site
    if f.since:
        clauses.append("a.date >= $since")
        params["since"] = f.since
    if f.until:
        clauses.append("left(a.date, 10) <= $until")
        params["until"] = f.until
    if f.technique:
        clauses.append("EXISTS (SELECT 1 FROM techniques t WHERE t.article_id = a.id "
                       "AND t.technique = $technique)")
        params["technique"] = f.technique
    if f.sourcing:
        clauses.append(SOURCING[f.sourcing])
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


_SELECT = """
WITH c AS (
    SELECT article_id, count(*) AS claims,
        count(*) FILTER (WHERE source_kind IN ('named_person', 'named_organization')) AS named,
        count(*) FILTER (WHERE source_kind = 'vague') AS vague
    FROM claims GROUP BY article_id),
t AS (SELECT article_id, count(*) AS techniques FROM techniques GROUP BY article_id),
x AS (
    SELECT a.id, a.source, a.title, a.site, a.outlet, a.date, a.words, a.added_at,
        coalesce(c.claims, 0) AS claims, coalesce(c.named, 0) AS named,
        coalesce(c.vague, 0) AS vague, coalesce(t.techniques, 0) AS techniques,
        a.analysis
    FROM articles a LEFT JOIN c ON c.article_id = a.id LEFT JOIN t ON t.article_id = a.id)
"""


def articles(corpus: Corpus, filters: Filters, *, limit: int, offset: int
             ) -> tuple[list[dict[str, Any]], int]:
    """Articles matching ``filters``, newest first (by date, then when stored), and how
    many match in all."""
    where, params = _where(filters)
    total = int(corpus.store.execute(f"{_SELECT} SELECT count(*) FROM x a {where}", params).scalar())
    rows = corpus.store.execute(
        f"{_SELECT} SELECT * FROM x a {where} ORDER BY a.date DESC NULLS LAST, a.added_at DESC, a.id "
        "LIMIT $limit OFFSET $offset", {**params, "limit": limit, "offset": offset}).dicts()
    return [_row(r, filters.q) for r in rows], total


def _row(row: dict[str, Any], q: str | None) -> dict[str, Any]:
    analysis = row.pop("analysis")
    row["added_at"] = row["added_at"].isoformat(timespec="seconds") + "Z"
    row["named_share"] = round(row["named"] / row["claims"], 4) if row["claims"] else None
    row["snippet"] = snippet(_text(analysis), q) if q else None
    return row


def _text(analysis: str) -> str:
    text = json.loads(analysis).get("text", "")
    return text if isinstance(text, str) else ""


def snippet(text: str, q: str) -> dict[str, Any] | None:
    """The words around the first place ``q`` is found (case ignored), with where."""
    at = text.lower().find(q.lower())
    if at < 0:
        return None
    start, end = max(0, at - _SNIPPET), min(len(text), at + len(q) + _SNIPPET)
    return {"before": text[start:at], "match": text[at:at + len(q)],
            "after": text[at + len(q):end], "start": at}


def sites(corpus: Corpus) -> list[str]:
    """Every site or outlet name, for the filter's choices."""
    return [r[0] for r in corpus.execute(
        "SELECT DISTINCT coalesce(site, outlet) AS s FROM articles WHERE s IS NOT NULL "
        "ORDER BY s").rows]
