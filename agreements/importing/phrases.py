"""How news writes about these agreements: the phrases, in English and Ukrainian.

Pure functions of one sentence: where a signing, a round, the start of talks or a joining is
spoken of, in which mood (done, planned, denied), with whom, where, by whom, for how long and
for how much. `extract` puts them together with what the article as a whole says.

>>> [(e.status, e.partners) for e in signings("Ukraine and Spain signed a security deal.")]
[('signed', ['ES'])]
>>> [(e.status, e.partners) for e in signings("Zelensky is expected to sign the deal.")]
[('planned', [])]
"""

import calendar
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .gazetteer import (
    ADJECTIVES,
    CAPITALS,
    LEADERS,
    NOT_PARTNERS,
    PEOPLE,
    UK_LEADERS,
    Mention,
    canonical_person,
    mentions_in,
    mentions_with_capitals,
)
from .ukrainian import adjective_mentions, term_years
from .ukrainian import people_in as ukrainian_people
from .ukrainian import place_in as ukrainian_place

# --- words -----------------------------------------------------------------------------------

AGREEMENT_NOUN = (
    r"(?:agreements?|deals?|pacts?|accords?|treat(?:y|ies)|documents?|guarantees?|"
    r"угод\w*|договор\w*|договір|документ\w*|гаранті\w*)"
)
AGREEMENT_RE = re.compile(rf"\b{AGREEMENT_NOUN}(?![\w-])", re.IGNORECASE)
# Documents that are not a bilateral security agreement.
OTHER_DOCUMENT_RE = re.compile(
    r"\b(?:Compact|memorand\w+|declaration|communiqu\w+|letter of intent|road ?map|"
    r"меморандум\w*|декларац\w+|комюніке)\b",
    re.IGNORECASE,
)
SECURITY_RE = re.compile(
    r"secur|defen[cs]e|guarantee|long-term support|support for Ukraine|military|безпек|гаранті|"
    r"оборон|підтримк",
    re.IGNORECASE,
)

