"""Word classes for telling who a source is: pronouns, and the head nouns of descriptions.

A source mention without a name ("the newspaper", "officials", "the lawsuit", "gunshot
wounds") is judged by its head noun: a person's role, an organisation, a document, an
unidentified group, or nothing that can hold a view at all. The classes are written out
here by hand because no maintained package ships them: WordNet would give the noun
hierarchy, but its data reaches PyPI only through unofficial repackagings, and spaCy's
small English model has no word vectors to generalise from. The lists cover the nouns
news reports cite (built from the PolNeAR training texts and issue 14's cases); a noun in
no list is taken for no source, which is the careful error (a source missed, not a false
flag).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple


class PronounFeatures(NamedTuple):
    """What a pronoun says of whom it means: ``gender`` m / f / n (neuter: "it") or None,
    ``plural``, and ``person`` (1, 2 or 3)."""

    gender: str | None
    plural: bool
    person: int


def _pronouns(words: str, gender: str | None, plural: bool, person: int) -> dict[str, PronounFeatures]:
    return {w: PronounFeatures(gender, plural, person) for w in words.split()}


PRONOUNS: dict[str, PronounFeatures] = {
    **_pronouns("he him his himself", "m", False, 3),
    **_pronouns("she her hers herself", "f", False, 3),
    **_pronouns("it its itself", "n", False, 3),
    **_pronouns("they them their theirs themselves", None, True, 3),
    **_pronouns("i me my mine myself", None, False, 1),
    **_pronouns("we us our ours ourselves", None, True, 1),
    **_pronouns("you your yours yourself yourselves", None, False, 2),
}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Quantifiers and indefinite pronouns that stand for an unidentified group ("Many believe").
VAGUE_WORDS = frozenset("""
some many most others few several all everyone everybody someone somebody anyone anybody
nobody one both none each those these
""".split())  # noqa: SIM905 - a word list reads best as prose

# People no reader can identify: plural or indefinite, these are vague sources.
_GROUPS = """
official officials analyst analysts expert experts critic critics source sources people
person persons resident residents observer observers diplomat diplomats fan fans supporter
supporters opponent opponents voter voters insider insiders commentator commentators scientist
scientists researcher researchers economist economists activist activists lawmaker lawmakers
legislator legislators aide aides staff staffer staffers member members employee employees
worker workers witness witnesses neighbor neighbors neighbour neighbours local locals family
families parent parents student students teacher teachers doctor doctors physician physicians
nurse nurses scholar scholars historian historians academic academics pundit pundits strategist
strategists consultant consultants operative operatives adviser advisers advisor advisors
insiders politician politicians leader leaders lawyer lawyers attorney attorneys agent agents
investigator investigators prosecutor prosecutors authority authorities respondent respondents
participant participants organizer organizers organiser organisers protester protesters
protestor protestors demonstrator demonstrators citizen citizens american americans public
user users customer customers consumer consumers owner owners donor donors backer backers
ally allies friend friends colleague colleagues relative relatives veteran veterans soldier
soldiers troops officer officers police policeman policemen journalist journalists reporter
reporters correspondent correspondents editor editors blogger bloggers commenter commenters
media press outlet outlets individual individuals man men woman women guy guys folks someone
delegate delegates representative representatives spokesperson spokespeople onlooker
onlookers bystander bystanders victim victims survivor survivors passenger passengers
candidate candidates conservative conservatives liberal liberals progressive progressives
republican republicans democrat democrats independent independents moderate moderates
evangelical evangelicals proponent proponents surrogate surrogates defender defenders
questioner questioners announcer announcers speechwriter speechwriters viewer viewers
reader readers listener listeners audience crowd crowds judge judges country countries
nation nations government governments company companies group groups union unions
trader traders farmer farmers exporter exporters importer importers buyer buyers seller
sellers dealer dealers broker brokers banker bankers lender lenders shipper shippers
worker workers leader leaders manager managers policymaker policymakers organizer organizers
villager villagers miner miners driver drivers traveller travellers traveler travelers
shopper shoppers homeowner homeowners taxpayer taxpayers stakeholder stakeholders outsider
outsiders campaigner campaigners rioter rioters fighter fighters rebel rebels developer
developers speaker speakers writer writers employer employers insider
"""
GROUP_NOUNS = frozenset(_GROUPS.split())

# The role a named person is described by, for "the FBI director", "the nominee".
# The value is the role's stem, so "chairwoman", "chairman" and "chair" match; genders
# come from ``GENDERED_ROLES``.
_ROLES = """
director nominee candidate senator president chairman:chair chairwoman:chair chair
chairperson:chair secretary governor minister ambassador spokesman:spokesperson
spokeswoman:spokesperson spokesperson actress:actor actor judge justice mayor
congressman:congressperson congresswoman:congressperson representative attorney lawyer
prosecutor leader chief executive founder author writer columnist host anchor reporter
correspondent manager coach doctor professor economist analyst expert general commander
officer sheriff inspector commissioner businessman:business businesswoman:business
billionaire frontrunner front-runner:frontrunner contender challenger incumbent
vice-president speaker whip premier chancellor king queen prince princess pope bishop
cardinal rabbi imam pastor priest star singer rapper comedian model athlete player
striker quarterback champion owner heir widow widower wife husband mother father son
daughter brother sister mogul tycoon magnate entrepreneur investor activist campaigner
strategist adviser advisor aide consultant pollster scientist researcher historian
biographer physician surgeon psychiatrist veteran official agent detective investigator
witness accuser plaintiff defendant suspect victim man woman boy girl mom dad
"""
ROLE_STEMS: dict[str, str] = {
    word.split(":")[0]: (word.split(":")[1] if ":" in word else word) for word in _ROLES.split()}
GENDERED_ROLES: dict[str, str] = {
    **{w: "f" for w in ["actress", "chairwoman", "spokeswoman", "congresswoman", "businesswoman", "woman", "girl", "mother", "daughter", "sister", "wife", "widow", "queen", "princess", "mom", "duchess", "countess", "heiress", "hostess", "waitress", "stewardess"]},
    **{w: "m" for w in ["chairman", "spokesman", "congressman", "businessman", "man", "boy", "father", "son", "brother", "husband", "widower", "king", "prince", "dad", "duke", "count", "heir", "pope"]},
}
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative",
                          "spokespeople", "press secretary"})

# Organisations, by the kind of body a description names: "the newspaper" means the outlet
# the passage is about, "the company" a firm, "the board" a public body.
ORG_TYPES: dict[str, str] = {
    **{w: "media" for w in ["newspaper", "paper", "daily", "tabloid", "outlet", "publication", "magazine", "network", "broadcaster", "station", "channel", "website", "site", "weekly", "journal", "wire", "agency-wire", "news-agency"]},
    **{w: "company" for w in ["company", "firm", "corporation", "business", "maker", "manufacturer", "retailer", "airline", "bank", "carrier", "giant", "insurer", "lender", "chain", "brand", "startup", "start-up", "conglomerate", "operator", "developer", "utility", "automaker", "carmaker", "producer", "supplier"]},
    **{w: "body" for w in ["police", "force", "department", "ministry", "agency", "bureau", "office", "government", "administration", "authority", "council", "board", "commission", "committee", "court", "embassy", "regulator", "service", "army", "military", "navy", "pentagon", "cabinet", "parliament", "congress", "senate", "legislature", "assembly", "house", "state", "city", "county", "district", "inspectorate", "watchdog", "tribunal", "panel", "prosecutor's-office"]},
    **{w: "group" for w in ["campaign", "party", "pac", "foundation", "charity", "organisation", "organization", "group", "association", "union", "coalition", "institute", "center", "centre", "university", "college", "school", "team", "club", "alliance", "movement", "network-group", "league", "federation", "society", "church", "nonprofit", "non-profit", "think-tank", "tank"]},
}
# Words in an organisation's own name that say what kind of body it is.
ORG_NAME_TYPES: dict[str, str] = {
    **{w: "media" for w in ["post", "times", "news", "daily", "journal", "herald", "tribune", "guardian", "gazette", "telegraph", "mail", "star", "sun", "observer", "independent", "chronicle", "globe", "examiner", "inquirer", "advocate", "atlantic", "magazine", "review", "press", "reuters", "ap", "afp", "upi", "bloomberg", "cnn", "bbc", "nbc", "abc", "cbs", "fox", "msnbc", "npr", "pbs", "politico", "breitbart", "axios", "slate", "vox", "buzzfeed", "huffpost", "huffington", "newsweek", "economist", "wire", "radio", "tv", "television", "network"]},
    **{w: "company" for w in ["inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "llc", "plc", "company", "group", "holdings", "airlines", "bank", "motors", "chemical", "chemicals", "pharmaceuticals", "energy", "oil", "technologies"]},
    **{w: "body" for w in ["police", "department", "ministry", "agency", "bureau", "office", "government", "administration", "authority", "council", "board", "commission", "committee", "court", "embassy", "service", "army", "military", "navy", "pentagon", "fbi", "cia", "nsa", "congress", "senate", "house", "parliament", "force"]},
    **{w: "group" for w in ["campaign", "party", "pac", "foundation", "charity", "organisation", "organization", "association", "union", "coalition", "institute", "center", "centre", "university", "college", "club", "alliance", "movement", "league", "federation", "society", "church", "watch"]},
}

# Documents, data and recordings that can be the source of what they say.
DOCUMENT_NOUNS = frozenset("""
report reports study studies survey surveys poll polls lawsuit lawsuits suit complaint
filing filings indictment memo memos memorandum letter letters statement editorial
editorials article articles column op-ed piece review inquiry audit analysis analyses data
figures numbers statistics stats records record documents document transcript transcripts
tracker ad ads advertisement advertisements commercial video videos book books research
estimate estimates forecast forecasts census tally count ruling decision order verdict
opinion bill law resolution platform manifesto budget reply emails email tweet tweets post
posts message messages note notes release announcement footage recording recordings tape
tapes testimony affidavit petition motion brief briefs charge charges sheet chart map
findings results result score scores paper papers dossier file files cable cables
guidance guidelines assessment evaluation index list database projections projection
model models clip clips slide slides story stories account accounts average averages
headline headlines caption book survey-data graphic graphics photo photos image images
page website site blog article
""".split())  # noqa: SIM905
# Document nouns that, bare and plural, name nothing a reader could find ("reports say").
VAGUE_DOCUMENTS = frozenset({"reports", "studies", "surveys", "polls", "rumours", "rumors",
                             "accounts", "estimates", "sources"})

# Wire agencies a dateline names, and the name their copy is published under.
AGENCIES: dict[str, str] = {
    "ap": "Associated Press", "afp": "Agence France-Presse", "upi": "United Press International",
    "reuters": "Reuters", "dpa": "Deutsche Presse-Agentur", "efe": "EFE", "ansa": "ANSA",
    "xinhua": "Xinhua", "tass": "TASS", "aap": "Australian Associated Press", "pa": "PA Media",
    "pti": "Press Trust of India", "ians": "Indo-Asian News Service", "ani": "Asian News International",
    "kyodo": "Kyodo News", "yonhap": "Yonhap", "cnn": "CNN", "bloomberg": "Bloomberg",
    "sputnik": "Sputnik", "ria novosti": "RIA Novosti", "cp": "The Canadian Press",
    "bbc": "BBC", "anadolu": "Anadolu Agency", "irna": "IRNA", "kuna": "KUNA", "wam": "WAM",
    "nhk": "NHK", "rtt": "RTT News", "cns": "Catholic News Service", "jta": "JTA",
}

# Honorifics before a name, and the gender they give.
HONORIFICS: dict[str, str | None] = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "lady": "f",
    "dame": "f", "dr": None, "dr.": None, "prof": None, "prof.": None,
}

# Verb forms the suffix rules of ``verb_forms`` get wrong.
_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "think": ["thought"], "feel": ["felt"],
    "know": ["knew", "known"], "write": ["wrote", "written"], "find": ["found"],
    "swear": ["swore", "sworn"], "show": ["shown"], "admit": ["admitted", "admitting"],
    "quip": ["quipped", "quipping"], "forecast": ["forecast"], "speak": ["spoke", "spoken"],
    "understand": ["understood"], "dread": ["dread"],
}


def _inflections(base: str) -> list[str]:
    """Inflected forms of a regular verb: the English pipeline runs without a lemmatizer,
    so verbs are matched by form, and these few suffix rules give the forms."""
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    third = base[:-1] + "ies" if past.endswith("ied") else base + "s"
    if base.endswith(("s", "sh", "ch", "x")):
        third = base + "es"
    return [base, third, past, ing, *_IRREGULAR.get(base, [])]


def verb_forms(bases: Iterable[str]) -> dict[str, str]:
    """Each inflected form of the verbs ``bases``, mapped to its base form."""
    return {form: base for base in bases for form in _inflections(base)}


def wordnet_nouns() -> frozenset[str]:
    """The base forms of English nouns in WordNet's index (``wordnet_index``)."""
    return wordnet_index("noun")


