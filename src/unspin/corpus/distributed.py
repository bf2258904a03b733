"""``corpus add --engine ray``: analyse on a Ray cluster into Parquet shards, then store them.

This process (the driver) reads the inputs as ``corpus add`` does, so the workers need no
access to its files, drops every article the corpus already holds, and puts the rest in
Ray's object store (which spills to disk when memory runs short), 8 articles a block.
Ray Data hands the blocks to a pool of actors, one per CPU; each builds the pipeline
once, so models load once per actor, and turns a block into shard rows: an article's
analysis and claim vectors, or why it failed. The workers write the rows as Parquet
shards into a fresh folder for the run, and the driver loads that folder as
``corpus add --from-parquet`` does (``shards.load``).

Ray's logging, progress bars and warnings stay off the terminal: the progress shown comes
from a small actor the workers tell what they finished, and an error is one line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import logging
import os
import re
import secrets
import signal
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from .. import __version__
from ..batch import CHUNK, _init_worker, pipeline_for
from ..config import Options
from ..document import Article
from ..errors import EngineError, UnspinError
from ..pipeline import Pipeline
from .add import Chunk, Counts, Progress, _analyse, _expanded, _Run
from .inputs import count, read
from .schema import utcnow
from .shards import ShardFile, count_rows, load, shard_files, shard_table
from .store import Store

# Articles in one block of Ray's object store: one batch, so that every actor is kept
# busy to the end (an actor takes a block at a time).
BLOCK = CHUNK
# Rows a shard file holds at least (the last of a run may hold fewer).
SHARD_ROWS = 1000
# Seconds between progress reports, and to wait for a cluster's port to answer.
POLL = 0.5
CONNECT_TIMEOUT = 5.0
RAY_LOGS = "/tmp/ray/session_latest/logs"

Analysed = Callable[[int, int], None]

# Ray Data's progress bars, plan and statistics print to the terminal; ours replace them.
_DATA_CONTEXT = {"enable_progress_bars": False, "enable_operator_progress_bars": False,
                 "print_on_execution_start": False, "enable_auto_log_stats": False,
                 "verbose_stats_logs": False}


def default_shards_dir(db: str | os.PathLike[str]) -> str:
    """Where a run's shards go unless told: ``FILE.shards/`` beside the corpus ``FILE``."""
    return f"{db}.shards"


def add_on_ray(store: Store, specs: list[str], options: Options, *, shards_dir: str,
               address: str | None = None, fetch_links: bool = False,
               on_progress: Progress | None = None,
               on_analysed: Analysed | None = None) -> Counts:
    """Analyse on Ray every article the inputs hold that the corpus lacks, and store it.

    Args:
        shards_dir: the folder for this run's folder of shards: a path every Ray node can
            write and this machine can read, or a URI pyarrow opens (``s3://...``).
        address: a running Ray cluster (``auto``, or the head's ``HOST:PORT``);
            None starts a local Ray with ``options.workers`` CPUs (all cores by default),
            or uses the one this process already started.
        on_progress: called with the counts after every change, as ``add.add`` does.
        on_analysed: called with (articles analysed, articles sent) while Ray works.

    Raises:
        EngineError: Ray is not installed, the cluster cannot be reached, or the job
            failed; nothing analysed in this run is stored then (failures to read are).
        UnspinError: the pipeline cannot run (a bad stage name, a model that will not
            load on the workers), as ``add.add`` raises it.
    """
    ray = _import_ray()
    Pipeline.from_names(options.stages, options)  # a bad pipeline fails before Ray starts
    paths, missing = _expanded(specs)
    run = _Run(store, Counts(total=sum(map(count, paths)) + len(missing)), on_progress)
    run.fail(missing)
    items = (item for path in paths for item in read(path, options, fetch_links=fetch_links))
    chunks = run.fresh(items)
    first = next(chunks, None)
    if first is None:  # all stored already, or unreadable: no need for Ray
        return run.counts
    with _quiet(ray), _connected(ray, address, options.workers):
        refs, sent = _blocks(ray, itertools.chain([first], chunks))
        out = _run_folder(shards_dir)
        _run_job(ray, refs, sent, options, out, on_analysed)
    return load(store, _written(out, sent), run.counts, on_progress)


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise EngineError(f"--engine ray needs Ray ({error}); install it with "
                          "`pip install 'ray[data]>=2.40'`, or use --engine local") from None
    return ray


