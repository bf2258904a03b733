"""Syndication: groups of copies and near-copies of one story, and each group's origin.

Each article's kept text (``Analysis.kept_text()``: ads, credits and "originally published
on" lines blanked) is cut into overlapping five-word shingles and summarised by a MinHash
signature (datasketch's permutations), stored in ``minhashes``. Candidates are found by locality-
sensitive hashing with datasketch's banding for ``THRESHOLD`` (``BANDS`` bands of
``ROWS`` values; two signatures that agree on a whole band are candidates), and a
candidate whose estimated Jaccard similarity reaches ``THRESHOLD`` joins the new article's
group, merging the groups an article bridges. Changed groups are written in the same
transaction as the articles, so a crash never leaves one without the other.

Why the bands live in a DuckDB table (``lsh_bands``) rather than in datasketch's
``MinHashLSH``: that index is in memory (or in Redis or Cassandra, which an offline tool
cannot assume), about 11 KB an article in Python sets, 10 GB for a million, and would be
rebuilt on every run; as a table the same buckets take a few hundred bytes an article on
disk, nothing to rebuild, and one join per chunk finds the candidates.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from anyascii import anyascii
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from ..document import Analysis, Metadata, Removed, Source
from .indexes import Index
from .schema import utcnow
from .store import insert_arrow

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
# How a shingle becomes the 32-bit value MinHash permutes (``shingle_hashes``). Version 2
# corpora used datasketch's sha1_hash32 of the shingle's bytes; migration 3 recomputes.
SHINGLE_HASH = "crc32-words-fnv64"
SHINGLE_WORDS = 5
THRESHOLD = 0.5
# Banding tuned for recall (datasketch picks 30 bands of 4 rows): a pair at similarity
# 0.6 is a candidate 98% of the time, at 0.5 86%; the false candidates this lets in are
# dropped by comparing signatures, which costs microseconds.
_BANDING = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, weights=(0.2, 0.8))
BANDS, ROWS = int(_BANDING.b), int(_BANDING.r)
# Members of one group whose bands are indexed. A new article needs to match one member
# to join a group, and copies match the first ones as well as any; indexing every member
# of a story copied thousands of times would make each lookup return them all.
REPRESENTATIVES = 16
# Fewer shingles than this and a text is too short to call anything its copy.
MIN_SHINGLES = 10
PARAMETERS = {"minhash.num_perm": str(NUM_PERM), "minhash.seed": str(SEED),
              "minhash.scheme": SCHEME, "minhash.shingle_hash": SHINGLE_HASH,
              "minhash.shingle_words": str(SHINGLE_WORDS),
              "minhash.threshold": str(THRESHOLD), "minhash.bands": str(BANDS),
              "minhash.rows": str(ROWS)}

_WORD = re.compile(r"\w+")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


def shingle_hashes(text: str) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """The distinct 32-bit hashes of the text's overlapping runs of ``SHINGLE_WORDS``
    lower-cased words (fewer when the text has fewer words).

    Written with numpy instead of hashing each shingle's string with datasketch's
    sha1_hash32, which took two thirds of the time of storing an analysed article: each
    distinct word is hashed once (CRC-32), and the runs are folded FNV-style into 64 bits,
    then 32. A collision between two shingles of one text (about 1 in 10^7 for a long
    article) only makes a similarity estimate a little off; datasketch mixes the values
    (MurmurHash3's finalizer) before permuting them, so CRC-32's linearity does not matter.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    size = min(SHINGLE_WORDS, len(words))
    vocabulary = {w: zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in set(words)}
    word_hashes = np.fromiter((vocabulary[w] for w in words), np.uint64, len(words))
    runs = len(words) - size + 1
    folded = np.full(runs, _FNV_OFFSET, dtype=np.uint64)
    for k in range(size):
        folded = (folded ^ word_hashes[k:k + runs]) * _FNV_PRIME
    return np.unique((folded ^ (folded >> np.uint64(32))) & np.uint64(0xFFFFFFFF))


@dataclass(frozen=True, slots=True)
class Signature:
    """A text's MinHash as stored: the shingle count and the hash values' bytes."""

    shingles: int
    blob: bytes

    @classmethod
    def of(cls, text: str) -> Signature:
        found = shingle_hashes(text)
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                          permutations=_PERMUTATIONS, hashfunc=int)
        minhash.update_batch(found.tolist())
        return cls(len(found), np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes())

    def values(self) -> np.ndarray[Any, np.dtype[np.uint32]]:
        return np.frombuffer(self.blob, dtype=np.uint32)

    @property
    def groupable(self) -> bool:
        return self.shingles >= MIN_SHINGLES


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(similarities(a, [b])[0])


