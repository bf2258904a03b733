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

Every rate comes with a 95% confidence interval. Spans and claims come in articles, and
articles of one outlet differ far more than counts of independent events would, so a
rate (spans per word, named claims per claim) is treated as a ratio estimator over
articles: its standard error is the delta-method (cluster) one, from per-article sums
that add up like the counts do, and the interval is the rate +- 1.96 standard errors,
cut at 0 (and at 1 for a share). With fewer than two articles there is no interval
(None): one article says nothing about how the outlet's articles vary. The persuasion
score (``Analysis.persuasion_score``, read from the stored analysis JSON, so no new
column) is averaged over the articles that have one, with a normal interval on the mean.
"""

from __future__ import annotations

import math
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
Z95 = 1.959964  # two-sided 95% normal quantile
Interval = tuple[float, float]


def ratio_interval(n: int, sum_y: float, sum_x: float, sum_yy: float, sum_xx: float,
                   sum_xy: float, *, scale: float = 1.0, upper: float | None = None
                   ) -> Interval | None:
    """95% interval of ``scale * sum_y / sum_x`` over ``n`` articles (article i adding
    y_i and x_i): the delta-method standard error of a ratio estimator,
    sqrt(sum (y_i - R x_i)^2 / (n (n - 1))) / mean(x), from the sums of squares and
    products. Written out because the sums come from SQL; statsmodels would want the
    rows. None with fewer than two articles or no ``x``."""
    if n < 2 or sum_x <= 0:
        return None
    r = sum_y / sum_x
    spread = max(sum_yy - 2 * r * sum_xy + r * r * sum_xx, 0.0)
    se = math.sqrt(spread / (n * (n - 1))) / (sum_x / n)
    low, high = max(r - Z95 * se, 0.0), r + Z95 * se
    if upper is not None:
        high = min(high, upper)
    return round(scale * low, 4), round(scale * high, 4)


def mean_interval(n: int, total: float, total_sq: float) -> Interval | None:
    """95% normal interval of a mean of ``n`` values in [0, 1] (None under two)."""
    if n < 2:
        return None
    mean = total / n
    sd = math.sqrt(max(total_sq - n * mean * mean, 0.0) / (n - 1))
    half = Z95 * sd / math.sqrt(n)
    return round(max(mean - half, 0.0), 4), round(min(mean + half, 1.0), 4)


@dataclass(slots=True)
class Figures:
    """Counts for one outlet over one stretch of time, the rates made from them, and the
    per-article sums of squares and products their intervals need."""

    articles: int = 0
    words: int = 0
    techniques: int = 0
    claims: int = 0
    named: int = 0
    scored: int = 0  # articles with a persuasion score
    persuasion_sum: float = 0.0
    # Per-article sums for the intervals: words^2, techniques^2, techniques*words,
    # claims^2, named^2, named*claims, persuasion^2.
    words_sq: float = 0.0
    techniques_sq: float = 0.0
    techniques_words: float = 0.0
    claims_sq: float = 0.0
    named_sq: float = 0.0
    named_claims: float = 0.0
    persuasion_sq: float = 0.0

    @property
    def technique_rate(self) -> float | None:
        """Technique spans per 1,000 words."""
        return 1000 * self.techniques / self.words if self.words else None

    @property
    def technique_rate_ci(self) -> Interval | None:
        return ratio_interval(self.articles, self.techniques, self.words, self.techniques_sq,
                              self.words_sq, self.techniques_words, scale=1000)

    @property
    def named_share(self) -> float | None:
        """Share of claims with a named person or organisation behind them."""
        return self.named / self.claims if self.claims else None

    @property
    def named_share_ci(self) -> Interval | None:
        return ratio_interval(self.articles, self.named, self.claims, self.named_sq,
                              self.claims_sq, self.named_claims, upper=1.0)

    @property
    def persuasion_score(self) -> float | None:
        """Mean persuasion score of the articles that have one."""
        return self.persuasion_sum / self.scored if self.scored else None

    @property
    def persuasion_score_ci(self) -> Interval | None:
        return mean_interval(self.scored, self.persuasion_sum, self.persuasion_sq)

    def to_dict(self) -> dict[str, Any]:
        counts = {k: v for k, v in asdict(self).items() if k in _COUNTS}
        return {**counts, "technique_rate": _round(self.technique_rate),
                "technique_rate_ci": _pair(self.technique_rate_ci),
                "named_share": _round(self.named_share),
                "named_share_ci": _pair(self.named_share_ci),
                "persuasion_score": _round(self.persuasion_score),
                "persuasion_score_ci": _pair(self.persuasion_score_ci)}


_COUNTS = ("articles", "words", "techniques", "claims", "named", "scored")


def _pair(interval: Interval | None) -> list[float] | None:
    return None if interval is None else list(interval)


@dataclass(slots=True)
class Profile:
    outlet: str
    figures: Figures = field(default_factory=Figures)
    # Most used first: (technique, spans, sum over articles of spans^2, of spans*words).
    techniques: list[tuple[str, int]] = field(default_factory=list)
    technique_sums: dict[str, tuple[float, float]] = field(default_factory=dict)
    entities: list[tuple[str, str, int]] = field(default_factory=list)  # text, label, articles
    periods: dict[str, Figures] = field(default_factory=dict)

    def technique_rates(self) -> list[tuple[str, float]]:
        words = self.figures.words
        return [(name, 1000 * n / words if words else 0.0) for name, n in self.techniques]

    def technique_rate_ci(self, name: str, spans: int) -> Interval | None:
        """95% interval of one technique's spans per 1,000 words (as ``ratio_interval``)."""
        f = self.figures
        sq, cross = self.technique_sums.get(name, (0.0, 0.0))
        return ratio_interval(f.articles, spans, f.words, sq, f.words_sq, cross, scale=1000)

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, **self.figures.to_dict(),
                "top_techniques": [{"technique": t, "spans": n, "rate": _round(r),
                                    "rate_ci": _pair(self.technique_rate_ci(t, n))}
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
    for name, period, *sums in store.execute(f"{scope}, {_PER_ARTICLE} {_SUMS}", params).rows:
        profile = found.setdefault(name, Profile(name))
        figures = Figures()
        for key, value in zip(_FIELDS, sums):
            setattr(figures, key, int(value) if key in _COUNTS else float(value))
        _add(profile, period, figures)
    _techniques(store, scope, params, found, top)
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


# One row per article: its outlet, period, words, spans, claims, named claims and
# persuasion score (from the stored analysis JSON; null before schema 1.3).
_PER_ARTICLE = f"""t AS (SELECT article_id, count(*) AS n FROM techniques GROUP BY ALL),
c AS (SELECT article_id, count(*) AS n,
      count(*) FILTER (WHERE source_kind IN {NAMED}) AS named FROM claims GROUP BY ALL),
r AS (SELECT a.outlet, a.period, a.words::DOUBLE AS w, coalesce(t.n, 0)::DOUBLE AS t,
      coalesce(c.n, 0)::DOUBLE AS c, coalesce(c.named, 0)::DOUBLE AS m,
      TRY_CAST(json_extract_string(x.analysis, '$.persuasion_score') AS DOUBLE) AS p
      FROM a JOIN articles x ON x.id = a.id LEFT JOIN t ON t.article_id = a.id
      LEFT JOIN c ON c.article_id = a.id)"""
_SUMS = ("SELECT outlet, period, count(*), coalesce(sum(w), 0), coalesce(sum(t), 0), "
         "coalesce(sum(c), 0), coalesce(sum(m), 0), count(p), coalesce(sum(p), 0), "
         "coalesce(sum(w * w), 0), coalesce(sum(t * t), 0), coalesce(sum(t * w), 0), "
         "coalesce(sum(c * c), 0), coalesce(sum(m * m), 0), coalesce(sum(m * c), 0), "
         "coalesce(sum(p * p), 0) FROM r GROUP BY ALL")
_FIELDS = ("articles", "words", "techniques", "claims", "named", "scored", "persuasion_sum",
           "words_sq", "techniques_sq", "techniques_words", "claims_sq", "named_sq",
           "named_claims", "persuasion_sq")


def _add(profile: Profile, period: str | None, figures: Figures) -> None:
    """Add figures to the outlet's totals and, with a period, to that period's."""
    targets = [profile.figures]
    if period is not None:
        targets.append(profile.periods.setdefault(period, Figures()))
    for target in targets:
        for name in _FIELDS:
            setattr(target, name, getattr(target, name) + getattr(figures, name))


def _techniques(store: Store, scope: str, params: dict[str, Any],
                found: dict[str, Profile], top: int) -> None:
    """Each outlet's most used techniques, with the per-article sums of their intervals."""
    rows = store.execute(
        f"{scope}, t AS (SELECT a.outlet, t.article_id, t.technique, count(*)::DOUBLE AS n, "
        "any_value(a.words)::DOUBLE AS w FROM techniques t JOIN a ON a.id = t.article_id "
        "GROUP BY ALL) SELECT outlet, technique, sum(n), sum(n * n), sum(n * w) FROM t "
        "GROUP BY ALL", params).rows
    totals: dict[str, dict[str, int]] = {}
    for name, technique, n, sq, cross in rows:
        totals.setdefault(name, {})[technique] = int(n)
        found[name].technique_sums[technique] = (float(sq), float(cross))
    for name, counts in totals.items():
        found[name].techniques = sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:top]


def _entities(store: Store, scope: str, params: dict[str, Any],
              found: dict[str, Profile], top: int) -> None:
    for name, text, label, articles in store.execute(
            f"{scope} SELECT a.outlet, e.text, e.label, count(DISTINCT e.article_id) AS n "
            f"FROM entities e JOIN a ON a.id = e.article_id WHERE e.label IN {ENTITY_LABELS} "
            "GROUP BY a.outlet, e.text, e.label QUALIFY row_number() OVER (PARTITION BY a.outlet "
            f"ORDER BY n DESC, e.text, e.label) <= {int(top)} ORDER BY a.outlet, n DESC, "
            "e.text", params).rows:
        found[name].entities.append((text, label, articles))
