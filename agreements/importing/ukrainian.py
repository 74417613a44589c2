"""Ukrainian: what the language of Ukrainian news needs beyond the readers shared with English.

Ukrainian declines names: "міністром оборони Рустемом Умєровим" is the minister Rustem Umerov,
"у Львові" is in Lviv. Words are brought back to their dictionary form by pymorphy3 with its
Ukrainian dictionary (from the VESUM/LanguageTool lexicon), choosing the reading whose case
agrees with the title before a name; names are then written in Latin letters by the national
transliteration standard (KMU 2010, via translitua), which is how Ukrainian names and places
are written in English ("Ігор Жовква" → "Ihor Zhovkva", "Харків" → "Kharkiv").

Places: the world's cities as CLDR names them in Ukrainian and English (babel's exemplar cities);
the oblast centres of Ukraine, recognised because ISO 3166-2 (pycountry) names each oblast after
its centre ("Харківська область" → Харків); and the few capitals CLDR does not list (it names a
time zone after one city per zone: Washington, Ottawa, The Hague have none).

The rest is the vocabulary of Ukrainian news: titles, the adjectives that name a state
("данського уряду"), numbers in words in every case ("десяти років"), and the turns used for a
signing, a pledge, talks under way and a Ukrainian lead.

>>> romanized("Ігор Жовква")
'Ihor Zhovkva'
>>> place_in("Угоду підписали у Львові.")
'Lviv'
>>> [person.name for person in people_in("Він зустрівся з міністром оборони Рустемом Умєровим.")]
['Rustem Umierov']
>>> term_years("Угоду укладено строком на десять років.")
10
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .gazetteer import (
    LEADER_NAMES,
    PEOPLE,
    UK_LEADERS,
    Mention,
    mentions_in,
)

LETTER = "а-яіїєґА-ЯІЇЄҐ"
APOSTROPHES = "'’ʼ"
CYRILLIC_RE = re.compile(f"[{LETTER}]")


def is_ukrainian(text):
    """Whether a text is written in Cyrillic (the importer's Ukrainian readers apply)."""
    return bool(CYRILLIC_RE.search(text))


@cache
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _normal(word):
    return word.replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=65536)
def parses(word):
    return tuple(morph().parse(_normal(word)))


def romanized(text):
    """Latin letters by the national standard (KMU 2010): "Андрій Єрмак" → "Andrii Yermak"."""
    from translitua import translit

    return translit(_normal(text))


def _capitalised(lemma, written):
    """The dictionary form with the capitals of the written form ("сілласте-еллінг")."""
    parts = lemma.split("-")
    shape = written.split("-")
    if len(parts) != len(shape):
        return lemma.capitalize()
    return "-".join(
        part.capitalize() if old[:1].isupper() else part
        for part, old in zip(parts, shape, strict=True)
    )


# --- places ------------------------------------------------------------------------------------

# Capitals that CLDR names no time zone after, and the G7 summit venue of June 2024 where the US
# and Japanese agreements were signed, with the English names the tracker uses.
CAPITALS_NOT_IN_CLDR = {
    "вашингтон": "Washington",
    "оттава": "Ottawa",
    "гаага": "The Hague",
    "берн": "Bern",
    "канберра": "Canberra",
    "веллінгтон": "Wellington",
    "фасано": "Fasano",
    "апулія": "Apulia",
}


@cache
def city_names():
    """{Ukrainian name, lower case: English name} of the cities the importer knows."""
    from babel import Locale

    english = Locale("en").time_zones
    names = {}
    for zone, values in Locale("uk").time_zones.items():
        city = values.get("city")
        if city:
            names[_normal(city).lower()] = english.get(zone, {}).get("city") or zone.split("/")[
                -1
            ].replace("_", " ")
    names.update(CAPITALS_NOT_IN_CLDR)
    return names


@cache
def _oblasts():
    """Ukrainian names of Ukraine's oblasts, lower case ("харківська область")."""
    import gettext

    import pycountry

    translation = gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=["uk"], fallback=True
    )
    return [
        translation.gettext(subdivision.name).lower()
        for subdivision in pycountry.subdivisions.get(country_code="UA")
        if subdivision.type == "Region"
    ]