SIGN_VERB_RE = re.compile(
    r"\b(?P<verb>sign(?:s|ed|ing)?|inked|inks|concluded|concludes|sealed|seals|penned|"
    r"put (?:his|her|their) names? to|putting (?:his|her|their) names? to|"
    r"(?:put|putting|puts|affixed|affixing|set|setting) (?:his|her|their) signatures? (?:to|on)|"
    r"(?:put|putting|puts) pen to paper(?: on)?|seal|"
    r"(?:now|already) (?:has|have|had)"
    r"(?= an? (?:(?!draft\b)[\w-]+\s+){0,3}(?:agreement|deal|pact|accord)\b)|"
    r"поставил\w* підпис\w*|скріпил\w* підпис\w*|"
    r"підпис(?:и|ом)?(?=\s+під\s+[^.;]{0,80}?\bпостави(?:в|ла|ли)\b)|"
    r"підписал\w*|підписав|підписує|підписують|підписано|підписана|підписаний|підписанн\w+|"
    r"підпишуть|підпише|підписати|уклал\w*|уклав|укладено|укладення)(?![\w-])",
    re.IGNORECASE,
)
# A signing still to come: said before the verb ("will sign", "is expected to be signed").
PLANNED_BEFORE_RE = re.compile(
    r"(?:\b(?:will|would|shall|could|may|might|should|to|'ll|set|expected|due|plans?|planned|"
    r"planning|intends?|intended|ready|prepared|preparing|hopes?|hoping|aims?|about|scheduled|"
    r"poised|likely|going|wants?|wanted|agreed|is|are|be|before|ahead of|upcoming|future|"
    r"forthcoming|planned|expects?|proposed|possible|potential|would-be)\s+(?:\w+\s+){0,2}$)|"
    r"(?:\b(?:планують|планує|мають|має|можуть|може|готові|готова|готовий|очікується|"
    r"збираються|збирається|повинні|має бути|мають бути|буде|будуть|найближчим часом)\s+"
    r"(?:\w+\s+){0,2}$)",
    re.IGNORECASE,
)
PLANNED_NOUN_RE = re.compile(
    r"\b(?:signing|signature|підписання)\b[^.;]{0,60}\b(?:planned|scheduled|expected|set|due|"
    r"will|next|upcoming|later|заплановано|запланован\w+|очікується|відбудеться|найближч\w+)\b|"
    r"\b(?:planned|upcoming|expected|scheduled|future|forthcoming|possible|next|ahead of(?: the)?|"
    r"prepar\w+(?: for)?(?: the)?|before(?: the)?|ready for(?: the)?|до)\s+(?:\w+\s+)?"
    r"(?:signing|signature|підписання)\b",
    re.IGNORECASE,
)
NEGATED_BEFORE_RE = re.compile(
    r"\b(?:not|never|n't|yet to|no|nor|neither|не|ще не|ніколи не|denied|deny|denies|"
    r"refused to|refuses to|failed to)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
MODAL_BEFORE_RE = re.compile(
    r"\b(?:could|would|will|should|may|might|must|shall|to be)\b(?:\s+[\w-]+){0,4}\s+$",
    re.IGNORECASE,
)
# After "signing": it happened ("the signing took place", "attended the signing ceremony").
SIGNING_DONE_RE = re.compile(
    r"\b(?:took place|was held|were held|attended|after|following|during|at the|"
    r"відбулося|відбулось|після|під час)\b",
    re.IGNORECASE,
)
# A sentence that sets things around the signing in the future: the signing is still to come.
FUTURE_AROUND_SIGNING_RE = re.compile(
    r"\b(?:will|'ll|shall|(?:is|are) (?:due|set|expected|scheduled|going|planning) to|"
    r"plans? to|later (?:today|tonight|this (?:morning|afternoon|evening|week))|tonight|"
    r"tomorrow|this (?:afternoon|evening))\b",
    re.IGNORECASE,
)
SIGNING_PAST_RE = re.compile(
    r"\b(?:took place|was held|were held|attended|signed|inked|concluded|yesterday|"
    r"had|was|were|has been|have been)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK_RE = re.compile(
    r"[;:(]|\s[–—-]\s|\b(?:which|who|whom|whose|that|while|whereas|although|though|because|"
    r"after|before|when|since|as well as|but|як|який|яка|які|що|після|коли)\b",
    re.IGNORECASE,
)
# Between two listed partners only list words: "with the EU and with two of its member states,".
LIST_GAP_RE = re.compile(
    r"^(?:[\s,&/]|\band\b|\bwith\b|\bthe\b|\bas well as\b|\bplus\b|\bits\b|\btwo\b|\bthree\b|"
    r"\bof\b|\bmember\b|\bstates\b|\bcountries\b|\bі\b|\bта\b|\bй\b|\bз\b|\bіз\b|\bзі\b|\bа\s+також\b)*$",
    re.IGNORECASE,
)
WITH_RE = re.compile(r"\b(?:with|between|by|з|із|зі|між)\s", re.IGNORECASE)
TITLE_WORDS = (
    r"(?:President|Prime Minister|Premier|Chancellor|Minister|Foreign Minister|Defen[cs]e Minister|"
    r"leader|leaders|government|side|counterpart|officials|delegation|ambassador|King|Queen|"
    r"Taoiseach|Head|Secretary|Commission|Council|Parliament|authorities|Cabinet)"
)

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
UK_ORDINALS = [
    "",
    "перш",
    "друг",
    "трет",
    "четверт",
    "п'ят",
    "шост",
    "сьом",
    "восьм",
    "дев'ят",
    "десят",
    "одинадцят",
    "дванадцят",
    "тринадцят",
    "чотирнадцят",
    "п'ятнадцят",
]


def parse_count(word):
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.index(word) if word in NUMBER_WORDS else None


def parse_ordinal(word):
    """3 for "third", "3rd", "третій", "третього"; None for anything else."""
    word = word.lower().replace("’", "'").replace("ʼ", "'")
    digits = re.match(r"(\d+)(?:st|nd|rd|th|-?й|-?го|-?му)?$", word)
    if digits:
        return int(digits.group(1))
    if word in ORDINALS:
        return ORDINALS.index(word)
    for number, stem in sorted(enumerate(UK_ORDINALS), key=lambda pair: -len(pair[1])):
        if stem and word.startswith(stem) and len(word) - len(stem) <= 4:
            return number
    return None


# --- partners --------------------------------------------------------------------------------


def partners_of(mentions):
    codes = []
    for mention in mentions:
        for code in mention.codes:
            if code not in NOT_PARTNERS and code not in codes:
                codes.append(code)
    return codes


def _usable(sentence, mention):
    """A country named as such, or an adjective before a title ("Danish Prime Minister")."""
    if not mention.adjective:
        return True
    after = sentence[mention.end : mention.end + 40]
    return bool(re.match(rf"\s+(?:\w+\s+)?{TITLE_WORDS}\b", after))


def _run_after(sentence, mentions, position):
    """Partners listed right after `position` ("with Germany, France and the EU")."""
    run, last = [], position
    for mention in mentions:
        if mention.start < position:
            continue
        gap = sentence[last : mention.start]
        if run and not LIST_GAP_RE.match(gap):
            break
        if not run and len(gap.strip().split()) > 2:
            break
        run.append(mention)
        last = mention.end
    return run


def _clause_before(sentence, position):
    """Where the clause holding `position` begins."""
    breaks = [m.end() for m in CLAUSE_BREAK_RE.finditer(sentence, 0, position)]
    return breaks[-1] if breaks else 0


def settled_partners(sentence):
    """Every partner a sentence names, less those it says are yet to act ("Japan would
    become", "Poland is expected to")."""
    mentions = [m for m in mentions_in(sentence) if not m.adjective]
    kept = [
        m
        for m in mentions
        if not re.search(r"\b(?:in|at|to|from|в|у|на)\s+$", sentence[max(0, m.start - 5) : m.start])
        and not re.match(
            r"\s*(?:,\s*)?(?:\w+\s+){0,2}(?:would|will|could|may|might|hopes?|plans?|is expected|"
            r"is set|is due|is to|intends?|wants?)\b",
            sentence[m.end : m.end + 40],
        )
    ]
    return partners_of(kept)


def leaders_in(text):
    """Mentions of the states whose leaders a text names ("Biden", "Шольцом" → DE)."""
    found = []
    for match in re.finditer(r"\b[A-ZА-ЯІЇЄҐ][\w'’-]+", text):
        word = match.group(0)
        code = LEADERS.get(word) or next(
            (LEADERS[latin] for stem, latin in UK_LEADERS.items()
             if word.startswith(stem) and len(word) - len(stem) <= 3),
            None,
        )  # fmt: skip
        if code:
            found.append(Mention((code,), match.start(), match.end(), word, True))
    return found


def parties(sentence, position, end=None):
    """The partners a verb at `position` names: its subject, its "with …" and "between …"
    object, and compounds such as "the UK-Ukraine agreement". Adjectives count only before a
    title ("British Prime Minister")."""
    mentions = [m for m in mentions_in(sentence, adjectives=True) if _usable(sentence, m)]
    mentions += adjective_mentions(sentence)
    mentions = sorted(mentions + leaders_in(sentence), key=lambda m: m.start)
    start = _clause_before(sentence, position)
    subject = [m for m in mentions if start <= m.start and m.end <= position]
    chosen = list(subject)
    after = end if end is not None else position
    window = sentence[after : after + 120]
    for match in WITH_RE.finditer(window):
        gap = window[: match.start()]
        if CLAUSE_BREAK_RE.search(gap) or len(gap.split()) > 12:
            break
        chosen += _run_after(sentence, mentions, after + match.end())
    for match in re.finditer(rf"[-–—/]\s*(?:{AGREEMENT_NOUN})", sentence, re.IGNORECASE):
        chosen += [m for m in mentions if 0 <= match.start() - m.end <= 12]
    return partners_of(chosen)


# --- signings --------------------------------------------------------------------------------


@dataclass
class Signing:
    status: str  # signed | planned | denied
    partners: list
    verb_start: int
    verb_end: int
    passive: bool = False
    definite: bool = False  # "the agreement(s)": an agreement the article already named


def _agreement_near(sentence, start, end):
    """The agreement noun this verb governs: after it (within a few words) or before it."""
    after = AGREEMENT_RE.search(sentence, end, min(len(sentence), end + 90))
    before = None
    for match in AGREEMENT_RE.finditer(sentence, max(0, start - 90), start):
        before = match
    if not (after or before):
        # "the agreement that the Spanish Prime Minister and President Zelenskyy signed"
        for match in AGREEMENT_RE.finditer(sentence, max(0, start - 180), start):
            if re.match(r"\s+(?:that|which)\s", sentence[match.end() :]):
                before = match
    return after or before


def _subject_before_apposition(sentence, position):
    """ "Irish Prime Minister Simon Harris, in Kyiv on a visit that began that morning, signed
    it": the partner of the subject the sentence opens with, before an aside in commas."""
    head = re.match(r"[^,]+,[^,]+,\s*$", sentence[:position])
    if not head:
        return []
    first = sentence[: sentence.index(",")]
    mentions = [m for m in mentions_in(first, adjectives=True) if _usable(first, m)]
    return partners_of(mentions + leaders_in(first))


def _states_of_people_after(sentence, position):
    """ "підписи … поставили глава держави Володимир Зеленський і очільниця данського уряду Метте
    Фредеріксен": Ukrainian puts the subject after the verb; the states of the people the
    clause after the verb names, by their titles or as known leaders."""
    breaks = CLAUSE_BREAK_RE.search(sentence, position)
    clause = sentence[position : breaks.start() if breaks else len(sentence)]
    sides = [Mention((p.side,), 0, 0, p.name) for p in ukrainian_people(clause) if p.side]
    return partners_of(sides + leaders_in(clause))


def signings(sentence, *, headline=False, on_topic=False, after_agreement=False):
    """Each signing a sentence speaks of, with its mood and the partners it names.

    `on_topic`: the article is about security agreements, so "such deals" are those;
    `after_agreement`: the sentence before named agreements ("Nine have been concluded").
    """
    found = []
    for match in SIGN_VERB_RE.finditer(sentence):
        verb = match.group("verb").lower()
        noun = _agreement_near(sentence, match.start(), match.end())
        pronoun = re.match(r"\s+(?:it|them)\b", sentence[match.end() :])
        if not pronoun and on_topic and verb in ("signed", "concluded", "inked"):
            # In an article about these agreements, "he signed with Lithuanian President …".
            pronoun = re.match(
                r"\s+(?:(?:first|then|also|later)\s+)?with\b", sentence[match.end() :]
            )
        passive_after_agreement = after_agreement and re.search(
            r"\b(?:been|were|was)\s+$", sentence[: match.start()]
        )
        if not (noun or passive_after_agreement or (pronoun and (after_agreement or on_topic))):
            continue
        if not noun and pronoun:
            noun = AGREEMENT_RE.search(sentence)
        low, high = (
            (min(noun.start(), match.start()), max(noun.end(), match.end()))
            if noun
            else (match.start(), match.end())
        )
        span = sentence[max(0, low - 30) : high]
        if OTHER_DOCUMENT_RE.search(sentence[low:high]):
            continue
        if not (
            on_topic
            or SECURITY_RE.search(sentence)
            or re.search(
                r"\b(?:the|this|such|similar|comparable)\s+(?:\w+\s+)?" + AGREEMENT_NOUN, span, re.I
            )
        ):
            continue
        before = sentence[max(0, match.start() - 60) : match.start()]
        if re.search(
            r"\b(?:if|unless|once|якщо)\b",
            sentence[_clause_before(sentence, match.start()) : match.start()],
            re.I,
        ) or re.match(r"^\s*(?:If|Once|Unless|Якщо)\b", sentence):
            status_hint = "planned"
        else:
            status_hint = ""
        if verb.startswith(("now ", "already ")):
            verb = "signed"  # "Ukraine now has a security agreement with Greece"
        if verb in ("sign", "seal", "підписати", "укладення") and not headline:
            status = "planned" if PLANNED_BEFORE_RE.search(before) else None
            if status is None:
                continue
        elif verb in ("signing", "підписання", "підписанням", "підписанню"):
            if PLANNED_NOUN_RE.search(sentence):
                status = "planned"
            elif FUTURE_AROUND_SIGNING_RE.search(sentence) and not SIGNING_PAST_RE.search(sentence):
                status = "planned"  # "after the signing the two are due to brief the press"
            elif SIGNING_DONE_RE.search(sentence):
                status = "signed"
            else:
                continue
        elif verb in ("підпишуть", "підпише"):
            status = "planned"
        else:
            status = "signed"
        if NEGATED_BEFORE_RE.search(before):
            status = "denied"
        elif status == "signed" and (
            (
                PLANNED_BEFORE_RE.search(before)
                and re.search(
                    r"\b(?:will|would|to|be|expected|due|set|planned|scheduled|буде|будуть|має|мають)\s+"
                    r"(?:\w+\s+){0,1}$",
                    before,
                    re.IGNORECASE,
                )
            )
            or (
                PLANNED_NOUN_RE.search(sentence)
                and not re.search(r"\b(?:signed|inked|підписали|підписано)\b", sentence)
            )
        ):
            status = "planned"
        if status == "signed" and re.search(
            r"\b(?:to be|will be|would be|could be|should be|be)\s+$", before
        ):
            status = "planned"
        if status == "signed" and status_hint:
            status = status_hint
        if status == "signed" and MODAL_BEFORE_RE.search(before):
            status = "planned"  # "could reportedly be finalised and signed"
        partners = parties(sentence, match.start(), match.end())
        if not partners and status == "signed":
            partners = settled_partners(sentence)
        if not partners and status == "signed":
            partners = _subject_before_apposition(sentence, match.start())
        if not partners and status == "signed":
            partners = _states_of_people_after(sentence, match.end())
        definite = bool(
            re.search(
                rf"\b(?:the|this|these|both|such)\s+(?:\w+\s+){{0,3}}{AGREEMENT_NOUN}",
                span,
                re.IGNORECASE,
            )
        ) or bool(re.search(r"\b(?:угод(?:а|у|и|ою|і)|документ(?:а|у|ом|і)?)\b", span, re.I))
        found.append(Signing(status, partners, match.start(), match.end(), definite=definite))
    return found


# --- partners listed as having signed, or as still negotiating -------------------------------

_DONE = r"(?:signed|concluded|inked|sealed|struck|finali[sz]ed)"
_ALREADY = r"(?:already\s+|also\s+|now\s+|previously\s+|so far\s+|earlier\s+)?"
# The list follows: "earlier signatories include Britain and France", "the countries, among
# them Britain and Canada, that have signed such agreements".
SIGNED_HEAD_RE = re.compile(
    r"\b(?:earlier|previous|other|existing|past|first|current)\s+signatories\s+"
    r"(?:include|included|are|were|being)\b|"
    rf"\bamong them\b(?=[^.;]*\b(?:that|who|which)\s+(?:have|had|has)\s+{_ALREADY}{_DONE})|"
    r"\bamong (?:its|their|Kyiv's|Ukraine's|the) (?:other\s+)?(?:partners|signatories)\s+"
    r"(?:are|were|include|included)\b|"
    r"\b(?:has|have|had)\s+(?:now\s+)?added\b(?=[^.;]*\bto (?:its|their|the) list of "
    r"[\w -]*(?:partners|signatories)\b)",
    re.IGNORECASE,
)
# The list follows, of partners still negotiating: "further agreements are in preparation with
# Norway and Greece", "next in line are Czechia and Slovenia".
NEGOTIATING_HEAD_RE = re.compile(
    r"\b(?:further|other|more|new|similar)\s+(?:[\w-]+\s+)?(?:agreements|deals|pacts|documents)\s+"
    r"(?:are|were)\s+(?:now\s+|also\s+)?(?:in preparation|being (?:prepared|negotiated|drafted|"
    r"discussed)|in the works|under negotiation|under discussion)\s+with\b|"
    r"\bnext in line\b(?:,[^,]{0,60},)?\s+(?:are|is|come|comes)\b",
    re.IGNORECASE,
)
# The list comes before: "Latvia and Finland have already signed theirs", "Italy and Canada
# concluded theirs", "Washington and Berlin are among those that signed earlier", "London was
# first to sign", "France and Denmark have done so", "Denmark signed shortly afterwards".
SIGNED_TAIL_RE = re.compile(
    rf"^(?:(?:have|has|had)\s+{_ALREADY})?{_DONE}\s+(?:theirs|its own|their own|their deals?|"
    r"their agreements?|one|ones|similar (?:ones|deals|agreements|pacts)|"
    r"such (?:deals|agreements|pacts|documents))\b|"
    rf"^(?:are|were|is|was)\s+(?:also\s+)?among\s+(?:those|the countries|the states|the partners|"
    rf"the nations)\s+(?:that|which|who)\s+(?:have\s+|had\s+)?{_ALREADY}{_DONE}\b|"
    r"^(?:was|were)\s+(?:the\s+)?first\s+to\s+sign\b|"
    rf"^(?:have|has|had)\s+{_ALREADY}done so\b|"
    r"^signed\s+(?:shortly\s+|soon\s+)?(?:afterwards|after that|later|next|too|as well)\b|"
    r"^followed\b(?:\s+suit\b)?|"
    r"^(?:came|signed)\s+(?:before|earlier than)\b|^preceded\b",
    re.IGNORECASE,
)
# "Finland and Spain are still negotiating", "Brussels is now negotiating its own agreement",
# "Greece, included, is in separate bilateral talks", "Washington and London had already
# entered similar talks with Kyiv".
NEGOTIATING_TAIL_RE = re.compile(
    r"^(?:are|is)\s+(?:still\s+|now\s+|currently\s+|also\s+)*(?:negotiating|"
    r"in\s+(?:separate\s+|ongoing\s+|bilateral\s+|similar\s+)*(?:talks|negotiations))\b|"
    r"^(?:had|have|has)\s+(?:already\s+|also\s+)?(?:entered|opened|begun|started|launched)\s+"
    r"(?:into\s+)?(?:similar\s+|such\s+|its\s+|their\s+|separate\s+|bilateral\s+)*"
    r"(?:talks|negotiations)\b",
    re.IGNORECASE,
)
# "Talks on a security agreement between Ukraine and Norway are now under way".
TALKS_UNDER_WAY_RE = re.compile(
    r"\b(?:talks|negotiations|consultations)\b(?P<middle>[^.;]{0,120}?)\b(?:are|is)\s+"
    r"(?:now\s+|already\s+|still\s+)?(?:under\s?way|ongoing|continuing|in progress)\b",
    re.IGNORECASE,
)
# Between the last partner of a list and what is said of them: "Greece included, is …".
_TAIL_GAP_RE = re.compile(r"^[\s,]*(?:(?:included|too|also|both|alike|all|in turn)[\s,]*)?$")
# A sentence that speaks of agreements signed, for "have done so" and "followed".
_SIGNING_CONTEXT_RE = re.compile(
    rf"\b{_DONE}\b[^.]*?\b{AGREEMENT_NOUN}|\b{AGREEMENT_NOUN}\b[^.]*?\b{_DONE}\b|\bfirst to sign\b",
    re.IGNORECASE,
)


@dataclass
class Listed:
    status: str  # signed | negotiating
    partners: list
    start: int  # where the list begins
    end: int  # where what is said of it ends
    opened: bool = False  # "had already entered similar talks": the talks' start


def _run_before(sentence, mentions, position):
    """Partners listed right before `position` ("Latvia, Finland and the U.K. have")."""
    run, first = [], position
    for mention in reversed([m for m in mentions if m.end <= position]):
        gap = sentence[mention.end : first]
        if not (_TAIL_GAP_RE.match(gap) if not run else LIST_GAP_RE.match(gap)):
            break
        run.insert(0, mention)
        first = mention.start
    return run


def listed_partners(sentence, context=""):
    """The partners a sentence lists as having signed their agreements, or as still
    negotiating, without the agreement noun beside the verb. `context`: the sentence before,
    which "have done so" may answer ("Which states have signed agreements?")."""
    mentions = [m for m in mentions_with_capitals(sentence) if not m.adjective]
    found = []
    # "Among its partners are France and Japan" is about agreements only in a text that is.
    about = re.search(rf"{AGREEMENT_NOUN}|signator|\bsign", f"{context} {sentence}", re.I)
    for match in SIGNED_HEAD_RE.finditer(sentence if about else ""):
        run = _run_after(sentence, mentions, match.end())
        if run and partners_of(run):
            found.append(Listed("signed", partners_of(run), run[0].start, run[-1].end))
    for match in NEGOTIATING_HEAD_RE.finditer(sentence if about else ""):
        run = _run_after(sentence, mentions, match.end())
        if run and partners_of(run):
            found.append(Listed("negotiating", partners_of(run), run[0].start, run[-1].end))
    for match in TALKS_UNDER_WAY_RE.finditer(sentence):
        joined = WITH_RE.search(match.group("middle"))
        if not joined:
            continue
        position = match.start("middle") + joined.end()
        run = [m for m in mentions if position <= m.start < match.end("middle")]
        if partners_of(run):
            found.append(Listed("negotiating", partners_of(run), run[0].start, match.end()))
    for mention in mentions:
        rest = sentence[mention.end :]
        gap = re.match(r"[\s,]*(?:(?:included|too|also|both|alike|all|in turn)[\s,]*)?", rest)
        tail = rest[gap.end() :]
        for status, pattern in (("signed", SIGNED_TAIL_RE), ("negotiating", NEGOTIATING_TAIL_RE)):
            said = pattern.match(tail)
            if not said:
                continue
            if re.match(
                r"(?:have|has|had)\s+\w*\s*done so|followed|came|preceded", said.group(0), re.I
            ) and not (_SIGNING_CONTEXT_RE.search(f"{context} {sentence}")):
                continue
            position = mention.end + gap.end()
            run = _run_before(sentence, mentions, position)
            partners = partners_of(run)
            if partners:
                opened = bool(re.search(r"entered|opened|begun|started|launched", said.group(0)))
                found.append(Listed(status, partners, run[0].start, position + said.end(), opened))
    return found


# --- places, people, terms, money ------------------------------------------------------------

# Capitalised but never a place or a name: months and weekdays (English, as `calendar` names them).
CALENDAR_WORDS = (*calendar.month_name[1:], *calendar.day_name)

NOT_PLACES = {
    *CALENDAR_WORDS,
    "The",
    "A",
    "An",
    "NATO",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "Addition",
    "Particular",
    "Total",
    "Response",
    "Turn",
    "Order",
    "Accordance",
    "Support",
    "Exchange",
    "Return",
    "Future",
    "Brief",
    "Light",
    "Line",
    "Full",
    "Person",
    "Fact",
}
PLACE_RE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+(?:\w+\s+){0,3}(?:summit|capital|city)\s+(?:of\s+)?(?:in\s+)?)?"
    r"(?P<place>[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+)?)"
)


