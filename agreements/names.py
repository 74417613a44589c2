"""Names of countries and languages in the active language, from CLDR (Unicode's locale data,
through Babel), never typed by hand; and every name a reader may search a partner by. No
database here, e.g.

    >>> from django.utils import translation
    >>> with translation.override("uk"):
    ...     territory_name("EU"), territory_name("XK"), language_name("en")
    ('Європейський Союз', 'Косово', 'англійська')
    >>> with translation.override("en"):
    ...     territory_name("GB"), territory_name("XX", default="Nowhere")
    ('United Kingdom', 'Nowhere')
    >>> sorted(codes_named("Great Britain or Holland")), sorted(codes_named("Ukraine"))
    (['GB', 'NL'], ['UA'])
"""

import re
from functools import cache

import pycountry
from babel import Locale
from django.conf import settings
from django.utils.translation import get_language

from .quotes import is_ukrainian, ukrainian_stem


@cache
def cldr_locale(language):
    return Locale.parse((language or "en").replace("-", "_"))


def territory_name(code, *, default="", own_name="", language=None):
    """The CLDR name of an ISO 3166-1 code (with EU and XK, which CLDR names too) in `language`
    (default: the active one); in the site's default language `own_name` instead, where given
    (the name as the tracker stores it)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    if own_name and language == settings.LANGUAGE_CODE:
        return own_name
    return cldr_locale(language).territories.get(code, default or code)


def language_name(code):
    """The CLDR name of an ISO 639-1 language code, e.g. a source's language."""
    return cldr_locale(get_language()).languages.get(code, code)


# What readers call a partner where CLDR (English and Ukrainian) and ISO 3166 (name, official
# and common names, through pycountry) have nothing: reviewed by hand, kept short. Two-letter
# codes typed alone ("US", "EU") are matched as codes by the search itself.
ALSO_CALLED = {
    "GB": ["UK", "Great Britain", "Britain", "Британія", "Сполучене Королівство"],
    "US": ["USA", "America", "США", "Америка", "Сполучені Штати Америки"],
    "NL": ["Holland", "Голландія"],
    "CZ": ["Чеська Республіка"],
    "EU": ["EU", "ЄС", "Євросоюз"],
    "TR": ["Turkey"],
    "KR": ["Republic of Korea", "Республіка Корея"],
}


@cache
def search_names():
    """{name, folded: (name, codes)}: every country's names a search may name it by, from CLDR
    in English and Ukrainian, ISO 3166 and `ALSO_CALLED`. ISO's inverted forms ("Korea,
    Republic of") are left out: nobody types them."""
    english, ukrainian = cldr_locale("en").territories, cldr_locale("uk").territories
    codes = {country.alpha_2 for country in pycountry.countries} | {"EU", "XK"}
    names = {}
    for code in sorted(codes):
        iso = pycountry.countries.get(alpha_2=code)
        found = [english.get(code), ukrainian.get(code), *ALSO_CALLED.get(code, [])]
        found += [getattr(iso, attr, None) for attr in ("name", "common_name", "official_name")]
        for name in found:
            if name and not re.search(r"[,(]", name):
                names.setdefault(folded(name), (name, set()))[1].add(code)
    return names


def folded(name):
    """A name as compared: any case, any spacing or punctuation between its words."""
    return " ".join(re.findall(r"\w+", name.casefold()))


@cache
def _names_pattern():
    # Longest first, so that "Papua New Guinea" is read as one name, not as "Guinea".
    alternatives = sorted(search_names(), key=len, reverse=True)
    words = (r"\W+".join(map(re.escape, name.split())) for name in alternatives)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def names_in(text):
    """The country names that `text` holds as whole words ("UK" is not in "Ukraine"), as
    listed, each with its codes: [(name, codes)]."""
    return [search_names()[folded(match.group())] for match in _names_pattern().finditer(text)]


def codes_named(text):
    """The codes of the countries `text` names by any of their names."""
    return {code for _name, codes in names_in(text) for code in codes}


@cache
def _territory_words(language):
    return [
        (code, {ukrainian_stem(word) for word in re.findall(r"\w+", name)})
        for code, name in cldr_locale(language).territories.items()
        if re.fullmatch(r"[A-Z]{2}", code)
    ]


def territories_named(words, language="uk"):
    """The codes whose CLDR name in `language` has every one of `words`, in any of its forms
    (compared by their stems: "Німеччиною" names DE); none unless every word is Ukrainian.

    >>> territories_named(["Німеччиною"]), territories_named(["Великої", "Британії"])
    (['DE'], ['GB'])
    """
    if not words or not all(is_ukrainian(word) for word in words):
        return []
    stems = [ukrainian_stem(word) for word in words]
    return sorted(
        code
        for code, name_stems in _territory_words(language)
        if all(stem in name_stems for stem in stems)
    )


# The Ukrainian alphabet in its order (Правопис 2019, § 3): Python's default order of code
# points puts є, і, ї and ґ after я.
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_UKRAINIAN_RANK = {letter: rank for rank, letter in enumerate(UKRAINIAN_ALPHABET)}
# The apostrophe is left out of the order ("Кот-д'Івуар" sorts as "Кот-дІвуар").
_APOSTROPHES = str.maketrans("", "", "'’ʼ")


def collation_key(name, language=None):
    """A key that sorts names as a reader of `language` (default: the active one) expects:
    in Ukrainian by the Ukrainian alphabet, any case, other characters (spaces, hyphens, Latin
    letters) before its letters, in code point order; in other languages any case.

    >>> def in_ukrainian(name):
    ...     return collation_key(name, "uk")
    >>> sorted(["Ямайка", "Єгипет", "Ірландія", "Італія", "Австрія"], key=in_ukrainian)
    ['Австрія', 'Єгипет', 'Ірландія', 'Італія', 'Ямайка']
    >>> sorted(["Гренада", "Ґуам", "Гаїті"], key=in_ukrainian)
    ['Гаїті', 'Гренада', 'Ґуам']
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    folded_name = name.casefold()
    if language.split("-")[0] != "uk":
        return (folded_name, name)
    letters = folded_name.translate(_APOSTROPHES)
    ranks = tuple(
        (1, _UKRAINIAN_RANK[char]) if char in _UKRAINIAN_RANK else (0, ord(char))
        for char in letters
    )
    return (ranks, name)
