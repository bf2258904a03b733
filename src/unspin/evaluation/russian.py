"""Load, check and score the Russian and cross-language evaluation sets of issue 20.

The sets live in ``tests/data/ru/`` and are described, with their annotation guidelines, in
docs/russian-eval.md. Everything here is a pure function of those files and of predictions
handed in, so the sets can be checked and the scorers tested without any model:

* **Copies across languages** (``pairs/``): English articles and their full Russian
  translations (or the other way round) among distractors on the same stories.
  ``score_grouping`` counts *linked pairs*: two articles are linked when one group holds
  both. Precision is the share of predicted links that join an article with its
  translation, recall the share of translation pairs the prediction links. A predicted
  group may hold ids the set does not know (other articles of a corpus); links to them are
  ignored. ``score_origins`` asks, for each pair, whether the article named as the origin
  of the translation's group is the original.
* **Claims in Russian** (``claims-ru.jsonl``): our translations of the CheckThat! 2020
  task 2 sample, keyed by its ids. ``retrieval_task`` builds the two cross-language tasks
  (a Russian tweet against the English claims, an English tweet against the Russian
  claims) from the sample in ../shared; ``score_retrieval`` gives MAP@k and P@1 with the
  scorer of ``evaluation.retrieval``.
* **Check-worthiness** (``checkworthy-ru.jsonl``): Russian sentences labelled 1/0, in
  pieces of ten read in order. ``score_checkworthy`` gives precision, recall and F1 at a
  threshold, average precision over the whole set and MAP over pieces (as the English
  model's page reports MAP over transcripts).
* **Attribution** (``quotes-ru.jsonl``, ``quotes-en.jsonl``): every attribution relation
  of the Russian seed and ten Russian articles, and of their English counterparts, with
  the same relation ids on both sides. ``load_quotes`` gives
  ``evaluation.attribution.GoldArticle`` objects, so ``attribution.score`` applies as it
  is; ``score_speakers`` adds the figure issue 20 names: for each explicit source mention,
  is the kind right (``named_person``, ``named_organization``, ``document``, ``vague``)
  and, for a person or an organisation, the name too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from . import attribution
from .retrieval import Sample, average_precision, mean_average_precision, precision_at_1

LANGUAGES = ("en", "ru")
ROLES = ("original", "translation", "distractor")
GENRES = ("wire", "opinion", "feature")
SEPARATORS = {"U+0020": " ", "U+00A0": "\u00a0", "U+202F": "\u202f"}
# A digit group: one digit, a space of any of the three kinds, three digits and no fourth.
_DIGIT_GROUP = re.compile(r"\d([ \u00a0\u202f])\d{3}(?!\d)")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
ENGLISH_WORDS = (250, 600)
# The seed pair follows the seed article, which is longer than the pairs issue 20 asks for.
SEED_PAIR = "seed"
# The counts issue 20 asks for.
MIN_PAIRS, MIN_DISTRACTORS, MIN_CLAIM_TEXTS, MIN_CHECKWORTHY = 20, 10, 200, 150
POSITIVE_KINDS = ("figure", "event", "causal", "comparative")
NEGATIVE_KINDS = ("opinion", "question", "furniture", "vague", "forecast", "exhortation",
                  "minor_fact", "quote_opinion")
QUOTE_TYPES = ("direct", "indirect", "mixed")
# The kind unspin should report for a gold source of each kind (attribution.KINDS).
PREDICTED_KIND = {"person": "named_person", "organization": "named_organization",
                  "document": "document", "vague": "vague"}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSON Lines file; ``InputError`` names the line that is not JSON."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path.name}: line {number} is not JSON ({error.msg})") from error
        if not isinstance(record, dict):
            raise InputError(f"{path.name}: line {number} is not a JSON object")
        records.append(record)
    return records


def _duplicates(keys: Iterable[Any]) -> list[Any]:
    return [key for key, count in Counter(keys).items() if count > 1]


# --- pairs and distractors --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairArticle:
    """One article of ``pairs/``: a pair's original or translation, or a distractor."""

    id: str
    file: Path
    text: str
    pair: str | None
    role: str
    translation_of: str | None
    language: str
    title: str
    date: date
    outlet: str
    genre: str
    topic: str
    digit_separator: str | None
    changes: tuple[str, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


def load_pairs(folder: str | Path) -> list[PairArticle]:
    """The articles ``folder/pairs.jsonl`` lists, with their texts (paths relative to it).

    Raises ``InputError`` for a record that lacks a field or names a missing file; what is
    wrong with the set as a whole is ``pair_problems``'s to say.
    """
    folder = Path(folder)
    articles = []
    for record in _read_jsonl(folder / "pairs.jsonl"):
        try:
            path = folder / record["file"]
            if not path.is_file():
                raise InputError(f"pairs.jsonl: {record['id']}: its text {path} is missing")
            articles.append(PairArticle(
                id=record["id"], file=path, text=path.read_text(encoding="utf-8"),
                pair=record["pair"], role=record["role"], translation_of=record["translation_of"],
                language=record["language"], title=record["title"],
                date=date.fromisoformat(record["date"]), outlet=record["outlet"],
                genre=record["genre"], topic=record["topic"],
                digit_separator=record["digit_separator"], changes=tuple(record["changes"])))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"pairs.jsonl: a record is malformed ({error}); "
                             "see docs/russian-eval.md") from error
    return articles