# Where a signing was, said around it: "was in Lisbon for the signing", "on a trip to Kyiv",
# "as Rutte visits Kharkiv", "in the Swedish capital".
SIGNING_PLACE_RE = re.compile(
    r"\b(?:was|were) in (?P<place>[A-Z][\w'’-]+) for the signing\b|"
    r"\b(?:trip|visit|journey) to (?P<place2>[A-Z][\w'’-]+)|"
    r"\bvisits (?P<place3>[A-Z][\w'’-]+)"
)
CAPITAL_OF_RE = re.compile(r"\bin the (?P<adjective>[A-Z]\w+) capital\b")


def signing_place_in(sentence):
    """The city of a signing a sentence gives in one of the turns above, or ""."""
    for match in SIGNING_PLACE_RE.finditer(sentence):
        place = next(group for group in match.groups() if group)
        if place_in(f"in {place}") == place:
            return place
    for match in CAPITAL_OF_RE.finditer(sentence):
        country = ADJECTIVES.get(match.group("adjective"))
        capital = next((city for city, code in CAPITALS.items() if code == country), "")
        if capital:
            return capital
    return ""


def place_in(sentence, after=0):
    """The city a sentence says something happened in ("in Kyiv", "у Києві"), or ""."""
    for match in PLACE_RE.finditer(sentence, after):
        place = match.group("place")
        first = place.split()[0]
        if first in NOT_PLACES or first in ADJECTIVES:
            continue
        mentions = mentions_in(place)
        if mentions and mentions[0].start == 0:
            continue  # a country, not a city
        if re.search(r"\b(?:Ukraine|Ukrainian)\b", place):
            continue
        return re.sub(r"[’']s$", "", place.split(",")[0]).strip()
    return ukrainian_place(sentence, after)


