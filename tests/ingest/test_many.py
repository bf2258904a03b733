"""Files that hold many articles (JSON Lines, RSS, Atom, WARC), found in folders and
globs and read one ``Outcome`` per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin.config import Options
from unspin.document import Article, Metadata, Outcome, Source
from unspin.errors import InputError, InputNotFound, NoArticleFound
from unspin.ingest import feeds, inputs

from ..conftest import EXAMPLES


def _read(path: Path | str, options: Options, **kwargs: bool) -> list[Outcome]:
    return list(inputs.read_inputs(str(path), options, **kwargs))


def test_many_expand_folder_finds_every_kind() -> None:
    names = [Path(p).name for p in inputs.expand_inputs([str(EXAMPLES)])]
    assert names == sorted(names)
    assert {"metro-daily.rss", "harbour-notes.atom", "wires.jsonl",
            "town-council-budget.txt", "valley-gazette-rail-cuts.html"} <= set(names)


def test_many_expand_glob_and_missing(tmp_path: Path) -> None:
    assert [Path(p).name for p in inputs.expand_inputs([str(EXAMPLES / "*.jsonl")])] == ["wires.jsonl"]
    with pytest.raises(InputNotFound):
        inputs.expand_inputs([str(tmp_path / "nothing-*.jsonl")])
    with pytest.raises(InputNotFound):
        inputs.expand_inputs([str(tmp_path / "missing.txt")])


@pytest.mark.parametrize("name,kind", [
    ("a.jsonl", "jsonl"), ("a.NDJSON", "jsonl"), ("f.rss", "feed"), ("f.atom", "feed"),
    ("f.xml", "feed"), ("c.warc", "warc"), ("c.warc.gz", "warc"), ("a.html", "single"),
    ("a.txt", "single")])
def test_many_kind_by_name(tmp_path: Path, name: str, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    assert inputs.kind_of(str(path)) == kind


def test_many_jsonl_text_and_html_with_given_metadata(cheap: Options) -> None:
    items = _read(EXAMPLES / "wires.jsonl", cheap)
    assert [i.error for i in items] == [None, None]
    text, html = (i.article for i in items)
    assert text is not None and html is not None
    assert text.format == "text" and text.text.startswith("Wind farm approved")
    assert text.metadata.site == "North Coast Post" and text.metadata.date == "2024-05-10"
    assert text.source == Source(path=f"{EXAMPLES / 'wires.jsonl'}#1",
                                 url="https://northcoastpost.example/2024/05/10/wind-farm-approved")
    assert html.format == "html" and "<p>" not in html.text
    assert html.metadata.title == "Bakery chain to open 12 new shops"
    assert html.metadata.site == "Region Business"
    assert inputs.count(str(EXAMPLES / "wires.jsonl")) == 2


def test_many_jsonl_bad_lines_fail_alone(tmp_path: Path, cheap: Options) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "A short but real article about the harbour wall."})
    path.write_text("\n".join([good, "{not json", json.dumps([1, 2]),
                               json.dumps({"title": "no body"}), "", json.dumps({"text": " "}),
                               good]) + "\n", encoding="utf-8")
    items = _read(path, cheap)
    assert [i.input.rsplit("#", 1)[1] for i in items] == ["1", "2", "3", "4", "6", "7"]
    assert [i.error is None for i in items] == [True, False, False, False, False, True]
    assert "not valid JSON" in str(items[1].error)
    assert "`text` or `html`" in str(items[3].error)
    assert isinstance(items[2].error, InputError)
    assert inputs.count(str(path)) == 6


def test_many_rss_entries_with_feed_metadata(cheap: Options) -> None:
    items = _read(EXAMPLES / "metro-daily.rss", cheap)
    assert [i.error for i in items] == [None, None]
    article = items[0].article
    assert article is not None
    assert items[0].input == "https://metrodaily.example/2024/03/06/night-trains-end"
    assert article.metadata == Metadata(
        title="Night trains to end on three valley lines", author="Priya Raman",
        date="2024-03-06", site="Metro Daily",
        url="https://metrodaily.example/2024/03/06/night-trains-end")
    assert article.text.startswith("Night trains on three of the valley's busiest lines")
    assert "<p>" not in article.text and "\n\n" in article.text


def test_many_atom_content_and_summary(cheap: Options) -> None:
    items = _read(EXAMPLES / "harbour-notes.atom", cheap)
    ferry, market = (i.article for i in items)
    assert ferry is not None and market is not None
    assert ferry.metadata.site == "Harbour Notes" and ferry.metadata.author == "Leila Haddad"
    assert ferry.metadata.date == "2024-04-01"
    assert "battery-electric vessels" in ferry.text
    assert market.text.startswith("The harbour fish market reopened")  # from <summary>


def test_many_feed_links_fetched_only_with_fetch(cheap: Options,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def fake_fetch(url: str, options: Options) -> Article:
        fetched.append(url)
        return Article(Source(url=url), "The whole page, as fetched. " * 10,
                       Metadata(url=url, title="Page title"))

    monkeypatch.setattr(feeds, "fetch", fake_fetch)
    _read(EXAMPLES / "metro-daily.rss", cheap)
    assert fetched == []
    items = _read(EXAMPLES / "metro-daily.rss", cheap, fetch_links=True)
    assert fetched == ["https://metrodaily.example/2024/03/06/night-trains-end",
                       "https://metrodaily.example/2024/03/07/red-panda-twins"]
    article = items[0].article
    assert article is not None and article.text.startswith("The whole page")
    assert article.metadata.title == "Night trains to end on three valley lines"  # the feed's


def test_many_feed_entry_without_content_says_fetch(tmp_path: Path, cheap: Options) -> None:
    path = tmp_path / "bare.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Bare</title>'
                    "<item><title>Only a link</title><link>https://bare.example/a</link></item>"
                    "</channel></rss>", encoding="utf-8")
    (item,) = _read(path, cheap)
    assert isinstance(item.error, NoArticleFound) and "--fetch" in str(item.error)


def test_many_not_a_feed(tmp_path: Path, cheap: Options) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("this is not xml at all", encoding="utf-8")
    (item,) = _read(path, cheap)
    assert isinstance(item.error, InputError) and "not an RSS or Atom feed" in str(item.error)


def test_many_warc_html_responses_only(warc_file: Path, cheap: Options) -> None:
    items = _read(warc_file, cheap)
    assert [i.input for i in items] == ["https://www.valleygazette.example/news/night-trains-cut",
                                        "https://coastalherald.example/region/night-trains"]
    valley = items[0].article
    assert valley is not None and valley.format == "html"
    assert valley.source == Source(path=f"{warc_file}#2", url=items[0].input)
    assert valley.metadata.url == items[0].input
    assert valley.metadata.date == "2024-03-04"  # the page's own date wins over WARC-Date
    assert inputs.count(str(warc_file)) == 2


def test_many_warc_date_when_the_page_has_none(tmp_path: Path, cheap: Options) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><body><article>" + "".join(
        f"<p>The council met for the {n} time this year and agreed on nothing at all, "
        "again, said residents who had waited outside.</p>"
        for n in ("first", "second", "third", "fourth")) + "</article></body></html>").encode()
    path = tmp_path / "plain.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(
            "https://undated.example/a", "response", payload=io.BytesIO(page),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2023-11-30T23:59:00Z"}))
    (item,) = _read(path, cheap)
    assert item.article is not None and item.article.metadata.date == "2023-11-30"


def test_many_damaged_warc_is_one_error(tmp_path: Path, cheap: Options) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a WARC file\r\n" * 20)
    items = _read(path, cheap)
    assert len(items) == 1 and items[0].article is None
    assert "not a WARC file" in str(items[0].error)


def test_many_warc_damaged_after_good_records(tmp_path: Path, warc_file: Path,
                                                cheap: Options) -> None:
    path = tmp_path / "tail.warc.gz"
    path.write_bytes(warc_file.read_bytes() + b"garbage, not a record\r\n" * 3)
    items = _read(path, cheap)
    assert [i.article is not None for i in items] == [True, True, False]
    assert "not a readable WARC file" in str(items[2].error)
    assert inputs.count(str(path)) == 3
