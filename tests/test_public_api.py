"""The public surface is pinned: adding or removing a name is a deliberate change."""

from __future__ import annotations

import unspin


def test_public_api_exports_exactly_these_names() -> None:
    assert sorted(unspin.__all__) == sorted([
        "SCHEMA_VERSION", "Analysis", "Article", "Entity", "Language", "Metadata", "Options",
        "Part", "Removed", "Sentence", "Source", "Span", "TechniqueSpan", "UnspinError",
        "analyze", "extract",
    ])
    for name in unspin.__all__:
        assert hasattr(unspin, name)


def test_public_api_unknown_option_lists_the_valid_ones() -> None:
    import pytest

    from unspin.errors import ConfigError

    with pytest.raises(ConfigError, match="valid options: .*allow_private"):
        unspin.analyze("x.txt", no_such_option=1)
