"""The same claim in any language: multilingual claim vectors and a merged ``--like`` search.

The English claim vectors (MiniLM, ``matching.py``) compare English with English best (MAP@5
0.985 against 0.886 for the multilingual encoder on the CheckThat! 2020 sample) but say
nothing across languages. So every stored claim also gets a vector from the multilingual
encoder (``models.multilingual``), kept in ``claim_vectors_multilingual``, a derived index
keyed by the claim (article id, ord) and quantised like the English vectors (512 signed
bytes). Only claims are embedded, not every sentence, to keep the cost to ``corpus add``
small. ``Corpus.add`` embeds the claims it stored only when the corpus holds an article in
a language other than English (``embed_if_mixed``): an English-only corpus never loads the
multilingual encoder, whose loading (about 1.5 s a process) was most of its share of a short
run; the first article in another language brings every earlier claim in (one pass at
about 1.6 ms a claim). A search first embeds any claim still lacking a vector (after the
index was rebuilt, or for analyses stored by hand).

**Merging.** An English query is compared with English claims by the English vectors and
with claims in other languages by the multilingual ones; any other query with every claim
by the multilingual ones. Cosines from the two encoders are not on one scale (a MiniLM 0.5
is not a multilingual 0.5), so the two rankings are merged by reciprocal-rank fusion: a
claim's place is ``1 / (RRF_K + rank)`` in its own ranking, so the two lists interleave by
rank and English results keep their order among themselves. Each hit keeps the cosine of
the encoder that ranked it; ``min_similarity`` applies to that cosine.

**Names in common.** The multilingual encoder blurs names: an English tweet about one
politician comes near every Russian claim about politics. So its ``RERANK`` nearest claims
are re-ranked by their cosine plus ``NAME_WEIGHT`` times the share of the query's names
the claim also has (``shared_names``): capitalised words not at a sentence's start, spelt
in Latin letters by ``anyascii`` («Трампа» -> "trampa"), alike when they start alike and
differ by little more than an ending (difflib's ratio: Russian inflects names). Each name
counts by its rarity in the pool (a name every candidate shares tells nothing). Measured on
the CheckThat! 2020 sample (issue 20, ``benchmarks/crosslingual_like.py --only channels``), the
weight chosen on the tweets with even ids: en->ru MAP@5 0.839 -> 0.856, ru->en 0.899 ->
0.914, no tweet worse in en->ru; figures in common (numbers read in both languages) and
pseudo-relevance feedback were measured too and did not pay (docs/russian-eval.md).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import duckdb
import numpy as np
from anyascii import anyascii

from ..errors import CorpusError
from . import matching
from .indexes import Index
from .matching import Encoder, Hit, hits, nearest
from .store import Store
from .vectors import dequantize

TABLE = "claim_vectors_multilingual"
# The usual constant of reciprocal-rank fusion (Cormack et al., 2009).
RRF_K = 60
# Claims embedded and committed per step.
BATCH = 1024
# The multilingual ranking's nearest claims re-ranked by the names they share with the query,
# and what sharing all of the query's names adds to a cosine (chosen on the sample's en->ru
# tweets with even ids, issue 20: MAP@5 0.870 there, 0.856 at 0.1 and at 0.3).
RERANK = 20
NAME_WEIGHT = 0.2
# A word of three letters or more, a hyphen ending it (a name, when its first is a capital:
# "Trump" in "anti-Trump").
_WORD = re.compile(r"\b[^\W\d_][\w'’]{2,}")
_VOWELS = re.compile(r"[aeiouy'’]")
# What ends a sentence or opens a quotation: a capital after it is not a name's.
_OPENERS = ".!?:\"«“"


def _rebuild(conn: duckdb.DuckDBPyConnection) -> None:
    """An empty table: claims are embedded again by the next ``add`` or search (the
    encoder is minutes of work on a large corpus, too long for opening it)."""
    conn.execute(f"CREATE OR REPLACE TABLE {TABLE} (article_id VARCHAR NOT NULL, "
                 "ord INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (article_id, ord))")


INDEX = Index(TABLE, "1", _rebuild)


def default_multilingual() -> Encoder:
    from ..models.multilingual import multilingual_encoder

    return multilingual_encoder()


def embed_missing(store: Store, encoder: Encoder | None = None) -> int:
    """Give a multilingual vector to every stored claim that has none, a committed batch
    at a time; return how many were embedded."""
    return matching.embed_missing(store, encoder, BATCH, table=TABLE, load=default_multilingual)


def embed_if_mixed(store: Store, encoder: Encoder | None = None) -> int:
    """``embed_missing`` when the corpus holds an article in a language other than
    English (else nothing, and the encoder is not loaded; a text too short to tell, ``und``,
does not count); return how many were embedded.
    An English-only corpus needs no multilingual vector: an English query is ranked by
    the English vectors alone, and a query in another language embeds what it needs."""
    if not _non_english_stored(store):
        return 0
    return embed_missing(store, encoder)


def _non_english_stored(store: Store) -> bool:
    return bool(store.execute(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE language IS NOT NULL "
        "AND language NOT IN ('en', 'und'))").scalar())


@cache
def _identifier(languages: frozenset[str]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(languages))
    return identifier


def is_english(text: str, languages: Sequence[str] = ()) -> bool:
    """Whether ``text`` is most likely English rather than Russian or another of
    ``languages`` (those of the stored articles), by py3langid as the language stage.
    Choosing among the corpus's languages keeps a two-word English query from being
    taken for Aragonese; one taken for another language still finds every claim, by the
    multilingual vectors."""
    known = {"en", "ru"} | {code for code in languages if code and code != "und"}
    code, _ = _identifier(frozenset(known)).classify(" ".join(text.split()))
    return bool(code == "en")


def like(store: Store, text: str, *, top: int = 10, min_similarity: float = 0.0,
         exact: bool = False, encoder: Encoder | None = None,
         multilingual: Encoder | None = None) -> list[Hit]:
    """The stored claims most like ``text`` in any language, best first (see the module).

    Raises:
        CorpusError: an empty ``text`` or a ``top`` below 1.
    """
    if not text.strip():
        raise CorpusError("--like needs some text to compare the stored claims with")
    if top < 1:
        raise CorpusError(f"--top must be at least 1, not {top}")
    if not store.execute("SELECT count(*) FROM claim_vectors").scalar():
        return []
    english = is_english(text, _languages(store))
    others = _non_english_keys(store) if english else None
    ranked = []
    if others is not None:
        vector = np.asarray((encoder or matching.default_encoder()).encode([text]), np.float32)[0]
        ranked.append(nearest(store, vector, top=top, min_similarity=min_similarity,
                              exact=exact, skip=others))
        if not len(others):  # English only: the English vectors alone, as before
            return ranked[0]
    model = multilingual or default_multilingual()
    embed_missing(store, model)
    query = np.asarray(model.encode([text]), np.float32)[0]
    ranked.append(_multilingual(store, text, query, others, top, min_similarity))
    return _fused(ranked, top)


def _languages(store: Store) -> list[str]:
    return [r[0] for r in store.execute(
        "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL").rows]


def _non_english_keys(store: Store) -> np.ndarray:
    """The keys of the claims of articles in a language other than English (an article of
    no known language counts as English, as corpora made before detection were)."""
    rows = store.execute(
        "SELECT v.key FROM claim_vectors v JOIN articles a ON a.id = v.article_id "
        "WHERE a.language IS NOT NULL AND a.language <> 'en'").rows
    return np.asarray([r[0] for r in rows], np.int64)


def _multilingual(store: Store, text: str, query: np.ndarray, only: np.ndarray | None,
                  top: int, min_similarity: float) -> list[Hit]:
    """The ``top`` claims (of the keys ``only``, or all) nearest ``query``, the vector of
    ``text``, by their multilingual vectors, compared exhaustively, the ``RERANK`` nearest
    re-ranked by the names they share with ``text``."""
    rows = store.execute(
        f"SELECT k.key, m.vector FROM {TABLE} m JOIN claim_vectors k "
        "ON k.article_id = m.article_id AND k.ord = m.ord"
        + ("" if only is None else " WHERE list_contains(?, k.key)"),
        [] if only is None else [only.tolist()]).rows
    if not rows:
        return []
    keys = np.asarray([r[0] for r in rows], np.int64)
    raw = np.frombuffer(b"".join(r[1] for r in rows), np.int8).reshape(len(rows), -1)
    sims = dequantize(raw) @ query
    best = np.argsort(-sims, kind="stable")[:max(top, RERANK)]
    best = best[sims[best] >= min_similarity]
    return _by_names(hits(store, {int(keys[i]): float(sims[i]) for i in best}), text)[:top]


def _by_names(pool: list[Hit], text: str) -> list[Hit]:
    """``pool`` re-ranked by cosine plus ``NAME_WEIGHT`` times the names shared with
    ``text``; each hit keeps its cosine."""
    bonus = shared_names(text, [hit.text for hit in pool])
    order = sorted(range(len(pool)), key=lambda i: (-(pool[i].similarity
                                                      + NAME_WEIGHT * bonus[i]), pool[i].key))
    return [pool[i] for i in order]


def names(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` not at a sentence's start or a quotation's, in
    lower-case Latin letters (a transliteration: "Байдена" is "baydena")."""
    found = set()
    for m in _WORD.finditer(text):
        before = _char_before(text, m.start())
        if m.group()[0].isupper() and before and before not in _OPENERS:
            found.add(anyascii(m.group()).lower().replace("'", ""))
    return frozenset(found)


