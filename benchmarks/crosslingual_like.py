"""``corpus claims --like`` across languages, measured through the corpus (issue 20).

    PYTHONPATH=src .venv/bin/python benchmarks/crosslingual_like.py [--shared ../shared]
        [--articles N] [--russian N] [--workers N]

* **Retrieval through the corpus**: the CheckThat! 2020 sample's fact-checked claims (English,
  or our Russian translations in tests/data/ru/claims-ru.jsonl) stored as one-claim articles
  in a fresh corpus, each tweet (cleaned of signature and links, ``tweet_text``) asked with
  ``Corpus.claims_like(top=5)``; MAP@5 and P@1 with a 95% bootstrap interval over tweets,
  for ru->en, en->ru and, for reference, en->en (English query, English claims: the English
  vectors alone, so the figure ``benchmarks/claim_retrieval.py`` gives). Target: MAP@5 >= 0.85.
* **A match threshold across languages** (``--only threshold``): the multilingual cosine of
  each cleaned tweet with each claim in the other language, and the precision and recall of
  calling a pair a match at each cut, on the tweets with even ids and, held out, odd ids
  (as ``matching.THRESHOLD`` was set for English): whether ``claim_matches`` could be made
  across languages at ingest with one cut.
* **Hubness reduction** (``--only hubness``, issue 20, en->ru short of the target): the
  multilingual cosines re-scored, on the encoder's vectors quantised as stored, by what the
  corpus could compute at search time: each claim's cosine less ``alpha`` times its mean
  cosine with its ``k`` nearest other stored claims (a claim near many others is a hub),
  or query and claims centred on the stored claims' mean; ``k`` and ``alpha`` chosen on the
  tweets with even ids and scored on the odd ones, and the other way round, with a paired
  bootstrap of the change over tweets. For reference only, CSLS against the other queries
  (a claim's mean cosine with its ``k`` nearest tweets): the standard fix, but it needs a
  set of queries the corpus does not have at search time.
* **Second channels** (``--only channels``, issue 20, en->ru short of the target): the
  multilingual cosines (vectors quantised as stored) of each cleaned tweet's ``RERANK``
  nearest claims plus a weight times a score the encoder does not see: the names the tweet
  and the claim share (``crosslingual.shared_names``, with ``same_name`` or with
  ``spelt_alike`` alone), or the figures they share (numbers read by ``unspin.numbers`` and
  ``unspin.russian.numbers``, compared by value); and, for comparison, pseudo-relevance
  feedback (the tweet's vector moved toward its ``k`` nearest claims). Each variant and
  weight chosen on the tweets with even ids, scored on the odd ones (held out) and on all,
  with a paired bootstrap of the change; the names' cost per query timed.
* **Cost to ``corpus add``**: ``--articles`` PTC train articles (English) and ``--russian``
  of our Russian articles (tests/data/ru/pairs, 0 by default: an English-only corpus)
  added to a fresh corpus with ``--workers`` worker processes (1 by default; the
  multilingual step runs in the parent once the workers are done, so more workers make its
  share larger); the time of the whole run and of its multilingual step (``crosslingual.
  embed_missing``, which ``Corpus.add`` calls only when the corpus holds another language
  than English, and ``translations.link_new``, which loads nothing in a corpus of one
  language), timed inside the run. Target: the multilingual steps <= 10% of the run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin.corpus import crosslingual, open_corpus, translations
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id
from unspin.corpus.vectors import dequantize, quantize
from unspin.document import Analysis, Claim, Language, Metadata, Source, SourceRef
from unspin.evaluation.retrieval import average_precision, load_checkthat2020
from unspin.evaluation.russian import (
    RetrievalTask,
    load_claims_ru,
    map_interval,
    retrieval_task,
    score_retrieval,
    tweet_text,
)
from unspin.models.encoder import shared_encoder
from unspin.numbers import find_numbers as english_numbers
from unspin.russian.numbers import find_numbers as russian_numbers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "ru"


def _claim_article(claim_id: str, text: str, language: str) -> Analysis:
    """A stored article whose one claim is ``text``, in ``language``, with its English
    vector as the claims stage would give it (English only)."""
    made = Analysis(source=Source(path=f"claim-{language}-{claim_id}.txt"), text=text,
                    metadata=Metadata(language=language))
    made.language = Language(language, 1.0, language == "en")
    made.claims.append(Claim(0, len(text), text, 0.9, SourceRef(0, 0, "", "none", None)))
    made.claim_vectors = shared_encoder().encode([text])
    made.stages = ["benchmark"]
    return made


def _timing_names() -> list[float]:
    """Seconds spent in the names re-ranking of each multilingual ranking from now on
    (``crosslingual._by_names`` wrapped with a timer)."""
    spent: list[float] = []
    rerank = crosslingual._by_names

    def timed(pool: list[Any], text: str) -> list[Any]:
        started = time.perf_counter()
        done = rerank(pool, text)
        spent.append(time.perf_counter() - started)
        return done

    crosslingual._by_names = timed  # type: ignore[assignment]
    return spent


def retrieval(shared: Path) -> None:
    folder = shared / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        print(f"retrieval: skipped, the CheckThat! 2020 sample is not in {folder}")
        return
    names = _timing_names()
    sample, ru = load_checkthat2020(folder), load_claims_ru(DATA / "claims-ru.jsonl")
    for direction in ("ru-en", "en-ru", "en-en"):
        task = retrieval_task(sample, ru, direction)
        language = direction[-2:]
        with tempfile.TemporaryDirectory() as tmp, open_corpus(Path(tmp) / "c.duckdb") as corpus:
            made = {i: _claim_article(i, t, language) for i, t in task.documents.items()}
            store_analyses(corpus.store, [(content_id(a.text), a) for a in made.values()], None)
            id_of = {a.text: i for i, a in made.items()}
            started = time.perf_counter()
            runs = {q: [id_of[h.text] for h in corpus.claims_like(tweet_text(t), top=5)]
                    for q, t in task.queries.items()}
            took = time.perf_counter() - started
        reranked, names[:] = sum(names), []
        s = score_retrieval(runs, task.qrels, k=5)
        low, high = map_interval(runs, task.qrels, k=5)
        print(f"retrieval {direction} through the corpus ({len(runs)} tweets, "
              f"{len(made)} claims): MAP@5 {s.map_at_k:.3f} (95% bootstrap {low:.3f}-"
              f"{high:.3f}), P@1 {s.precision_at_1:.3f}, {1000 * took / len(runs):.0f} ms a query, of "
              f"which names {1000 * reranked / len(runs):.1f} ms"
              + ("   target: >= 0.85" if direction != "en-en" else ""))


def _sample_tasks(shared: Path, part: str, directions: tuple[str, ...]
                  ) -> Iterator[tuple[str, RetrievalTask, list[str], list[str], Any]]:
    """(direction, task, query ids, claim ids, the multilingual encoder) for each direction
    of the CheckThat! 2020 sample against our Russian claims; nothing, with a line that
    says why, when the sample is absent."""
    folder = shared / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        print(f"{part}: skipped, the CheckThat! 2020 sample is not in {folder}")
        return
    from unspin.models.multilingual import multilingual_encoder

    model = multilingual_encoder()
    sample, ru = load_checkthat2020(folder), load_claims_ru(DATA / "claims-ru.jsonl")
    for direction in directions:
        task = retrieval_task(sample, ru, direction)
        yield direction, task, list(task.queries), list(task.documents), model


def threshold(shared: Path) -> None:
    for direction, task, queries, documents, model in _sample_tasks(
            shared, "threshold", ("en-ru", "ru-en")):
        sims = (np.asarray(model.encode([tweet_text(task.queries[q]) for q in queries]))
                @ np.asarray(model.encode([task.documents[d] for d in documents])).T)
        gold = np.array([[d in task.qrels.get(q, set()) for d in documents] for q in queries])
        even = np.array([int(q) % 2 == 0 for q in queries])
        for cut in np.round(np.arange(0.40, 0.62, 0.02), 2):
            said = sims >= cut
            parts = []
            for name, rows in (("even", even), ("odd", ~even)):
                right = int((said[rows] & gold[rows]).sum())
                parts.append(f"{name} P {right / max(int(said[rows].sum()), 1):.3f} "
                             f"R {right / max(int(gold[rows].sum()), 1):.3f}")
            print(f"threshold {direction} cut {cut:.2f}: " + ", ".join(parts))


HUB_GRID = [(k, alpha) for k in (5, 10, 20) for alpha in (0.25, 0.5, 0.75)]


def _stored(vectors: np.ndarray) -> np.ndarray:
    """Vectors as the corpus gives them back: quantised to signed bytes and unit length."""
    raw = np.frombuffer(b"".join(quantize(vectors)), np.int8).reshape(len(vectors), -1)
    return dequantize(raw)


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _hub_penalty(claims: np.ndarray, k: int) -> np.ndarray:
    """Each claim's mean cosine with its ``k`` nearest other claims."""
    among = claims @ claims.T
    np.fill_diagonal(among, -np.inf)
    return np.sort(among, axis=1)[:, -k:].mean(axis=1)


