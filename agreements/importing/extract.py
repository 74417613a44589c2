"""Candidate facts from an article's text, each with the sentence it comes from.

Extraction only proposes: every `Proposal` becomes a pending `CandidateFact` that an editor
accepts or rejects. A proposal names the fact row it is about (`target`, by natural key), the
field values the quote supports, and a note on anything inferred (e.g. a year taken from the
article's date). Nothing here touches the database.
"""

import re
from dataclasses import dataclass, field

from agreements.partial_dates import UNKNOWN, PartialDate

from .dates import first_date
from .gazetteer import (
    COUNTRIES,
    FOREIGN_ADJECTIVES,
    G7,
    HOME_ISO2,
    countries_in,
    country_name,
    declaration_in,
    lookup_country,
)
from .text import paragraphs_of, split_sentences, strip_unbalanced_quotes

# The order in which an editor (and `accept_candidates`) should accept a sentence's candidates:
# rows that others refer to come first.
KIND_ORDER = ["country", "person", "declaration", "delegation", "agreement", "signatory", "round"]


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
    return "ukraine-" + country_name(iso2).lower().replace(" ", "-")


def delegation_slug(date):
    return f"negotiating-group-{date.iso[:7]}"


NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]  # fmt: skip
ORDINALS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth",
]  # fmt: skip


def join_notes(*notes):
    return " ".join(note for note in notes if note)


def parse_count(word):
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.index(word) if word in NUMBER_WORDS else None


def parse_ordinal(word):
    word = word.lower()
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", word)
    if digits:
        return int(digits.group(1))
    return ORDINALS.index(word) if word in ORDINALS else None


# --- people -------------------------------------------------------------------------------------

_TITLES = (
    r"(?:head|president|prime minister|minister|secretary|ambassador|chief|director|chairman|"
    r"chairwoman|chair|speaker|chancellor|spokesperson|spokesman|adviser|advisor|commander|"
    r"deputy)"
)
_NAME = r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])"
_ROLE = (
    rf"(?P<role>(?:[Tt]he\s+)?(?:(?:U\.S\.|U\.K\.|[A-Z][A-Za-z]+)\s+)?(?i:{_TITLES})\b"
    rf"[^,.;:\"“”()]{{0,80}}?)"
)
PERSON_PATTERNS = [
    re.compile(rf"{_ROLE},\s+{_NAME}"),  # the head of the Office of the President, Andrii Yermak
    re.compile(rf"{_NAME},\s+(?P<role>(?:the\s+)?(?i:{_TITLES})\b[^,.;:\"“”()]{{0,80}})"),
    re.compile(rf"\b(?P<role>President|Prime Minister|Chancellor|Minister)\s+{_NAME}"),
]
NOT_NAME_WORDS = {
    word
    for name, variants in COUNTRIES.values()
    for text in (name, *variants)
    for word in text.split()
} | {
    "Office", "President", "Department", "State", "Defense", "Defence", "Joint", "Declaration",
    "Security", "Council", "National", "Ministry", "Armed", "Forces", "Agency", "News", "The",
    "Support", "Summit", "NATO", "European", "Union", "Cabinet", "Government", "Parliament",
    "In", "On", "As", "By", "Since", "During", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}  # fmt: skip


def people_in(sentence):
    """[(name, role)] of the people a sentence names with a title."""
    found = []
    for pattern in PERSON_PATTERNS:
        for match in pattern.finditer(sentence):
            name = match.group("name")
            if set(name.split()) & NOT_NAME_WORDS:
                continue
            role = re.sub(r"^[Tt]he\s+", "", match.group("role").strip())
            role = role[:1].upper() + role[1:]
            if name not in [n for n, _ in found]:
                found.append((name, role))
    return found


def foreign(role):
    """A role that names a state other than Ukraine ("US Secretary of State")."""
    if set(re.findall(r"\w+", role)) & FOREIGN_ADJECTIVES:
        return True
    return any(iso2 != HOME_ISO2 for iso2 in countries_in(role))


def is_ukrainian(name, role, sentence):
    """Said to be Ukrainian: by the role, or as the head of "the Ukrainian delegation"."""
    if "Ukrain" in role:
        return True
    led = re.search(r"Ukrainian delegation\b.*\b(?:headed|led) by\b(?P<rest>.*)", sentence)
    return bool(led and name in led.group("rest")) and not foreign(role)


# --- patterns ------------------------------------------------------------------------------------