def similarities(one: Signature, others: list[Signature]) -> np.ndarray[Any, Any]:
    """``one``'s estimated Jaccard similarity to each of ``others``.

    The estimate datasketch's ``MinHash.jaccard`` computes (the share of equal hash
    values), written out so that a group of thousands is compared in one numpy step
    instead of building a MinHash object per member.
    """
    if not others:
        return np.zeros(0)
    matrix = np.frombuffer(b"".join(o.blob for o in others), dtype=np.uint32)
    equal = matrix.reshape(len(others), NUM_PERM) == one.values()
    return np.asarray(equal.mean(axis=1), dtype=np.float64)


def band_buckets(signatures: list[Signature]) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """One bucket per band and signature, shape (signatures, ``BANDS``): the band's
    ``ROWS`` hash values folded into 64 bits (FNV-style; a rare collision only adds a
    candidate, which the similarity check then drops)."""
    values = np.frombuffer(b"".join(s.blob for s in signatures), dtype=np.uint32)
    bands = values.reshape(len(signatures), NUM_PERM)[:, :BANDS * ROWS]
    bands = bands.reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    bucket = np.full((len(signatures), BANDS), 0xCBF29CE484222325, dtype=np.uint64)
    for row in range(ROWS):
        bucket = (bucket ^ bands[:, :, row]) * np.uint64(0x100000001B3)
    return bucket


def article_key(article_id: str) -> int:
    """The 64-bit key ``lsh_bands`` names an article by: its id's first 16 hex digits."""
    return int(article_id[:16], 16)


