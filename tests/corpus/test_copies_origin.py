"""A copies group's origin when dates do not decide: the member whose outlet the others
cite, else the member written in the language of an outlet outside the group that a
version in another language cites (``copies.likely_origin``), read from the stored
findings (the ``sources`` table) of a corpus of our own short texts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.clirun import run_cli
from unspin.corpus import open_corpus, translations
from unspin.corpus.add import store_analyses
from unspin.corpus.copies import Member, OutletLanguages, Signature, likely_origin
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Article, Language, Source, SourceRef

from .handmade import PairEncoder

# --- the rules, on members made by hand ---------------------------------------------------


def _member(name: str, *, site: str | None = None, url: str | None = None,
            date: str | None = None, origin: str | None = None, language: str | None = None,
            cites: tuple[str, ...] = (), order: int = 0) -> Member:
    return Member(name, site, url, date, origin, (dt.datetime(2024, 1, 1, 0, order), name),
                  Signature(0, b""), language, cites)


def _said(members: list[Member], language_of: dict[str, str] | None = None
          ) -> tuple[str | None, str | None, str]:
    found = likely_origin(members, (language_of or {}).get)
    return found.article_id, found.name, found.reason


def test_copies_origin_cited_by_others_across_scripts() -> None:
    """The English version, stored first, says "as RIA Novosti reported"; the Russian
    one is RIA Novosti's, its site written in Cyrillic: the Russian one is the origin."""
    members = [_member("en", site="Liberty Wire", date="2024-11-05", language="en",
                       cites=("RIA Novosti", "Igor Petrov")),
               _member("ru", site="РИА Новости", date="2024-11-05T18:00", language="ru",
                       order=1)]
    assert _said(members) == ("ru", "РИА Новости", "cited by others")


def test_copies_origin_cited_in_cyrillic_by_host() -> None:
    """«как сообщает РИА Новости» in the Russian copy names the English-language member
    whose URL host is rianovosti (no site name stored)."""
    members = [_member("ru", site="Вектор", language="ru", cites=("РИА Новости",)),
               _member("en", url="https://www.rianovosti.example/world/1", language="en",
                       order=1)]
    assert _said(members) == ("en", None, "cited by others")


@pytest.mark.parametrize(("members", "expected"), [
    # Each cites the other: nothing decided by citation.
    ([_member("a", site="Northwire", cites=("Вектор",)),
      _member("b", site="Vektor", cites=("Northwire",), order=1)], ("a", "first stored")),
    # An outlet naming itself ("RIA Novosti reported earlier") is no citation.
    ([_member("a", site="Liberty Wire"),
      _member("b", site="RIA Novosti", cites=("RIA Novosti",), order=1)],
     ("a", "first stored")),
    # One citation of an outlet the group does not hold.
    ([_member("a", site="Liberty Wire", cites=("Reuters",)),
      _member("b", site="Northwire", order=1)], ("a", "first stored")),
])
def test_copies_origin_citation_that_decides_nothing(
        members: list[Member], expected: tuple[str, str]) -> None:
    found = likely_origin(members)
    assert (found.article_id, found.reason) == expected


def test_copies_origin_cited_outlet_with_two_versions() -> None:
    """Two versions from the cited outlet (its site and its English service's host):
    the first stored of them."""
    members = [_member("en", site="Liberty Wire", cites=("RIA Novosti",)),
               _member("ria1", url="https://rianovosti.example/1", order=1),
               _member("ria2", site="RIA Novosti", order=2)]
    assert _said(members) == ("ria1", None, "cited by others")


def test_copies_origin_own_dateline_is_no_vote() -> None:
    """A wire's story names its own outlet in its dateline ("PARIS, April 10
    (Northwire) —"): it is still the origin the copy names, not an outlet "not in the
    corpus"; when every version names only itself, the names decide nothing."""
    wire = _member("en", site="Northwire", date="2025-04-10", origin="Northwire")
    copy = _member("ru", site="Вектор-Информ", date="2025-04-10", origin="Northwire", order=1)
    assert _said([copy, wire]) == ("en", "Northwire", "named")
    own = _member("ru", site="Вектор-Информ", date="2025-04-10", origin="Vektor-Inform",
                  order=1)
    assert _said([wire, own]) == ("en", "Northwire", "first stored")