def _paired(change: np.ndarray) -> str:
    draws = np.random.default_rng(20).integers(0, len(change), (2000, len(change)))
    means = change[draws].mean(axis=1)
    return (f"{change.mean():+.3f} (95% paired bootstrap {np.quantile(means, 0.025):+.3f} to "
            f"{np.quantile(means, 0.975):+.3f}; tweets better/worse {(change > 0).sum()}/"
            f"{(change < 0).sum()})")


def _average_precisions(sims: np.ndarray, task: RetrievalTask, queries: list[str],
                        documents: list[str]) -> np.ndarray:
    """Each tweet's AP@5 when the claims are ranked by the rows of ``sims``."""
    return np.array([average_precision(
        [documents[j] for j in np.argsort(-sims[i], kind="stable")[:5]],
        task.qrels.get(q, set()), 5) for i, q in enumerate(queries)])


def hubness(shared: Path) -> None:
    for direction, task, queries, documents, model in _sample_tasks(
            shared, "hubness", ("en-ru", "ru-en", "ru-ru")):
        asked = _unit(np.asarray(model.encode([tweet_text(task.queries[q]) for q in queries]),
                                 np.float32))
        claims = _stored(np.asarray(model.encode(list(task.documents.values())), np.float32))
        cosines = asked @ claims.T

        def scores(sims: np.ndarray, task: RetrievalTask = task,
                   queries: list[str] = queries, documents: list[str] = documents) -> np.ndarray:
            return _average_precisions(sims, task, queries, documents)

        base = scores(cosines)
        tried = {(k, a): scores(cosines - a * _hub_penalty(claims, k)[None, :])
                 for k, a in HUB_GRID}
        even = np.array([int(q) % 2 == 0 for q in queries])
        held_out = np.zeros(len(queries))
        for chosen_on in (even, ~even):
            best = max(HUB_GRID, key=lambda g: float(tried[g][chosen_on].mean()))
            held_out[~chosen_on] = tried[best][~chosen_on]
        print(f"hubness {direction}: cosine MAP@5 {base.mean():.3f}; claim hubs, k and alpha "
              f"chosen on the other half: {held_out.mean():.3f}, {_paired(held_out - base)}")
        print(f"hubness {direction}: grid k/alpha: " + ", ".join(
            f"{k}/{a} {tried[(k, a)].mean():.3f}" for k, a in HUB_GRID))
        mean = claims.mean(axis=0)
        centred = scores(_unit(asked - mean) @ _unit(claims - mean).T)
        print(f"hubness {direction}: centred on the claims' mean {centred.mean():.3f}, "
              f"{_paired(centred - base)}")
        for k in (5, 10):
            csls = scores(2 * cosines - np.sort(cosines, axis=0)[-k:, :].mean(axis=0)[None, :])
            print(f"hubness {direction}: reference, CSLS against the tweets themselves (k {k}, "
                  f"not available at search time) {csls.mean():.3f}, {_paired(csls - base)}")


