"""The runner's Ray engine: ``corpus add --engine ray`` on a local Ray with 2 CPUs stores
what the local engine stores, and its failures are one clear line."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from unspin.config import Options
from unspin.corpus import Counts, open_corpus
from unspin.document import Analysis
from unspin.errors import EngineError, ModelError
from unspin.scale import ray as ray_engine
from unspin.scale.ray import RayEngine

from ..clirun import run_cli
from ..conftest import CHEAP_STAGES, EXAMPLES, VALLEY
from ..corpus.conftest import stored

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """A local Ray with 2 CPUs for this module; the engine uses it rather than start its
    own."""
    import ray

    ray.init("local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             logging_level=logging.ERROR)
    yield
    ray.shutdown()


def _inputs(folder: Path, warc: Path) -> list[str]:
    (folder / "blank.txt").write_text("  \n", encoding="utf-8")
    return [str(EXAMPLES), str(warc), str(folder / "blank.txt"), str(folder / "missing.txt")]


@pytest.fixture(scope="module")
def ray_run(local_ray: None, tmp_path_factory: pytest.TempPathFactory, cheap: Options,
            warc_file: Path) -> tuple[Path, Counts]:
    """The examples, a WARC and two bad inputs added with the Ray engine, once."""
    folder = tmp_path_factory.mktemp("ray")
    with open_corpus(folder / "ray.duckdb") as corpus:
        counts = corpus.add(_inputs(folder, warc_file), options=cheap, engine="ray",
                            workers=2)
    return folder / "ray.duckdb", counts


def test_ray_ray_stores_what_the_local_engine_stores(
        ray_run: tuple[Path, Counts], tmp_path: Path, cheap: Options,
        warc_file: Path) -> None:
    db, counts = ray_run
    with open_corpus(tmp_path / "local.duckdb") as corpus:
        local = corpus.add(_inputs(tmp_path, warc_file), options=cheap)
        expected = stored(corpus)
    with open_corpus(db) as corpus:
        found = stored(corpus)
    assert (counts.total, counts.stored, counts.skipped, counts.failed) == \
        (local.total, local.stored, local.skipped, local.failed) == (13, 9, 2, 2)
    for table in found:
        if table == "failures":
            assert [(Path(i).name, *rest) for i, *rest in found[table]] == \
                [(Path(i).name, *rest) for i, *rest in expected[table]]
        else:
            assert found[table] == expected[table], table


def test_ray_again_skips_everything_without_starting_ray(
        ray_run: tuple[Path, Counts], tmp_path: Path, cheap: Options,
        warc_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ray(*args: object) -> None:
        raise AssertionError("Ray was started with nothing to analyse")

    monkeypatch.setattr(ray_engine, "_connected", no_ray)
    copy = tmp_path / "copy.duckdb"
    shutil.copy(ray_run[0], copy)
    with open_corpus(copy) as corpus:
        again = corpus.add(_inputs(ray_run[0].parent, warc_file), options=cheap, engine="ray")
    assert (again.stored, again.skipped, again.failed) == (0, 11, 2)


def test_ray_cli_starts_its_own_ray_and_keeps_the_terminal_quiet(
        tmp_path: Path) -> None:
    """The path a user takes: no Ray running, `--engine ray` starts one with --workers
    CPUs; nothing of Ray's reaches the terminal."""
    db = tmp_path / "c.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "unspin", "corpus", "add", str(EXAMPLES / "wires.jsonl"),
         str(EXAMPLES / "metro-daily.rss"), "--engine", "ray", "--workers", "2", "--stages",
         ",".join(CHEAP_STAGES), "--db", str(db)],
        check=False, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{db}: stored 4, skipped 0 already stored, failed 0\n"
    assert all(line.startswith("unspin: ") for line in done.stderr.splitlines()), done.stderr
    assert "stored 4" in done.stderr


