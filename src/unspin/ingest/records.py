"""What the input's own file states about an article, and the guard that keeps one bad
record of a many-article file from stopping the rest."""

from __future__ import annotations

from typing import Any

from ..document import Article, Outcome
from ..errors import InputError, UnspinError

METADATA_FIELDS = ("url", "title", "author", "date", "site")


def guarded(label: str, make: Any, *args: Any) -> Outcome:
    """One article of a many-article file: its failure, whatever it is, stays its own."""
    try:
        return Outcome(label, article=make(*args))
    except UnspinError as error:
        return Outcome(label, error=error)
    except Exception as error:  # noqa: BLE001 - a parser's bug fails only its record
        return Outcome(label, error=InputError(
            f"{label}: cannot be read ({type(error).__name__}: {error})"))


def with_site(article: Article, site: str | None) -> Article:
    """The outlet the user named for the run (``Options.site``) wins over the page's."""
    if site and site.strip():
        article.metadata.site = site.strip()
    return article


def with_metadata(article: Article, given: dict[str, str | None]) -> Article:
    """What the input states about an article wins over what was found in the page."""
    for key, value in given.items():
        if value:
            setattr(article.metadata, key, value)
    return article
