"""Readers' corrections: a finding marked wrong, or one the analysis missed.

Analysts correct what they read (``unspin serve``'s article page, or ``Corpus.correct``);
each correction is a row of ``corrections`` with who made it and when. A ``wrong`` row
names the finding by its layer (the findings table: ``techniques``, ``claims`` ...) and
its ``ord`` there, and copies its span and label, so the row still says what was judged
if the article is analysed again. A ``missed`` row gives the span a reader found and, for
the layers that have one, its label (a technique, a source kind, an entity label).

``export_training`` turns them into the files the training commands read, so corrections
can become training data: a PTC folder for ``unspin train techniques --data`` and a
ClaimBuster-style JSON file for ``unspin train checkworthy --claimbuster``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..document import SOURCE_KINDS
from ..errors import ConfigError, CorpusError, NotInCorpus
from ..glossary import TECHNIQUES
from .schema import SPAN_TABLES, utcnow
from .store import Store

VERDICTS = ("wrong", "missed")
LAYERS = SPAN_TABLES
# The finding's field that a correction copies as its ``label``, per layer (claims have none).
LABEL_FIELDS = {"techniques": "technique", "quotes": "kind", "sources": "kind",
                "entities": "label", "removed": "kind"}
# Labels a missed finding may carry, where the layer has a closed set.
QUOTE_KINDS = ("direct", "indirect", "mixed")
REMOVED_KINDS = ("ad", "boilerplate", "related", "share", "credit", "syndication")
MAX_AUTHOR = 100
MAX_REASON = 2000
# Formats the training commands read: a PTC folder, a ClaimBuster-style JSON file.
TRAINING_FORMATS = ("ptc", "claimbuster")


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    article_id: str
    layer: str
    ord: int | None
    verdict: str
    start: int
    end: int
    text: str
    label: str | None
    reason: str | None
    author: str
    created_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat(timespec="seconds") + "Z"
        return data


_COLUMNS = ('id, article_id, layer, ord, verdict, start, "end", text, label, reason, author, '
            'created_at')


def correct(store: Store, article_id: str, *, layer: str, verdict: str, author: str,
            ord: int | None = None, start: int | None = None, end: int | None = None,
            label: str | None = None, reason: str | None = None) -> Correction:
    """Store one correction of the article ``article_id`` (a full id) and return it.

    Args:
        layer: the findings table the finding is (or would be) in.
        verdict: ``wrong`` (give ``ord``) or ``missed`` (give ``start``, ``end`` and, for
            techniques and sources, ``label``).
        author: who corrects: a name or handle, 1 to 100 characters.

    Raises:
        NotInCorpus: no stored article has that id, or it has no such finding.
        ConfigError: an unknown layer or verdict, a span outside the text, a label the
            layer does not have, or an empty author.
    """
    author, reason = _checked_author(author), _checked_reason(reason)
    if layer not in LAYERS:
        raise ConfigError(f"unknown layer {layer!r}; layers: {', '.join(LAYERS)}")
    analysis = _analysis(store, article_id)
    if verdict == "wrong":
        row = _wrong(analysis, layer, ord)
    elif verdict == "missed":
        row = _missed(analysis["text"], layer, start, end, label)
    else:
        raise ConfigError(f"unknown verdict {verdict!r}; verdicts: {', '.join(VERDICTS)}")
    values = [article_id, layer, row["ord"], verdict, row["start"], row["end"], row["text"],
              row["label"], reason, author, utcnow()]
    with store.write() as writer:
        found = writer.execute(
            'INSERT INTO corrections (article_id, layer, ord, verdict, start, "end", text, '
            f"label, reason, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"RETURNING {_COLUMNS}", values)
    return Correction(*found.rows[0])


def _checked_author(author: str) -> str:
    author = " ".join(author.split())
    if not author or len(author) > MAX_AUTHOR:
        raise ConfigError(f"author must be 1 to {MAX_AUTHOR} characters (who corrects)")
    return author


def _checked_reason(reason: str | None) -> str | None:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ConfigError(f"reason must be at most {MAX_REASON} characters")
    return reason or None


def _analysis(store: Store, article_id: str) -> dict[str, Any]:
    found = store.execute("SELECT analysis FROM articles WHERE id = ?", [article_id]).scalar()
    if found is None:
        raise NotInCorpus(f"{article_id}: no stored article has this id")
    data: dict[str, Any] = json.loads(found)
    return data


def _wrong(analysis: dict[str, Any], layer: str, ord: int | None) -> dict[str, Any]:
    findings = analysis.get(layer) or []
    if ord is None or not 0 <= ord < len(findings):
        raise NotInCorpus(f"the article has no finding {ord} in {layer} "
                          f"({len(findings)} there, numbered from 0)")
    finding = findings[ord]
    label = finding.get(LABEL_FIELDS.get(layer, ""))
    return {"ord": ord, "start": finding["start"], "end": finding["end"],
            "text": finding["text"], "label": label if isinstance(label, str) else None}


def _missed(text: str, layer: str, start: int | None, end: int | None,
            label: str | None) -> dict[str, Any]:
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise ConfigError(f"a missed finding needs start < end within the text "
                          f"(0 to {len(text)}), got {start} to {end}")
    return {"ord": None, "start": start, "end": end, "text": text[start:end],
            "label": _checked_label(layer, label)}


def _checked_label(layer: str, label: str | None) -> str | None:
    label = (label or "").strip() or None
    allowed: tuple[str, ...] | None = {
        "techniques": tuple(TECHNIQUES), "sources": SOURCE_KINDS[:-1],
        "quotes": QUOTE_KINDS, "removed": REMOVED_KINDS, "claims": ()}.get(layer)
    if layer in ("techniques", "sources") and label is None:
        raise ConfigError(f"a missed finding in {layer} needs a label: {', '.join(allowed or ())}")
    if label is not None and allowed is not None and label not in allowed:
        raise ConfigError(f"{layer} has no label {label!r}; labels: "
                          f"{', '.join(allowed) or 'none'}")
    if label is not None and len(label) > MAX_AUTHOR:
        raise ConfigError(f"a label is at most {MAX_AUTHOR} characters")
    return label


def corrections(store: Store, article_id: str | None = None, *, limit: int = 100,
                offset: int = 0) -> tuple[list[Correction], int]:
    """Corrections, newest first: of one article or of all; and how many there are."""
    where, params = ("WHERE article_id = $article", {"article": article_id}) \
        if article_id is not None else ("", {})
    total = int(store.execute(f"SELECT count(*) FROM corrections {where}", params).scalar())
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM corrections {where} ORDER BY created_at DESC, id DESC "
        "LIMIT $limit OFFSET $offset", {**params, "limit": limit, "offset": offset}).rows
    return [Correction(*row) for row in rows], total


def withdraw(store: Store, correction_id: int) -> Correction:
    """Delete one correction (its author changed their mind) and return it.

    Raises:
        NotInCorpus: no correction has that id.
    """
    with store.write() as writer:
        found = writer.execute(f"DELETE FROM corrections WHERE id = ? RETURNING {_COLUMNS}",
                               [correction_id]).rows
    if not found:
        raise NotInCorpus(f"no correction has the id {correction_id}")
    return Correction(*found[0])


def export_training(store: Store, fmt: str, out: str | os.PathLike[str]) -> int:
    """Write the corrections as training data; return how many examples were written.

    ``ptc``: a folder laid out like the PTC training data (``train-articles/`` and the
    task 1 and task 2 label folders), one article per article with a technique
    correction; its labels are the stored technique spans less those marked wrong, plus
    those marked missed (a PTC article is labelled whole, so spans nobody marked wrong
    are kept as labels). ``claimbuster``: a JSON list of ``sentence_id``, ``text`` and
    ``label`` (0: a claim marked wrong, not check-worthy; 1: a claim marked missed).

    Raises:
        CorpusError: an unknown format, or a place that cannot be written.
    """
    if fmt not in TRAINING_FORMATS:
        raise CorpusError(f"unknown training format {fmt!r}; formats: "
                          f"{', '.join(TRAINING_FORMATS)}")
    path = Path(out)
    try:
        return _ptc(store, path) if fmt == "ptc" else _claimbuster(store, path)
    except OSError as error:
        raise CorpusError(f"{path}: cannot write: {error.strerror}") from error


def _ptc(store: Store, out: Path) -> int:
    if out.exists() and not out.is_dir():
        raise CorpusError(f"{out}: exists and is not a folder (the PTC format is a folder)")
    rows = store.execute(
        "SELECT c.article_id, any_value(a.analysis) FROM corrections c JOIN articles a "
        "ON a.id = c.article_id WHERE c.layer = 'techniques' GROUP BY c.article_id "
        "ORDER BY c.article_id").rows
    folders = {name: out / name for name in ("train-articles",
                                             "train-labels-task1-span-identification",
                                             "train-labels-task2-technique-classification")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    spans = 0
    for article_id, analysis_json in rows:
        analysis = json.loads(analysis_json)
        text, at = universal_newlines(analysis["text"])
        labels = [(at[s], at[e], t) for s, e, t in _technique_labels(store, article_id,
                                                                     analysis)]
        (folders["train-articles"] / f"article{article_id}.txt").write_text(
            text, encoding="utf-8")
        (folders["train-labels-task2-technique-classification"]
         / f"article{article_id}.task2-TC.labels").write_text(
            "".join(f"{article_id}\t{t}\t{s}\t{e}\n" for s, e, t in labels), encoding="utf-8")
        (folders["train-labels-task1-span-identification"]
         / f"article{article_id}.task1-SI.labels").write_text(
            "".join(f"{article_id}\t{s}\t{e}\n" for s, e in sorted({(s, e) for s, e, _ in labels})),
            encoding="utf-8")
        spans += len(labels)
    return spans


def universal_newlines(text: str) -> tuple[str, list[int]]:
    """``text`` with every line ending made ``\\n``, and where each offset of ``text``
    lands in it: the training code reads articles with Python's universal newlines, so
    a ``\\r\\n`` kept in the file would shift every offset after it."""
    out: list[str] = []
    at: list[int] = []
    for n, char in enumerate(text):
        at.append(len(out))
        if char == "\r":
            if text[n + 1:n + 2] != "\n":
                out.append("\n")
            continue
        out.append(char)
    at.append(len(out))
    return "".join(out), at


def _technique_labels(store: Store, article_id: str, analysis: dict[str, Any]
                      ) -> list[tuple[int, int, str]]:
    """The stored technique spans less those marked wrong, plus those marked missed."""
    marked = store.execute(
        "SELECT verdict, ord, start, \"end\", label FROM corrections "
        "WHERE article_id = ? AND layer = 'techniques'", [article_id]).rows
    wrong = {ord for verdict, ord, *_ in marked if verdict == "wrong"}
    kept = {(t["start"], t["end"], t["technique"])
            for n, t in enumerate(analysis.get("techniques") or []) if n not in wrong}
    kept |= {(s, e, label) for verdict, _, s, e, label in marked
             if verdict == "missed" and label}
    return sorted(kept)


def _claimbuster(store: Store, out: Path) -> int:
    if not out.parent.is_dir():
        raise CorpusError(f"{out}: the folder {out.parent} does not exist")
    rows = store.execute(
        "SELECT id, text, verdict FROM corrections WHERE layer = 'claims' ORDER BY id").rows
    examples = [{"sentence_id": int(cid), "text": text, "label": int(verdict == "missed")}
                for cid, text, verdict in rows]
    out.write_text(json.dumps(examples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(examples)