def test_ray_without_ray_is_one_clear_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    code, out, err = run_cli(["corpus", "add", str(EXAMPLES / "wires.jsonl"), "--engine", "ray",
                              "--db", str(tmp_path / "c.duckdb"), "-q"], capsys, monkeypatch)
    assert (code, out) == (11, "")
    assert err.startswith("unspin: error: --engine ray needs Ray") and "pip install" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("address,message", [
    ("127.0.0.1:9", "cannot reach the Ray cluster at 127.0.0.1:9"),
    ("ray://127.0.0.1:10001", "unspin does not run over Ray Client"),
    ("headnode", "expected auto or HOST:PORT"),
])
def test_ray_a_cluster_out_of_reach_fails_in_seconds(
        address: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import ray

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    start = time.monotonic()
    code, _, err = run_cli(["corpus", "add", str(EXAMPLES / "wires.jsonl"), "--engine", "ray",
                            "--ray-address", address, "--db", str(tmp_path / "c.duckdb"), "-q"],
                           capsys, monkeypatch)
    assert code == 11 and message in err and len(err.strip().splitlines()) == 1
    assert time.monotonic() - start < 15


def test_ray_cli_refuses_an_address_without_the_ray_engine(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_cli(["corpus", "add", "x.txt", "--ray-address", "auto", "--db",
                            str(tmp_path / "c.duckdb")], capsys, monkeypatch)
    assert code == 6 and "goes with --engine ray" in err


def _double(chunk: list[int]) -> list[int]:
    return [2 * n for n in chunk]


def _fails(chunk: list[int]) -> list[int]:
    raise ModelError("the test model cannot load")


def _dies(chunk: list[int]) -> list[int]:
    import os

    os._exit(1)


@pytest.fixture
def by_value(local_ray: None) -> None:
    """This module's functions travel to the Ray workers by value (the workers cannot
    import the tests)."""
    import ray

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])


def test_ray_map_yields_each_chunk_in_order(by_value: None) -> None:
    chunks = [[n, n + 1] for n in range(0, 20, 2)]
    assert list(RayEngine(workers=2, ahead=1).map(_double, chunks)) == [
        [2 * n, 2 * n + 2] for n in range(0, 20, 2)]
    assert list(RayEngine(workers=2).map(_double, [])) == []


def test_ray_an_error_of_unspins_stops_the_run_with_it(by_value: None) -> None:
    with pytest.raises(ModelError, match="the test model cannot load"):
        list(RayEngine(workers=1).map(_fails, [[1]]))


def test_ray_a_worker_that_dies_is_one_clear_error(by_value: None) -> None:
    with pytest.raises(EngineError, match="a Ray worker died"):
        list(RayEngine(workers=1).map(_dies, [[1]]))


def test_ray_a_worker_that_cannot_run_stops_the_run_with_its_error(
        local_ray: None, tmp_path: Path, cheap: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a real Ray: the actors refuse a driver of another unspin version; the run stops
    with their error, and nothing analysed is stored."""
    monkeypatch.setattr(ray_engine, "UNSPIN_VERSION", "0.0.0-driver")
    with open_corpus(tmp_path / "c.duckdb") as corpus:
        with pytest.raises(EngineError, match="a Ray worker has unspin .*, this machine "
                                              "0.0.0-driver"):
            corpus.add([str(EXAMPLES / "wires.jsonl")], options=cheap, engine="ray",
                       workers=2)
        assert corpus.execute("SELECT count(*) FROM articles").scalar() == 0


def test_ray_whatever_is_left_of_a_local_ray_is_killed(local_ray: None) -> None:
    """A worker that hangs as it exits after its raylet is gone is killed by pid."""
    import ray

    from unspin.scale.ray import _alive, _ray_processes, _reap

    ours = _ray_processes(ray)
    assert len(ours) >= 2  # the GCS and the raylet at least, with their descendants
    hung = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    start = Path(f"/proc/{hung.pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    assert _alive(hung.pid, start) and not _alive(hung.pid, "0")
    began = time.monotonic()
    _reap({hung.pid: start}, grace=0.3)
    assert hung.wait(timeout=5) == -9 and time.monotonic() - began < 3


@pytest.mark.slow
def test_ray_full_pipeline_on_ray_matches_local(local_ray: None, tmp_path: Path) -> None:
    """Two articles through the shipped pipeline on one Ray actor: the same analyses as
    in this process, claim vectors stored, and the JSON read back exactly."""
    import unspin

    inputs = [str(VALLEY), str(ROOT / "examples" / "opinion-grain-corridor.txt")]
    with open_corpus(tmp_path / "full.duckdb") as corpus:
        counts = corpus.add(inputs, engine="ray", workers=1)
        assert (counts.stored, counts.failed) == (2, 0), counts.messages
        found = {r[0]: json.loads(r[1]) for r in corpus.execute(
            "SELECT source, analysis FROM articles").rows}
        vectors = corpus.execute("SELECT count(*) FROM claim_vectors").scalar()
    claims = 0
    for path in inputs:
        local = unspin.analyze(path)
        assert Analysis.from_dict(local.to_dict()) == local
        assert found[path] == json.loads(json.dumps(local.to_dict()))
        claims += len(local.claims)
    assert claims > 0 and vectors == claims  # corpus runs embed every claim
