"""Language identification, with py3langid (a maintained, offline langid.py fork).

Non-English articles are analysed only by the language-independent stages: later stages
read ``analysis.language.supported`` and skip, leaving a note that says so. Russian ones
also get sentences and entities from the Russian stage (``russian_nlp``), so their note
does not say entities need English.
"""

from __future__ import annotations

from functools import cache

from ..document import Analysis, Language
from ..models.derived import derived

SUPPORTED = frozenset({"en"})
# Enough characters to decide reliably; identification cost grows with length.
_SAMPLE_CHARS = 4000


@cache
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's identifier, kept decompressed in the user's cache after the first run
    (``models.derived``): reading the package's LZMA archive is most of its load time."""
    return derived("language-identifier", "py3langid", _identifier_from_package)


def _identifier_from_package():  # type: ignore[no-untyped-def]
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
        if language.code == "ru":
            analysis.notes.append(
                f"language is 'ru' (p={language.score:.2f}), not English: no English model "
                "ran; persuasion techniques need English")
        elif not language.supported:
            analysis.notes.append(
                f"language is {language.code!r} (p={language.score:.2f}), not English: only "
                "language-independent stages ran (cleaning, sentences); entities, claims and "
                "techniques need English"
            )
        return analysis
