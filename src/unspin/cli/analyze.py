"""``unspin analyze``: many inputs in one process, one report out."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)

from ..config import Options, make_options
from ..document import Outcome
from ..errors import UnspinError
from ..ingest import collect
from ..pipeline import models_for
from ..report import render
from ..runner import analyze_many
from .console import SafeConsole, error_line

SOME_FAILED = 8


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


class TechniquesSetting(str, Enum):
    precision = "precision"
    recall = "recall"


TECHNIQUES_HELP = ("Persuasion techniques shown: precision (only spans the model is sure "
                   "enough of) or recall (every span at the balanced thresholds).")


def techniques_config(setting: TechniquesSetting) -> dict[str, dict[str, str]]:
    """The ``stage_config`` the ``--techniques`` option stands for."""
    return {"unspin.techniques.v1": {"setting": setting.value}}


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


def analyze_command(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories, globs, http(s) URLs, or - for stdin.", show_default=False,
        metavar="INPUTS")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report here instead of stdout.",
        show_default=False)] = None,
    site: Annotated[str | None, typer.Option(
        "--site", help="The outlet that published the articles, when you know it (a "
        "plain-text file names none); wins over the site a page names.",
        show_default=False)] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow URLs that resolve to private or loopback addresses.",
        show_default=False)] = False,
    max_bytes: Annotated[int | None, typer.Option(
        help="Refuse inputs larger than this many bytes.  [default: 5 MiB]",
        show_default=False)] = None,
    timeout: Annotated[float | None, typer.Option(
        help="Seconds allowed for each network phase of a fetch.  [default: 20]",
        show_default=False)] = None,
    workers: Annotated[int | None, typer.Option(
        help="Processes for many inputs.  [default: one per CPU core]",
        show_default=False)] = None,
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated stage names to run.  [default: the full pipeline]",
        show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.",
                                        show_default=False)] = False,
    device: Annotated[Device, typer.Option(
        help="Where the encoder runs: a CUDA GPU when there is one (auto), cpu or cuda.")
    ] = Device.auto,
    techniques: Annotated[TechniquesSetting, typer.Option(help=TECHNIQUES_HELP)
                          ] = TechniquesSetting.precision,
) -> None:
    """Analyse articles and print a report: text, JSON, JSON Lines or a standalone HTML page."""
    options = make_options(allow_private=allow_private, max_input_bytes=max_bytes,
                           fetch_timeout=timeout, workers=workers, site=site,
                           device=device.value,
                           stage_config=techniques_config(techniques),
                           stages=tuple(s.strip() for s in stages.split(",") if s.strip())
                           if stages else None)
    items = collect(inputs, options, stdin=sys.stdin.buffer)
    results = _run(items, options, show_progress=len(items) > 1 and not quiet)
    analyses = [r.analysis for r in results if r.analysis is not None]
    failures = [r for r in results if r.error is not None]
    for failure in failures:
        _err.print(error_line(failure.message))
    if analyses:
        _write(render(analyses, fmt.value), output)
    if failures:
        first = failures[0].error
        raise SystemExit(first.exit_code if len(results) == 1 and first else SOME_FAILED)


_err = SafeConsole(stderr=True)


def _run(items: list[str | Outcome], options: Options, *, show_progress: bool
         ) -> list[Outcome]:
    if not show_progress:
        return list(analyze_many(items, options))
    loading(options)
    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
               TaskProgressColumn(show_speed=True), TimeRemainingColumn())
    # No refresh thread: worker processes may be forked while the bar is shown.
    with Progress(*columns, console=_err, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("analyse", total=len(items))

        def advance(n: int) -> None:
            progress.advance(task, n)
            progress.refresh()

        progress.refresh()
        return list(analyze_many(items, options, on_progress=advance))


def loading(options: Options) -> None:
    """Say which models load before anything moves: loading takes seconds."""
    models = models_for(options.stages)
    if models:
        _err.print(f"unspin: loading models: {', '.join(models)}", markup=False,
                   highlight=False, soft_wrap=True)


def _write(report: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(report)
        # Into a pipe, stdout is block-buffered and Python flushes it at exit only after
        # the atexit handlers (torch's among them) have run: about a second late.
        sys.stdout.flush()
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as error:
        raise UnspinError(f"cannot write {output}: {error.strerror}") from error

