"""Template context every page gets."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.translation import get_language

from .citation_notes import CitationNotes


def citation_notes(request):
    """A fresh numbering of citations for each page rendered (see `{% cite %}`)."""
    return {"citation_notes": CitationNotes()}


def languages(request):
    """This page in each language, its query string (filters, page) kept: the switcher's links
    (`url`) and the `hreflang` alternates (`absolute_url`). Pages outside the language prefixes
    (the admin) get their own URL."""
    here = request.get_full_path()
    try:
        site = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        site = ""  # the 400 page for a bad Host header: no address to trust
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(here, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": site + url,
                "is_current": code == current,
            }
        )
    return {"page_languages": links}
