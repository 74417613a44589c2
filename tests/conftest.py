import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Fuzz tests: few examples by default so the suite stays fast; HYPOTHESIS_PROFILE=deep for more.
# The test client and database fixtures are safe to share between examples (GET requests only).
for name, examples in {"fast": 15, "deep": 500}.items():
    hypothesis_settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


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


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test starts with an empty in-process cache, so query counts are the views' own.

    (The database cache table used in production is not rolled back by transactional tests.)
    """
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