CHANNEL_WEIGHTS = (0.1, 0.2, 0.3, 0.5)


def _figures(text: str, language: str) -> set[float]:
    read = russian_numbers if language == "ru" else english_numbers
    return {round(n.value, 6) for n in read(text) if n.value is not None}


def _reranked(cosines: np.ndarray, extra: Callable[[int, np.ndarray], np.ndarray],
              weight: float) -> np.ndarray:
    """The cosines with each tweet's ``RERANK`` nearest claims raised by ``weight`` times
    ``extra(tweet, their columns)``, as ``crosslingual._by_names`` does in the corpus."""
    scored = cosines.copy()
    for i in range(len(cosines)):
        pool = np.argsort(-cosines[i], kind="stable")[:crosslingual.RERANK]
        scored[i, pool] += weight * extra(i, pool)
    return scored


def _held_out(tried: dict[Any, np.ndarray], even: np.ndarray, base: np.ndarray,
              name: str, direction: str) -> None:
    """Each setting of ``tried`` (AP@5 per tweet), the one chosen on the even ids, and
    its figures on the odd ids and on all, paired with ``base``."""
    chosen = max(tried, key=lambda g: float(tried[g][even].mean()))
    got = tried[chosen]
    print(f"channels {direction}: {name}, chosen on even ids: {chosen}; odd (held out) "
          f"{base[~even].mean():.3f} -> {got[~even].mean():.3f}, "
          f"{_paired(got[~even] - base[~even])}; all {base.mean():.3f} -> {got.mean():.3f}, "
          f"{_paired(got - base)}")
    print(f"channels {direction}: {name}, grid (even / odd / all): " + ", ".join(
        f"{g} {t[even].mean():.3f}/{t[~even].mean():.3f}/{t.mean():.3f}"
        for g, t in tried.items()))


