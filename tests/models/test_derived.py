"""The user-cache copies of what is slow to derive from installed packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.models import derived as derived_module
from unspin.models.derived import cache_dir, derived


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_build(calls: list[int]) -> dict[str, int]:
    calls.append(1)
    return {"built": len(calls)}


def test_derived_builds_once_then_reads_back(cache: Path) -> None:
    calls: list[int] = []
    first = derived("thing", "numpy", lambda: counting_build(calls))
    again = derived("thing", "numpy", lambda: counting_build(calls))
    assert first == again == {"built": 1} and calls == [1]
    assert [p.name.startswith("thing-numpy-") for p in cache.iterdir()] == [True]


def test_derived_rebuilds_a_damaged_file(cache: Path) -> None:
    calls: list[int] = []
    derived("thing", "numpy", lambda: counting_build(calls))
    (kept,) = cache.iterdir()
    kept.write_bytes(b"\x80\x05not a pickle")
    assert derived("thing", "numpy", lambda: counting_build(calls)) == {"built": 2}
    assert derived("thing", "numpy", lambda: counting_build(calls)) == {"built": 2}


def test_derived_without_a_writable_folder_still_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(blocker / "cache"))
    calls: list[int] = []
    assert derived("thing", "numpy", lambda: counting_build(calls)) == {"built": 1}
    assert derived("thing", "numpy", lambda: counting_build(calls)) == {"built": 2}
    assert not list(tmp_path.glob("**/.thing*"))  # no temporary file left behind


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UNSPIN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache_dir() == Path("/somewhere/unspin")
    monkeypatch.setenv("UNSPIN_CACHE_DIR", "/elsewhere")
    assert cache_dir() == Path("/elsewhere")
    assert derived_module.cache_dir is cache_dir


def test_kept_first_name_genders_are_the_lexicons_verdicts(cache: Path) -> None:
    from gender_guesser.detector import Detector

    from unspin.resolve.referents import _genders_from_package, first_name_gender

    kept = derived("first-name-genders", "gender-guesser", _genders_from_package)
    assert derived("first-name-genders", "gender-guesser", _genders_from_package) == kept
    lexicon = Detector(case_sensitive=False)
    for name in list(lexicon.names)[::50]:
        verdict = {"male": "m", "female": "f"}.get(lexicon.get_gender(name))
        assert kept.get(name) == verdict, name
    assert first_name_gender("Karen") == "f" and first_name_gender("Yuriy") == "m"
    assert first_name_gender("Kim") is None  # "mostly" or either: not sure


@pytest.mark.slow
def test_kept_language_identifier_classifies_as_the_package(cache: Path) -> None:
    from unspin.stages.language import _identifier_from_package

    texts = ["The ministry said the talks would resume next week.",
             "Министерство заявило, что переговоры возобновятся на следующей неделе.",
             "Le ministère a déclaré que les négociations reprendraient."]
    built = derived("language-identifier", "py3langid", _identifier_from_package)
    kept = derived("language-identifier", "py3langid", _identifier_from_package)
    assert kept is not built  # read back from the file
    assert [kept.classify(t) for t in texts] == [built.classify(t) for t in texts]
    assert [kept.classify(t)[0] for t in texts] == ["en", "ru", "fr"]
