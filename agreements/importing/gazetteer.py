"""Reference names: countries as English and Ukrainian news write them, people's spellings.

Country names come from ISO 3166 (pycountry) and from CLDR in English and Ukrainian (Babel);
the small tables here hold only what those lack: short forms of the press ("the UK", "U.S.",
"США"), adjectives ("British", "Danish"), groups ("the Baltic states") and the two partners that
are not UN member states: the European Union (EU, reserved in ISO 3166-1 for it) and Kosovo
(XK, the user-assigned code in common use).

Ukrainian declines names: "Німеччина", "з Німеччиною", "Німеччини". A Ukrainian name matches by
its stem (the name less its final vowels) and any case ending.

These are reference data, not facts taken from an article: an ISO code and a canonical name are
not quoted from anywhere, so countries created from here carry no citation of their own.

>>> countries_in("Ukraine signs security pacts with EU, Lithuania and Estonia")
['UA', 'EU', 'LT', 'EE']
>>> countries_in("Україна підписала угоду з Німеччиною")
['UA', 'DE']
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry
from babel import Locale

HOME_ISO2 = "UA"
G7 = {"US", "GB", "CA", "FR", "DE", "IT", "JP"}
EU, KOSOVO = "EU", "XK"
# The aggressors: named in every article about these agreements, never a partner.
NOT_PARTNERS = {"UA", "RU", "BY"}

# What CLDR and ISO 3166 lack: the press's short forms and older names.
EXTRA_NAMES = {
    "en": {
        "US": [
            "United States of America",
            "the United States",
            "USA",
            "U.S.A.",
            "the US",
            "U.S.",
            "US",
            "America",
        ],
        "GB": ["the United Kingdom", "Great Britain", "Britain", "the UK", "U.K.", "UK"],
        "NL": ["the Netherlands", "Holland"],
        "CZ": ["the Czech Republic", "Czech Republic"],
        "TR": ["Turkey", "Turkiye"],
        "KR": ["the Republic of Korea", "Republic of Korea"],
        "MD": ["the Republic of Moldova"],
        "EU": ["the European Union", "European Union", "EU", "the EU"],
        "XK": ["Kosovo"],
        "RU": ["Russia", "the Russian Federation"],
    },
    "uk": {
        "US": ["США", "Сполучені Штати Америки", "Сполучені Штати", "Америка"],
        "GB": ["Велика Британія", "Британія", "Сполучене Королівство", "Об'єднане Королівство"],
        "EU": ["ЄС", "Євросоюз", "Європейський Союз"],
        "CZ": ["Чехія", "Чеська Республіка"],
        "TR": ["Туреччина"],
        "KR": ["Південна Корея", "Республіка Корея"],
        "NL": ["Нідерланди"],
        "MD": ["Молдова"],
        "RU": ["Росія", "РФ"],
    },
}

# Adjectives that name a state ("British Prime Minister", "the Danish government"). CLDR has
# no demonyms.
ADJECTIVES = {
    "American": "US",
    "U.S.": "US",
    "British": "GB",
    "Canadian": "CA",
    "French": "FR",
    "German": "DE",
    "Italian": "IT",
    "Japanese": "JP",
    "Danish": "DK",
    "Spanish": "ES",
    "Dutch": "NL",
    "Norwegian": "NO",
    "Swedish": "SE",
    "Czech": "CZ",
    "Finnish": "FI",
    "Icelandic": "IS",
    "Belgian": "BE",
    "Portuguese": "PT",
    "Irish": "IE",
    "Romanian": "RO",
    "Latvian": "LV",
    "Lithuanian": "LT",
    "Estonian": "EE",
    "Polish": "PL",
    "Slovak": "SK",
    "Slovenian": "SI",
    "Croatian": "HR",
    "Hungarian": "HU",
    "Bulgarian": "BG",
    "Greek": "GR",
    "Luxembourgish": "LU",
    "Austrian": "AT",
    "Swiss": "CH",
    "Maltese": "MT",
    "Cypriot": "CY",
    "Albanian": "AL",
    "Montenegrin": "ME",
    "Moldovan": "MD",
    "Georgian": "GE",
    "Turkish": "TR",
    "Australian": "AU",
    "Ukrainian": "UA",
    "Russian": "RU",
    "Belarusian": "BY",
    "Kosovan": "XK",
    "Kosovar": "XK",
    "Macedonian": "MK",
    "European": "EU",
}

# Groups the press names as one: each stands for its members.
GROUPS = {
    "en": {
        "the Baltic states": ["EE", "LV", "LT"],
        "the Baltic countries": ["EE", "LV", "LT"],
        "the Baltic nations": ["EE", "LV", "LT"],
        "the Baltics": ["EE", "LV", "LT"],
    },
    "uk": {"країни Балтії": ["EE", "LV", "LT"], "балтійські країни": ["EE", "LV", "LT"]},
}

# One person, many spellings: the transliterations of the press, and the tracker's spelling.
PEOPLE = {
    "Volodymyr Zelenskyy": [
        "Zelenskyy",
        "Zelensky",
        "Zelenskiy",
        "Zelenskyi",
        "Zelenski",
        "Зеленський",
        "Зеленського",
        "Зеленським",
        "Зеленському",
    ],
    "Andrii Yermak": ["Yermak", "Andriy Yermak", "Єрмак", "Єрмака", "Єрмаком"],
    "Denys Shmyhal": ["Shmyhal", "Шмигаль", "Шмигаля"],
    "Dmytro Kuleba": ["Kuleba", "Кулеба", "Кулеби"],
}
# Heads of state and government who signed or negotiated these agreements, by surname: "Biden
# and Zelenskyy signed" names the United States. Reference data of the subject, like the G7.
LEADERS = {
    "Biden": "US",
    "Sunak": "GB",
    "Starmer": "GB",
    "Cameron": "GB",
    "Scholz": "DE",
    "Macron": "FR",
    "Trudeau": "CA",
    "Meloni": "IT",
    "Kishida": "JP",
    "Rutte": "NL",
    "Schoof": "NL",
    "Frederiksen": "DK",
    "Sánchez": "ES",
    "Sanchez": "ES",
    "Tusk": "PL",
    "Duda": "PL",
    "Stubb": "FI",
    "Orpo": "FI",
    "Kristersson": "SE",
    "Støre": "NO",
    "Store": "NO",
    "De Croo": "BE",
    "Nausėda": "LT",
    "Nauseda": "LT",
    "Michal": "EE",
    "Kallas": "EE",
    "Rinkēvičs": "LV",
    "Rinkevics": "LV",
    "Siliņa": "LV",
    "Fiala": "CZ",
    "Varadkar": "IE",
    "Frieden": "LU",
    "Bettel": "LU",
    "Mitsotakis": "GR",
    "Benediktsdóttir": "IS",
    "Michel": "EU",
    "von der Leyen": "EU",
    "Albanese": "AU",
    "Golob": "SI",
    "Plenković": "HR",
    "Plenkovic": "HR",
    "Rama": "AL",
}

UKRAINIANS = {"Volodymyr Zelenskyy", "Andrii Yermak", "Denys Shmyhal", "Dmytro Kuleba"}

UK_VOWELS = "аеєиіїоуюяйь"
# Case endings of nouns and of adjectival names ("Великою Британією", "Сполученими Штатами").
UK_ENDINGS = {
    "",
    *UK_VOWELS,
    *"ою ею єю ії ію ією ій ої ом ем єм ів їв ам ям ах ях ами ями им ими их ого ому".split(),
}


@cache
def _names():
    """{iso2: {language: [names]}} for every ISO 3166 country, the EU and Kosovo."""
    codes = [country.alpha_2 for country in pycountry.countries] + [EU, KOSOVO]
    english, ukrainian = Locale("en").territories, Locale("uk").territories
    names = {}
    for code in codes:
        en = [english.get(code, "")]
        country = pycountry.countries.get(alpha_2=code)
        if country:
            en += [getattr(country, attr, "") for attr in ("name", "common_name", "official_name")]
        en += EXTRA_NAMES["en"].get(code, [])
        uk = [ukrainian.get(code, ""), *EXTRA_NAMES["uk"].get(code, [])]
        # ISO's inverted forms ("Korea, Republic of") are not how anyone writes.
        names[code] = {
            "en": sorted({n for n in en if n and not re.search(r"[,(]", n)}),
            "uk": sorted({n for n in uk if n and not re.search(r"[,(]", n)}),
        }
    return names


def _uk_stem(word):
    """A Ukrainian word less its final vowels: "Німеччина" → "Німеччин"."""
    stem = word.rstrip(UK_VOWELS)
    return stem if len(stem) >= 3 else word


def _key_words(name, language):
    words = TOKEN_RE.findall(name)
    if words and words[0].lower() == "the":
        words = words[1:]
    if language == "uk":
        return tuple(word if word.isupper() else _uk_stem(word) for word in words)
    return tuple(words)


# Words of a text: abbreviations with their dots ("U.S."), else runs of letters and digits.
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
MAX_NAME_WORDS = 6


@cache
def _table():
    """{(language, words of the name): codes}; Ukrainian words by their stems."""
    table = {}
    for code, by_language in _names().items():
        for language, names in by_language.items():
            for name in names:
                table.setdefault((language, _key_words(name, language)), (code,))
    for language, groups in GROUPS.items():
        for name, codes in groups.items():
            for variant in (name, name.replace(" states", " States")):
                table[(language, _key_words(variant, language))] = tuple(codes)
    return table


@lru_cache(maxsize=65536)
def _word_keys(word):
    """The keys a word of the text may match: itself, and a Ukrainian word's possible stems."""
    if not ("а" <= word[0].lower() <= "я" or word[0] in "ІЇЄҐіїєґ"):
        possessive = re.match(r"(.+)['’]s$", word)  # "Britain's"
        return (("en", word), ("en", possessive.group(1))) if possessive else (("en", word),)
    keys = {("en", word)}
    if word.isupper():
        keys.add(("uk", word))
    for cut in range(4):
        # What is cut must be a case ending: "Перу" is in "Перуанський", not in "Перший".
        if len(word) - cut >= 3 and word[len(word) - cut :].lower() in UK_ENDINGS:
            keys.add(("uk", _uk_stem(word[: len(word) - cut])))
    return tuple(keys)