@contextlib.contextmanager
def _quiet(ray: Any) -> Iterator[None]:
    """Ray Data's bars, plans and statistics off, its loggers and warnings silenced, and
    all of it as it was afterwards."""
    with warnings.catch_warnings():  # Ray Data's own deprecations, as it makes its context
        warnings.simplefilter("ignore")
        context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in _DATA_CONTEXT if hasattr(context, name)}
    levels = {name: logging.getLogger(name).level for name in ("ray", "ray.data")}
    for name in saved:
        setattr(context, name, _DATA_CONTEXT[name])
    for name in levels:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


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
        raise EngineError(f"--ray-address {address}: Ray Data does not run over Ray Client "
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


def _blocks(ray: Any, chunks: Iterator[Chunk]) -> tuple[list[Any], int]:
    """The articles in Ray's object store, ``BLOCK`` a block: their refs and number."""
    refs: list[Any] = []
    block: Chunk = []
    sent = 0
    for chunk in chunks:
        block.extend(chunk)
        if len(block) >= BLOCK:
            refs.append(ray.put(_block_table(block)))
            sent, block = sent + len(block), []
    if block:
        refs.append(ray.put(_block_table(block)))
        sent += len(block)
    return refs, sent


def _block_table(block: Chunk) -> pa.Table:
    # ASCII JSON: a lone surrogate in a text must reach the worker, not break the block.
    return pa.table({"article_id": [article_id for article_id, _ in block],
                     "article": [json.dumps(dataclasses.asdict(a)) for _, a in block]})


def _run_folder(shards_dir: str) -> str:
    name = f"run-{utcnow():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    if "://" in shards_dir:
        return f"{shards_dir.rstrip('/')}/{name}"
    return str(Path(shards_dir).resolve() / name)


def _run_job(ray: Any, refs: list[Any], sent: int, options: Options, out: str,
             on_analysed: Analysed | None) -> None:
    """Run the analysis on Ray and write its shards to ``out``; progress every ``POLL``."""
    tally = _tally(ray)
    actors = max(1, min(options.workers or int(ray.cluster_resources().get("CPU", 1)),
                        -(-sent // CHUNK)))
    # max_restarts=0: by default Ray Data restarts a dead actor and retries its batch for
    # ever, which never ends on an article that kills its worker; a dead worker ends the
    # run, as in the local engine. (It also keeps Ray from logging a line per actor.)
    data = ray.data.from_arrow_refs(refs).map_batches(
        _Analyser, fn_constructor_args=(options, tally, __version__), batch_size=CHUNK,
        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1, max_restarts=0)
    job = _Background(lambda: data.write_parquet(out, min_rows_per_file=SHARD_ROWS,
                                                 compression="zstd"))
    while not job.done.wait(POLL):
        if on_analysed:
            on_analysed(ray.get(tally.status.remote())[0], sent)
    if job.error is not None:
        raise _failed(ray, tally, job.error)
    if on_analysed:
        on_analysed(sent, sent)


def _written(out: str, sent: int) -> list[ShardFile]:
    """The run's shards, as this machine sees them: all of them, or an error."""
    try:
        files = shard_files(out)
        rows = count_rows(files)
    except UnspinError:
        files, rows = [], 0
    if rows < sent:
        raise EngineError(f"{out}: this machine finds {rows} of the {sent} articles the "
                          "workers analysed; give --shards-dir a folder every Ray node can "
                          "write and this machine can read (a shared file system, or "
                          "s3://...)")
    return files


def _failed(ray: Any, tally: Any, error: BaseException) -> UnspinError:
    """The error a worker's pipeline raised, if one did; else what Ray said, in a line."""
    with contextlib.suppress(Exception):
        fatal = ray.get(tally.status.remote(), timeout=10)[1]
        if isinstance(fatal, UnspinError):
            return fatal
    return EngineError(f"the analysis on Ray failed: {_summary(error)} (Ray's logs: "
                       f"{RAY_LOGS}); nothing from this run was stored: run it again")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _summary(error: BaseException) -> str:
    """Ray's messages run to tracebacks: their last line says what happened."""
    lines = [line.strip() for line in _ANSI.sub("", str(error)).splitlines() if line.strip()]
    return f"{type(error).__name__}: {lines[-1][:300]}" if lines else type(error).__name__


class _Background:
    """A call run in a daemon thread, so an interrupted driver never waits for it."""

    def __init__(self, call: Callable[[], object]) -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None
        self._call = call
        threading.Thread(target=self._run, daemon=True, name="unspin-ray-job").start()

    def _run(self) -> None:
        try:
            self._call()
        except BaseException as error:  # noqa: BLE001 - handed to the driver's thread
            self.error = error
        finally:
            self.done.set()


def _tally(ray: Any) -> Any:
    """A Ray actor: how many articles the workers finished, and the first error that
    stopped a worker's pipeline (Ray Data passes on only its text). The class is made
    here so that Ray ships it by value: its worker imports none of unspin's models or
    stores (120 MB less)."""

    class Tally:
        def __init__(self) -> None:
            self.finished = 0
            self.error: UnspinError | None = None

        def add(self, n: int) -> None:
            self.finished += n

        def fail(self, error: UnspinError) -> None:
            self.error = self.error or error

        def status(self) -> tuple[int, UnspinError | None]:
            return self.finished, self.error

    return ray.remote(num_cpus=0)(Tally).remote()


class _Analyser:
    """One Ray actor: the pipeline built once, then batches of articles in, shard rows out.

    An article that cannot be analysed becomes a failure row, as in ``corpus add``. What
    stops every article (a model that will not load, another unspin version on the
    worker) is told to the tally and raised, which ends the job.
    """

    def __init__(self, options: Options, tally: Any, version: str) -> None:
        _init_worker()
        self.options = options
        self.tally = tally
        self.error: UnspinError | None = None
        try:
            if version != __version__:
                raise EngineError(f"a Ray worker has unspin {__version__}, this machine "
                                  f"{version}: install the same on every node")
            pipeline_for(options)
        except UnspinError as error:
            self.error = error
        except Exception as error:  # noqa: BLE001 - reported, with its type, by the driver
            self.error = UnspinError(f"cannot build the pipeline on a Ray worker: "
                                     f"{type(error).__name__}: {error}")

    def __call__(self, batch: pa.Table) -> pa.Table:
        import ray

        ids: list[str] = batch.column("article_id").to_pylist()
        try:
            if self.error is not None:
                raise self.error
            results = _analyse(_articles(batch), self.options)
        except UnspinError as error:
            ray.get(self.tally.fail.remote(error))
            raise
        self.tally.add.remote(len(results))
        return shard_table(ids, results)


def _articles(batch: pa.Table) -> list[Article]:
    try:
        return [Article.from_dict(json.loads(a)) for a in batch.column("article").to_pylist()]
    except (ValueError, TypeError) as error:
        raise EngineError(f"a Ray worker cannot read the articles this machine sent "
                          f"({error}); install the same unspin on every node") from None
