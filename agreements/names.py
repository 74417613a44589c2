"""Names of countries and languages in the active language, from CLDR (Unicode's locale data,
through Babel), never typed by hand. No database here, e.g.

    >>> from django.utils import translation
    >>> with translation.override("uk"):
    ...     territory_name("EU"), territory_name("XK"), language_name("en")
    ('Європейський Союз', 'Косово', 'англійська')
    >>> with translation.override("en"):
    ...     territory_name("GB"), territory_name("ZZ", default="Nowhere")
    ('United Kingdom', 'Nowhere')
"""

import re
from functools import cache

from babel import Locale
from django.conf import settings
from django.utils.translation import get_language

from .quotes import is_ukrainian, ukrainian_stem


@cache
def cldr_locale(language):
    return Locale.parse((language or "en").replace("-", "_"))


def territory_name(code, *, default="", own_name=""):
    """The CLDR name of an ISO 3166-1 code (with EU and XK, which CLDR names too); in the site's
    default language `own_name` instead, where given (the name as the tracker stores it)."""
    language = get_language() or settings.LANGUAGE_CODE
    if own_name and language == settings.LANGUAGE_CODE:
        return own_name
    return cldr_locale(language).territories.get(code, default or code)


def language_name(code):
    """The CLDR name of an ISO 639-1 language code, e.g. a source's language."""
    return cldr_locale(get_language()).languages.get(code, code)


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
