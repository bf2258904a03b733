"""Today's unspin on the Russian evaluation sets of issue 20 (tests/data/ru): the baseline
the Russian pipeline and the cross-language corpus features are measured against.

    PYTHONPATH=src .venv/bin/python benchmarks/russian_eval.py [--shared ../shared]
        [--errors] [--only PART,...]

Prints, against the issue's targets, today's unspin (the baseline) and then the measures
with the multilingual sentence vectors (``models.multilingual``):

* **Copies across languages**: the corpus's MinHash rule (five-word shingles, estimated
  Jaccard >= ``corpus.copies.THRESHOLD`` joins a group; every pair compared, no banding)
  over the 22 pairs, the seed pair and the 12 distractors; linked-pair precision and
  recall (``evaluation.russian.score_grouping``). Target: both >= 0.9.
* **Cross-language claim retrieval** on the CheckThat! 2020 sample (needs ../shared): the
  shipped claim encoder (``models.encoder.shared_encoder``, the one ``corpus claims --like``
  uses for English against English; across languages it uses the multilingual vectors,
  measured through the corpus by ``benchmarks/crosslingual_like.py``), MAP@5 and P@1 for Russian tweets against English claims and English tweets
  against Russian claims, with the one-language runs for reference. Target: MAP@5 >= 0.85.
* **Check-worthiness** of the 160 Russian sentences: the shipped head read in context as
  the claims stage reads (each piece one text), at its threshold. No numeric target; the
  issue asks for a head that works across languages.
* **Check-worthiness, Russian stage** (``checkworthy-stage``): the multilingual head as the
  Russian findings stage reads it (``stages.russian_findings``): each sentence alone; with
  a short fragment holding a figure read with its paragraph too (the piece stands for the
  paragraph: the set keeps no paragraph breaks); and with the "figure" rule added. P, R,
  F1 at the head's threshold with 95% bootstrap intervals over pieces, and AP.
* **Attribution**: quote speakers and sources of the sources stage on the Russian seed and
  ten Russian articles, and on their English counterparts, the bar the Russian figure must
  reach (``evaluation.russian.score_speakers``: kind right, and speaker right, over explicit
  source mentions), with the pairs of outcomes joined by relation id.
* **Copies across languages, multilingual**: translations found by aligning the articles'
  sentence vectors in order (``corpus.translations``), precision and recall with their
  exact one-sided 95% lower bounds, and the margin between pairs and other articles.
* **Cross-language retrieval, multilingual**: the multilingual encoder with tweets as
  given, and with tweets cleaned (``evaluation.russian.tweet_text``) against the closer of
  a claim and its fact-check's title; MAP@5 with a 95% bootstrap interval over tweets.
* **Russian attribution cues** (``russian.cues``): precision and recall against the cues
  of every gold relation in the Russian seed and ten articles.
* **Russian sources** (``russian.sources``): kind right and speaker right, scored as the
  English attribution is, and joined with the English outcomes relation by relation; and
  the quote contents (``russian.quotes``) against the gold contents.
* **Russian sources, blind** (``sources-blind``): the same, Russian only, on three
  articles labelled before the source finder's second round of rules (tests/data/ru/blind).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from itertools import combinations
from math import comb
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin.corpus.copies import THRESHOLD, Signature, similarity
from unspin.corpus.translations import Article, aligned_share, grouped, sentences, translation_pairs
from unspin.evaluation import attribution
from unspin.evaluation.retrieval import load_checkthat2020, rank
from unspin.evaluation.russian import (
    DIRECTIONS,
    CheckworthySentence,
    QuoteArticle,
    SpeakerOutcome,
    exact_lower_bound,
    gold_groups,
    load_checkworthy,
    load_claims_ru,
    load_pairs,
    load_quotes,
    map_interval,
    paired_speakers,
    retrieval_task,
    score_checkworthy,
    score_grouping,
    score_retrieval,
    score_speakers,
    speaker_outcomes,
    tweet_text,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "ru"


def copies_baseline() -> None:
    articles = load_pairs(DATA / "pairs")
    signatures = {a.id: Signature.of(a.text) for a in articles}
    linked = [{x, y} for x, y in combinations(sorted(signatures), 2)
              if signatures[x].groupable and signatures[y].groupable
              and similarity(signatures[x], signatures[y]) >= THRESHOLD]
    score = score_grouping(linked, gold_groups(articles))
    best = max(similarity(signatures[x], signatures[y]) for g in gold_groups(articles)
               if len(g) == 2 for x, y in [sorted(g)])
    print(f"copies (MinHash, Jaccard >= {THRESHOLD}) on {len(articles)} articles: "
          f"precision {score.precision:.3f} ({score.true_links}/{score.predicted_links}), "
          f"recall {score.recall:.3f} ({score.true_links}/{score.gold_links}); "
          f"highest similarity within a pair {best:.3f}   target: both >= 0.9")


def retrieval_baseline(shared: Path) -> None:
    folder = shared / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        print(f"retrieval: skipped, the CheckThat! 2020 sample is not in {folder}")
        return
    from unspin.models.encoder import shared_encoder

    sample, ru = load_checkthat2020(folder), load_claims_ru(DATA / "claims-ru.jsonl")
    encoder = shared_encoder()
    for direction in DIRECTIONS:
        task = retrieval_task(sample, ru, direction)
        q_ids, d_ids = sorted(task.queries), sorted(task.documents)
        queries = encoder.encode([task.queries[i] for i in q_ids])
        documents = encoder.encode([task.documents[i] for i in d_ids])
        runs = rank(np.asarray(queries @ documents.T), q_ids, d_ids)
        score = score_retrieval(runs, task.qrels, k=5)
        target = "   target: >= 0.85" if direction in ("ru-en", "en-ru") else ""
        print(f"retrieval {direction} ({len(q_ids)} tweets, {len(d_ids)} claims): "
              f"MAP@5 {score.map_at_k:.3f}, P@1 {score.precision_at_1:.3f}{target}")


def copies_multilingual() -> None:
    """Translations found by aligning multilingual sentence vectors, with MinHash's groups
    of same-language copies joined in, scored as ``copies_baseline``."""
    from unspin.models.multilingual import multilingual_encoder

    articles = load_pairs(DATA / "pairs")
    encoder = multilingual_encoder()
    started = time.perf_counter()
    cut = {a.id: sentences(a.text) for a in articles}
    vectors = encoder.encode([s for a in articles for s in cut[a.id]])
    encoded = time.perf_counter() - started
    found, at = [], 0
    for a in articles:
        found.append(Article(a.id, a.language, vectors[at:at + len(cut[a.id])]))
        at += len(cut[a.id])
    started = time.perf_counter()
    pairs = translation_pairs(found)
    compared = time.perf_counter() - started
    gold = gold_groups(articles)
    score = score_grouping(grouped(pairs, [a.id for a in articles]), gold)
    by_id = {a.id: a for a in found}
    within = [aligned_share(by_id[x].vectors, by_id[y].vectors)
              for g in gold if len(g) == 2 for x, y in [sorted(g)]]
    pair_ids = {frozenset(g) for g in gold if len(g) == 2}
    across = [aligned_share(x.vectors, y.vectors) for x, y in combinations(found, 2)
              if x.language != y.language and frozenset((x.id, y.id)) not in pair_ids]
    print(f"copies across languages (aligned multilingual sentence vectors) on "
          f"{len(articles)} articles: precision {score.precision:.3f} "
          f"({score.true_links}/{score.predicted_links}), recall {score.recall:.3f} "
          f"({score.true_links}/{score.gold_links}); one-sided 95% lower bounds "
          f"{exact_lower_bound(score.true_links, score.predicted_links):.3f} and "
          f"{exact_lower_bound(score.true_links, score.gold_links):.3f}; aligned share within pairs "
          f"{min(within):.2f}-{max(within):.2f} (median {np.median(within):.2f}), other "
          f"two-language pairs at most {max(across):.2f}; {len(vectors)} sentences encoded "
          f"in {encoded:.1f} s, {len(found) * (len(found) - 1) // 2} pairs compared in "
          f"{compared:.2f} s   target: both >= 0.9")


def cues_russian() -> None:
    """Russian attribution cues (``russian.cues``) against every gold relation's cue in
    the Russian seed and ten articles: a cue found is right when it overlaps a gold cue."""
    from unspin.russian.cues import find_cues

    right = found = hit = total = 0
    for article in load_quotes(DATA / "quotes-ru.jsonl"):
        cues = find_cues(article.gold.text)
        spans = [part for r in article.gold.relations for part in r.cue]
        found += len(cues)
        right += sum(any(c.start < e and s < c.end for s, e in spans) for c in cues)
        total += len(article.gold.relations)
        hit += sum(any(c.start < e and s < c.end for c in cues for s, e in r.cue)
                   for r in article.gold.relations)
    print(f"Russian cues (verbs by lemma, fixed phrases): precision {right / found:.3f} "
          f"({right}/{found}), recall {hit / total:.3f} ({hit}/{total}) of gold relations")


def sources_russian() -> None:
    """The Russian source finder (``russian.sources`` over slovnet's entities) scored as
    ``attribution_baseline`` scores the English pipeline, and the same relations joined
    with the English pipeline's outcomes on the English versions."""
    from unspin.models.russian import entities, sentences
    from unspin.russian.quotes import find_quotes
    from unspin.russian.sources import find_sources

    outcomes: dict[str, list[SpeakerOutcome]] = {"ru": [], "en": []}
    russian = load_quotes(DATA / "quotes-ru.jsonl")
    contents = {"right": 0, "found": 0, "matched": 0, "gold": 0}
    for article in russian:
        text = article.gold.text
        found = find_sources(text, list(entities(text)))
        quoted = [(q.start, q.end) for q in find_quotes(text, list(sentences(text)), found)]
        gold = [(min(s for s, _ in r.content), max(e for _, e in r.content))
                for r in article.gold.relations if r.content]
        contents["found"] += len(quoted)
        contents["right"] += sum(any(_alike(q, g) for g in gold) for q in quoted)
        contents["gold"] += len(gold)
        contents["matched"] += sum(any(_alike(q, g) for q in quoted) for g in gold)
        predicted = attribution.Predicted(tuple(
            attribution.PredictedSource(f.start, f.end, f.text, f.kind, f.name)
            for f in found))
        outcomes["ru"] += speaker_outcomes(article, predicted)
    english = load_quotes(DATA / "quotes-en.jsonl")
    predicted_en = attribution.predict([a.gold for a in english])
    outcomes["en"] = [o for a in english for o in speaker_outcomes(a, predicted_en[a.gold.name])]
    for language in ("ru", "en"):
        s = score_speakers(outcomes[language])
        print(f"sources {language} ({s.mentions} explicit source mentions): found {s.found}, "
              f"kind right {s.kind_right} ({s.kind_accuracy:.3f}), speaker right "
              f"{s.speaker_right} ({s.speaker_accuracy:.3f})")
    counterparts = {a.gold.name: a.counterpart or "" for a in russian}
    joined = paired_speakers(outcomes["ru"], outcomes["en"], counterparts)
    print(f"sources, the same relations (English right, Russian right): {dict(joined)}   "
          "target: Russian right at least as often as English")
    english_only, russian_only = joined[(True, False)], joined[(False, True)]
    print(f"  English right {joined[(True, True)] + english_only}, Russian right "
          f"{joined[(True, True)] + russian_only}; exact McNemar p (two-sided) on the "
          f"{english_only + russian_only} relations right in one language only: "
          f"{_mcnemar(english_only, russian_only):.3f}")
    print(f"Russian quote contents (Jaccard of spans >= 0.5): precision "
          f"{contents['right'] / max(contents['found'], 1):.3f} "
          f"({contents['right']}/{contents['found']}), recall "
          f"{contents['matched'] / max(contents['gold'], 1):.3f} "
          f"({contents['matched']}/{contents['gold']})")


def _mcnemar(b: int, c: int) -> float:
    """Exact two-sided McNemar p: the chance of a split at least this uneven of the
    ``b + c`` discordant pairs if each language were as likely to be the right one."""
    n = b + c
    tail = sum(comb(n, k) for k in range(min(b, c) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def sources_blind() -> None:
    """The Russian source finder on tests/data/ru/blind: three articles written and
    labelled before the finder's second round of rules, scored once after it (Russian
    only: they have no English versions)."""
    from unspin.models.russian import entities
    from unspin.russian.sources import find_sources

    outcomes: list[SpeakerOutcome] = []
    for article in load_quotes(DATA / "blind" / "quotes-ru-blind.jsonl"):
        text = article.gold.text
        found = find_sources(text, list(entities(text)))
        outcomes += speaker_outcomes(article, attribution.Predicted(tuple(
            attribution.PredictedSource(f.start, f.end, f.text, f.kind, f.name)
            for f in found)))
    s = score_speakers(outcomes)
    print(f"sources ru, blind set ({s.mentions} explicit source mentions): found {s.found}, "
          f"kind right {s.kind_right} ({s.kind_accuracy:.3f}), speaker right "
          f"{s.speaker_right} ({s.speaker_accuracy:.3f}); exact 95% lower bound of speaker "
          f"right {exact_lower_bound(s.speaker_right, s.mentions):.3f}")


def _alike(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans that share at least half of what they cover together."""
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared >= 0.5 * (max(a[1], b[1]) - min(a[0], b[0]))


def _english_titles(folder: Path) -> dict[str, str]:
    with open(folder / "verified_claims-sample.docs.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return {row[0]: row[2] for row in rows[1:] if len(row) >= 3}


def retrieval_multilingual(shared: Path) -> None:
    """Cross-language retrieval with the multilingual encoder: tweets as given against
    claims (what ``corpus claims --like`` would do with them), then tweets without their
    signature and links against the closer of a claim and its fact-check's title."""
    folder = shared / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        print(f"retrieval (multilingual): skipped, the sample is not in {folder}")
        return
    from unspin.models.multilingual import multilingual_encoder

    sample, ru = load_checkthat2020(folder), load_claims_ru(DATA / "claims-ru.jsonl")
    titles = {"en": _english_titles(folder), "ru": ru.titles}
    encoder = multilingual_encoder()
    for direction in DIRECTIONS:
        task = retrieval_task(sample, ru, direction)
        q_ids, d_ids = sorted(task.queries), sorted(task.documents)
        documents = encoder.encode([task.documents[i] for i in d_ids])
        plain = encoder.encode([task.queries[i] for i in q_ids]) @ documents.T
        cleaned = encoder.encode([tweet_text(task.queries[i]) for i in q_ids])
        named = encoder.encode([titles[direction[-2:]][i] for i in d_ids])
        both = np.maximum(cleaned @ documents.T, cleaned @ named.T)
        figures = []
        for name, sims in (("as given", plain), ("cleaned, with titles", both)):
            runs = rank(np.asarray(sims), q_ids, d_ids)
            s = score_retrieval(runs, task.qrels, k=5)
            low, high = map_interval(runs, task.qrels, k=5)
            figures.append(f"{name}: MAP@5 {s.map_at_k:.3f} (95% bootstrap {low:.3f}-"
                           f"{high:.3f}), P@1 {s.precision_at_1:.3f}")
        target = "   target: >= 0.85" if direction in ("ru-en", "en-ru") else ""
        print(f"retrieval {direction} (multilingual): {'; '.join(figures)}{target}")


def checkworthy_baseline() -> None:
    from unspin.models.checkworthy import CheckworthyModel

    model = CheckworthyModel.from_pretrained()
    sentences = load_checkworthy(DATA / "checkworthy-ru.jsonl")
    scores: dict[str, float] = {}
    for piece in dict.fromkeys(s.piece for s in sentences):
        members = [s for s in sentences if s.piece == piece]
        text, spans = _joined([s.text for s in members])
        states = model.read([text])[0]
        scores.update(zip((s.id for s in members), model.score_spans(states, spans)))
    score = score_checkworthy(sentences, scores, model.threshold)
    print(f"check-worthiness ({score.sentences} sentences, {score.positives} positive) at "
          f"{model.threshold:.4f}: P {score.precision:.3f} R {score.recall:.3f} "
          f"F1 {score.f1:.3f}; AP {score.average_precision:.3f}, "
          f"MAP over pieces {score.map_by_piece:.3f}")


def checkworthy_stage() -> None:
    from unspin.models.checkworthy_multilingual import CheckworthyHead
    from unspin.russian.numbers import find_numbers
    from unspin.stages.russian_findings import placed_figure, sentence_scores

    head = CheckworthyHead.from_pretrained()
    sentences = load_checkworthy(DATA / "checkworthy-ru.jsonl")
    texts = [s.text for s in sentences]
    pieces = {p: " ".join(s.text for s in sentences if s.piece == p)
              for p in dict.fromkeys(s.piece for s in sentences)}
    alone = head.predict(texts)
    in_paragraph = sentence_scores(texts, [pieces[s.piece] for s in sentences], head)
    figures = [any(placed_figure(n) for n in find_numbers(t)) for t in texts]
    with_figures = [max(score, 1.0 if figure else 0.0)
                    for score, figure in zip(in_paragraph, figures)]
    print(f"check-worthiness, Russian stage ({len(sentences)} sentences, multilingual head "
          f"at {head.threshold:.3f}; the figure rule fires on {sum(figures)}):")
    for name, scores in (("alone (before)", alone), ("fragments in paragraph", in_paragraph),
                         ("+ figure rule (shipped)", with_figures)):
        by_id = dict(zip((s.id for s in sentences), scores))
        score = score_checkworthy(sentences, by_id, head.threshold)
        p, r, f = _piece_intervals(sentences, by_id, head.threshold)
        print(f"  {name}: P {score.precision:.3f} [{p[0]:.3f}, {p[1]:.3f}] "
              f"R {score.recall:.3f} [{r[0]:.3f}, {r[1]:.3f}] "
              f"F1 {score.f1:.3f} [{f[0]:.3f}, {f[1]:.3f}]; AP {score.average_precision:.3f}, "
              f"called {sum(v >= head.threshold for v in scores)}")


def _piece_intervals(sentences: Sequence[CheckworthySentence], scores: dict[str, float],
                     threshold: float, rounds: int = 2000
                     ) -> tuple[tuple[float, float], ...]:
    """95% bootstrap intervals of P, R and F1, whole pieces drawn with replacement (the
    sentences of an article are not independent)."""
    pieces = list(dict.fromkeys(s.piece for s in sentences))
    counts = np.array([[sum(s.label and scores[s.id] >= threshold for s in sentences
                            if s.piece == p),
                        sum(scores[s.id] >= threshold for s in sentences if s.piece == p),
                        sum(s.label for s in sentences if s.piece == p)] for p in pieces])
    draws = np.random.default_rng(20).integers(0, len(pieces), (rounds, len(pieces)))
    tp, called, gold = (counts[draws][:, :, k].sum(axis=1).astype(float) for k in range(3))
    precision = np.divide(tp, called, out=np.zeros(rounds), where=called > 0)
    recall = np.divide(tp, gold, out=np.zeros(rounds), where=gold > 0)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros(rounds), where=total > 0)
    return tuple((float(np.quantile(v, 0.025)), float(np.quantile(v, 0.975)))
                 for v in (precision, recall, f1))


def _joined(sentences: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentences as one text, a space apart, and each one's offsets in it."""
    spans, start = [], 0
    for s in sentences:
        spans.append((start, start + len(s)))
        start += len(s) + 1
    return " ".join(sentences), spans


def attribution_baseline(errors: bool) -> None:
    outcomes: dict[str, list[SpeakerOutcome]] = {}
    articles: dict[str, list[QuoteArticle]] = {}
    for language in ("en", "ru"):
        articles[language] = load_quotes(DATA / f"quotes-{language}.jsonl")
        predicted = attribution.predict([a.gold for a in articles[language]])
        outcomes[language] = [o for a in articles[language]
                              for o in speaker_outcomes(a, predicted[a.gold.name])]
        s = score_speakers(outcomes[language])
        print(f"attribution {language} ({len(articles[language])} articles, {s.mentions} "
              f"explicit source mentions): found {s.found}, kind right {s.kind_right} "
              f"({s.kind_accuracy:.3f}), speaker right {s.speaker_right} "
              f"({s.speaker_accuracy:.3f})")
        if errors:
            for o in outcomes[language]:
                if not o.speaker_right:
                    print(f"    {o.article} {o.relation}: gold {o.gold_kind}, "
                          f"said {o.predicted_kind}")
    counterparts = {a.gold.name: a.counterpart or "" for a in articles["ru"]}
    joined = paired_speakers(outcomes["ru"], outcomes["en"], counterparts)
    print("attribution, the same relations in both languages (English right, Russian "
          f"right): {dict(joined)}   target: Russian right at least as often as English")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--errors", action="store_true", help="list every speaker miss")
    parser.add_argument("--only", help="comma-separated parts to run (default: all): copies, "
                        "retrieval, checkworthy, checkworthy-stage, attribution, copies-multilingual, "
                        "retrieval-multilingual, cues, sources, sources-blind")
    args = parser.parse_args()
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}")
    started = time.perf_counter()
    parts = {
        "copies": copies_baseline,
        "retrieval": lambda: retrieval_baseline(args.shared),
        "checkworthy": checkworthy_baseline,
        "checkworthy-stage": checkworthy_stage,
        "attribution": lambda: attribution_baseline(args.errors),
        "copies-multilingual": copies_multilingual,
        "retrieval-multilingual": lambda: retrieval_multilingual(args.shared),
        "cues": cues_russian,
        "sources": sources_russian,
        "sources-blind": sources_blind,
    }
    chosen = args.only.split(",") if args.only else list(parts)
    unknown = sorted(set(chosen) - set(parts))
    if unknown:
        parser.error(f"unknown parts {unknown}; parts: {', '.join(parts)}")
    for name in chosen:
        parts[name]()
    print(f"wall time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
