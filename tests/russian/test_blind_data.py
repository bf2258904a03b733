"""The blind Russian attribution set (tests/data/ru/blind): well formed, offsets matching
the texts, every source span's words as stated."""

from __future__ import annotations

from pathlib import Path

from unspin.evaluation.russian import load_quotes, quote_problems

BLIND = Path(__file__).resolve().parents[1] / "data" / "ru" / "blind" / "quotes-ru-blind.jsonl"


def test_blind_set_loads_without_problems() -> None:
    articles = load_quotes(BLIND)
    assert [a.gold.name for a in articles] == ["b1-ru", "b2-ru", "b3-ru"]
    assert sum(len(a.gold.relations) for a in articles) == 24
    assert all(a.language == "ru" for a in articles)
    assert [p for a in articles for p in quote_problems(a)] == []
    for a in articles:
        for r in a.gold.relations:
            assert " … ".join(a.gold.text[s:e] for s, e in r.source) == r.source_text
