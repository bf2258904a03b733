"""Language identification, with py3langid (a maintained, offline langid.py fork).

Non-English articles are analysed only by the language-independent stages: later stages
read ``analysis.language.supported`` and skip, leaving a note that says so.
"""

from __future__ import annotations

from functools import cache

from ..document import Analysis, Language

SUPPORTED = frozenset({"en"})
# Enough characters to decide reliably; identification cost grows with length.
_SAMPLE_CHARS = 4000


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> Language:
    """The most likely language of ``text`` with its normalised probability."""
    sample = " ".join(text[:_SAMPLE_CHARS].split())
    if not sample:
        return Language(code="und", score=0.0, supported=False)
    code, score = _identifier().classify(sample)
    return Language(code=code, score=round(float(score), 4), supported=code in SUPPORTED)


class LanguageStage:
    def load(self) -> None:
        _identifier()

    def __call__(self, analysis: Analysis) -> Analysis:
        language = identify(analysis.kept_text())
        analysis.language = language
        analysis.metadata.language = language.code
        if not language.supported:
            analysis.notes.append(
                f"language is {language.code!r} (p={language.score:.2f}), not English: only "
                "language-independent stages ran (cleaning, sentences); entities, claims and "
                "techniques need English"
            )
        return analysis