def test_copies_origin_named_outlet_spelled_another_way_in_cyrillic() -> None:
    """The English version's origin line names "Poludenny Kurier"; the Russian version's
    site is «Полуденный курьер», which anyascii spells "Poludennyi kur'er": one outlet, so
    the Russian version is the named origin rather than a name "not in the corpus"."""
    copy = _member("en", site="Liberty Wire", origin="Poludenny Kurier")
    original = _member("ru", site="Полуденный курьер", order=1)
    assert _said([copy, original]) == ("ru", "Poludenny Kurier", "named")


@pytest.mark.parametrize("site", [
    "Полуденный вестник",  # another outlet with a name in common
    "Poludennyi Kurer",  # a near spelling in the same script: another outlet, or a typo
    "Курьер",  # too short to spare a letter
])
def test_copies_origin_names_alike_but_not_one_outlet(site: str) -> None:
    members = [_member("en", site="Liberty Wire", origin="Poludenny Kurier"),
               _member("other", site=site, order=1)]
    assert _said(members) == (None, "Poludenny Kurier", "named")
    short = [_member("en", site="Liberty Wire", origin="Kurier"),
             _member("other", site=site, order=1)]
    assert _said(short)[0] is None


def test_copies_origin_earlier_rules_come_first() -> None:
    cited = _member("ru", site="RIA Novosti", date="2024-11-06", language="ru", order=1)
    citing = _member("en", site="Liberty Wire", date="2024-11-05", language="en",
                     cites=("RIA Novosti",))
    assert _said([citing, cited]) == ("en", "Liberty Wire", "earliest date")
    named = _member("en", site="Liberty Wire", origin="Northwire", cites=("RIA Novosti",))
    assert _said([named, _member("ru", site="RIA Novosti", order=1)]) == (
        None, "Northwire", "named")


def test_copies_origin_only_the_tied_are_candidates() -> None:
    """Two versions dated the same day and one undated that the others cite: the
    undated one was not shown to be as early, so the cited rule passes it by."""
    members = [_member("a", site="Liberty Wire", date="2024-11-05", cites=("Northwire",)),
               _member("b", site="Vektor", date="2024-11-05", cites=("Northwire",), order=1),
               _member("c", site="Northwire", order=2)]
    assert _said(members) == ("a", "Liberty Wire", "first stored")


def test_copies_origin_language_of_the_cited_outlet() -> None:
    """The English version, stored first, cites RIA Novosti, which the group does not
    hold; the corpus's RIA Novosti articles are Russian: the Russian version is the
    origin (the English one was translated from it)."""
    members = [_member("en", site="Liberty Wire", language="en", cites=("RIA Novosti",)),
               _member("ru", site="Вектор", language="ru", order=1)]
    assert _said(members, {"RIA Novosti": "ru"}) == ("ru", "Вектор",
                                                     "language of the cited outlet")
    # Not known where the cited outlet writes: the first stored.
    assert _said(members) == ("en", "Liberty Wire", "first stored")


@pytest.mark.parametrize("members", [
    # Only the version in the outlet's own language cites it: no sign of a translation.
    [_member("en", site="Liberty Wire", language="en"),
     _member("ru", site="Вектор", language="ru", cites=("RIA Novosti",), order=1)],
    # A version of unknown language could be the one in the outlet's language.
    [_member("en", site="Liberty Wire", language="en", cites=("RIA Novosti",)),
     _member("x", site="Вектор", language=None, order=1)],
    # The citing version's language is not known, so not shown to be another one.
    [_member("en", site="Liberty Wire", date="2024-11-05", language="en"),
     _member("ru", site="Вектор", date="2024-11-05", language="ru", order=1),
     _member("x", site="Northwire", cites=("RIA Novosti",), order=2)],
    # Every version in one language: the language tells none apart.
    [_member("en", site="Liberty Wire", language="en", cites=("RIA Novosti",)),
     _member("en2", site="Northwire", language="en", order=1)],
])
def test_copies_origin_language_that_decides_nothing(members: list[Member]) -> None:
    found = likely_origin(members, {"RIA Novosti": "ru"}.get)
    assert (found.article_id, found.reason) == (members[0].article_id, "first stored")


