"""The words and patterns numbers are read by: number words, scales, currencies,
hedges that make a bound, units of time and measure, months and years, and the regular
expressions built from them.

Hand-written on purpose: these are closed lists of English words (no package keeps
them with the bounds a fact-checker needs, see docs/numbers.md "Why not quantulum3"), and
a list is easier to review than a model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# ---------------------------------------------------------------------------- lexicon

SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {w: float(i) for i, w in enumerate(SMALL)} | {
    w: float(10 * i) for i, w in enumerate(TENS, start=2)} | {"a": 1.0, "an": 1.0}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
          "trillion": 1e12, "dozen": 12.0, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6,
          "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
CURRENCY = {"$": "dollars", "us$": "dollars", "£": "pounds", "€": "euros", "¥": "yen",
            "₴": "hryvnias", "₽": "rubles"}
_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                  "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
                  "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
                  "nineteenth"]
ORDINALS = {w: float(i) for i, w in enumerate(_ORDINAL_WORDS, start=1)} | {
    "twentieth": 20.0, "thirtieth": 30.0, "fortieth": 40.0, "fiftieth": 50.0,
    "hundredth": 100.0}
# Denominators of spelled fractions: "a third", "two-thirds", "one-tenth".
FRACTIONS = {"half": 2.0, "halves": 2.0, "third": 3.0, "thirds": 3.0, "quarter": 4.0,
             "quarters": 4.0, "fifth": 5.0, "fifths": 5.0, "sixth": 6.0, "sixths": 6.0,
             "eighth": 8.0, "eighths": 8.0, "tenth": 10.0, "tenths": 10.0}
MULTIPLIERS = {"double": 2.0, "twice": 2.0, "twofold": 2.0, "triple": 3.0, "thrice": 3.0,
               "threefold": 3.0, "quadruple": 4.0, "fourfold": 4.0, "fivefold": 5.0,
               "tenfold": 10.0}
# "hundreds of" says at least two hundred: the lower bound is the smallest plural.
VAGUE = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
         "millions": 2e6, "billions": 2e9, "trillions": 2e12, "tens": 20.0}
LOWER = {"more than", "over", "above", "at least", "in excess of", "upwards of",
         "well over", "just over", "a little over", "no fewer than", "no less than",
         "slightly more than", "a bit more than", "or more", "and more", "and over", "or over",
         "and above", "or above", "and older", "or older", "+", "surpassed",
         "exceeded", "topped", "-something"}
UPPER = {"fewer than", "less than", "under", "below", "up to", "at most", "no more than",
         "approaching", "nearing",
         "as many as", "as much as", "nearly", "almost", "just under", "not quite",
         "or fewer", "or less", "under-"}
APPROX = {"about", "around", "roughly", "approximately", "some", "an estimated",
          "estimated", "close to", "circa", "or so", "some estimated", "near", "nearly to"}
NATIONALITIES = {"Ukrainian": "Ukraine", "Russian": "Russia", "American": "United States",
                 "British": "United Kingdom", "Chinese": "China", "French": "France",
                 "German": "Germany", "Israeli": "Israel", "Palestinian": "Palestine",
                 "Polish": "Poland", "Iranian": "Iran", "Syrian": "Syria",
                 "Turkish": "Turkey", "Belarusian": "Belarus", "Indian": "India",
                 "Japanese": "Japan", "Italian": "Italy", "Spanish": "Spain",
                 "Canadian": "Canada", "Mexican": "Mexico", "Georgian": "Georgia",
                 "Moldovan": "Moldova", "Hungarian": "Hungary", "Afghan": "Afghanistan",
                 "Iraqi": "Iraq", "Lebanese": "Lebanon", "Yemeni": "Yemen"}
QUANTITY_NOUNS = {"number", "numbers", "rate", "figure", "figures", "total", "count",
                  "share", "price", "prices", "cost", "costs", "level", "levels", "amount",
                  "toll", "unemployment", "inflation"}
RISE = {"grow", "grows", "grew", "growing", "grown", "rise", "rises", "rose", "rising",
        "risen", "increase", "increases", "increased", "increasing", "soar", "soared",
        "soaring", "climb", "climbed", "climbing", "surge", "surged", "jumped",
        "accelerated", "accelerating"}
FALL = {"fall", "falls", "fell", "falling", "fallen", "drop", "drops", "dropped",
        "dropping", "decline", "declined", "declining", "decrease", "decreased",
        "decreasing", "shrink", "shrank", "shrinking", "plunged", "slumped"}
REPEAT_VERBS = {"double": "doubled", "doubled": "doubled", "doubles": "doubled",
                "doubling": "doubled", "triple": "tripled", "tripled": "tripled",
                "triples": "tripled", "quadrupled": "quadrupled", "halved": "halved",
                "halve": "halved", "halves": "halved"}
# Units of time: a number of them is a duration (or an age, with "old").
TIME_UNITS = {"second": "second", "seconds": "second", "minute": "minute",
              "minutes": "minute", "hour": "hour", "hours": "hour", "day": "day",
              "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
              "fortnights": "fortnight", "month": "month", "months": "month",
              "year": "year", "years": "year", "decade": "decade", "decades": "decade",
              "century": "century", "centuries": "century"}
# Units of measure: a number of them is a measure, never a count of things.
MEASURE_UNITS = {"megapixel": "megapixel", "megapixels": "megapixel", "pixel": "pixel",
                 "pixels": "pixel", "mile": "mile", "miles": "mile", "kilometre": "kilometre",
                 "kilometres": "kilometre", "kilometer": "kilometre",
                 "kilometers": "kilometre", "km": "kilometre", "metre": "metre",
                 "metres": "metre", "meter": "metre", "meters": "metre", "foot": "foot",
                 "feet": "foot", "inch": "inch", "inches": "inch", "yard": "yard",
                 "yards": "yard", "acre": "acre", "acres": "acre", "hectare": "hectare",
                 "hectares": "hectare", "kilogram": "kilogram", "kilograms": "kilogram",
                 "kg": "kilogram", "tonne": "tonne", "tonnes": "tonne", "ton": "ton",
                 "tons": "ton", "ounce": "ounce", "ounces": "ounce", "lb": "pound",
                 "lbs": "pound", "gallon": "gallon", "gallons": "gallon", "litre": "litre",
                 "litres": "litre", "liter": "litre", "liters": "litre", "barrel": "barrel",
                 "barrels": "barrel", "degree": "degree", "degrees": "degree",
                 "mph": "mile per hour", "megawatt": "megawatt", "megawatts": "megawatt",
                 "calorie": "calorie", "calories": "calorie", "square mile": "square mile",
                 "square miles": "square mile", "square feet": "square foot",
                 "square foot": "square foot", "square kilometres": "square kilometre",
                 "square kilometers": "square kilometre", "cubic metres": "cubic metre"}
# Units of data and computing, each prefix in its long and short forms ("26.6 megabytes",
# "27 megs", "39 kB", "3.2GHz"): a number of them is a measure, as miles are. Written out
# here rather than taken from a unit package because the text's informal forms ("megs",
# "gigs of RAM") and the plain-English plurals are what matter, and a package's table
# would read "m" and "s" as metres and seconds in every sentence.
_DATA_PREFIXES = {"": "", "kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P"}
DATA_UNITS = ({f"{long}{base}{plural}": f"{long}{base}" for long in _DATA_PREFIXES
               for base in ("byte", "bit") for plural in ("", "s")}
              | {f"{short}{b}": f"{long}byte" for long, short in _DATA_PREFIXES.items()
                 if short for b in ("B",)}
              | {f"{short}bps": f"{long}bit per second" for long, short in _DATA_PREFIXES.items()
                 if short}
              | {f"{short}Hz": f"{long}hertz" for long, short in _DATA_PREFIXES.items()}
              | {f"{long}hertz": f"{long}hertz" for long in _DATA_PREFIXES}
              | {"meg": "megabyte", "megs": "megabyte",
                 "kilowatt": "kilowatt", "kilowatts": "kilowatt", "kW": "kilowatt",
                 "kWh": "kilowatt hour", "MW": "megawatt", "gigawatt": "gigawatt",
                 "gigawatts": "gigawatt", "GW": "gigawatt", "watt": "watt", "watts": "watt",
                 "mAh": "milliamp hour", "volt": "volt", "volts": "volt"})
MEASURE_UNITS |= {k.lower(): v for k, v in DATA_UNITS.items()}
DATA_UNIT_WORDS = frozenset(k.lower() for k in DATA_UNITS)
# Words that make "pounds" a weight rather than a sum of money.
WEIGHT_CUES = re.compile(r"\b(?:weigh\w*|heav(?:y|ier|iest)|fish\w*|catch|caught|grow\s+to|"
                         r"pounds\s+of\s+(?!(?:his|her|their|its|our|taxpayers?|public)\b)"
                         r"[a-z]+|lose|lost|gain\w*|capped)\b", re.IGNORECASE)
# Nouns a number after them refers to, not counts ("canon 751", "Route 66", "page 4").
REFERENCE_NOUNS = {"article", "section", "canon", "chapter", "paragraph", "clause", "rule",
                   "resolution", "page", "pages", "line", "flight", "room", "route",
                   "highway", "interstate", "channel", "episode", "season", "volume",
                   "no", "no.", "number", "bill", "precinct", "ward", "gate", "platform",
                   "psalm", "verse", "proposition", "prop", "exit", "unit", "apartment",
                   "suite", "box", "code", "form", "title", "district", "level", "grade",
                   "phase", "stage", "version", "model", "tier", "category", "class",
                   "type", "item", "figure", "table", "appendix", "amendment", "act",
                   "part", "book", "vol", "vol.", "p.", "pp.", "gen", "ss", "ch."}
# Fixed terms with a number and no quantity to check. (A number glued to letters, as in
# "F-16", "G7", "COVID-19" or "Catch-22", is never read as a number at all: see ``ATOM``.)
FIXED_TERMS = re.compile(
    r"\b(?:two-state|one-state|third-party|third-world|one-two|one-on-one|one-off|one-time"
    r"|first-hand|second-hand|first-class|second-class|first-rate|second-rate|third-rate"
    r"|second\s+(?:home|nature|thoughts)|(?<=\ba\s)(?:thing|trick|word)\s+or\s+two"
    r"|first-ever|24/7|\d+-(?:year|month|week)\s+(?:treasury|note|bond|yield|mortgage|"
    r"fixed|loan)s?|(?:two|three|four|five|six|\d+)-(?:way|party|horse|man|point\s+plan|"
    r"pronged)|one-of-a-kind|first-in-the-(?:nation|country|world)"
    r"|[48]K(?=\s+(?:displays?|resolution|screens?|TVs?|televisions?|video|monitors?)\b))\b",
    re.IGNORECASE)
# Calls for help, not counts: "a 911 call", "dialled 999".
EMERGENCY = re.compile(r"(?:\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing)?|phoned?|ring|rang|"
                       r"text(?:ed)?)\s+)(?P<a>911|999|112|000)\b|\b(?P<b>911|999|112)"
                       r"(?=\s+(?:calls?|dispatch\w*|operators?|emergency|line|centers?|"
                       r"centres?)\b)", re.IGNORECASE)

# ---------------------------------------------------------------------------- patterns


def alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "seventeen" wins over "seven"; words of one
    length in alphabetical order, so the pattern is the same whatever order the words
    came in (a set's order changes with the hash seed)."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


# Digit groups set apart by commas, or by a plain, thin or no-break space as much of
# Europe and the wires write them ("2 000"): a space only between groups of exactly three,
# the first of one to three digits.
DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}(?![\d,.]\d))+(?!\d)"
          r"|\d+(?:\.\d+)?")
_UNIT_WORD = rf"(?:{alt(SMALL[1:10])})"
WORDNUM = rf"(?:{alt(TENS)})(?:(?:-|\s+(?=(?:{_UNIT_WORD})\b))(?:{_UNIT_WORD}))?|{alt(SMALL)}"
# The scale words, and after a space the short forms of the wires ("$16 bln", "4 mln"):
# never a bare "m" or "k", which after a space are more often metres or a list letter.
SCALE_WORDS = (r"(?:\s+(?:hundred|thousand|million|billion|trillion|dozen)\b"
               r"|\s+(?:bln|mln|bn|mn|tn|trn)\b)")
# Letters a digit may be glued to: scales, ordinals, decades, times, and units of measure.
DATA_GLUED = r"[kKMGTP]B|[kKMGT]bps|[kKMG]Hz|kWh?|MW|GW|mAh"
_GLUED = (rf"(?:bln|mln|trn|bn|mn|tn|k|m|st|nd|rd|th|s|am|pm|a\.m|p\.m|km|kg|mph|lbs?|pc|[CF]"
          rf"|{DATA_GLUED})\b")
# A slash after digits makes a fraction or a date ("3/4", "11/29"), except before a unit
# of a rate: "$7/month", "$60/person/year" are amounts per period or per head.
_PER_SLASH = r"(?:month|mo|year|yr|week|wk|day|hour|hr|night|person|head|user)\b"
# A number joined by a hyphen to capitals that are no unit ("3-D", "4-H", "10-K") or by
# a second dot to more digits (a version "1.8.3", an address) is part of a name: it is
# not read at all (section 6 of docs/numbers-guidelines.md).
_NAME_AFTER = r"(?!\.\d|(?-i:-(?!(?:MW|GW|kW|[kKMGT]B|[CF])\b)[A-Z]{1,3})(?![A-Za-z]))"
# The peoples whose currency a word after a number may name ("10 Canadian dollars"): the
# sum is still money, in that people's dollars.
CURRENCY_PEOPLE = (r"(?:US|U\.S\.|American|Canadian|Australian|New\s+Zealand|Hong\s+Kong|"
                   r"Singapore|Taiwan|Jamaican|Zimbabwe)")
NUMBER = (rf"(?:(?:{DIGITS})(?!\d|/(?!{_PER_SLASH}))(?:(?:bln|mln|trn|bn|mn|tn|k|m)\b)?"
          rf"{_NAME_AFTER}(?!(?!{_GLUED})[A-Za-z])"
          rf"|\b(?:{WORDNUM})\b{_NAME_AFTER}|\ban?(?={SCALE_WORDS})){SCALE_WORDS}*")
ATOM = re.compile(
    rf"(?<![\w.,:/\[#])(?<![A-Za-z]-)(?<![’'])(?P<cur>US\$|\$|£|€|¥|₴|₽)?(?P<num>{NUMBER})"
    r"(?P<pct>\s?%|pc\b|\s+(?:percentage\s+points?|per\s?cent|percent)\b)?"
    rf"(?P<curw>\s+(?:{CURRENCY_PEOPLE}\s+)?(?:dollars|euros|pounds|rubles|roubles|hryvnias?|yuan"
    r"|yen)\b)?",
    re.IGNORECASE)
# "1451 GMT": a 24-hour clock time without a colon, said by its time zone.
TIME = re.compile(r"\b(?:[01]\d|2[0-3])[0-5]\d\s+(?:GMT|UTC)\b"
                  r"|(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|CET|CEST|EST|EDT|"
                  r"PST|BST|MSK|[ap]\.?m\.?|[AP]M\b|[AP]\.M\.))?(?![\d:])"
                  r"|\b\d{1,2}\s*(?:(?:a\.m\.|p\.m\.|A\.M\.|P\.M\.)(?!\w)|(?:am|pm|AM|PM)\b)")
# In calendar order from Monday (``datetime.date.weekday`` counts from 0 there).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
# A month in title case or, as a dateline writes it ("JANUARY 17, 2018"), in capitals; not
# in lower case, where "may" and "march" are verbs.
MONTH = (rf"(?:(?:{alt(_MONTH_NAMES + [m.upper() for m in _MONTH_NAMES])})\b"
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))")
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|,\d)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "Nov, 29, 2016": a stray comma after the month is still a date when the year follows.
DATE = re.compile(rf"\b{MONTH},\s+{DAY},\s*{YEAR}"
                  rf"|\b{DAY}\s+{MONTH}(?:,?\s+{YEAR})?|\b{MONTH}\s+{DAY}(?:[-–]\d{{1,2}}\b)?"
                  rf"(?!\d|,\d{{3}})"
                  rf"(?:,\s*{YEAR})?|\b{MONTH},?\s+{YEAR}")
ORDINAL = re.compile(rf"\b\d+(?:st|nd|rd|th)\b|\b(?:(?:{alt(TENS)})-)?(?:{alt(ORDINALS)})\b",
                     re.IGNORECASE)
MULTIPLIER = re.compile(rf"\b(?:{alt(MULTIPLIERS)})\b|\b\d+(?:\.\d+)?-fold\b|(?<![\w.,])"
                        rf"(?:{NUMBER}) times(?=\s+(?:as|more|less|fewer|higher|lower|"
                        r"larger|bigger|greater|smaller|the)\b)", re.IGNORECASE)
# "ten of thousands" (a slip for "tens of") is read as "tens of thousands".
VAGUE_RE = re.compile(r"\b(?P<v>(?:tens?|hundreds?)\s+of\s+(?:thousands|millions|billions)\b"
                      r"|(?:dozens|scores|hundreds|thousands|millions|billions)(?=\s+of\b))"
                      r"|\b(?P<sum>cost|costs|spent|spend|lose|lost|save|saved|owe|owes|worth|"
                      r"earn|earned|raise|raised|pay|paid)\s+(?:the\s+\w+\s+)?"
                      r"(?P<v2>millions|billions|trillions)\b(?!\s+of\b)", re.IGNORECASE)
SUFFIX_HEDGES = {"+", "or more", "and more", "or fewer", "or less", "or so", "-something",
                 "and over", "or over", "and above", "or above", "and older", "or older"}
HEDGE_BEFORE = re.compile(
    rf"\b(?P<h>{alt((LOWER | UPPER | APPROX) - SUFFIX_HEDGES - {'under-'})})\s+$",
    re.IGNORECASE)
# A rate between the number and its hedge: "$15 an hour or less". The hedges after a
# number are the words of SUFFIX_HEDGES, one list for both.
_SUFFIX_WORDS = "|".join(r"\s+".join(map(re.escape, h.split()))
                         for h in sorted(SUFFIX_HEDGES, key=lambda h: (-len(h), h))
                         if h[0].isalpha())
_SUFFIX_SIGNS = "|".join(re.escape(h) for h in sorted(SUFFIX_HEDGES) if not h[0].isalpha())
HEDGE_AFTER = re.compile(rf"^(?:\s+(?:an?|per)\s+(?:hour|day|week|month|year))?"
                         rf"(?:{_SUFFIX_SIGNS}|\s+(?:{_SUFFIX_WORDS})\b)", re.IGNORECASE)
# Words of a poll or a race: "that lead was 7 points" is percentage points there, and
# "Clinton at 45" a share of the vote, not an age.
POLL_CUE = re.compile(r"\b(?:polls?|polling|pollsters?|surveys?|leads?|led|leading|margin|"
                      r"ahead|behind|trail(?:s|ed|ing)?|percent|per\s?cent|percentage)\b|%",
                      re.IGNORECASE)
# Verbs of winning and losing a contest (a game, a vote, a race), as a regex alternation:
# before two results ("lost the state 36 percent to 51 percent") or a score ("won 3-1").
CONTEST_VERBS = (r"won|wins?|winning|lost|lose|loses|losing|beat|beats|beaten|beating|"
                 r"defeat(?:s|ed|ing)?|led|leads?|leading|trail(?:s|ed|ing)?")
DATE_PREPOSITION = re.compile(r"\b(?:in|since|by|until|till|from|during|of|before|after|"
                              r"through|between|and|to|early|late|mid|circa|c\.)\s*$|[-–]\s*$",
                              re.IGNORECASE)
CHANGE_VERB_BEFORE = re.compile(r"\b(?:rose|risen|rising|grew|grown|increased|jumped|"
                                r"climbed|soared|fell|fallen|dropped|declined|decreased|"
                                r"went|up|down|narrowed|widened|shrank|changed|moved|"
                                r"slipped|slid)\s+$", re.IGNORECASE)
# A verb of motion before "up to": a target, not a ceiling ("raise wages up to $15").
MOTION_BEFORE = re.compile(r"\b(?:rais\w*|ris\w*|rose|climb\w*|increas\w*|work\w*\s+\w+\s+way|"
                           r"go|goes|going|went|phas\w*|bring\w*|brought|lift\w*|hik\w*|"
                           r"boost\w*)(?:\s+[\w'’-]+){0,4}\s+$", re.IGNORECASE)


def number_value(num: str) -> float:
    """"21,602" -> 21602, "1.5 billion" -> 1.5e9, "two dozen" -> 24, "$4m" -> 4e6,
    "Sixty one" -> 61."""
    # "2 000": digit groups set apart by a plain, thin or no-break space are one number.
    joined = re.sub(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}(?!\d))", "", num)
    words = joined.lower().replace(",", "").split()
    head = re.match(r"([\d.]+)(bln|mln|trn|bn|mn|tn|k|m)?$", words[0])
    if head:
        value = float(head.group(1)) * SCALES.get(head.group(2) or "", 1.0)
        rest = words[1:]
    else:
        parts = words[0].split("-")
        rest = words[1:]
        if rest and rest[0] in WORD_VALUES and rest[0] not in ("a", "an"):
            parts.append(rest.pop(0))
        value = sum(WORD_VALUES[p] for p in parts)
    for word in rest:
        value *= SCALES[word]
    return value



def unit_kind(word: str) -> tuple[str, str] | None:
    """A word of time or measure (lower case) as the kind of number it makes and its one
    name ("miles" -> measure in "mile"); None for any other word. One place for the rule
    the half-units, the counted units and the measured counts all follow."""
    if word in TIME_UNITS:
        return "duration", TIME_UNITS[word]
    if word in MEASURE_UNITS:
        return "measure", MEASURE_UNITS[word]
    return None

def scale_of(num: str) -> float:
    scale = 1.0
    for word in re.findall(r"[a-z]+", num.lower()):
        scale *= SCALES.get(word, 1.0) if word not in WORD_VALUES else 1.0
    return scale
