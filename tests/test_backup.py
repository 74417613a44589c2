"""`make backup` keeps what is needed to carry on after a restore; `--curated` the facts alone."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command

from agreements.management.commands.backup import kept_models
from agreements.models import (
    Agreement,
    CandidateFact,
    CandidateKind,
    CandidateStatus,
    Citation,
    NegotiationRound,
    Source,
)

# Transactional: `flush` empties every table for real, as a fresh database would be.
pytestmark = pytest.mark.django_db(transaction=True)

FACT_MODELS = [m for m in apps.get_app_config("agreements").get_models() if hasattr(m, "history")]


def snapshot():
    """Every row of every curated model with every field, named by natural keys (no ids)."""
    return {
        model._meta.label: sorted(
            json.dumps(row, sort_keys=True, default=str)
            for row in serializers.serialize(
                "python",
                model._default_manager.all(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        )
        for model in FACT_MODELS
    }


def test_a_curated_backup_restores_every_fact_and_citation_into_an_empty_database(seed, tmp_path):
    # Some curation first, so the backup holds more than the seed: a cited fourth round.
    us = Agreement.objects.get(slug="ukraine-united-states")
    us.summary = "Edited after the seed."
    us.save()
    source = Source.objects.create(
        slug="round-4", title="Round 4", published_on="2024-05", text="The fourth round was held."
    )
    round_4 = NegotiationRound.objects.create(agreement=us, number=4, date="2024-05")
    Citation.objects.create(source=source, quote="The fourth round was held.", round=round_4)
    # An editor reviewed an imported candidate: the queue names her account, which a backup of
    # curated data leaves out, and so it leaves out the queue too.
    editor = get_user_model().objects.create_user("olena")
    CandidateFact.objects.create(
        source=source,
        position=1,
        kind=CandidateKind.ROUND,
        target="ukraine-united-states #4",
        values={"number": 4},
        quote="The fourth round was held.",
        status=CandidateStatus.ACCEPTED,
        reviewed_by=editor,
    )
    before = snapshot()
    output = tmp_path / "backup.json"

    call_command("backup", output=output, curated=True, stdout=io.StringIO())
    dump = json.loads(output.read_text())
    assert {row["model"] for row in dump} >= {
        "agreements.agreement",
        "agreements.citation",
        "agreements.negotiationround",
    }
    assert not any(row["model"].startswith("agreements.historical") for row in dump)
    assert not any(row["model"] == "agreements.candidatefact" for row in dump)
    assert all("pk" not in row for row in dump)  # natural keys only, no database ids

    call_command("flush", interactive=False, verbosity=0)
    assert not Agreement.objects.exists() and not Citation.objects.exists()
    call_command("loaddata", str(output), verbosity=0)

    after = snapshot()
    assert after == before
    restored = Agreement.objects.get(slug="ukraine-united-states")
    assert (restored.summary, restored.version) == ("Edited after the seed.", us.version)
    round_4 = restored.rounds.get(number=4)
    assert round_4.date.iso == "2024-05"
    assert round_4.citations.get().quote == "The fourth round was held."
    assert Citation.objects.count() == len(before["agreements.Citation"]) > 50


def every_kept_row():
    """Every row of every table a full backup keeps (README, Editors), with its id and every
    field; permissions and content types by natural key, as migrate numbers them anew."""
    return {
        model._meta.label: [
            json.dumps(row, sort_keys=True, default=str)
            for row in serializers.serialize(
                "python",
                model._default_manager.order_by("pk"),
                use_natural_foreign_keys=model._meta.app_label != "agreements",
            )
        ]
        for model in kept_models()
    }


@pytest.fixture
def working_tracker(seed, client):
    """A tracker in use: edits with history, a pending candidate, an editor, an admin log."""
    call_command("baseline_history", verbosity=0)
    call_command("setup_roles", verbosity=0)
    editor = get_user_model().objects.create_user("olena", password="x" * 20, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    us = Agreement.objects.get(slug="ukraine-united-states")
    us.summary = "Edited after the seed."
    us._history_user = editor
    us.save()
    source = Source.objects.create(
        slug="round-4", title="Round 4", published_on="2024-05", text="The fourth round was held."
    )
    CandidateFact.objects.create(
        source=source,
        position=1,
        kind=CandidateKind.ROUND,
        target="ukraine-united-states #4",
        values={"number": 4},
        quote="The fourth round was held.",
    )
    NegotiationRound.objects.filter(agreement=us, number=2).delete()  # history of a deleted row
    LogEntry.objects.log_actions(editor.pk, [us], CHANGE, change_message="Edited.")
    return us


@pytest.mark.usefixtures("fast_password_hashing")
def test_a_restore_keeps_every_table_ids_urls_and_feed_ids(working_tracker, client, tmp_path):
    citation = Citation.objects.order_by("-pk").first()
    source_page = client.get(citation.source.get_absolute_url()).content
    feed = client.get("/en/feeds/updates/").content
    before = every_kept_row()
    output = tmp_path / "backup.json"
    call_command("backup", output=output, stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    assert not Agreement.objects.exists() and not get_user_model().objects.exists()
    call_command("loaddata", str(output), verbosity=0)

    assert every_kept_row() == before
    assert client.get(citation.source.get_absolute_url()).content == source_page
    assert f'id="quote-{citation.pk}"'.encode() in source_page
    assert client.get("/en/feeds/updates/").content == feed
    # Carrying on: the editor logs in, the pending candidate is still in the queue, new rows get
    # new ids (the sequences follow the restored ids).
    assert client.login(username="olena", password="x" * 20)
    assert CandidateFact.objects.pending().count() == 1
    new = Source.objects.create(slug="after", title="After", text="Later.")
    assert new.pk > max(Source.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_a_full_backup_holds_every_tracker_table_and_the_accounts():
    labels = {model._meta.label for model in kept_models()}
    tracker = {model._meta.label for model in apps.get_app_config("agreements").get_models()}
    assert labels == tracker | {"auth.Group", "auth.User", "admin.LogEntry"}
    assert {"agreements.HistoricalCitation", "agreements.CandidateFact"} <= labels