def channels(shared: Path) -> None:
    for direction, task, queries, documents, model in _sample_tasks(
            shared, "channels", ("en-ru", "ru-en", "ru-ru")):
        _channels(direction, task, queries, documents, model)


def _channels(direction: str, task: RetrievalTask, queries: list[str], documents: list[str],
              model: Any) -> None:
    asked_texts = [tweet_text(task.queries[q]) for q in queries]
    claim_texts = [task.documents[d] for d in documents]
    asked = _unit(np.asarray(model.encode(asked_texts), np.float32))
    claims = _stored(np.asarray(model.encode(claim_texts), np.float32))
    cosines = asked @ claims.T

    def scores(sims: np.ndarray) -> np.ndarray:
        return _average_precisions(sims, task, queries, documents)

    base, even = scores(cosines), np.array([int(q) % 2 == 0 for q in queries])
    print(f"channels {direction}: cosine MAP@5 {base.mean():.3f} (even {base[even].mean():.3f}, "
          f"odd {base[~even].mean():.3f})")
    tried, spent = {}, 0.0
    for match in (crosslingual.same_name, crosslingual.spelt_alike):
        def names(i: int, pool: np.ndarray, match: Callable[[str, str], bool] = match
                  ) -> np.ndarray:
            return np.array(crosslingual.shared_names(
                asked_texts[i], [claim_texts[j] for j in pool], match))
        started = time.perf_counter()
        for weight in CHANNEL_WEIGHTS:
            tried[(match.__name__, weight)] = scores(_reranked(cosines, names, weight))
        spent += time.perf_counter() - started
    _held_out(tried, even, base, "names", direction)
    shipped = tried[("same_name", crosslingual.NAME_WEIGHT)]
    print(f"channels {direction}: names as shipped (same_name, {crosslingual.NAME_WEIGHT}): "
          f"odd {shipped[~even].mean():.3f}, all {base.mean():.3f} -> {shipped.mean():.3f}, "
          f"{_paired(shipped - base)}")
    print(f"channels {direction}: names cost {1000 * spent / (len(tried) * len(queries)):.1f} "
          f"ms a query (a pool of {crosslingual.RERANK} claims)")
    asked_figures = [_figures(t, direction[:2]) for t in asked_texts]
    claim_figures = [_figures(t, direction[-2:]) for t in claim_texts]

    def figures(i: int, pool: np.ndarray) -> np.ndarray:
        return np.array([min(len(asked_figures[i] & claim_figures[j]), 3) for j in pool], float)

    _held_out({w: scores(_reranked(cosines, figures, w / 5)) for w in CHANNEL_WEIGHTS},
              even, base, "figures in common (weight / 5 per figure, at most 3)", direction)
    feedback = {}
    for k, w in ((k, w) for k in (1, 3, 5) for w in (0.3, 0.5, 1.0)):
        near = np.argsort(-cosines, axis=1)[:, :k]
        feedback[(k, w)] = scores(_unit(asked + w * claims[near].mean(axis=1)) @ claims.T)
    _held_out(feedback, even, base, "pseudo-relevance feedback (k, weight)", direction)