ROUND_RE = re.compile(
    r"\b(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d+(?:st|nd|rd|th))\s+round\s+of\s+(?:the\s+)?(?:negotiations|talks|consultations)\b",
    re.IGNORECASE,
)
START_RE = re.compile(
    r"\b(?:started|start|began|begin|launched|opened|commenced)\b(?:\s+\w+){0,3}?\s+"
    r"(?:negotiations|talks)\b",
    re.IGNORECASE,
)
DELEGATION_LEAD_RE = re.compile(r"\bdelegation\b.*\b(?:headed|led)\s+by\b", re.IGNORECASE)
APPOINTMENT_RE = re.compile(r"\b(?:appointed|approved|decree)\b", re.IGNORECASE)
GROUP_RE = re.compile(r"\b(?:negotiating group|delegation(?:'s composition)?)\b", re.IGNORECASE)
PARTNER_DELEGATION_RE = re.compile(
    r"\brepresentatives of (?P<who>.+?) met with their (?:Ukrainian )?counterparts", re.IGNORECASE
)
DECLARATION_VERB_RE = re.compile(r"\b(?:agreed on|adopted|signed|issued|approved)\b")
OCCASION_RE = re.compile(
    r"\b(?P<occasion>on the sidelines of (?:the )?[^,]+?) in (?P<place>[A-Z][a-z]+)\b"
)
FOUNDERS_RE = re.compile(r"\bleaders of the G7 countries \((?P<list>[^)]+)\)")
JOINERS_RE = re.compile(
    r"\b(?P<count>\w+)\s+(?:countries|states)\s+have\s+(?:already\s+)?joined\s+(?P<what>[^:]+):"
    r"\s*(?P<list>.*)$"
)
SIGNED_LIST_RE = re.compile(
    r"\bsigned\s+(?:bilateral\s+)?(?:security\s+)?agreements?\s+with\s+(?P<count>\w+)\s+"
    r"(?:states|countries)\b[^:]*:\s*(?P<list>.*)$"
)
SIGNED_ONE_RE = re.compile(r"\bsigned\b(?:\s+\w+){0,4}?\s+(?:security\s+)?agreement\b")
NOT_YET_SIGNED_RE = re.compile(
    r"\b(?:not|never|yet to be|to be|will be|would be|could be|be)\s+signed\b", re.IGNORECASE
)
MANDATE_RE = re.compile(r"\bto negotiate (?P<what>[^.,;]+)")
APPOINTER_RE = re.compile(
    r"\b(?:President|Prime Minister)\s+" + _NAME + r"\s+(?:approved|appointed|signed|set up)\b"
)
LEAD_BY_RE = re.compile(r"\b(?:led|headed) by " + _NAME)
BULLET_RE = re.compile(r"^\s*[•·*‣▪–-]\s+")


@dataclass
class Unit:
    """A sentence of the article, with its paragraph and any bulleted list it introduces."""

    index: int
    text: str
    paragraph: int
    items: list = field(default_factory=list)

    @property
    def quote(self):
        return strip_unbalanced_quotes(self.text)


def units_of(text):
    units, paragraphs = [], paragraphs_of(text)
    skip = set()
    for number, paragraph in enumerate(paragraphs):
        if number in skip:
            continue
        sentences = split_sentences(" ".join(paragraph.split()))
        for sentence in sentences:
            units.append(Unit(len(units), sentence, number))
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else ""
        lines = [line for line in following.split("\n") if line.strip()]
        if sentences[-1].endswith(":") and lines and all(BULLET_RE.match(x) for x in lines):
            units[-1].items = [BULLET_RE.sub("", line).strip().rstrip(",;.") for line in lines]
            skip.add(number + 1)
    return units


def list_items(text):
    """Items of an inline list: "Denmark, Spain, the Netherlands and Norway." → [...]."""
    text = text.strip().rstrip(".")
    return [item.strip() for item in re.split(r",\s*(?:and\s+)?|\s+and\s+|;\s*", text) if item]


