"""``unspin train ...`` and ``unspin evaluate ...``: the commands that build and score models.

Training reads the public data sets (``../shared/data``, see each SOURCE.md) and writes a
model folder that ``from_pretrained`` loads; the shipped models were made with exactly
these commands (their MODEL_CARD.md says which, with the seed and the scores).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import ConfigError, InputNotFound

train_app = typer.Typer(help="Train the models unspin ships.", no_args_is_help=True,
                        rich_markup_mode=None)
evaluate_app = typer.Typer(help="Score models against gold labels.", no_args_is_help=True,
                           rich_markup_mode=None)

Seed = Annotated[int, typer.Option(help="Random seed (the shipped models use 13).")]
Out = Annotated[Path, typer.Option("--out", help="Folder to write the model to.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]


@train_app.command("techniques")
def train_techniques_command(
    data: Annotated[Path, typer.Option(help="The PTC folder (train-articles/, train-labels-*).")],
    out: Out,
    seed: Seed = 13,
    epochs: Annotated[int, typer.Option(help="Training epochs over each head.")] = 10,
    heads: Annotated[int, typer.Option(help="Heads trained (seeds SEED, SEED+1, ...) and "
                                       "averaged.")] = 3,
    threads: Annotated[int, typer.Option(help="CPU threads for torch.")] = 2,
    folds: Annotated[int, typer.Option(help="Folds of the training articles the decision "
                                       "layer is fitted on (heads trained per fold).")] = 5,
    heads_from: Annotated[Path | None, typer.Option(
        help="Keep the heads and balanced thresholds of this model folder; fit only the "
        "decision layer.")] = None,
    cache: Annotated[Path | None, typer.Option(
        help="Folder to keep encoder features and fold heads in between runs (several "
        "GB; default: a temporary folder).")] = None,
    fold_heads: Annotated[int | None, typer.Option(
        help="Heads trained on each fold for the decision layer (default: --heads).")] = None,
    as_json: AsJson = False,
) -> None:
    """Train the persuasion-technique tagger on PTC training articles (hours on 2 CPU
    cores: the heads, then heads on each fold for the decision layer); a fifth of the
    articles, by id, is held out for the balanced thresholds and the scores."""
    import torch

    from ..training.technique_run import train_techniques

    _need_dir(data / "train-articles", "PTC training articles")
    if heads < 1 or epochs < 1 or folds < 2 or (fold_heads is not None and fold_heads < 1):
        raise ConfigError("--heads, --fold-heads and --epochs must be 1 or more, --folds 2 "
                          "or more")
    if heads_from is not None and not (heads_from / "head.safetensors").is_file():
        raise InputNotFound(f"--heads-from {heads_from}: no head.safetensors there")
    torch.set_num_threads(threads)
    scores = train_techniques(data, _out_dir(out), seed=seed, epochs=epochs, heads=heads,
                              folds=folds, heads_from=heads_from, cache_dir=cache,
                              fold_heads=fold_heads, log=not as_json)
    _print_scores("technique tagger, validation split", scores, as_json)


@train_app.command("checkworthy")
def train_checkworthy_command(
    claimbuster: Annotated[Path, typer.Option(help="The ClaimBuster folder.")],
    checkthat: Annotated[Path, typer.Option(help="The CheckThat! 2019 task 1 folder.")],
    polnear: Annotated[Path, typer.Option(
        help="The PolNeAR folder: the articles of our labelled news sentences.")],
    out: Out,
    news_labels: Annotated[Path | None, typer.Option(
        help="Labelled news sentences (default: the repository's tests data).")] = None,
    seed: Seed = 13,
    threads: Annotated[int, typer.Option(help="CPU threads for torch.")] = 2,
    cache: Annotated[Path | None, typer.Option(
        help="Keep the encoder states here and reuse them on the next run.")] = None,
    as_json: AsJson = False,
) -> None:
    """Train the check-worthiness head on ClaimBuster and our labelled PolNeAR training
    sentences (each CheckThat! 2019 transcript held out in turn for the MAP figure)."""
    import torch

    from ..training.checkworthy_cv import NEWS_LABELS, train_checkworthy

    _need_dir(claimbuster, "ClaimBuster data")
    _need_dir(checkthat, "CheckThat! 2019 data")
    _need_dir(polnear / "train", "PolNeAR data")
    labels = news_labels or NEWS_LABELS
    if not labels.is_file():
        raise InputNotFound(f"--news-labels {labels}: no such file")
    torch.set_num_threads(threads)
    scores = train_checkworthy(claimbuster, checkthat, _out_dir(out), polnear=polnear,
                               news_labels=labels, seed=seed, cache=cache)
    _print_scores("check-worthiness, held-back parts", scores, as_json)


@train_app.command("sources")
def train_sources_command(
    polnear: Annotated[Path, typer.Option(help="The PolNeAR folder (its train split is read).")],
    out: Out,
    reserved: Annotated[Path | None, typer.Option(
        help="A file of PolNeAR article names (one a line) never to train on.")] = None,
    attribution_set: Annotated[Path | None, typer.Option(
        help="The attribution set, whose PolNeAR articles are never trained on "
             "(default: the repository's tests data).")] = None,
    limit: Annotated[int | None, typer.Option(
        help="Train on this many eligible articles, drawn with seed 14 (all by default).")]
        = None,
    c: Annotated[float, typer.Option("--c", help="Inverse L2 strength of the regression.")]
        = 0.1,
    gate: Annotated[float, typer.Option(
        help="Span probability a rule's vague source needs to be kept.")] = 0.05,
    propose: Annotated[float | None, typer.Option(
        help="Token probability from which the detector proposes a source (default: "
             "none proposed).")] = None,
    cache: Annotated[Path | None, typer.Option(
        help="Keep the encoder states here and reuse them on the next run.")] = None,
    threads: Annotated[int, typer.Option(help="CPU threads for torch.")] = 2,
    as_json: AsJson = False,
) -> None:
    """Train the source-span detector on PolNeAR train source spans (the attribution set's
    articles and the ``--reserved`` ones left out; five folds of articles for the scores)."""
    import torch

    from ..training.source_spans import ATTRIBUTION_SET, train_sources

    _need_dir(polnear / "train", "PolNeAR data")
    held_out = attribution_set or ATTRIBUTION_SET
    _need_dir(held_out / "polnear", "the attribution set's PolNeAR labels")
    if reserved is not None and not reserved.is_file():
        raise InputNotFound(f"--reserved {reserved}: no such file")
    if limit is not None and limit < 10:
        raise ConfigError("--limit must be 10 or more (five folds of articles)")
    if c <= 0:
        raise ConfigError("--c must be above 0")
    if not 0 <= gate < 1 or propose is not None and not 0 < propose < 1:
        raise ConfigError("--gate must be in [0, 1) and --propose in (0, 1)")
    torch.set_num_threads(threads)
    scores = train_sources(polnear, _out_dir(out), attribution_dir=held_out,
                           reserved=reserved, cache=cache, limit=limit, c=c, gate=gate,
                           propose=propose, log=not as_json)
    _print_scores("source-span detector, 5 folds of articles", scores, as_json)


@evaluate_app.command("techniques")
def evaluate_techniques_command(
    articles: Annotated[Path, typer.Option(help="Folder of articleID.txt files.")],
    labels: Annotated[Path, typer.Option(help="Gold labels: a PTC task 1 or task 2 file, or a "
                                         "folder of .labels files.")],
    model: Annotated[Path | None, typer.Option(help="Model folder (default: the shipped one).")]
    = None,
    predictions: Annotated[Path | None, typer.Option(
        help="Score this task 2 file instead of running a model.")] = None,
    ids: Annotated[Path | None, typer.Option(
        help="A file of article ids, one per line: score only those.")] = None,
    setting: Annotated[str, typer.Option(
        help="The tagger's setting: precision (the default, as reports show) or recall.")]
    = "precision",
    as_json: AsJson = False,
) -> None:
    """Score technique spans against gold PTC labels: SI (SemEval-2020 Task 11) and FLC
    (NLP4IF-2019) precision, recall and F1 with partial-overlap credit."""
    from ..models.technique_scoring import SETTINGS
    from ..training.techniques import evaluate_techniques

    _need_dir(articles, "articles folder")
    for path in (labels, predictions, ids, model):
        if path is not None and not path.exists():
            raise InputNotFound(f"{path}: no such file or folder")
    if setting not in SETTINGS:
        raise ConfigError(f"--setting {setting!r}: accepted {', '.join(SETTINGS)}")
    chosen = ids.read_text().split() if ids else None
    result = evaluate_techniques(articles, labels, model, predictions_file=predictions, ids=chosen,
                                 setting=setting)
    _print_scores(f"techniques, {result['articles']} articles", result, as_json)


def _need_dir(path: Path, what: str) -> None:
    if not path.is_dir():
        raise InputNotFound(f"{path}: not a folder ({what} expected)")


def _out_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _print_scores(title: str, scores: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(scores, indent=2))
        return
    table = Table(title=title)
    for column in ("score", "precision", "recall", "F1 / value"):
        table.add_column(column)
    for name, value in _rows(scores):
        if isinstance(value, dict):
            table.add_row(name, *(f"{value[k]:.3f}" for k in ("precision", "recall", "f1")))
        else:
            table.add_row(name, "", "", f"{value:g}")
    Console().print(table)


def _rows(scores: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted name, P/R/F1 dict or number) for every score, nested ones included."""
    rows: list[tuple[str, Any]] = []
    for key, value in scores.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and {"precision", "recall", "f1"} <= value.keys():
            rows.append((name, value))
        elif isinstance(value, dict):
            rows += _rows(value, f"{name}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            rows.append((name, value))
    return rows
