"""Editors' texts in English and Ukrainian, and which of the two a page shows. No database here.

A text editors write (an agreement's title, a round's summary, a place) is kept in one column
per language: `title` in English, the tracker's first language, and `title_uk` in Ukrainian.
A page shows the text in its own language where an editor wrote it; where not, the other one,
marked as such (`LocalText.fallback`: the page says "(in English)" and marks it `lang="en"`),
never a blank and never a machine translation. E.g.

    >>> class Row:
    ...     title, title_uk = "Agreement on Security Cooperation", ""
    >>> local_text(Row(), "title", "uk")
    LocalText(text='Agreement on Security Cooperation', language='en', fallback=True)
    >>> Row.title_uk = "Угода про співробітництво у сфері безпеки"
    >>> str(local_text(Row(), "title", "uk"))
    'Угода про співробітництво у сфері безпеки'
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The languages content is written in, the first the one of the unsuffixed column.
CONTENT_LANGUAGES = ("en", "uk")
# What a page says after a text shown in the other language: "(in English)".
IN_LANGUAGE = {"en": _("in English"), "uk": _("in Ukrainian")}


def column(field, language):
    """The column holding `field` in `language`: "title" in English, "title_uk" in Ukrainian."""
    return field if language == CONTENT_LANGUAGES[0] else f"{field}_{language}"


def content_language(language=None):
    """`language` (default: the active one) as one of CONTENT_LANGUAGES ("en-gb" → "en")."""
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    language = language if language in CONTENT_LANGUAGES else language.split("-")[0]
    return language if language in CONTENT_LANGUAGES else CONTENT_LANGUAGES[0]


@dataclass(frozen=True)
class LocalText:
    """A text as a page in some language shows it: the text, the language it is written in and
    whether that is the other language (`fallback`), which the page then marks."""

    text: str
    language: str
    fallback: bool = False

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    @property
    def marker(self):
        """ "in English" for a fallback to English; "" when the text is in the page's language."""
        return str(IN_LANGUAGE[self.language]) if self.fallback else ""

    @property
    def marked(self):
        """Plain text with its marker, for a feed or a page title: "Agreement … (in English)"."""
        return f"{self.text} ({self.marker})" if self.fallback and self.text else self.text


def local_text(row, field, language=None):
    """`row`'s `field` in `language` (default: the active one), else in the other language."""
    wanted = content_language(language)
    texts = {code: getattr(row, column(field, code), "") or "" for code in CONTENT_LANGUAGES}
    if texts[wanted]:
        return LocalText(texts[wanted], wanted)
    for code in CONTENT_LANGUAGES:
        if texts[code]:
            return LocalText(texts[code], code, fallback=True)
    return LocalText("", wanted)


def local_html(text):
    """`text` (a LocalText) for a page: as it is in the page's language; in the other language
    marked with its `lang` and followed by "(in English)" or "(in Ukrainian)"."""
    if not text.fallback:
        return conditional_escape(text.text)
    return format_html(
        '<span lang="{}">{}</span> <span class="in-language">({})</span>',
        text.language,
        text.text,
        text.marker,
    )


def interpolate(template, **values):
    """`template % values` as HTML: the template (our own words, e.g. from the catalogue) and
    each value escaped, unless already HTML (`local_html`), so a text keeps its `lang`.

    >>> interpolate("%(title)s adopted", title="<b>")
    '&lt;b&gt; adopted'
    """
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(conditional_escape(template) % escaped)


class BilingualModel:
    """A model whose `bilingual_fields` each have a column per language (`column`)."""

    bilingual_fields = ()

    def local(self, field, language=None):
        """The field's text for a page in `language` (see `local_text`)."""
        return local_text(self, field, language)