def _oblast_centre(lemma):
    """Whether a noun names an oblast's centre: "харків" in "харківська область"."""
    stem = lemma.rstrip("аеєиіїоуюяь")
    return len(stem) >= 4 and any(oblast.startswith(stem) for oblast in _oblasts())


def city_of(word):
    """The English name of the city a word names in any case ("Києві" → "Kyiv"), or ""."""
    written = _normal(word).lower()
    if written in city_names():
        return city_names()[written]
    for parse in parses(word):
        if parse.tag.POS != "NOUN" or {"Name", "Surn", "Patr"} & parse.tag.grammemes:
            continue
        lemma = parse.normal_form
        if lemma in city_names():
            return city_names()[lemma]
        if "anim" not in parse.tag and _oblast_centre(lemma):
            return romanized(_capitalised(lemma, word))
    return ""


PLACE_RE = re.compile(
    rf"(?<![\w{APOSTROPHES}-])(?:[уУвВ]|[Дд]о|[Зз]|[Іі]з)\s+"
    rf"(?P<place>[А-ЯІЇЄҐ][{LETTER}{APOSTROPHES}]+(?:-[{LETTER}{APOSTROPHES}]+)*)"
)


def place_in(sentence, after=0):
    """The city a sentence says something happened in ("у Києві", "в Осло"), or ""."""
    for match in PLACE_RE.finditer(sentence, after):
        where = re.match(r",\s+де\b", sentence[match.end() :])  # "прибув до Харкова, де …"
        if match.group(0)[0].lower() not in "ув" and not where:
            continue  # "до Києва", "з Києва": travel, not where it happened
        city = city_of(match.group("place"))
        if city:
            return city
    return ""


# --- states named by adjectives ---------------------------------------------------------------

# Stems of the adjectives that name a state ("данського уряду", "з нідерландською стороною").
# CLDR has no demonyms in either language.
ADJECTIVE_STEMS = {
    "американськ": "US",
    "британськ": "GB",
    "канадськ": "CA",
    "французьк": "FR",
    "німецьк": "DE",
    "італійськ": "IT",
    "японськ": "JP",
    "данськ": "DK",
    "іспанськ": "ES",
    "нідерландськ": "NL",
    "голландськ": "NL",
    "норвезьк": "NO",
    "шведськ": "SE",
    "чеськ": "CZ",
    "фінськ": "FI",
    "фінляндськ": "FI",
    "ісландськ": "IS",
    "бельгійськ": "BE",
    "португальськ": "PT",
    "ірландськ": "IE",
    "румунськ": "RO",
    "латвійськ": "LV",
    "литовськ": "LT",
    "естонськ": "EE",
    "польськ": "PL",
    "словацьк": "SK",
    "словенськ": "SI",
    "хорватськ": "HR",
    "угорськ": "HU",
    "болгарськ": "BG",
    "грецьк": "GR",
    "люксембурзьк": "LU",
    "австрійськ": "AT",
    "швейцарськ": "CH",
    "мальтійськ": "MT",
    "кіпрськ": "CY",
    "албанськ": "AL",
    "чорногорськ": "ME",
    "молдовськ": "MD",
    "грузинськ": "GE",
    "турецьк": "TR",
    "австралійськ": "AU",
    "українськ": "UA",
    "російськ": "RU",
    "білоруськ": "BY",
    "косовськ": "XK",
    "македонськ": "MK",
}
ADJECTIVE_RE = re.compile(
    r"(?<![\w-])(?P<stem>" + "|".join(sorted(ADJECTIVE_STEMS, key=len, reverse=True)) + r")"
    r"(?:ий|ого|ому|им|ім|а|ої|ій|у|ою|е|і|их|ими)(?![\w-])",
    re.IGNORECASE,
)
# Words for a state's people or government after such an adjective ("польського боку").
TITLE_WORDS = (
    r"(?:президент\w*|прем['’ʼ]єр\w*(?:-міністр\w*)?|канцлер\w*|міністр\w*|уряд\w*|"
    r"сторон\w*|бо(?:ку|ці|ком|к)|делегаці\w+|лідер\w*|колег\w*|партнер\w*|посол\w*|посл\w+|"
    r"парламент\w*|керівництв\w*|очільни\w+|глав\w+|король|корол\w+|влад\w+)"
)


