"""Create a staff user in the Editors group (or update an existing one)."""

import os
from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import Truncator

from .setup_roles import setup_editors_group

PASSWORD_VARIABLE = "EDITOR_PASSWORD"
ATTEMPTS = 3


class Command(BaseCommand):
    help = (
        "Create a staff user in the Editors group, or make an existing user one. The password "
        f"is read from ${PASSWORD_VARIABLE}, or asked for interactively."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Never prompt: take the password from ${PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username, email, interactive, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        if email:
            user.email = email
        self.check_user(user)
        password = self.read_password(user, interactive)
        with transaction.atomic():
            created = user.pk is None
            user.is_staff = True
            user.set_password(password)
            user.save()
            group, _ = setup_editors_group()
            user.groups.add(group)
        self.stdout.write(f"{'Created' if created else 'Updated'} editor {username}.")

    def check_user(self, user):
        """Refuse a user name or email the user model does not accept, before anything is
        asked or stored (the database would take it, or fail with a raw error)."""
        try:
            user.clean_fields(exclude=["password"])
        except ValidationError as error:
            problems = []
            for field, messages in error.message_dict.items():
                label = user._meta.get_field(field).verbose_name
                value = Truncator(getattr(user, field)).chars(40)
                problems.append(f"{label} “{value}”: {' '.join(messages)}")
            raise CommandError(
                "Refused, nothing was created or changed: " + " ".join(problems)
            ) from None

    def read_password(self, user, interactive):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is not None:
            problems = password_problems(password, user)
            if problems:
                raise CommandError(f"Password refused, nothing was changed: {problems}")
            return password
        if not interactive:
            raise CommandError(f"Set ${PASSWORD_VARIABLE}, or run without --no-input.")
        # As createsuperuser does: a mistyped or weak password is asked for again.
        for _ in range(ATTEMPTS):
            password = getpass("Password: ")
            if password != getpass("Password (again): "):
                problem = "The passwords do not match."
            else:
                problem = password_problems(password, user)
                if not problem:
                    return password
            self.stderr.write(f"{problem} Try again.")
        raise CommandError(f"{problem} Nothing was changed after {ATTEMPTS} attempts.")


def password_problems(password, user):
    """Why Django's password validators refuse `password`, or "" when they accept it."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""
