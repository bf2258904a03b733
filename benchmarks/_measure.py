"""Run a command and report its wall time and the peak memory of its whole process tree.

Peak memory is sampled every 50 ms over the command and all its descendants (worker
processes included), read from /proc (Linux only), two ways: the sum of their resident set
sizes (RSS), which counts a page shared by several processes once in each, and the sum of
their proportional set sizes (PSS, from smaps_rollup), which splits a shared page between
the processes sharing it: the memory the tree really takes when workers share models.
"""

from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# The PTC training articles, the articles most benchmarks time unspin on (../shared).
PTC_TRAIN = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc" / "train-articles"


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_rss_mb: float
    returncode: int
    peak_pss_mb: float = 0.0


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.system()} {platform.machine()}")


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root: int) -> int:
    return sum(rss for rss, _ in _tree_memory_kb(root).values())


def _tree_memory_kb(root: int) -> dict[int, tuple[int, int]]:
    """RSS and PSS (KB) of ``root`` and every descendant, by pid."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, pp in parents.items() if pp == pid and p not in tree]
        tree.update(children)
        frontier += children
    return {p: (rss.get(p, 0), _pss_kb(p)) for p in tree}


def run(command: list[str], **kwargs: object) -> Measurement:
    start = time.perf_counter()
    process = subprocess.Popen(command, **kwargs)  # type: ignore[call-overload]
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            found = _tree_memory_kb(process.pid).values()
            peak = max(peak, sum(r for r, _ in found))
            peak_pss = max(peak_pss, sum(p for _, p in found))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    return Measurement(time.perf_counter() - start, peak / 1024, code, peak_pss / 1024)
