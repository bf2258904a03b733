"""Readers' corrections: stored with who and when, and exported as the training commands'
own formats (a PTC folder, a ClaimBuster-style JSON file), loadable by their loaders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.corpus import open_corpus
from unspin.corpus.corrections import universal_newlines
from unspin.document import Analysis, Claim, Metadata, Source, SourceRef, TechniqueSpan
from unspin.errors import ConfigError, CorpusError, NotInCorpus
from unspin.training.checkworthy import load_claimbuster
from unspin.training.techniques import load_articles

from ..clirun import run_cli

TEXT = "Rail cuts\r\nThe brutal plan will ruin the valley.\r\nOfficials said 40 trains go.\n"


def _analysis() -> Analysis:
    a = Analysis(source=Source(path="x.txt"), text=TEXT, metadata=Metadata())

    def at(words: str) -> tuple[int, int, str]:
        start = TEXT.index(words)
        return start, start + len(words), words

    a.techniques = [TechniqueSpan(*at("brutal"), "Loaded_Language", 0.9),
                    TechniqueSpan(*at("ruin"), "Loaded_Language", 0.6)]
    sentence = at("Officials said 40 trains go.")
    a.claims = [Claim(*sentence, 0.7, SourceRef(*at("Officials"), "named_organization"))]
    return a


@pytest.fixture
def corpus(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_corpus(tmp_path / "c.duckdb") as opened:
        opened.article_id = opened.add_analysis(_analysis())  # type: ignore[attr-defined]
        yield opened


def test_corrections_are_stored_with_who_and_when(corpus) -> None:  # type: ignore[no-untyped-def]
    made = corpus.correct(corpus.article_id, layer="techniques", verdict="wrong", ord=1,
                          author="  Ana   Ruiz ", reason=" too strong a reading ")
    assert (made.text, made.label, made.author, made.reason) == (
        "ruin", "Loaded_Language", "Ana Ruiz", "too strong a reading")
    assert made.created_at.year >= 2024 and made.id == 1
    found, total = corpus.corrections(corpus.article_id)
    assert total == 1 and found == [made]
    assert corpus.withdraw(made.id) == made and corpus.corrections()[1] == 0
    with pytest.raises(NotInCorpus):
        corpus.withdraw(made.id)


@pytest.mark.parametrize("fields,error", [
    ({"layer": "claims", "verdict": "wrong", "ord": 3}, NotInCorpus),
    ({"layer": "claims", "verdict": "wrong"}, NotInCorpus),
    ({"layer": "numbers", "verdict": "wrong", "ord": 0}, ConfigError),
    ({"layer": "claims", "verdict": "maybe", "ord": 0}, ConfigError),
    ({"layer": "claims", "verdict": "missed", "start": 9, "end": 3}, ConfigError),
    ({"layer": "techniques", "verdict": "missed", "start": 0, "end": 4}, ConfigError),
    ({"layer": "techniques", "verdict": "missed", "start": 0, "end": 4, "label": "Lies"},
     ConfigError),
])
def test_corrections_refuse_what_they_cannot_store(corpus, fields: dict[str, object],  # type: ignore[no-untyped-def]
                                                   error: type[Exception]) -> None:
    with pytest.raises(error):
        corpus.correct(corpus.article_id, author="x", **fields)
    with pytest.raises(ConfigError, match="author"):
        corpus.correct(corpus.article_id, layer="claims", verdict="wrong", ord=0, author=" ")
    with pytest.raises(NotInCorpus):
        corpus.correct("f" * 64, layer="claims", verdict="wrong", ord=0, author="x")


def test_corrections_export_as_a_ptc_folder_the_trainer_loads(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus.correct(corpus.article_id, layer="techniques", verdict="wrong", ord=1, author="x")
    start = TEXT.index("will ruin the valley")
    corpus.correct(corpus.article_id, layer="techniques", verdict="missed", start=start,
                   end=start + len("will ruin the valley"),
                   label="Exaggeration,Minimisation", author="x")
    assert corpus.export("corrections", "ptc", tmp_path / "ptc") == 2
    (article,) = load_articles(tmp_path / "ptc")
    assert article.id == corpus.article_id
    # Offsets still point at the words though the file's \r\n became \n on reading.
    assert sorted((article.text[s:e], t) for s, e, t in article.spans) == [
        ("brutal", "Loaded_Language"), ("will ruin the valley", "Exaggeration,Minimisation")]
    assert sorted(article.text[s:e] for s, e, _ in article.si) == ["brutal",
                                                                   "will ruin the valley"]


def test_corrections_export_claims_as_claimbuster_json(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus.correct(corpus.article_id, layer="claims", verdict="wrong", ord=0, author="x")
    start = TEXT.index("The brutal")
    corpus.correct(corpus.article_id, layer="claims", verdict="missed", start=start,
                   end=TEXT.index("valley.") + 7, author="x")
    out = tmp_path / "claims.json"
    assert corpus.export("corrections", "claimbuster", out) == 2
    loaded = load_claimbuster(out)
    assert [(e.text, e.label) for e in loaded] == [
        ("Officials said 40 trains go.", 0), ("The brutal plan will ruin the valley.", 1)]


def test_corrections_export_formats_hold_corrections_only(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CorpusError, match="corrections only"):
        corpus.export("claims", "ptc", tmp_path / "x")
    corpus.correct(corpus.article_id, layer="claims", verdict="wrong", ord=0, author="x")
    assert corpus.export("corrections", "jsonl", tmp_path / "c.jsonl") == 1
    row = json.loads((tmp_path / "c.jsonl").read_text())
    assert row["verdict"] == "wrong" and row["author"] == "x" and row["created_at"]


def test_corrections_cli_export(corpus, tmp_path: Path,  # type: ignore[no-untyped-def]
                                capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus.correct(corpus.article_id, layer="claims", verdict="wrong", ord=0, author="x")
    path = corpus.path
    corpus.close()
    code, out, err = run_cli(["corpus", "export", "--table", "corrections", "--format",
                              "claimbuster", "--out", str(tmp_path / "cb.json"), "--db",
                              str(path)], capsys, monkeypatch)
    assert code == 0, err
    assert "wrote 1 examples of corrections" in out
    assert load_claimbuster(tmp_path / "cb.json")[0].label == 0


def test_corrections_universal_newlines_maps_every_offset() -> None:
    text, at = universal_newlines("a\r\nb\rc\n")
    assert text == "a\nb\nc\n" and at == [0, 1, 1, 2, 3, 4, 5, 6]
