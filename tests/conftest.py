import io

import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The curated seed data, loaded as `make run` loads it."""
    call_command("loaddata", "seed", verbosity=0)


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests render pages without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editors_group(db):
    """The Editors group, as `make run` sets it up."""
    from django.contrib.auth.models import Group

    call_command("setup_roles", verbosity=0)
    return Group.objects.get(name="Editors")


@pytest.fixture
def fast_password_hashing(settings):
    """Hashing passwords the production way takes most of a second: tests need no security."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(editors_group, monkeypatch, fast_password_hashing):
    """An editor created the documented way: `create_editor` with $EDITOR_PASSWORD."""
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("EDITOR_PASSWORD", "a long editor passphrase")
    call_command("create_editor", "olena", "--no-input", stdout=io.StringIO())
    return get_user_model().objects.get(username="olena")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
