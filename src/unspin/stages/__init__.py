"""Built-in stages, registered by importing their modules (one job each)."""

from . import claims, clean, language, nlp, quotes, sources, techniques  # noqa: F401
