"""Reference names: countries with the variants news articles use, and known declarations.

These are reference data, not facts taken from an article: an ISO code and a canonical name are
not quoted from anywhere, so countries created from here carry no citation of their own.
"""

import re
from dataclasses import dataclass

HOME_ISO2 = "UA"

# ISO 3166-1 alpha-2 code → (canonical name, variants as articles write them). Matching is
# case-sensitive so that "US" the country is not "us" the pronoun.
COUNTRIES = {
    "UA": ("Ukraine", []),
    "US": (
        "United States",
        ["United States of America", "the United States", "USA", "U.S.A.", "the US", "U.S.", "US"],
    ),
    "GB": (
        "United Kingdom",
        ["the United Kingdom", "Great Britain", "Britain", "the UK", "U.K.", "UK"],
    ),
    "CA": ("Canada", []),
    "FR": ("France", []),
    "DE": ("Germany", []),
    "IT": ("Italy", []),
    "JP": ("Japan", []),
    "DK": ("Denmark", []),
    "ES": ("Spain", []),
    "NL": ("Netherlands", ["the Netherlands", "Holland"]),
    "NO": ("Norway", []),
    "SE": ("Sweden", []),
    "CZ": ("Czech Republic", ["the Czech Republic", "Czechia"]),
    "FI": ("Finland", []),
    "IS": ("Iceland", []),
    "BE": ("Belgium", []),
    "PT": ("Portugal", []),
    "IE": ("Ireland", []),
    "RO": ("Romania", []),
    "LV": ("Latvia", []),
    "LT": ("Lithuania", []),
    "EE": ("Estonia", []),
    "PL": ("Poland", []),
    "SK": ("Slovakia", []),
    "SI": ("Slovenia", []),
    "HR": ("Croatia", []),
    "HU": ("Hungary", []),
    "BG": ("Bulgaria", []),
    "GR": ("Greece", []),
    "LU": ("Luxembourg", []),
    "AT": ("Austria", []),
    "CH": ("Switzerland", []),
    "MT": ("Malta", []),
    "CY": ("Cyprus", []),
    "AL": ("Albania", []),
    "MK": ("North Macedonia", []),
    "ME": ("Montenegro", []),
    "MD": ("Moldova", []),
    "GE": ("Georgia", []),
    "TR": ("Turkey", ["Türkiye", "Turkiye"]),
    "AU": ("Australia", []),
    "NZ": ("New Zealand", []),
    "KR": ("South Korea", ["the Republic of Korea", "Republic of Korea"]),
    "IL": ("Israel", []),
}

G7 = {"US", "GB", "CA", "FR", "DE", "IT", "JP"}

# Adjectives in titles such as "German Chancellor": a role that is not Ukrainian.
FOREIGN_ADJECTIVES = {
    "American", "British", "Canadian", "French", "German", "Italian", "Japanese", "Danish",
    "Spanish", "Dutch", "Norwegian", "Swedish", "Czech", "Finnish", "Icelandic", "Belgian",
    "Portuguese", "Irish", "Romanian", "Latvian", "Lithuanian", "Estonian", "Polish", "Slovak",
    "Hungarian", "Bulgarian", "Greek", "Austrian", "Swiss", "Turkish", "Australian", "Russian",
}  # fmt: skip

_VARIANTS = sorted(
    (
        (variant, iso2)
        for iso2, (name, variants) in COUNTRIES.items()
        for variant in {name, f"the {name}", *variants}
    ),
    key=lambda pair: -len(pair[0]),
)
_ISO_BY_VARIANT = dict(_VARIANTS)
COUNTRY_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(variant) for variant, _ in _VARIANTS) + r")(?![\w])"
)


def country_name(iso2):
    return COUNTRIES[iso2][0]


def lookup_country(text):
    """The ISO code of a country name as written ("the Netherlands", "USA"), or None."""
    text = text.strip().strip("•").strip()
    if text not in _ISO_BY_VARIANT:
        text = text.strip(".,;:").strip()
    if text in _ISO_BY_VARIANT:
        return _ISO_BY_VARIANT[text]
    if text.lower().startswith("the ") and text[4:] in _ISO_BY_VARIANT:
        return _ISO_BY_VARIANT[text[4:]]
    return None


def countries_in(text):
    """ISO codes of the countries mentioned in `text`, in order of first mention."""
    found = []
    for match in COUNTRY_RE.finditer(text):
        iso2 = _ISO_BY_VARIANT[match.group(1)]
        if iso2 not in found:
            found.append(iso2)
    return found


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
            r"Joint Declaration (?:of|on) Support for Ukraine|G7 declaration", re.IGNORECASE
        ),
    ),
]


def declaration_in(text):
    """The known declaration `text` names, or None."""
    for declaration in DECLARATIONS:
        if declaration.pattern.search(text):
            return declaration
    return None