def pair_problems(articles: Sequence[PairArticle]) -> list[str]:
    """What is wrong with the set: the checks the tests run (empty when all is well)."""
    out = [f"id {i} is used twice" for i in _duplicates(a.id for a in articles)]
    for a in articles:
        out += [f"{a.id}: {m}" for m in _article_problems(a)]
    pairs: dict[str, list[PairArticle]] = {}
    for a in articles:
        if a.pair is not None:
            pairs.setdefault(a.pair, []).append(a)
    out += [m for members in pairs.values() for m in _pair_problems(members)]
    pair_topics = {a.topic for a in articles if a.pair is not None}
    out += [f"{a.id}: a distractor on topic {a.topic!r}, which no pair has"
            for a in articles if a.role == "distractor" and a.topic not in pair_topics]
    return out


def _article_problems(a: PairArticle) -> list[str]:
    out = []
    if a.language not in LANGUAGES or a.role not in ROLES or a.genre not in GENRES:
        out.append(f"language {a.language!r}, role {a.role!r} or genre {a.genre!r} is unknown")
    if a.text.split("\n", 1)[0] != a.title:
        out.append("its title is not the first line of its text")
    if a.role == "distractor" and (a.pair is not None or a.translation_of is not None):
        out.append("a distractor belongs to no pair")
    if a.language == "ru" and not _CYRILLIC.search(a.text):
        out.append("a Russian article with no Cyrillic letter")
    if a.language == "en" and a.pair not in (None, SEED_PAIR) and not (
            ENGLISH_WORDS[0] <= a.words <= ENGLISH_WORDS[1]):
        out.append(f"{a.words} words, outside {ENGLISH_WORDS[0]}-{ENGLISH_WORDS[1]}")
    return out + _separator_problems(a)


def _separator_problems(a: PairArticle) -> list[str]:
    """A Russian text's digit groups must all use the separator its record declares."""
    if a.language != "ru":
        return [] if a.digit_separator is None else ["only Russian texts declare a separator"]
    found = {m.group(1) for m in _DIGIT_GROUP.finditer(a.text)}
    if a.digit_separator is None:
        return [f"digit groups with {sorted(map(ascii, found))} but no separator declared"
                ] if found else []
    wanted = SEPARATORS.get(a.digit_separator)
    if wanted is None or found != {wanted}:
        used = sorted(map(ascii, found)) or "nothing"
        return [f"declares {a.digit_separator} but its digit groups use {used}"]
    return []


def _pair_problems(members: Sequence[PairArticle]) -> list[str]:
    roles = sorted(m.role for m in members)
    name = members[0].pair
    if roles != ["original", "translation"] or len({m.language for m in members}) != 2:
        return [f"pair {name}: needs one original and one translation in two languages"]
    original = next(m for m in members if m.role == "original")
    translation = next(m for m in members if m.role == "translation")
    out = []
    if translation.translation_of != original.id or original.translation_of is not None:
        out.append(f"pair {name}: the translation must name its original")
    if translation.topic != original.topic:
        out.append(f"pair {name}: its two articles have different topics")
    if translation.date < original.date:
        out.append(f"pair {name}: the translation is dated before its original")
    return out