def _char_before(text: str, start: int) -> str:
    """The last character before ``start`` that is not a space ("" at the text's start),
    found without copying the text (a long query has many capitals)."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return text[at] if at >= 0 else ""


def same_name(a: str, b: str) -> bool:
    """Whether two transliterated names are one name: their consonants are the same
    ("biden", "baydena") or they are ``spelt_alike`` ("trump", "trampa")."""
    return (len(_skeleton(a)) >= 3 and _skeleton(a) == _skeleton(b)) or spelt_alike(a, b)


def spelt_alike(a: str, b: str) -> bool:
    """Whether two names start alike and differ by little more than an ending. By hand on
    difflib, as no library here compares names across transliterations and their case
    endings (rapidfuzz, which ``copies`` uses for whole outlet names, scores a little
    differently, and these cuts were set and measured with difflib's ratio before the
    weight was chosen)."""
    head = min(len(a), len(b), 5) + 1
    if a[:4] != b[:4] and difflib.SequenceMatcher(None, a[:head], b[:head]).ratio() < 0.75:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def _skeleton(name: str) -> str:
    """A name's consonants: what survives a transliteration's vowels and a case ending."""
    return _VOWELS.sub("", name)


def shared_names(query: str, claims: Sequence[str],
                 match: Callable[[str, str], bool] = same_name) -> list[float]:
    """For each claim, the share (0 to 1) of the query's names it also has (by ``match``),
    each name weighed by its rarity among ``claims``: log((n + 1) / (claims with it + 1))."""
    asked = names(query)
    told = [names(claim) for claim in claims]
    has = {name: [any(match(name, other) for other in found) for found in told]
           for name in asked}
    weight = {name: math.log((len(claims) + 1) / (sum(has[name]) + 1)) for name in asked}
    total = sum(weight.values())
    if not total:
        return [0.0] * len(claims)
    return [sum(weight[name] for name in asked if has[name][i]) / total
            for i in range(len(claims))]


def _fused(rankings: Sequence[list[Hit]], top: int) -> list[Hit]:
    """The rankings merged by reciprocal-rank fusion (ties: the first ranking first)."""
    scored = [(1.0 / (RRF_K + rank), which, hit) for which, ranking in enumerate(rankings)
              for rank, hit in enumerate(ranking, start=1)]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [hit for _, _, hit in scored[:top]]