@dataclass(slots=True)
class Groups:
    """Group membership for one run (only articles that have copies), and how many of
    each group's members are indexed; every write goes through ``conn``."""

    group_of: dict[str, str] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)
    indexed: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: duckdb.DuckDBPyConnection) -> Groups:
        groups = cls()
        for article_id, group_id, indexed in conn.execute(
                "SELECT c.article_id, c.group_id, m.indexed FROM copies c "
                "JOIN minhashes m USING (article_id)").fetchall():
            groups.group_of[article_id] = group_id
            groups.members.setdefault(group_id, set()).add(article_id)
            groups.indexed[group_id] = groups.indexed.get(group_id, 0) + int(indexed)
        return groups

    def add(self, conn: duckdb.DuckDBPyConnection, signatures: dict[str, Signature]) -> None:
        """Store new articles' signatures and bands, and put each in the group of its
        copies: stored articles, or new ones earlier in ``signatures``."""
        ids = [a for a, s in signatures.items() if s.groupable]
        new = [signatures[a] for a in ids]
        buckets = band_buckets(new) if new else np.zeros((0, BANDS), np.uint64)
        stored = _stored_candidates(conn, buckets)
        changed: set[str] = set()
        gone: set[str] = set()
        indexed: dict[str, bool] = {}
        for n, article_id in enumerate(ids):
            earlier = np.flatnonzero((buckets[:n] == buckets[n]).any(axis=1))
            candidates = stored.get(n, []) + [(ids[i], new[i]) for i in earlier]
            self._join(article_id, new[n], candidates, changed, gone)
            indexed[article_id] = self._represents(article_id)
        _insert_signatures(conn, signatures, indexed, ids, buckets)
        groups = {g: self.members[g] for g in changed - gone}
        _write_groups(conn, groups, changed | gone)

    def _join(self, article_id: str, signature: Signature,
              candidates: list[tuple[str, Signature]], changed: set[str],
              gone: set[str]) -> None:
        scores = similarities(signature, [s for _, s in candidates])
        copies = [c for (c, _), score in zip(candidates, scores) if score >= THRESHOLD]
        if copies:
            self._merge(article_id, {self.group_of.get(c, c) for c in copies}, changed, gone)

    def link(self, first: str, second: str, changed: set[str], gone: set[str]) -> None:
        """Put two articles linked otherwise than by shingles (a translation and its
        original, ``translations``) in one group, merging theirs."""
        if first in self.group_of and self.group_of.get(first) == self.group_of.get(second):
            return
        joined = {self.group_of.get(second, second)}
        if first in self.group_of:
            joined.add(self.group_of[first])
        self._merge(first, joined, changed, gone)

    def _merge(self, article_id: str, joined: set[str], changed: set[str],
               gone: set[str]) -> None:
        target = min(joined)
        members = {article_id}
        indexed = 0
        for group in joined:
            members |= self.members.pop(group, {group})
            indexed += self.indexed.pop(group, 0 if group in self.group_of else 1)
        gone |= joined - {target}
        changed.add(target)
        self.members[target] = members
        self.indexed[target] = indexed
        for member in members:
            self.group_of[member] = target

    def _represents(self, article_id: str) -> bool:
        """Whether the article's bands are indexed; counts it if so. An article with no
        copies always is: it is its own group of one."""
        group = self.group_of.get(article_id)
        if group is None:
            return True
        if self.indexed.get(group, 0) >= REPRESENTATIVES:
            return False
        self.indexed[group] = self.indexed.get(group, 0) + 1
        return True


def _stored_candidates(conn: duckdb.DuckDBPyConnection, buckets: np.ndarray[Any, Any]
                       ) -> dict[int, list[tuple[str, Signature]]]:
    """For each new signature (by position), the stored articles sharing a band with it."""
    if not len(buckets):
        return {}
    probe = pa.table({
        "n": pa.array(np.repeat(np.arange(len(buckets)), BANDS), pa.int32()),
        "band": pa.array(np.tile(np.arange(BANDS), len(buckets)), pa.uint8()),
        "bucket": pa.array(buckets.ravel(), pa.uint64())})
    conn.register("_probe", probe)
    try:
        pairs = conn.execute("SELECT DISTINCT p.n, b.key FROM _probe p JOIN lsh_bands b "
                             "ON b.band = p.band AND b.bucket = p.bucket").fetchall()
    finally:
        conn.unregister("_probe")
    if not pairs:
        return {}
    by_key: dict[int, list[tuple[str, Signature]]] = {}
    # The keys as literals (integers we made): an IN list of constants is what lets DuckDB
    # look them up in the minhashes_key index instead of scanning every signature.
    keys = ", ".join(str(int(k)) for k in sorted({k for _, k in pairs}))
    for key, article_id, count, blob in conn.execute(
            f"SELECT key, article_id, shingles, signature FROM minhashes WHERE key IN ({keys})"
    ).fetchall():
        by_key.setdefault(key, []).append((article_id, Signature(count, blob)))
    found: dict[int, list[tuple[str, Signature]]] = {}
    for n, key in pairs:
        found.setdefault(n, []).extend(by_key.get(key, []))
    return found


