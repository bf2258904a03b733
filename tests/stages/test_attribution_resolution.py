"""Speaker resolution by families of mention (docs/attribution-guidelines.md, section 22):
relative pronouns, pronouns after a vague group, shared surnames, definite descriptions of
bodies and the edges of a name; each on a short article of our own."""

from __future__ import annotations

from unspin.resolve.speakers import quoted_spans
from unspin.stages.quotes import find_quotes


def test_resolution_the_quotes_stage_and_the_resolver_share_one_quoted_passage() -> None:
    text = ("The mayor spoke after the vote.\n\n"
            "\"We will not raise the fare this year,\nnor the next one,\" the mayor said.\n")
    start = text.index("\"We")
    end = text.index("one,\"") + len("one,\"")
    assert quoted_spans(text) == [(start, end)]
    contents = [q.content.text for q in find_quotes(text)]
    assert text[start:end] in contents, contents
