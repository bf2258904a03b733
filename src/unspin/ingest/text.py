"""Bytes in, text out: read an input within the size cap, refuse what is not text, decode.

The decoded string is the article text exactly as it will be analysed, so nothing is
normalised here: a byte-order mark is kept as the character U+FEFF and line endings stay
as they were, because every offset unspin reports counts them.
"""

from __future__ import annotations

import codecs
import os
from typing import BinaryIO

import charset_normalizer

from ..config import Options
from ..document import Article, Source
from ..errors import BinaryInput, EmptyInput, InputNotFound, InputTooLarge, UndecodableInput

ACCEPTED = "unspin reads plain text or HTML (UTF-8, UTF-16 with a BOM, or a detectable 8-bit encoding)"

# Leading bytes of formats people pass by mistake; each names what the input looks like.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx or .epub file)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
# Each decodes with a codec that keeps the mark as U+FEFF, like UTF-8's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that real text uses; any other C0 byte (or DEL) counts towards "binary".
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05
# charset_normalizer's "mess" score above which a guess is not trusted.
_MAX_CHAOS = 0.1
_MIN_COHERENCE = 0.2


def read_file(path: str, options: Options) -> bytes:
    """Read a file's bytes, refusing an oversize file before reading any of it."""
    try:
        size = os.stat(path).st_size
        if size > options.max_input_bytes:
            raise _too_large(path, options, size)
        with open(path, "rb") as handle:
            return read_stream(handle, path, options)
    except FileNotFoundError:
        raise InputNotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputNotFound(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputNotFound(f"{path}: permission denied") from None


def read_stream(stream: BinaryIO, label: str, options: Options) -> bytes:
    """Read at most one byte past the cap, so a huge pipe is refused without buffering it."""
    data = stream.read(options.max_input_bytes + 1)
    if len(data) > options.max_input_bytes:
        raise _too_large(label, options)
    return data


def _too_large(label: str, options: Options, size: int | None = None) -> InputTooLarge:
    actual = f"{size:,} bytes, " if size is not None else ""
    return InputTooLarge(
        f"{label}: input too large ({actual}over the limit of {options.max_input_bytes:,} "
        "bytes); raise --max-bytes (option max_input_bytes) to read it")


def check_bytes(data: bytes, label: str) -> None:
    """Refuse empty and binary input before decoding, so the error says what it is."""
    if not data.strip():
        raise EmptyInput(f"{label}: input is empty or only whitespace; {ACCEPTED}")
    if _bom_codec(data):
        return  # UTF-16/32 text is full of NUL bytes by design
    kind = _looks_binary(data)
    if kind:
        raise BinaryInput(f"{label}: looks like {kind}, not text or HTML; {ACCEPTED}")


def _looks_binary(data: bytes) -> str | None:
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    controls = sum(1 for b in head if (b < 0x20 or b == 0x7F) and b not in _TEXT_CONTROLS)
    if controls / len(head) > _MAX_CONTROL_SHARE:
        return "a binary file (it is full of control characters)"
    return None


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def decode(data: bytes, label: str, *, declared: str | None = None) -> str:
    """Decode ``data`` exactly: a BOM, then strict UTF-8, then ``declared``, then a guess.

    UTF-8 comes before a declared charset because pages often declare ISO-8859-1 while
    sending UTF-8, and valid UTF-8 that is not ASCII is almost never anything else.
    """
    codec = _bom_codec(data)
    if codec:
        return _strict(data, codec, label)
    try:
        return data.decode("utf-8")  # not utf-8-sig: a BOM stays in the text as U+FEFF
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _guess(data, label)


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise UndecodableInput(
            f"{label}: starts with a {codec.upper()} byte-order mark but is not valid "
            f"{codec.upper()} (byte {error.start}); {ACCEPTED}") from None


def _guess(data: bytes, label: str) -> str:
    """charset_normalizer's guess, only when it is confident.

    Confident means: little "mess", and either the best guesses all read the bytes the
    same way or the text reads as a known language. Western European text often ties
    between cp1250 and cp1252 (which differ on a few letters, such as ï); cp1252 wins,
    being by far the more common legacy encoding for news in Latin script.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise _undecodable(label)
    ties = [m for m in matches if m.chaos == best.chaos]
    if any(m.encoding == "cp1252" for m in ties):
        return data.decode("cp1252")
    if len({str(m) for m in ties}) == 1 or best.coherence >= _MIN_COHERENCE:
        return str(best)
    raise _undecodable(label)


def _undecodable(label: str) -> UndecodableInput:
    return UndecodableInput(
        f"{label}: not valid UTF-8 and its encoding cannot be detected with confidence; "
        f"convert it to UTF-8 ({ACCEPTED})")


def article_from_text(text: str, source: Source) -> Article:
    """A plain-text article: the decoded text, unchanged, so offsets refer to it."""
    if not text.replace("\ufeff", "").strip():
        raise EmptyInput(f"{source.label}: input is empty or only whitespace; {ACCEPTED}")
    return Article(source=source, text=text, format="text")
