"""What the technique tagger's decision layer costs on top of the encoder and heads.

Tags PTC training articles (default: the first 60 in ../shared/data/ptc/train-articles)
once, keeps their token probabilities, then times, on one thread: the balanced decoding
alone (``spans(..., setting="recall")`` without a scorer), the decision layer
(``findings`` at the precision setting, which decodes, describes and scores every
candidate) and the article signal (``article_signal``). Prints milliseconds per article
beside the time the encoder and heads took, and the machine.

    .venv/bin/python benchmarks/techniques_decision.py [DIR] [--limit 60] [--model DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import PTC_TRAIN, machine

DEFAULT = PTC_TRAIN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    args = parser.parse_args()
    if not args.inputs.is_dir():
        sys.exit(f"no articles at {args.inputs} (../shared absent?)")
    import torch

    torch.set_num_threads(1)
    from unspin.models.techniques import DEFAULT_DIR, TechniqueTagger

    tagger = TechniqueTagger.from_pretrained(args.model or DEFAULT_DIR)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.inputs.glob("*.txt"))[: args.limit]]
    tagger.tag(texts[:1])
    start = time.perf_counter()
    read = tagger.token_probs(texts)
    encode = time.perf_counter() - start
    scorer, tagger.scorer = tagger.scorer, None
    plain = _time(lambda: [tagger.spans(t, p, o, setting="recall") for t, (p, o) in zip(texts, read)])
    tagger.scorer = scorer
    decide = _time(lambda: [tagger.findings(t, p, o) for t, (p, o) in zip(texts, read)])
    signal = _time(lambda: [tagger.article_signal(t, p, o) for t, (p, o) in zip(texts, read)])
    words = sum(len(t.split()) for t in texts) / len(texts)
    n = len(texts)
    print(f"articles:                 {n} (mean {words:.0f} words)")
    print(f"encoder + heads:          {1000 * encode / n:.1f} ms an article (1 thread, int8)")
    print(f"balanced decoding alone:  {1000 * plain / n:.2f} ms an article")
    print(f"decision layer (findings, precision setting): {1000 * decide / n:.2f} ms an article")
    print(f"article signal:           {1000 * signal / n:.2f} ms an article")
    print(f"machine:                  {machine()}")


def _time(run: object) -> float:
    assert callable(run)
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
