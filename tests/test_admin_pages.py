"""Every admin page an editor opens renders, with partial dates as one text input."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement, AgreementSignatory, CandidateFact, ParticipantCount, Pledge
from tests.admin_pages import form_data
from tests.factories import make_contents

pytestmark = pytest.mark.django_db

MODELS = [
    model
    for model in apps.get_app_config("agreements").get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_add_change_and_history_page_renders_for_an_editor(
    editor_client, seed, model, tmp_path
):
    name = model._meta.model_name
    if model is CandidateFact:  # candidates exist once an article is imported
        article = tmp_path / "poland.txt"
        article.write_text("date 2024-07 Ukraine and Poland signed a security agreement on July 8.")
        call_command("import_article", str(article), verbosity=0)
    if model in (AgreementSignatory, Pledge, ParticipantCount):
        make_contents(Agreement.objects.get(slug="ukraine-united-kingdom"))
    row = model.objects.first()
    add_urls = [] if model is CandidateFact else [reverse(f"admin:agreements_{name}_add")]
    for url in [
        *add_urls,
        reverse(f"admin:agreements_{name}_change", args=[row.pk]),
        reverse(f"admin:agreements_{name}_history", args=[row.pk]),
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_the_agreement_page_proposes_the_next_round_number(editor_client, seed):
    us = Agreement.objects.get(slug="ukraine-united-states")
    page = editor_client.get(reverse("admin:agreements_agreement_change", args=[us.pk]))
    data = form_data(page, "agreement_form")
    numbers = [data[f"rounds-{i}-number"] for i in range(int(data["rounds-TOTAL_FORMS"]))]
    assert numbers == ["1", "2", "3", "4"]
    assert data["rounds-3-loaded_version"] == ""  # a new row has no version yet
    assert data["rounds-0-loaded_version"] == str(us.rounds.get(number=1).version)
    assert data["loaded_version"] == str(us.version)


def test_partial_dates_are_one_text_input_with_the_formats_explained(editor_client, seed):
    page = editor_client.get(reverse("admin:agreements_agreement_add"))
    for field in ["negotiations_started_on", "signed_on", "in_force_on", "ended_on"]:
        assert f'<input type="text" name="{field}"' in page.text
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in page.text


def test_the_admin_carries_the_sites_name(editor_client):
    login = Client().get(reverse("admin:login")).content.decode()
    assert "Django administration" not in login
    assert '<a href="/admin/">Ukraine Security Agreements Tracker: editors</a>' in login
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "<title>Curate the record | Tracker editors</title>" in index
    assert '<link rel="stylesheet" href="/static/css/admin.css">' in index