def _insert_signatures(conn: duckdb.DuckDBPyConnection, signatures: dict[str, Signature],
                       indexed: dict[str, bool], ids: list[str],
                       buckets: np.ndarray[Any, Any]) -> None:
    insert_arrow(conn, "minhashes", pa.table({
        "article_id": list(signatures),
        "key": pa.array([article_key(a) for a in signatures], pa.uint64()),
        "shingles": pa.array([s.shingles for s in signatures.values()], pa.int32()),
        "signature": pa.array([s.blob for s in signatures.values()], pa.binary()),
        "indexed": pa.array([indexed.get(a, False) for a in signatures], pa.bool_())}))
    rows = [n for n, a in enumerate(ids) if indexed[a]]
    if rows:
        insert_arrow(conn, "lsh_bands", pa.table({
            "band": pa.array(np.tile(np.arange(BANDS), len(rows)), pa.uint8()),
            "bucket": pa.array(buckets[rows].ravel(), pa.uint64()),
            "key": pa.array(np.repeat(np.array([article_key(ids[n]) for n in rows],
                                               dtype=np.uint64), BANDS), pa.uint64())}))


# A list parameter as a semi-join: for thousands of ids, several times faster in DuckDB
# than ``list_contains`` on every row.
_IDS = "(SELECT unnest(?::VARCHAR[]))"


def _write_groups(conn: duckdb.DuckDBPyConnection, groups: dict[str, set[str]],
                  replaced: set[str]) -> None:
    """Rewrite the rows of every changed group, with its origin worked out afresh."""
    if not replaced:
        return
    conn.execute(f"DELETE FROM copies WHERE group_id IN {_IDS}", [sorted(replaced)])
    conn.execute(f"DELETE FROM copy_groups WHERE group_id IN {_IDS}", [sorted(replaced)])
    everyone = _members(conn, [m for members in groups.values() for m in members])
    copies: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    now = utcnow()
    language_of = OutletLanguages(conn)
    for group_id, ids in sorted(groups.items()):
        members = [everyone[m] for m in sorted(ids, key=lambda m: everyone[m].order)]
        origin = likely_origin(members, language_of)
        scores: list[float | None] = [None] * len(members)
        if origin.article_id:
            found = similarities(everyone[origin.article_id].signature,
                                 [m.signature for m in members])
            scores = [float(score) for score in found]
        copies += [{"article_id": m.article_id, "group_id": group_id, "similarity": score,
                    "is_origin": m.article_id == origin.article_id}
                   for m, score in zip(members, scores)]
        summaries.append({"group_id": group_id, "members": len(members),
                          "origin_id": origin.article_id, "origin_name": origin.name,
                          "origin_reason": origin.reason, "updated_at": now})
    insert_arrow(conn, "copies", pa.Table.from_pylist(copies, schema=_COPIES))
    insert_arrow(conn, "copy_groups", pa.Table.from_pylist(summaries, schema=_GROUPS))


_COPIES = pa.schema([("article_id", pa.string()), ("group_id", pa.string()),
                     ("similarity", pa.float64()), ("is_origin", pa.bool_())])
_GROUPS = pa.schema([("group_id", pa.string()), ("members", pa.int32()),
                     ("origin_id", pa.string()), ("origin_name", pa.string()),
                     ("origin_reason", pa.string()), ("updated_at", pa.timestamp("us"))])


@dataclass(frozen=True, slots=True)
class Member:
    """What the origin rules read of a group member. ``cites`` are the names of the
    organisations and people its analysis found behind its sentences (the ``sources``
    table's named sources: "as RIA Novosti reported", «как сообщает РИА Новости»)."""

    article_id: str
    site: str | None
    url: str | None
    date: str | None
    origin: str | None
    order: tuple[Any, str]
    signature: Signature
    language: str | None = None
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Origin:
    """A group's likely first publisher: a member (``article_id``) or only a ``name``
    when the outlet its copies name is not in the corpus; ``reason`` says how it was
    chosen: ``named`` (a copy names it), ``earliest date``, ``cited by others``,
    ``language of the cited outlet`` or ``first stored`` (``likely_origin``)."""

    article_id: str | None
    name: str | None
    reason: str