NAME_RE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:von der|de|van|von|di|da)\s+|\s+)"
    r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]{2,})?)(?![\w-])"
)
ROLE_RE = re.compile(
    r"(?P<role>(?:(?:[A-Z][a-z]+|U\.S\.|U\.K\.)\s+)?(?:President|Prime Minister|Premier|"
    r"Chancellor|Foreign Minister|Defen[cs]e Minister|Minister|King|Queen|Taoiseach|"
    r"Commission President|Council President|Secretary of State|Secretary)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w ]{2,30}?)?)\s+"
)
NOT_NAME_WORDS = {
    "Office",
    "President",
    "Department",
    "State",
    "Defense",
    "Defence",
    "Joint",
    "Declaration",
    "Security",
    "Council",
    "National",
    "Ministry",
    "Armed",
    "Forces",
    "Agency",
    "News",
    "The",
    "Support",
    "Summit",
    "NATO",
    "European",
    "Union",
    "Cabinet",
    "Government",
    "Parliament",
    "Prime",
    "Minister",
    "Foreign",
    "Agreement",
    "Cooperation",
    "In",
    "On",
    "As",
    "By",
    "Since",
    "During",
    *CALENDAR_WORDS,
    "Commission",
    "Kyiv",
    "Ukraine",
    "Ukrainian",
    "Chancellor",
    "Reuters",
    "Associated",
    "Press",
    "White",
    "House",
    "Downing",
    "Street",
    "Elysee",
    "Palace",
    "Group",
    "Seven",
    "Deputy",
    "Head",
    "Chief",
    "Staff",
    "Secretary",
    "General",
    "Republic",
    "Kingdom",
    "States",
    "United",
    "Premier",
    "King",
}


