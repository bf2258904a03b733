"""The encoder pass: each article read in context by MiniLM, once, for every model that
needs token states (the technique tagger's heads, the check-worthiness head).

The text read is ``analysis.kept_text()``, so removed text is blank. The reading settings
(window, overlap, layers, int8) are the shipped technique tagger's, since its heads were
trained on exactly that reading; the check-worthiness head reads a subset of the layers.
Articles in a language the models do not know are not read (``token_states`` stays None).
"""

from __future__ import annotations

from ..document import Analysis
from ..models.encoder import ContextEncoder


class EncodeStage:
    """Leaves an ``EncodedText`` on ``analysis.token_states`` (never in the output).

    Args:
        reader: the encoder to read with (default: the shipped tagger's reading).
        device: ``auto``, ``cpu`` or ``cuda`` (``Options.device``).
    """

    def __init__(self, reader: ContextEncoder | None = None, *, device: str = "cpu") -> None:
        self._own = reader
        self.device = device

    @property
    def reader(self) -> ContextEncoder:
        """Loaded on first use, so building a pipeline loads no model."""
        if self._own is None:
            from ..models.device import resolve
            from ..models.encoder import context_encoder
            from ..models.techniques import default_tagger

            cfg = default_tagger().config
            self._own = context_encoder(cfg.window, cfg.overlap, tuple(cfg.layers),
                                        default_tagger().quantize, resolve(self.device))
        return self._own

    def load(self) -> None:
        _ = self.reader

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.language is None or analysis.language.supported:
            analysis.token_states = self.reader.encode(analysis.kept_text())
        return analysis
