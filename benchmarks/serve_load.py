"""Issue 19's speed targets for ``unspin serve``, measured against 127.0.0.1.

Starts ``unspin serve`` (models warm before it listens) on a free loopback port with a
fresh corpus, or uses a running one (``--url``), then:

1. one at a time: ``--sequential`` analyses of a 700-word article through
   ``POST /api/v1/analyze`` (target: median ≤ 1.5 s);
2. at once: ``--concurrent`` requests sent together, every one of which must succeed
   (queued, not refused), with p50 and p95 of their latencies, ``--rounds`` times.

The article is the first 700 words of ../shared/seed/desertions-article.txt, or of the
bundled examples where ../shared is absent. Bounded: a fixed number of requests, each
with a timeout; nothing but 127.0.0.1 is contacted. Prints the machine and its load.

    python benchmarks/serve_load.py [--sequential 15] [--concurrent 8] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "desertions-article.txt"
EXAMPLES = [ROOT / "examples" / "opinion-grain-corridor.txt"]
WORDS = 700
TIMEOUT = 300.0  # s per request: queued requests wait for those ahead


def article(words: int = WORDS) -> tuple[str, str]:
    """The first ``words`` words of the seed article (or the examples), lines kept."""
    source = SEED if SEED.is_file() else EXAMPLES[0]
    out: list[str] = []
    count = 0
    for line in source.read_text(encoding="utf-8").splitlines(keepends=True):
        n = len(line.split())
        if count + n > words:
            out.append(" ".join(line.split()[:words - count]) + ".\n")
            break
        out.append(line)
        count += n
    return "".join(out), source.name


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``unspin serve`` on a free loopback port; return it once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "unspin", "serve", "--db", str(db),
                                "--port", str(port)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    while time.monotonic() - started < 600:
        if process.poll() is not None:
            raise SystemExit(f"unspin serve exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                print(f"server ready after {time.monotonic() - started:.1f} s (models "
                      "loaded and warmed)")
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    raise SystemExit("unspin serve did not start within 600 s")


def cpu_seconds(pid: int | None) -> float | None:
    """CPU time the server process has used so far (all its threads; Linux /proc), or None
    for a server this script did not start. On a shared machine the wall time of a request
    depends on the others' load; the CPU time it costs the server does not, much."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def analyse(client: httpx.Client, url: str, text: str) -> tuple[float, int]:
    """One analyse request: its wall time and HTTP status."""
    started = time.perf_counter()
    response = client.post(f"{url}/api/v1/analyze", json={"text": text}, timeout=TIMEOUT)
    return time.perf_counter() - started, response.status_code


def sequential(url: str, text: str, n: int) -> list[float]:
    """``n`` requests one after another; any failure stops the run."""
    with httpx.Client() as client:
        results = [analyse(client, url, text) for _ in range(n)]
    failed = [status for _, status in results if status != 200]
    if failed:
        raise SystemExit(f"{len(failed)} sequential requests failed: {failed}")
    return [seconds for seconds, _ in results]


def concurrent(url: str, text: str, n: int) -> tuple[list[float], list[int], float]:
    """``n`` requests sent together: their latencies, statuses and the wall time of all."""
    started = time.perf_counter()
    with httpx.Client(limits=httpx.Limits(max_connections=n)) as client, \
            ThreadPoolExecutor(n) as pool:
        results = list(pool.map(lambda _: analyse(client, url, text), range(n)))
    return ([s for s, _ in results], [c for _, c in results], time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running unspin serve (default: start one)")
    parser.add_argument("--sequential", type=int, default=15)
    parser.add_argument("--concurrent", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    text, name = article()
    print(f"machine: {machine()}; load average before: {os.getloadavg()[0]:.2f}; "
          f"{dt.date.today()}")
    print(f"article: first {len(text.split())} words of {name}")
    process = None
    with tempfile.TemporaryDirectory() as folder:
        if args.url:
            url = args.url.rstrip("/")
        else:
            process, url = start_server(Path(folder) / "load.duckdb")
        try:
            report(url, text, args, process.pid if process else None)
        finally:
            if process is not None:
                process.terminate()
                process.wait(30)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def report(url: str, text: str, args: argparse.Namespace, pid: int | None) -> None:
    """Measure and print; exit non-zero when a concurrent request failed."""
    cpu_before = cpu_seconds(pid)
    times = sequential(url, text, args.sequential)
    cpu_after = cpu_seconds(pid)
    print(f"one at a time, {len(times)} requests: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f}, max {max(times):.2f}, p95 {percentile(times, 95):.2f} "
          f"(target: median <= 1.5 s)")
    if cpu_before is not None and cpu_after is not None:
        print(f"server CPU time per request: {(cpu_after - cpu_before) / len(times):.2f} s "
              f"(all its threads; the machine has {os.cpu_count()} cores)")
    ok = True
    for n in range(args.rounds):
        latencies, codes, wall = concurrent(url, text, args.concurrent)
        good = sum(code == 200 for code in codes)
        ok &= good == len(codes)
        print(f"{args.concurrent} at once, round {n + 1}: {good}/{len(codes)} succeeded; "
              f"p50 {percentile(latencies, 50):.2f} s, p95 {percentile(latencies, 95):.2f} s, "
              f"all done in {wall:.2f} s ({len(codes) / wall:.2f} articles/s)")
    print("all concurrent requests succeeded" if ok else "SOME CONCURRENT REQUESTS FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