def test_copies_origin_cited_outlets_in_two_languages_decide_nothing() -> None:
    members = [_member("en", site="Liberty Wire", language="en", cites=("RIA Novosti",)),
               _member("ru", site="Вектор", language="ru", cites=("Northwire",), order=1)]
    assert _said(members, {"RIA Novosti": "ru", "Northwire": "en"})[2] == "first stored"


# --- in a corpus --------------------------------------------------------------------------

# Our own short story in English and in Russian, sentence by sentence; the encoder below
# gives a sentence and its translation one vector.
STORY = [(("Grain exports from the southern ports fell by a fifth in October, as RIA "
           "Novosti reported."),
          "Экспорт зерна из южных портов в октябре упал на пятую часть."),
         ("Freight costs rose sharply after storms closed two terminals.",
          "Стоимость фрахта резко выросла после того, как штормы закрыли два терминала."),
         ("Insurers doubled the premiums for ships.",
          "Страховщики удвоили премии для судов."),
         ("Traders expect a recovery in the spring.",
          "Трейдеры ждут восстановления весной.")]
OTHER = ["Центральный банк повысил ключевую ставку.", "Инфляция ускорилась в ноябре.",
         "Кредиты для бизнеса подорожают.", "Аналитики ждут нового повышения."]
# The outlet the English version cites: its analysis's named source, made by hand.
CITED = "RIA Novosti"


class Lookup(PairEncoder):
    """Unit vectors by meaning: a sentence and its translation share one."""

    def __init__(self) -> None:
        super().__init__(STORY)


def _analysis(path: str, text: str, language: str, site: str, date: str | None,
              cites: str | None = None) -> Analysis:
    analysis = Analysis.from_article(Article(source=Source(path=path), text=text))
    analysis.language = Language(language, 1.0, language == "en")
    analysis.metadata.language = language
    analysis.metadata.date = date
    analysis.metadata.site = site
    if cites:
        at = text.index(cites)
        analysis.sources = [SourceRef(at, at + len(cites), cites, "named_organization", cites)]
    return analysis


def _corpus(path: Path, ru_site: str, extra: list[Analysis]) -> Path:
    english = " ".join(en for en, _ in STORY)
    russian = " ".join(ru for _, ru in STORY)
    made = [_analysis("grain-en.txt", english, "en", "Liberty Wire", "2024-11-05T09:00",
                      CITED),
            _analysis("grain-ru.txt", russian, "ru", ru_site, "2024-11-05T16:30"), *extra]
    with open_corpus(path) as corpus:
        store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
        assert translations.link_new(corpus.store, Lookup()) == 1
    return path


def _copies(db: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, object]]:
    monkeypatch.setenv("COLUMNS", "200")  # names unfolded, whatever the runner's terminal
    code, out, err = run_cli(["corpus", "copies", "grain-en.txt", "--db", str(db)],
                             capsys, monkeypatch)
    assert code == 0, err
    code, data, err = run_cli(["corpus", "copies", "grain-en.txt", "--db", str(db),
                               "--json"], capsys, monkeypatch)
    assert code == 0, err
    return out, json.loads(data)


def test_copies_origin_corpus_the_cited_outlets_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Same day, the English version stored first and citing RIA Novosti; the Russian
    version is RIA Novosti's: `corpus copies` names it the origin, cited by others."""
    db = _corpus(tmp_path / "cited.duckdb", "РИА Новости", [])
    out, data = _copies(db, capsys, monkeypatch)
    assert "likely origin (*): РИА Новости (cited by others)" in out
    assert data["origin"] == {"name": "РИА Новости", "reason": "cited by others"}
    assert [(c["language"], c["origin"]) for c in data["copies"]] == [  # type: ignore[index]
        ("en", False), ("ru", True)]
    # The translations section below the group tells the origin by the same rules.
    assert "likely origin (*): РИА Новости (cited by others)" in out.split("translation")[-1]
    assert data["translations"]["origin"] == data["origin"]  # type: ignore[index]


