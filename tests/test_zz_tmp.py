import pytest
from agreements.models import Agreement, Country, Delegation, NegotiationRound
from agreements.views.timeline import TimelineView
from tests.html_text import outline, ids_of, text_of, items_of, rows_of, links, elements
from tests.factories import make_agreement_with_rounds, make_countries, make_declaration_with_signatories
pytestmark = pytest.mark.django_db
def test_x(client, seed):
    html = client.get("/en/timeline/?country=us").content.decode()
    print(items_of(html, "undated-events"), text_of(html, "result-count"))
    print([a for t, a in elements(html, "id_country") if "selected" in a])
    html = client.get("/en/timeline/?type=round&country=US").content.decode()
    print([a for t, a in elements(html) if a.get("name") == "type"])
def test_y(client):
    per_page = TimelineView.paginate_by
    (partner,) = make_countries(1)
    agreement = make_agreement_with_rounds(partner, rounds=per_page + 50, citations_per_round=1)
    NegotiationRound.objects.filter(number__gt=per_page + 40).update(date=None)
    second = client.get("/en/timeline/", {"page": 2}).content.decode()
    print(items_of(second, "undated-events")[:2])
    print(outline(second, "h2", "h3")[:5])
def test_z(client):
    countries = make_countries(30)
    make_declaration_with_signatories(countries)
    for country in countries:
        make_agreement_with_rounds(country, rounds=3)
    Delegation.objects.create(slug="team", name="Team", appointed_on="2024-01-08")
    response = client.get("/en/timeline/")
    print(text_of(response.content.decode(), "result-count"))