@dataclass
class Person:
    name: str
    role: str = ""
    side: str = ""  # ISO code of the state the person speaks for, when the text says
    written: str = ""


_TITLES = (
    r"(?:head|president|prime minister|minister|secretary|ambassador|chief|director|chairman|"
    r"chairwoman|chair|speaker|chancellor|spokesperson|spokesman|adviser|advisor|commander|"
    r"deputy)"
)
_APPOSITION_NAME = r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])"
APPOSITION_RES = [
    # "the head of the Office of the President, Andrii Yermak"
    re.compile(
        rf"(?P<role>(?:[Tt]he\s+)?(?:(?:U\.S\.|U\.K\.|[A-Z][A-Za-z]+)\s+)?(?i:{_TITLES})\b"
        rf"[^,.;:\"“”()]{{0,80}}?),\s+{_APPOSITION_NAME}"
    ),
    # "Andrii Yermak, the head of the Office of the President"
    re.compile(
        rf"{_APPOSITION_NAME},\s+(?P<role>(?:the\s+)?(?i:{_TITLES})\b[^,.;:\"“”()]{{0,80}})"
    ),
]


def people_in(sentence):
    """[Person] a sentence names: with a title ("British Prime Minister Rishi Sunak", "the head
    of the Office of the President, Andrii Yermak"), or by a spelling of a known name
    ("Zelenskiy")."""
    found = []
    for pattern in APPOSITION_RES:
        for match in pattern.finditer(sentence):
            written = match.group("name")
            if set(written.split()) & NOT_NAME_WORDS:
                continue
            role = re.sub(r"^[Tt]he\s+", "", match.group("role").strip())
            canonical, ukrainian = canonical_person(written)
            side = "UA" if ukrainian or "Ukrain" in role else _side(role)
            if canonical not in [p.name for p in found]:
                found.append(Person(canonical, role, side, written))
    for match in ROLE_RE.finditer(sentence):
        rest = sentence[match.end() :]
        name = NAME_RE.match(rest)
        if not name:
            known = re.match(r"[A-Z][a-z]+(?:yy|iy|y|i|ski|sky)?\b", rest)
            if known and canonical_person(known.group(0))[0] != known.group(0):
                name = known
            else:
                continue
        written = name.group(0)
        if set(written.split()) & NOT_NAME_WORDS:
            continue
        role = match.group("role").strip()
        canonical, ukrainian = canonical_person(written)
        side = "UA" if ukrainian or "Ukrain" in role else _side(role)
        if canonical not in [p.name for p in found]:
            found.append(Person(canonical, role, side, written))
    spellings = {spelling: canonical for canonical, all_ in PEOPLE.items() for spelling in all_}
    for match in re.finditer(r"\b[A-ZА-ЯІЇЄҐ][\w'’]+", sentence):
        word = match.group(0)
        if word in spellings and not any(p.name == spellings[word] for p in found):
            canonical, ukrainian = canonical_person(word)
            found.append(Person(canonical, "", "UA" if ukrainian else "", word))
    for person in ukrainian_people(sentence):
        known = next((p for p in found if p.name == person.name), None)
        if known and not known.role:
            found.remove(known)  # "Зеленський" by spelling, then with its title
        if not known or not known.role:
            found.append(Person(person.name, person.role, person.side, person.written))
    return found