def wordnet_verbs() -> frozenset[str]:
    """The base forms of English verbs in WordNet's index (``wordnet_index``)."""
    return wordnet_index("verb")


@cache
def wordnet_index(part_of_speech: str) -> frozenset[str]:
    """The base forms of one part of speech in WordNet's index, as spaCy's English model
    ships them for its rule lemmatizer (the pipeline runs without the lemmatizer, but its
    tables are in the model package); empty when the tables are missing."""
    import spacy
    from spacy.lookups import Lookups

    from ..models.english import ENGLISH_MODEL

    try:
        found = sorted(Path(spacy.util.get_package_path(ENGLISH_MODEL)).glob(
            "*/lemmatizer/lookups"))
    except (ImportError, OSError):
        return frozenset()
    if not found:
        return frozenset()
    index = Lookups().from_disk(found[0]).get_table("lemma_index")
    # the table is keyed by the hash of the part of speech
    return frozenset(index.get(spacy.strings.get_string_id(part_of_speech), []))


def plural_of_common_noun(word: str) -> bool:
    """Whether ``word`` is the plural of a common noun ("Politicos", "Pundits"): ends in
    "s" and its singular is a WordNet noun. WordNet lists some proper nouns too, so this
    is asked only of a word the text never writes as a name elsewhere."""
    return _s_form_of(word, wordnet_nouns())


def third_person_verb(word: str) -> bool:
    """Whether ``word`` reads as a verb's third person singular ("Tells", "Slams"): ends
    in "s" and its base is a WordNet verb."""
    return _s_form_of(word, wordnet_verbs())


def _s_form_of(word: str, bases: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``bases`` with "s" or "es" added ("pundits", "watches"):
    English plurals and third persons are built alike, so one rule reads both. Words under
    four letters and those in "ss" ("boss", "press") are left out: their "s" is no ending."""
    lower = word.lower()
    if len(lower) < 4 or not lower.endswith("s") or lower.endswith("ss"):
        return False
    return lower[:-1] in bases or lower.endswith("es") and lower[:-2] in bases
