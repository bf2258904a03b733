"""What unspin derives from installed packages once, kept in the user's cache folder.

Two of the models every English analysis loads ship in a form that is slow to read on
every start: py3langid's model is an LZMA-compressed archive (about 0.7 of the 1.1 CPU s
its identifier takes to load is decompression), and gender-guesser parses its 48,000-line
name list line by line in Python (0.3 s). A cold ``unspin analyze`` of one article pays
both before any output (docs/benchmarks.md, "One article, cold"). The objects they build
are pickled here the first time and read back afterwards (about 0.1 s together).

The folder is ``$UNSPIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/unspin``, else
``~/.cache/unspin``. Each file is named by what it holds, the version of the package it
came from and unspin's own version (which derived it), so an upgrade of either makes a
new one. Nothing here is ever required: when the folder
cannot be written or a file cannot be read back, the object is built from the package as
before. Files are written whole (a temporary file renamed), so a run cut short leaves no
half file; only unspin writes them, and they hold nothing from the texts analysed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Where derived files live (the folder is made when the first one is written)."""
    if os.environ.get("UNSPIN_CACHE_DIR"):
        return Path(os.environ["UNSPIN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "unspin"


def derived(name: str, package: str, build: Callable[[], T]) -> T:
    """``build()``'s result, read from the cache when an earlier run kept it.

    Args:
        name: what the object is (part of the file name).
        package: the distribution it comes from; its version names the file.
        build: makes the object from the package (slow; run when there is no good copy).
    """
    from .. import __version__  # at call time: the package has finished importing

    path = (cache_dir() /
            f"{name}-{package}-{metadata.version(package)}-unspin-{__version__}.pickle")
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError,
                             ImportError, ValueError):
        with path.open("rb") as file:
            kept: T = pickle.load(file)  # written by _keep below, never by anyone else
        return kept
    made = build()
    _keep(path, made)
    return made


def _keep(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` whole, or not at all (a read-only home is not an error)."""
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
