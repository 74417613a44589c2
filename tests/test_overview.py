"""An analyst opens the front page and sees every agreement from the seed data."""

import pytest

from agreements.models import Agreement, Country, NegotiationRound

pytestmark = pytest.mark.django_db


def test_the_front_page_lists_the_seed_agreements(client, seed):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for partner in ["United States", "United Kingdom", "Latvia", "Netherlands"]:
        assert partner in html
    assert html.count('class="status status-signed"') == 9
    assert html.count('class="status status-negotiating"') == 1
    assert "10 agreements tracked" in html
    us_row = html[html.index("United States") :].split("</tr>")[0]
    assert "<td>3</td>" in us_row  # three rounds


def test_the_front_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for i in range(30):
        country = Country.objects.create(
            iso2=f"{chr(65 + i // 26)}{chr(65 + i % 26)}", name=f"C{i}"
        )
        agreement = Agreement.objects.create(slug=f"a{i}", partner=country, title=f"A{i}")
        NegotiationRound.objects.bulk_create(
            NegotiationRound(agreement=agreement, number=n) for n in range(1, 4)
        )
    with django_assert_max_num_queries(2):
        response = client.get("/")
    assert response.content.decode().count("<tr>") == 31
