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
