"""The consoles every command writes through: article text neutralised, nothing
interpreted, tables as wide as their content when the output is piped.

Strings reach Rich's layout through ``Console.render_str`` (a table's cells and title, a
printed line), so neutralising there (``report.terminal.printable``) covers every line a
command prints, whoever writes it; Rich's own styling is added after it, so colours on a
terminal still work. Markup and emoji codes are off: a title holding "[link=...]" is
shown as written.

Without a terminal (``unspin corpus profile | less``), Rich would lay tables out 80
columns wide, or as wide as a terminal the command was started from, and cut long words
("Loaded_L…"); piped output is ``PIPED_WIDTH`` columns wide instead, unless ``COLUMNS``
says otherwise.
"""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console, ConsoleDimensions
from rich.text import Text

from ..report.terminal import one_line, printable

PIPED_WIDTH = 200


class SafeConsole(Console):
    """A Rich console that neutralises what it prints and does not squeeze piped output."""

    def __init__(self, *, stderr: bool = False) -> None:
        super().__init__(stderr=stderr, highlight=False, soft_wrap=True, markup=False,
                         emoji=False)
        # Rich fixes the width from COLUMNS when the console is made (at import); the
        # width is read when printing instead, from the environment as it is then.
        self._width = None

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(printable(text), **kwargs)

    @property
    def size(self) -> ConsoleDimensions:
        found = Console.size.fget(self)  # type: ignore[attr-defined]
        if self._width is not None or self.is_terminal:
            return found  # type: ignore[no-any-return]
        columns = os.environ.get("COLUMNS", "")
        return ConsoleDimensions(int(columns) if columns.isdigit() else PIPED_WIDTH,
                                 found.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]


def error_line(message: str) -> str:
    """``unspin: error: MESSAGE`` as one neutralised line."""
    return f"unspin: error: {one_line(message)}"
