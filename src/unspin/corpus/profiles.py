"""Outlet profiles: how each outlet writes, in figures, overall and over time.

An outlet is ``articles.outlet``: the site name, else the outlet a republished article
names as its origin, else the URL's host (``rows.outlet``); articles with none are
``(unknown)``: a file's folder is never taken for its outlet. For each outlet:
articles and words (kept text, removed spans not counted); persuasion-technique spans per
1,000 words, overall and per technique; the share of claims attributed to a named person
or organisation; the people, organisations and places (spaCy's PERSON, ORG, GPE) named in
the most articles; and the same figures per month or year of publication (``undated``
when the article has no ISO date). An article analysed without the techniques or claims
stage counts as having none of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .indexes import Index
from .rows import rebuild_outlets
from .store import Store

UNKNOWN = "(unknown)"
# ``articles.outlet``, by which profiles group articles (``rows.outlet``). Version 2: no
# folder names.
INDEX = Index("outlets", "2", rebuild_outlets)
TOP = 5
ENTITY_LABELS = ("PERSON", "ORG", "GPE")
NAMED = ("named_person", "named_organization")
BUCKETS = {"month": 7, "year": 4}


@dataclass(slots=True)
class Figures:
    """Counts for one outlet over one stretch of time, and the rates made from them."""

    articles: int = 0
    words: int = 0
    techniques: int = 0
    claims: int = 0
    named: int = 0

    @property
    def technique_rate(self) -> float | None:
        """Technique spans per 1,000 words."""
        return 1000 * self.techniques / self.words if self.words else None

    @property
    def named_share(self) -> float | None:
        """Share of claims with a named person or organisation behind them."""
        return self.named / self.claims if self.claims else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "technique_rate": _round(self.technique_rate),
                "named_share": _round(self.named_share)}


@dataclass(slots=True)
class Profile:
    outlet: str
    figures: Figures = field(default_factory=Figures)
    techniques: list[tuple[str, int]] = field(default_factory=list)  # most used first
    entities: list[tuple[str, str, int]] = field(default_factory=list)  # text, label, articles
    periods: dict[str, Figures] = field(default_factory=dict)

    def technique_rates(self) -> list[tuple[str, float]]:
        words = self.figures.words
        return [(name, 1000 * n / words if words else 0.0) for name, n in self.techniques]

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, **self.figures.to_dict(),
                "top_techniques": [{"technique": t, "spans": n, "rate": _round(r)}
                                   for (t, n), (_, r) in zip(self.techniques,
                                                             self.technique_rates())],
                "top_entities": [{"text": t, "label": lab, "articles": n}
                                 for t, lab, n in self.entities],
                "periods": {p: f.to_dict() for p, f in self.periods.items()}}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def profiles(store: Store, outlet: str | None = None, *, by: str | None = None,
             top: int = TOP) -> list[Profile]:
    """Profiles of every outlet (most articles first), or of the one named ``outlet``
    (ignoring case); with ``by`` ("month" or "year") also per period.

    Raises:
        ValueError: ``by`` is neither month nor year (the CLI offers only those).
    """
    if by is not None and by not in BUCKETS:
        raise ValueError(f"by must be month or year, not {by!r}")
    scope = _scope(outlet, by)
    params = {"outlet": outlet} if outlet is not None else {}
    found: dict[str, Profile] = {}
    for name, period, articles, words in store.execute(
            f"{scope} SELECT outlet, period, count(*), coalesce(sum(words), 0) "
            "FROM a GROUP BY ALL", params).rows:
        profile = found.setdefault(name, Profile(name))
        _add(profile, period, Figures(articles, int(words)))
    _techniques(store, scope, params, found, top)
    _claims(store, scope, params, found)
    _entities(store, scope, params, found, top)
    return sorted(found.values(), key=lambda p: (-p.figures.articles, p.outlet))


def _scope(outlet: str | None, by: str | None) -> str:
    period = "NULL" if by is None else (
        f"CASE WHEN regexp_matches(date, '^\\d{{4}}-\\d{{2}}') THEN left(date, {BUCKETS[by]}) "
        "ELSE 'undated' END")
    where = f"WHERE lower(coalesce(outlet, '{UNKNOWN}')) = lower($outlet)" \
        if outlet is not None else ""
    return (f"WITH a AS (SELECT id, coalesce(outlet, '{UNKNOWN}') AS outlet, words, "
            f"{period} AS period FROM articles {where})")


def _add(profile: Profile, period: str | None, figures: Figures) -> None:
    """Add figures to the outlet's totals and, with a period, to that period's."""
    targets = [profile.figures]
    if period is not None:
        targets.append(profile.periods.setdefault(period, Figures()))
    for target in targets:
        target.articles += figures.articles
        target.words += figures.words
        target.techniques += figures.techniques
        target.claims += figures.claims
        target.named += figures.named


def _techniques(store: Store, scope: str, params: dict[str, Any],
                found: dict[str, Profile], top: int) -> None:
    rows = store.execute(
        f"{scope} SELECT a.outlet, a.period, t.technique, count(*) FROM techniques t "
        "JOIN a ON a.id = t.article_id GROUP BY ALL", params).rows
    totals: dict[str, dict[str, int]] = {}
    for name, period, technique, n in rows:
        _add(found[name], period, Figures(techniques=n))
        by_name = totals.setdefault(name, {})
        by_name[technique] = by_name.get(technique, 0) + n
    for name, counts in totals.items():
        found[name].techniques = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:top]


def _claims(store: Store, scope: str, params: dict[str, Any],
            found: dict[str, Profile]) -> None:
    for name, period, claims, named in store.execute(
            f"{scope} SELECT a.outlet, a.period, count(*), "
            f"count(*) FILTER (WHERE c.source_kind IN {NAMED}) FROM claims c "
            "JOIN a ON a.id = c.article_id GROUP BY ALL", params).rows:
        _add(found[name], period, Figures(claims=claims, named=named))


def _entities(store: Store, scope: str, params: dict[str, Any],
              found: dict[str, Profile], top: int) -> None:
    for name, text, label, articles in store.execute(
            f"{scope} SELECT a.outlet, e.text, e.label, count(DISTINCT e.article_id) AS n "
            f"FROM entities e JOIN a ON a.id = e.article_id WHERE e.label IN {ENTITY_LABELS} "
            "GROUP BY a.outlet, e.text, e.label QUALIFY row_number() OVER (PARTITION BY a.outlet "
            f"ORDER BY n DESC, e.text, e.label) <= {int(top)} ORDER BY a.outlet, n DESC, "
            "e.text", params).rows:
        found[name].entities.append((text, label, articles))
