"""Cleaning: find what in an article's text is not the article, and set it aside.

``analysis.text`` is never changed, so every offset stays exact. What is not article text
(advertising widgets, "Related:" teasers, share prompts, photo captions and credits,
syndication lines, copyright notices, and the furniture a page's extraction leaves behind:
"Continue reading the main story", comment counters, section labels, video player
controls) is recorded as ``Removed`` spans; later stages read
``analysis.kept_text()``, where those spans are blanked, so nothing removed is analysed.
The stage also turns a syndication line ("This article was originally published on InfoBrics.") into
``metadata.origin``.

Why regular expressions and not a boilerplate library: trafilatura, jusText and readability
decide on an HTML DOM (tags, link density, position in the page). Here the page is already
flattened to plain text, and all that is left to go on is the wording of a line and where it
stands. Rules are deliberately narrow: removing real article text is worse than keeping
some clutter, and ``benchmarks/cleaning_ptc.py`` checks them against the gold propaganda
spans of the PTC corpus.

Every rule lives in a named table (``LINE_RULES``, ``INLINE_RULES``, ``SYNDICATION_RULES``)
so each ``Removed`` says which rule matched, for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from babel import Locale

from ..document import Analysis, Removed
from ..lines import SENTENCE_END, Line, lines, looks_like_title

# A line longer than this is a paragraph of prose, never a standalone prompt or credit.
_MAX_LINE_CHARS = 300
# Characters an ingest step may leave at the very start (a kept BOM) besides whitespace.
_LEADING_JUNK = "\ufeff"


@dataclass(frozen=True, slots=True)
class Rule:
    """One named pattern: what it matches is removed with this ``kind``."""

    name: str
    kind: str
    pattern: re.Pattern[str]


def _rule(name: str, kind: str, pattern: str) -> Rule:
    return Rule(name, kind, re.compile(pattern, re.IGNORECASE))


# --- Whole-line rules: the pattern must match the entire line (surrounding spaces aside). ---

_END = r"[\s.:!…]*"  # trailing punctuation a label may carry
# An outlet, agency or person; a rule with this group matches only if it reads as a name.
_NAME = r"(?P<name>[^\n]{1,80}?)\s*[.!]?"
# What may follow the outlet on a syndication line.
_SYNDICATION_TAIL = (r"(?:,?\s*(?:under (?:a |the )?creative commons[^\n]{0,60}|with permission)"
                     r"\.?)?(?:\s*read the original(?: article)?[^\n]{0,40})?"
                     # "... by Mnogopolyarny Mir. Translated by Global Affairs Digest."
                     r"(?:\s*(?:english )?translat(?:ed|ion)(?: into \w+)? by [^\n]{1,60})?")

# A list marker an extracted page puts before a list item ("- 941 comments"); a line
# rule is matched against what follows it.
_BULLET = re.compile(r"(?:[-–•*·]\s+)+")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
         r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
         r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}"
         r"|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})")
_TIME = r"\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?"
_STAMP = (r"(?:(?:first |last )?(?:posted|published|updated|modified)(?: on| at)?:?\s*)"
          r"(?:" + _DATE + r"(?:,?\s*(?:at\s*)?" + _TIME + r")?|" + _TIME + r"(?:,?\s*"
          + _DATE + r")?)")
# Labels of lists of other stories that run to the foot of a page ("Other Opinion
# Columns"): what follows them to the end of the text is teasers.
_TAIL_LABEL = (r"(?:other|more|latest|recent|popular|trending|top)\s+(?:[\w'’]+\s+){0,2}?"
               r"(?:columns|columnists|stories|articles|news|videos|slide ?shows|galleries"
               r"|posts|opinion|headlines)"
               r"|related videos|most (?:read|popular|viewed|shared|commented)"
               r"|editor'?s'? picks|trending(?: now)?")
# Controls of a video player or a photo gallery, flattened into text.
_PLAYER = (r"play(?: video)?|pause|replay|mute|unmute|(?:exit )?full ?screen|close|previous"
           r"|next|thumbnails|chapters|captions|subtitles|descriptions|\d{1,3} (?:of|/) \d{1,3}"
           r"|(?:current|duration|remaining) time:? -?[\d:]+|(?:loaded|progress): \d+(?:\.\d+)?%"
           r"|(?:descriptions|subtitles|captions)(?: settings| off)?, selected"
           r"|(?:default|english), selected|media playback is unsupported on your device"
           r"|this is a modal window\.?(?: [^\n]{0,150})?")
_NAV_WORDS = (r"home|search|subscribe|archives?|calendar|contact(?: us)?|about(?: us)?"
              r"|log ?in|sign ?in|register|faq|[\w.]+ faq|sponsors|advertise|write for [\w.]+"
              r"|newsletters?|rss")

LINE_RULES: tuple[Rule, ...] = (
    # ad
    _rule("advertisement", "ad",
          r"[-–—\s]*(?:advertisements?|advertising|ad)[-–—\s]*"),
    _rule("advertisement-continues", "ad",
          r"(?:story|article)? ?continues? (?:reading )?below(?: this)?(?: advertisement| ad)"
          + _END),
    _rule("sponsored", "ad",
          r"(?:sponsored(?: content| links?| stories| posts?| partner content)?"
          r"|(?:paid|promoted) (?:content|links?|stories|posts?|partner content))"
          r"(?: by " + _NAME + ")?" + _END),
    # related
    _rule("related-label", "related",
          r"(?:related(?: articles?| stories| posts| content| coverage| reading| news)?"
          r"|read more|read also|also read|see also|more on this(?: story| topic)?"
          r"|recommended(?: for you| reading| stories| articles)?|further reading"
          r"|you (?:may|might) also like|more from [^\n:]{1,40})"
          r"(?:\s*[:\-–—|]\s*[^\n]{1,200}|" + _END + ")"),
    _rule("more-label", "related", r"more(?: [^\n:.!?]{1,40})?\s*:"),
    _rule("tail-label", "related", r"(?:" + _TAIL_LABEL + r")" + _END),
    # share
    _rule("share-this", "share",
          r"share (?:this(?: article| story| post| page| video)?"
          r"|(?:it |this )?(?:on|via|to) (?:facebook|twitter|x|linkedin|whatsapp|reddit|email"
          r"|pinterest|telegram)(?:\b[^\n]{0,80})?)" + _END),
    _rule("like-this-story", "share",
          r"(?:like|liked|enjoy|enjoyed|love) this (?:story|article|post|video)\?"
          r"(?:\s*share it\b[^\n]{0,80})?"),
    _rule("click-to-share", "share",
          r"click (?:to|here to|below to) (?:share|email|print|tweet|subscribe|follow|donate"
          r"|sign up|join)\b[^\n]{0,150}"),
    _rule("subscribe", "share",
          r"(?:please )?subscribe(?: (?:today|now|here))?[!.]?"
          r"|subscribe (?:on|to (?:our|the|my)) [^\n]{0,120}"
          r"(?:newsletter|channel|youtube|podcast|feed|list|updates)[^\n]{0,120}"
          r"|subscribe on youtube\b[^\n]{0,80}"),
    _rule("sign-up", "share",
          r"sign up\b(?=[^\n]{0,200}\b(?:newsletters?|inbox|e-?mails?|updates|alerts|thank you"
          r"|our)\b)[^\n]{0,250}"),
    _rule("inbox-promo", "share",
          r"get [^\n]{1,60} (?:in|to|straight to) your inbox\b[^\n]{0,120}"
          r"|[^\n]{1,150}[—–-] in your inbox\.?"
          r"|email sign[- ]?up\b[^\n]{0,200}"),
    _rule("subscribe-appeal", "share",
          r"[^\n]{0,150}\bsubscribe (?:today|now)!"
          r"|[^\n]{0,200}\bsubscribe to (?:our|my) [^\n]{0,60}newsletter\b[^\n]{0,60}"
          r"|already a (?:subscriber|member)\?[^\n]{0,100}"),
    _rule("follow-us", "share",
          r"follow (?:(?:us|me) )?(?:on |at |via )?(?:twitter|facebook|instagram|telegram|youtube"
          r"|x|gab|linkedin|tiktok|mewe|substack|rumble|@\w+)\b[^\n]{0,80}"),
    _rule("social-handle", "share",
          r"(?:facebook|twitter|instagram|telegram|youtube|gab|mewe|minds)\s*:\s*"
          r"(?:https?://\S+|@\w+|www\.\S+)"),
    _rule("support-us", "share",
          r"(?:please )?(?:support (?:our|this) (?:work|journalism|reporting|site|website)"
          r"|support us(?= on | (?:today|now|here)\b|" + _END + r"$)"
          r"|donate (?:now|today|here|to (?:us|our|this))\b|make a donation\b"
          r"|become a (?:patron|member|supporter)\b)[^\n]{0,200}"
          r"|(?:please )?donate" + _END
          + r"|[^\n]{0,150}\bplease (?:help )?(?:consider (?:making )?(?:a donation|donating"
          r"|hitting the donate button)|support us)\b[^\n]{0,150}"),
    # credit
    # A credit names its photographer or agency; "Image: <a sentence>" is a caption, which
    # annotators read as article text, so it stays (the ``name`` group must be a name).
    _rule("photo-credit", "credit",
          r"(?:(?:featured|top|header|lead|cover|main) )?(?:photos?|images?|pictures?|pics?"
          r"|illustrations?|graphics?|videos?)(?: credits?| courtesy(?: of)?| source| via)?"
          r"\s*[:|]\s*" + _NAME),
    _rule("photo-via", "credit",
          r"(?:photos?|images?|pictures?) (?:via|courtesy of|credit|by) " + _NAME),
    _rule("caption-copyright-agency", "credit",
          r"©\s*(?!\s*(?:\d{4}|copyright)\b)(?:provided by )?" + _NAME),
    _rule("agency-credit-line", "credit",
          r"(?:[\w.'’ -]{1,40}/)?(?:afp|ap|reuters|getty images|epa|upi|tass|sputnik"
          r"|ap photo|afp photo|reuters photo)(?:\s*/\s*[\w.'’ -]{1,40}){0,3}"),
    _rule("image-copyright", "credit",
          r"(?:image|picture|photo|video) (?:copyright|source|credit)\s*:?\s*" + _NAME),
    _rule("image-caption", "caption",
          r"(?:image|picture|photo|media|video) caption\s*:?\s+[^\n]{1,280}"),
    _rule("caption-with-credit", "caption",
          r"[^\n]{10,250}?[.!?”\"']?\s+(?:source|picture|pictures|photo|photos|photograph"
          r"|image|images|credit|photo credit)\s*:\s*" + _NAME),
    _rule("source-agency", "credit",
          r"(?:source|credit)s?\s*:\s*(?:reuters|ap|afp|getty(?: images)?|associated press"
          r"|shutterstock|epa|upi|bloomberg|xinhua|tass|ria novosti|wikimedia(?: commons)?"
          r"|pixabay|unsplash)(?:\s*[/,&]\s*[\w.&' -]{1,40})*\.?"),
    # furniture: what a page's layout leaves in the extracted text
    _rule("continue-reading", "furniture",
          r"continue reading(?: the (?:main )?(?:story|article)| below| this article)?"
          + _END),
    _rule("timestamp", "furniture", _STAMP + _END),
    _rule("comment-count", "furniture",
          r"\d[\d,.]*k?\s+comments?|comments?\s*[(:]?\s*\d[\d,]*\)?|(?:view|show|read|see)"
          r"(?: all)?(?: \d[\d,]*)? comments|(?:loading )?comments(?:\.\.\.|…)?"
          r"|(?:leave|post|add|write|submit|send) (?:a |your )?comments?\b[^\n]{0,100}"),
    _rule("section-label", "furniture", r"from the section\s+[^\n]{1,60}"),
    _rule("player-controls", "furniture", r"(?:" + _PLAYER + r")" + _END),
    # A row of a layout table made of links, two of them the usual site sections.
    _rule("navigation-row", "furniture",
          r"(?=(?:[^\n]*?\|\s*(?:" + _NAV_WORDS + r")\s*(?=\||$)){2})"
          r"\|?(?:[^|\n\d]{0,30}\|){4,}[^|\n\d]{0,30}"),
    _rule("privacy-terms", "boilerplate",
          r"(?:privacy(?: policy| notice)?|terms(?: of (?:use|service))?(?: and conditions)?"
          r"|cookie policy)(?:\s*(?:and|&|\||,|·)\s*(?:privacy(?: policy| notice)?"
          r"|terms(?: of (?:use|service))?(?: and conditions)?|cookie policy|conditions))*"
          + _END),
    _rule("licence", "boilerplate",
          r"(?:this (?:website|site|work|page|blog)|all (?:content|documents|text|material)"
          r"|(?:the )?content on this (?:site|website))[^\n]{0,80}\blicen[cs]ed under"
          r"[^\n]{0,150}"),
    _rule("powered-by", "boilerplate", r"[^\n]{0,40}\bpowered by [\w.&' -]{1,40}\|?"),
    # boilerplate
    _rule("copyright", "boilerplate",
          r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}|[^\n]{0,200}"
          r"(?:all rights reserved|distributed by))[^\n]{0,250}"),
    _rule("all-rights-reserved", "boilerplate",
          r"[^\n]{0,150}all rights reserved\.?"),
    _rule("views-expressed", "boilerplate",
          r"(?:disclaimer:\s*)?(?:the )?(?:views|opinions)(?: and (?:views|opinions))? expressed"
          r"[^\n]{0,100}\b(?:(?:are|is) (?:solely |entirely |strictly )?(?:those |that )?of the "
          r"(?:authors?|writers?|contributors?)|do(?:es)? not necessarily)\b[^\n]{0,200}"),
    _rule("click-here", "boilerplate",
          r"click (?:here|below|the link)\b[^\n]{0,200}"),
    _rule("cookie-notice", "boilerplate",
          r"(?:(?:we|this (?:site|website)|our (?:site|website)) uses? cookies"
          r"|by (?:continuing to )?(?:use|using|browse|browsing) this (?:site|website)"
          r"|cookie (?:policy|settings|preferences)|accept (?:all )?cookies)\b"
          r"(?=[^\n]{0,250}\b(?:experience|consent|agree|policy|accept|settings|personali[sz]e))"
          r"[^\n]{0,250}"),
    _rule("tags", "boilerplate",
          r"(?:this article )?(?:tags|tagged(?: under| with| as)?|filed under|topics)\s*:\s*"
          r"[^\n]{1,200}"),
    _rule("copyrighted-by", "boilerplate",
          r"[^\n]{0,80}\b(?:are|is) copyrighted by (?:their|its) (?:creators|authors|owners)"
          + _END),
)

# --- Rules matched anywhere in a line (a widget or credit flattened into a paragraph). ---

_PRICE = r"\$\s?\d[\d,]*(?:\.\d\d)?"
# A price in roubles as a Russian shop writes it: "1 190 ₽" (any of the three spaces
# Russian sites put between thousands), "489 руб.", "2 990 рублей".
_RUB_PRICE = (r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d\d)?[ \u00a0\u202f]?"
              r"(?:₽|руб(?:лей|ля|ль|\.)?)")
_BUY_NEW = r"купить(?:\s+нов(?:ую|ый|ое|ые))?"

INLINE_RULES: tuple[Rule, ...] = (
    # The price block of an Amazon affiliate widget; its title and author are found by
    # ``_widget_start``, since only the words around it tell where the widget begins.
    _rule("ad-widget", "ad",
          rf"(?:best price:?\s*{_PRICE}(?:\s+buy new\s*{_PRICE})?|buy new\s*{_PRICE})\s*"
          r"\(as of \d{1,2}:\d\d\s*[a-z]{2,5}\s*[-–—]\s*details\)"),
    # The same widget on a Russian page: "Лучшая цена: 489 ₽ Купить новую 1 190 ₽ (на
    # 05:14 МСК — Подробнее)".
    _rule("ad-widget-ru", "ad",
          rf"(?:лучшая цена:?\s*{_RUB_PRICE}(?:\s+{_BUY_NEW}\s*{_RUB_PRICE})?"
          rf"|{_BUY_NEW}\s*{_RUB_PRICE})\s*"
          r"\(на \d{1,2}:\d\d\s*[а-яёa-z]{2,5}\s*[-–—]\s*подробнее\)"),
    # Any other Russian shop offer flattened into a paragraph: a call to buy or a
    # discount, a price in roubles and a "more"/"to cart" link, with no sentence end
    # among them. All three together: prose that quotes a price has no "Подробнее".
    _rule("shop-offer-ru", "ad",
          rf"(?:{_BUY_NEW}|скидка\s*\d{{1,2}}\s*%)[^.!?\n]{{0,60}}?{_RUB_PRICE}"
          r"[^.!?\n]{0,60}?(?:подробнее|в корзину)\b\)?"),
    _rule("photo-credit-parenthesised", "credit",
          r"\((?:file )?(?:photos?|images?|pictures?|videos?)(?:\s+(?:by|credit|courtesy(?: of)?"
          r"|via)|\s*:)\s+[^()\n]{1,100}\)"),
    _rule("agency-photo-parenthesised", "credit",
          r"\((?:ap|afp|reuters|getty|epa|upi|ria novosti|sputnik)\s*(?:photos?|images)?"
          r"\s*/\s*[^()\n]{1,80}\)"),
)

# --- Syndication lines: removed, and the outlet they name becomes metadata.origin. ---


_THIS_ARTICLE = (r"(?:this (?:article|story|piece|post|essay|report|column|op-ed) "
                 r"(?:is |was |has been )?)?")

# A language's English name, from CLDR (babel): the language an origin line says the
# original was written in ("originally published in Russian by ...", "translated from the
# Russian from ..."), read so that it is not taken for the start of the outlet's name.
# Longest first, so that "Swiss German" is not read as "Swiss".
_LANGUAGE = "(?:the )?(?:" + "|".join(
    re.escape(name) for name in sorted(set(Locale("en").languages.values()),
                                       key=lambda name: (-len(name), name))) + ")"

SYNDICATION_RULES: tuple[Rule, ...] = (
    _rule("originally-published", "syndication",
          _THIS_ARTICLE + r"(?:originally|first) (?:published|posted|appeared|ran)"
          r"(?: in " + _LANGUAGE + r"(?= (?:on|in|at|by) ))?"  # not "in Russian Life"
          r"(?: (?:on|in|at|by))?(?: [^\n]{1,40}? (?:at|on|in))? " + _NAME + _SYNDICATION_TAIL),
    # "Translated from the Russian from Poludenny Kurier", "translated from Russian; the
    # original appeared in Kommersant". "Translated from the Russian by NAME" is left
    # alone: "by" there names the translator as often as the outlet.
    _rule("translated-from", "syndication",
          _THIS_ARTICLE + r"translated (?:into \w+ )?from " + _LANGUAGE
          + r"(?: original| version| text)?(?:,|;|\.)?"
          r" (?:from|(?:the original )?(?:was |as )?(?:first |originally )?"
          r"(?:published|posted|appeared|ran) (?:on|in|at|by)) " + _NAME + _SYNDICATION_TAIL),
    _rule("reprinted-from", "syndication",
          _THIS_ARTICLE + r"(?:reprinted|republished|reposted|cross-?posted)"
          r"(?: with (?:the )?(?:kind )?permission)?(?: (?:from|of|by|on|at))? "
          + _NAME + _SYNDICATION_TAIL),
    _rule("published-with-permission", "syndication",
          _THIS_ARTICLE + r"(?:re)?published (?:here )?with (?:the )?(?:kind )?permission "
          r"(?:of|from) " + _NAME + _SYNDICATION_TAIL),
    # «Статья впервые опубликована на портале …», «Материал первоначально опубликован в …»
    _rule("originally-published-ru", "syndication",
          r"(?:(?:эта |данная )?(?:статья|публикация|материал|колонка|текст|заметка) )?"
          r"(?:был[аио]? )?(?:впервые|первоначально|изначально) опубликован[аоы]?"
          r"(?: (?:на|в|во))?(?: (?:портале|сайте|издании|газете|журнале|блоге|агентстве))? "
          + _NAME),
)

# Lowercase words an outlet's name may contain ("The Future of Freedom Foundation").
_NAME_CONNECTORS = frozenset(
    {"of", "the", "and", "for", "on", "in", "at", "de", "la", "via", "by", "&", "-", "/", "|"}
)

_ELLIPSIS = re.compile(r"(?:\.\.\.|…)")
# The Amazon widget truncates a long title to 22 characters and adds "...".
_WIDGET_TITLE_CHARS = 22
_WIDGET_LOOKBACK = 75
_WIDGET_AUTHOR_CHARS = 50
# The rules that match an affiliate widget's price block, whose title and author before it
# ``_widget_start`` finds; every other rule's match is the whole span.
_AFFILIATE_WIDGETS = frozenset({"ad-widget", "ad-widget-ru"})



def _removed(text: str, start: int, end: int, rule: Rule) -> Removed:
    return Removed(start, end, text[start:end], rule.kind, rule.name)


# --- Whole lines -------------------------------------------------------------------------


# A numbered item of a photo gallery flattened into a list ("- 1/50 United goin down ..."):
# a caption, however long.
_GALLERY = Rule("gallery-caption", "caption", re.compile(r"\d{1,3}/\d{1,3}\s+\S[^\n]*"))
_GALLERY_MAX_CHARS = 800


def _line_rule(line: Line) -> Rule | None:
    """The first line rule that matches all of ``line`` (less a list marker); none for
    long lines (prose)."""
    if not line.text:
        return None
    bullet = _BULLET.match(line.text)
    body = line.text[bullet.end():] if bullet else line.text
    if bullet and len(body) <= _GALLERY_MAX_CHARS and _GALLERY.pattern.fullmatch(body):
        return _GALLERY
    if len(line.text) > _MAX_LINE_CHARS:
        return None
    for rule in LINE_RULES:
        match = rule.pattern.fullmatch(body)
        if match and (match.groupdict().get("name") is None or _looks_like_name(match["name"])):
            return rule
    return None


def _looks_like_name(origin: str) -> bool:
    """Whether ``origin`` reads as an outlet's name rather than the rest of a sentence.

    "Zero Hedge", "Consortiumnews.com", "The Future of Freedom Foundation" and
    «Российская газета» pass; "1995, the book became a bestseller" does not: every word of a
    name is capitalised, a connector, or a domain, or the name is in quotation marks.
    """
    words = origin.split()
    if not words or len(words) > 8 or words[0].isdigit():
        return False
    if origin[0] in "«\"“" and origin[-1] in "»\"”":
        return True  # a name in quotation marks, as Russian outlets are written: «Коммерсантъ»
    if not (origin[0].isupper() or origin[0].isdigit() or origin.startswith("the ")):
        return False
    for word in words:
        bare = word.strip("\"'“”‘’«»„(),")
        if bare and not (bare[0].isupper() or bare[0].isdigit() or "." in bare
                         or bare.lower() in _NAME_CONNECTORS):
            return False
    return True


def _clean_origin(origin: str) -> str:
    """An outlet name as written, less trailing punctuation and a lowercase leading "the"."""
    return origin.strip().rstrip(".!,;:").strip().removeprefix("the ")


def _syndication(line: Line) -> tuple[Rule, str] | None:
    """The syndication rule matching ``line`` and the outlet it names, if it is one."""
    if not line.text or len(line.text) > 200:
        return None
    for rule in SYNDICATION_RULES:
        match = rule.pattern.fullmatch(line.text)
        if match and _looks_like_name(_clean_origin(match["name"])):
            return rule, _clean_origin(match["name"])
    return None


def _teasers(all_lines: list[Line], index: int) -> list[Line]:
    """Headline-like lines listed after a bare "READ MORE:" label: the linked stories."""
    found: list[Line] = []
    for line in all_lines[index + 1:index + 8]:
        if not line.text:
            if found:
                break
            continue
        if (len(line.text) > 120 or line.text[-1] in ".,;:"
                or not looks_like_title(line.text)):
            break
        found.append(line)
    return found


def _tail_teasers(all_lines: list[Line], index: int) -> list[Line]:
    """Every line after a "more stories" label (``tail-label``) when they run to the end
    of the text as teasers, else none. Teasers are short, and at least half of them are
    headlines (no full stop at the end) with at most a blurb each; a long paragraph, or
    lines of prose, after the label mean the article goes on."""
    rest = [line for line in all_lines[index + 1:] if line.text]
    if not rest or len(rest) > _TAIL_MAX_LINES:
        return []
    if any(len(line.text) > _TAIL_MAX_CHARS for line in rest):
        return []
    headlines = sum(1 for line in rest if len(line.text) <= _HEADLINE_MAX_CHARS
                    and not _ENDS_SENTENCE.search(line.text))
    return rest if 2 * headlines >= len(rest) else []


_TEASER_RULE = Rule("related-teaser", "related", re.compile(""))
_BARE_LABEL = re.compile(r"[^:\-–—|]*" + _END)
# A list of teasers at the foot of a page: at most this many lines, each this long.
_TAIL_MAX_LINES = 30
_TAIL_MAX_CHARS = 400
_HEADLINE_MAX_CHARS = 120
_ENDS_SENTENCE = re.compile(r"[.!?…:;,][\"”’')\]]*$")


def _line_removals(text: str, all_lines: list[Line]) -> Iterator[Removed]:
    """Removals of whole lines: prompts, labels, credits, notices, and teaser lists."""
    for index, line in enumerate(all_lines):
        rule = _line_rule(line)
        if rule is None:
            continue
        yield _removed(text, line.start, line.end, rule)
        teasers: list[Line] = []
        if rule.name == "related-label" and _BARE_LABEL.fullmatch(line.text):
            teasers = _teasers(all_lines, index)
        elif rule.name == "tail-label":
            teasers = _tail_teasers(all_lines, index)
        for teaser in teasers:
            yield _removed(text, teaser.start, teaser.end, _TEASER_RULE)


# --- Inline widgets and credits ----------------------------------------------------------


def _last_boundary(text: str, start: int, end: int) -> int | None:
    """Where the last sentence that starts within ``text[start:end]`` begins."""
    found = None
    for match in SENTENCE_END.finditer(text, start, end):
        found = match.end()
    return found


def _first_boundary(text: str, start: int, end: int) -> int | None:
    """Where the first sentence that starts within ``text[start:end]`` begins."""
    match = SENTENCE_END.search(text, start, end)
    return match.end() if match else None


def _title_ellipsis(text: str, window: int, tail: int) -> int | None:
    """The "..." that cuts a widget's title: only an author's name lies between it and the
    price block, never a sentence end (an ellipsis in the prose before is not it)."""
    found = list(_ELLIPSIS.finditer(text, window, tail))
    if not found or tail - found[-1].end() > _WIDGET_AUTHOR_CHARS:
        return None
    if SENTENCE_END.search(text, found[-1].end(), tail):
        return None
    return found[-1].start()


def _title_before(text: str, line: Line, ellipsis: int) -> int:
    """Start of a widget title cut at ``ellipsis`` (to 22 characters): after the sentence
    end just before it, or the line start.

    With neither (the title follows a colon, say), where the title begins cannot be told
    from the words the colon introduces, so only the ellipsis onward is the widget.
    """
    window = max(line.start, ellipsis - _WIDGET_TITLE_CHARS - 3)
    if window == line.start:
        return line.start
    boundary = _first_boundary(text, window, ellipsis)
    return ellipsis if boundary is None else boundary


def _previous_title_line(text: str, line: Line, all_lines: list[Line]) -> int:
    """Start of the widget when its truncated title was split onto the line before."""
    index = next(i for i, other in enumerate(all_lines) if other.start == line.start)
    before = all_lines[index - 1] if index else None
    if (before and before.text and _ELLIPSIS.search(before.text[-3:])
            and len(before.text) <= _WIDGET_TITLE_CHARS + 3):
        return before.start
    return line.start


def _widget_start(text: str, line: Line, tail: int, all_lines: list[Line]) -> int:
    """Where an affiliate widget whose price block starts at ``tail`` begins.

    The widget is "<title, cut to 22 characters + '...'> <author> Best Price: ..." and
    follows a sentence end (or starts its line). The title is found from its ellipsis; a
    short title has none, and then the widget starts after the last sentence end.
    """
    window = max(line.start, tail - _WIDGET_LOOKBACK)
    ellipsis = _title_ellipsis(text, window, tail)
    if ellipsis is not None:
        return _title_before(text, line, ellipsis)
    boundary = _last_boundary(text, window, tail)
    if boundary is not None:
        return boundary
    if window == line.start:
        return _previous_title_line(text, line, all_lines)
    return tail


def _inline_removals(text: str, all_lines: list[Line]) -> Iterator[Removed]:
    """Widgets and credits inside a line, found anywhere in it."""
    for line in all_lines:
        if not line.text:
            continue
        for rule in INLINE_RULES:
            for match in rule.pattern.finditer(text, line.start, line.end):
                start = match.start()
                if rule.name in _AFFILIATE_WIDGETS:
                    start = _widget_start(text, line, start, all_lines)
                yield _removed(text, start, match.end(), rule)


def _without_overlaps(spans: list[Removed], given: list[Removed]) -> list[Removed]:
    """``spans`` in text order, less any that overlap an earlier one or a ``given`` span."""
    taken = sorted((r.start, r.end) for r in given)
    kept: list[Removed] = []
    for span in sorted(spans, key=lambda r: (r.start, -r.end)):
        if any(s < span.end and span.start < e for s, e in taken):
            continue
        kept.append(span)
        taken.append((span.start, span.end))
    return kept


# --- The stage ------------------------------------------------------------------------------


def find_removals(text: str, given: list[Removed] | None = None) -> list[Removed]:
    """Every span of ``text`` that is not article text, in order, never overlapping."""
    all_lines = lines(text)
    spans = list(_line_removals(text, all_lines)) + list(_inline_removals(text, all_lines))
    for line in all_lines:
        found = _syndication(line)
        if found:
            spans.append(_removed(text, line.start, line.end, found[0]))
    return _without_overlaps(spans, given or [])


def find_origin(text: str) -> str | None:
    """The outlet a syndication line names ("originally published on InfoBrics")."""
    for line in lines(text):
        found = _syndication(line)
        if found:
            return found[1]
    return None


class CleanStage:
    """Sets removed text aside (``removed``) and names the origin outlet of a republished
    article (``metadata.origin``)."""

    def __call__(self, analysis: Analysis) -> Analysis:
        new = find_removals(analysis.text, analysis.removed)
        analysis.removed = sorted([*analysis.removed, *new], key=lambda r: r.start)
        origin = _origin_of(new)
        if origin and not analysis.metadata.origin:
            analysis.metadata.origin = origin
        return analysis


def _origin_of(removed: list[Removed]) -> str | None:
    """The outlet named by the first syndication line removed."""
    for span in removed:
        if span.kind == "syndication":
            found = _syndication(Line(span.start, span.end, span.text))
            if found:
                return found[1]
    return None
