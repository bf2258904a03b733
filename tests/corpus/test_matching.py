"""Claim vectors, matching on ingest, nearest claims, and the cells of a large corpus."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.corpus import Corpus, matching, open_corpus, vectors
from unspin.corpus.add import store_analyses
from unspin.corpus.matching import THRESHOLD, nearest
from unspin.corpus.rows import content_id
from unspin.corpus.vectors import DIM, dequantize, quantize
from unspin.document import Analysis

from .handmade import Said, analysis, unit

RAIL = unit((0, 1.0), (1, 0.2))
RAIL_AGAIN = unit((0, 1.0), (1, 0.25))  # similarity 0.999 with RAIL
BUDGET = unit((2, 1.0))
HALF = unit((0, 0.45), (3, 1.0))  # similarity ~0.41 with RAIL: below the threshold


class FakeEncoder:
    """Maps known texts to chosen vectors, as the MiniLM encoder would embed them."""

    def __init__(self, known: dict[str, np.ndarray]) -> None:
        self.known = known
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.seen.extend(texts)
        return np.stack([self.known.get(t, unit((DIM - 1, 1.0))) for t in texts])


def store(corpus: Corpus, *made: Analysis) -> None:
    store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)


def test_matching_quantised_vectors_keep_similarities() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((50, DIM)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    back = dequantize(np.frombuffer(b"".join(quantize(x)), np.int8).reshape(50, DIM))
    assert all(len(b) == DIM for b in quantize(x))
    assert np.abs(back @ back.T - x @ x.T).max() < 0.01
    assert np.allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-5)


@pytest.fixture
def rail(tmp_path: Path) -> Corpus:
    corpus = open_corpus(tmp_path / "rail.duckdb")
    store(corpus,
          analysis("valley.txt", [Said("ValleyRail says night trains end.", "named_organization",
                                       "ValleyRail", "ValleyRail", vector=RAIL),
                                  Said("The budget is short.", vector=BUDGET)],
                   site="Valley Gazette", date="2024-03-04"),
          analysis("coastal.txt", [Said("Officials say night trains stop in June.", "vague",
                                        words="Officials", vector=RAIL_AGAIN),
                                   Said("Trains are loved by many.", vector=HALF),
                                   Said("Night trains stop in June, it is said.",
                                        vector=RAIL_AGAIN)],
                   site="Coastal Herald", date="2024-03-05"))
    yield corpus
    corpus.close()


def test_matching_pairs_new_claims_with_earlier_ones_of_other_articles(rail: Corpus) -> None:
    done = rail.match()
    assert (done.claims, done.cells) == (5, 0)  # small: compared with every claim
    pairs = rail.execute(
        "SELECT a.ord, b.ord, m.similarity FROM claim_matches m "
        "JOIN claim_vectors a ON a.key = m.claim_key "
        "JOIN claim_vectors b ON b.key = m.match_key ORDER BY a.ord").rows
    # coastal's claims 0 and 2 match valley's claim 0; not each other (same article), and
    # coastal's claim 1 (similarity 0.41) matches nothing.
    assert [(a, b) for a, b, _ in pairs] == [(0, 0), (2, 0)] and done.pairs == 2
    assert all(THRESHOLD <= s <= 1.0 for _, _, s in pairs)
    assert rail.match().claims == 0  # nothing new


def test_matching_later_articles_match_all_earlier_ones(rail: Corpus) -> None:
    rail.match()
    store(rail, analysis("metro.txt", [Said("Night trains are ending in June.",
                                            vector=RAIL)], site="Metro Daily"))
    assert rail.match().pairs == 3  # valley 0, coastal 0 and coastal 2
    article, found = rail.claim_matches("metro.txt")
    assert article["source"] == "metro.txt"
    (claim,) = found
    assert claim.text == "Night trains are ending in June."
    assert claim.matches[0].outlet == "Valley Gazette"  # identical vector first
    assert {h.outlet for h in claim.matches} == {"Valley Gazette", "Coastal Herald"}
    valley = next(h for h in claim.matches if h.outlet == "Valley Gazette")
    assert (valley.source_kind, valley.source_name, valley.matches) == (
        "named_organization", "ValleyRail", 3)


def test_matching_claims_like_a_text(rail: Corpus) -> None:
    encoder = FakeEncoder({"night trains cut": RAIL})
    hits = rail.claims_like("night trains cut", top=2, encoder=encoder)
    assert hits[0].similarity == pytest.approx(1.0, abs=0.01)
    assert [h.outlet for h in hits] == ["Valley Gazette", "Coastal Herald"]
    assert hits[0].to_dict()["source"] == {"kind": "named_organization",
                                           "name": "ValleyRail", "words": "ValleyRail"}
    assert hits[1].source_words == "Officials" and hits[1].date == "2024-03-05"
    assert rail.claims_like("night trains cut", min_similarity=0.999, encoder=encoder)[0] \
        .article_id == hits[0].article_id
    assert len(rail.claims_like("night trains cut", top=10, encoder=encoder)) == 5


def test_matching_claims_like_on_an_empty_corpus(tmp_path: Path) -> None:
    with open_corpus(tmp_path / "empty.duckdb") as corpus:
        assert corpus.claims_like("anything", encoder=FakeEncoder({})) == []


def test_matching_embeds_claims_stored_without_vectors(tmp_path: Path) -> None:
    made = analysis("old.txt", [Said("Night trains end in June."), Said("Budget cut.")])
    made.claim_vectors = None  # as an analysis read back from JSON
    with open_corpus(tmp_path / "old.duckdb") as corpus:
        store(corpus, made)
        assert corpus.execute("SELECT count(*) FROM claim_vectors").scalar() == 0
        encoder = FakeEncoder({"Night trains end in June.": RAIL})
        done = corpus.match(embed=True, encoder=encoder)
        assert done.embedded == 2 and sorted(encoder.seen) == ["Budget cut.",
                                                               "Night trains end in June."]
        assert corpus.execute("SELECT count(*) FROM claim_vectors").scalar() == 2
        assert corpus.match(embed=True, encoder=encoder).embedded == 0  # never twice


def test_matching_large_corpus_files_claims_under_cells(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MIN_CELLS_AT claims the match step learns cells, searches only the nearest,
    and still finds the planted repeats; cells are made again as the corpus grows."""
    monkeypatch.setattr(matching, "MIN_CELLS_AT", 200)
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((8, DIM)).astype(np.float32)

    def near(centre: int) -> np.ndarray:
        v = centres[centre] + 0.8 * rng.standard_normal(DIM).astype(np.float32)
        return v / np.linalg.norm(v)

    articles = [analysis(f"a{i}.txt", [Said(f"Claim {i}.{j}.", vector=near((i + j) % 8))
                                       for j in range(4)]) for i in range(60)]
    planted = articles[0].claim_vectors[1]
    articles.append(analysis("repeat.txt", [Said("The same claim, again.",
                                                 vector=planted)]))
    with open_corpus(tmp_path / "big.duckdb") as corpus:
        store(corpus, *articles)
        done = corpus.match()
        assert done.cells == vectors.cells_for(241) and done.claims == 241
        assert corpus.execute("SELECT count(*) FROM claim_vectors WHERE cell IS NULL"
                              ).scalar() == 0
        found = corpus.execute(
            "SELECT b.article_id FROM claim_matches m JOIN claim_vectors a "
            "ON a.key = m.claim_key JOIN claim_vectors b ON b.key = m.match_key "
            "WHERE a.article_id = ? ORDER BY m.similarity DESC",
            [content_id(articles[-1].text)]).rows
        assert found[0][0] == content_id(articles[0].text)
        near_cells = nearest(corpus.store, planted, top=3)
        assert [h.key for h in near_cells] == [h.key for h in nearest(corpus.store, planted,
                                                                      top=3, exact=True)]
        made_at = corpus.execute("SELECT value FROM settings "
                                 "WHERE key = 'match.cells_made_at'").scalar()
        assert made_at == "241"
        store(corpus, *[analysis(f"b{i}.txt", [Said(f"More {i}.{j}.", vector=near(j))
                                               for j in range(4)]) for i in range(200)])
        assert corpus.match().cells == vectors.cells_for(1041)  # grew four times: made again