def _side(role):
    for mention in mentions_in(role, adjectives=True):
        return mention.codes[0]
    return ""


def surname_people(sentence, known):
    """People named by surname alone, as the article introduced them earlier."""
    found = []
    for person in known:
        surname = person.name.split()[-1]
        if re.search(rf"\b{re.escape(surname)}\b", sentence) or (
            person.written and person.written.split()[-1] in sentence
        ):
            found.append(person)
    return found


TERM_WORDS = "|".join([*NUMBER_WORDS[1:], r"\d{1,2}"])
TERM_RE = re.compile(
    rf"\b(?P<years>{TERM_WORDS})[- ]year(?![- ]old)\b|\b(?P<decade>decade-long|a decade)\b|"
    rf"\bfor\s+(?:a\s+(?:period|term)\s+of\s+)?(?P<years2>{TERM_WORDS})\s+years\b|"
    # "Its planned lifetime is ten years", "the agreement's term will be 10 years"
    rf"\b(?:lifetime|term|duration|validity|lifespan)\s+(?:is|will be|would be|of)\s+"
    rf"(?P<years6>{TERM_WORDS})\s+years\b|"
    rf"\b(?:терміном|строком|строк|термін|період|протягом|на)\s+(?:на\s+|дії\s+)?"
    rf"(?P<years3>\d{{1,2}}|десять|десяти|п'ять|п'яти)\s+(?:рок|літ)|"
    rf"(?P<years4>\d{{1,2}}|десяти|п'яти)[- ]?річн|"
    rf"(?P<years5>\d{{1,2}}|десять|п'ять)\s+років\s+(?:підтримки|дії|співпраці)",
    re.IGNORECASE,
)
UNTIL_RE = re.compile(
    r"\buntil\s+(?P<until>Ukraine(?:'s|’s)?\s+(?:joins|becomes a member of|accession to|"
    r"membership (?:of|in)|entry into)\s+(?:the\s+)?(?:NATO|EU|European Union|the Alliance)|"
    r"(?:it|Ukraine)\s+joins\s+NATO)|"
    r"\bдо\s+(?P<ukuntil>(?:вступу|набуття членства|приєднання)\s+України\s+до\s+(?:НАТО|ЄС))",
    re.IGNORECASE,
)
OPEN_ENDED_RE = re.compile(
    r"\bopen-ended\b|\bindefinite(?:ly)?\b|\bno (?:end|expiry|expiration) date\b|"
    r"\bwithout (?:a )?time limit\b|\bбезстроков\w+|\bбез обмеження терміну",
    re.IGNORECASE,
)


