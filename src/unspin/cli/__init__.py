"""The ``unspin`` command: thin Typer commands over the library.

Every error becomes one line on stderr and a documented exit code (docs/cli.md); a
traceback is shown only with ``UNSPIN_DEBUG=1``. A usage error (an unknown option, a bad
``--format``) is one line too, naming the help to read, not a framed box; the help is
plain text (``rich_markup_mode=None``), so a ``[default: ...]`` in an option's help is
shown, not taken for markup, and flags show no ``<bool>``.
"""

from __future__ import annotations

import os
import sys

import typer
from typer.exceptions import TyperException

from ..errors import UnspinError
from .analyze import analyze_command
from .console import error_line
from .corpus import corpus_app
from .models import evaluate_app, train_app
from .serve import serve_command

app = typer.Typer(
    name="unspin",
    help="Show what news articles claim, whom they cite and how they try to persuade.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
app.command("analyze")(analyze_command)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(corpus_app, name="corpus")
app.command("serve")(serve_command)

INTERNAL_ERROR = 70
INTERRUPTED = 130
USAGE_ERROR = 2


def main() -> None:
    # torch and OpenMP start one thread per core unless told otherwise. An analysis runs
    # one process per core already (workers), and for a single article a second thread
    # bought little while, on a busy machine, its spin-waiting multiplied the CPU time of
    # the encoder and the technique heads 3-40x (docs/benchmarks.md, "One article, cold").
    # Training commands set their own count (--threads); OMP_NUM_THREADS still wins.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        code = app(standalone_mode=False)
    except TyperException as error:
        usage(error)
    except typer.Abort:
        fail("aborted", 1)
    except UnspinError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", INTERRUPTED)
    except Exception as error:  # the promise is one line, never a traceback
        if os.environ.get("UNSPIN_DEBUG"):
            raise
        fail(f"internal error: {type(error).__name__}: {error} (set UNSPIN_DEBUG=1 for details "
             "and please report it)", INTERNAL_ERROR)


    raise SystemExit(code if isinstance(code, int) else 0)


def usage(error: TyperException) -> None:
    """A usage error as one line, with the command whose help explains it; a command
    given no arguments (``no_args_is_help``) shows its help, as it always did."""
    context = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError":
        print(error.format_message(), file=sys.stderr)
        raise SystemExit(USAGE_ERROR)
    message = " ".join(error.format_message().split())
    where = f" (see `{context.command_path} --help`)" if context is not None else ""
    fail(message + where, getattr(error, "exit_code", USAGE_ERROR))


def fail(message: str, code: int) -> None:
    print(error_line(message), file=sys.stderr)
    raise SystemExit(code)
