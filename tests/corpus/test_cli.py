"""The ``unspin corpus`` commands: one summary line, one-line errors, documented exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from unspin.cli import main
from unspin.corpus import CORPUS_SCHEMA_VERSION

from ..clirun import run_cli
from .conftest import CHEAP_STAGES, EXAMPLES, VALLEY

CHEAP = ["--stages", ",".join(CHEAP_STAGES), "--workers", "1"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "corpus.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(sys, "argv", ["unspin", "corpus", "add", str(EXAMPLES),
                                          "--db", str(path), "-q", *CHEAP])
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code in (0, None)
    return path


def test_cli_corpus_add_twice_skips(db: Path, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["corpus", "add", str(EXAMPLES), "--db", str(db), *CHEAP],
                             capsys, monkeypatch)
    assert code == 0, err
    assert out.strip() == f"{db}: stored 0, skipped 9 already stored, failed 0"


def test_cli_corpus_add_default_db_in_cwd(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(["corpus", "add", str(EXAMPLES / "wires.jsonl"), "-q", *CHEAP],
                           capsys, monkeypatch)
    assert code == 0 and out.startswith("unspin.duckdb: stored 2,")
    assert (tmp_path / "unspin.duckdb").is_file()


def test_cli_corpus_add_some_failed_is_8(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    code, out, err = run_cli(["corpus", "add", str(tmp_path / "empty.txt"),
                              str(tmp_path / "missing.html"), str(EXAMPLES / "wires.jsonl"),
                              "--db", str(tmp_path / "c.duckdb"), "-q", *CHEAP],
                             capsys, monkeypatch)
    assert code == 8
    assert "stored 2, skipped 0 already stored, failed 2" in out
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("unspin: error: ") for line in lines)
    assert "Traceback" not in err


def test_cli_corpus_add_bad_stage_is_6(tmp_path: Path, capsys, monkeypatch) -> None:
    code, _, err = run_cli(["corpus", "add", str(EXAMPLES / "wires.jsonl"), "--db",
                            str(tmp_path / "c.duckdb"), "--stages", "unspin.nope.v1",
                            "--workers", "1", "-q"], capsys, monkeypatch)
    assert code == 6 and "unknown stage 'unspin.nope.v1'" in err
    assert len(err.strip().splitlines()) == 1


def test_cli_corpus_stats(db: Path, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["corpus", "stats", "--db", str(db), "--json"], capsys, monkeypatch)
    assert code == 0
    found = json.loads(out)
    assert found["rows"]["articles"] == 9 and found["rows"]["copies"] == 3
    assert found["failed_inputs"] == 0 and found["schema_version"] == CORPUS_SCHEMA_VERSION
    code, out, _ = run_cli(["corpus", "stats", "--db", str(db)], capsys, monkeypatch)
    assert code == 0 and "articles" in out and "failed inputs: 0" in out


def test_cli_corpus_copies(db: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # names unfolded, whatever the runner's terminal
    code, out, _ = run_cli(["corpus", "copies", str(VALLEY), "--db", str(db)],
                           capsys, monkeypatch)
    assert code == 0
    assert "3 copies; likely origin (*): Valley Gazette (named)" in out
    assert "Coastal Herald" in out and "Metro Daily" in out
    code, out, _ = run_cli(["corpus", "copies", str(VALLEY), "--db", str(db), "--json"],
                           capsys, monkeypatch)
    found = json.loads(out)
    assert [c["origin"] for c in found["copies"]] == [True, False, False]
    assert found["copies"][0]["similarity"] == 1.0


def test_cli_corpus_copies_unknown_article_is_10(db: Path, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["corpus", "copies", "0123456789", "--db", str(db)],
                             capsys, monkeypatch)
    assert code == 10 and out == ""
    assert err.startswith("unspin: error: 0123456789: no stored article")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("table", ["articles", "claims", "quotes", "techniques", "sources",
                                   "removed"])
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_cli_corpus_export(db: Path, tmp_path: Path, table: str, fmt: str,
                           capsys, monkeypatch) -> None:
    out_file = tmp_path / f"{table}.{fmt}"
    code, out, err = run_cli(["corpus", "export", "--db", str(db), "--table", table,
                              "--format", fmt, "--out", str(out_file)], capsys, monkeypatch)
    assert code == 0, err
    with duckdb.connect(str(db), read_only=True) as conn:
        expected = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert expected is not None and f"wrote {expected[0]:,} rows of {table}" in out
    if fmt == "parquet":
        assert pq.read_table(out_file).num_rows == expected[0]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out_file.read_text().splitlines()]
        assert len(rows) == expected[0]
        if table == "articles":
            assert all(json.loads(r["analysis"])["text"] if isinstance(r["analysis"], str)
                       else r["analysis"]["text"] for r in rows)
    else:
        header = out_file.read_text().splitlines()[0]
        assert header.startswith("id,source" if table == "articles" else "article_id,ord")


@pytest.mark.parametrize("args,message", [
    (["corpus", "stats", "--db", "{tmp}/none.duckdb"], "no corpus here"),
    (["corpus", "add", str(EXAMPLES / "wires.jsonl"), "--db", "{tmp}/no/dir.duckdb"],
     "does not exist"),
    (["corpus", "copies", "abcdef", "--db", "{tmp}/garbage.duckdb"], "not a readable corpus"),
    (["corpus", "add", str(EXAMPLES / "wires.jsonl"), "--db", "{tmp}/garbage.duckdb"],
     "not a readable corpus"),
    (["corpus", "export", "--out", "{tmp}/no/dir.parquet", "--db", "{db}"], "does not exist"),
])
def test_cli_corpus_bad_db_is_9_in_one_line(db: Path, tmp_path: Path, args: list[str],
                                            message: str, capsys, monkeypatch) -> None:
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"\x00\x01not a database" * 100)
    before = garbage.read_bytes()
    args = [a.format(tmp=tmp_path, db=db) for a in args]
    code, _, err = run_cli(args, capsys, monkeypatch)
    assert code == 9, err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert garbage.read_bytes() == before
    assert not (tmp_path / "none.duckdb").exists()