class Extractor:
    def __init__(self, text, published=UNKNOWN, date_note=""):
        self.units = units_of(text)
        self.published = published
        self.date_note = date_note
        self.proposals = []
        self.warnings = []

    def propose(self, unit, kind, target, values, *, quote=None, supports="", note="", order=0):
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

    def partner_in(self, text):
        return next((iso2 for iso2 in countries_in(text) if iso2 != HOME_ISO2), None)

    def run(self):
        self.main_round = self.find_main_round()
        self.people()
        self.rounds()
        self.negotiation_starts()
        for unit in self.units:
            self.declarations(unit)
            self.signed_list(unit)
            self.round_details(unit)
        self.delegations()
        unique = {}
        for proposal in sorted(self.proposals, key=lambda p: p.position):
            key = (proposal.kind, proposal.target, repr(sorted(proposal.values.items())))
            unique.setdefault(key, proposal)
        return list(unique.values())

    # The round an article reports: its "delegation was headed by" and "during the meeting"
    # sentences are about this round.
    def find_main_round(self):
        for unit in self.units:
            match = ROUND_RE.search(unit.text)
            partner = self.partner_in(unit.text)
            if match and partner:
                return partner, parse_ordinal(match.group("ordinal"))
        for unit in self.units:
            partner = self.partner_in(unit.text)
            if START_RE.search(unit.text) and partner:
                return partner, 1
        return None

    def round_target(self, partner, number):
        return f"{agreement_slug(partner)} #{number}"

    def people(self):
        seen = set()
        for unit in self.units:
            for name, role in people_in(unit.text):
                if name in seen:
                    continue
                seen.add(name)
                values = {"name": name, "role": role}
                if is_ukrainian(name, role, unit.text):
                    values["country"] = HOME_ISO2
                self.propose(unit, "person", name, values, supports="name, role")

    def rounds(self):
        for unit in self.units:
            match = ROUND_RE.search(unit.text)
            partner = self.partner_in(unit.text)
            if not (match and partner):
                continue
            number = parse_ordinal(match.group("ordinal"))
            self.propose(
                unit,
                "agreement",
                agreement_slug(partner),
                {"partner": partner, "status": "negotiating"},
                supports="status (under negotiation)",
            )
            values = {"partner": partner, "number": number, "is_implied": False}
            supports, note = ["number"], ""
            people = [name for name, role in people_in(unit.text) if not foreign(role)]
            if people:
                values["ukrainian_lead"] = people[0]
                supports.append("Ukrainian lead")
            found = first_date(unit.text, self.published)
            if found:
                values["date"] = found.date.iso
                supports.append("date")
                note = found.note
            elif (partner, number) == self.main_round and self.published:
                # The article reports the round as news: it took place by publication, but
                # possibly weeks earlier, so only the year of publication is inferred.
                values["date"] = PartialDate(self.published.year).iso
                values["date_note"] = (
                    f"Not dated in the article; reported in an article published "
                    f"{self.published}. "
                    f"{self.date_note}"
                ).strip()[:300]
                supports.append("date (of the report)")
            self.propose(
                unit,
                "round",
                self.round_target(partner, number),
                values,
                supports=", ".join(supports),
                note=note,
            )
            for earlier in range(number - 1, 0, -1):
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

    def negotiation_starts(self):
        starts = {}
        for unit in self.units:
            partner = self.partner_in(unit.text)
            if START_RE.search(unit.text) and partner:
                starts.setdefault(partner, []).append((unit, first_date(unit.text, self.published)))
        for partner, found in starts.items():
            dated = [(unit, date) for unit, date in found if date] or found[:1]
            unit, date = dated[0]
            values = {"partner": partner, "status": "negotiating"}
            supports = "status"
            if date:
                values["negotiations_started_on"] = date.date.iso
                supports = "negotiations started, status"
            self.propose(
                unit,
                "agreement",
                agreement_slug(partner),
                values,
                supports=supports,
                note=date.note if date else "",
            )
            unit, date = dated[1] if len(dated) > 1 else dated[0]
            values = {"partner": partner, "number": 1, "is_implied": False}
            if date:
                values["date"] = date.date.iso
            self.propose(
                unit,
                "round",
                self.round_target(partner, 1),
                values,
                supports="date" if date else "existence",
                note=date.note if date else "",
            )

    def round_details(self, unit):
        """Sentences about the article's round that do not name it: lead, partner side, summary."""
        if not self.main_round:
            return
        partner, number = self.main_round
        target = self.round_target(partner, number)
        key = {"partner": partner, "number": number}
        paragraph = [u for u in self.units if u.paragraph == unit.paragraph]
        paragraph_text = " ".join(u.text for u in paragraph)
        leads = [name for name, role in people_in(unit.text) if is_ukrainian(name, role, unit.text)]
        if (
            DELEGATION_LEAD_RE.search(unit.text)
            and not APPOINTMENT_RE.search(paragraph_text)
            and not ROUND_RE.search(unit.text)
            and leads
        ):
            lead = leads[0]
            self.propose(unit, "round", target, {**key, "ukrainian_lead": lead},
                         supports="Ukrainian lead")  # fmt: skip
        match = PARTNER_DELEGATION_RE.search(unit.text)
        if match:
            who = f"Representatives of {match.group('who')}"
            self.propose(unit, "round", target, {**key, "partner_delegation": who},
                         supports="partner delegation")  # fmt: skip
        if unit is paragraph[0] and re.match(r"During the (?:meeting|talks|round)\b", unit.text):
            self.propose(
                unit,
                "round",
                target,
                {**key, "summary": paragraph_text},
                quote=paragraph_text,
                supports="summary",
            )

    def declarations(self, unit):
        joiners = JOINERS_RE.search(unit.text)
        if joiners and declaration_in(joiners.group("what")):
            self.joiners(unit, joiners, declaration_in(joiners.group("what")))
            return
        declaration = declaration_in(unit.text)
        if not declaration or not DECLARATION_VERB_RE.search(unit.text):
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
        self.propose(unit, "declaration", declaration.slug, values,
                     supports=", ".join(supports), note=note)  # fmt: skip
        following = next((u for u in self.units if u.index == unit.index + 1), None)
        if (
            following
            and following.paragraph == unit.paragraph
            and re.match(r"(?:The document|The declaration|It)\b", following.text)
        ):
            summary = {"slug": declaration.slug, "title": declaration.title,
                       "summary": following.quote}  # fmt: skip
            self.propose(following, "declaration", declaration.slug, summary, supports="summary")
        founders = FOUNDERS_RE.search(unit.text)
        if founders:
            items = list_items(founders.group("list"))
            check = self.check_count(unit, len(G7), items, "G7 countries")
            for order, (_item, iso2) in enumerate(self.countries_of(unit, items)):
                self.propose(unit, "country", iso2, {"iso2": iso2, "is_g7": True},
                             supports="G7 member", note=check, order=order)  # fmt: skip
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

    def joiners(self, unit, match, declaration):
        items = unit.items or list_items(match.group("list"))
        check = self.check_count(unit, parse_count(match.group("count")), items, "countries")
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

    def signed_list(self, unit):
        match = SIGNED_LIST_RE.search(unit.text)
        if not match:
            self.signed_one(unit)
            return
        items = unit.items or list_items(match.group("list"))
        check = self.check_count(unit, parse_count(match.group("count")), items, "states")
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

    def signed_one(self, unit):
        """ "Ukraine and Germany signed a security agreement on 16 February 2024." """
        if not SIGNED_ONE_RE.search(unit.text) or NOT_YET_SIGNED_RE.search(unit.text):
            return
        partners = [iso2 for iso2 in countries_in(unit.text) if iso2 != HOME_ISO2]
        if len(partners) != 1:
            return  # none, or several: which agreement is meant is for the editor to say
        values = {"partner": partners[0], "status": "signed"}
        found = first_date(unit.text, self.published)
        if found:
            values["signed_on"] = found.date.iso
        self.propose(unit, "agreement", agreement_slug(partners[0]), values,
                     supports="status signed" + (", signed" if found else ""),
                     note=found.note if found else "Signing date not stated.")  # fmt: skip

    def delegations(self):
        by_paragraph = {}
        for unit in self.units:
            by_paragraph.setdefault(unit.paragraph, []).append(unit)
        for units in by_paragraph.values():
            text = " ".join(unit.text for unit in units)
            if not (GROUP_RE.search(text) and APPOINTMENT_RE.search(text)):
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
                values["appointed_by"] = appointer.group("name")
                supports.append("appointed by")
            lead = LEAD_BY_RE.search(text)
            if lead and not set(lead.group("name").split()) & NOT_NAME_WORDS:
                values["lead"] = lead.group("name")
                supports.append("lead")
            quote = strip_unbalanced_quotes(text)
            self.propose(units[0], "delegation", slug, values, quote=quote,
                         supports=", ".join(supports), note=found.note)  # fmt: skip
            if self.main_round and re.search(
                r"Ukrainian delegation\b.*\b(?:consisted of|comprised|was made up of)", text
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
                self.warnings.append(f"“{item}” is not a country the gazetteer knows: skipped")
            else:
                result.append((item, iso2))
        return result

    def check_count(self, unit, expected, items, what):
        """A note (and a warning) when a list's length differs from the count the text gives."""
        if expected is None or expected == len(items):
            return ""
        message = (
            f"The article says {expected} {what} but lists {len(items)}: check the list "
            f"(“{unit.quote[:60]}…”)."
        )
        self.warnings.append(message)
        return message


def extract(text, published=UNKNOWN, date_note=""):
    """(proposals, warnings) for an article's own text."""
    extractor = Extractor(text, published, date_note)
    proposals = extractor.run()
    return proposals, extractor.warnings
