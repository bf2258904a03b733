"""``unspin train ...`` and ``unspin evaluate ...``: the commands that build and score models."""

from __future__ import annotations

import typer

train_app = typer.Typer(help="Train the models unspin ships.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score models against gold labels.", no_args_is_help=True)
