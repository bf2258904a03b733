"""Check-worthiness model: held-back scores and what scoring costs per article.

    python benchmarks/checkworthy_scores.py [--data DIR] [--model DIR] [--repeats N]

Recomputes, for the shipped model (or ``--model``), the two held-back scores of the model
card, reading sentences as the claims stage does (int8 encoder, a window at a time): P / R
/ F1 at the model's threshold on the held-back 20% of ClaimBuster (read in runs of 16
sentences, as in training; and each sentence alone), and MAP over the held-back CheckThat! 2019 transcripts (each read whole, a sentence a line;
AP per transcript, then the mean). The split is rebuilt from the data with the seed in the
model's config. Then it times, on ONE torch thread (core-seconds: process CPU time), for
the seed article and 700-word stretches of the held-back transcripts: scoring the
sentences from token states already read (what the claims stage adds after the techniques
stage), and reading the text first (what it costs when the techniques stage did not run).
DIR defaults to ../shared/data next to the repository.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from _measure import machine

from unspin.models.checkworthy import CheckworthyModel
from unspin.training import checkworthy as training
from unspin.training.checkworthy import precision_recall_f1

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "desertions-article.txt"
ARTICLE_WORDS = 700


def held_back_scores(model: CheckworthyModel, split: training.Split) -> dict[str, object]:
    features = {"test_claimbuster": training.sentence_features(
                    split.test_claimbuster, split.transcripts, model.read),
                "test_checkthat": training.sentence_features(
                    split.test_checkthat, split.transcripts, model.read)}
    return training.evaluate(model, split, features)


def articles(split: training.Split) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, sentence spans) of about 700 words: the seed article, then stretches of the
    held-back transcripts (a sentence a line)."""
    out = []
    if SEED_ARTICLE.is_file():
        import unspin

        analysis = unspin.analyze(SEED_ARTICLE, stages=["unspin.clean.v1", "unspin.language.v1", "unspin.nlp.v1"])
        out.append((analysis.kept_text(), [(s.start, s.end) for s in analysis.sentences]))
    current: list[training.Example] = []
    for example in split.test_checkthat:
        current.append(example)
        if sum(len(e.text.split()) for e in current) >= ARTICLE_WORDS:
            text, spans = training.joined_transcript(current)
            out.append((text, spans))
            current = []
    return out[:20]


def costs(model: CheckworthyModel, texts: list[tuple[str, list[tuple[int, int]]]],
          repeats: int) -> tuple[float, float]:
    """Median core-seconds per 700 words: (scoring from states and the parse, including
    the never-a-claim gate; reading and scoring)."""
    from unspin.models.english import english

    model.read([texts[0][0]])  # warm-up
    scored, read = [], []
    for text, spans in texts:
        scale = ARTICLE_WORDS / len(text.split())
        doc = english()(text)  # the nlp stage's parse, which the pipeline has already
        start = time.process_time()
        for _ in range(repeats):
            states = model.read([text])[0]
        middle = time.process_time()
        for _ in range(repeats):
            model.score_spans(states, spans, doc)
        end = time.process_time()
        scored.append((end - middle) / repeats * scale)
        read.append((end - start) / repeats * scale)
    return statistics.median(scored), statistics.median(read)


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
    split = training.split_data(training.load_claimbuster(args.data / "claimbuster-2.5xncs"),
                                training.load_checkthat(args.data / "checkthat2019-t1"),
                                seed=int(model.config.get("seed", 13)))
    s = held_back_scores(model, split)
    cb, ct = s["claimbuster_test"], s["checkthat_test"]
    print(f"ClaimBuster held-back 20% ({cb['sentences']} sentences), threshold "  # type: ignore[index]
          f"{model.threshold:.3f}: P {cb['precision']:.3f}  R {cb['recall']:.3f}  "  # type: ignore[index]
          f"F1 {cb['f1']:.3f}")  # type: ignore[index]
    alone = precision_recall_f1(model.predict([e.text for e in split.test_claimbuster]),
                                [e.label for e in split.test_claimbuster], model.threshold)
    print(f"  the same, each sentence read alone: P {alone['precision']:.3f}  "
          f"R {alone['recall']:.3f}  F1 {alone['f1']:.3f}")
    print(f"CheckThat! 2019 held-back transcripts {', '.join(ct['transcripts'])}: "  # type: ignore[index]
          f"MAP {ct['map']:.4f}")  # type: ignore[index]
    texts = articles(split)
    scored, read = costs(model, texts, args.repeats)
    print(f"cost per {ARTICLE_WORDS} words (median of {len(texts)} articles, 1 torch thread): "
          f"{scored:.4f} core-seconds scoring from the states the techniques stage read, "
          f"{read:.3f} reading the text first")
    print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