@dataclass(frozen=True)
class Mention:
    codes: tuple
    start: int
    end: int
    text: str
    adjective: bool = False


def mentions_in(text, *, adjectives=False):
    """Every country (or group) named in `text`, in order, with where it stands.

    One pass over the words, each looked up in a table: linear in the text's length.
    """
    table, prefixes = _table(), _prefixes()
    words = list(TOKEN_RE.finditer(text))
    all_keys = [_word_keys(word.group(0)) for word in words]
    found, index = [], 0
    while index < len(words):
        best = None
        if not any(key in prefixes for key in _first_keys(all_keys[index])):
            keys = []
        else:
            keys = all_keys[index : index + MAX_NAME_WORDS]
        # Longest names first; a name's words must follow each other with only spaces between.
        for length in range(len(keys), 0, -1):
            last = words[index + length - 1]
            gap = text[words[index].start() : last.end()]
            if length > 1 and re.search(r"[^\w\s'’ʼ.]", gap):
                continue
            for language in ("en", "uk"):
                options = [
                    [k for lang, k in word_keys if lang == language] for word_keys in keys[:length]
                ]
                codes = _lookup(table, language, options)
                if codes:
                    best = (length, codes)
                    break
            if best:
                break
        if best:
            length, codes = best
            start, end = words[index].start(), words[index + length - 1].end()
            found.append(Mention(codes, start, end, text[start:end]))
            index += length
            continue
        word = words[index].group(0)
        if adjectives and word in ADJECTIVES:
            found.append(
                Mention((ADJECTIVES[word],), words[index].start(), words[index].end(), word, True)
            )
        index += 1
    return found


