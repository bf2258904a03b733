"""The ``unspin`` command: thin Typer commands over the library.

Every error becomes one line on stderr and a documented exit code (docs/cli.md); a
traceback is shown only with ``UNSPIN_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys

import typer

from ..errors import UnspinError
from .analyze import analyze_command
from .corpus import corpus_app
from .models import evaluate_app, train_app
from .serve import serve_command

app = typer.Typer(
    name="unspin",
    help="Show what news articles claim, whom they cite and how they try to persuade.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("analyze")(analyze_command)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(corpus_app, name="corpus")
app.command("serve")(serve_command)

INTERNAL_ERROR = 70
INTERRUPTED = 130


def main() -> None:
    try:
        app(standalone_mode=True)
    except UnspinError as error:
        fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", INTERRUPTED)
    except Exception as error:  # the promise is one line, never a traceback
        if os.environ.get("UNSPIN_DEBUG"):
            raise
        fail(f"internal error: {type(error).__name__}: {error} (set UNSPIN_DEBUG=1 for details "
             "and please report it)", INTERNAL_ERROR)


def fail(message: str, code: int) -> None:
    print(f"unspin: error: {message}", file=sys.stderr)
    raise SystemExit(code)