def adjective_mentions(sentence):
    """States named by an adjective before a title: "данського уряду" → DK."""
    found = []
    for match in ADJECTIVE_RE.finditer(sentence):
        after = sentence[match.end() : match.end() + 40]
        if re.match(rf"\s+(?:[{LETTER}'’ʼ-]+\s+)?{TITLE_WORDS}(?![\w])", after, re.IGNORECASE):
            code = ADJECTIVE_STEMS[match.group("stem").lower()]
            found.append(Mention((code,), match.start(), match.end(), match.group(0), True))
    return found


def place_or_goal(text, mention):
    """Whether a state is named as a place or a goal, not as a party: "в Італії", "вступ до
    ЄС", "на шляху до членства в НАТО і ЄС"."""
    before = text[max(0, mention.start - 30) : mention.start]
    return bool(re.search(rf"(?<!\w)(?:в|у|на|до)\s+(?:[{LETTER}]+\s+(?:і|та|й)\s+)?$", before))


def adjective_code(word):
    """The state an adjective names ("японський" → "JP"), or ""."""
    match = ADJECTIVE_RE.fullmatch(word)
    return ADJECTIVE_STEMS[match.group("stem").lower()] if match else ""


# --- people ------------------------------------------------------------------------------------

# Titles in any case: the head word of a role ("заступника керівника Офісу Президента").
TITLE_RE = re.compile(
    r"(?<![\w-])(?P<title>"
    r"(?:віце-|перш\w+\s+|генеральн\w+\s+)?"
    r"(?:президент|прем['’ʼ]єр(?:-міністр)?|канцлер|міністр|державн\w+\s+секретар|держсекретар|"
    r"секретар|заступни[кц]|керівни[кц]|очільни[кц]|голов(?:а|и|і|ою|у)|глав(?:а|и|і|ою|у)|"
    r"посол|посл|командувач|головнокомандувач|радни[кц]|спікер|речни[кц]|директор|"
    r"король|королев|лідер|канцлерк|президентк|прем['’ʼ]єрк|прем['’ʼ]єр-міністерк|міністерк|"
    r"очільниц|заступниц|керівниц)"
    rf"[{LETTER}]*)(?![\w-])",
    re.IGNORECASE,
)
NAME_WORD = rf"[А-ЯІЇЄҐ][{LETTER}{APOSTROPHES}]+(?:-[А-ЯІЇЄҐ][{LETTER}{APOSTROPHES}]+)?"
NAME_PAIR_RE = re.compile(rf"(?P<given>{NAME_WORD})\s+(?P<surname>{NAME_WORD})(?![\w-])")
WORD_RE = re.compile(rf"[{LETTER}{APOSTROPHES}A-Za-z-]+|[,.;:()«»\"“”–—]")
# Words of an office that make its holder Ukrainian ("заступник керівника ОП").
UKRAINIAN_OFFICE_RE = re.compile(
    r"Україн|українськ|\bОП\b|Офіс\w* [Пп]резидента|Офіс\w* глави держави|\bЗСУ\b|"
    r"Верховн\w+ Рад|Кабінет\w* Міністрів|глав\w+ держави|\bРНБО\b",
)
# Capitalised words that belong to a title, not a name ("Офісу Президента", "Повітряних сил").
COMMON_POS = {"NOUN", "ADJF", "PREP", "CONJ", "NUMR", "PRTF"}


@dataclass(frozen=True)
class UkrainianPerson:
    name: str  # the tracker's spelling
    role: str
    side: str  # ISO code of the state the person speaks for, or ""
    written: str  # as the article writes the name (in its case)
    start: int = 0


def _is_name_word(word):
    """A capitalised word that may be a given name: a name in the dictionary, or not a common
    word in it (foreign names)."""
    if word.isupper() or TITLE_RE.fullmatch(word):
        return False
    readings = parses(word)
    if any("Name" in p.tag or ("anim" in p.tag and p.tag.POS == "NOUN") for p in readings):
        return True
    return not any(_in_dictionary(p) for p in readings)


