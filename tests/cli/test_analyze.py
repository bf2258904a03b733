from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ..clirun import run_cli

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow

ARTICLE = ("Port Strike Enters Third Week\n\n"
           "Dockworkers say talks have stalled.\n\n"
           "More than 4,000 dockworkers walked out on Monday, the union said. Officials in "
           "Rotterdam called the strike reckless. Experts say the losses could reach "
           "nearly 12% of monthly trade.\n")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_analyze_text_report(article: Path, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["analyze", str(article)], capsys, monkeypatch)
    assert code == 0, err
    assert "Port Strike Enters Third Week" in out
    assert "Rotterdam" in out


def test_cli_analyze_json_to_file(article: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    out_file = tmp_path / "out.json"
    code, out, _ = run_cli(["analyze", str(article), "-f", "json", "-o", str(out_file)],
                           capsys, monkeypatch)
    assert code == 0 and out == ""
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["source"] == {"path": str(article)}
    assert data["text"] == ARTICLE


def test_cli_analyze_many_inputs_jsonl_with_one_bad(article: Path, tmp_path: Path,
                                                   capsys, monkeypatch) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, err = run_cli(["analyze", str(article), str(empty), str(article),
                              "-f", "jsonl", "--workers", "1", "-q"], capsys, monkeypatch)
    assert code == 8
    assert len(out.splitlines()) == 2
    assert err.count("unspin: error:") == 1 and str(empty) in err
    assert "Traceback" not in err


@pytest.mark.parametrize("make,code", [
    (lambda d: d / "missing.txt", 3),
    (lambda d: _write(d / "empty.txt", b""), 2),
    (lambda d: _write(d / "binary.bin", b"\x00\x01\x02PNG\x00" * 50), 2),
    (lambda d: _write(d / "latin.txt", b"\xff\xfe\x00\xd8" * 3), 2),
])
def test_cli_bad_input_is_one_line_and_an_exit_code(make, code: int, tmp_path: Path,
                                                    capsys, monkeypatch) -> None:
    path = make(tmp_path)
    got, out, err = run_cli(["analyze", str(path)], capsys, monkeypatch)
    assert got == code, err
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("unspin: error:")


def test_cli_too_large_input(article: Path, capsys, monkeypatch) -> None:
    code, _, err = run_cli(["analyze", str(article), "--max-bytes", "100"], capsys, monkeypatch)
    assert code == 2 and "too large" in err.lower()


def test_cli_bad_url_is_refused_without_network(capsys, monkeypatch) -> None:
    code, _, err = run_cli(["analyze", "ftp://example.org/x"], capsys, monkeypatch)
    assert code in (3, 5) and "Traceback" not in err


def test_cli_html_report_is_standalone(article: Path, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["analyze", str(article), "-f", "html"], capsys, monkeypatch)
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and "<link" not in out


def test_cli_stdin(capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    code, out, _ = run_cli(["analyze", "-", "-f", "json"], capsys, monkeypatch)
    assert code == 0
    assert json.loads(out)["source"] == {"path": "-"}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cli_many_inputs_in_worker_processes_keep_order(tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    paths = []
    for i in range(10):
        path = tmp_path / f"a{i:02}.txt"
        path.write_text(ARTICLE.replace("Third", f"No. {i}"), encoding="utf-8")
        paths.append(path)
    code, out, err = run_cli(["analyze", str(tmp_path), "-f", "jsonl", "--workers", "2"],
                             capsys, monkeypatch)
    assert code == 0, err
    sources = [json.loads(line)["source"]["path"] for line in out.splitlines()]
    assert sources == [str(p) for p in paths]