def cost(shared: Path, articles: int, russian: int, workers: int) -> None:
    folder = shared / "data" / "ptc" / "train-articles"
    paths = sorted(folder.glob("*.txt"))[:articles]
    paths += sorted((DATA / "pairs").glob("[0-9]*-ru.txt"))[:russian]
    if not paths:
        print(f"cost: skipped, no PTC articles in {folder}")
        return
    spent: dict[str, float] = {"claims": 0.0, "translations": 0.0}

    def timed(name: str, step: Callable[..., int]) -> Callable[..., int]:
        def run(*args: object, **kwargs: object) -> int:
            started = time.perf_counter()
            done = step(*args, **kwargs)
            spent[name] += time.perf_counter() - started
            return done
        return run

    crosslingual.embed_missing = timed(  # type: ignore[assignment]
        "claims", crosslingual.embed_missing)
    translations.link_new = timed(  # type: ignore[assignment]
        "translations", translations.link_new)
    with tempfile.TemporaryDirectory() as tmp, open_corpus(Path(tmp) / "c.duckdb") as corpus:
        started = time.perf_counter()
        counts = corpus.add([str(p) for p in paths], workers=workers)
        total = time.perf_counter() - started
        claims = corpus.execute("SELECT count(*) FROM claims").scalar()
        links = corpus.execute(f"SELECT count(*) FROM {translations.LINKS}").scalar()
    both = spent["claims"] + spent["translations"]
    print(f"corpus add of {len(paths) - russian} PTC and {russian} Russian articles "
          f"({claims} claims, {links} translation links), {workers} worker(s): {total:.1f} s; "
          f"multilingual claim vectors {spent['claims']:.1f} s, translation links "
          f"{spent['translations']:.1f} s: {100 * both / total:.1f}% of the run "
          f"({100 * spent['claims'] / total:.1f}% + {100 * spent['translations'] / total:.1f}%)"
          f"   target: <= 10%  ({counts})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--russian", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", default="retrieval,cost")
    args = parser.parse_args()
    print(machine())
    parts = set(args.only.split(","))
    if "retrieval" in parts:
        retrieval(args.shared)
    if "threshold" in parts:
        threshold(args.shared)
    if "hubness" in parts:
        hubness(args.shared)
    if "channels" in parts:
        channels(args.shared)
    if "cost" in parts:
        cost(args.shared, args.articles, args.russian, args.workers)


if __name__ == "__main__":
    main()
