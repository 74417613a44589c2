"""An analyst looks a state up: its agreement with Ukraine, its declaration role, its rounds."""

import pytest

from agreements.models import Agreement, Country
from agreements.names import collation_key
from tests.factories import (
    make_agreement,
    make_agreement_with_rounds,
    make_countries,
    make_declaration_with_signatories,
)
from tests.html_text import items_of, links, outline, page_text, rows_of, text_of

pytestmark = pytest.mark.django_db


def row_of(html, iso2):
    """The text of the country list's row of the state with ISO code `iso2`."""
    return " ".join(cell for cell in rows_of(html, f"country-{iso2}")[f"country-{iso2}"] if cell)


def test_denmark_joined_the_declaration_later_and_has_signed(client, seed):
    text = page_text(client.get("/en/countries/DK/"))
    assert "Denmark (DK)" in text
    assert "Not a member of the G7." in text
    assert "Joined later: date not reported; reported by Aug 2023" in text
    assert "Ukraine–Denmark bilateral security agreement" in text
    assert "Status: signed" in text
    assert "Signed: date unknown — reported signed by 2024" in text
    assert "No rounds recorded." in text


def test_a_lower_case_code_redirects_to_the_one_url_of_the_page(client, seed):
    for typed in ["/en/countries/dk/", "/en/countries/Dk/", "/en/countries/dK/"]:
        response = client.get(typed)
        assert (response.status_code, response["Location"]) == (301, "/en/countries/DK/")
    assert "Denmark" in page_text(client.get("/en/countries/dk/", follow=True))


def test_the_united_states_page_shows_g7_membership_the_rounds_and_the_founding_date(client, seed):
    html = client.get("/en/countries/US/").content.decode()
    text = text_of(html, "main")
    assert "A member of the G7." in text
    assert "Founding G7 signatory: 12 Jul 2023" in text
    assert "Status: negotiating" in text
    assert "Negotiations started: 3 Aug 2023" in text
    assert "Round 1: 3 Aug 2023, led by Andrii Yermak" in text
    assert "Round 2: date unknown implied" in text
    assert "Round 3: 2024, led by Andrii Yermak" in text
    assert 'href="/en/agreements/ukraine-united-states/#round-3"' in html


def test_ukraine_is_the_home_party_with_every_agreement(client, seed):
    text = page_text(client.get("/en/countries/UA/"))
    assert "The home party: Ukraine is party to every agreement tracked here." in text
    assert "10 agreements with partner states" in text
    for partner in Agreement.objects.values_list("partner__name", flat=True):
        assert partner in text
    assert "Declarations" not in text


def test_the_country_list_is_a_table_of_every_state(client, seed):
    html = client.get("/en/countries/").content.decode()
    assert outline(html, "caption") == ["21 countries"]
    assert len(rows_of(html, "country-")) == Country.objects.count() == 21
    assert row_of(html, "DK") == "Denmark DK — signed joined later"
    assert (
        row_of(html, "US")
        == "United States US G7 member negotiating, since 3 Aug 2023 founding G7 signatory"
    )
    assert row_of(html, "UA") == "Ukraine UA — home party —"
    assert row_of(html, "LV") == "Latvia LV — signed —"
    assert row_of(html, "ES") == "Spain ES — none recorded joined later"
    assert 'href="/en/declarations/g7-joint-declaration-2023/"' in html


@pytest.mark.parametrize("segment", ["XX", "USA", "U", "1A", "%00", "u%20s", "%D0%A3%D0%90"])
def test_an_unknown_or_malformed_code_is_not_found(client, seed, segment):
    assert client.get(f"/en/countries/{segment}/").status_code == 404


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    countries = make_countries(30)
    make_declaration_with_signatories(countries)
    for country in countries[:10]:
        make_agreement_with_rounds(country, rounds=2)
    with django_assert_max_num_queries(4):
        response = client.get("/en/countries/")
    assert len(rows_of(response.content.decode(), "country-")) == 30


def test_a_country_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    countries = make_countries(3)
    make_declaration_with_signatories(countries)
    agreement = make_agreement_with_rounds(countries[1], rounds=40, citations_per_round=2)
    with django_assert_max_num_queries(7):
        response = client.get(countries[1].get_absolute_url())
    html = response.content.decode()
    # a long negotiation: its latest ten rounds in order, and the way to all of them
    months = ["Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May"]
    assert items_of(html, f"rounds-{agreement.slug}") == [
        f"Round {number}: {month} 2023, led by Chief Negotiator"
        for number, month in zip(range(31, 41), months, strict=True)
    ]
    text = page_text(response)
    assert "Negotiation rounds (40)" in text
    assert "The latest 10; all 40 on the agreement's page." in text


def test_ukrainian_names_sort_in_the_ukrainian_alphabet():
    expected = ["Австрія", "Гана", "Ґернсі", "Данія", "Естонія", "Ємен", "Ірландія", "Ісландія"]
    expected += ["Італія", "Йорданія", "Кот-д’Івуар", "Кот-дІвуар (без апострофа)", "Японія"]
    assert sorted(reversed(expected), key=lambda name: collation_key(name, "uk")) == expected
    assert sorted(["ямайка", "Ємен", "їжак"], key=lambda name: collation_key(name, "uk")) == [
        "Ємен",
        "їжак",
        "ямайка",
    ]
    assert sorted(["Yemen", "austria"], key=lambda name: collation_key(name, "en")) == [
        "austria",
        "Yemen",
    ]


# Partners whose Ukrainian names begin with є, і and ї's neighbours: Python's own order of
# code points would put Єгипет, Ірландія and Італія after Японія.
PARTNERS = {"AT": "Austria", "DE": "Germany", "EE": "Estonia", "IE": "Ireland", "IT": "Italy"}
PARTNERS |= {"JP": "Japan", "YE": "Yemen"}
IN_UKRAINIAN = ["Австрія", "Естонія", "Ємен", "Ірландія", "Італія", "Німеччина", "Японія"]
IN_ENGLISH = ["Austria", "Estonia", "Germany", "Ireland", "Italy", "Japan", "Yemen"]


def test_the_country_list_is_sorted_by_the_name_it_shows(client, django_assert_max_num_queries):
    for iso2, name in PARTNERS.items():
        Country.objects.create(iso2=iso2, name=name)

    def names(language):
        html = client.get(f"/{language}/countries/").content.decode()
        prefix = f"/{language}/countries/"
        return [text for text, href in links(html, "main") if href.startswith(prefix)]

    with django_assert_max_num_queries(4):
        in_ukrainian = names("uk")
    assert in_ukrainian == IN_UKRAINIAN
    assert names("en") == IN_ENGLISH


def test_the_partner_select_is_sorted_by_the_name_it_shows(client):
    for iso2, name in PARTNERS.items():
        make_agreement(name, iso2=iso2)
    for language, names in [("uk", IN_UKRAINIAN), ("en", IN_ENGLISH)]:
        html = client.get(f"/{language}/agreements/").content.decode()
        any_partner = "будь-який партнер" if language == "uk" else "any partner"
        assert text_of(html, "id_partner") == " ".join([any_partner, *names])
