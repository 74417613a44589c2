"""Candidate facts from an article's text, each with the sentence it comes from.

Extraction only proposes: every `Proposal` becomes a pending `CandidateFact` that an editor
accepts or rejects. A proposal names the fact row it is about (`target`, by natural key), the
field values the quote supports, and a note on anything inferred (e.g. a year taken from the
article's date). Nothing here touches the database.

The article is read a sentence at a time (`phrases` says how news writes a signing, a round, a
joining), with what the article as a whole establishes: the partners its headline and lead
name (so that "the agreements were signed in Brussels on Thursday" is about them), and the
people it introduces with their titles (so that "Scholz" later is Olaf Scholz). A sentence that
speaks of a signing, a round or a joining but cannot be read whole gives a warning.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from agreements.partial_dates import UNKNOWN, PartialDate, Precision

from .dates import WEEKDAYS, FoundDate, best_date, find_dates, first_date
from .gazetteer import (
    CAPITALS,
    G7,
    HOME_ISO2,
    LEADER_NAMES,
    LEADERS,
    NOT_PARTNERS,
    UK_LEADERS,
    canonical_person,
    countries_in,
    country_name,
    declaration_in,
    lookup_country,
    mentions_in,
    mentions_with_capitals,
)
from .phrases import (
    AGREEMENT_RE,
    MONEY_RE,
    SIGN_VERB_RE,
    TERM_RE,
    Person,
    _run_after,
    leaders_in,
    listed_partners,
    money_in,
    parse_count,
    parse_ordinal,
    parties,
    partners_of,
    people_in,
    place_in,
    signing_place_in,
    signings,
    surname_people,
    term_in,
)
from .text import paragraphs_of, split_sentences, strip_unbalanced_quotes
from .ukrainian import AGREEMENTS_WITH_RE as UK_AGREEMENTS_WITH_RE
from .ukrainian import ONGOING_SINCE_RE as UK_ONGOING_SINCE_RE
from .ukrainian import PAST_AID_RE as UK_PAST_AID_RE
from .ukrainian import PLEDGE_RE as UK_PLEDGE_RE
from .ukrainian import ROUND_DONE_RE as UK_ROUND_DONE_RE
from .ukrainian import TALKS_STATE_RE as UK_TALKS_STATE_RE
from .ukrainian import TALKS_WITH_RE as UK_TALKS_WITH_RE
from .ukrainian import first_named, is_ukrainian, place_or_goal, speaks, ukrainian_lead

# The order in which an editor (and `accept_candidates`) should accept a sentence's candidates:
# rows that others refer to come first.
KIND_ORDER = [
    "country",
    "person",
    "declaration",
    "delegation",
    "agreement",
    "start",
    "signatory",
    "round",
    "place",
    "signer",
    "term",
    "pledge",
]
MAX_CANDIDATES = 500
MAX_SENTENCE = 2000  # characters: longer "sentences" are tables or lists, read in pieces


@dataclass
class Proposal:
    kind: str
    target: str
    values: dict
    quote: str
    supports: str = ""
    note: str = ""
    position: tuple = field(default=(0, 0), compare=False)


def agreement_slug(iso2):
    return "ukraine-" + re.sub(r"[^a-z0-9]+", "-", country_name(iso2).lower()).strip("-")


def delegation_slug(date):
    return f"negotiating-group-{date.iso[:7]}"


def join_notes(*notes):
    return " ".join(note for note in notes if note)


# --- patterns ------------------------------------------------------------------------------------

_ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|\d+(?:st|nd|rd|th)"
)
ROUND_RE = re.compile(
    rf"\b(?:(?:the|a|an)\s+)?(?:(?P<which>{_ORDINAL_WORDS}|another|new|next|latest|further|final|"
    r"last|initial|opening|one more)\s+)?(?:[\w-]+\s+)?rounds?\s+of\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:negotiations|talks|consultations)\b|"
    rf"\b(?P<which2>{_ORDINAL_WORDS})\s+round\b|"
    r"(?:(?P<ukwhich>[\w'’]+(?:ий|ій|ого|ому|ім|ню|ього|ьому))\s+)?(?:\w+\s+)?раунд\w*\s+"
    r"(?:\w+\s+)?(?:переговор\w*|перемовин\w*|консультаці\w*)",
    re.IGNORECASE,
)
ROUND_PLANNED_RE = re.compile(
    r"\b(?:will|to hold|plan|plans|planned|expected|scheduled|next|upcoming|future|hope|"
    r"hoped|hopes|hoping|wants?|needs?|would|could|may|might|"
    r"наступн\w+|відбудеться|планують|заплановано)\b",
    re.IGNORECASE,
)
START_RE = re.compile(
    r"\b(?:began|begun|begin|begins|started|start|starts|launched|launch|opened|commenced|"
    r"kicked off|initiated|розпочал\w*|розпочато|розпочав|почал\w*|почав|почато|стартува\w*|"
    r"старт|початок)\b",
    re.IGNORECASE,
)
TALKS_RE = re.compile(
    r"\b(?:negotiations|talks|consultations|negotiating process|переговор\w*|перемовин\w*|"
    r"консультаці\w*)\b",
    re.IGNORECASE,
)
START_PLANNED_RE = re.compile(
    r"\b(?:will|to|plan|plans|planned|expected|scheduled|could|may|ready|agreed to|"
    r"планують|мають|можуть|готові)\s+(?:\w+\s+){0,2}"
    r"(?:begin|start|launch|open|commence|initiate|розпочати|почати)\b",
    re.IGNORECASE,
)
NEGOTIATING_RE = re.compile(
    r"\b(?:negotiat\w+|talks|consultations|draft(?:ing)?|working on|finali[sz]\w*|"
    r"переговор\w*|консультаці\w*|проєкт\w*|доопрацюван\w*)\b",
    re.IGNORECASE,
)
JOIN_RE = re.compile(
    r"\b(?:join(?:s|ed|ing)?|sign(?:s|ed|ing)? up(?: to)?|accession to|acceded to|"
    r"accedes to|adhered to|"
    r"endorsed|endorses|signed on to|signs on to|additions|"
    # "the 14th country backing the G7's joint declaration"
    r"(?:back|support)(?:s|ed|ing)(?=\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:\w+\s+){0,3}declaration)|"
    r"приєднал\w+|приєднується|"
    r"приєдналися|долучил\w+|долучається)\b",
    re.IGNORECASE,
)
JOIN_NOT_RE = re.compile(
    r"\b(?:not|never|n't|yet to|will|plans? to|intends? to|to join|could|may|might|would|"
    r"expected to|ready to|не|ще не|планує|готова)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
JOINERS_LIST_RE = re.compile(
    r"\b(?P<count>\w+)\s+(?:countries|states|nations)\s+have\s+(?:already\s+|so far\s+|now\s+)?"
    r"(?:joined|signed up to|endorsed)\s+(?P<what>[^:]+):\s*(?P<list>.*)$",
    re.IGNORECASE,
)
JOINS_ORGANISATION_RE = re.compile(
    r"\s*(?:the\s+)?(?:NATO|EU\b|European Union|alliance|bloc|coalition|НАТО|ЄС)", re.IGNORECASE
)
AT_PLACE_RE = re.compile(r"\b(?:in|at|from|в|у)\s+$")
ORDINAL_JOIN_RE = re.compile(
    rf"\b(?:the\s+)?(?:{_ORDINAL_WORDS}|latest)\s+(?:country|state|nation)\s+(?:to\s+"
    r"(?:join|sign|endorse|accede|back|support)|backing|supporting|joining)",
    re.IGNORECASE,
)
DECLARATION_VERB_RE = re.compile(r"\b(?:agreed on|adopted|signed|issued|approved)\b")
OCCASION_RE = re.compile(
    r"\b(?P<occasion>on the sidelines of (?:the )?[^,]+?) in (?P<place>[A-Z][a-z]+)\b"
)
FOUNDERS_RE = re.compile(r"\bleaders of the G7 countries \((?P<list>[^)]+)\)")
SIGNED_LIST_RE = re.compile(
    r"\bsigned\s+(?:bilateral\s+)?(?:security\s+)?agreements?\s+with\s+(?P<count>\w+)\s+"
    r"(?:states|countries)\b[^:]*:\s*(?P<list>.*)$"
)
DELEGATION_LEAD_RE = re.compile(r"\bdelegation\b.*?\b(?:headed|led)\s+by\b", re.IGNORECASE)
APPOINTMENT_RE = re.compile(r"\b(?:appointed|approved|decree)\b", re.IGNORECASE)
GROUP_RE = re.compile(r"\b(?:negotiating group|delegation(?:'s composition)?)\b", re.IGNORECASE)
PARTNER_DELEGATION_RE = re.compile(
    r"\brepresentatives of (?P<who>.+?) met with their (?:Ukrainian )?counterparts", re.IGNORECASE
)
MANDATE_RE = re.compile(r"\bto negotiate (?P<what>[^.,;]+)")
_NAME = r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])"
APPOINTER_RE = re.compile(
    r"\b(?:President|Prime Minister)\s+" + _NAME + r"\s+(?:approved|appointed|signed|set up)\b"
)
LEAD_BY_RE = re.compile(r"\b(?:led|headed|chaired) by (?:[a-z][\w ]{0,40}?,?\s)?" + _NAME)
LEAD_VERB_RE = re.compile(
    r"\b(?:led|headed|chaired|represented Ukraine|represented by|led the Ukrainian|"
    r"headed the Ukrainian|"
    r"очолив|очолила|очолював|очолювала|на чолі з|представляв|представляла)\b",
    re.IGNORECASE,
)
SECURITY_TOPIC_RE = re.compile(r"secur|guarantee|безпек|гаранті", re.IGNORECASE)
DEFINITE_AGREEMENT_RE = re.compile(
    r"\b(?:the|this|that|its|our)\s+(?:[\w-]+\s+){0,4}(?:agreement|deal|pact|accord|document|treaty)"
    r"\b(?!s)|\b(?:угода|угоду|угоди|документ)\b",
    re.IGNORECASE,
)
# A sentence that recalls earlier news, not the article's own ("Нагадаємо, …", "Раніше …").
BACKGROUND_RE = re.compile(
    r"\s*(?:Нагадаємо|Нагадаю|Раніше|Як повідомлялося|Як ми писали|Як відомо|Recall|Earlier|"
    r"Previously)\b",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^\s*(?:[•·*‣▪–-]|\d{1,2}[.)])\s+")
PLEDGE_RE = re.compile(
    r"\b(?:pledg\w*|commit\w*|promis\w*|allocat\w*|earmark\w*|"
    r"will (?:\w+ )?(?:provide|give|send|supply|deliver|spend|contribute|invest|make available|"
    r"flow|go|be (?:provided|allocated|given|sent|spent|made available))|worth|"
    r"this year|next year|"
    r"to provide|provides for|foresees|envisages|зобов'яз\w*|зобов’яз\w*|виділ\w*|надасть|"
    r"передбачає|передбачено|обіця\w*|зафіксовано|спрямує|виділить|надаватиме|обсяг\w*|"
    r"unveil\w*|set aside|sets aside|is set at|put \w+(?:'s)? [\w ]{0,40}at|contribution|"
    r"(?:for|in) 20\d\d(?:/\d\d)?|20\d\d[-–]20\d\d)\b",
    re.IGNORECASE,
)
# A sentence about the agreement's term even without naming the agreement: "Its planned
# lifetime is ten years", "the ten-year term sets no limit" (but not "long-term support").
TERM_NOUN_RE = re.compile(
    r"(?<![\w-])(?:term|lifetime|lifespan|duration|validity)\b|\bvalid for\b", re.IGNORECASE
)
EACH_AGREEMENT_RE = re.compile(
    r"\b(?:each|every|all|both|all three|the three|the two)\s+(?:of the\s+)?(?:\w+\s+)?"
    r"(?:agreements?|deals?|pacts?|documents?)\b|\bthe agreements\b",
    re.IGNORECASE,
)
# A package is a delivery of its own, announced beside the agreement, unless the sentence puts
# it under the agreement.
SEPARATE_PACKAGE_RE = re.compile(
    r"^(?:\s*(?:worth|in|of)\b)?[^.;,]{0,30}?\b(?:aid|military|weapons|arms|defen[cs]e|"
    r"support|assistance|security)?\s*package\b",
    re.IGNORECASE,
)
UNDER_AGREEMENT_RE = re.compile(
    r"\b(?:under|as part of|within|in the framework of|foreseen (?:by|in)|provided for (?:by|in))"
    r"\s+(?:the|this|that|its|his|her|their)\s+(?:[\w-]+\s+){0,3}"
    r"(?:agreement|deal|pact|accord|treaty|document)\b|\b(?:agreement|deal|pact|accord)\s+"
    r"(?:includes|foresees|provides for|commits|envisages)\b",
    re.IGNORECASE,
)
THE_TWO_RE = re.compile(
    r"\b(?:the two|both)\s+(?:leaders|presidents|prime ministers|heads of (?:state|government)|"
    r"men|women|statesmen)\b|\bthe pair\b",
    re.IGNORECASE,
)
PAST_AID_RE = re.compile(
    r"\b(?:came to|comes to|come to|amounted to|amounts to|totall?ed|by comparison|"
    r"had (?!committed|pledged|promised|earmarked|allocated|agreed)\w+|"
    r"last (?:year|month|week|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|earlier this year|"
    r"has provided|have provided|had provided|so far|to date|(?:since|from) (?:the start|2022|"
    r"February 2022)|already (?:provided|given|sent|delivered)|last year|previously|"
    r"in total|altogether|back in|вже надал\w*|з початку)\b",
    re.IGNORECASE,
)


def at_place(text, position):
    """Whether the country named at `position` follows "in", "at" or "from": a place."""
    return AT_PLACE_RE.search(text, max(0, position - 6), position)


# Where a clause about an amount begins: "…since the war began, and that Dublin had committed
# an extra 128 million euros": the commitment is not the aid given since the war began.
MONEY_CLAUSE_RE = re.compile(r";|,\s+(?:and|but|while|whereas)\b(?:\s+that\b)?")
PERIOD_RE = re.compile(r"\b(?:in|for|For|In)\s+(?P<period>20\d\d(?:[/–-]\d{2,4})?)\b")


ACCORDING_TO_RE = re.compile(r"\b[Aa]ccording to (?P<name>(?:[A-Z][\w'’.-]*\s?){1,3})")
# After the name of the country or city that hosted a round: "Malta, where …, hosted".
HOSTED_RE = re.compile(r"(?:,\s+where\b[^,]{0,120},)?\s+(?:hosted|was the venue|played host)\b")
# What else begins: "on an official visit that began that morning", "since the war began".
OTHER_START_RE = re.compile(
    r"\b(?:visit|trip|tour|war|invasion|summit|conference|meeting|session|offensive)\s+"
    r"(?:that\s+|which\s+)?(?:had\s+|has\s+)?$",
    re.IGNORECASE,
)
# Where one independent clause ends and the next begins.
CLAUSE_END_RE = re.compile(r";|,\s+(?:while|whereas)\b")


def clause_around(text, position):
    """(start, end) of the clause of `text` that holds `position`."""
    start = max((m.end() for m in CLAUSE_END_RE.finditer(text, 0, position)), default=0)
    following = CLAUSE_END_RE.search(text, position)
    return start, following.start() if following else len(text)


def amount_clause(text, amounts, index):
    """(start, end) of the clause the `index`th amount is said in: from the last clause break
    before it (60 characters back at most) to the next break or the next amount."""
    money = amounts[index]
    breaks = [match.end() for match in MONEY_CLAUSE_RE.finditer(text, 0, money.start)]
    start = max(0, money.start - 60, *breaks)
    end = amounts[index + 1].start if index + 1 < len(amounts) else len(text)
    following = MONEY_CLAUSE_RE.search(text, money.start, end)
    return start, following.start() if following else end


# A date that qualifies the noun after it ("the G7's July 2023 pledge", "its 2023 aid"): the
# date of that thing, not of the sentence's event.
ATTRIBUTIVE_BEFORE_RE = re.compile(r"(?:\b(?:the|its|their|his|her)|['’]s)\s+$")
ATTRIBUTIVE_AFTER_RE = re.compile(r"\s+(?:[A-Z]{2,}\s+|G7\s+)*[a-z]")
WEEKDAY_DATE_RE = re.compile(
    r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
    r"(?P<date>[^.;()]{4,25})"
)


def weekday_anchors(text):
    """{weekday: FoundDate} for the full dates an article writes with their weekday ("Thursday,
    June 13, 2024"), when the weekday is right for the date."""
    anchors = {}
    for match in WEEKDAY_DATE_RE.finditer(text):
        weekday, found = match["weekday"], first_date(match["date"])
        if not found or found.date.precision != Precision.DAY:
            continue
        if WEEKDAYS[found.date.start.weekday()] == weekday.lower():
            written = f"{weekday}, {found.text}"
            anchors.setdefault(weekday, FoundDate(found.date, written, match.start()))
    return anchors


# "The meeting opened with the signing", and the meeting it refers to.
MEETING_REFERRED_RE = re.compile(r"\b(?:the|this|that)\s+(?:meeting|talks|visit|summit)\b", re.I)
MEETING_RE = re.compile(r"\b(?:meeting|met|talks|visit(?:ed)?|summit)\b", re.IGNORECASE)
# "In Berlin that morning, …": the place a sentence opens with.
OPENING_PLACE_RE = re.compile(r"(?:\w+:\s+)?In\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\b")
# "The Paris signing came on Friday evening"
CITY_SIGNING_RE = re.compile(r"\b[Tt]he\s+(?P<city>[A-Z][\w'’-]+)\s+signing\b")
# A wire dateline: "FASANO, Italy (AP) —", "PARIS --", "KYIV, Jan 12 (Reuters) -".
DATELINE_PLACE_RE = re.compile(
    r"^(?P<city>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)?)(?:,\s*(?P<country>[A-Z][a-z]+))?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{2,30}\)\s*)?(?:--|[—–-])\s"
)
# Words that open wire copy as a dateline does, but are no place.
WIRE_LABELS = {
    *("UPDATE", "UPDATED", "BREAKING", "LIVE", "EXCLUSIVE", "ANALYSIS", "WATCH", "VIDEO"),
    *("NATO", "EU", "UN", "OSCE"),
}
# Where else a sentence may say the signing was: "during Stubb's visit to Ukraine", "in Italy".
LOCATION_RE = re.compile(r"\b(?:in|to|at)\s+(?P<place>[A-Z][\w'’-]+)")


def dateline_place(sentence):
    """The city of a wire dateline the sentence opens with, when the sentence itself places
    nothing elsewhere ("COPENHAGEN (Reuters) - … signed during Stubb's visit to Ukraine": the
    dateline is where the story was written, not where the signing was)."""
    dateline = DATELINE_PLACE_RE.match(sentence)
    if not dateline or not place_in(f"in {dateline.group('city').title()}"):
        return ""
    if dateline.group("city") in WIRE_LABELS:
        return ""
    home = lookup_country(dateline.group("country") or "")
    for location in LOCATION_RE.finditer(sentence, dateline.end()):
        country = lookup_country(location.group("place"))
        elsewhere = country != home if country else place_in(location.group(0))
        if elsewhere:
            return ""
    return dateline.group("city").title()


# The article's opening: its headline, date lines, captions and lead.
OPENING_UNITS = 8
OTHER_AGREEMENT_RE = re.compile(
    r"\b(?:similar|another|other|such|comparable|earlier|previous)\s+(?:[\w-]+\s+){0,2}"
    r"(?:agreements?|deals?|pacts?|accords?)\b",
    re.IGNORECASE,
)
# "Two member states …", "Three Nordic countries …": partners counted, not named.
COUNTED_SUBJECT_RE = re.compile(
    r"(?:^|[:;,]\s+)(?P<count>two|three|four|five|\d)\s+(?:[\w-]+\s+){0,2}"
    r"(?:countries|states|member states|partners|nations|allies|governments)\b",
    re.IGNORECASE,
)
# Said of a signing without a signing verb: where its ceremony was, who its signatories were.
CEREMONY_HELD_RE = re.compile(
    r"\b(?:the|its|a)\s+(?:signing\s+)?ceremony\s+(?:was held|took place|happened)\s+in\b",
    re.IGNORECASE,
)
SIGNATORY_NOUN_RE = re.compile(
    r"\bsignator(?:y|ies)\s+(?:was|were|is|are)\b|\bas\s+(?:the\s+)?signator(?:y|ies)\b",
    re.IGNORECASE,
)


@dataclass
class Unit:
    """A sentence of the article, with its paragraph and any bulleted list it introduces."""

    index: int
    text: str
    paragraph: int
    items: list = field(default_factory=list)
    headline: bool = False

    @property
    def quote(self):
        return strip_unbalanced_quotes(self.text)


# Where a bulleted line begins, inside a paragraph.
BULLET_LINE_RE = re.compile(r"\n(?=\s*(?:[•·*‣▪–-]|\d{1,2}[.)])\s)")
# An item of a list introduced by a colon is a name ("Denmark", "Spain (27 May)") unless it has
# this many words: then it says something ("Ukraine and Canada began talks in August 2023.")
# and is read as a sentence of its own too.
SENTENCE_ITEM_WORDS = 6


def units_of(text):
    units, paragraphs = [], paragraphs_of(text)
    skip = set()
    for number, paragraph in enumerate(paragraphs):
        if number in skip:
            continue
        lead, *bullets = BULLET_LINE_RE.split(paragraph)
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else ""
        lines = [line for line in following.split("\n") if line.strip()]
        introduces = lead.rstrip().endswith(":")
        if introduces and not bullets and lines and all(BULLET_RE.match(x) for x in lines):
            bullets = lines  # "Background:", and its list in the next paragraph
            skip.add(number + 1)
        units += sentence_units(lead, number, len(units))
        items = [BULLET_RE.sub("", bullet).strip() for bullet in bullets]
        if introduces and items:
            units[-1].items = [" ".join(item.split()).rstrip(",;.") for item in items]
        for item in items:
            if not introduces or len(item.split()) >= SENTENCE_ITEM_WORDS:
                units += sentence_units(item, number, len(units))
    return units


def sentence_units(text, paragraph, first):
    """The sentences of a piece of text, as units of `paragraph` numbered from `first`."""
    flat = " ".join(text.split())
    pieces = [flat[i : i + MAX_SENTENCE] for i in range(0, len(flat), MAX_SENTENCE)]
    sentences = [s for piece in pieces for s in split_sentences(piece)]
    return [Unit(first + index, sentence, paragraph) for index, sentence in enumerate(sentences)]


def list_items(text):
    """Items of an inline list: "Denmark, Spain, the Netherlands and Norway." → [...]."""
    text = text.strip().rstrip(".")
    return [item.strip() for item in re.split(r",\s*(?:and\s+)?|\s+and\s+|;\s*", text) if item]


class TooMany(Exception):
    """The article yields more candidates than one review can hold."""


class Extractor:
    def __init__(self, text, published=UNKNOWN, date_note="", headline=""):
        self.units = units_of(text)
        if self.units and headline and self.units[0].text == " ".join(headline.split()):
            self.units[0].headline = True
        self.published = published
        self.date_note = date_note
        self.weekdays = weekday_anchors(text) if published.precision != Precision.DAY else {}
        self.proposals = []
        self.warnings = []
        self.people_known = []
        self.signed = {}  # partner → the unit that reports its signing
        self.started = {}  # partner → (unit, date found, proposal) of the start of talks
        self.opening_round = None  # the unnumbered round of talks the article reports opening
        self.topic = []

    def propose(self, unit, kind, target, values, *, quote=None, supports="", note="", order=0):
        if len(self.proposals) >= MAX_CANDIDATES * 4:
            raise TooMany
        self.proposals.append(
            Proposal(
                kind=kind,
                target=target,
                values=values,
                quote=quote or unit.quote,
                supports=supports,
                note=note,
                position=(unit.index, KIND_ORDER.index(kind), order),
            )
        )

    def propose_start(self, unit, partner, when, order):
        """Propose that talks with `partner` started, on `when`'s date if a date was found;
        returns the proposal."""
        values = {"partner": partner}
        if when:
            values["date"] = when.date.iso
        self.propose(
            unit,
            "start",
            f"{agreement_slug(partner)} start",
            values,
            supports="negotiations started" + (", date" if when else ""),
            note=when.note if when else "",
            order=order,
        )
        return self.proposals[-1]

    def warn(self, unit, what):
        self.warnings.append(f"{what} (“{unit.quote[:90]}{'…' * (len(unit.quote) > 90)}”)")

    def partner_in(self, text):
        return next((iso2 for iso2 in countries_in(text) if iso2 not in NOT_PARTNERS), None)

    def run(self):
        try:
            self.topic = self.find_topic()
            opening = " ".join(unit.text for unit in self.units[:4])
            self.on_topic = bool(AGREEMENT_RE.search(opening) and SECURITY_TOPIC_RE.search(opening))
            self.main_round = self.find_main_round()
            self.people()
            for unit in self.units:
                self.signings(unit)
                self.signing_told_apart(unit)
                self.rounds(unit)
                self.starts(unit)
                self.declarations(unit)
                self.signed_list(unit)
                self.listed(unit)
                self.round_details(unit)
                self.talks_under_way(unit)
                self.agreements_listed(unit)
            self.delegations()
            self.terms_and_pledges()
            self.date_starts_by_first_round()
            self.date_same_day_signings()
        except TooMany:
            self.warnings.append(
                gettext(
                    "This article yields more than %(limit)s candidate facts: only the first "
                    "%(limit)s are kept. Split it into its articles and import each."
                )
                % {"limit": MAX_CANDIDATES}
            )
        unique = {}
        for proposal in sorted(self.proposals, key=lambda p: p.position):
            key = (proposal.kind, proposal.target, repr(sorted(proposal.values.items())))
            unique.setdefault(key, proposal)
        return list(unique.values())[:MAX_CANDIDATES]

    # --- the article as a whole --------------------------------------------------------------

    def find_topic(self):
        """The partners the headline (else the lead) is about."""
        for unit in self.units[:3]:
            mentions = [
                m  # "підпишуть в Італії": a state in the locative is a place, not a partner
                for m in mentions_in(unit.text)
                if not place_or_goal(unit.text, m)
            ]
            partners = partners_of(mentions)
            if partners:
                return partners
        return []

    # The round an article reports: its "delegation was headed by" and "during the meeting"
    # sentences are about this round.
    def find_main_round(self):
        for unit in self.units:
            match = ROUND_RE.search(unit.text)
            if not match:
                continue
            partners, venues = self.round_partners(unit, match)
            if not partners and venues:
                partners = self.topic  # hosted by another country: the article's partner's
            number = self.round_number(match)
            if partners and number:
                return partners[0], number
        for unit in self.units[:4]:
            partner = self.partner_in(unit.text)
            if START_RE.search(unit.text) and TALKS_RE.search(unit.text) and partner:
                return partner, 1
        return None

    def round_partners(self, unit, match):
        """(partners, venues) of a round a sentence names: the partners, less the countries
        that hosted it ("Malta, where the advisers were meeting, hosted the first round")."""
        venues = [m for m in mentions_in(unit.text) if HOSTED_RE.match(unit.text, m.end)]
        named = parties(unit.text, match.start(), match.end()) or partners_of(
            mentions_in(unit.text)
        )
        return [p for p in named if p not in partners_of(venues)], venues

    def round_target(self, partner, number, date=None):
        if number:
            return f"{agreement_slug(partner)} #{number}"
        return f"{agreement_slug(partner)} round of {date or 'unknown date'}"

    def people(self):
        seen = set()
        for unit in self.units:
            for person in people_in(unit.text):
                if person.role and person.name not in [p.name for p in self.people_known]:
                    self.people_known.append(person)
                if person.name in seen or not person.role or unit.headline:
                    continue
                seen.add(person.name)
                values = {"name": person.name, "role": self.role_text(person.role)}
                if person.side == HOME_ISO2 and "Ukrain" in person.role + unit.text:
                    values["country"] = HOME_ISO2
                note = ""
                if person.written and person.written != person.name:
                    note = f"Written “{person.written}” in the article."
                self.propose(unit, "person", person.name, values, supports="name, role", note=note)

    def role_text(self, role):
        role = re.sub(r"^[Tt]he\s+", "", role.strip())
        return role[:1].upper() + role[1:]

    def persons(self, text):
        """Everyone a passage names, by title or by a surname the article introduced."""
        found = people_in(text)
        names = {person.name for person in found}
        found += [p for p in surname_people(text, self.people_known) if p.name not in names]
        return found

    # --- signings ----------------------------------------------------------------------------

    def signings(self, unit):
        if SIGNED_LIST_RE.search(unit.text):
            return  # a list of partners: `signed_list` reads it
        previous = self.units[unit.index - 1] if unit.index else None
        after_agreement = bool(
            previous and previous.paragraph == unit.paragraph and AGREEMENT_RE.search(previous.text)
        )
        events = signings(
            unit.text,
            headline=unit.headline,
            on_topic=self.on_topic,
            after_agreement=after_agreement,
        )
        for event in events:
            partners, told = event.partners, ""
            counted = COUNTED_SUBJECT_RE.search(unit.text[: event.verb_start])
            if counted and any(
                counted.end() <= mention.start < event.verb_start
                for mention in mentions_in(unit.text)
                if set(mention.codes) - NOT_PARTNERS
            ):
                counted = None  # a partner named between the count and the verb is the subject
            if counted and parse_count(counted.group("count")) == len(self.topic) > 1:
                # "Two member states … put their names to": the two the headline names.
                partners, told = list(self.topic), "The partners are the ones the headline names."
            if not partners and event.definite:
                partners = self.context_partners(unit)
            city = CITY_SIGNING_RE.search(unit.text, 0, event.verb_end)
            if not partners and city and CAPITALS.get(city.group("city")) in self.signed:
                # "The Paris signing came on Friday evening": the capital's country's signing.
                partners, place = [CAPITALS[city.group("city")]], city.group("city")
            else:
                place = ""
            if not partners and event.status == "signed" and self.reports_topic_signing(unit):
                # "Zelensky put his name to a bilateral security agreement on Friday", in the
                # lead of an article whose headline reports the signing with one partner.
                partners, told = list(self.topic), "The partner is the one the headline names."
            if not partners:
                if event.status == "signed":
                    self.warn(unit, gettext("A signing whose partner the importer cannot tell"))
                continue
            if event.status == "denied":
                continue
            status = "signed" if event.status == "signed" else "negotiating"
            event_date = None
            if status == "signed":
                event_date = self.event_date(unit, event.verb_end) or self.meeting_date(unit)
            for order, partner in enumerate(partners):
                found = event_date
                if status == "signed" and len(partners) > 1:
                    found = self.partner_date(unit, partner) or event_date
                values = {"partner": partner, "status": status}
                supports = "status signed" if status == "signed" else "status (not yet signed)"
                note = ""
                if found:
                    values["signed_on"] = found.date.iso
                    supports += ", signed"
                    note = found.note
                elif status == "signed":
                    note = "Signing date not stated in this sentence."
                note = join_notes(told, note)
                self.propose(
                    unit,
                    "agreement",
                    agreement_slug(partner),
                    values,
                    supports=supports,
                    note=note,
                    order=order,
                )
                if status == "signed":
                    self.signed.setdefault(partner, unit)
                    self.signing_details(unit, event, partner, partners, order, place)

    def meeting_date(self, unit):
        """ "The meeting opened with the signing": the day of the meeting the sentence before
        reports ("On June 13, the Prime Minister held a summit meeting with …")."""
        if not MEETING_REFERRED_RE.search(unit.text):
            return None
        for other in reversed(self.units[max(0, unit.index - 2) : unit.index]):
            if MEETING_RE.search(other.text):
                found = best_date(other.text, self.published)
                if found and found.date.precision == Precision.DAY:
                    note = join_notes(found.note, "The day of the meeting the article reports.")
                    return FoundDate(found.date, found.text, found.start, note)
        return None

    def reports_topic_signing(self, unit):
        """Whether `unit` is in the article's opening, after its headline reported the signing
        with the one partner it names, and speaks of no other agreement ("a similar pact")."""
        return (
            unit.index < OPENING_UNITS
            and len(self.topic) == 1
            and self.topic[0] in self.signed
            and not OTHER_AGREEMENT_RE.search(unit.text)
        )

    def signing_told_apart(self, unit):
        """A sentence about a signing reported before it, which names no signing verb: "The
        ceremony was held in Washington", "The Japanese signatory was Prime Minister Fumio
        Kishida", "… with Zelenskyy and Prime Minister Luc Frieden as signatories"."""
        ceremony = CEREMONY_HELD_RE.search(unit.text)
        signatory = SIGNATORY_NOUN_RE.search(unit.text)
        if not (ceremony or signatory) or declaration_in(unit.text):
            return
        named = [p for p in self.partners_named(unit) if p in self.signed]
        partners = named or (list(self.signed) if len(self.signed) == 1 else [])
        if len(partners) != 1 or self.signed[partners[0]] is unit:
            return
        (partner,) = partners
        target = agreement_slug(partner)
        if ceremony:
            place = place_in(unit.text, after=ceremony.end() - 3)
            if place:
                values = {"partner": partner, "place": place}
                self.propose(unit, "place", f"{target} place", values, supports="place of signing")
        if signatory:
            # Those named after "the signatory was", or before "as signatories".
            if signatory.group(0).lower().startswith("as"):
                start = unit.text.rfind(" with ", 0, signatory.start())
                named = unit.text[max(0, start) : signatory.start()]
            else:
                named = re.split(r"[,;]", unit.text[signatory.end() :])[0]
            for person in self.persons(named) + self.leaders(named):
                if person.side and person.side not in (HOME_ISO2, partner):
                    continue
                values = {
                    "partner": partner,
                    "name": person.name,
                    "side": person.side or partner,
                    "role": self.role_text(person.role),
                }
                note = f"Written “{person.written}”." if person.written != person.name else ""
                self.propose(
                    unit,
                    "signer",
                    f"{target} {person.name}",
                    values,
                    supports="signatory",
                    note=note,
                )

    def partner_date(self, unit, partner):
        """ "with Spain on Monday and with Belgium on Tuesday": the date after a partner's
        name, before the next partner's."""
        mentions = [m for m in mentions_in(unit.text) if set(m.codes) - NOT_PARTNERS]
        for index, mention in enumerate(mentions):
            if partner not in mention.codes:
                continue
            end = mentions[index + 1].start if index + 1 < len(mentions) else len(unit.text)
            for found in self.dates_in(unit.text):
                if mention.end <= found.start < end and found.date:
                    return found
        return None

    def leaders(self, text):
        """Leaders named by surname alone ("Zelenskyy and De Croo sign"), as the article
        introduced them if it did."""
        found = []
        written = {surname: surname for surname in LEADERS}
        for stem, surname in UK_LEADERS.items():
            match = re.search(rf"(?<![\w-]){re.escape(stem)}[а-яіїєґ]{{0,3}}(?![\w-])", text)
            if match:
                written[match.group(0)] = surname
        for spelling, surname in written.items():
            if re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", text):
                known = next(
                    (p for p in self.people_known if p.name.split()[-1] == surname.split()[-1]),
                    None,
                )
                name = LEADER_NAMES.get(surname, surname)
                found.append(known or Person(name, "", LEADERS[surname], spelling))
        return found

    def signing_place(self, partner):
        """Where the article's opening says the partner's signing is ("ahead of the signing
        ceremony in Stockholm", after "Swedish Prime Minister"), if it says so once."""
        places = set()
        for unit in self.units[:OPENING_UNITS]:
            if re.search(r"\bsign|ceremony|підпис", unit.text, re.IGNORECASE):
                places.add(self.partner_place(unit, partner, adjectives=True))
            opening = OPENING_PLACE_RE.match(unit.text)
            if (
                opening
                and AGREEMENT_RE.search(unit.text)
                and self.partners_named(unit) == [partner]
            ):
                # "In Berlin that morning, Chancellor Olaf Scholz hailed his accord with Ukraine"
                places.add(place_in(f"in {opening.group('place')}"))
        places.discard("")
        return places.pop() if len(places) == 1 else ""

    def signing_place_said_around(self):
        """Where the article's opening says the signing was, in words such as "was in Lisbon for
        the signing" or "on a trip to Kyiv", if it says one place."""
        places = set()
        for unit in self.units[:OPENING_UNITS]:
            if SIGN_VERB_RE.search(unit.text):
                places.add(signing_place_in(unit.text))
        places.discard("")
        return places.pop() if len(places) == 1 else ""

    def partner_place(self, unit, partner, adjectives=False):
        """ "with France in Paris, … with Germany": the place after a partner's name, before the
        next partner's."""
        mentions = mentions_in(unit.text, adjectives=adjectives)
        if adjectives:  # and leaders: "Zelenskiy and Sanchez in Madrid, after the signing"
            mentions = sorted(mentions + leaders_in(unit.text), key=lambda m: m.start)
        mentions = [m for m in mentions if set(m.codes) - NOT_PARTNERS]
        for index, mention in enumerate(mentions):
            if partner in mention.codes:
                end = mentions[index + 1].start if index + 1 < len(mentions) else len(unit.text)
                return place_in(unit.text[:end], after=mention.end)
        return ""

    def context_partners(self, unit):
        """The partners "the agreement" refers to: of this paragraph's sentences, else the
        headline's."""
        for other in reversed(self.units[max(0, unit.index - 3) : unit.index]):
            partners = partners_of(mentions_in(other.text))
            if partners and other.paragraph == unit.paragraph:
                return partners
        return list(self.topic)

    def dates_in(self, text):
        """The dates of a sentence that can be its events' (`find_dates`, less those that only
        qualify a noun: "under the G7's July 2023 pledge")."""
        attributive = self.attributive_dates(text)
        return [found for found in find_dates(text, self.published) if found not in attributive]

    def attributive_dates(self, text):
        return [
            found
            for found in find_dates(text, self.published)
            if ATTRIBUTIVE_BEFORE_RE.search(text, 0, found.start)
            and ATTRIBUTIVE_AFTER_RE.match(text, found.start + len(found.text))
        ]

    def event_date(self, unit, position):
        """The date a sentence gives its event: the most precise, the nearest first, in the
        event's own clause ("…with Denmark; an agreement with Italy was signed on 24 February":
        the date is Italy's)."""
        start, end = clause_around(unit.text, position)
        clause = " " * start + unit.text[start:end]
        for attributive in self.attributive_dates(clause):
            clause = (
                clause[: attributive.start]
                + " " * len(attributive.text)
                + clause[attributive.start + len(attributive.text) :]
            )
        found = best_date(clause, self.published, after=position)
        if found is None and self.weekdays:
            # An undated article that writes "Thursday, June 13, 2024" somewhere: its other
            # "Thursday" is that day too.
            for weekday in find_dates(clause, self.published):
                anchor = self.weekdays.get(weekday.text)
                if weekday.weekday and anchor:
                    note = f"“{weekday.text}”: {anchor.text}, as the article writes it."
                    return FoundDate(anchor.date, weekday.text, weekday.start, note, True)
        return found

    def signing_details(self, unit, event, partner, partners, order, place=""):
        # "In Brussels, before the summit, he signed with …": the place the sentence opens with.
        opening = re.match(r"(?:\w+:\s+)?In\s+(?P<place>[A-Z][^,]{0,40}),", unit.text)
        place = (
            place
            or self.partner_place(unit, partner)
            or place_in(unit.text, after=event.verb_start)
            or (place_in(unit.text) if is_ukrainian(unit.text) else "")  # "в Києві скріпили"
            or (place_in(f"in {opening.group('place')}") if opening else "")
            or signing_place_in(unit.text)
            or self.signing_place(partner)
            or (self.signing_place_said_around() if partner in self.topic else "")
        )
        note = ""
        if not place and dateline_place(unit.text):
            place = dateline_place(unit.text)
            note = (
                "The place the article was filed from (its dateline); the text does not say "
                "where the signing was."
            )
        if place:
            self.propose(
                unit,
                "place",
                f"{agreement_slug(partner)} place",
                {"partner": partner, "place": place},
                supports="place of signing",
                note=note,
                order=order,
            )
        people = {}
        named = self.persons(unit.text) + self.leaders(unit.text)
        if not named and THE_TWO_RE.search(unit.text):
            # "the two leaders signed", "the signing by both leaders": the two the sentences
            # before named.
            for other in reversed(self.units[max(0, unit.index - 3) : unit.index]):
                named = self.persons(other.text) + self.leaders(other.text)
                if len({person.name for person in named}) == 2:
                    break
            else:
                named = []
        # "According to Zhovkva, Denmark is the first …": the source, not a signatory.
        sources = " ".join(m.group("name") for m in ACCORDING_TO_RE.finditer(unit.text))
        for person in named:
            if person.name.split()[-1] in sources or (person.written or "-").split()[-1] in sources:
                continue
            people.setdefault(person.name.split()[-1], person)
        for person in people.values():
            if speaks(unit.text, person.written):
                continue  # "Як написав Жовква, підписи поставили …": he reports it
            side = person.side
            if side and side != HOME_ISO2 and side != partner:
                continue
            if not side and len(partners) > 1:
                continue
            values = {
                "partner": partner,
                "name": person.name,
                "side": side or partner,
                "role": self.role_text(person.role),
            }
            note = f"Written “{person.written}”." if person.written != person.name else ""
            self.propose(
                unit,
                "signer",
                f"{agreement_slug(partner)} {person.name}",
                values,
                supports="signatory",
                note=note,
                order=order,
            )

    def signed_list(self, unit):
        match = SIGNED_LIST_RE.search(unit.text)
        if not match:
            return
        items = unit.items or list_items(match.group("list"))
        check = self.check_count(
            unit, parse_count(match.group("count")), items, gettext_noop("states")
        )
        lead = unit.text[: unit.text.index(":") + 1]
        for order, (item, iso2) in enumerate(self.countries_of(unit, items)):
            self.propose(
                unit,
                "agreement",
                agreement_slug(iso2),
                {"partner": iso2, "status": "signed"},
                quote=f"{lead} … {item}",
                supports="status signed",
                note=join_notes(
                    check,
                    f"Signing date not stated; signed by the article's date ({self.published}).",
                ),
                order=order,
            )

    def listed(self, unit):
        """Partners listed as having signed ("Latvia and Finland have already signed theirs"),
        or as still negotiating ("Spain and Belgium are still negotiating"), each with the date
        said of it before the next list begins."""
        if SIGNED_LIST_RE.search(unit.text):
            return
        previous = self.units[unit.index - 1] if unit.index else None
        context = previous.text if previous and previous.paragraph == unit.paragraph else ""
        found = listed_partners(unit.text, context)
        dates = [d for d in self.dates_in(unit.text) if d.date]
        for index, listed in enumerate(found):
            limit = found[index + 1].start if index + 1 < len(found) else len(unit.text)
            clause_end = unit.text.find(";", listed.end)
            if 0 <= clause_end < limit:
                limit = clause_end
            when = next((d for d in dates if listed.start <= d.start < limit), None)
            for order, partner in enumerate(listed.partners):
                if listed.status == "signed" and self.signed.get(partner) is unit:
                    continue
                values = {"partner": partner, "status": listed.status}
                if listed.status == "signed":
                    supports, note = "status signed", "Signing date not stated in this sentence."
                    if when:
                        values["signed_on"] = when.date.iso
                        supports, note = "status signed, signed", when.note
                    self.signed.setdefault(partner, unit)
                else:
                    supports, note = "status (not yet signed)", ""
                self.propose(
                    unit,
                    "agreement",
                    agreement_slug(partner),
                    values,
                    supports=supports,
                    note=note,
                    order=order,
                )
                if listed.opened and partner not in self.started:
                    proposal = self.propose_start(unit, partner, when, order)
                    self.started[partner] = (unit, when, [proposal])

    # --- terms and pledges -------------------------------------------------------------------

    def terms_and_pledges(self):
        """How long and how much, said of the agreement a sentence (or the article) is about.

        The partner is the one the sentence names (the nearest after a term: "a 10-year
        agreement with France"), else the one partner the article reports signing with (or its
        headline names); "each agreement runs for 10 years" is said of every partner signed.
        """
        main = list(self.signed) or [
            p.values["partner"] for p in self.proposals if p.kind == "agreement"
        ]
        main = list(dict.fromkeys(main))
        headline = [p for p in self.topic if p in main]
        default = main if len(main) == 1 else headline if len(headline) == 1 else []
        for unit in self.units:
            term_said = TERM_NOUN_RE.search(unit.text)
            pledged = PLEDGE_RE.search(unit.text) or UK_PLEDGE_RE.search(unit.text)
            if not (AGREEMENT_RE.search(unit.text) or pledged or term_said):
                continue
            partners = self.partners_named(unit)
            if len(partners) == 1:
                chosen = partners
            elif partners:
                chosen = []
            elif EACH_AGREEMENT_RE.search(unit.text) and self.signed:
                chosen = list(self.signed)
            else:
                chosen = default
            term = term_in(unit.text)
            if term and not chosen and len(partners) > 1:
                chosen = self.partner_after(unit, TERM_RE.search(unit.text))
            said_of_agreement = (
                partners
                or term_said
                or DEFINITE_AGREEMENT_RE.search(unit.text)
                or EACH_AGREEMENT_RE.search(unit.text)
            )
            if term and chosen and said_of_agreement:
                for partner in chosen:
                    target = f"{agreement_slug(partner)} term"
                    values = {"partner": partner, **term}
                    self.propose(unit, "term", target, values, supports="term")
            if len(chosen) != 1 or not pledged:
                continue
            (partner,) = chosen
            amounts = money_in(unit.text, partner)
            for index, money in enumerate(amounts):
                start, end = amount_clause(unit.text, amounts, index)
                if PAST_AID_RE.search(unit.text, start, money.start):
                    continue  # "total contribution since 2022 to roughly 2 billion euros"
                if UK_PAST_AID_RE.search(unit.text[max(0, money.start - 60) : money.start]):
                    continue  # "ми вже отримали 400 мільйонів євро", "пакета допомоги на …"
                after = unit.text[money.start + len(money.text) :]
                if SEPARATE_PACKAGE_RE.match(after) and not UNDER_AGREEMENT_RE.search(unit.text):
                    continue  # "hailed the accord and unveiled a $1.2 billion aid package"
                values = {
                    "partner": partner,
                    "amount": str(money.amount),
                    "currency": money.currency,
                }
                # The period the clause gives: after the amount ("in 2024"), else before it
                # ("For 2024 Luxembourg has allocated …").
                found = PERIOD_RE.search(unit.text, money.start, end) or PERIOD_RE.search(
                    unit.text, start, money.start
                )
                if found:
                    values["period"] = found.group("period")
                    year = int(found.group("period")[:4])
                    if self.published and year < self.published.year:
                        continue  # aid of a past year, not a commitment
                self.propose(
                    unit,
                    "pledge",
                    f"{agreement_slug(partner)} {money.text}",
                    values,
                    supports="amount, currency",
                )

    def partners_named(self, unit):
        """The partners a sentence names, by name, adjective or leader, less the names that
        are part of an amount ("US$2.2 billion"), of a person's name ("Luís Montenegro") or a
        place ("the summit in Italy")."""
        text = unit.text
        covered = [match.span() for match in MONEY_RE.finditer(text)]
        for person in people_in(text):
            start = text.find(person.written)
            if start >= 0:
                covered.append((start, start + len(person.written)))
        ukrainian = is_ukrainian(text)
        mentions = [
            mention
            for mention in mentions_in(text, adjectives=True)
            if not any(a <= mention.start < b for a, b in covered)
            and not at_place(text, mention.start)
            and not (ukrainian and place_or_goal(text, mention))  # "в Італії", "до НАТО"
        ]
        partners = partners_of(mentions)
        partners += [p for p in partners_of(leaders_in(text)) if p not in partners]
        return partners

    def partner_after(self, unit, match):
        """The partner named right after `match` in its clause ("10-year … with France")."""
        if not match:
            return []
        for mention in mentions_in(unit.text):
            if mention.start > match.end() and mention.start - match.end() < 80:
                codes = [c for c in mention.codes if c not in NOT_PARTNERS]
                return codes[:1]
        return []

    # --- rounds and starts -------------------------------------------------------------------

    def round_number(self, match):
        which = match.group("which") or match.group("which2") or match.group("ukwhich") or ""
        which = which.lower()
        if which in ("initial", "opening"):
            return 1
        return parse_ordinal(which)

    def rounds(self, unit):
        match = ROUND_RE.search(unit.text)
        if not match:
            return
        which = (match.group("which") or match.group("which2") or "").lower()
        if re.match(r"наступн|майбутн|подальш", match.group(0), re.IGNORECASE):
            which = "next"  # "план наступних раундів переговорів"
        before = unit.text[max(0, match.start() - 40) : match.start()]
        partners, venues = self.round_partners(unit, match)
        if not partners:
            partners = self.context_partners(unit)
        if not partners and venues:
            partners = list(self.topic)
        if not partners:
            self.warn(unit, gettext("A negotiation round whose partner the importer cannot tell"))
            return
        partner = partners[0]
        self.propose(
            unit,
            "agreement",
            agreement_slug(partner),
            {"partner": partner, "status": "negotiating"},
            supports="status (under negotiation)",
        )
        reported = unit.headline and self.round_only_in_headline(unit)
        if which == "next" or ROUND_PLANNED_RE.search(before) or (unit.headline and not reported):
            return
        if re.search(r"\b(?:will|would|to be held|is to|are to)\b", unit.text[: match.start()]):
            return
        after = unit.text[match.end() :]
        if re.match(r"\s*(?:\w+\s+){0,3}(?:would|will|could|should|might|may)\b", after):
            return  # "one more round of talks would be enough": hoped for, not held
        number = self.round_number(match)
        values = {"partner": partner, "number": number, "is_implied": False}
        supports, note = (["number"] if number else ["existence"]), ""
        found = self.event_date(unit, match.end())
        if not found:
            found = self.round_date_nearby(unit)
        if found:
            values["date"] = found.date.iso
            supports.append("date")
            note = found.note
        elif self.main_round == (partner, number) and self.published:
            # The article reports the round as news: it took place by publication, but
            # possibly weeks earlier, so only the year of publication is inferred.
            values["date"] = PartialDate(self.published.year).iso
            values["date_note"] = (
                f"Not dated in the article; reported in an article published "
                f"{self.published}. "
                f"{self.date_note}"
            ).strip()[:300]
            supports.append("date (of the report)")
        place = self.round_place(unit) or (venues[0].text if venues else "")
        if place:
            values["place"] = place
            supports.append("place")
        lead = self.round_lead(unit, match.start()) or self.ukrainian_side_lead(unit)
        if lead:
            values["ukrainian_lead"] = lead
            supports.append("Ukrainian lead")
        if number is None:
            del values["number"]
        self.propose(
            unit,
            "round",
            self.round_target(partner, number, values.get("date")),
            values,
            supports=", ".join(supports),
            note=note,
        )
        if number == 1 and found and not (self.started.get(partner) or (0, None))[1]:
            # Negotiations start with their first round: its date is the start's.
            start = {"partner": partner, "date": found.date.iso}
            note = join_notes(found.note, "The first round of talks is their start.")
            self.propose(
                unit, "start", f"{agreement_slug(partner)} start", start, supports="date", note=note
            )
            self.started[partner] = (unit, found, [self.proposals[-1]])
        for earlier in range((number or 1) - 1, 0, -1):
            self.propose(
                unit,
                "round",
                self.round_target(partner, earlier),
                {"partner": partner, "number": earlier, "is_implied": True},
                supports="existence (implied)",
                note=f"Round {number} implies a round {earlier}; nothing else about it "
                "is reported.",
                order=number - earlier,
            )

    def round_only_in_headline(self, unit):
        """ "Безпекова угода з Польщею: пройшов фінальний раунд переговорів": a Ukrainian headline
        that reports a round held, which the body speaks of only as "the talks"."""
        return bool(
            is_ukrainian(unit.text)
            and UK_ROUND_DONE_RE.search(unit.text)
            and not any(ROUND_RE.search(other.text) for other in self.units[1:])
        )

    def following(self, unit, count=2):
        return [u for u in self.units[unit.index + 1 : unit.index + 1 + count]]

    def round_date_nearby(self, unit):
        """ "Details: The round took place on 26 January." right after the sentence."""
        for other in self.following(unit):
            if re.search(
                r"\b(?:round|talks|meeting|consultations|took place|were held|"
                r"was held|відбувся|відбулися|раунд|зустріч\w*|переговор\w*)\b",
                other.text,
                re.I,
            ):
                found = first_date(other.text, self.published)
                if found and found.date.precision == "day":
                    return found
        return None

    def round_place(self, unit):
        return place_in(unit.text)

    def ukrainian_side_lead(self, unit):
        """ "Україну на переговорах представляли Ігор Жовква …": in a Ukrainian report of one
        round, the sentence (of this one on) that says who led the Ukrainian side."""
        if not is_ukrainian(unit.text):
            return None
        for other in self.units[unit.index : unit.index + 12]:
            where = ukrainian_lead(other.text)
            if where:
                named = self.persons(other.text[where[0] : where[1]])
                named += first_named(other.text[where[0] : where[1]])
                for person in named:
                    if person.side in ("", HOME_ISO2):
                        return person.name
        return None

    def round_lead(self, unit, position=None):
        """The Ukrainian who led the round, as this sentence or the next ones say."""
        held = re.search(r"\b(?:held|holds|conducted|led|headed|chaired)\b", unit.text)
        if held and position is not None:
            for person in self.persons(unit.text[:position]):
                if person.side in ("", HOME_ISO2):
                    return person.name
        for other in [unit, *self.following(unit)]:
            people = [p for p in self.persons(other.text) if p.side in ("", HOME_ISO2)]
            led = LEAD_VERB_RE.search(other.text)
            if not led:
                continue
            for person in people:
                if (person.side == HOME_ISO2 or "Ukrain" in other.text) and (
                    "Ukrain" in person.role
                    or person.side == HOME_ISO2
                    or re.search(r"Ukrain\w*\s+(?:delegation|side|team)", other.text)
                ):
                    return person.name
        return None

    def starts(self, unit):
        start = START_RE.search(unit.text) or UK_ONGOING_SINCE_RE.search(unit.text)
        talks = min(
            TALKS_RE.finditer(unit.text),
            key=lambda found: abs(found.start() - start.start()) if start else 0,
            default=None,
        )
        if not (start and talks) or abs(start.start() - talks.start()) > 80:
            return
        if OTHER_START_RE.search(unit.text, 0, start.start()):
            return  # "a visit that began that morning, signed it after talks": not the talks'

        # The clause of the start: "Talks are under way: Germany's started on 17 November,
        # while the UK and Ukraine met for a second round" starts Germany's talks.
        first, last = clause_around(unit.text, start.start())
        clause = unit.text[first:last]
        if START_PLANNED_RE.search(clause) or ROUND_RE.search(clause):
            return
        if first <= talks.start() < last:
            span = (min(start.start(), talks.start()), max(start.end(), talks.end()))
            if talks.start() < start.start():
                span = (span[0], talks.end())  # "Перемовини з нідерландською стороною тривають …"
        else:
            span = start.span()
        partners = parties(unit.text[:last], *span) or partners_of(mentions_with_capitals(clause))
        if not partners:
            partners = self.context_partners(unit)
        if not partners:
            self.warn(
                unit, gettext("The start of negotiations with a partner the importer cannot tell")
            )
            return
        found = self.event_date(unit, start.end())
        if not found and is_ukrainian(unit.text) and unit.index < 4:
            found = self.round_date_nearby(unit)  # "сьогоднішню зустріч провів …"
            for other in self.units[unit.index + 1 : unit.index + 6] if not found else []:
                # "У четвер, 14 березня, переговори від української сторони вів …"
                dated = ukrainian_lead(other.text) and first_date(other.text, self.published)
                if dated and dated.date.precision == "day":
                    found = dated
                    break
        for order, partner in enumerate(partners):
            self.propose(
                unit,
                "agreement",
                agreement_slug(partner),
                {"partner": partner, "status": "negotiating"},
                supports="status (under negotiation)",
                order=order,
            )
            earlier = self.started.get(partner)
            if earlier and (earlier[1] or not found):
                continue  # the first dated report of the start is the one proposed
            if earlier:
                for proposal in earlier[2]:
                    self.proposals.remove(proposal)
            made = [self.propose_start(unit, partner, found, order)]
            if self.main_round == (partner, 1):
                # The talks the article reports opening: the delegations' first meeting, taken
                # for the first round (as the seed records the US talks of 3 August 2023).
                first = {"partner": partner, "number": 1, "is_implied": False}
                if found:
                    first["date"] = found.date.iso
                lead = self.round_lead(unit) or self.ukrainian_side_lead(unit)
                if lead:
                    first["ukrainian_lead"] = lead
                date = found.date.iso if found else None
                self.opening_round = {"partner": partner, "date": date} if date else None
                self.propose(
                    unit,
                    "round",
                    self.round_target(partner, 1),
                    first,
                    supports="date" if found else "existence",
                    note=found.note if found else "",
                    order=order,
                )
                made.append(self.proposals[-1])
            self.started[partner] = (unit, found, made)

    def talks_under_way(self, unit):
        """ "близькі до завершення й переговори Києва з Німеччиною та Францією": partners named
        as being in talks, in a Ukrainian sentence that says where the talks stand."""
        if not is_ukrainian(unit.text) or not UK_TALKS_STATE_RE.search(unit.text):
            return
        mentions = [m for m in mentions_in(unit.text) if not m.adjective]
        for match in UK_TALKS_WITH_RE.finditer(unit.text):
            run = _run_after(unit.text, mentions, match.end())
            for order, partner in enumerate(partners_of(run)):
                self.propose(
                    unit,
                    "agreement",
                    agreement_slug(partner),
                    {"partner": partner, "status": "negotiating"},
                    supports="status (under negotiation)",
                    order=order,
                )

    def agreements_listed(self, unit):
        """ "Україна має вже дев'ять двосторонніх безпекових угод: із Великою Британією, …":
        partners listed as having signed, in a Ukrainian sentence."""
        if not is_ukrainian(unit.text) or not UK_AGREEMENTS_WITH_RE.search(unit.text):
            return
        mentions = [m for m in mentions_in(unit.text) if not m.adjective]
        for match in UK_AGREEMENTS_WITH_RE.finditer(unit.text):
            run = _run_after(unit.text, mentions, match.end())
            for order, partner in enumerate(partners_of(run)):
                if partner in self.signed:
                    continue  # reported signed already, with what the article says of it
                self.propose(
                    unit,
                    "agreement",
                    agreement_slug(partner),
                    {"partner": partner, "status": "signed"},
                    supports="status signed",
                    note="Signing date not stated in this sentence.",
                    order=order,
                )

    def date_starts_by_first_round(self):
        """Talks begin with their first round: an undated start takes its first round's date."""
        for start in [p for p in self.proposals if p.kind == "start" and "date" not in p.values]:
            first = next(
                (
                    p
                    for p in self.proposals
                    if p.kind == "round"
                    and p.values.get("partner") == start.values["partner"]
                    and p.values.get("number") == 1
                    and not p.values.get("is_implied")
                    and p.values.get("date")
                ),
                None,
            )
            if first:
                start.values["date"] = first.values["date"]
                start.supports += ", date (of the first round)"
                start.note = join_notes(start.note, "The date of the first round of the talks.")

    def date_same_day_signings(self):
        """A Ukrainian news item that reports a signing in its headline or lead without a date
        reports the day's news: the signing takes the date the page shows, with a note to check
        it. Only when nothing in the article dates that signing."""
        if self.published.precision != "day" or not self.units or not self.date_note:
            return  # only a page that shows its own date, as a news item does
        if not is_ukrainian(" ".join(unit.text for unit in self.units[:3])):
            return
        for partner in self.signed:
            signed = [
                p
                for p in self.proposals
                if p.kind == "agreement"
                and p.values["partner"] == partner
                and p.values["status"] == "signed"
            ]
            if any("signed_on" in p.values for p in signed):
                continue
            lead = [p for p in signed if p.position[0] <= 3 and not BACKGROUND_RE.match(p.quote)]
            if lead:
                lead[0].values["signed_on"] = self.published.iso
                lead[0].note = (
                    f"Not dated in the text: the signing is the news of a report dated "
                    f"{self.published}; check the date."
                )

    def round_details(self, unit):
        """Sentences about the article's round that do not name it: lead, partner side, summary."""
        if not self.main_round:
            return
        partner, number = self.main_round
        if number is None and not self.opening_round:
            return  # no round to attach the details to
        key = {"partner": partner, "number": number} if number else dict(self.opening_round)
        target = self.round_target(partner, number, key.get("date"))
        paragraph = [
            u
            for u in self.units[max(0, unit.index - 20) : unit.index + 20]
            if u.paragraph == unit.paragraph
        ]
        paragraph_text = " ".join(u.text for u in paragraph)
        if (
            DELEGATION_LEAD_RE.search(unit.text)
            and not APPOINTMENT_RE.search(paragraph_text)
            and not ROUND_RE.search(unit.text)
        ):
            leads = [p.name for p in self.persons(unit.text) if p.side in ("", HOME_ISO2)]
            if leads:
                self.propose(
                    unit,
                    "round",
                    target,
                    {**key, "ukrainian_lead": leads[0]},
                    supports="Ukrainian lead",
                )
        match = PARTNER_DELEGATION_RE.search(unit.text)
        if match:
            who = f"Representatives of {match.group('who')}"
            self.propose(
                unit,
                "round",
                target,
                {**key, "partner_delegation": who},
                supports="partner delegation",
            )
        if unit is paragraph[0] and re.match(r"During the (?:meeting|talks|round)\b", unit.text):
            self.propose(
                unit,
                "round",
                target,
                {**key, "summary": paragraph_text},
                quote=paragraph_text,
                supports="summary",
            )

    # --- the G7 declaration ------------------------------------------------------------------

    def declarations(self, unit):
        listed = JOINERS_LIST_RE.search(unit.text)
        if listed and declaration_in(listed.group("what")):
            self.joiners_list(unit, listed, declaration_in(listed.group("what")))
            return
        declaration = declaration_in(unit.text) or (
            self.declaration_context(unit) if JOIN_RE.search(unit.text) else None
        )
        if not declaration:
            return
        self.joinings(unit, declaration)
        if not declaration_in(unit.text) or not DECLARATION_VERB_RE.search(unit.text):
            return
        values = {"slug": declaration.slug, "title": declaration.title}
        supports, note = ["title"], ""
        found = first_date(unit.text, self.published)
        if found:
            values["adopted_on"] = found.date.iso
            supports.append("date")
            note = found.note
        occasion = OCCASION_RE.search(unit.text)
        if occasion:
            values["occasion"] = occasion.group("occasion")
            values["place"] = occasion.group("place")
            supports += ["place", "occasion"]
        self.propose(
            unit, "declaration", declaration.slug, values, supports=", ".join(supports), note=note
        )
        following = self.units[unit.index + 1] if unit.index + 1 < len(self.units) else None
        if (
            following
            and following.paragraph == unit.paragraph
            and re.match(r"(?:The document|The declaration|It)\b", following.text)
        ):
            summary = {
                "slug": declaration.slug,
                "title": declaration.title,
                "summary": following.quote,
            }
            self.propose(following, "declaration", declaration.slug, summary, supports="summary")
        founders = FOUNDERS_RE.search(unit.text)
        if founders:
            items = list_items(founders.group("list"))
            check = self.check_count(unit, len(G7), items, gettext_noop("G7 countries"))
            for order, (_item, iso2) in enumerate(self.countries_of(unit, items)):
                self.propose(
                    unit,
                    "country",
                    iso2,
                    {"iso2": iso2, "is_g7": True},
                    supports="G7 member",
                    note=check,
                    order=order,
                )
                signatory = {"declaration": declaration.slug, "country": iso2, "role": "founding"}
                if found:
                    signatory["joined_on"] = found.date.iso
                self.propose(
                    unit,
                    "signatory",
                    f"{declaration.slug} {iso2}",
                    signatory,
                    supports="founding signatory" + (", date" if found else ""),
                    note=join_notes(check, found.note if found else ""),
                    order=order,
                )

    def declaration_context(self, unit):
        """The declaration "the declaration" (or a list of "additions") refers to: the one the
        article names."""
        if not re.search(
            r"\b(?:the|this|G7)\s+(?:\w+\s+)?declaration|декларац|\badditions\b|"
            r"\bsigned up\b|\bsignatories\b",
            unit.text,
            re.I,
        ):
            return None
        return next((declaration_in(u.text) for u in self.units if declaration_in(u.text)), None)

    def joinings(self, unit, declaration):
        """ "Slovenia became the 22nd country to join", "the Baltic states joined"."""
        verb = JOIN_RE.search(unit.text)
        if not verb or FOUNDERS_RE.search(unit.text):
            return
        before = unit.text[max(0, verb.start() - 50) : verb.start()]
        if JOIN_NOT_RE.search(before):
            return
        joined = unit.text[verb.end() :]
        if JOINS_ORGANISATION_RE.match(joined):
            return  # joining NATO or the EU is another matter
        mentions = [m for m in mentions_in(unit.text) if not at_place(unit.text, m.start)]
        ordinal = ORDINAL_JOIN_RE.search(unit.text)
        passive = re.match(r"\s*by\b", joined)
        subject_end = ordinal.start() if ordinal else verb.start()
        subject = [m for m in mentions if m.start < subject_end]
        after = [m for m in mentions if m.start > verb.end()]
        listed = (
            passive
            or verb.group(0).lower() == "additions"
            or re.search(
                r"\b(?:include|including|namely|are|were)\b|:",
                unit.text[verb.end() : verb.end() + 40],
            )
        )
        chosen = [] if passive or verb.group(0).lower() == "additions" else subject
        if listed and not chosen:
            chosen = after
        partners = partners_of(chosen)
        if not partners:
            self.warn(
                unit,
                gettext("A joining of the declaration whose countries the importer cannot tell"),
            )
            return
        found = first_date(unit.text, self.published)
        for order, iso2 in enumerate(partners):
            values = {"declaration": declaration.slug, "country": iso2, "role": "joined"}
            if found and not listed:
                values["joined_on"] = found.date.iso
            self.propose(
                unit,
                "signatory",
                f"{declaration.slug} {iso2}",
                values,
                supports="joined" + (", date" if "joined_on" in values else ""),
                note=found.note if found and not listed else "",
                order=order,
            )

    def joiners_list(self, unit, match, declaration):
        items = unit.items or list_items(match.group("list"))
        check = self.check_count(
            unit, parse_count(match.group("count")), items, gettext_noop("countries")
        )
        lead = unit.text[: unit.text.index(":") + 1]
        for order, (item, iso2) in enumerate(self.countries_of(unit, items)):
            self.propose(
                unit,
                "signatory",
                f"{declaration.slug} {iso2}",
                {"declaration": declaration.slug, "country": iso2, "role": "joined"},
                quote=f"{lead} … {item}",
                supports="joined later",
                note=join_notes(
                    check,
                    "Joining date not stated; reported as a signatory by the article's date "
                    f"({self.published}).",
                ),
                order=order,
            )

    # --- the negotiating group ---------------------------------------------------------------

    def delegations(self):
        by_paragraph = {}
        for unit in self.units:
            by_paragraph.setdefault(unit.paragraph, []).append(unit)
        for units in by_paragraph.values():
            text = " ".join(unit.text for unit in units)
            if len(text) > 5000 or not (GROUP_RE.search(text) and APPOINTMENT_RE.search(text)):
                continue
            found = first_date(text, self.published)
            if not found or found.date.month is None:
                continue  # a delegation is named by the month of its appointment
            slug = delegation_slug(found.date)
            values = {"slug": slug, "appointed_on": found.date.iso}
            supports = ["date"]
            mandate = MANDATE_RE.search(text)
            if mandate:
                values["name"] = f"Negotiating group on {mandate.group('what').strip()}"
                values["mandate"] = f"To negotiate {mandate.group('what').strip()}."
                supports.append("mandate")
            appointer = APPOINTER_RE.search(text)
            if appointer:
                values["appointed_by"] = canonical_person(appointer.group("name"))[0]
                supports.append("appointed by")
            lead = LEAD_BY_RE.search(text)
            if lead and not set(lead.group("name").split()) & {"Office", "President"}:
                values["lead"] = canonical_person(lead.group("name"))[0]
                supports.append("lead")
            quote = strip_unbalanced_quotes(text)
            self.propose(
                units[0],
                "delegation",
                slug,
                values,
                quote=quote,
                supports=", ".join(supports),
                note=found.note,
            )
            if self.main_round and re.search(
                r"Ukrainian delegation\b.*?\b(?:consisted of|comprised|was made up of)", text
            ):
                partner, number = self.main_round
                self.propose(
                    units[0],
                    "round",
                    self.round_target(partner, number),
                    {"partner": partner, "number": number, "delegation": slug},
                    quote=quote,
                    supports="Ukrainian delegation",
                )

    def countries_of(self, unit, items):
        """(item as written, ISO code) for each list item the gazetteer knows."""
        result = []
        for item in items:
            iso2 = lookup_country(item)
            if iso2 is None:
                self.warnings.append(
                    gettext("“%(item)s” is not a country the gazetteer knows: skipped")
                    % {"item": item}
                )
            else:
                result.append((item, iso2))
        return result

    def check_count(self, unit, expected, items, what):
        """A note (and a warning) when a list's length differs from the count the text gives."""
        if expected is None or expected == len(items):
            return ""
        # The note is kept with the candidate, in English like every note; the warning is for
        # the editor importing the article, in their language.
        note = (
            f"The article says {expected} {what} but lists {len(items)}: check the list "
            f"(“{unit.quote[:60]}…”)."
        )
        self.warnings.append(
            gettext(
                "The article says %(expected)s %(what)s but lists %(count)s: check the list "
                "(“%(quote)s…”)."
            )
            % {
                "expected": expected,
                "what": gettext(what),
                "count": len(items),
                "quote": unit.quote[:60],
            }
        )
        return note


def extract(text, published=UNKNOWN, date_note="", headline=""):
    """(proposals, warnings) for an article's own text."""
    extractor = Extractor(text, published, date_note, headline)
    proposals = extractor.run()
    return proposals, extractor.warnings


__all__ = ["Person", "Proposal", "extract", "find_dates"]
