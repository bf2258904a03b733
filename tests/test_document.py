from __future__ import annotations

from unspin.document import Analysis, Article, Removed, Source


def _analysis(text: str, removed: list[Removed]) -> Analysis:
    return Analysis.from_article(Article(source=Source(path="a.txt"), text=text, removed=removed))


def test_document_kept_text_blanks_removed_spans_and_keeps_length() -> None:
    text = "One. AD AD\nAD. Two."
    analysis = _analysis(text, [Removed(5, 14, text[5:14], "ad", "test")])
    kept = analysis.kept_text()
    assert len(kept) == len(text)
    assert kept == "One.      \n    Two."


def test_document_to_dict_is_versioned_and_counts_findings() -> None:
    text = "\ufeffHello world"
    data = _analysis(text, [Removed(7, 12, "world", "ad", "test")]).to_dict()
    assert data["schema_version"] == "1.1"
    assert data["source"] == {"path": "a.txt"}
    assert data["counts"]["characters"] == 12
    assert data["counts"]["removed_characters"] == 5
    assert data["counts"]["removed"] == 1
    assert data["removed"][0]["text"] == data["text"][7:12]