def count_problems(articles: Sequence[PairArticle]) -> list[str]:
    """Whether the set is as large as issue 20 asks (20 pairs, 10 distractors)."""
    pairs = {a.pair for a in articles if a.pair is not None}
    distractors = sum(a.role == "distractor" for a in articles)
    out = []
    if len(pairs) < MIN_PAIRS:
        out.append(f"{len(pairs)} pairs, fewer than {MIN_PAIRS}")
    if distractors < MIN_DISTRACTORS:
        out.append(f"{distractors} distractors, fewer than {MIN_DISTRACTORS}")
    return out


def gold_groups(articles: Sequence[PairArticle]) -> list[frozenset[str]]:
    """Each pair as one group, each distractor alone: the partition a tool should find."""
    groups: dict[str, set[str]] = {}
    for a in articles:
        groups.setdefault(a.pair if a.pair is not None else f"~{a.id}", set()).add(a.id)
    return [frozenset(g) for g in groups.values()]


# --- scoring copies ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupingScore:
    """Linked-pair precision and recall (module docstring), with the counts behind them."""

    true_links: int
    predicted_links: int
    gold_links: int

    @property
    def precision(self) -> float:
        """0.0 when nothing is linked: an empty prediction earns no credit."""
        return self.true_links / self.predicted_links if self.predicted_links else 0.0

    @property
    def recall(self) -> float:
        return self.true_links / self.gold_links if self.gold_links else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def links(groups: Iterable[Iterable[str]], known: set[str] | None = None) -> set[frozenset[str]]:
    """Every unordered pair of ids that share a group (only ids in ``known``, if given)."""
    out: set[frozenset[str]] = set()
    for group in groups:
        members = sorted({i for i in group if known is None or i in known})
        out.update(frozenset(pair) for pair in combinations(members, 2))
    return out


def score_grouping(predicted: Iterable[Iterable[str]],
                   gold: Iterable[Iterable[str]]) -> GroupingScore:
    """Precision and recall of the links ``predicted`` makes among the ids of ``gold``.

    ``predicted`` need not be a partition: an id in two predicted groups links to both.
    """
    gold = [list(g) for g in gold]
    known = {i for g in gold for i in g}
    guess, truth = links(predicted, known), links(gold)
    return GroupingScore(len(guess & truth), len(guess), len(truth))


@dataclass(frozen=True, slots=True)
class OriginScore:
    """How often the origin named for a translation's group is the pair's original."""

    correct: int
    answered: int
    pairs: int

    @property
    def accuracy(self) -> float:
        """Correct over all pairs: a pair left without an answer counts as a miss."""
        return self.correct / self.pairs if self.pairs else 0.0


def score_origins(predicted: Mapping[str, str | None],
                  articles: Sequence[PairArticle]) -> OriginScore:
    """``predicted`` maps an article id to the id the tool names as its group's origin."""
    correct = answered = pairs = 0
    for a in articles:
        if a.role != "translation":
            continue
        pairs += 1
        origin = predicted.get(a.id)
        answered += origin is not None
        correct += origin is not None and origin == a.translation_of
    return OriginScore(correct, answered, pairs)


# --- claims translated into Russian -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RussianClaims:
    """Our Russian CheckThat! 2020 sample: claims and their titles, and tweets, by id."""

    claims: dict[str, str]
    titles: dict[str, str]
    tweets: dict[str, str]

    @property
    def texts(self) -> int:
        """How many texts were translated: claims, their fact-check titles and tweets."""
        return len(self.claims) + len(self.titles) + len(self.tweets)


def load_claims_ru(path: str | Path) -> RussianClaims:
    """``claims-ru.jsonl``: ``vclaim`` records (``text``, ``title``) and ``tweet`` records.

    Raises ``InputError`` for an unknown kind, a missing field or an id used twice.
    """
    records = _read_jsonl(Path(path))
    claims: dict[str, str] = {}
    titles: dict[str, str] = {}
    tweets: dict[str, str] = {}
    try:
        for r in records:
            if r["kind"] not in ("vclaim", "tweet"):
                raise InputError(f"claims: kind {r['kind']!r} is not vclaim or tweet")
            table = claims if r["kind"] == "vclaim" else tweets
            if r["id"] in table:
                raise InputError(f"claims: {r['kind']} {r['id']} is listed twice")
            table[r["id"]] = r["text"]
            if r["kind"] == "vclaim":
                titles[r["id"]] = r["title"]
    except (KeyError, TypeError) as error:
        raise InputError(f"claims: a record lacks the field {error}") from error
    return RussianClaims(claims, titles, tweets)


