"""The audit set of benchmarks/numbers_audit.py: even positions only, labelled texts out."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest


def _audit() -> ModuleType:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        import numbers_audit
    finally:
        sys.path.pop(0)
    return numbers_audit


def _corpus(root: Path, folder: Path, names: list[str]) -> None:
    (root / folder).mkdir(parents=True)
    for name in names:
        (root / folder / name).write_text("Ten ships docked.", encoding="utf-8")


def test_the_audit_set_is_the_even_positions_less_the_labelled_texts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audit = _audit()
    data, labels = tmp_path / "data", tmp_path / "labels"
    _corpus(data, audit.POLNEAR_TRAIN, ["e.txt", "a.txt", "d.txt", "b.txt", "c.txt"])
    _corpus(data, audit.PTC_TRAIN, ["article2.txt", "article1.txt", "article3.txt"])
    (labels / "part").mkdir(parents=True)
    (labels / "part" / "x.jsonl").write_text('{"file": "train/text/c.txt"}\n', encoding="utf-8")
    (labels / "held_out.txt").write_text("ptc:article3.txt\n", encoding="utf-8")
    monkeypatch.setattr(audit, "LABELS", labels)
    chosen = [(t.corpus, t.path.name) for t in audit.audit_set(data)]
    assert chosen == [("polnear", "a.txt"), ("polnear", "e.txt"), ("ptc", "article1.txt")]


def test_a_polnear_name_gives_the_publication_date() -> None:
    text = _audit().Text("polnear", Path("nyt_2016-03-03_a-carbon-tax.txt"))
    assert str(text.published) == "2016-03-03"
