"""Copies: MinHash groups, the likely origin, and incremental updates across runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from unspin.config import Options
from unspin.corpus import Corpus, open_corpus
from unspin.corpus.copies import (
    MIN_SHINGLES,
    Member,
    Signature,
    likely_origin,
    shingle_hashes,
    similarity,
)
from unspin.errors import NotInCorpus

from .conftest import COASTAL, EXAMPLES, VALLEY

RSS_COPY = "https://metrodaily.example/2024/03/06/night-trains-end"


def test_syndication_shingles_are_distinct_word_runs() -> None:
    six = shingle_hashes("One two three four five six")
    assert len(six) == 2 and six.dtype == np.uint64 and int(six.max()) < 2**32
    # Case and punctuation do not matter; order and repeats of a run do.
    assert set(six) == set(shingle_hashes("one, TWO three four five six!"))
    assert set(six) != set(shingle_hashes("six five four three two one"))
    assert len(shingle_hashes("a b c d e " * 3)) == 5
    assert len(shingle_hashes("Too short")) == 1
    assert len(shingle_hashes("  ")) == 0
    assert len(shingle_hashes("caf\udce9 au lait et croissants encore")) == 2


def test_syndication_similarity_tracks_overlap() -> None:
    story = " ".join(f"w{i}" for i in range(400))
    edited = story.replace("w200", "changed")
    assert similarity(Signature.of(story), Signature.of(story)) == 1.0
    assert 0.8 < similarity(Signature.of(story), Signature.of(edited)) < 1.0
    assert similarity(Signature.of(story), Signature.of("unrelated " * 50 + "text")) < 0.1
    assert not Signature.of("a b c").groupable
    assert Signature.of(story).groupable and MIN_SHINGLES > 1


def test_syndication_examples_group_the_three_copies(examples_corpus: Corpus) -> None:
    found = examples_corpus.copies(str(VALLEY))
    assert len(found.members) == 3
    sources = {c.source: c for c in found.members}
    assert set(sources) == {str(VALLEY), str(COASTAL), RSS_COPY}
    assert sources[str(VALLEY)].is_origin and found.origin_reason == "named"
    assert found.origin_name == "Valley Gazette"
    assert sources[str(COASTAL)].similarity > 0.95  # the same text, less the credit line
    assert 0.5 <= sources[RSS_COPY].similarity < 0.9  # the feed cut two paragraphs
    assert examples_corpus.execute("SELECT count(*) FROM copy_groups").scalar() == 1


def test_syndication_copies_by_id_prefix_and_url(examples_corpus: Corpus) -> None:
    article_id = examples_corpus.execute(
        "SELECT id FROM articles WHERE source = ?", [RSS_COPY]).scalar()
    by_prefix = examples_corpus.copies(article_id[:8])
    by_url = examples_corpus.copies(RSS_COPY)
    assert by_prefix.article["id"] == by_url.article["id"] == article_id
    assert by_prefix.members[0].id == article_id and by_prefix.members[0].similarity == 1.0


def test_syndication_unrelated_article_has_no_copies(examples_corpus: Corpus) -> None:
    found = examples_corpus.copies(str(EXAMPLES / "town-council-budget.txt"))
    assert found.members == [] and found.group_id is None


@pytest.mark.parametrize("ref,message", [("ffffffffff", "no stored article"),
                                         ("abc", "6\\+ characters"),
                                         ("/no/such/file.html", "no stored article")])
def test_syndication_unknown_article(examples_corpus: Corpus, ref: str, message: str) -> None:
    with pytest.raises(NotInCorpus, match=message):
        examples_corpus.copies(ref)


def test_syndication_groups_grow_across_runs(tmp_path: Path, cheap: Options) -> None:
    with open_corpus(tmp_path / "grow.duckdb") as corpus:
        corpus.add([str(COASTAL), str(EXAMPLES / "town-council-budget.txt")], options=cheap)
        assert corpus.copies(str(COASTAL)).members == []
        corpus.add([str(VALLEY)], options=cheap)
        assert len(corpus.copies(str(COASTAL)).members) == 2
        corpus.add([str(EXAMPLES / "metro-daily.rss")], options=cheap)
        found = corpus.copies(str(COASTAL))
        origin = [c.source for c in found.members if c.is_origin]
        rows = corpus.execute("SELECT count(*), count(DISTINCT group_id) FROM copies").rows
    assert len(found.members) == 3 and origin == [str(VALLEY)]
    assert rows == [(3, 1)]


def test_syndication_bridging_article_merges_groups(tmp_path: Path, cheap: Options) -> None:
    words = [f"w{i}" for i in range(600)]
    # first and second share a third of their shingles; the bridge shares 0.6 with each.
    first, second, bridge = (" ".join(words[a:b]) for a, b in ((0, 400), (200, 600),
                                                                 (100, 500)))
    for name, text in (("first.txt", first), ("second.txt", second), ("bridge.txt", bridge)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    with open_corpus(tmp_path / "merge.duckdb") as corpus:
        corpus.add([str(tmp_path / "first.txt"), str(tmp_path / "second.txt")], options=cheap)
        assert corpus.execute("SELECT count(*) FROM copies").scalar() == 0
        corpus.add([str(tmp_path / "bridge.txt")], options=cheap)
        rows = corpus.execute("SELECT count(*), count(DISTINCT group_id) FROM copies").rows
        groups = corpus.execute("SELECT members FROM copy_groups").rows
    assert rows == [(3, 1)] and groups == [(3,)]


def _member(name: str, *, site: str | None = None, date: str | None = None,
            origin: str | None = None, url: str | None = None, order: int = 0) -> Member:
    return Member(name, site, url, date, origin, (dt.datetime(2024, 1, 1, 0, order), name),
                  Signature(0, b""))


def test_syndication_origin_rules() -> None:
    named = likely_origin([
        _member("copy", site="Coastal Herald", origin="Valley Gazette", date="2024-03-01"),
        _member("orig", site="Elsewhere", url="https://www.valleygazette.example/a",
                date="2024-03-05", order=1)])
    assert (named.article_id, named.name, named.reason) == ("orig", "Valley Gazette", "named")
    absent = likely_origin([_member("a", origin="The Wire Service", date="2024-01-02"),
                            _member("b", origin="The Wire Service", order=1)])
    assert (absent.article_id, absent.name, absent.reason) == (None, "The Wire Service", "named")
    dated = likely_origin([_member("late", site="B", date="2024-03-05T09:00:00"),
                           _member("early", site="A", date="2024-03-04", order=1),
                           _member("undated", site="C", order=2)])
    assert (dated.article_id, dated.name, dated.reason) == ("early", "A", "earliest date")
    tie = likely_origin([_member("x", date="2024-03-04T10:00"),
                         _member("y", date="2024-03-04T08:00", order=1)])
    assert (tie.article_id, tie.reason) == ("x", "first stored")
    none = likely_origin([_member("first"), _member("second", order=1)])
    assert (none.article_id, none.reason) == ("first", "first stored")


def test_syndication_large_group_indexes_only_its_first_members(tmp_path: Path) -> None:
    from unspin.corpus.add import store_analyses
    from unspin.corpus.copies import BANDS, REPRESENTATIVES
    from unspin.corpus.rows import content_id
    from unspin.document import Analysis, Metadata, Source

    story = " ".join(f"w{i}" for i in range(300))

    def copy(n: int) -> tuple[str, Analysis]:
        text = f"{story} copy {n}"
        return content_id(text), Analysis(Source(path=f"{n}.txt"), text, Metadata())

    with open_corpus(tmp_path / "big.duckdb") as corpus:
        store_analyses(corpus.store, [copy(n) for n in range(40)], None)
        store_analyses(corpus.store, [copy(40)], None)
        indexed = corpus.execute("SELECT count(*) FROM minhashes WHERE indexed").scalar()
        bands = corpus.execute("SELECT count(*) FROM lsh_bands").scalar()
        groups = corpus.execute("SELECT members FROM copy_groups").rows
    assert groups == [(41,)]
    assert indexed == REPRESENTATIVES and bands == REPRESENTATIVES * BANDS
