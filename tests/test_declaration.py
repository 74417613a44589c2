"""An analyst asks which declaration signatories have no agreement with Ukraine yet."""

import re

import pytest

from agreements.models import Agreement
from tests.factories import (
    make_agreement_with_rounds,
    make_countries,
    make_declaration_with_signatories,
)
from tests.html_text import page_text, text_of

pytestmark = pytest.mark.django_db

URL = "/declarations/g7-joint-declaration-2023/"


def signatory_codes(html, table_id):
    table = html[html.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<tr id="signatory-([A-Z]{2})">', table)


def test_the_declaration_shows_its_adoption_and_sources(client, seed):
    html = client.get(URL).content.decode()
    text = text_of(html, "main")
    assert "Adopted 12 Jul 2023 (exact day)" in text
    assert "Place Vilnius" in text
    assert "Occasion On the sidelines of the NATO summit" in text
    assert "“On July 12, 2023, on the sidelines of the NATO summit in Vilnius" in text


def test_signatories_are_split_into_founding_and_joined_later(client, seed):
    html = client.get(URL).content.decode()
    founding = signatory_codes(html, "founding-signatories")
    joined = signatory_codes(html, "joined-signatories")
    assert sorted(founding) == ["CA", "DE", "FR", "GB", "IT", "JP", "US"]
    assert len(joined) == 12
    assert {"DK", "ES", "NL", "NO", "SE", "CZ", "FI", "IS", "BE", "PT", "IE", "RO"} == set(joined)
    text = text_of(html, "main")
    assert "Founding signatories (7)" in text
    assert "Joined later (12)" in text


def test_each_signatory_shows_its_date_or_when_it_was_reported(client, seed):
    html = client.get(URL).content.decode()
    founding = text_of(html, "signatory-JP")
    assert founding.startswith("Japan 12 Jul 2023 no agreement recorded")
    denmark = text_of(html, "signatory-DK")
    assert denmark.startswith("Denmark date not reported; reported by Aug 2023 signed")
    assert "date unknown" in denmark  # its signing date
    assert "12 countries have already joined the G7 declaration" in denmark


def test_the_signatories_without_a_signed_agreement_are_named(client, seed):
    html = client.get(URL).content.decode()
    without = text_of(html, "without-signed-agreement")
    names = [
        "Belgium",
        "Czechia",
        "Iceland",
        "Ireland",
        "Japan",
        "Norway",
        "Portugal",
        "Romania",
        "Spain",
        "Sweden",
        "United States (negotiating)",
    ]
    assert without == " ".join(names)
    assert "Signatories without a signed agreement (11)" in page_text(client.get(URL))
    # Latvia signed an agreement but the sources do not list it as a signatory.
    assert text_of(html, "signed-not-signatories") == "Latvia"


def test_signing_an_agreement_takes_a_state_off_the_without_list(client, seed):
    Agreement.objects.filter(slug="ukraine-united-states").update(status="signed")
    html = client.get(URL).content.decode()
    assert "United States" not in text_of(html, "without-signed-agreement")


def test_the_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    countries = make_countries(30)
    make_declaration_with_signatories(countries)
    for country in countries[::3]:
        make_agreement_with_rounds(country, rounds=1)
    with django_assert_max_num_queries(6):
        response = client.get("/declarations/test-declaration/")
    html = response.content.decode()
    assert html.count('<tr id="signatory-') == 30
    assert text_of(html, "without-signed-agreement").count("(negotiating)") == 10


def test_an_unknown_declaration_is_not_found(client, seed):
    assert client.get("/declarations/g8/").status_code == 404
