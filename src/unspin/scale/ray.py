"""The Ray engine of the runner: the same work as local worker processes, on a Ray
cluster (or a Ray started on this machine).

``RayEngine.map`` starts one actor per CPU the cluster offers (or ``workers``), each of
which builds the pipeline once, hands them the chunks round-robin with at most ``ahead``
queued per actor, and yields the results in input order as they arrive, so this process
(the driver) stores results while the cluster works and nothing needs shared storage. A
chunk's article that fails becomes its error outcome, as locally; a pipeline that cannot
run on a worker (a model that will not load, another unspin version there) stops the run
with that error; an actor that dies (out of memory, a node lost) stops it with an
``EngineError``. Ray is told not to restart a dead actor: it would retry for ever a chunk
that kills its worker.

Ray's logging and warnings stay off the terminal, and a Ray started here is shut down,
and whatever is left of it killed, when the map ends.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import socket
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import version as installed_version
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from ..errors import EngineError, UnspinError
from ..runner import one_thread

C = TypeVar("C")
R = TypeVar("R")

# The unspin installed here; a worker with another refuses to run.
UNSPIN_VERSION = installed_version("unspin")
CONNECT_TIMEOUT = 5.0
RAY_LOGS = "/tmp/ray/session_latest/logs"


class RayEngine:
    """The runner's engine on Ray.

    Args:
        address: a running cluster (``auto``, or the head's ``HOST:PORT``); None starts a
            local Ray with ``workers`` CPUs (all cores when 0), or uses the one this
            process already started.
        workers: actors to start (0: one per CPU of the cluster, or per GPU when they
            run on GPUs).
        ahead: chunks queued per actor beyond the one it works on.
        device: ``auto`` (GPU actors when the cluster has GPUs), ``cpu`` or ``cuda``; a
            GPU actor asks Ray for one GPU (``num_gpus=1``) and encodes there.
    """

    def __init__(self, address: str | None = None, workers: int = 0, ahead: int = 2,
                 device: str = "auto") -> None:
        self.address = address
        self.workers = workers
        self.ahead = ahead
        self.device = device

    def map(self, work: Callable[[C], R], chunks: Iterable[C]) -> Iterator[R]:
        iterator = iter(chunks)
        first = next(iterator, None)
        if first is None:  # nothing to do: no need for Ray
            return
        ray = _import_ray()
        with _quiet(), _connected(ray, self.address, self.workers):
            gpus = self._gpus(ray)
            size = self.workers or int(gpus or ray.cluster_resources().get("CPU", 1))
            worker = ray.remote(num_cpus=1, num_gpus=1 if gpus else 0, max_restarts=0)(_Worker)
            actors = [worker.remote(work, UNSPIN_VERSION) for _ in range(max(size, 1))]
            pending: deque[Any] = deque()
            for n, chunk in enumerate(chain([first], iterator)):
                pending.append(actors[n % len(actors)].run.remote(chunk))
                if len(pending) > self.ahead * len(actors):
                    yield _get(ray, pending.popleft())
            while pending:
                yield _get(ray, pending.popleft())


    def _gpus(self, ray: Any) -> int:
        """GPUs the actors take (one each): the cluster's with ``auto`` or ``cuda``.

        Raises:
            EngineError: ``cuda`` asked for on a cluster without a GPU.
        """
        gpus = 0 if self.device == "cpu" else int(ray.cluster_resources().get("GPU", 0))
        if self.device == "cuda" and not gpus:
            raise EngineError("--device cuda: the Ray cluster has no GPU; use --device auto "
                              "or cpu")
        return gpus


class _Worker:
    """One Ray actor: ``work`` over the chunks it is handed (the pipeline is built on the
    first, once, as in a local worker process)."""

    def __init__(self, work: Callable[[Any], Any], version: str) -> None:
        one_thread()
        if version != UNSPIN_VERSION:
            raise EngineError(f"a Ray worker has unspin {UNSPIN_VERSION}, this machine "
                              f"{version}: install the same on every node")
        self.work = work

    def run(self, chunk: Any) -> Any:
        return self.work(chunk)


def _get(ray: Any, ref: Any) -> Any:
    """A chunk's result; the error that stopped its worker, if one of unspin's; else what
    Ray said, in a line."""
    try:
        return ray.get(ref)
    except ray.exceptions.RayTaskError as error:
        cause = getattr(error, "cause", None)
        if isinstance(cause, UnspinError):
            raise cause from None
        raise EngineError(f"the analysis on Ray failed: {_summary(error)} (Ray's logs: "
                          f"{RAY_LOGS})") from None
    except ray.exceptions.RayError as error:
        cause = getattr(error, "cause", None)
        if isinstance(cause, UnspinError):  # a worker that could not start
            raise cause from None
        raise EngineError(f"a Ray worker died ({_summary(error)}); what was reported done "
                          f"is kept: run the same command again to go on") from None


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Ray's loggers and warnings silenced, and as they were afterwards."""
    levels = {name: logging.getLogger(name).level for name in ("ray",)}
    for name in levels:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise EngineError(f"--engine ray needs Ray ({error}); install it with "
                          "`pip install 'ray>=2.40,<3'`, or use the local engine") from None
    return ray


@contextlib.contextmanager
def _connected(ray: Any, address: str | None, workers: int) -> Iterator[None]:
    """Ray, connected to ``address`` or started here, and shut down after unless this
    process had already started it. Shutting down also ends a job cut short."""
    if ray.is_initialized():
        yield
        return
    if address and address != "auto":
        _reachable(address)
    settings: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
    if address is None:  # "local": a new Ray, never one `ray start` left on this machine
        settings |= {"num_cpus": workers or os.cpu_count() or 1, "include_dashboard": False}
    try:
        ray.init(address=address or "local", **settings)
    except ConnectionError:
        if address != "auto":
            raise EngineError(f"cannot connect to the Ray cluster at {address}; if it uses "
                              "token authentication, set RAY_AUTH_MODE=token and give this "
                              "machine the head's token (docs/corpus.md)") from None
        raise EngineError("--ray-address auto: no Ray cluster runs on this machine; start "
                          "one with `ray start --head`, or give HOST:PORT") from None
    except (Exception, SystemExit) as error:  # noqa: BLE001 - Ray raises many kinds
        where = f"reach the Ray cluster at {address}" if address else "start a local Ray"
        raise EngineError(f"cannot {where}: {_summary(error)}") from None
    try:
        yield
    finally:
        started = _ray_processes(ray) if address is None else {}
        ray.shutdown()
        _reap(started)


def _ray_processes(ray: Any) -> dict[int, str]:
    """The processes of the local Ray this process started (its children run from Ray's
    package, and all their descendants), by pid and start time. Linux only: elsewhere
    none are found."""
    home = str(Path(ray.__file__).parent)
    table: dict[int, tuple[int, str, str]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, IndexError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            table[int(entry.name)] = (int(fields[1]), fields[19], command)
    found = {pid for pid, (parent, _, command) in table.items()
             if parent == os.getpid() and home in command}
    frontier = list(found)
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (pp, _, _) in table.items() if pp == parent and pid not in found]
        found.update(children)
        frontier += children
    return {pid: table[pid][1] for pid in found}


def _reap(started: dict[int, str], grace: float = 5.0) -> None:
    """Kill what is left of a local Ray ``grace`` seconds after it was shut down: now and
    then a worker whose raylet is gone hangs as it exits, holding its memory for ever."""
    deadline = time.monotonic() + grace
    while started and time.monotonic() < deadline:
        started = {pid: start for pid, start in started.items() if _alive(pid, start)}
        time.sleep(0.1)
    for pid in started:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int, start: str) -> bool:
    """Whether ``pid`` is still the process that started at ``start`` (and not a zombie)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[19] == start and fields[0] != "Z"


def _reachable(address: str) -> None:
    """Fail in seconds, not minutes: Ray retries an address that never answers for long."""
    if address.startswith("ray://"):
        raise EngineError(f"--ray-address {address}: unspin does not run over Ray Client "
                          "(ray://); run unspin on a node of the cluster with --ray-address "
                          "auto or HOST:6379, or submit it with `ray job submit`")
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise EngineError(f"--ray-address {address}: expected auto or HOST:PORT (the "
                          "head node's GCS port, 6379 unless `ray start --port` said)")
    try:
        socket.create_connection((host.strip("[]"), int(port)), CONNECT_TIMEOUT).close()
    except OSError as error:
        raise EngineError(f"cannot reach the Ray cluster at {address}: "
                          f"{error.strerror or error}; is `ray start --head` running "
                          "there, and the port open to this machine?") from None


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _summary(error: BaseException) -> str:
    """Ray's messages run to tracebacks: their last line says what happened."""
    lines = [line.strip() for line in _ANSI.sub("", str(error)).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[-1][:300]}" if lines else type(error).__name__
