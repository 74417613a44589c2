"""An editor marks agreements signed in one step: a date and the quote that reports it."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from agreements.models import Agreement, AgreementStatus, Country, Source
from tests.admin_pages import form_data

pytestmark = pytest.mark.django_db

REPORT = "Ukraine and Poland signed a bilateral security agreement on 8 July 2024 in Warsaw."


@pytest.fixture
def poland(seed):
    country = Country.objects.create(iso2="PL", name="Poland")
    return Agreement.objects.create(
        slug="ukraine-poland",
        partner=country,
        title="Ukraine–Poland",
        negotiations_started_on="2024-05",
    )


@pytest.fixture
def report(seed):
    return Source.objects.create(
        slug="poland-signing", title="Poland signs", published_on="2024-07", text=REPORT
    )


def choose_action(client, *agreements):
    return client.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": "mark_signed", ACTION_CHECKBOX_NAME: [a.pk for a in agreements]},
    )


def test_mark_signed_asks_for_date_and_quote_then_records_both(editor_client, poland, report):
    page = choose_action(editor_client, poland)
    assert page.status_code == 200
    assert "Ukraine–Poland" in page.text

    data = form_data(page, "mark-signed-form") | {
        "signed_on": "2024-07-08",
        "source": str(report.pk),
        "quote": "Ukraine and Poland signed a bilateral security agreement on 8 July 2024",
        "apply": "Mark signed",
    }
    response = editor_client.post(reverse("admin:agreements_agreement_changelist"), data)
    assert response.status_code == 302

    poland.refresh_from_db()
    assert poland.status == AgreementStatus.SIGNED
    assert poland.signed_on.iso == "2024-07-08"
    assert poland.citations.get().source == report
    assert poland.history.first().history_user.username == "olena"


def test_mark_signed_refuses_a_quote_not_in_the_source_and_keeps_the_agreement(
    editor_client, poland, report
):
    data = form_data(choose_action(editor_client, poland), "mark-signed-form") | {
        "signed_on": "2024-07-08",
        "source": str(report.pk),
        "quote": "Poland signed in Kyiv.",
        "apply": "Mark signed",
    }
    response = editor_client.post(reverse("admin:agreements_agreement_changelist"), data)
    assert response.status_code == 200
    assert "This quote does not occur in the source" in response.text
    poland.refresh_from_db()
    assert poland.status == AgreementStatus.NEGOTIATING
    assert not poland.citations.exists()


def test_mark_signed_refuses_a_date_before_the_negotiations_or_in_the_future(
    editor_client, poland, report
):
    for date, message in [
        ("2024-04", "Ukraine–Poland: Signed before negotiations started (May 2024)."),
        ("2999", "2999 is in the future."),
        ("", "This field is required."),
    ]:
        data = form_data(choose_action(editor_client, poland), "mark-signed-form") | {
            "signed_on": date,
            "source": str(report.pk),
            "quote": "Ukraine and Poland signed",
            "apply": "Mark signed",
        }
        response = editor_client.post(reverse("admin:agreements_agreement_changelist"), data)
        assert response.status_code == 200
        assert message in response.context["form"].errors.as_text().replace("* ", "")
    poland.refresh_from_db()
    assert poland.status == AgreementStatus.NEGOTIATING


def test_already_signed_agreements_are_left_alone(editor_client, seed):
    uk = Agreement.objects.get(slug="ukraine-united-kingdom")
    response = choose_action(editor_client, uk)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Already signed, left as they are: " + str(uk)]


def test_mark_signed_finds_the_source_by_search_not_in_a_list_of_every_source(
    editor_client, poland, report
):
    Source.objects.bulk_create(
        Source(slug=f"other-{i}", title=f"Unrelated article {i}", text="Nothing.")
        for i in range(30)
    )
    page = choose_action(editor_client, poland)
    assert page.text.count("<option") <= 1  # the empty choice only
    assert "Unrelated article" not in page.text
    assert 'class="admin-autocomplete' in page.text
    assert "admin/js/autocomplete.js" in page.text

    # What the widget asks as the editor types: the source is found by its title.
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Poland",
            "app_label": "agreements",
            "model_name": "citation",
            "field_name": "source",
        },
    ).json()
    assert [result["id"] for result in found["results"]] == [str(report.pk)]

    # A refused form shows the chosen source again.
    data = form_data(page, "mark-signed-form") | {
        "signed_on": "2999",
        "source": str(report.pk),
        "quote": "Ukraine and Poland signed",
        "apply": "Mark signed",
    }
    again = editor_client.post(reverse("admin:agreements_agreement_changelist"), data)
    assert f'<option value="{report.pk}" selected>{report}</option>' in again.text