def test_copies_origin_corpus_the_cited_outlets_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The Russian version is Vektor's; RIA Novosti, which the English version cites, is
    not in the group, but the corpus holds one of its articles, in Russian: the Russian
    version is the origin, by the cited outlet's language."""
    ria = _analysis("rates-ria.txt", " ".join(OTHER), "ru", "РИА Новости", "2024-11-04")
    db = _corpus(tmp_path / "language.duckdb", "Вектор", [ria])
    out, data = _copies(db, capsys, monkeypatch)
    assert "likely origin (*): Вектор (language of the cited outlet)" in out
    assert data["origin"] == {"name": "Вектор", "reason": "language of the cited outlet"}
    assert data["translations"]["origin"] == data["origin"]  # type: ignore[index]
    with open_corpus(db, create=False) as corpus:
        language_of = OutletLanguages(corpus.store.conn)
        assert language_of("RIA Novosti") == language_of("РИА Новости") == "ru"
        assert language_of("Liberty Wire") == "en" and language_of("Reuters") is None


def test_copies_origin_corpus_outlet_in_two_languages_decides_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    ria_ru = _analysis("rates-ria.txt", " ".join(OTHER), "ru", "РИА Новости", "2024-11-04")
    ria_en = _analysis("rates-ria-en.txt", "The central bank raised its key rate again. "
                       "Loans will cost more.", "en", "RIA Novosti", "2024-11-04")
    db = _corpus(tmp_path / "both.duckdb", "Вектор", [ria_ru, ria_en])
    _, data = _copies(db, capsys, monkeypatch)
    assert data["origin"] == {"name": "Liberty Wire", "reason": "first stored"}


# Our own article and our own full Russian translation of it, each a JSON Lines record:
# the English version cites the outlet that published the Russian one.
SEED_EN = (
    "Grain exports from the southern ports fell by a fifth in October, as RIA Novosti "
    "reported on Tuesday. Freight costs rose sharply after storms closed two terminals "
    "near Novorossiysk. Insurers doubled the premiums they charge for ships entering the "
    "area. Port officials said loading would resume once the weather improved. Traders "
    "expect a recovery in the spring, when new contracts are signed. The ministry of "
    "agriculture has not commented on the figures.")
SEED_RU = (
    "Экспорт зерна из южных портов в октябре сократился на пятую часть. Стоимость фрахта "
    "резко выросла после того, как штормы закрыли два терминала под Новороссийском. "
    "Страховщики вдвое повысили премии для судов, заходящих в этот район. Как заявили в "
    "администрации порта, погрузка возобновится, когда погода улучшится. Трейдеры ожидают "
    "восстановления весной, когда будут подписаны новые контракты. Министерство сельского "
    "хозяйства пока не прокомментировало эти данные.")


@pytest.mark.slow  # the whole pipeline, in English and Russian, and the multilingual encoder
def test_copies_origin_corpus_add_reads_the_stored_sources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`corpus add` stores the English version's named source (RIA Novosti, found by
    the sources stage) and links the translation; `corpus copies` reads it: the Russian
    version, RIA Novosti's, is the origin, cited by others."""
    records = tmp_path / "grain.jsonl"
    records.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"text": SEED_EN, "site": "Liberty Wire", "date": "2024-11-05"},
        {"text": SEED_RU, "site": "РИА Новости", "date": "2024-11-05"})) + "\n",
        encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    code, _, err = run_cli(["corpus", "add", str(records), "--db", db, "--workers", "1"],
                           capsys, monkeypatch)
    assert code == 0, err
    code, out, err = run_cli(["corpus", "copies", f"{records}#1", "--db", db, "--json"],
                             capsys, monkeypatch)
    assert code == 0, err
    data = json.loads(out)
    assert data["origin"] == {"name": "РИА Новости", "reason": "cited by others"}
    assert sorted((c["language"], c["origin"]) for c in data["copies"]) == [
        ("en", False), ("ru", True)]
