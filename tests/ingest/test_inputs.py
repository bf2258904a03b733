"""Input specs: files, folders, globs, URLs and stdin expanded and dispatched."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import unspin.ingest
from unspin.config import Options
from unspin.errors import InputNotFound, UnspinError
from unspin.ingest import expand_inputs, read_input

TEXT = "Headline\n\nMore than 4,000 vessels left port, officials said.\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of inputs and things that are not inputs; the test runs inside it."""
    files = ["b.txt", "a.md", "page.HTML", "sub/c.htm", "sub/deeper/d.text", "notes.pdf",
             "data.json", ".hidden/e.txt", ".f.txt", "sub/g.xhtml"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_inputs_exported_names() -> None:
    assert sorted(unspin.ingest.__all__) == [
        "article_from_bytes", "article_from_html", "collect", "count", "expand_each",
        "expand_inputs", "fetch", "kind_of", "read_input", "read_inputs"]


def test_inputs_directory_expanded_recursively_sorted(tree: Path) -> None:
    assert expand_inputs(["."]) == [
        "a.md", "b.txt", "page.HTML", "sub/c.htm", "sub/deeper/d.text", "sub/g.xhtml"]


def test_inputs_directory_given_with_its_name(tree: Path) -> None:
    assert expand_inputs(["sub"]) == ["sub/c.htm", "sub/deeper/d.text", "sub/g.xhtml"]


@pytest.mark.parametrize("pattern, expected", [
    ("*.txt", ["b.txt"]),
    ("**/*.htm", ["sub/c.htm"]),
    ("su?", ["sub/c.htm", "sub/deeper/d.text", "sub/g.xhtml"]),
    ("[ab].*", ["a.md", "b.txt"]),
    ("*.json", ["data.json"]),  # a file named by a pattern is read whatever its suffix
])
def test_inputs_glob(tree: Path, pattern: str, expected: list[str]) -> None:
    assert expand_inputs([pattern]) == expected


@pytest.mark.parametrize("spec", ["https://news.example/a", "http://x.example/", "-",
                                  "ftp://x.example/f"])
def test_inputs_urls_and_stdin_passed_through(tree: Path, spec: str) -> None:
    assert expand_inputs([spec, "b.txt"]) == [spec, "b.txt"]


def test_inputs_order_and_duplicates_kept(tree: Path) -> None:
    assert expand_inputs(["b.txt", "sub", "a.md", "*.txt", "sub/c.htm"]) == [
        "b.txt", "sub/c.htm", "sub/deeper/d.text", "sub/g.xhtml", "a.md", "b.txt", "sub/c.htm"]


@pytest.mark.parametrize("spec, message", [
    ("missing.txt", (r"^missing\.txt: no such file or directory; give a file, a directory, "
                     r"a glob pattern, an http\(s\) URL or - for stdin$")),
    ("*.docx", r"^\*\.docx: no files match this pattern"),
    ("nowhere/**/*.txt", r"^nowhere/\*\*/\*\.txt: no files match"),
    ("empty", (r"^empty: the directory has no \.txt, \.text, \.md, \.html, \.htm, \.xhtml, "
               r"\.jsonl, \.ndjson, \.rss, \.atom, \.xml, \.rdf, \.warc, \.warc\.gz files$")),
])
def test_inputs_not_found(tree: Path, spec: str, message: str) -> None:
    with pytest.raises(InputNotFound, match=message):
        expand_inputs(["b.txt", spec])


def test_inputs_read_dispatches_by_content(tree: Path) -> None:
    assert read_input("b.txt", Options()).format == "text"
    assert read_input("-", Options(), stdin=io.BytesIO(TEXT.encode())).text == TEXT


@pytest.mark.parametrize("spec, error", [
    ("sub", "sub: is a directory, not a file"),
    ("gone.txt", "gone.txt: no such file"),
])
def test_inputs_read_refuses_non_files(tree: Path, spec: str, error: str) -> None:
    with pytest.raises(InputNotFound, match=error):
        read_input(spec, Options())


def test_inputs_examples_all_read(examples_dir: Path) -> None:
    specs = [s for s in expand_inputs([str(examples_dir)])
             if Path(s).parent == examples_dir]  # examples/corpus/ is the corpus tests' own
    assert [Path(s).name for s in specs] == [
        "news-port-strike.html", "opinion-energy-prices.html", "opinion-grain-corridor.txt"]
    for spec in specs:
        article = read_input(spec, Options())
        assert len(article.text) > 3000, spec


def test_inputs_errors_are_one_line(tree: Path) -> None:
    (tree / "bin.txt").write_bytes(b"%PDF-1.4 ...")
    for spec in ["bin.txt", "gone.txt", "sub", "ftp://x.example/"]:
        with pytest.raises(UnspinError) as info:
            read_input(spec, Options())
        assert "\n" not in str(info.value) and str(info.value).startswith(spec + ":")
