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
from ..errors import ConfigError
from ..report.terminal import json_escaped
from .analyze import (
    SOME_FAILED,
    TECHNIQUES_HELP,
    Device,
    TechniquesSetting,
    loading,
    techniques_config,
)
from .console import SafeConsole, error_line

if TYPE_CHECKING:
    from ..corpus import Copies, Counts, Translations

DEFAULT_DB = "unspin.duckdb"  # unspin.corpus.DEFAULT_DB; a test keeps the two equal

corpus_app = typer.Typer(
    help="Store many analysed articles in one DuckDB file, find copies, export tables.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

# Every line printed goes through these: article text neutralised, no markup, piped
# tables as wide as their content (``console.SafeConsole``).
_out = SafeConsole()
_err = SafeConsole(stderr=True)
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
    numbers = "numbers"
    claim_matches = "claim_matches"
    corrections = "corrections"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    ptc = "ptc"  # corrections only: a folder `unspin train techniques --data` reads
    claimbuster = "claimbuster"  # corrections only: `unspin train checkworthy --claimbuster`


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@corpus_app.command("add")
def add_command(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories, globs, JSON Lines, RSS/Atom feeds, WARC files, URLs, or -.",
        show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
    fetch: Annotated[bool, typer.Option(
        "--fetch", help="Fetch feed entries' links instead of using the feed's content.",
        show_default=False)] = False,
    site: Annotated[str | None, typer.Option(
        "--site", help="The outlet that published the articles, when you know it (a "
        "plain-text file names none); wins over the site a page names, not over a JSON "
        "Lines record's `site`.", show_default=False)] = None,
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated stage names to run.  [default: the full pipeline]",
        show_default=False)] = None,
    workers: Annotated[int | None, typer.Option(
        help="Processes (Ray actors with --engine ray) for the analysis.  [default: one "
             "per CPU core]", show_default=False)] = None,
    max_bytes: Annotated[int | None, typer.Option(
        help="Refuse articles larger than this many bytes.  [default: 5 MiB]",
        show_default=False)] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow URLs that resolve to private or loopback addresses.",
        show_default=False)] = False,
    timeout: Annotated[float | None, typer.Option(
        help="Seconds allowed for each network phase of a fetch.  [default: 20]",
        show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.",
                                        show_default=False)] = False,
    engine: Annotated[Engine, typer.Option(
        help="Where the analysis runs: worker processes here, or a Ray cluster.")
    ] = Engine.local,
    ray_address: Annotated[str | None, typer.Option(
        help="With --engine ray: a running cluster, `auto` or the head's HOST:PORT.  "
             "[default: a local Ray with --workers CPUs]",
        show_default=False)] = None,
    device: Annotated[Device, typer.Option(
        help="Where the encoder runs: a CUDA GPU when there is one (auto), cpu or cuda; "
             "with --engine ray, actors take one GPU each.")] = Device.auto,
    techniques: Annotated[TechniquesSetting, typer.Option(help=TECHNIQUES_HELP)
                          ] = TechniquesSetting.precision,
) -> None:
    """Analyse articles and store those not stored yet; each chunk is committed as it is done."""
    from ..corpus import open_corpus

    if engine is not Engine.ray and ray_address:
        raise ConfigError("--ray-address goes with --engine ray")
    options = make_options(
        stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None,
        workers=workers, max_input_bytes=max_bytes, allow_private=allow_private,
        fetch_timeout=timeout, site=site, device=device.value,
        stage_config=techniques_config(techniques))
    with open_corpus(db) as corpus:  # a bad --db fails in one line, before any model
        if not quiet:
            loading(options)
        with _progress(quiet) as report:
            counts = corpus.add(inputs, options=options, fetch_links=fetch,
                                on_progress=report, engine=engine.value,
                                ray_address=ray_address)
    for message in counts.messages:
        _err.print(error_line(message))
    if counts.failed > len(counts.messages):
        _err.print(error_line(f"{counts.failed - len(counts.messages)} more failed; see the "
                              "failures table (`unspin corpus export --table failures`)"))
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
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TaskProgressColumn(show_speed=True), TimeRemainingColumn(),
                TextColumn("{task.fields[status]}"), console=_err, transient=True,
                auto_refresh=False)  # no refresh thread: workers may be forked meanwhile
            self.bar.start()
            self.task = self.bar.add_task("storing", total=None, status="")
        return self

    def __call__(self, counts: Counts) -> None:
        status = f"stored {counts.stored}, skipped {counts.skipped}, failed {counts.failed}"
        if self.bar is not None:
            self.bar.update(self.task, total=counts.total, completed=counts.done, status=status)
            self.bar.refresh()
        elif not self.quiet and time.monotonic() - self.last >= LINE_EVERY:
            self.last = time.monotonic()
            _err.print(f"unspin: {status} of {counts.total}", markup=False)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@corpus_app.command("stats")
