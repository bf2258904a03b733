"""``corpus add --engine ray``: the analysis on a local Ray with 2 CPUs, through Parquet
shards, stores what the local engine stores."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from unspin.config import Options, make_options
from unspin.corpus import Counts, open_corpus
from unspin.corpus.distributed import _Analyser
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Article, Source
from unspin.errors import EngineError, InputError, ModelError
from unspin.pipeline import register

from .conftest import CHEAP_STAGES, EXAMPLES, VALLEY
from .test_cli import run_cli
from .test_shards import stored

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """A local Ray with 2 CPUs for this module; ``add_on_ray`` uses it rather than start
    its own."""
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
            warc_file: Path) -> tuple[Path, Counts, list[tuple[int, int]]]:
    """The examples, a WARC and two bad inputs added with the Ray engine, once."""
    folder = tmp_path_factory.mktemp("ray")
    seen: list[tuple[int, int]] = []
    with open_corpus(folder / "ray.duckdb") as corpus:
        counts = corpus.add_on_ray(_inputs(folder, warc_file), options=cheap, workers=2,
                                   on_analysed=lambda done, total: seen.append((done, total)))
    return folder / "ray.duckdb", counts, seen


def test_distributed_ray_stores_what_the_local_engine_stores(
        ray_run: tuple[Path, Counts, list[tuple[int, int]]], tmp_path: Path, cheap: Options,
        warc_file: Path) -> None:
    db, counts, seen = ray_run
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
    assert seen and seen[-1] == (9, 9)


def test_distributed_shards_are_in_a_run_folder_beside_the_db(
        ray_run: tuple[Path, Counts, list[tuple[int, int]]]) -> None:
    import pyarrow.parquet as pq

    db, counts, _ = ray_run
    runs = sorted(Path(f"{db}.shards").glob("run-*"))
    assert len(runs) == 1
    rows = pq.read_table(runs[0]).to_pylist()
    assert len(rows) == counts.stored and {r["shard_version"] for r in rows} == {1}
    assert all(r["analysis"] and r["error"] is None for r in rows)


def test_distributed_from_parquet_loads_a_run_into_another_corpus_once(
        ray_run: tuple[Path, Counts, list[tuple[int, int]]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db, _, _ = ray_run
    other = tmp_path / "other.duckdb"
    args = ["corpus", "add", "--from-parquet", f"{db}.shards", "--db", str(other), "-q"]
    code, out, err = run_cli(args, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out.strip() == f"{other}: stored 9, skipped 0 already stored, failed 0"
    code, out, _ = run_cli(args, capsys, monkeypatch)
    assert (code, out.strip()) == (0, f"{other}: stored 0, skipped 9 already stored, failed 0")
    with open_corpus(db) as ours, open_corpus(other) as theirs:
        assert {k: v for k, v in stored(ours).items() if k != "failures"} == \
            {k: v for k, v in stored(theirs).items() if k != "failures"}


def test_distributed_again_skips_everything_without_starting_ray(
        ray_run: tuple[Path, Counts, list[tuple[int, int]]], tmp_path: Path, cheap: Options,
        warc_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin.corpus import distributed

    def no_ray(*args: object) -> None:
        raise AssertionError("Ray was started with nothing to analyse")

    monkeypatch.setattr(distributed, "_connected", no_ray)
    copy = tmp_path / "copy.duckdb"
    shutil.copy(ray_run[0], copy)
    with open_corpus(copy) as corpus:
        again = corpus.add_on_ray(_inputs(ray_run[0].parent, warc_file), options=cheap)
    assert (again.stored, again.skipped, again.failed) == (0, 11, 2)


def test_distributed_cli_starts_its_own_ray_and_keeps_the_terminal_quiet(
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
    assert "analysed 4 of 4 on Ray" in done.stderr or "stored 4" in done.stderr
    assert len(list((tmp_path / "c.duckdb.shards").glob("run-*/*.parquet"))) == 1


def test_distributed_without_ray_is_one_clear_line(
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
    ("ray://127.0.0.1:10001", "Ray Data does not run over Ray Client"),
    ("headnode", "expected auto or HOST:PORT"),
])
def test_distributed_a_cluster_out_of_reach_fails_in_seconds(
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


@pytest.mark.parametrize("args,message", [
    ([], "give INPUTS to analyse, or --from-parquet"),
    (["x.txt", "--from-parquet", "shards"], "not both"),
    (["x.txt", "--ray-address", "auto"], "go with --engine ray"),
])
def test_distributed_cli_refuses_options_that_do_not_go_together(
        args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_cli(["corpus", "add", *args, "--db", str(tmp_path / "c.duckdb")],
                           capsys, monkeypatch)
    assert code == 6 and message in err


class _Remote:
    def __init__(self, calls: list[Any], name: str) -> None:
        self.calls, self.name = calls, name

    def remote(self, *args: Any) -> None:
        self.calls.append((self.name, *args))


class _FakeTally:
    """What ``_Analyser`` calls on its tally actor, recorded."""

    def __init__(self) -> None:
        self.calls: list[Any] = []
        self.add, self.fail = _Remote(self.calls, "add"), _Remote(self.calls, "fail")


class _FailsOn:
    name, requires, assigns = "test.fails-on.v1", ("text",), ()

    def __call__(self, analysis: Analysis) -> Analysis:
        if "FAIL" in analysis.text:
            raise InputError(f"{analysis.source.label}: cannot handle FAIL")
        return analysis


def _batch(*texts: str) -> pa.Table:
    import dataclasses

    articles = [Article(source=Source(path=f"{n}.txt"), text=t) for n, t in enumerate(texts)]
    return pa.table({"article_id": [content_id(t) for t in texts],
                     "article": [json.dumps(dataclasses.asdict(a)) for a in articles]})


def test_distributed_actor_turns_a_failed_article_into_a_row(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import ray

    register("test.fails-on.v1")(lambda options: _FailsOn())
    monkeypatch.setattr(ray, "get", lambda ref, **kw: ref)
    from unspin import __version__

    tally = _FakeTally()
    actor = _Analyser(make_options(stages=("test.fails-on.v1",), workers=1), tally, __version__)
    rows = actor(_batch("A quiet day at the harbour.", "A FAIL of a day.")).to_pylist()
    assert [(r["input"], r["error"], r["reason"]) for r in rows] == [
        ("0.txt", None, None), ("1.txt", "InputError", "cannot handle FAIL")]
    assert json.loads(rows[0]["analysis"])["stages"] == ["test.fails-on.v1"]
    assert tally.calls == [("add", 2)]


def test_distributed_actor_reports_a_pipeline_that_cannot_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import ray

    def broken(options: Options) -> Any:
        raise ModelError("the test model cannot load")

    register("test.broken.v1")(broken)
    monkeypatch.setattr(ray, "get", lambda ref, **kw: ref)
    from unspin import __version__

    for version, error in ((__version__, ModelError), ("0.0.0", Exception)):
        tally = _FakeTally()
        actor = _Analyser(make_options(stages=("test.broken.v1",), workers=1), tally, version)
        with pytest.raises(error) as raised:
            actor(_batch("Any text at all."))
        assert tally.calls == [("fail", raised.value)]
    assert "a Ray worker has unspin" in str(raised.value)


def test_distributed_a_worker_that_cannot_run_stops_the_run_with_its_error(
        local_ray: None, tmp_path: Path, cheap: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a real Ray: the actors refuse a driver of another unspin version; the run stops
    with their error, and nothing analysed is stored."""
    from unspin.corpus import distributed

    monkeypatch.setattr(distributed, "__version__", "0.0.0-driver")
    with open_corpus(tmp_path / "c.duckdb") as corpus:
        with pytest.raises(EngineError, match="a Ray worker has unspin .*, this machine "
                                              "0.0.0-driver"):
            corpus.add_on_ray([str(EXAMPLES / "wires.jsonl")], options=cheap, workers=2)
        assert corpus.execute("SELECT count(*) FROM articles").scalar() == 0


def test_distributed_whatever_is_left_of_a_local_ray_is_killed(local_ray: None) -> None:
    """A worker that hangs as it exits after its raylet is gone is killed by pid."""
    import ray

    from unspin.corpus.distributed import _alive, _ray_processes, _reap

    ours = _ray_processes(ray)
    assert len(ours) >= 2  # the GCS and the raylet at least, with their descendants
    hung = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    start = Path(f"/proc/{hung.pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    assert _alive(hung.pid, start) and not _alive(hung.pid, "0")
    began = time.monotonic()
    _reap({hung.pid: start}, grace=0.3)
    assert hung.wait(timeout=5) == -9 and time.monotonic() - began < 3


@pytest.mark.slow
def test_distributed_full_pipeline_on_ray_matches_local(local_ray: None, tmp_path: Path) -> None:
    """Two articles through the shipped pipeline on one Ray actor: the same analyses as
    in this process, claim vectors stored, and the JSON read back exactly."""
    import unspin

    inputs = [str(VALLEY), str(ROOT / "examples" / "opinion-grain-corridor.txt")]
    with open_corpus(tmp_path / "full.duckdb") as corpus:
        counts = corpus.add_on_ray(inputs, workers=1)
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
