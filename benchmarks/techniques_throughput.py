"""Articles per second and peak memory of the technique tagger on CPU.

Tags PTC training articles (default: the first 60 in ../shared/data/ptc/train-articles,
about 5,600 characters / 900 words each) after a warm-up, with the int8 encoder (default)
or fp32 (``--fp32``). Prints articles/s, tokens/s, words per article, peak RSS and the
machine. Target (issue 3): >= 10 articles of ~700 words/s on 2 cores.

Two layouts of the 2 cores:

* ``--workers 1 --threads 2``: one process whose torch ops use both cores;
* ``--workers 2 --threads 1`` (default): one process per core with one thread each, the
  articles split between them. This is how unspin tags many articles (``analyze`` with
  several inputs and ``corpus add`` run one worker per core, one torch thread each). The
  clock starts once every worker has loaded the tagger and tagged a warm-up article.

``--encoder-only`` times the encoder pass alone (no heads, no decoding): the ceiling any
head over this encoder can reach on the machine.

    .venv/bin/python benchmarks/techniques_throughput.py [DIR] [--limit 60] [--workers 2]
        [--threads 1] [--fp32] [--model DIR] [--encoder-only]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _measure import PTC_TRAIN, machine

DEFAULT = PTC_TRAIN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="processes (articles split)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per process")
    parser.add_argument("--fp32", action="store_true", help="no int8 quantisation")
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    parser.add_argument("--encoder-only", action="store_true",
                        help="time the encoder pass alone (the ceiling for any head)")
    args = parser.parse_args()
    if args.workers < 1 or args.threads < 1:
        parser.error("--workers and --threads must be 1 or more")
    if not args.inputs.is_dir():
        sys.exit(f"no articles at {args.inputs} (../shared absent?)")
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.inputs.glob("*.txt"))[: args.limit]]
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(args.workers + 1)
    results = context.Queue()
    shares = [texts[k :: args.workers] for k in range(args.workers)]
    procs = [context.Process(target=_tag, args=(share, args, ready, results)) for share in shares]
    for proc in procs:
        proc.start()
    ready.wait()
    start = time.perf_counter()
    done = [results.get() for _ in procs]
    seconds = time.perf_counter() - start
    for proc in procs:
        proc.join()
    words = sum(len(t.split()) for t in texts) / len(texts)
    tokens = sum(n for n, _ in done)
    print(f"encoder:        {'fp32' if args.fp32 else 'int8 dynamic, per-channel'}"
          f"{' (encoder pass alone, no heads)' if args.encoder_only else ''}")
    print(f"articles:       {len(texts)} (mean {words:.0f} words)")
    print(f"articles/s:     {len(texts) / seconds:.2f}")
    print(f"~700-word articles/s: {len(texts) / seconds * words / 700:.2f}")
    print(f"tokens/s:       {tokens / seconds:.0f}")
    print(f"peak RSS:       {max(m for _, m in done):.0f} MB a process, "
          f"{sum(m for _, m in done):.0f} MB in all")
    print(f"layout:         {args.workers} process(es) x {args.threads} thread(s)")
    print(f"machine:        {machine()}")


def _tag(texts: list[str], args: Any, ready: Any, results: Any) -> None:
    """One worker: load the tagger, warm up, wait for the others, tag its share."""
    import torch

    torch.set_num_threads(args.threads)
    from unspin.models.techniques import DEFAULT_DIR, TechniqueTagger

    tagger = TechniqueTagger.from_pretrained(args.model or DEFAULT_DIR, quantize=not args.fp32)

    def run(share: list[str]) -> None:
        if args.encoder_only:
            tagger.tag(share, head=False)
        else:
            tagger.predict(share)

    run(texts[:1])
    tokens = sum(len(tagger.tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)
    ready.wait()
    run(texts)
    results.put((tokens, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


if __name__ == "__main__":
    main()