def claims_problems(ru: RussianClaims, sample: Sample | None = None) -> list[str]:
    """Texts that are empty or not Russian, and, given the sample, ids that do not match."""
    out = [f"{kind} {i}: empty or without Cyrillic" for kind, table in
           (("claim", ru.claims), ("title", ru.titles), ("tweet", ru.tweets))
           for i, text in table.items() if not _CYRILLIC.search(text)]
    if ru.texts < MIN_CLAIM_TEXTS:
        out.append(f"{ru.texts} translated texts, fewer than {MIN_CLAIM_TEXTS}")
    if sample is not None:
        for kind, ours, theirs in (("claim", ru.claims, sample.claims),
                                   ("tweet", ru.tweets, sample.tweets)):
            if set(ours) != set(theirs):
                missing, extra = sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))
                out.append(f"{kind} ids differ from the sample: missing {missing}, extra {extra}")
    return out


@dataclass(frozen=True, slots=True)
class RetrievalTask:
    """Queries against documents, and which documents answer each query."""

    queries: dict[str, str]
    documents: dict[str, str]
    qrels: dict[str, set[str]]


DIRECTIONS = ("ru-en", "en-ru", "ru-ru", "en-en")


def retrieval_task(sample: Sample, ru: RussianClaims, direction: str) -> RetrievalTask:
    """Tweets in one language against claims in another: ``"ru-en"`` is a Russian tweet
    against the English claims, ``"en-ru"`` an English tweet against the Russian ones
    (``"ru-ru"`` and ``"en-en"`` are the one-language baselines). Claims only, as the
    sample's reader gives them: the titles are there for whoever wants to add them.
    """
    if direction not in DIRECTIONS:
        raise InputError(f"direction {direction!r} is not one of {DIRECTIONS}")
    query_lang, doc_lang = direction.split("-")
    queries = ru.tweets if query_lang == "ru" else sample.tweets
    documents = sample.claims if doc_lang == "en" else ru.claims
    return RetrievalTask(dict(queries), dict(documents),
                         {q: set(r) for q, r in sample.qrels.items()})


# A tweet's signature, "— Name (@handle) date", in either language, and its links.
_SIGNATURE = re.compile(r"\s*[—–-]+\s*[^—–]*\(@\w*\)[^—–()]*$")
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S*")


def tweet_text(tweet: str) -> str:
    """What a tweet says: its text without the signature and links the sample keeps
    (the same cleaning for the English tweets and our translations)."""
    return " ".join(_LINK.sub(" ", _SIGNATURE.sub("", tweet)).split())


@dataclass(frozen=True, slots=True)
class RetrievalScore:
    map_at_k: float
    precision_at_1: float
    k: int
    queries: int


def score_retrieval(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]],
                    k: int = 5) -> RetrievalScore:
    """MAP@k (the CheckThat! 2020 figure, k = 5) and P@1 of ranked document ids per query."""
    return RetrievalScore(mean_average_precision(runs, qrels, k), precision_at_1(runs, qrels),
                          k, len(qrels))


def map_interval(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]], k: int = 5,
                 rounds: int = 2000, seed: int = 20) -> tuple[float, float]:
    """A 95% bootstrap interval of MAP@k, queries drawn with replacement: with 100 queries
    the spread a figure like 0.85 carries is several points, and a target is met only if
    the interval says so."""
    if not qrels:
        return (0.0, 0.0)
    scores = np.array([average_precision(runs.get(q, ()), rel, k) for q, rel in qrels.items()])
    draws = np.random.default_rng(seed).integers(0, len(scores), (rounds, len(scores)))
    means = scores[draws].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def exact_lower_bound(successes: int, trials: int, confidence: float = 0.95) -> float:
    """The one-sided Clopper-Pearson lower bound of a proportion; for all ``trials``
    right it is ``(1 - confidence) ** (1 / trials)`` (23 of 23: 0.878)."""
    if trials == 0:
        return 0.0
    if successes == trials:
        return float((1 - confidence) ** (1 / trials))
    from scipy.stats import beta

    return float(beta.ppf(1 - confidence, successes, trials - successes + 1))


# --- check-worthiness -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckworthySentence:
    id: str
    piece: str
    genre: str
    n: int
    text: str
    label: int
    kind: str


