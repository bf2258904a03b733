"""Articles per second and peak memory of the technique tagger on CPU.

Tags PTC training articles (default: the first 60 in ../shared/data/ptc/train-articles,
about 5,600 characters / 900 words each) in batches, after one warm-up batch, with the
int8 encoder (default) or fp32 (``--fp32``). Prints articles/s, tokens/s, words per
article, peak RSS and the machine. Target (issue 3): >= 10 articles of ~700 words/s on 2
cores.

    .venv/bin/python benchmarks/techniques_throughput.py [DIR] [--limit 60] [--fp32] [--threads 2] [--model DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "ptc" / "train-articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fp32", action="store_true", help="no int8 quantisation")
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    args = parser.parse_args()
    if not args.inputs.is_dir():
        sys.exit(f"no articles at {args.inputs} (../shared absent?)")
    torch.set_num_threads(args.threads)
    from unspin.models.techniques import DEFAULT_DIR, TechniqueTagger

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.inputs.glob("*.txt"))[: args.limit]]
    tagger = TechniqueTagger.from_pretrained(args.model or DEFAULT_DIR, quantize=not args.fp32)
    tagger.predict(texts[:4], batch_size=args.batch_size)  # warm-up
    start = time.perf_counter()
    tagger.predict(texts, batch_size=args.batch_size)
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts) / len(texts)
    tokens = sum(len(tagger.tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"encoder:        {'fp32' if args.fp32 else 'int8 dynamic, per-channel'}")
    print(f"articles:       {len(texts)} (mean {words:.0f} words)")
    print(f"articles/s:     {len(texts) / seconds:.2f}")
    print(f"~700-word articles/s: {len(texts) / seconds * words / 700:.2f}")
    print(f"tokens/s:       {tokens / seconds:.0f}")
    print(f"peak RSS:       {peak:.0f} MB")
    print(f"threads:        {args.threads}")
    print(f"machine:        {machine()}")


if __name__ == "__main__":
    main()
