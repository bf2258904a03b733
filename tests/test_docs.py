"""Docs that cannot drift: every option, setting and exit code is documented."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import click
import pytest
import typer.main

from unspin.cli import app
from unspin.config import Options
from unspin.techniques_info import TECHNIQUES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands() -> list[tuple[str, click.Command]]:
    root = typer.main.get_command(app)
    found = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):  # a group (Typer bundles its own click)
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            found.append((name, command))
    return found


@pytest.mark.parametrize("name,command", _commands(), ids=lambda x: getattr(x, "name", x))
def test_docs_every_cli_option_is_documented(name: str, command: click.Command) -> None:
    text = "\n".join(p.read_text() for p in DOCS.glob("*.md"))
    assert f"unspin {name}" in text, f"`unspin {name}` is not in docs/"
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}`" in text, f"{opt} of `unspin {name}` is undocumented"


def test_docs_every_option_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text()
    for field in dataclasses.fields(Options):
        assert f"`{field.name}`" in text, f"option {field.name} is not in docs/configuration.md"


def test_docs_every_exit_code_is_documented() -> None:
    from unspin import errors

    table = (DOCS / "cli.md").read_text()
    codes = {cls.exit_code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.UnspinError)}
    for code in codes | {8, 70, 130}:
        assert re.search(rf"^\| {code} \|", table, re.MULTILINE), f"exit code {code} undocumented"


def test_docs_techniques_lines_match_the_code() -> None:
    text = (DOCS / "techniques.md").read_text()
    for name, line in TECHNIQUES.items():
        assert name in text and line in text, f"{name} differs between code and docs"