def stats_command(
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.",
                                          show_default=False)] = False,
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
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.",
                                          show_default=False)] = False,
) -> None:
    """List the copies and near-copies of one stored article, its translations in other
    languages, and the likely origin."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        found = corpus.copies(article)
        translated = corpus.translations(article)
    if as_json:
        _out.print(json.dumps({**_copies_dict(found),
                               "translations": _translations_dict(translated)}, indent=2),
                   markup=False)
        return
    if not found.members:
        elsewhere = " in its language" if translated.members else ""
        _out.print(f"no copies of {found.article['source']} ({found.article['id'][:12]}) "
                   f"in the corpus{elsewhere}", markup=False)
    else:
        _print_copies(found)
    if translated.members:
        _print_translations(translated)


def _translations_dict(found: Translations) -> dict[str, Any]:
    return {"origin": {"name": found.origin_name, "reason": found.origin_reason},
            "members": [{"id": t.id, "language": t.language, "aligned": t.share,
                         "site": t.site, "date": t.date, "title": t.title,
                         "source": t.source, "origin": t.is_origin} for t in found.members]}


def _print_translations(found: Translations) -> None:
    origin = next((t for t in found.members if t.is_origin), None)
    said = (origin.site or origin.source if origin
            else f"{found.origin_name} (not in the corpus)" if found.origin_name else "unknown")
    count = len(found.members) - 1
    _print_members(f"{count} translation{'s' if count > 1 else ''}; likely origin (*): "
                   f"{said} ({found.origin_reason})",
                   ("language", "aligned"),
                   [(t, (t.language or "", f"{t.share:.2f}")) for t in found.members])


def _print_members(title: str, measures: tuple[str, ...],
                   rows: list[tuple[Any, tuple[str, ...]]]) -> None:
    """A group's members as a table: id (* for the likely origin), ``measures``, date,
    site, title."""
    table = Table(title=title, title_justify="left")
    for name in ("id", *measures, "date"):
        table.add_column(name, no_wrap=True)
    table.add_column("site", overflow="fold")
    table.add_column("title or source", ratio=2, overflow="fold")
    for member, values in rows:
        table.add_row(member.id[:12] + (" *" if member.is_origin else ""), *values,
                      (member.date or "")[:10], member.site or "",
                      member.title or member.source)
    _out.print(table)


def _copies_dict(found: Copies) -> dict[str, Any]:
    return {"article": found.article, "group_id": found.group_id,
            "origin": {"name": found.origin_name, "reason": found.origin_reason},
            "copies": [{"id": c.id, "similarity": round(c.similarity, 3), "site": c.site,
                        "date": c.date, "title": c.title, "source": c.source,
                        "origin": c.is_origin, "language": c.language}
                       for c in found.members]}


def _print_copies(found: Copies) -> None:
    origin = next((c for c in found.members if c.is_origin), None)
    said = origin.site or origin.source if origin else f"{found.origin_name} (not in the corpus)"
    _print_members(f"{len(found.members)} copies; likely origin (*): {said} "
                   f"({found.origin_reason})",
                   ("similarity", "language"),
                   [(c, (f"{c.similarity:.2f}", c.language or "")) for c in found.members])


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
    """Write one table to a Parquet, CSV or JSON Lines file (DuckDB's COPY); corrections
    also as training data (ptc: a folder; claimbuster: a JSON file)."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        rows = corpus.export(table.value, fmt.value, out)
    what = "examples" if fmt.value in ("ptc", "claimbuster") else "rows"
    _out.print(f"wrote {rows:,} {what} of {table.value} to {out}", markup=False)


class Bucket(str, Enum):
    month = "month"
    year = "year"


@corpus_app.command("claims")
def claims_command(
    like: Annotated[str | None, typer.Option(
        "--like", help="List the stored claims most like this text, in any language.",
        show_default=False)] = None,
    matches: Annotated[str | None, typer.Option(
        "--matches", help="List the matches of every claim of this article (id prefix, "
                          "path or URL).", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", help="How many claims --like lists.")] = 10,
    min_similarity: Annotated[float, typer.Option(
        "--min-similarity", help="Leave out claims less similar than this (cosine, -1 to 1).")
    ] = 0.0,
    exact: Annotated[bool, typer.Option(
        "--exact", help="--like compares with every stored claim, not only the nearest cells.",
        show_default=False)] = False,
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.",
                                          show_default=False)] = False,
) -> None:
    """Find the same claim across outlets: claims like a text, or an article's matches."""
    from ..corpus import open_corpus

    if (like is None) == (matches is None):
        raise ConfigError("give --like TEXT or --matches ARTICLE (one of them)")
    with open_corpus(db, create=False) as corpus:
        if like is not None:
            hits = corpus.claims_like(like, top=top, min_similarity=min_similarity,
                                      exact=exact)
            stored = corpus.execute("SELECT count(*) FROM claim_vectors").scalar()
        else:
            article, found = corpus.claim_matches(matches or "",
                                                  min_similarity=min_similarity)
    if like is not None:
        _print_like(like, hits, stored, as_json)
    else:
        _print_matches(article, found, as_json)


def _source_words(kind: str | None, name: str | None, words: str | None) -> str:
    """Who a claim is attributed to, as a fact-checker reads it."""
    if kind in ("named_person", "named_organization"):
        return f"{name or words} ({kind.replace('_', ' ')})"
    if kind in ("vague", "document"):
        return f"“{words}” ({kind})"
    return "no source"


# Below this many columns a table of nine fields squeezes each into a sliver, so records
# are printed one after another, a field a line.
WIDE = 120


def _print_records(title: str, fields: list[str], rows: list[list[str]],
                   wrapped: tuple[str, ...] = ("claim", "source")) -> None:
    """``rows`` as a table on a wide terminal, else as one block per row."""
    if _out.width >= WIDE:
        table = Table(title=title, title_justify="left")
        for name in fields:
            table.add_column(name, no_wrap=name not in wrapped, overflow="fold",
                             ratio=3 if name == "claim" else None)
        for row in rows:
            table.add_row(*row)
        _out.print(table)
        return
    _out.print(title, markup=False)
    for n, row in enumerate(rows, 1):
        block = Table.grid(padding=(0, 2))
        block.add_column(style="dim", no_wrap=True)
        block.add_column(overflow="fold")
        for name, value in zip(fields, row, strict=True):
            if value:
                block.add_row(name, value)
        _out.print(f"─ {n} ─", style="dim", markup=False)
        _out.print(block)


_HIT_FIELDS = ["similarity", "outlet", "date", "source", "claim", "article", "matches"]


def _hit_rows(hits: list[Any]) -> list[list[str]]:
    return [[f"{h.similarity:.2f}", h.outlet or "", (h.date or "")[:10],
             _source_words(h.source_kind, h.source_name, h.source_words), h.text,
             f"{h.article_id[:12]}:{h.ord}", str(h.matches)] for h in hits]


def _print_like(text: str, hits: list[Any], stored: int, as_json: bool) -> None:
    if as_json:
        _out.print(json_escaped(json.dumps({"like": text, "claims": [h.to_dict() for h in hits]},
                                           indent=2, ensure_ascii=False)), markup=False)
    elif not stored:
        _out.print("no claim vectors in the corpus: store articles with the claims stage, "
                   "or give stored claims vectors with `unspin corpus match --embed`",
                   markup=False)
    elif not hits:
        _out.print("no stored claim is that similar", markup=False)
    else:
        _print_records(f"{len(hits)} stored claims most like “{text}”", _HIT_FIELDS,
                       _hit_rows(hits))


def _print_matches(article: dict[str, Any], found: list[Any], as_json: bool) -> None:
    if as_json:
        _out.print(json_escaped(json.dumps({"article": article, "claims": [
            {"claim": c.ord, "text": c.text, "matches": [h.to_dict() for h in c.matches]}
            for c in found]}, indent=2, ensure_ascii=False)), markup=False)
        return
    name = f"{article['source']} ({article['id'][:12]})"
    if not found:
        _out.print(f"no claim of {name} matches a claim of another article", markup=False)
        return
    _out.print(f"{name}: {len(found)} claims with matches", markup=False)
    for claim in found:
        _print_records(f"claim {claim.ord}: {claim.text}", _HIT_FIELDS,
                       _hit_rows(claim.matches))


@corpus_app.command("match")
def match_command(
    embed: Annotated[bool, typer.Option(
        "--embed", help="First embed stored claims that have no vector (stored by an older "
                        "unspin, or from analyses without vectors).",
        show_default=False)] = False,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Match claims stored since the last match with earlier claims (add does this too)."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        done = corpus.match(embed=embed)
        threshold = corpus.execute(
            "SELECT value FROM settings WHERE key = 'match.threshold'").scalar()
    embedded = f"embedded {done.embedded} claims; " if embed else ""
    if not done.claims:
        _out.print(f"{db}: {embedded}no new claims to match", markup=False)
        return
    search = f"{done.cells} cells" if done.cells else "every claim"
    _out.print(f"{db}: {embedded}matched {done.claims:,} new claims: {done.pairs:,} matches "
               f"at similarity {threshold} or more (searched {search})", markup=False)


@corpus_app.command("ledger")
def ledger_command(
    about: Annotated[str, typer.Option(
        "--about", help="What is counted: desertions, refugees, euros ...",
        show_default=False)],
    limit: Annotated[int, typer.Option(
        "--limit", help="Values shown per group in the terminal (--json has all).")] = 20,
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.",
                                          show_default=False)] = False,
) -> None:
    """The values each outlet reported for one thing, side by side, conflicts flagged."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        found = corpus.ledger(about)
    if as_json:
        _out.print(json_escaped(json.dumps(found.to_dict(), indent=2, ensure_ascii=False)),
                   markup=False)
    elif not found.groups:
        _out.print(f"no stored number is about “{about}” (searched for words starting "
                   f"{', '.join(found.stems)})", markup=False)
    else:
        _out.print(f"{len(found.groups)} groups of values about “{about}”", markup=False)
        for group in found.groups:
            _print_group(group, limit)


def _print_group(group: Any, limit: int) -> None:
    from ..corpus.ledger import describe

    where = group.place or "place not stated"
    _print_records(
        f"{group.measure} · {where} · {group.period} — {len(group.values)} values, "
        f"{group.verdict}",
        ["outlet", "date", "value", "means", "counted", "source", "found by", "claim",
         "article"],
        [[v.outlet or "", (v.date or "")[:10], v.text, describe(v),
          (v.unit or "") + (" (inferred)" if v.unit_inferred else ""),
          _source_words(v.source_kind, v.source_name, v.source_words), v.matched_by,
          v.claim, f"{v.article_id[:12]}:{v.claim_ord}"] for v in group.values[:limit]],
        wrapped=("outlet", "value", "counted", "source", "claim"))
    if len(group.values) > limit:
        _out.print(f"  … and {len(group.values) - limit} more (--limit, or --json)",
                   markup=False)
    for c in group.conflicts:
        _out.print(f"  conflict: {c.reason}", markup=False)


@corpus_app.command("profile")
def profile_command(
    site: Annotated[str | None, typer.Argument(
        help="One outlet (site name, origin or host; case ignored).  [default: all]",
        show_default=False)] = None,
    by: Annotated[Bucket | None, typer.Option(
        "--by", help="Also give the figures per month or year of publication.",
        show_default=False)] = None,
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.",
                                          show_default=False)] = False,
) -> None:
    """Per outlet: articles, words, techniques per 1,000 words, named sources, entities."""
    from ..corpus import open_corpus

    with open_corpus(db, create=False) as corpus:
        found = corpus.profiles(site, by=by.value if by else None)
    if as_json:
        _out.print(json_escaped(json.dumps([p.to_dict() for p in found], indent=2,
                                           ensure_ascii=False)),
                   markup=False)
    elif not found:
        _out.print("no articles in the corpus" if site is None
                   else f"no articles from {site} in the corpus", markup=False)
    else:
        _out.print(_profiles_table(found))
        for profile in found if by or site else []:
            _print_profile(profile, detailed=site is not None)


def _rate(x: float | None, share: bool = False,
          interval: tuple[float, float] | None = None) -> str:
    """A rate, with its 95% interval in brackets when there is one."""
    if x is None:
        return "–"
    shown = f"{x:.0%}" if share else f"{x:.1f}"
    if interval is None:
        return shown
    low, high = interval
    return shown + (f" [{low:.0%}–{high:.0%}]" if share else f" [{low:.1f}–{high:.1f}]")


def _profiles_table(found: list[Any]) -> Table:
    table = Table(title=f"{len(found)} outlets", title_justify="left")
    for name in ("outlet", "articles", "words", "techniques /1k words", "named sources",
                 "persuasion"):
        table.add_column(name, justify="left" if name == "outlet" else "right",
                         overflow="fold")
    # Fold, never cut: "Loaded_Language" must not become "Loaded_L…".
    table.add_column("top techniques", overflow="fold")
    table.add_column("top entities", ratio=2, overflow="fold")
    for p in found:
        f = p.figures
        table.add_row(p.outlet, f"{f.articles:,}", f"{f.words:,}",
                      _rate(f.technique_rate, interval=f.technique_rate_ci),
                      _rate(f.named_share, share=True, interval=f.named_share_ci),
                      _rate(f.persuasion_score, interval=f.persuasion_score_ci),
                      ", ".join(t for t, _ in p.techniques[:3]),
                      ", ".join(text for text, _, _ in p.entities))
    return table


def _print_profile(profile: Any, *, detailed: bool) -> None:
    if detailed and profile.techniques:
        rates = ", ".join(f"{t} {r:.1f}" for t, r in profile.technique_rates())
        _out.print(f"{profile.outlet}: techniques per 1,000 words: {rates}", markup=False)
    if detailed and profile.entities:
        named = ", ".join(f"{t} ({label}, {n:,} articles)" for t, label, n in profile.entities)
        _out.print(f"{profile.outlet}: most named: {named}", markup=False)
    if profile.periods:
        table = Table(title=f"{profile.outlet} over time", title_justify="left")
        for name in ("period", "articles", "words", "techniques /1k words", "named sources"):
            table.add_column(name, justify="left" if name == "period" else "right")
        for period, f in sorted(profile.periods.items()):
            table.add_row(period, f"{f.articles:,}", f"{f.words:,}",
                          _rate(f.technique_rate, interval=f.technique_rate_ci),
                          _rate(f.named_share, share=True, interval=f.named_share_ci))
        _out.print(table)