def _lookup(table, language, options):
    """Codes of the first combination of the words' keys that names a country."""
    prefixes = _prefixes()
    combos = [()]
    for word_options in options:
        combos = [
            (*combo, option)
            for combo in combos
            for option in word_options
            if (language, (*combo, option)) in prefixes
        ]
        if not combos:
            return None
    for combo in combos:
        codes = table.get((language, combo))
        if codes:
            return codes
    return None


def _first_keys(word_keys):
    return [(language, (key,)) for language, key in word_keys]


@cache
def _prefixes():
    return {(language, words[:n]) for language, words in _table() for n in range(1, len(words) + 1)}


def countries_in(text, *, adjectives=False):
    """ISO codes of the countries mentioned in `text`, in order of first mention."""
    found = []
    for mention in mentions_in(text, adjectives=adjectives):
        for code in mention.codes:
            if code not in found:
                found.append(code)
    return found


def lookup_country(text):
    """The ISO code of a country name as written ("the Netherlands", "USA"), or None.

    Footnote markers glued to a name ("Denmark¹", "Spain[2]", "Norway*") are not part of it.
    """
    text = re.sub(r"(?:\[\w{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+|\(\d{1,2}\)|(?<=[^\W\d_])\d{1,2}\b)+", "", text)
    text = text.strip().strip("•").strip()
    for candidate in (text, text.strip(".,;:").strip()):
        mentions = mentions_in(candidate)
        if len(mentions) == 1 and len(mentions[0].codes) == 1:
            rest = (candidate[: mentions[0].start] + candidate[mentions[0].end :]).strip()
            if rest.lower().strip(".,;:") in ("", "the"):
                return mentions[0].codes[0]
    return None


