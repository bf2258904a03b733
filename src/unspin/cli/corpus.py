"""``unspin corpus``: store many analysed articles in DuckDB, find copies, export tables.

``unspin.corpus`` (DuckDB, Arrow, datasketch) is imported inside the commands, so that
``unspin analyze`` does not pay half a second to load it.
"""

from __future__ import annotations

import json
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Self

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..config import make_options
from .analyze import SOME_FAILED

if TYPE_CHECKING:
    from ..corpus import Copies, Counts

DEFAULT_DB = "unspin.duckdb"  # unspin.corpus.DEFAULT_DB; a test keeps the two equal

corpus_app = typer.Typer(
    help="Store many analysed articles in one DuckDB file, find copies, export tables.",
    no_args_is_help=True,
)

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)
# Without a terminal, a plain progress line at most this often (seconds).
LINE_EVERY = 1.0

DbOption = Annotated[Path, typer.Option(
    "--db", help="The corpus database file.", show_default=True)]



class TableName(str, Enum):
    articles = "articles"
    claims = "claims"
    quotes = "quotes"
    techniques = "techniques"
    sources = "sources"
    entities = "entities"
    removed = "removed"
    failures = "failures"
    copies = "copies"
    copy_groups = "copy_groups"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


@corpus_app.command("add")
def add_command(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories, globs, JSON Lines, RSS/Atom feeds, WARC files, URLs, or -.",
        show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
    fetch: Annotated[bool, typer.Option(
        "--fetch", help="Fetch feed entries' links instead of using the feed's content.")
    ] = False,
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated stage names to run [default: the full pipeline].")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Processes for the analysis [default: one per CPU core].")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        help="Refuse articles larger than this many bytes [default: 5 MiB].")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Allow URLs that resolve to private or loopback addresses.")] = False,
    timeout: Annotated[float | None, typer.Option(
        help="Seconds allowed for each network phase of a fetch [default: 20].")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Analyse articles and store those not stored yet; each chunk is committed as it is done."""
    from ..corpus import open_corpus

    options = make_options(
        stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None,
        workers=workers, max_input_bytes=max_bytes, allow_private=allow_private,
        fetch_timeout=timeout)
    with open_corpus(db) as corpus, _progress(quiet) as report:
        counts = corpus.add(inputs, options=options, fetch_links=fetch, on_progress=report)
    for message in counts.messages:
        _err.print(f"unspin: error: {message}", markup=False)
    if counts.failed > len(counts.messages):
        _err.print(f"unspin: error: {counts.failed - len(counts.messages)} more failed; "
                   f"see the failures table (`unspin corpus export --table failures`)",
                   markup=False)
    _out.print(f"{db}: stored {counts.stored}, skipped {counts.skipped} already stored, "
               f"failed {counts.failed}", markup=False)
    if counts.failed:
        raise SystemExit(SOME_FAILED)


class _progress:
    """A Rich progress bar on a terminal; a plain line now and then otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Progress | None = None
        self.last = 0.0

    def __enter__(self) -> Self:
        if not self.quiet and _err.is_terminal:
            self.bar = Progress(
                TextColumn("storing"), BarColumn(), MofNCompleteColumn(),
                TaskProgressColumn(show_speed=True), TimeRemainingColumn(),
                TextColumn("{task.fields[status]}"), console=_err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("store", total=None, status="")
        return self

    def __call__(self, counts: Counts) -> None:
        status = f"stored {counts.stored}, skipped {counts.skipped}, failed {counts.failed}"
        if self.bar is not None:
            self.bar.update(self.task, total=counts.total, completed=counts.done, status=status)
        elif not self.quiet and time.monotonic() - self.last >= LINE_EVERY:
            self.last = time.monotonic()
            _err.print(f"unspin: {status} of {counts.total}", markup=False)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@corpus_app.command("stats")
def stats_command(
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Rows in every table, failed inputs, groups of copies and the file's size."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        found = corpus.stats()
    if as_json:
        _out.print(json.dumps(found, indent=2), markup=False)
        return
    table = Table("table", "rows", title=f"{found['path']} (schema version "
                                         f"{found['schema_version']}, {found['bytes']:,} bytes)")
    for name, rows in found["rows"].items():
        table.add_row(name, f"{rows:,}")
    _out.print(table)
    _out.print(f"failed inputs: {found['failed_inputs']:,}", markup=False)


@corpus_app.command("copies")
def copies_command(
    article: Annotated[str, typer.Argument(
        help="An id prefix, or the path or URL the article was stored from.",
        show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the copies and near-copies of one stored article, and the likely origin."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        found = corpus.copies(article)
    if as_json:
        _out.print(json.dumps(_copies_dict(found), indent=2), markup=False)
    elif not found.members:
        _out.print(f"no copies of {found.article['source']} ({found.article['id'][:12]}) "
                   "in the corpus", markup=False)
    else:
        _print_copies(found)


def _copies_dict(found: Copies) -> dict[str, Any]:
    return {"article": found.article, "group_id": found.group_id,
            "origin": {"name": found.origin_name, "reason": found.origin_reason},
            "copies": [{"id": c.id, "similarity": round(c.similarity, 3), "site": c.site,
                        "date": c.date, "title": c.title, "source": c.source,
                        "origin": c.is_origin} for c in found.members]}


def _print_copies(found: Copies) -> None:
    origin = next((c for c in found.members if c.is_origin), None)
    said = origin.site or origin.source if origin else f"{found.origin_name} (not in the corpus)"
    table = Table(title=f"{len(found.members)} copies; likely origin (*): {said} "
                        f"({found.origin_reason})", title_justify="left")
    for name in ("id", "similarity", "date"):
        table.add_column(name, no_wrap=True)
    table.add_column("site")
    table.add_column("title or source", ratio=2)
    for c in found.members:
        table.add_row(c.id[:12] + (" *" if c.is_origin else ""), f"{c.similarity:.2f}",
                      (c.date or "")[:10], c.site or "", c.title or c.source)
    _out.print(table)


@corpus_app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.",
                                      show_default=False)],
    table: Annotated[TableName, typer.Option(help="The table to export.")
                     ] = TableName.articles,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")
                   ] = ExportFormat.parquet,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Write one table to a Parquet, CSV or JSON Lines file (DuckDB's COPY)."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        rows = corpus.export(table.value, fmt.value, out)
    _out.print(f"wrote {rows:,} rows of {table.value} to {out}", markup=False)
