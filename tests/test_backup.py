"""`make backup` writes the curated data with natural keys; loading it reproduces every fact."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command

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


def test_a_backup_restores_every_fact_and_citation_into_an_empty_database(seed, tmp_path):
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

    call_command("backup", output=output, stdout=io.StringIO())
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
