"""The CLI with hostile input and as a new user meets it: error lines that stay one line
and inert, usage errors in one line, help without gaps, tables that keep their width and
headers when piped, and ``--site``."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from unspin.corpus import open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id
from unspin.report.terminal import BIDI_CONTROLS

from ..clirun import run_cli
from ..corpus.handmade import Said, analysis

CHEAP = "unspin.clean.v1,unspin.parts.v1,unspin.language.v1"
ESC = "\x1b"
ARTICLE = ("Port Strike Enters Third Week\n\n"
           f"Dockworkers say talks have stalled {ESC}]0;PWNED\x07{ESC}[2J and more.\n\n"
           "More than 4,000 dockworkers walked out on Monday, the union said. "
           "[link=https://evil.example]click here[/link] Officials called it reckless.\n")


def controls(text: str) -> list[str]:
    return [c for c in text if (unicodedata.category(c) == "Cc" and c not in "\n\t")
            or c in BIDI_CONTROLS]


# --- Usage errors and help ---------------------------------------------------------------


def test_hostile_cli_bad_format_is_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["analyze", "--format", "xml", str(tmp_path)], capsys, monkeypatch)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("unspin: error: ")
    assert "'xml' is not one of" in err and "unspin analyze --help" in err
    assert "╭" not in err and "│" not in err


@pytest.mark.parametrize("args,words", [
    (["analyze", "--bogus", "x"], "No such option"),
    (["analyze"], "Missing argument"),
    (["nonsense"], "No such command"),
    (["corpus", "ledger"], "Missing option"),
])
def test_hostile_cli_usage_errors_are_one_line(args: list[str], words: str, capsys,
                                               monkeypatch) -> None:
    code, _, err = run_cli(args, capsys, monkeypatch)
    assert code == 2 and err.count("\n") == 1 and words in err, err


@pytest.mark.parametrize("command", [["analyze"], ["corpus", "add"], ["corpus", "stats"],
                                     ["corpus", "profile"], ["corpus", "claims"]])
def test_hostile_cli_help_shows_defaults_and_no_type_on_flags(command: list[str], capsys,
                                                              monkeypatch) -> None:
    code, out, _ = run_cli([*command, "--help"], capsys, monkeypatch)
    assert code == 0 and "Usage:" in out
    assert "<bool>" not in out
    assert " ." not in out, "a default was swallowed, leaving a gap before the full stop"
    assert "╭" not in out


def test_hostile_cli_help_states_the_defaults_it_has_in_words(capsys, monkeypatch) -> None:
    _, out, _ = run_cli(["analyze", "--help"], capsys, monkeypatch)
    flat = " ".join(out.split())
    assert "[default: 5 MiB]" in flat and "[default: 20]" in flat
    assert "[default: one per CPU core]" in flat and "--site" in flat


# --- Article text and input names on the terminal ----------------------------------------


def test_hostile_cli_error_line_naming_a_hostile_input_is_inert(tmp_path: Path, capsys,
                                                                monkeypatch) -> None:
    evil = tmp_path / f"evil{ESC}]0;PWNED\x07{ESC}[2J\nsecond line.txt"
    evil.write_text("   \n", encoding="utf-8")
    code, _, err = run_cli(["analyze", str(evil)], capsys, monkeypatch)
    assert code == 2
    assert err.count("\n") == 1 and controls(err) == []
    assert "␛]0;PWNED␇␛[2J␊second line.txt" in err


def test_hostile_cli_text_report_of_a_hostile_article_is_inert(tmp_path: Path, capsys,
                                                               monkeypatch) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run_cli(["analyze", "--stages", CHEAP, str(path)], capsys, monkeypatch)
    assert code == 0, err
    assert controls(out) == [] and "Port Strike Enters Third Week" in out


# --- --site and the outlet of plain-text files -------------------------------------------


def test_hostile_cli_site_option_names_the_outlet(tmp_path: Path, capsys, monkeypatch) -> None:
    folder = tmp_path / "pn"
    folder.mkdir()
    (folder / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    _, out, _ = run_cli(["analyze", "-f", "json", "--stages", CHEAP, str(folder)], capsys,
                        monkeypatch)
    assert json.loads(out)["metadata"]["site"] is None  # never the folder's name
    _, out, _ = run_cli(["analyze", "-f", "json", "--stages", CHEAP, "--site", "Kyiv Daily",
                         str(folder)], capsys, monkeypatch)
    assert json.loads(out)["metadata"]["site"] == "Kyiv Daily"


def test_hostile_cli_corpus_outlets_never_a_folder(tmp_path: Path, capsys,
                                                   monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # piped: as wide as the content
    pn, rd = tmp_path / "pn", tmp_path / "rd"
    pn.mkdir()
    rd.mkdir()
    (pn / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (rd / "b.txt").write_text(ARTICLE.replace("Third", "Fourth"), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    run_cli(["corpus", "add", "--db", db, "-q", "--workers", "1", "--stages", CHEAP, str(pn)],
            capsys, monkeypatch)
    code, _, err = run_cli(["corpus", "add", "--db", db, "-q", "--workers", "1", "--stages",
                            CHEAP, "--site", "Rail Daily", str(rd)], capsys, monkeypatch)
    assert code == 0, err
    with open_corpus(db, create=False) as corpus:
        outlets = corpus.execute("SELECT source_path, outlet FROM articles ORDER BY 1").rows
    assert [o for _, o in outlets] == [None, "Rail Daily"]
    _, out, _ = run_cli(["corpus", "profile", "--db", db], capsys, monkeypatch)
    assert "(unknown)" in out and "Rail Daily" in out and " pn " not in out


# --- Corpus tables when piped ------------------------------------------------------------

OCTOBER = {"period": "in October", "resolved_start": "2024-10-01",
           "resolved_end": "2024-10-31"}
TECHNIQUES = ["Loaded_Language"] * 3 + ["Name_Calling,Labeling", "Appeal_to_fear-prejudice",
                                        "Exaggeration,Minimisation"]


@pytest.fixture(scope="module")
def piped_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two outlets (one with a hostile name) with many techniques and long entity names,
    and desertion counts for the ledger."""
    made = [
        analysis("a.txt", [Said("Officials recorded 21,602 desertions in October.",
                                numbers=[{"text": "21,602", "unit": "desertions",
                                          "value": 21602, "low": 21602, "high": 21602,
                                          **OCTOBER}])],
                 site="Kyiv Daily", date="2024-11-20", techniques=TECHNIQUES * 2,
                 entities=[("Officials", "ORG")]),
        analysis("b.txt", [Said("Some 19,000 soldiers deserted in October.",
                                numbers=[{"text": "Some 19,000", "unit": "soldiers",
                                          "value": 19000, "bound": "approximate", **OCTOBER}])],
                 site=f"Front{ESC}[2J News [link=x]", date="2024-11-21",
                 techniques=TECHNIQUES),
    ]
    path = tmp_path_factory.mktemp("piped") / "piped.duckdb"
    with open_corpus(path) as corpus:
        store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
    return str(path)


def test_hostile_cli_profile_table_is_not_squeezed_when_piped(piped_db: str, capsys,
                                                              monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run_cli(["corpus", "profile", "--db", piped_db], capsys, monkeypatch)
    assert code == 0
    assert "…" not in out, out
    assert "Loaded_Language" in out
    assert max(len(line) for line in out.splitlines()) > 80
    assert controls(out) == [] and "Front␛[2J News [link=x]" in out


def test_hostile_cli_ledger_keeps_its_headers_when_piped(piped_db: str, capsys,
                                                         monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run_cli(["corpus", "ledger", "--about", "desertions", "--db", piped_db],
                           capsys, monkeypatch)
    assert code == 0
    header = next((line for line in out.splitlines() if "outlet" in line and "value" in line
                   and "claim" in line), None)
    assert header is not None, out
    assert "…" not in out and controls(out) == []