def load_checkworthy(path: str | Path) -> list[CheckworthySentence]:
    """``checkworthy-ru.jsonl``, in file order (pieces in reading order)."""
    try:
        return [CheckworthySentence(r["id"], r["piece"], r["genre"], int(r["n"]), r["text"],
                                    int(r["label"]), r["kind"])
                for r in _read_jsonl(Path(path))]
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"checkworthy: a record is malformed ({error})") from error


def checkworthy_problems(sentences: Sequence[CheckworthySentence]) -> list[str]:
    """Ids used twice, labels that contradict their kind, pieces out of order, the counts."""
    out = [f"id {i} is used twice" for i in _duplicates(s.id for s in sentences)]
    for s in sentences:
        if s.label not in (0, 1) or s.kind not in (POSITIVE_KINDS if s.label else NEGATIVE_KINDS):
            out.append(f"{s.id}: label {s.label} does not go with kind {s.kind!r}")
        if not _CYRILLIC.search(s.text):
            out.append(f"{s.id}: no Cyrillic letter")
    for piece, members in _pieces(sentences).items():
        if [s.n for s in members] != list(range(1, len(members) + 1)):
            out.append(f"piece {piece}: its sentences are not numbered 1, 2, ... in order")
    positives = sum(s.label for s in sentences)
    if len(sentences) < MIN_CHECKWORTHY:
        out.append(f"{len(sentences)} sentences, fewer than {MIN_CHECKWORTHY}")
    if sentences and not 0.3 <= positives / len(sentences) <= 0.5:
        out.append(f"{positives} of {len(sentences)} positive: not roughly 40/60")
    return out


def _pieces(sentences: Sequence[CheckworthySentence]) -> dict[str, list[CheckworthySentence]]:
    out: dict[str, list[CheckworthySentence]] = {}
    for s in sentences:
        out.setdefault(s.piece, []).append(s)
    return out


@dataclass(frozen=True, slots=True)
class CheckworthyScore:
    precision: float
    recall: float
    f1: float
    average_precision: float
    map_by_piece: float
    sentences: int
    positives: int


def score_checkworthy(sentences: Sequence[CheckworthySentence], scores: Mapping[str, float],
                      threshold: float) -> CheckworthyScore:
    """P/R/F1 of calling every sentence scored at or above ``threshold`` check-worthy;
    average precision of the whole ranking; MAP over pieces with a positive sentence.

    Raises ``InputError`` when a sentence has no score (a silent default would flatter).
    """
    from sklearn.metrics import average_precision_score, precision_recall_fscore_support

    missing = [s.id for s in sentences if s.id not in scores]
    if missing:
        raise InputError(f"no score for {len(missing)} sentences, e.g. {missing[:3]}")
    labels = [s.label for s in sentences]
    called = [int(scores[s.id] >= threshold) for s in sentences]
    p, r, f, _ = precision_recall_fscore_support(labels, called, average="binary",
                                                 zero_division=0)
    per_piece = [float(average_precision_score([s.label for s in members],
                                               [scores[s.id] for s in members]))
                 for members in _pieces(sentences).values() if any(s.label for s in members)]
    return CheckworthyScore(
        float(p), float(r), float(f),
        float(average_precision_score(labels, [scores[s.id] for s in sentences])),
        sum(per_piece) / len(per_piece) if per_piece else 0.0, len(sentences), sum(labels))


# --- attribution ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteArticle:
    """A gold article for ``evaluation.attribution`` and what issue 20 adds to it.

    ``quote_types`` gives each relation's ``direct`` / ``indirect`` / ``mixed``;
    ``stated`` the cue and content texts the file writes out, to check against the
    offsets; ``names_en`` each entity's English name, which links the two languages;
    ``only`` the relations that exist in one language alone (a translation dropped them).
    """

    gold: attribution.GoldArticle
    language: str
    counterpart: str | None
    quote_types: Mapping[str, str]
    stated: Mapping[str, tuple[str, str]]
    names_en: Mapping[str, str]
    only: Mapping[str, str]


def load_quotes(path: str | Path) -> list[QuoteArticle]:
    """``quotes-ru.jsonl`` or ``quotes-en.jsonl``: article, entity and relation records in
    the format of docs/attribution-guidelines.md, texts named relative to the file."""
    path = Path(path)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for record in _read_jsonl(path):
        by_article.setdefault(record.get("article", record.get("name", "")), []).append(record)
    return [_quote_article(path.parent, records) for records in by_article.values()]