def country_name(iso2):
    """The English name of a code: CLDR's, or ISO's where CLDR has none."""
    name = Locale("en").territories.get(iso2)
    if name:
        return name
    country = pycountry.countries.get(alpha_2=iso2)
    return country.name if country else iso2


def canonical_person(name):
    """(tracker's spelling, is Ukrainian) of a name as written, matched on any known spelling."""
    for canonical, spellings in PEOPLE.items():
        if name == canonical or name in spellings or name.split()[-1] in spellings:
            return canonical, canonical in UKRAINIANS
    # The press often drops diacritics: "Pedro Sanchez" is the leader "Pedro Sánchez".
    known = LEADER_NAMES.get(name.split()[-1]) if name.split() else None
    if known and _folded(known) == _folded(name):
        return known, False
    return name, False


def _folded(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@dataclass(frozen=True)
class KnownDeclaration:
    slug: str
    title: str
    pattern: re.Pattern


DECLARATIONS = [
    KnownDeclaration(
        slug="g7-joint-declaration-2023",
        title="Joint Declaration of Support for Ukraine",
        pattern=re.compile(
            r"Joint Declaration (?:of|on) Support (?:for|of) Ukraine|G7 declaration|"
            r"G7 Joint Declaration|Joint Declaration of the G7|"
            r"(?:G7|Group of Seven|G-7)(?:['’]s)?\s+(?:\w+\s+){0,2}declaration|"
            r"joint declaration (?:in which|on|of) (?:the )?(?:G7|security|long-term)|"
            r"Спільн\w+ декларац\w+|декларац\w+ G7|декларац\w+ \w+ G7",
            re.IGNORECASE,
        ),
    ),
]


def declaration_in(text):
    """The known declaration `text` names, or None."""
    for declaration in DECLARATIONS:
        if declaration.pattern.search(text):
            return declaration
    return None


# The leaders' full names, and their surnames as Ukrainian writes them (by stem: "Шольцом").
LEADER_NAMES = {
    "Biden": "Joe Biden",
    "Sunak": "Rishi Sunak",
    "Starmer": "Keir Starmer",
    "Scholz": "Olaf Scholz",
    "Macron": "Emmanuel Macron",
    "Trudeau": "Justin Trudeau",
    "Meloni": "Giorgia Meloni",
    "Kishida": "Fumio Kishida",
    "Rutte": "Mark Rutte",
    "Frederiksen": "Mette Frederiksen",
    "Sánchez": "Pedro Sánchez",
    "Sanchez": "Pedro Sánchez",
    "Tusk": "Donald Tusk",
    "Stubb": "Alexander Stubb",
    "Kristersson": "Ulf Kristersson",
    "Støre": "Jonas Gahr Støre",
    "Store": "Jonas Gahr Støre",
    "De Croo": "Alexander De Croo",
    "Nausėda": "Gitanas Nausėda",
    "Nauseda": "Gitanas Nausėda",
    "Kallas": "Kaja Kallas",
    "Michal": "Kristen Michal",
    "Rinkēvičs": "Edgars Rinkēvičs",
    "Fiala": "Petr Fiala",
    "Varadkar": "Leo Varadkar",
    "Frieden": "Luc Frieden",
    "Mitsotakis": "Kyriakos Mitsotakis",
    "Michel": "Charles Michel",
    "von der Leyen": "Ursula von der Leyen",
    "Albanese": "Anthony Albanese",
    "Golob": "Robert Golob",
    "Plenković": "Andrej Plenković",
    "Plenkovic": "Andrej Plenković",
}
UK_LEADERS = {
    "Байден": "Biden",
    "Сунак": "Sunak",
    "Стармер": "Starmer",
    "Шольц": "Scholz",
    "Макрон": "Macron",
    "Трюдо": "Trudeau",
    "Мелоні": "Meloni",
    "Кісід": "Kishida",
    "Рютте": "Rutte",
    "Фредеріксен": "Frederiksen",
    "Санчес": "Sánchez",
    "Туск": "Tusk",
    "Стубб": "Stubb",
    "Крістерссон": "Kristersson",
    "Стьоре": "Støre",
    "Де Кроо": "De Croo",
    "Науседа": "Nausėda",
    "Каллас": "Kallas",
    "Мішель": "Michel",
    "фон дер Ляєн": "von der Leyen",
    "Фіала": "Fiala",
    "Мітсотакіс": "Mitsotakis",
    "Рінкевич": "Rinkēvičs",
    "Кристерссон": "Kristersson",
}


# Capitals that news uses for their governments ("Washington and Kyiv agreed", "London was
# first to sign"). Read only where a list of partners is expected, and never after "in", "at",
# "to" or "from", where the city is a place.
CAPITALS = {
    "Washington": "US",
    "London": "GB",
    "Berlin": "DE",
    "Paris": "FR",
    "Rome": "IT",
    "Ottawa": "CA",
    "Tokyo": "JP",
    "Brussels": "EU",
    "Warsaw": "PL",
    "Copenhagen": "DK",
    "The Hague": "NL",
    "Amsterdam": "NL",
    "Madrid": "ES",
    "Stockholm": "SE",
    "Oslo": "NO",
    "Helsinki": "FI",
    "Dublin": "IE",
    "Prague": "CZ",
    "Riga": "LV",
    "Vilnius": "LT",
    "Tallinn": "EE",
    "Athens": "GR",
    "Lisbon": "PT",
    "Bucharest": "RO",
    "Sofia": "BG",
    "Reykjavik": "IS",
    "Canberra": "AU",
    "Ljubljana": "SI",
    "Luxembourg": "LU",
    "Vienna": "AT",
    "Valletta": "MT",
    "Nicosia": "CY",
    "Bratislava": "SK",
    "Budapest": "HU",
    "Zagreb": "HR",
    "Tirana": "AL",
    "Skopje": "MK",
    "Podgorica": "ME",
    "Chisinau": "MD",
    "Bern": "CH",
    "Wellington": "NZ",
    "Seoul": "KR",
    "Kyiv": "UA",
    "Moscow": "RU",
}
_CAPITAL_RE = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, CAPITALS)) + r")(?![\w-])")


def mentions_with_capitals(text, *, adjectives=False):
    """`mentions_in`, and capitals standing for their governments."""
    found = mentions_in(text, adjectives=adjectives)
    taken = [(m.start, m.end) for m in found]
    for match in _CAPITAL_RE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if re.search(
            r"\b(?:in|at|to|from|near|of|via|visit(?:ed|ing|s)?)\s+$", text[: match.start()]
        ):
            continue
        code = CAPITALS[match.group(0)]
        found.append(Mention((code,), match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda m: m.start)
