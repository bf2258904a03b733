"""JSON Lines (``.jsonl``, ``.ndjson``): one article per line, ``text`` or ``html`` plus
optional ``url``, ``title``, ``author``, ``date`` and ``site``, which win over what the
page shows (and ``site`` over ``--site``). An article is named ``FILE#N`` (N counts lines from 1)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..config import Options
from ..document import Article, Outcome, Source
from ..errors import EmptyInput, InputError, InputTooLarge
from .html import article_from_html
from .records import METADATA_FIELDS, guarded, with_metadata
from .text import article_from_text

SUFFIXES = (".jsonl", ".ndjson")


def count_jsonl(path: str) -> int:
    with open(path, "rb") as handle:
        return max(1, sum(1 for line in handle if line.strip()))


def read_jsonl(path: str, options: Options) -> Iterator[Outcome]:
    """One outcome per non-blank line; a file without any is one error, not silence."""
    found = False
    with open(path, "rb") as handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                found = True
                yield guarded(f"{path}#{n}", _jsonl_article, line, f"{path}#{n}", options)
    if not found:
        yield Outcome(path, error=EmptyInput(f"{path}: the file holds no JSON lines; each "
                                             "line must be a JSON object with `text` or `html`"))


def _jsonl_article(line: bytes, label: str, options: Options) -> Article:
    if len(line) > options.max_input_bytes:
        raise InputTooLarge(f"{label}: the line is {len(line):,} bytes, over the "
                            f"{options.max_input_bytes:,} byte limit (option max_input_bytes)")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise InputError(f"{label}: each line must be a JSON object with `text` or `html`")
    given = {k: record[k] if isinstance(record.get(k), str) else None for k in METADATA_FIELDS}
    given["site"] = given["site"] or options.site  # the record's own site is more specific
    source = Source(path=label, url=given["url"])
    if isinstance(record.get("html"), str):
        article = article_from_html(record["html"], source, options, url=given["url"])
    elif isinstance(record.get("text"), str):
        article = article_from_text(record["text"], source)
    else:
        raise InputError(f"{label}: the object has no `text` or `html` string; "
                         "each line needs one of them")
    return with_metadata(article, given)
