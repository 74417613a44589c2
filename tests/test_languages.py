"""The tracker in Ukrainian and English: language by URL prefix, the switcher, hreflang, the
catalogue complete, and no English left on a Ukrainian page outside the records' own texts."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement, CandidateFact, Citation, Country, Source
from agreements.partial_dates import PartialDate
from tests.html_text import VOID, elements, text_of
from tests.public_pages import public_urls
from tracker.translations import catalogue_paths, gaps

pytestmark = pytest.mark.django_db


def test_the_ukrainian_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert [path.parent.parent.name for path in catalogue_paths()] == ["uk"]
    assert {str(path): gaps(path) for path in catalogue_paths()} == {
        str(path): [] for path in catalogue_paths()
    }


def test_the_language_comes_from_the_address(client, seed):
    english = client.get("/en/agreements/")
    ukrainian = client.get("/uk/agreements/")
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="uk">' in ukrainian.content.decode()
    assert text_of(english.content.decode(), "main").startswith("Agreements Filter and sort")
    assert text_of(ukrainian.content.decode(), "main").startswith("Угоди Фільтр і сортування")
    assert (english["Content-Language"], ukrainian["Content-Language"]) == ("en", "uk")


@pytest.mark.parametrize(
    ("accept", "expected"), [("uk,en;q=0.5", "/uk/"), ("en-GB,en", "/en/"), ("", "/en/")]
)
def test_the_front_page_follows_the_browsers_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert (response.status_code, response["Location"]) == (302, expected)


def test_old_unprefixed_addresses_redirect_with_their_query(client, seed):
    response = client.get("/agreements/?status=signed", HTTP_ACCEPT_LANGUAGE="uk")
    assert response["Location"] == "/uk/agreements/?status=signed"
    assert client.get("/healthz").status_code == 200  # the probe stays unprefixed


def test_the_switcher_keeps_the_page_and_its_filters(client, seed):
    html = client.get("/en/agreements/?status=signed&o=-signed").content.decode()
    switcher = [
        (a["href"], a["lang"]) for tag, a in elements(html, "language-switcher") if tag == "a"
    ]
    assert switcher == [
        ("/en/agreements/?status=signed&o=-signed", "en"),
        ("/uk/agreements/?status=signed&o=-signed", "uk"),
    ]
    alternates = [
        (a["hreflang"], a["href"])
        for tag, a in elements(html)
        if tag == "link" and a["rel"] == "alternate" and "hreflang" in a
    ]
    assert alternates == [
        ("en", "http://testserver/en/agreements/?status=signed&o=-signed"),
        ("uk", "http://testserver/uk/agreements/?status=signed&o=-signed"),
    ]


def test_a_cached_page_is_kept_per_language(client, seed):
    for _ in range(2):  # the second visit is served from the cache
        assert '<html lang="uk">' in client.get("/uk/countries/").content.decode()
        assert '<html lang="en">' in client.get("/en/countries/").content.decode()


def test_dates_and_country_names_are_written_the_way_each_language_writes_them(db):
    dates = [PartialDate(2023, 8, 3), PartialDate(2024, 4), PartialDate(2024), PartialDate()]
    eu, kosovo = Country(iso2="EU", name="European Union"), Country(iso2="XK", name="Kosovo")
    with translation.override("uk"):
        assert [str(date) for date in dates] == [
            "3 серп. 2023",
            "квітень 2024",
            "2024",
            "дата невідома",
        ]
        assert (eu.local_name, kosovo.local_name) == ("Європейський Союз", "Косово")
        assert Source(language="en").language_name == "англійська"
    with translation.override("en"):
        assert [str(date) for date in dates] == ["3 Aug 2023", "Apr 2024", "2024", "date unknown"]
        assert (eu.local_name, kosovo.local_name) == ("European Union", "Kosovo")


class _InterfaceText(HTMLParser):
    """The visible text of a page, leaving out what is quoted in its own language (elements
    with another `lang`, quotes, an article's text) and scripts."""

    SKIPPED = {"script", "style", "blockquote", "q", "mark", "title", "code"}

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, skipped)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        skipped = (
            (self.stack and self.stack[-1][1])
            or tag in self.SKIPPED
            or attrs.get("lang", self.language) != self.language
            or "article-text" in (attrs.get("class") or "")
        )
        self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def records_texts():
    """Every text the records hold (titles, summaries, names, places, notes …): content, in
    the language its editors wrote it, not the interface."""
    texts = set()
    for model in apps.get_app_config("agreements").get_models():
        if model.__name__.startswith("Historical"):
            continue
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*fields):
            texts.update(
                re.sub(r"\s+", " ", value).strip()
                for value in row
                if isinstance(value, str) and value
            )
    return sorted(texts, key=len, reverse=True)


# Words that are the same in both languages: formats, codes, standards, names of programs,
# the switcher's "English".
SAME_IN_BOTH = {
    *("CSV", "JSON", "Atom", "ISO", "EUR", "USD", "GBP", "English", "G7"),
    *("URL", "HTML", "UTF", "BCP", "SHA", "Axes"),
}


