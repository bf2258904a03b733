"""What a command line names, as inputs: the one expander ``analyze`` and ``corpus add``
share, and the reader of every article an input holds.

A spec is a file, a directory (searched recursively, hidden entries skipped), a glob, an
http(s) URL or ``-``. Most files hold one article (text, Markdown, HTML); three kinds hold
many and are chosen by name: JSON Lines (``jsonl``), RSS and Atom feeds (``feeds``) and
WARC crawls (``warc``). ``read_inputs`` yields one ``Outcome`` per article, with the
error for each one that cannot be read: one bad record never stops the rest.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import Options
from ..document import Outcome
from ..errors import InputNotFound, UnspinError
from . import feeds, jsonl, warc
from .read import HTML_SUFFIXES, SCHEME, STDIN, TEXT_SUFFIXES, read_input

SINGLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
SUFFIXES = SINGLE_SUFFIXES + jsonl.SUFFIXES + feeds.SUFFIXES + warc.SUFFIXES
ACCEPTED_SPECS = "give a file, a directory, a glob pattern, an http(s) URL or - for stdin"
_GLOB_CHARS = frozenset("*?[")


def expand_inputs(specs: list[str]) -> list[str]:
    """One entry per input: directories and globs expanded, URLs and ``-`` passed through.

    Expansion is sorted so runs over the same folder list inputs in the same order. An
    input named twice is kept twice: one result per input given, as the user listed them.

    Raises:
        InputNotFound: a path that does not exist, or a glob or folder with no inputs.
    """
    expanded: list[str] = []
    for spec in specs:
        expanded.extend(_expand(spec))
    return expanded


def expand_each(specs: list[str]) -> tuple[list[str], list[Outcome]]:
    """``expand_inputs`` spec by spec, so one that names nothing fails alone: the inputs
    found, and an error ``Outcome`` for each spec that names nothing."""
    found: list[str] = []
    missing: list[Outcome] = []
    for spec in specs:
        try:
            found.extend(_expand(spec))
        except UnspinError as error:
            missing.append(Outcome(spec, error=error))
    return found, missing


def collect(specs: list[str], options: Options, *,
            stdin: BinaryIO | None = None) -> list[str | Outcome]:
    """Every input ``specs`` name, in order, ready for the runner: a path or URL of one
    article as it is (the worker that analyses it reads it), the articles of a JSON Lines,
    feed or WARC file read here, stdin read here (only this process has it), and an error
    ``Outcome`` for each spec that names nothing or cannot be read.

    Args:
        stdin: the stream ``-`` reads (tests pass a BytesIO); ``sys.stdin.buffer`` otherwise.
    """
    found, missing = expand_each(specs)
    items: list[str | Outcome] = list(missing)
    for spec in found:
        if spec == STDIN:
            try:
                items.append(Outcome(spec, article=read_input(spec, options, stdin=stdin)))
            except UnspinError as error:
                items.append(Outcome(spec, error=error))
        elif kind_of(spec) == "single":
            items.append(spec)
        else:
            items.extend(read_inputs(spec, options))
    return items


def _expand(spec: str) -> list[str]:
    if spec == STDIN or SCHEME.match(spec) or os.path.isfile(spec):
        return [spec]
    if os.path.isdir(spec):
        return _expand_dir(spec)
    if _GLOB_CHARS & set(spec):
        return _expand_glob(spec)
    raise InputNotFound(f"{spec}: no such file or directory; {ACCEPTED_SPECS}")


def _expand_dir(directory: str) -> list[str]:
    """Files with a known suffix anywhere below ``directory``; hidden ones skipped."""
    root = Path(directory)
    found = sorted(
        str(path) for path in root.rglob("*")
        if path.name.lower().endswith(SUFFIXES) and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts))
    if not found:
        raise InputNotFound(f"{directory}: the directory has no {', '.join(SUFFIXES)} files")
    return found


def _expand_glob(pattern: str) -> list[str]:
    found: list[str] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        found.extend(_expand_dir(match) if os.path.isdir(match) else [match])
    if not found:
        raise InputNotFound(f"{pattern}: no files match this pattern; {ACCEPTED_SPECS}")
    return found


def kind_of(spec: str) -> str:
    """``jsonl``, ``feed``, ``warc`` (files that hold many articles) or ``single``."""
    name = spec.lower()
    for kind, suffixes in (("jsonl", jsonl.SUFFIXES), ("feed", feeds.SUFFIXES),
                           ("warc", warc.SUFFIXES)):
        if name.endswith(suffixes) and os.path.isfile(spec):
            return kind
    return "single"


def count(spec: str) -> int:
    """How many outcomes ``read_inputs`` will yield for ``spec`` (for a progress bar); a
    file that cannot be read counts one, its error."""
    try:
        match kind_of(spec):
            case "jsonl":
                return jsonl.count_jsonl(spec)
            case "feed":
                return feeds.count_feed(spec)
            case "warc":
                return warc.count_warc(spec)
    except (OSError, UnspinError):
        return 1
    return 1


def read_inputs(spec: str, options: Options, *, fetch_links: bool = False
                ) -> Iterator[Outcome]:
    """Every article ``spec`` holds, read, or the error for each one that is not.

    Args:
        fetch_links: fetch feed entries' links instead of using the content in the feed.
    """
    try:
        match kind_of(spec):
            case "jsonl":
                yield from jsonl.read_jsonl(spec, options)
            case "feed":
                yield from feeds.read_feed(spec, options, fetch_links)
            case "warc":
                yield from warc.read_warc(spec, options)
            case _:
                yield Outcome(spec, article=read_input(spec, options))
    except UnspinError as error:
        yield Outcome(spec, error=error)
    except OSError as error:
        yield Outcome(spec, error=InputNotFound(f"{spec}: cannot read: {error.strerror}"))
