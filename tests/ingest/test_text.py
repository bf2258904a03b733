"""Plain text: bytes are read within the cap, checked, and decoded without normalising."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from unspin.config import Options
from unspin.document import Source
from unspin.errors import BinaryInput, EmptyInput, InputNotFound, InputTooLarge, UndecodableInput
from unspin.ingest import read_input
from unspin.ingest.text import check_bytes, decode, read_stream

BODY = "Headline\r\n\r\nMore than 4,000 vessels left port, officials said.\r\n"


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_text_bom_kept_and_counted(tmp_path: Path, options: Options) -> None:
    path = _write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9 owners say prices rose.".encode())
    article = read_input(path, options)
    assert article.text[0] == "\ufeff"
    assert article.text.index("owners") == len("\ufeffCafé ")
    assert article.format == "text"
    assert article.source == Source(path=path)


def test_text_crlf_kept(tmp_path: Path, options: Options) -> None:
    article = read_input(_write(tmp_path, "crlf.txt", BODY.encode()), options)
    assert article.text == BODY


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_text_utf16_with_bom_decoded(tmp_path: Path, options: Options, encoding: str) -> None:
    data = ("\ufeff" + BODY).encode(encoding)
    article = read_input(_write(tmp_path, "wide.txt", data), options)
    assert article.text == "\ufeff" + BODY


@pytest.mark.parametrize("text, encoding", [
    (("Le caf\u00e9 de la gare \u00e9tait ferm\u00e9. Na\u00efve tourists queued for cr\u00eapes "
      "while the fa\u00e7ade was repaired.\n"), "latin-1"),
    ("\u201cSmart quotes\u201d \u2014 a euro \u20ac sign in a na\u00efve caf\u00e9 review.\n", "cp1252"),
    (("Die Stra\u00dfe war gesperrt, weil die Br\u00fccke repariert wurde. B\u00fcrger "
      "\u00e4u\u00dferten \u00c4rger.\n"), "latin-1"),
])
def test_text_legacy_encoding_decoded(tmp_path: Path, options: Options, text: str,
                                      encoding: str) -> None:
    article = read_input(_write(tmp_path, "legacy.txt", text.encode(encoding)), options)
    assert article.text == text


def test_text_undecodable_refused() -> None:
    with pytest.raises(UndecodableInput, match=r"^x\.txt: .*convert it to UTF-8"):
        decode("Caf\u00e9\n".encode("latin-1"), "x.txt")


@pytest.mark.parametrize("data, looks_like", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"text with a \x00 NUL byte in it", "NUL bytes"),
    (bytes(range(1, 32)) * 10, "control characters"),
])
def test_text_binary_refused(tmp_path: Path, options: Options, data: bytes,
                             looks_like: str) -> None:
    path = _write(tmp_path, "file.txt", data)
    with pytest.raises(BinaryInput, match=looks_like) as info:
        read_input(path, options)
    assert str(info.value).startswith(path + ": looks like")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf \n", b"\xff\xfe \x00\n\x00"])
def test_text_empty_refused(tmp_path: Path, options: Options, data: bytes) -> None:
    with pytest.raises(EmptyInput, match="empty or only whitespace"):
        read_input(_write(tmp_path, "empty.txt", data), options)


def test_text_too_large_file_refused_before_reading(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "big.txt", b"word " * 100)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversize file must be refused before it is opened")

    monkeypatch.setattr("builtins.open", no_open)
    with pytest.raises(InputTooLarge, match=r"input too large \(500 bytes, over the limit of 100 bytes\)"):
        read_input(path, Options(max_input_bytes=100))


@pytest.mark.parametrize("size, refused", [(100, False), (101, True)])
def test_text_too_large_stdin_bounded(size: int, refused: bool) -> None:
    asked: list[int] = []

    class Stream(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            asked.append(-1 if n is None else n)
            return super().read(n)

    stream = Stream(b"a" * size)
    options = Options(max_input_bytes=100)
    if refused:
        with pytest.raises(InputTooLarge, match=r"^-: input too large \(over the limit of 100 bytes\)"):
            read_stream(stream, "-", options)
    else:
        assert len(read_stream(stream, "-", options)) == size
    assert asked == [101]


def test_text_stdin_read(options: Options) -> None:
    article = read_input("-", options, stdin=io.BytesIO(BODY.encode()))
    assert article.text == BODY
    assert article.source == Source(path="-")


def test_text_stdin_html_sniffed(examples_dir: Path, options: Options) -> None:
    page = (examples_dir / "news-port-strike.html").read_bytes()
    article = read_input("-", options, stdin=io.BytesIO(page))
    assert article.format == "html"
    assert article.source == Source(path="-")


def test_text_missing_file(tmp_path: Path, options: Options) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputNotFound, match=f"^{missing}: no such file"):
        read_input(missing, options)


def test_text_check_bytes_allows_utf16_nuls() -> None:
    check_bytes("text".encode("utf-16"), "x")  # does not raise


def test_text_example_read_exactly(examples_dir: Path, options: Options) -> None:
    path = examples_dir / "opinion-grain-corridor.txt"
    article = read_input(str(path), options)
    assert article.text == path.read_text(encoding="utf-8")
    assert "Best Price: $6.12 Buy New $18.40 (as of 14:22 UTC - Details)" in article.text
    assert article.text.rstrip().endswith("originally published on The Continental Ledger.")
