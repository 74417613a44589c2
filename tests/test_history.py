"""Every change is recorded with who, when and the old and new values, on each history page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from agreements.models import Agreement, NegotiationRound
from tests.admin_pages import form_data
from tests.html_text import text_of

pytestmark = pytest.mark.django_db


def test_the_history_page_shows_who_changed_what_from_and_to(editor_client, seed):
    call_command("baseline_history", verbosity=0)
    round_3 = NegotiationRound.objects.get(agreement__slug="ukraine-united-states", number=3)
    url = reverse("admin:agreements_negotiationround_change", args=[round_3.pk])
    data = form_data(editor_client.get(url), "negotiationround_form")
    data.update(date="2024-05", place="Kyiv")
    assert editor_client.post(url, data).status_code == 302

    page = editor_client.get(
        reverse("admin:agreements_negotiationround_history", args=[round_3.pk])
    )
    changes = text_of(page.text, "change-history")
    # The newest record: version, time, "Changed", by olena, no reason, then the changes.
    assert "Changed olena None Date: 2024 → May 2024 Place: → Kyiv" in changes
    latest = round_3.history.first()
    assert (latest.history_user.username, latest.version) == ("olena", round_3.version + 1)


def test_baseline_history_records_each_unrecorded_row_once(seed):
    assert not Agreement.history.exists()  # loaddata records no history
    call_command("baseline_history", verbosity=0)
    call_command("baseline_history", verbosity=0)
    assert Agreement.history.count() == Agreement.objects.count()
    assert NegotiationRound.history.count() == NegotiationRound.objects.count()
