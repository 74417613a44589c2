import io
import os

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.utils import translation
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


def pytest_configure(config):
    """The Ukrainian pages need the compiled catalogue, also when pytest runs without make."""
    from tracker.translations import compile_catalogues

    compile_catalogues()


# name → [(INSERT statement, [values of each row])]: the app's tables as the first load into
# empty tables left them
_loaded = {}


def app_models():
    """The tracker's models, their edit history included, in dependency order."""
    return list(apps.get_app_config("agreements").get_models(include_auto_created=True))


def table_rows(model):
    """The INSERT statement that writes back the model's rows as they stand (ids included), and
    the values of each, made ready for the database once."""
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    rows = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
        for row in model._base_manager.order_by("pk")
    ]
    return insert, rows


def load_once(name, load):
    """`load()` into the tracker's tables, run for real by the first test that needs it.

    Loading the seed by natural keys took half a second and the public record several seconds
    (every row validated, its history written), for ~300 and ~1,700 rows. So when the tables are
    empty, later tests get the rows the first load left, ids, history and all, written back with
    one INSERT per table run for all its rows (then the id sequences moved past them, as
    loaddata does): `bulk_create` took a tenth of the fast suite preparing the same values again
    in every test. Tables that already hold rows get the real `load()`.
    """
    models = app_models()
    empty = not any(model._base_manager.exists() for model in models)
    if empty and name in _loaded:
        with connection.cursor() as cursor:
            for insert, rows in _loaded[name]:
                cursor.executemany(insert, rows)
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        return
    load()
    if empty:
        _loaded[name] = [table for table in map(table_rows, models) if table[1]]


def load_seed():
    call_command("loaddata", "seed", verbosity=0)


def load_seed_and_record():
    load_seed()
    call_command("load_record", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def seed(db, request):
    """The curated seed data, loaded as `make run` loads it (`loaddata seed`)."""
    if "record" in request.fixturenames:  # the record is loaded on top of the seed
        request.getfixturevalue("record")
    else:
        load_once("seed", load_seed)


@pytest.fixture
def record(db):
    """The seed, then the public record (`record/*.toml`) loaded on it by `load_record`."""
    load_once("record", load_seed_and_record)


@pytest.fixture
def united_states(db):
    """A G7 state with nothing else around it (no seed data)."""
    from agreements.models import Country

    return Country.objects.create(iso2="US", name="United States", is_g7=True)


@pytest.fixture
def us_agreement(seed):
    """The seed's agreement with the United States (under negotiation, three rounds)."""
    from agreements.models import Agreement

    return Agreement.objects.get(slug="ukraine-united-states")


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests render pages without running collectstatic first, and serve no collected files.

    Whitenoise reads every file under STATIC_ROOT when a test client starts its middleware, once
    per test: once `make run` (or a slow test) has collected the 500 files, that was a tenth of
    the fast suite's time. The tests that fetch static files run gunicorn (tests/test_load.py,
    tests/test_proxy.py) with the real settings.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None


@pytest.fixture
def editors_group(db):
    """The Editors group, as `make run` sets it up."""
    from django.contrib.auth.models import Group

    call_command("setup_roles", verbosity=0)
    return Group.objects.get(name="Editors")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A request leaves its language active in the
    thread (LocaleMiddleware activates, nothing deactivates), and a streamed export's rows are
    written under its language after the view has returned."""
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing passwords the production way takes most of a second (pytest-django's `admin_user`
    alone cost 0.25 s a test): tests need no security."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(editors_group, monkeypatch):
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
