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
from unspin.glossary import TECHNIQUES

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


def _table(doc: str, heading: str) -> list[list[str]]:
    """The rows of the first table under ``## heading``, cells stripped of backticks."""
    section = (DOCS / doc).read_text().split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [[c.strip().strip("`") for c in row.strip("|").split("|")] for row in rows]


SRC = Path(__file__).resolve().parents[1] / "src" / "unspin"
# Options read through a method rather than as an attribute.
_READ_THROUGH = {"stage_config": "config_for"}


def test_docs_options_table_is_exactly_the_options_each_read_by_something() -> None:
    documented = [row[0] for row in _table_top("configuration.md")]
    assert sorted(documented) == sorted(f.name for f in dataclasses.fields(Options))
    code = "\n".join(p.read_text() for p in SRC.rglob("*.py") if p.name != "config.py")
    for name in documented:
        used = _READ_THROUGH.get(name, name)
        assert re.search(rf"\.{used}\b", code), f"option {name} is documented but nothing reads it"


def _table_top(doc: str) -> list[list[str]]:
    """The rows of the first table of ``doc``."""
    lines = (DOCS / doc).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip().strip("`") for c in line.strip("|").split("|")])
    return rows


def test_docs_stage_tables_match_the_registry() -> None:
    from unspin.registry import BUILTIN

    stages = _table("configuration.md", "Stages")
    assert [row[0] for row in stages] == [spec.name for spec in BUILTIN]
    for row, spec in zip(stages, BUILTIN):
        assert row[1].split(", ") == list(spec.requires), spec.name
        assert row[2].split(", ") == list(spec.assigns), spec.name
    settings = {(row[0], row[1]): row[2] for row in _table("configuration.md", "Stage settings")}
    assert settings == {(spec.name, key): str(value) for spec in BUILTIN
                        for key, value in spec.config.items()}


def test_docs_every_stage_setting_is_a_parameter_of_its_stage() -> None:
    import importlib
    import inspect

    from unspin.registry import BUILTIN

    for spec in BUILTIN:
        assert isinstance(spec.factory, str)
        module, _, name = spec.factory.partition(":")
        parameters = inspect.signature(getattr(importlib.import_module(module), name)).parameters
        for key in spec.config:
            assert key in parameters, f"{spec.name} does not take its setting {key}"


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
