"""Resolving source mentions: who "he", "Sarandon" or "the newspaper" is, and whether a
source is named, a document, vague or no source at all. Used by the quotes stage; see
docs/quotes.md."""

from .referents import Referent, Referents
from .speakers import NOT_A_SOURCE, Discourse, Resolution

__all__ = ["NOT_A_SOURCE", "Discourse", "Referent", "Referents", "Resolution"]
