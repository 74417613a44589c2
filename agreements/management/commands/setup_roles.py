"""Create or update the Editors group and its permissions; safe to run any number of times."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

EDITORS = "Editors"

# What editors may do, per model. Deleting countries, sources, agreements, people, declarations
# and delegations is left to superusers; editors may remove a wrong citation, round or
# signatory row, which they edit inside other pages.
EDITOR_PERMISSIONS = {
    "agreements.country": ("view", "add", "change"),
    "agreements.person": ("view", "add", "change"),
    "agreements.source": ("view", "add", "change"),
    "agreements.citation": ("view", "add", "change", "delete"),
    "agreements.agreement": ("view", "add", "change"),
    "agreements.negotiationround": ("view", "add", "change", "delete"),
    "agreements.declaration": ("view", "add", "change"),
    "agreements.declarationsignatory": ("view", "add", "change", "delete"),
    "agreements.delegation": ("view", "add", "change"),
    "agreements.agreementsignatory": ("view", "add", "change", "delete"),
    "agreements.pledge": ("view", "add", "change", "delete"),
    "agreements.participantcount": ("view", "add", "change", "delete"),
    # The review queue of imported candidate facts: accepting or rejecting is a change.
    "agreements.candidatefact": ("view", "change"),
}


def editor_permissions():
    """The Permission rows of EDITOR_PERMISSIONS; fails loudly if one is missing."""
    wanted = {
        (label.split(".")[0], f"{action}_{label.split('.')[1]}")
        for label, actions in EDITOR_PERMISSIONS.items()
        for action in actions
    }
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(
            codename__in={codename for _, codename in wanted}
        ).select_related("content_type")
    }
    missing = sorted(wanted - found.keys())
    if missing:
        raise CommandError(f"Permissions missing (run migrate first): {missing}")
    return [found[key] for key in sorted(wanted)]


def setup_editors_group():
    group, created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(editor_permissions())
    return group, created


class Command(BaseCommand):
    help = "Create or update the Editors group with exactly the editors' permissions."

    def handle(self, *args, **options):
        group, created = setup_editors_group()
        if options["verbosity"]:
            self.stdout.write(
                f"{'Created' if created else 'Updated'} the {group.name} group "
                f"({group.permissions.count()} permissions)."
            )