def _members(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, Member]:
    rows = conn.execute(
        "SELECT a.id, a.site, a.url, a.date, a.origin, a.added_at, m.shingles, m.signature, "
        "a.language FROM articles a JOIN minhashes m ON m.article_id = a.id "
        f"WHERE a.id IN {_IDS}", [ids]).fetchall()
    cites = _cited(conn, ids)
    return {r[0]: Member(r[0], r[1], r[2], r[3], r[4], (r[5], r[0]), Signature(r[6], r[7]),
                         r[8], cites.get(r[0], ()))
            for r in rows}


def _cited(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The named sources each article's analysis found (stored in ``sources`` with the
    article, before its group is written), by article. Both named kinds: an outlet
    reporting ("RIA Novosti reported") is sometimes taken for a person."""
    return {article_id: tuple(sorted(names)) for article_id, names in conn.execute(
        "SELECT article_id, list(DISTINCT name) FROM sources "
        f"WHERE article_id IN {_IDS} AND name IS NOT NULL "
        "AND kind IN ('named_organization', 'named_person') GROUP BY article_id",
        [ids]).fetchall()}


LanguageOf = Callable[[str], str | None]


def _no_language(name: str) -> str | None:
    return None


def likely_origin(members: list[Member], language_of: LanguageOf = _no_language) -> Origin:
    """The likely first publisher of a group (``members`` in the order they were stored).

    In order: the outlet a copy names as the original publisher (a member naming its
    own outlet, by its own wire dateline, casts no vote); the member with the
    earliest day; among those tied for it (or all, when none is dated) the one whose
    outlet the others cite (``_cited_by_others``); the one written in the language of an
    outlet outside the group that a version in another language cites (``language_of``
    says which language the corpus's articles from an outlet are in); the first stored.
    """
    named = [m.origin for m in members if m.origin and not _same_outlet(m, m.origin)]
    if named:
        name = max(set(named), key=lambda n: (named.count(n), n))
        found = [m for m in members if _same_outlet(m, name) and _names_no_other(m)]
        return Origin(found[0].article_id if found else None, name, "named")
    dated = sorted((m for m in members if m.date), key=lambda m: _day(m.date))
    if dated and (len(dated) == 1 or _day(dated[0].date) < _day(dated[1].date)):
        return Origin(dated[0].article_id, dated[0].site, "earliest date")
    tied = [m for m in dated if _day(m.date) == _day(dated[0].date)] if dated else members
    cited = _cited_by_others(tied, members)
    if cited is not None:
        return Origin(cited.article_id, cited.site, "cited by others")
    translated = _in_cited_language(tied, members, language_of)
    if translated is not None:
        return Origin(translated.article_id, translated.site, "language of the cited outlet")
    return Origin(tied[0].article_id, tied[0].site, "first stored")


def origin_of(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> Origin:
    """The likely first publisher among the stored articles ``ids`` (an article and its
    translations, say) by the rules a copies group's origin is chosen by
    (``likely_origin``), so the two views never disagree on how an origin is told."""
    found = _members(conn, ids)
    members = sorted(found.values(), key=lambda m: m.order)
    return likely_origin(members, OutletLanguages(conn))


def _names_no_other(member: Member) -> bool:
    """Whether ``member`` names no origin but its own outlet: a wire's own story keeps
    its dateline ("PARIS, April 10 (Northwire) —", read as its origin), which says
    nothing against it being the original; a copy naming another outlet is not one."""
    return not member.origin or _same_outlet(member, member.origin)


def _cited_by_others(tied: list[Member], members: list[Member]) -> Member | None:
    """The candidate whose outlet more other members cite than any other candidate's
    ("as RIA Novosti reported" in the copy, RIA Novosti's article in the group); none
    when no candidate is cited, or two outlets' candidates are cited as often (each
    citing the other, say); among several versions of the cited outlet, the first stored.
    A member of the same outlet citing it does not count: an outlet names itself.

    Citations are indexed by outlet key first, so a group of thousands of copies costs
    one pass over its members rather than one per pair.
    """
    citing: dict[str, set[str]] = {}
    for member in members:
        for name in member.cites:
            for key in _name_keys(name):
                citing.setdefault(key, set()).add(member.article_id)
    if not citing:
        return None
    outlet = {m.article_id: _outlet_keys(m) for m in members}
    counts: dict[str, int] = {}
    for candidate in tied:
        keys = outlet[candidate.article_id]
        citers = set().union(*(citing.get(key, set()) for key in keys))
        counts[candidate.article_id] = sum(1 for c in citers if not outlet[c] & keys)
    best = max(counts.values(), default=0)
    leaders = [c for c in tied if counts[c.article_id] == best]
    if not best or any(not outlet[c.article_id] & outlet[leaders[0].article_id]
                       for c in leaders):
        return None
    return leaders[0]


def _in_cited_language(tied: list[Member], members: list[Member],
                       language_of: LanguageOf) -> Member | None:
    """The first stored candidate written in language L, when a member in another
    language cites an outlet outside the group whose stored articles are all in L (the
    translation carried the citation over from its original), every candidate's language
    is known and not all are in L; none when the cited outlets point to several languages.
    """
    languages = {m.language for m in tied}
    if None in languages or len(languages) < 2:
        return None
    inside = set().union(*(_outlet_keys(m) for m in members))
    found = {language for m in members if m.language for name in m.cites
             if not _name_keys(name) & inside
             and (language := language_of(name)) is not None and language != m.language}
    if len(found) != 1:
        return None
    [language] = found
    return next((m for m in tied if m.language == language), None)


def _day(date: str | None) -> str:
    """ISO dates and timestamps compare by their day: a copy posted the same day as the
    original with a later time of day is no more likely the original."""
    return (date or "")[:10]


def _same_outlet(member: Member, name: str) -> bool:
    """Whether ``member`` was published by the outlet called ``name``: its site name, or
    its URL's host without ``www.`` and the top-level domain, equal ignoring case,
    punctuation, a leading "The" and the script ("The Continental Ledger" ~
    continentalledger.example, «РИА Новости» ~ "RIA Novosti"), or its site name spelled
    alike in the other script (``_spelled_alike``)."""
    if _name_keys(name) & _outlet_keys(member):
        return True
    return member.site is not None and _spelled_alike(name, member.site)


# Names in two scripts are one outlet's when their Latin letters (``_squash``) agree to
# rapidfuzz's ratio ``SPELLED_ALIKE_RATIO`` (100 less the share of letters to insert or
# delete), both being at least ``SPELLED_ALIKE_MIN_LETTERS`` long: an outlet's own Latin
# spelling and anyascii's differ by a letter or two ("Poludenny Kurier" and «Полуденный
# курьер», "Poludennyi kur'er": 93.3), while a shorter name has no letter to spare.
SPELLED_ALIKE_RATIO = 90.0
SPELLED_ALIKE_MIN_LETTERS = 6


def _spelled_alike(name: str, site: str) -> bool:
    """Whether ``name`` and ``site``, one in Latin letters and the other not, spell one
    outlet's name by two transliterations. Names in one script must be equal: there a
    letter of difference is another outlet ("Kommersant" and "Kommersant FM")."""
    if name.isascii() == site.isascii():
        return False
    return any(min(len(a), len(b)) >= SPELLED_ALIKE_MIN_LETTERS
               and fuzz.ratio(a, b) >= SPELLED_ALIKE_RATIO
               for a in _name_keys(name) for b in _name_keys(site))


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _name_keys(name: str) -> frozenset[str]:
    """The keys an outlet called ``name`` matches (``_squash``, with and without a
    leading "The"); cached, as a story's copies cite the same few names."""
    return frozenset({_squash(name), _squash(_LEADING_THE.sub("", name))} - {""})


def _outlet_keys(member: Member) -> set[str]:
    return _keys(member.site, _host(member.url))


def _keys(site: str | None, host: str | None) -> set[str]:
    return {_squash(site or ""), _squash(host or "")} - {""}


def _host(url: str | None) -> str:
    """The URL's host without ``www.`` and the top-level domain (ria.ru -> ria)."""
    return re.sub(r"^https?://(www\.)?", "", url or "").split("/")[0].rsplit(".", 1)[0]


@lru_cache(maxsize=8192)
def _squash(name: str) -> str:
    """``name`` in Latin letters (anyascii's transliteration: «РИА Новости» -> "RIA
    Novosti"), lower-cased, without spaces or punctuation: one outlet's names in either
    script compare equal when the transliteration is the one the outlet uses."""
    return re.sub(r"[\W_]+", "", anyascii(name).lower())


class OutletLanguages:
    """The language of the stored articles from each outlet (site name or URL host),
    read from ``articles`` on the first question and kept for the rest of one write."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn
        self._found: list[tuple[set[str], str]] | None = None

    def __call__(self, name: str) -> str | None:
        """The one language every stored article from the outlet ``name`` is in; None
        when the corpus holds none of its articles, or holds them in several languages
        (an outlet that publishes in both says nothing of a translation's direction)."""
        if self._found is None:
            self._found = [(_keys(site, _host(url)), language) for site, url, language in
                           self._conn.execute(
                               "SELECT DISTINCT site, regexp_extract(url, '^[^/]*//[^/]*'), "
                               "language FROM articles WHERE language IS NOT NULL "
                               "AND language <> 'und'").fetchall()]
        wanted = _name_keys(name)
        languages = {language for keys, language in self._found if wanted & keys}
        return languages.pop() if len(languages) == 1 else None


def join_links(conn: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]]) -> None:
    """Merge the groups of each pair of articles found to be one text otherwise than by
    shingles (a translation and its original) and write the groups that changed, with
    their origin worked out afresh. Runs inside the caller's transaction."""
    if not pairs:
        return
    groups = Groups.load(conn)
    changed: set[str] = set()
    gone: set[str] = set()
    for first, second in pairs:
        groups.link(first, second, changed, gone)
    _write_groups(conn, {g: groups.members[g] for g in changed - gone}, changed | gone)


