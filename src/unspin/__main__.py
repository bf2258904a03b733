"""``python -m unspin``: the same as the ``unspin`` command."""

from .cli import main

main()
