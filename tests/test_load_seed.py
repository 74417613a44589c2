"""`make run` loads the seed fixtures into a new database, and never over an editor's work."""

import io

import pytest
from django.core.management import call_command

from agreements.models import Agreement, Citation

pytestmark = pytest.mark.django_db


def load_seed():
    out = io.StringIO()
    call_command("load_seed", stdout=out, verbosity=0)
    return out.getvalue()


def test_a_new_database_gets_the_seed_data():
    load_seed()
    assert Agreement.objects.count() == 10
    assert Agreement.objects.signed().count() == 9
    assert Citation.objects.count() > 50


def test_a_restart_keeps_an_editors_correction_and_says_why():
    load_seed()
    us = Agreement.objects.get(slug="ukraine-united-states")
    us.summary = "Corrected by an editor."
    us.save()
    citations = Citation.objects.count()

    message = load_seed()

    us.refresh_from_db()
    assert us.summary == "Corrected by an editor."
    assert Citation.objects.count() == citations
    assert "not loaded again, so no edit is overwritten" in message