def term_in(sentence):
    """{"years": 10} / {"open_ended": True} / {"until": "..."} of an agreement, or None."""
    years = term_years(sentence)
    if years:
        return {"years": years}
    match = TERM_RE.search(sentence)
    if match:
        word = next(g for g in match.groups() if g).lower()
        word = "10" if word in ("decade-long", "a decade") else word
        years = {"десять": 10, "десяти": 10, "п'ять": 5, "п'яти": 5}.get(word) or parse_count(word)
        if years and 1 < years <= 50:
            return {"years": years}
    match = UNTIL_RE.search(sentence)
    if match:
        return {"until": (match.group("until") or match.group("ukuntil")).strip()}
    if OPEN_ENDED_RE.search(sentence):
        return {"open_ended": True}
    return None


CURRENCIES = {
    "£": "GBP",
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "¥": "JPY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "cad": "CAD",
    "jpy": "JPY",
    "nok": "NOK",
    "sek": "SEK",
    "dkk": "DKK",
    "chf": "CHF",
    "pln": "PLN",
    "czk": "CZK",
    "euro": "EUR",
    "euros": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "dollars": "USD",
    "dollar": "USD",
    "yen": "JPY",
    "zlotys": "PLN",
    "zloty": "PLN",
    "kronor": "SEK",
    "francs": "CHF",
    "євро": "EUR",
    "фунтів": "GBP",
    "фунти": "GBP",
    "фунта": "GBP",
    "доларів": "USD",
    "долари": "USD",
    "долара": "USD",
    "єн": "JPY",
    "крон": "NOK",
    "злотих": "PLN",
}
MULTIPLIERS = {
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "trillion": 10**12,
    "млрд": 10**9,
    "мільярд": 10**9,
    "мільярда": 10**9,
    "мільярди": 10**9,
    "мільярдів": 10**9,
    "млн": 10**6,
    "мільйон": 10**6,
    "мільйона": 10**6,
    "мільйони": 10**6,
    "мільйонів": 10**6,
}
_NUMBER = r"(?P<number>\d{1,3}(?:[ ,]\d{3})+|\d+(?:[.,]\d+)?)"
_MULT = r"(?:\s*(?P<mult>billion|bn|million|mln|trillion|млрд|мільярд\w*|млн|мільйон\w*|b|m)\b\.?)"
MONEY_RE = re.compile(
    rf"(?P<pre>US\$|C\$|CA\$|A\$|[£€$¥]|\b(?:USD|EUR|GBP|CAD|JPY|NOK|SEK|DKK|CHF|PLN|CZK)\s?)\s?"
    rf"{_NUMBER}{_MULT}?(?:\s+(?P<kind>Canadian|Australian|US|U\.S\.)?\s*dollars?)?|"
    rf"{_NUMBER.replace('number', 'number2')}{_MULT.replace('mult', 'mult2')}?\s+"
    r"(?P<adj>Canadian\s+|Australian\s+|US\s+|U\.S\.\s+|Danish\s+|Norwegian\s+|Swedish\s+|"
    r"канадськ\w+\s+|австралійськ\w+\s+|американськ\w+\s+|данськ\w+\s+|норвезьк\w+\s+|"
    r"шведськ\w+\s+)?"
    r"(?P<post>euros?|pounds?(?:\s+sterling)?|dollars?|yen|zlotys?|kroner|kronor|krone|crowns?|"
    r"francs?|євро|фунт\w*|долар\w*|єн|крон\w*|злотих)\b",
    re.IGNORECASE,
)
KRONE = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "IS": "ISK", "CZ": "CZK"}


