"""``unspin corpus claims``, ``match``, ``ledger`` and ``profile``: thin commands, one-line
errors, clear lines for nothing found, JSON that carries everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.corpus import matching as matching_module
from unspin.corpus import open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id

from ..clirun import run_cli
from .handmade import Said, analysis, unit

OCTOBER = {"period": "in October", "resolved_start": "2024-10-01",
           "resolved_end": "2024-10-31"}
RAIL = unit((0, 1.0))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("findings") / "findings.duckdb"
    made = [
        analysis("a.txt", [Said("Officials recorded 21,602 desertions in October.",
                                "named_person", "Igor Lutsenko", "Officials",
                                [{"text": "21,602", "unit": "desertions", "value": 21602,
                                  "low": 21602, "high": 21602, **OCTOBER}], RAIL)],
                 site="Kyiv Daily", date="2024-11-20", techniques=["Doubt"]),
        analysis("b.txt", [Said("Western media say more than 21,000 soldiers deserted in "
                                "October.", "vague", words="Western media",
                                numbers=[{"text": "more than 21,000", "unit": "soldiers",
                                          "value": 21000, "low": 21000, "bound": "lower",
                                          **OCTOBER}], vector=RAIL)],
                 site="Front News", date="2024-11-21"),
    ]
    with open_corpus(path) as corpus:
        store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
    return path


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables as a 160-column terminal shows them, so cells are not cut short."""
    from unspin.cli import corpus as cli

    monkeypatch.setattr(cli._out, "width", 160)


@pytest.fixture
def fake_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    class Fake:
        def encode(self, texts: list[str], batch_size: int = 32) -> object:
            import numpy as np

            return np.stack([RAIL for _ in texts])

    monkeypatch.setattr(matching_module, "default_encoder", Fake)


def test_cli_findings_match_then_claims_matches(db: Path, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["corpus", "match", "--db", str(db)], capsys, monkeypatch)
    assert code == 0 and "matched 2 new claims: 1 matches at similarity 0.48 or more" in out
    code, out, _ = run_cli(["corpus", "match", "--db", str(db)], capsys, monkeypatch)
    assert "no new claims to match" in out
    code, out, _ = run_cli(["corpus", "claims", "--matches", "b.txt", "--db", str(db),
                            "--json"], capsys, monkeypatch)
    found = json.loads(out)
    (claim,) = found["claims"]
    assert claim["matches"][0]["outlet"] == "Kyiv Daily"
    assert claim["matches"][0]["source"]["name"] == "Igor Lutsenko"
    code, out, _ = run_cli(["corpus", "claims", "--matches", "a.txt", "--db", str(db)],
                           capsys, monkeypatch)
    assert code == 0 and "Front News" in out and "Western media" in out


def test_cli_findings_claims_like(db: Path, fake_encoder: None, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["corpus", "claims", "--like", "soldiers deserting", "--top", "1",
                            "--db", str(db), "--json"], capsys, monkeypatch)
    assert code == 0
    (hit,) = json.loads(out)["claims"]
    assert hit["similarity"] == pytest.approx(1.0, abs=0.01) and hit["outlet"] == "Kyiv Daily"
    code, out, _ = run_cli(["corpus", "claims", "--like", "soldiers deserting", "--exact",
                            "--db", str(db)], capsys, monkeypatch)
    assert "2 stored claims most like" in out and "Igor Lutsenko" in out


@pytest.mark.parametrize("args,code,message", [
    (["corpus", "claims", "--db", "{db}"], 6, "give --like TEXT or --matches ARTICLE"),
    (["corpus", "claims", "--like", "x", "--matches", "y", "--db", "{db}"], 6, "one of them"),
    (["corpus", "claims", "--matches", "nothing.txt", "--db", "{db}"], 10, "no stored article"),
    (["corpus", "claims", "--like", " ", "--db", "{db}"], 9, "needs some text"),
    (["corpus", "ledger", "--about", "of", "--db", "{db}"], 9, "give a word"),
    (["corpus", "ledger", "--about", "x", "--db", "{tmp}/none.duckdb"], 9, "no corpus here"),
    (["corpus", "profile", "--db", "{tmp}/none.duckdb"], 9, "no corpus here"),
    (["corpus", "match", "--db", "{tmp}/none.duckdb"], 9, "no corpus here"),
])
def test_cli_findings_errors_are_one_line(db: Path, tmp_path: Path, args: list[str], code: int,
                                          message: str, capsys, monkeypatch) -> None:
    args = [a.format(db=db, tmp=tmp_path) for a in args]
    got, _, err = run_cli(args, capsys, monkeypatch)
    assert got == code, err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_findings_ledger(db: Path, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["corpus", "ledger", "--about", "desertions", "--db", str(db)],
                           capsys, monkeypatch)
    assert code == 0
    assert "count · place not stated · 2024-10 — 2 values, consistent" in out
    assert "at least 21,000" in out and "Western media" in out and "Igor Lutsenko" in out
    code, out, _ = run_cli(["corpus", "ledger", "--about", "desertions", "--json", "--db",
                            str(db)], capsys, monkeypatch)
    (group,) = json.loads(out)["groups"]
    assert [v["text"] for v in group["values"]] == ["21,602", "more than 21,000"]
    code, out, _ = run_cli(["corpus", "ledger", "--about", "refugees", "--db", str(db)],
                           capsys, monkeypatch)
    assert code == 0 and out.startswith("no stored number is about “refugees”")


def test_cli_findings_narrow_terminal_gets_one_block_per_value(db: Path, capsys,
                                                               monkeypatch) -> None:
    from unspin.cli import corpus as cli

    monkeypatch.setattr(cli._out, "width", 80)
    code, out, _ = run_cli(["corpus", "ledger", "--about", "desertions", "--db", str(db)],
                           capsys, monkeypatch)
    assert code == 0 and "─ 1 ─" in out and "─ 2 ─" in out and "┃" not in out
    assert "source    “Western media” (vague)" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cli_findings_profile(db: Path, capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["corpus", "profile", "--db", str(db)], capsys, monkeypatch)
    assert code == 0 and "2 outlets" in out and "Kyiv Daily" in out
    code, out, _ = run_cli(["corpus", "profile", "kyiv daily", "--by", "month", "--json",
                            "--db", str(db)], capsys, monkeypatch)
    (profile,) = json.loads(out)
    assert profile["outlet"] == "Kyiv Daily" and profile["named_share"] == 1.0
    assert profile["top_techniques"][0]["technique"] == "Doubt"
    assert list(profile["periods"]) == ["2024-11"]
    code, out, _ = run_cli(["corpus", "profile", "Nobody", "--db", str(db)], capsys,
                           monkeypatch)
    assert code == 0 and out.strip() == "no articles from Nobody in the corpus"


def test_cli_findings_empty_corpus_says_so(tmp_path: Path, fake_encoder: None, capsys,
                                           monkeypatch) -> None:
    path = tmp_path / "empty.duckdb"
    open_corpus(path).close()
    code, out, _ = run_cli(["corpus", "claims", "--like", "x", "--db", str(path)], capsys,
                           monkeypatch)
    assert code == 0 and out.startswith("no claim vectors in the corpus")
    code, out, _ = run_cli(["corpus", "profile", "--db", str(path)], capsys, monkeypatch)
    assert code == 0 and out.strip() == "no articles in the corpus"