# Pairs linked by meaning across languages (``translations.LINKS``); copies groups take
# them in, so a rebuild of the groups joins them again.
LINKS = "translation_links"


def rebuild(conn: duckdb.DuckDBPyConnection) -> None:
    """Signatures and groups for every stored article again, with today's parameters
    (``PARAMETERS``, recorded in ``settings``), and the stored translation links."""
    for table in ("lsh_bands", "minhashes", "copies", "copy_groups"):
        conn.execute(f"DELETE FROM {table}")
    for key, value in sorted(PARAMETERS.items()):
        conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])
    groups = Groups.load(conn)
    batch: dict[str, Signature] = {}
    for article_id, text, removed in conn.execute(
            "SELECT id, analysis->>'$.text', CAST(analysis->'$.removed' AS VARCHAR) "
            "FROM articles ORDER BY added_at, id").fetchall():
        batch[article_id] = Signature.of(_kept_text(text, removed))
        if len(batch) >= 1000:
            groups.add(conn, batch)
            batch = {}
    if batch:
        groups.add(conn, batch)
    if conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                    [LINKS]).fetchall()[0][0]:
        join_links(conn, [(a, b) for a, b in conn.execute(
            f"SELECT article_id, other_id FROM {LINKS} ORDER BY article_id, other_id"
        ).fetchall()])


# Bump the version when a parameter, the shingling or the origin rules change. Taking in
# the translation links needed no bump: a corpus made before has no links, so its groups
# are the same. Version 2: an origin cited by the others or in the cited outlet's
# language, and outlet names compared across scripts. Version 3: a named origin's site
# matched across scripts when spelled alike (``_spelled_alike``).
INDEX = Index("copies", "3", rebuild)


def _kept_text(text: str, removed_json: str | None) -> str:
    removed = [Removed(**r) for r in json.loads(removed_json or "[]")]
    return Analysis(source=Source(), text=text, metadata=Metadata(),
                    removed=removed).kept_text()
