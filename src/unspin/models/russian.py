"""Russian sentences and named entities: razdel and slovnet's news NER over navec vectors.

These are the libraries natasha is built on (MIT). The NER model and the navec embeddings
ship inside the ``natasha`` wheel, which is where they are read from, offline; natasha
itself is not imported, since its morphology module needs ``pymorphy2``, which no longer
works on current Python (unspin reads lemmas with pymorphy3 instead, ``russian.cues``).
About 29 MB of files, loaded in 1.5 s, once per process and only when a Russian article
comes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ModelError

NAVEC = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
NER = "data/model/slovnet_ner_news_v1.tar"
# slovnet's labels as the English pipeline's (``Entity.label``).
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def _natasha_data(relative: str) -> Path:
    """A file of the installed natasha package, found without importing natasha."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the Russian models package natasha is not installed; "
                         "run `make install`")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise ModelError(f"natasha's file {relative} is missing; reinstall natasha")
    return path


@cache
def russian_ner() -> Any:
    """slovnet's news NER with its navec vectors, loaded once per process."""
    try:
        from navec import Navec
        from slovnet import NER as SlovnetNER
    except ImportError as error:
        raise ModelError("slovnet and navec are not installed; run `make install`") from error
    ner = SlovnetNER.load(str(_natasha_data(NER)))
    ner.navec(Navec.load(str(_natasha_data(NAVEC))))
    return ner


def entities(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of every named person, organisation and place in ``text``."""
    for span in russian_ner()(text).spans:
        if span.type in LABELS:
            yield span.start, span.stop, LABELS[span.type]


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, by razdel's rules for Russian, inside
    paragraphs cut as the English parse cuts them (razdel alone runs a headline, which has
    no full stop, into the next line)."""
    from razdel import sentenize

    from .english import paragraphs

    start = 0
    for paragraph in paragraphs(text):
        for piece in sentenize(paragraph):
            yield start + piece.start, start + piece.stop
        start += len(paragraph)