def _quote_article(folder: Path, records: list[dict[str, Any]]) -> QuoteArticle:
    try:
        head = next(r for r in records if r["record"] == "article")
        text_path = folder / head["file"]
        if not text_path.is_file():
            raise InputError(f"quotes: {head['name']}: its text {text_path} is missing")
        entities = [r for r in records if r["record"] == "entity"]
        relations = [r for r in records if r["record"] == "relation"]
        gold = attribution.GoldArticle(
            name=head["name"], split="handmade", text=text_path.read_text(encoding="utf-8"),
            entities={e["name"]: attribution.Entity(e["name"], e["kind"], tuple(e["aliases"]))
                      for e in entities},
            relations=tuple(_relation(r) for r in relations),
            datelines=tuple(attribution.Dateline(d["span"][0], d["span"][1], d["place"],
                                                 d["agency"]) for d in head["datelines"]))
        return QuoteArticle(gold, head["language"], head["counterpart"],
                            {r["id"]: r["quote"] for r in relations},
                            {r["id"]: (r["cue_text"], r["content_text"]) for r in relations},
                            {e["name"]: e["name_en"] for e in entities},
                            {r["id"]: r["only"] for r in relations if "only" in r})
    except StopIteration as error:
        raise InputError("quotes: records of an article with no article record") from error
    except (KeyError, TypeError, IndexError) as error:
        raise InputError(f"quotes: a record lacks the field {error}; "
                         "see docs/russian-eval.md") from error


def _relation(r: dict[str, Any]) -> attribution.Relation:
    return attribution.Relation(
        id=r["id"], source=_spans(r["source"]), source_text=r["source_text"],
        cue=_spans(r["cue"]), content=_spans(r["content"]), form=r["form"],
        entity=r["entity"], kind=r["kind"], candidates=tuple(r.get("candidates", ())),
        origin=r["origin"])


def _spans(pairs: Iterable[Sequence[int]]) -> tuple[attribution.Chars, ...]:
    return tuple((int(s), int(e)) for s, e in pairs)


def quote_problems(article: QuoteArticle) -> list[str]:
    """``attribution.problems`` and the checks of issue 20's additions."""
    g = article.gold
    out = attribution.problems(g)
    out += [f"{g.name}: relation id {i} is used twice"
            for i in _duplicates(r.id for r in g.relations)]
    for r in g.relations:
        cue_text, content_text = article.stated.get(r.id, ("", ""))
        if " … ".join(g.text[s:e] for s, e in r.cue) != cue_text:
            out.append(f"{g.name} {r.id}: cue_text is not the text at its cue")
        if " … ".join(g.text[s:e] for s, e in r.content) != content_text:
            out.append(f"{g.name} {r.id}: content_text is not the text at its content")
        if not r.content:
            out.append(f"{g.name} {r.id}: no content span")
        if article.quote_types.get(r.id) not in QUOTE_TYPES:
            out.append(f"{g.name} {r.id}: quote type must be one of {QUOTE_TYPES}")
    return out + [f"{g.name}: entity {name!r} has no English name"
                  for name, en in article.names_en.items() if not en]


def pairing_problems(ru: Sequence[QuoteArticle], en: Sequence[QuoteArticle]) -> list[str]:
    """Each Russian article's counterpart is annotated, and their relation ids agree except
    those marked as existing in one language only."""
    english = {a.gold.name: a for a in en}
    out = []
    for a in ru:
        other = english.get(a.counterpart or "")
        if other is None:
            out.append(f"{a.gold.name}: its counterpart {a.counterpart} is not annotated")
            continue
        mine = {r.id for r in a.gold.relations} - set(a.only)
        theirs = {r.id for r in other.gold.relations} - set(other.only)
        if mine != theirs:
            out.append(f"{a.gold.name}: relation ids differ from {other.gold.name}: "
                       f"{sorted(mine ^ theirs)}")
    return out


@dataclass(frozen=True, slots=True)
class SpeakerOutcome:
    """One explicit gold source mention and what the prediction made of it."""

    article: str
    relation: str
    gold_kind: str
    predicted_kind: str | None
    kind_right: bool
    speaker_right: bool


