"""Every ``unspin corpus`` subcommand and option is documented in docs/cli.md.

tests/test_docs.py finds subcommands with ``isinstance(command, click.Group)``, which the
groups of a Typer that bundles its own click are not; this walks them by ``commands``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from unspin.cli import app

CLI_DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _corpus_commands() -> list[tuple[str, object]]:
    group = typer.main.get_command(app).commands["corpus"]  # type: ignore[attr-defined]
    return sorted(group.commands.items())


@pytest.mark.parametrize("name,command", _corpus_commands(), ids=lambda x: getattr(x, "name", x))
def test_cli_docs_every_corpus_option_is_documented(name: str, command: object) -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    section = text.split(f"### `unspin corpus {name}", 1)
    assert len(section) == 2, f"docs/cli.md has no `### unspin corpus {name}` heading"
    body = section[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    for param in command.params:  # type: ignore[attr-defined]
        for opt in getattr(param, "opts", []):
            if opt.startswith("-") and opt != "--help":
                assert f"`{opt}`" in body or (opt == "--db" and "`--db" in text), \
                    f"{opt} of `unspin corpus {name}` is not in its section of docs/cli.md"


def test_cli_docs_corpus_has_all_eight_commands() -> None:
    assert [name for name, _ in _corpus_commands()] == [
        "add", "claims", "copies", "export", "ledger", "match", "profile", "stats"]
