"""The words and patterns numbers are read by: number words, scales, currencies,
hedges that make a bound, months and years, and the regular expressions built from them."""

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
           "trillion": 1e12, "dozen": 12.0, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9,
           "tn": 1e12}
CURRENCY = {"$": "dollars", "us$": "dollars", "£": "pounds", "€": "euros", "¥": "yen",
             "₴": "hryvnias", "₽": "rubles"}
ORDINALS = {w: float(i) for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"], start=1)} | {"twentieth": 20.0, "hundredth": 100.0}
MULTIPLIERS = {"double": 2.0, "twice": 2.0, "twofold": 2.0, "triple": 3.0, "thrice": 3.0,
                "threefold": 3.0, "quadruple": 4.0, "fourfold": 4.0, "fivefold": 5.0,
                "tenfold": 10.0}
# "hundreds of" says at least two hundred: the lower bound is the smallest plural.
VAGUE = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
          "millions": 2e6, "billions": 2e9, "tens": 20.0}
LOWER = {"more than", "over", "above", "at least", "in excess of", "upwards of",
          "well over", "just over", "a little over", "no fewer than", "no less than",
          "slightly more than", "or more", "and more", "+"}
UPPER = {"fewer than", "less than", "under", "below", "up to", "at most", "no more than",
          "as many as", "as much as", "nearly", "almost", "just under", "not quite",
          "or fewer", "or less"}
APPROX = {"about", "around", "roughly", "approximately", "some", "an estimated",
           "estimated", "close to", "circa", "or so", "some estimated"}
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

# ---------------------------------------------------------------------------- patterns


def alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "seventeen" wins over "seven"."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORDNUM = rf"(?:{alt(TENS)})(?:-(?:{alt(SMALL[1:10])}))?|{alt(SMALL)}"
SCALE_WORDS = r"(?:\s+(?:hundred|thousand|million|billion|trillion|dozen)\b)"
NUMBER = (rf"(?:(?:{DIGITS})(?!\d)(?:(?:bn|mn|tn|k|m)\b)?|\b(?:{WORDNUM})\b"
           rf"|\ban?(?={SCALE_WORDS})){SCALE_WORDS}*")
ATOM = re.compile(
    rf"(?<![\w.,:/])(?<![A-Za-z]-)(?P<cur>US\$|\$|£|€|¥|₴|₽)?(?P<num>{NUMBER})"
    r"(?P<pct>\s?%|\s+(?:percentage\s+points?|per\s?cent|percent)\b)?"
    r"(?P<curw>\s+(?:US\s+)?(?:dollars|euros|pounds|rubles|roubles|hryvnias?|yuan|yen)\b)?",
    re.IGNORECASE)
TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|CET|CEST|EST|EDT|"
                   r"PST|BST|MSK|[ap]\.?m\.?))?(?![\d:])|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am|pm)\b")
MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))")
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|,\d)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = re.compile(rf"\b{DAY}\s+{MONTH}(?:,?\s+{YEAR})?|\b{MONTH}\s+{DAY}(?!\d|,\d{{3}})"
                   rf"(?:,\s*{YEAR})?|\b{MONTH},?\s+{YEAR}")
ORDINAL = re.compile(rf"\b\d+(?:st|nd|rd|th)\b|\b(?:{alt(set(ORDINALS) - {'first'})})\b"
                      r"|(?<=[Tt]he )first\b")
MULTIPLIER = re.compile(rf"\b(?:{alt(MULTIPLIERS)})\b|\b\d+(?:\.\d+)?-fold\b|(?<![\w.,])"
                         rf"(?:{NUMBER}) times(?=\s+(?:as|more|less|fewer|higher|lower|"
                         r"larger|bigger|greater|smaller|the)\b)", re.IGNORECASE)
VAGUE_RE = re.compile(r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)\b"
                       r"|(?:dozens|scores|hundreds|thousands|millions|billions)(?=\s+of\b))",
                       re.IGNORECASE)
SUFFIX_HEDGES = {"+", "or more", "and more", "or fewer", "or less", "or so"}
HEDGE_BEFORE = re.compile(
    rf"\b(?P<h>{alt((LOWER | UPPER | APPROX) - SUFFIX_HEDGES)})\s+$", re.IGNORECASE)
HEDGE_AFTER = re.compile(r"^(?:\+|\s+(?:or|and)\s+(?:more|over|above)\b|\s+or\s+so\b"
                          r"|\s+or\s+(?:fewer|less)\b)", re.IGNORECASE)
DATE_PREPOSITION = re.compile(r"\b(?:in|since|by|until|till|from|during|of|before|after|"
                               r"through|between|and|to|early|late|mid)\s*$|[-–]\s*$", re.IGNORECASE)
CHANGE_VERB_BEFORE = re.compile(r"\b(?:rose|risen|rising|grew|grown|increased|jumped|"
                                 r"climbed|soared|fell|fallen|dropped|declined|decreased|"
                                 r"went|up|down)\s+$", re.IGNORECASE)


def number_value(num: str) -> float:
    """"21,602" -> 21602, "1.5 billion" -> 1.5e9, "two dozen" -> 24, "$4m" -> 4e6."""
    words = num.lower().replace(",", "").split()
    head = re.match(r"([\d.]+)(bn|mn|tn|k|m)?$", words[0])
    if head:
        value = float(head.group(1)) * SCALES.get(head.group(2) or "", 1.0)
    else:
        parts = words[0].split("-")
        value = sum(WORD_VALUES[p] for p in parts)
    for word in words[1:]:
        value *= SCALES[word]
    return value



def scale_of(num: str) -> float:
    scale = 1.0
    for word in re.findall(r"[a-z]+", num.lower()):
        scale *= SCALES.get(word, 1.0) if word not in WORD_VALUES else 1.0
    return scale


