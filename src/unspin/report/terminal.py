"""Text from articles made safe to show on a terminal.

An article is input from strangers. Written to a terminal as it is, ``ESC ] 0 ; ... BEL``
sets the window's title, ``ESC [ 2 J`` clears the screen, other sequences move the cursor
or rewrite what is shown, and the bidi overrides U+202E and U+2066-U+2069 make a line read
in another order than it is written. ``printable`` replaces every such character with a
visible stand-in of the same length: C0 controls and DEL with their Unicode "control
pictures" (ESC shows as ␛), C1 controls and bidi controls with U+FFFD. Offsets into a
neutralised text are still offsets into the original, and a reader sees that something
was there.

Every line the CLI writes from an article, an input's name or the corpus goes through
``printable`` (the text report as a whole, error lines through ``one_line``), so a line
added later is covered without knowing it.
"""

from __future__ import annotations

REPLACEMENT = "\ufffd"
# Bidi embeddings, overrides and isolates, and the marks that can reorder a line.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_KEPT = "\n\t"


def _table(keep: str) -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in keep}
    table[0x7F] = "\u2421"
    table.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
    table.update({ord(c): REPLACEMENT for c in BIDI_CONTROLS})
    return table


_MULTILINE = _table(_KEPT)
_ONE_LINE = _table("")


def printable(text: str) -> str:
    """``text`` with every terminal control character (C0 but newline and tab, DEL, C1)
    and every bidi control replaced by a visible character; same length."""
    return text.translate(_MULTILINE)


def one_line(text: str) -> str:
    """``printable`` for a line that must stay one line (an error message naming an
    input): newlines and tabs are shown as ␊ and ␉ too."""
    return text.translate(_ONE_LINE)


_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}
_JSON_ESCAPES.update({ord(c): f"\\u{ord(c):04x}" for c in BIDI_CONTROLS})


def json_escaped(text: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but writes DEL, C1
    controls (U+009B is a CSI to some terminals) and bidi overrides as they are; outside a string
    they cannot occur, so escaping them in place keeps the JSON's meaning exactly.
    """
    return text.translate(_JSON_ESCAPES)


def is_printable(text: str) -> bool:
    """Whether ``text`` has nothing ``printable`` would replace."""
    return printable(text) == text