def _in_dictionary(reading):
    """Whether pymorphy3 read the word from its dictionary (not guessed it by its ending)."""
    return type(reading.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _cases(word):
    return {p.tag.case for p in parses(word) if p.tag.case}


def _lemma(word, cases, grammeme):
    """The dictionary form of a name word in one of `cases` ("Умєровим" → "Умєров")."""
    if cases and cases <= {"nomn", "voct"}:
        return word
    readings = [p for p in parses(word) if p.tag.case in cases] if cases else list(parses(word))
    for wanted in (grammeme, "Surn", "Name", None):
        for reading in readings:
            if wanted is None or wanted in reading.tag:
                if "Fixd" in reading.tag:
                    return word
                return _capitalised(reading.normal_form, word)
    return word


def canonical_name(given, surname):
    """The tracker's spelling of a Ukrainian-written name in the nominative."""
    for canonical, spellings in PEOPLE.items():
        if surname in spellings:
            return canonical
    for stem, latin in UK_LEADERS.items():
        if surname == stem or (surname.startswith(stem) and len(surname) - len(stem) <= 3):
            return LEADER_NAMES.get(latin, latin)
    return romanized(f"{given} {surname}")


def _side(role):
    mentions = [m for m in mentions_in(role) if m.codes != ("UA",)]
    adjective = [m for m in adjective_mentions(role) if m.codes != ("UA",)]
    for mention in sorted(mentions + adjective, key=lambda m: m.start):
        return mention.codes[0]
    if (
        UKRAINIAN_OFFICE_RE.search(role)
        or mentions_in(role)
        or re.search(r"^(?:глав\w+ держави|президент\w*)$", role, re.IGNORECASE)
    ):
        return "UA"
    return ""


def _person(sentence, pair, role_start, role_end, case_word):
    given, surname = pair.group("given"), pair.group("surname")
    cases = _cases(case_word) if case_word else set()
    given_cases = {p.tag.case for p in parses(given) if "Name" in p.tag and p.tag.case}
    if cases and given_cases & cases:
        cases &= given_cases
    elif not cases:
        cases = given_cases
    nominative_given = _lemma(given, cases, "Name")
    nominative_surname = _lemma(surname, cases, "Surn")
    role = " ".join(sentence[role_start:role_end].split()).strip(" ,")
    name = canonical_name(nominative_given, nominative_surname)
    return UkrainianPerson(name, role, _side(role), pair.group(0), pair.start())


def _skip_space(sentence, position):
    return position + len(sentence[position:]) - len(sentence[position:].lstrip())


def _name_after_title(sentence, position):
    """The name that ends a title's role ("керівника Офісу Президента Андрія Єрмака"), or None:
    the role's words (nouns, adjectives, prepositions in the dictionary) come first."""
    for _ in range(12):
        position = _skip_space(sentence, position)
        pair = NAME_PAIR_RE.match(sentence, position)
        if pair and _is_name_word(pair.group("given")) and not mentions_in(pair.group(0)):
            return pair
        word = WORD_RE.match(sentence, position)
        if not word or not word.group(0)[0].isalpha():
            return None
        common = any(p.tag.POS in COMMON_POS or "Abbr" in p.tag for p in parses(word.group(0)))
        if not (common or word.group(0).isupper()):
            return None
        position = word.end()
    return None


# "Президенти України Володимир Зеленський та Латвії Едгарс Рінкевичс": a second holder of the
# same title, of another state.
AND_OF_RE = re.compile(rf"\s+(?:та|і|й)\s+(?P<state>{NAME_WORD})\s+(?={NAME_WORD}\s+{NAME_WORD})")


def _holders_of_a_plural_title(sentence, title, pair, person):
    """ "Президенти України та Фінляндії Володимир Зеленський і Олександр Стубб": two people,
    each of the state named in the same place in the role."""
    if not any("plur" in p.tag for p in parses(title.group("title").split()[-1])):
        return None
    second = re.match(rf"\s+(?:і|та|й)\s+(?={NAME_WORD}\s+{NAME_WORD})", sentence[pair.end() :])
    states = [m.codes[0] for m in mentions_in(person.role)]
    if not second or len(states) != 2:
        return None
    other = NAME_PAIR_RE.match(sentence, pair.end() + second.end())
    if not other or not _is_name_word(other.group("given")):
        return None
    later = _person(sentence, other, 0, 0, title.group("title").split()[-1])
    return [
        UkrainianPerson(person.name, person.role, states[0], person.written, person.start),
        UkrainianPerson(later.name, person.role, states[1], later.written, later.start),
    ]


# Signed agreements listed with their partners: "Україна має вже дев'ять двосторонніх
# безпекових угод: із Великою Британією, …", "Наразі підписано 7 угод – з …".
AGREEMENTS_WITH_RE = re.compile(
    r"\b(?:має|мають|мала|уклала|уклали|підписала|підписали|підписано|укладено)\s+"
    r"(?:(?:вже|уже|наразі|тепер|загалом)\s+)?(?:[\w'’ʼ]+\s+){0,3}угод\w*\s*[:–—-]?\s*"
    r"(?:з|із|зі)\s",
    re.IGNORECASE,
)


def people_in(sentence):
    """People a Ukrainian sentence names with a title, in any case: "прем'єр-міністр Польщі
    Дональд Туск", "з міністром оборони Рустемом Умєровим", "Ігор Жовква, заступник керівника
    ОП", "японський прем'єр Фуміо Кісіда"."""
    if not is_ukrainian(sentence):
        return []
    found, covered = [], []
    for title in TITLE_RE.finditer(sentence):
        if any(start <= title.start() < end for start, end in covered):
            continue  # "міністра" in "заступником міністра закордонних справ Робертом …"
        pair = _name_after_title(sentence, title.end())
        if not pair:
            continue
        role_start = title.start()
        adjective = re.search(r"(\S+)\s+$", sentence[:role_start])
        if adjective and adjective_code(adjective.group(1)):
            role_start = adjective.start(1)  # "японський прем'єр"
        case_word = title.group("title").split()[-1]
        person = _person(sentence, pair, role_start, pair.start(), case_word)
        found.append(person)
        covered.append((role_start, pair.end()))
        both = _holders_of_a_plural_title(sentence, title, pair, person)
        if both:
            found[-1:] = both
            covered.append((pair.end(), both[1].start + len(both[1].written)))
            continue
        other = AND_OF_RE.match(sentence, pair.end())
        if other and mentions_in(other.group("state")):
            second = NAME_PAIR_RE.match(sentence, other.end())
            role = f"{title.group('title')} {other.group('state')}"
            person = _person(role + " ", second, 0, len(role), case_word)
            found.append(
                UkrainianPerson(person.name, role, person.side, second.group(0), second.start())
            )
            covered.append((other.start(), second.end()))
    # "Ігор Жовква, заступник керівника ОП": the name, then its title.
    for pair in NAME_PAIR_RE.finditer(sentence):
        after = re.match(r",\s+", sentence[pair.end() :])
        if not after or not _is_name_word(pair.group("given")) or mentions_in(pair.group(0)):
            continue
        title = TITLE_RE.match(sentence, pair.end() + after.end())
        if title and not any(start <= pair.start() < end for start, end in covered):
            end = re.search(r"[,.;:(]|\s[-–—]\s|$", sentence[title.end() :])
            case_word = title.group("title").split()[0]
            role_end = title.end() + end.start()
            found.append(_person(sentence, pair, title.start(), role_end, case_word))
    unique = {}
    for person in found:
        unique.setdefault(person.name, person)
    return list(unique.values())


def first_named(text):
    """[Person] for the first name a text gives without a title ("представляли Ігор Жовква та
    …"), in the dictionary form, as the extractor's people are; [] when it names none."""
    from .phrases import Person

    for pair in NAME_PAIR_RE.finditer(text):
        if _is_name_word(pair.group("given")) and not mentions_in(pair.group(0)):
            person = _person(text, pair, pair.start(), pair.start(), None)
            return [Person(person.name, "", "", person.written)]
    return []


# --- numbers, terms, money ---------------------------------------------------------------------

# Cardinal numbers by stem, in every case: "десять", "десяти", "десятьма".
NUMBER_STEMS = [
    ("двадцят", 20),
    ("п['’ʼ]ятнадцят", 15),
    ("дванадцят", 12),
    ("одинадцят", 11),
    ("десят", 10),
    ("дев['’ʼ]ят", 9),
    ("вісім|восьм", 8),
    ("сім|семи|сьом", 7),
    ("шіст|шест", 6),
    ("п['’ʼ]ят", 5),
    ("чотир", 4),
    ("три|трьох|трьом", 3),
    ("дв(?:а|ох|ом|ома|і)", 2),
]
NUMBER_WORD = r"(?:\d{1,2}|(?:" + "|".join(stem for stem, _ in NUMBER_STEMS) + rf")[{LETTER}]*)"


def number_value(word):
    """25 for "25", 10 for "десяти"; None for anything else."""
    if word.isdigit():
        return int(word)
    for stem, value in NUMBER_STEMS:
        if re.match(rf"(?:{stem})[{LETTER}]*$", word, re.IGNORECASE):
            return value
    return None


TERM_RE = re.compile(
    r"(?:\b(?:строком|терміном|строк(?:ом)? дії|терміном дії|період(?:ом)?|протягом|впродовж|"
    r"упродовж|на)\s+(?:(?:на|усіх|всіх|наступні|найближчі|щонайменше)\s+){0,2}"
    rf"(?P<years>{NUMBER_WORD})\s+(?:рок|літ)[{LETTER}]*)|"
    rf"(?<![\w-])(?P<compound>\d{{1,2}}-?|десяти|п['’ʼ]яти|двадцяти)річн[{LETTER}]+",
    re.IGNORECASE,
)


def term_years(sentence):
    """The years an agreement is concluded for ("на 10 років", "десятирічна угода"), or None."""
    match = TERM_RE.search(sentence)
    if not match:
        return None
    years = number_value((match.group("years") or match.group("compound")).rstrip("-"))
    return years if years and 1 < years <= 50 else None


# Words that put an amount under the agreement ("фіксує допомогу в обсязі", "на цей рік").
PLEDGE_RE = re.compile(
    r"фіксу\w*|зафіксован\w*|обсяз\w*|обсяг\w*|у розмірі|в розмірі|на суму|на загальну суму|"
    r"спряму\w*|надаватим\w*|надасть|передасть|виділить|виділя\w*|зобов['’ʼ]яз\w*|"
    r"на (?:цей|поточний|202\d) рік|цього року|у 202\d році|протягом 202\d року|щороку|щорічн\w*",
    re.IGNORECASE,
)
# An amount that is not a commitment under the agreement: aid already given, or a package of
# its own ("пакета допомоги на 61 млрд доларів").
PAST_AID_RE = re.compile(
    r"(?:вже|уже)\s+(?:\w+\s+){0,2}(?:отрима\w*|нада\w*|переда\w*|виділи\w*)|станом на|"
    r"з початку|загалом|від початку|пакет\w*",
    re.IGNORECASE,
)


# --- signings, talks, rounds ---------------------------------------------------------------------

# "переговори тривають із жовтня 2023 року": talks under way since a date began then.
ONGOING_SINCE_RE = re.compile(
    r"\b(?:трива\w*|ведуться|ведуть|точаться|веде|вела)\s+(?:\w+\s+){0,2}(?:з|із|від)\s+"
    r"(?=(?:19|20)\d\d|\d{1,2}\s+(?:січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|"
    r"груд)|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд|почат|серед|кін)",
    re.IGNORECASE,
)
# Partners still in talks: "переговори Києва з Німеччиною та Францією близькі до завершення",
# "Київ уже розпочав такі переговори зі США".
TALKS_WITH_RE = re.compile(
    r"\b(?:переговор\w*|перемовин\w*|консультаці\w*|діалог\w*)\b(?P<middle>[^.;]{0,80}?)"
    r"(?<![\w])(?:з|із|зі)\s",
    re.IGNORECASE,
)
TALKS_STATE_RE = re.compile(
    r"\b(?:близьк\w+ до завершення|тривають|триває|ведуться|веде|ведемо|проводить|"
    r"розпоча(?:в|ла|ли|лися|лись|то)|почал\w+|стартувал\w+|на фінальній стадії|"
    r"на завершальному етапі)\b",
    re.IGNORECASE,
)
# The Ukrainian side's lead, said without naming the round: "Україну на переговорах
# представляли Ігор Жовква та ...", "з українського боку делегацію вів ...".
UA_SIDE_LEAD_RE = re.compile(
    r"(?:\bУкраїн(?:у|а)\b|\bукраїнськ\w+ (?:делегаці\w+|сторон\w+|команд\w+)|"
    r"\b[Зз] українського боку|\b[Вв]ід України)[^.;]{0,80}?\b"
    r"(?P<verb>представля\w+|очоли\w+|вів|вела|провів|провела|керував|керувала)\b|"
    r"\b(?:переговори|перемовини|консультації|зустріч\w*|раунд\w*)\s+(?:\w+\s+){0,2}"
    r"(?P<verb2>вів|вела|провів|провела|очолив|очолила)\b|"
    r"\bна чолі (?:з|із)\b",
    re.IGNORECASE,
)
# The head of the other side's delegation ("Польську сторону представляла делегація на чолі
# із ..."): not a Ukrainian lead.
PARTNER_SIDE_RE = re.compile(
    r"(?:сторон\w+|делегаці\w+)\s+(?:\w+\s+){0,3}на чолі|[Нн]а чолі (?:з|із)[^.;]{0,40}(?:МЗС|"
    r"міністр\w+|директор\w+)\s+(?:\w+\s+){0,4}(?!України)",
)
# A round reported done in a headline ("пройшов фінальний раунд переговорів").
ROUND_DONE_RE = re.compile(
    r"\b(?:пройшов|пройшли|відбувся|відбулися|відбулись|провели|провів|провела|завершився|"
    r"завершили)\b",
    re.IGNORECASE,
)

# Verbs of saying: the person who "зазначив, що" an agreement was signed reports it.
SPEECH = (
    r"(?:написа\w+|зазначи\w+|повідоми\w+|заяви\w+|наголоси\w+|розповіла?|розповіли|дода\w+|"
    r"підкресли\w+|поясни\w+|уточни\w+|нагада\w+|зверну(?:в|ла|ли) увагу|оціни\w+|подякува\w+|"
    r"[Зз]а словами|[Нн]а думку|[Нн]а його думку|[Пп]ро це)"
)


def speaks(sentence, written):
    """Whether a Ukrainian sentence gives the person written so as the one who speaks ("Як
    написав Жовква, підписи поставили …", "Жовква звернув увагу, що …")."""
    if not written or not is_ukrainian(sentence):
        return False
    surname = re.escape(written.split()[-1][:-2] if len(written.split()[-1]) > 5 else written)
    return bool(
        re.search(rf"{SPEECH}\s+(?:[\w'’ʼ]+\s+){{0,4}}{surname}", sentence)
        or re.search(rf"{surname}[\w'’ʼ]*\s+(?:[\w'’ʼ]+\s+)?{SPEECH}", sentence)
    )


# "Керівник Офісу Президента Андрій Єрмак провів … раунд": the lead before the verb.
ROUND_HELD_RE = re.compile(
    r"\b(?:провів|провела|провели|очолив|очолила)\b(?=[^.;]*\bраунд)", re.IGNORECASE
)


def ukrainian_lead(sentence):
    """Where the Ukrainian lead is named in a sentence: (start, end) of the text that names
    him or her, or None. "Україну на переговорах представляли Ігор Жовква …" (after the verb),
    "Андрій Єрмак провів третій раунд" (before it)."""
    if not is_ukrainian(sentence):
        return None
    side = UA_SIDE_LEAD_RE.search(sentence)
    if side and not PARTNER_SIDE_RE.search(sentence[max(0, side.start() - 60) : side.end()]):
        return side.end(), len(sentence)
    held = ROUND_HELD_RE.search(sentence)
    if held:
        return 0, held.start()
    return None
