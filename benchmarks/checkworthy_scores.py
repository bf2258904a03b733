"""Check-worthiness model: held-back scores and the encoder's cost per article.

    python benchmarks/checkworthy_scores.py [--data DIR] [--model DIR] [--repeats N]

Recomputes, for the shipped model (or ``--model``), the two held-back scores of the model
card: P / R / F1 at the model's threshold on the held-back 20% of ClaimBuster, and MAP over
the held-back CheckThat! 2019 transcripts (AP per transcript, then the mean). The split is
rebuilt from the data with the seed in the model's config. Then it times scoring the
sentences of ~700-word articles on ONE torch thread (core-seconds: process CPU time), for
the seed article and for 700-word stretches of the held-back transcripts. DIR defaults to
../shared/data next to the repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from _measure import machine

from unspin.models.checkworthy import CheckworthyModel
from unspin.stages.claims import BATCH_SIZE
from unspin.training import checkworthy as training

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "desertions-article.txt"
ARTICLE_WORDS = 700


def held_back_scores(model: CheckworthyModel, data: Path) -> dict[str, object]:
    split = training.split_data(training.load_claimbuster(data / "claimbuster-2.5xncs"),
                                training.load_checkthat(data / "checkthat2019-t1"),
                                seed=int(model.config.get("seed", 13)))
    parts = {"test_claimbuster": model.embed([e.text for e in split.test_claimbuster]),
             "test_checkthat": model.embed([e.text for e in split.test_checkthat])}
    return training.evaluate(model, split, parts)


def articles(data: Path) -> list[list[str]]:
    """Sentence lists of about 700 words: the seed article, then held-back transcript text."""
    out = []
    if SEED_ARTICLE.is_file():
        out.append(_seed_sentences())
    split = training.split_data(training.load_claimbuster(data / "claimbuster-2.5xncs"),
                                training.load_checkthat(data / "checkthat2019-t1"))
    current: list[str] = []
    for example in split.test_checkthat:
        current.append(example.text)
        if sum(len(t.split()) for t in current) >= ARTICLE_WORDS:
            out.append(current)
            current = []
    return out[:20]


def _seed_sentences() -> list[str]:
    import unspin

    return [s.text for s in unspin.analyze(SEED_ARTICLE).sentences]


def cost_per_article(model: CheckworthyModel, texts: list[list[str]], batch_size: int,
                     repeats: int) -> float:
    """Median core-seconds to score one article's sentences alone (as ``analyze`` does),
    scaled to 700 words."""
    model.predict(texts[0], batch_size=batch_size)  # warm-up
    costs = []
    for sentences in texts:
        start = time.process_time()
        for _ in range(repeats):
            model.predict(sentences, batch_size=batch_size)
        costs.append((time.process_time() - start) / repeats * ARTICLE_WORDS / _words(sentences))
    return statistics.median(costs)


def cost_pooled(model: CheckworthyModel, texts: list[list[str]], batch_size: int) -> float:
    """Core-seconds per 700 words when all articles are scored in one call (as a batch
    run's ``pipe`` does)."""
    flat = [t for sentences in texts for t in sentences]
    start = time.process_time()
    model.predict(flat, batch_size=batch_size)
    return (time.process_time() - start) * ARTICLE_WORDS / _words(flat)


def _words(sentences: list[str]) -> int:
    return sum(len(t.split()) for t in sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.data / "claimbuster-2.5xncs").is_dir():
        print(f"no ClaimBuster data in {args.data}", file=sys.stderr)
        return 1
    import torch

    torch.set_num_threads(1)
    model = CheckworthyModel.from_pretrained(args.model)
    s = held_back_scores(model, args.data)
    cb, ct = s["claimbuster_test"], s["checkthat_test"]
    print(f"ClaimBuster held-back 20% ({cb['sentences']} sentences), threshold "  # type: ignore[index]
          f"{model.threshold:.3f}: P {cb['precision']:.3f}  R {cb['recall']:.3f}  "  # type: ignore[index]
          f"F1 {cb['f1']:.3f}")  # type: ignore[index]
    print(f"CheckThat! 2019 held-back transcripts {', '.join(ct['transcripts'])}: "  # type: ignore[index]
          f"MAP {ct['map']:.4f}")  # type: ignore[index]
    texts = articles(args.data)
    for batch_size in (8, BATCH_SIZE, 32):
        alone = cost_per_article(model, texts, batch_size, args.repeats)
        pooled = cost_pooled(model, texts, batch_size)
        print(f"cost, batch_size={batch_size}: {alone:.3f} core-seconds per {ARTICLE_WORDS}-word "
              f"article scored alone (median of {len(texts)}), {pooled:.3f} when the "
              f"{len(texts)} are scored together; 1 torch thread")
    print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
