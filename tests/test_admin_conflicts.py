"""Two editors edit the same row: the second save is stopped and shown what the first changed."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement, EditConflict, NegotiationRound
from tests.admin_pages import errors_of, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(editor):
    bohdan = get_user_model().objects.create_user("bohdan", password="x" * 20, is_staff=True)
    bohdan.groups.set(editor.groups.all())
    client = Client()
    client.force_login(bohdan)
    return client


@pytest.fixture
def us(seed):
    call_command("baseline_history", verbosity=0)
    return Agreement.objects.get(slug="ukraine-united-states")


def test_the_second_of_two_saves_is_refused_with_what_the_first_changed(
    editor_client, second_editor, us
):
    url = reverse("admin:agreements_agreement_change", args=[us.pk])
    olena = form_data(editor_client.get(url), "agreement_form")
    bohdan = form_data(second_editor.get(url), "agreement_form")

    olena["summary"] = "Talks continue after the third round."
    assert editor_client.post(url, olena).status_code == 302

    loaded_version = us.version
    bohdan["title"] = "Ukraine–US security agreement"
    response = second_editor.post(url, bohdan)
    assert response.status_code == 200
    message = " ".join(errors_of(response))
    assert "Another editor saved this agreement after you opened it (olena" in message
    assert "They changed summary empty" in message  # the seed agreement has no summary
    assert "→ “Talks continue after the third round.”" in message
    assert "Nothing of yours has been saved yet" in message
    # His input is still in the form; her save is intact.
    assert 'value="Ukraine–US security agreement"' in response.text
    us.refresh_from_db()
    assert us.summary == "Talks continue after the third round."
    assert us.title != "Ukraine–US security agreement"

    # Having seen her change, he saves again on purpose: now his version wins.
    again = form_data(response, "agreement_form")
    assert second_editor.post(url, again).status_code == 302
    us.refresh_from_db()
    assert us.title == "Ukraine–US security agreement"
    assert us.version == loaded_version + 2  # her save and his


def test_a_conflicting_round_edit_in_the_agreement_inline_is_refused(
    editor_client, second_editor, us
):
    url = reverse("admin:agreements_agreement_change", args=[us.pk])
    olena = form_data(editor_client.get(url), "agreement_form")
    bohdan = form_data(second_editor.get(url), "agreement_form")

    first_round_version = us.rounds.get(number=1).version
    olena["rounds-2-place"] = "Kyiv"
    assert editor_client.post(url, olena).status_code == 302
    bohdan["rounds-2-place"] = "Washington"
    response = second_editor.post(url, bohdan)

    message = " ".join(errors_of(response))
    assert message.count("saved this negotiation round after you opened it") == 1
    assert "place empty → “Kyiv”" in message
    assert us.rounds.get(number=3).place == "Kyiv"
    # Only the round she changed was saved: the others keep their version.
    assert us.rounds.get(number=1).version == first_round_version


def test_without_a_recorded_earlier_version_the_message_compares_values(
    editor_client, second_editor, seed
):
    NegotiationRound.history.all().delete()
    round_3 = NegotiationRound.objects.get(agreement__slug="ukraine-united-states", number=3)
    url = reverse("admin:agreements_negotiationround_change", args=[round_3.pk])
    olena = form_data(editor_client.get(url), "negotiationround_form")
    bohdan = form_data(second_editor.get(url), "negotiationround_form")
    NegotiationRound.history.all().delete()

    olena["place"] = "Kyiv"
    assert editor_client.post(url, olena).status_code == 302
    NegotiationRound.history.all().delete()  # e.g. a row restored from a backup
    bohdan["place"] = "Washington"
    message = " ".join(errors_of(second_editor.post(url, bohdan)))
    assert "Their saved values that differ from yours: Place is “Kyiv” (yours: “Washington”)" in (
        message
    )


def test_a_save_between_validation_and_saving_cannot_overwrite(editor, us, rf):
    """The compare-and-swap on `version`: a stale copy is never written."""
    request = rf.post("/")
    request.user = editor
    form_class = admin.site._registry[Agreement].get_form(request, us)
    data = {
        **form_class(instance=us).initial,
        "loaded_version": str(us.version),
        "partner": us.partner_id,
        "negotiations_started_on": "2023-08-03",
        "summary": "Mine",
    }
    form = form_class(data, instance=Agreement.objects.get(pk=us.pk))
    assert form.is_valid(), form.errors

    theirs = Agreement.objects.get(pk=us.pk)
    theirs.summary = "Theirs"
    theirs.save()

    with pytest.raises(EditConflict):
        form.save()
    us.refresh_from_db()
    assert us.summary == "Theirs"


def test_every_save_raises_the_version_and_a_stale_copy_is_refused(us):
    first, stale = Agreement.objects.get(pk=us.pk), Agreement.objects.get(pk=us.pk)
    first.summary = "First"
    first.save()
    first.save(update_fields=["summary"])
    assert Agreement.objects.get(pk=us.pk).version == first.version == us.version + 2

    stale.summary = "Stale"
    with pytest.raises(EditConflict):
        stale.save()
    assert stale.version == us.version
    assert Agreement.objects.get(pk=us.pk).summary == "First"


def test_reverting_to_an_earlier_version_from_the_history_page_is_no_conflict(editor_client, us):
    url = reverse("admin:agreements_agreement_change", args=[us.pk])
    data = form_data(editor_client.get(url), "agreement_form")
    data["summary"] = "A mistake"
    assert editor_client.post(url, data).status_code == 302

    baseline = us.history.earliest("history_date")
    revert_url = reverse("admin:agreements_agreement_simple_history", args=[us.pk, baseline.pk])
    data = form_data(editor_client.get(revert_url), "historicalagreement_form")
    assert editor_client.post(revert_url, data).status_code == 302
    us.refresh_from_db()
    assert us.summary == baseline.summary


def test_a_save_in_between_that_changed_nothing_is_no_conflict(editor_client, second_editor, us):
    url = reverse("admin:agreements_agreement_change", args=[us.pk])
    olena = form_data(editor_client.get(url), "agreement_form")
    bohdan = form_data(second_editor.get(url), "agreement_form")
    assert editor_client.post(url, olena).status_code == 302  # saved without changes

    bohdan["title"] = "Ukraine–US security agreement"
    assert second_editor.post(url, bohdan).status_code == 302
    assert Agreement.objects.get(pk=us.pk).title == "Ukraine–US security agreement"
