"""Built-in stages, registered by importing their modules (one job each)."""

from . import clean, language, nlp  # noqa: F401