def without_cut_texts(text, content):
    """`text` without the records' texts cut short ("Ukraine and the US …"), as lists of
    sources show titles and the admin's lists show quotes: each "…" takes the longest record
    text whose beginning ends there."""
    starts = {}  # the position of a "…" → where the record's text it cuts short begins
    for value in content:
        start = value.casefold()[:20]
        if len(value) <= 20 or start not in text:
            continue
        for found in (m.start() for m in re.finditer(re.escape(start), text)):
            for end in (found + m.start() for m in re.finditer("…", text[found:])):
                said = text[found:end]
                if value.casefold().startswith(said + "…"):
                    continue  # the text's own "…" (an omission in a quote)
                if value.casefold().startswith(said.rstrip()):
                    starts[end] = min(found, starts.get(end, found))
                break
    for cut in sorted(starts, reverse=True):
        text = text[: starts[cut]] + " " + text[cut + 1 :]
    return text


def english_words_left(html, content):
    parser = _InterfaceText("uk")
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.parts)).casefold()
    text = re.sub(r"https?://\S*|/\S*/", " ", text)  # addresses shown as text (/uk/countries/US/)
    text = without_cut_texts(text, content)
    for value in content:
        text = re.sub(rf"(?<!\w){re.escape(value.casefold())}(?!\w)", " ", text)
    words = set(re.findall(r"[A-Za-z][A-Za-z’']{2,}", text))
    return sorted(words - {word.casefold() for word in SAME_IN_BOTH})


def ukrainian_pages():
    pages = [
        (label, "/uk/" + url.removeprefix("/en/"))
        for label, url in public_urls()
        if url.startswith("/en/")
        and not url.split("?")[0].endswith((".csv", ".json", "/feeds/updates/"))
    ]
    return [
        *pages,
        ("comparison", "/uk/agreements/compare/?a=US&a=GB"),
        ("comparison, empty", "/uk/agreements/compare/"),
        ("not found", "/uk/countries/ZZ/"),
    ]


def test_no_english_is_left_on_a_ukrainian_page(client, seed):
    content = records_texts()
    found = {}
    for label, url in ukrainian_pages():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        left = english_words_left(response.content.decode(), content)
        if left:
            found[f"{label} ({url})"] = left
    assert found == {}, "\n".join(f"{page}: {words}" for page, words in found.items())


def admin_pages():
    """The editors' main pages: each list and a row's form (agreements, rounds, sources,
    citations, the review queue) and the import form."""
    agreement = Agreement.objects.get(slug="ukraine-united-states")
    round_ = agreement.rounds.order_by("number").first()
    source = Source.objects.cited().first()
    citation = Citation.objects.filter(agreement=agreement).first()
    candidate = CandidateFact.objects.first()
    change = [
        ("agreement", agreement),
        ("negotiationround", round_),
        ("source", source),
        ("citation", citation),
        ("candidatefact", candidate),
    ]
    return [
        ("index", reverse("admin:index")),
        *[(f"{name} list", reverse(f"admin:agreements_{name}_changelist")) for name, _ in change],
        *[
            (f"{name} {row.pk}", reverse(f"admin:agreements_{name}_change", args=[row.pk]))
            for name, row in change
        ],
        ("agreement add", reverse("admin:agreements_agreement_add")),
        ("import", reverse("admin:agreements_candidatefact_import")),
    ]


@pytest.fixture
def imported(seed, tmp_path):
    article = tmp_path / "poland.txt"
    article.write_text("date 2024-07 Ukraine and Poland signed a security agreement on July 8.")
    call_command("import_article", str(article), verbosity=0)


def test_no_english_is_left_on_an_editors_page_in_ukrainian(admin_client, imported):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    content = [*records_texts(), "admin"]  # and the editor's user name
    found = {}
    for label, url in admin_pages():
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url
        assert '<html lang="uk"' in response.content.decode(), url
        left = english_words_left(response.content.decode(), content)
        if left:
            found[f"{label} ({url})"] = left
    assert found == {}, "\n".join(f"{page}: {words}" for page, words in found.items())


def ukrainian_words_left(html, content):
    parser = _InterfaceText("en")
    parser.feed(html)
    text = re.sub(r"\s+", " ", " ".join(parser.parts))
    text = without_cut_texts(text.casefold(), content)
    for value in content:
        text = re.sub(rf"(?<!\w){re.escape(value.casefold())}(?!\w)", " ", text)
    return sorted(set(re.findall(r"\w*[\u0400-\u04FF]\w*", text)))


def test_no_ukrainian_is_left_on_an_editors_page_in_english(admin_client, imported):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = records_texts()
    found = {}
    for label, url in admin_pages():
        response = admin_client.get(url, follow=True)
        assert '<html lang="en"' in response.content.decode(), url
        left = ukrainian_words_left(response.content.decode(), content)
        if left:
            found[f"{label} ({url})"] = left
    assert found == {}


def test_an_editor_chooses_the_language_of_the_editors_pages(admin_client, seed):
    index = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Language:" in index.content.decode()
    response = admin_client.post(
        reverse("set_language"), {"language": "uk", "next": reverse("admin:index")}, follow=True
    )
    html = response.content.decode()
    assert (response.redirect_chain[-1][0], '<html lang="uk"' in html) == (
        reverse("admin:index"),
        True,
    )
    assert "Мова:" in html
    page = admin_client.get(reverse("admin:agreements_agreement_add"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'for="id_title_uk">Назва українською:</label>' in page.content.decode()