@dataclass
class Money:
    amount: int
    currency: str
    text: str
    start: int


def money_in(sentence, partner=""):
    """Amounts of money a sentence names, as whole units of their currency."""
    found = []
    for match in MONEY_RE.finditer(sentence):
        number = match.group("number") or match.group("number2")
        mult = (match.group("mult") or match.group("mult2") or "").lower().rstrip(".")
        if not mult and re.fullmatch(r"\d{1,3}(?:[.,]\d+)?", number or ""):
            continue  # "$5": a price, not a pledge
        cleaned = re.sub(r"[ ,](?=\d{3}\b)", "", number)
        cleaned = cleaned.replace(",", ".")
        try:
            value = Decimal(cleaned) * MULTIPLIERS.get(mult, 1)
        except InvalidOperation:
            continue
        if value < 1_000_000:
            continue
        before = sentence[max(0, match.start() - 20) : match.start()]
        if re.search(
            r"\(\s*(?:roughly|about|around|approximately|some|nearly|almost|~|≈)?\s*$", before
        ):
            continue  # "(roughly EUR 1.2 billion)": a conversion of the amount before it
        currency = _currency(match, partner)
        if currency:
            found.append(Money(int(value), currency, match.group(0), match.start()))
    return found


def _currency(match, partner):
    pre = (match.group("pre") or "").strip().lower()
    post = (match.group("post") or "").strip().lower()
    adjective = (match.group("adj") or match.group("kind") or "").strip().lower()
    if adjective.startswith(("canadian", "канадськ")):
        return "CAD"
    if adjective.startswith(("australian", "австралійськ")):
        return "AUD"
    adjective = {"данськ": "danish", "норвезьк": "norwegian", "шведськ": "swedish"}.get(
        adjective[:7], adjective
    )
    if post.startswith(("kron", "crown", "крон")):
        return {"danish": "DKK", "norwegian": "NOK", "swedish": "SEK"}.get(adjective) or KRONE.get(
            partner, ""
        )
    if pre:
        return CURRENCIES.get(pre, "")
    if post.startswith("pound") or post.startswith("фунт"):
        return "GBP"
    if post.startswith("долар") or post.startswith("dollar"):
        return "USD"
    return CURRENCIES.get(post, CURRENCIES.get(post.rstrip("s"), ""))


@dataclass
class Found:
    """A match of one of the readers below: what it says, and where."""

    values: dict = field(default_factory=dict)
    start: int = 0
