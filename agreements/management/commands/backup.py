"""Back up everything needed to carry on after a restore, with the rows' own ids.

Kept: every table of the tracker — facts, sources, citations, countries, people, the review
queue of imported candidates, and the edit history of each — and the accounts that edit it
(users, groups and their memberships and permissions) with the admin's log of actions. Rows keep
their database ids, so `/sources/<id>/` and `#quote-<id>` links, the history and the review queue
point where they did. Left out, as `migrate` or a new login makes them again: content types and
permissions (named by natural key in the rows that refer to them), sessions, login attempts
(django-axes) and the page cache.

`--curated` writes the older, narrower backup: the curated rows only, named by natural keys
without ids, to be merged into another database (`loaddata` updates rows by natural key).
"""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

# Serialized with natural foreign keys: they refer to permissions and content types, whose ids
# differ between databases.
ACCOUNT_MODELS = ("auth.Group", "auth.User", "admin.LogEntry")


def tracker_models():
    """Every model of the tracker app, history tables and review queue included (any added later
    too), in an order that loads."""
    return serializers.sort_dependencies(
        [("agreements", apps.get_app_config("agreements").get_models())]
    )


def kept_models():
    """What a full backup holds, as the README lists it."""
    return [*map(apps.get_model, ACCOUNT_MODELS), *tracker_models()]


def curated_models_left_out():
    """For `--curated`: the history tables and the review queue (working state naming users)."""
    return [
        f"agreements.{model.__name__}"
        for model in apps.get_app_config("agreements").get_models()
        if model.__name__.startswith("Historical")
    ] + ["agreements.CandidateFact"]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder cuts them to milliseconds), so that a restored
    edit history is the one backed up, in the same order."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def rows(models, *, natural_foreign_keys):
    for model in models:
        yield from serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            use_natural_foreign_keys=natural_foreign_keys,
        )


def full_backup():
    """Every kept row with its id, as `loaddata` reads it."""
    accounts = [apps.get_model(label) for label in ACCOUNT_MODELS]
    return [
        *rows(accounts[:2], natural_foreign_keys=True),
        # Plain ids: history rows may name facts deleted since, which have no natural key.
        *rows(tracker_models(), natural_foreign_keys=False),
        *rows(accounts[2:], natural_foreign_keys=True),  # the log names users by username
    ]


class Command(BaseCommand):
    help = (
        "Write every row of the tracker (facts, sources, citations, review queue, edit history) "
        "and its users, groups and admin log, with their ids, to backups/tracker-<time>.json, or "
        "to --output; --curated: only the curated rows, by natural keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path)
        parser.add_argument(
            "--curated",
            action="store_true",
            help="Only facts, citations, sources, countries and people, by natural keys.",
        )

    def handle(self, *args, output, curated, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            name = f"agreements-{stamp}.json" if curated else f"tracker-{stamp}.json"
            output = Path(settings.BASE_DIR) / "backups" / name
        output.parent.mkdir(parents=True, exist_ok=True)
        if curated:
            call_command(
                "dumpdata",
                "agreements",
                exclude=curated_models_left_out(),
                natural_foreign=True,
                natural_primary=True,
                indent=1,
                output=str(output),
                verbosity=0,
            )
        else:
            # Written beside the target first: a failed backup never leaves half a file.
            partial = output.with_name(output.name + ".partial")
            with partial.open("w", encoding="utf-8") as stream:
                json.dump(full_backup(), stream, cls=ExactJSONEncoder, indent=1)
            partial.replace(output)
        self.stdout.write(f"Backup written to {output}")