def speaker_outcomes(article: QuoteArticle,
                     predicted: attribution.Predicted) -> list[SpeakerOutcome]:
    """For each explicit source mention (relations sharing a span count once, under the
    first relation's id): the kind of the prediction that matches it (the rules of
    ``attribution.match``; a named one first when several do), whether that kind is right,
    and whether the speaker is (right kind, and for a person or an organisation the name
    or an alias of the gold entity; an ``unresolved`` gold wants kind ``none`` and no name)."""
    g = article.gold
    gold = [m for m in attribution.mentions(g) if not m.implicit and m.kind in PREDICTED_KIND]
    matched: dict[attribution.Mention, list[attribution.PredictedSource]] = {m: [] for m in gold}
    for p in predicted.sources:
        m = attribution.match(p, gold)
        if m is not None:
            matched[m].append(p)
    first_id = {r.source: r.id for r in reversed(g.relations)}
    return [_outcome(g, first_id[m.spans], m, preds) for m, preds in matched.items()]


def _outcome(g: attribution.GoldArticle, rid: str, m: attribution.Mention,
             preds: list[attribution.PredictedSource]) -> SpeakerOutcome:
    kind = m.kind or ""
    p = next((q for q in preds if q.name), preds[0]) if preds else None
    if m.entity == attribution.UNRESOLVED:
        # A source the text leaves open is reported as kind none with no name (as English).
        kind_right = speaker_right = p is not None and p.kind == "none" and p.name is None
    elif p is None or p.kind != PREDICTED_KIND[kind]:
        kind_right = speaker_right = False
    else:
        kind_right = True
        speaker_right = kind not in ("person", "organization") or \
            attribution.name_is_right(p.name, m.entity, g)
    return SpeakerOutcome(g.name, rid, kind, p.kind if p else None, kind_right, speaker_right)


@dataclass(frozen=True, slots=True)
class SpeakerScore:
    mentions: int
    found: int
    kind_right: int
    speaker_right: int

    @property
    def kind_accuracy(self) -> float:
        """Right kind over all explicit mentions (a missed mention is wrong)."""
        return self.kind_right / self.mentions if self.mentions else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.mentions if self.mentions else 0.0


def score_speakers(outcomes: Iterable[SpeakerOutcome]) -> SpeakerScore:
    rows = list(outcomes)
    return SpeakerScore(len(rows), sum(o.predicted_kind is not None for o in rows),
                        sum(o.kind_right for o in rows), sum(o.speaker_right for o in rows))


def paired_speakers(ru: Iterable[SpeakerOutcome], en: Iterable[SpeakerOutcome],
                    counterparts: Mapping[str, str]) -> Counter[tuple[bool, bool]]:
    """(right in English, right in Russian) for each relation scored in both languages,
    joined by relation id through ``counterparts`` (Russian article -> English one)."""
    english = {(o.article, o.relation): o.speaker_right for o in en}
    pairs: Iterator[tuple[bool, bool]] = (
        (english[key], o.speaker_right) for o in ru
        if (key := (counterparts.get(o.article, ""), o.relation)) in english)
    return Counter(pairs)


# --- the seed's expectations -----------------------------------------------------------------


def load_expectations(path: str | Path) -> dict[str, Any]:
    """``seed-*.expected.json`` as a dict (its text is the file its ``text`` field names)."""
    path = Path(path)
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"{path.name}: cannot be read as JSON ({error})") from error
    return data


def expectation_problems(expected: Mapping[str, Any], text: str) -> list[str]:
    """Every ``{"span": [start, end], "text": ...}`` in the file must be that text's slice."""
    out = []
    for where, item in _spanned(expected, "$"):
        start, end = item["span"]
        if text[start:end] != item["text"]:
            out.append(f"{where}: {item['text']!r} is {text[start:end]!r} in the text")
    return out


def _spanned(value: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(value, Mapping):
        if "span" in value and "text" in value:
            yield where, value
        for key, inner in value.items():
            yield from _spanned(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _spanned(inner, f"{where}[{n}]")


__all__ = ["DIRECTIONS", "PREDICTED_KIND", "CheckworthyScore", "CheckworthySentence",
           "GroupingScore", "OriginScore", "PairArticle", "QuoteArticle", "RetrievalScore",
           "RetrievalTask", "RussianClaims", "SpeakerOutcome", "SpeakerScore",
           "checkworthy_problems", "claims_problems", "count_problems", "expectation_problems",
           "gold_groups", "links", "load_checkworthy", "load_claims_ru", "load_expectations",
           "load_pairs", "load_quotes", "pair_problems", "paired_speakers", "pairing_problems",
           "quote_problems", "retrieval_task", "score_checkworthy", "score_grouping",
           "score_origins", "score_retrieval", "score_speakers", "speaker_outcomes"]
