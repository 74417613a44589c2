"""Production hardening: security headers, admin login throttling, admin path, readiness."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from agreements.models import Agreement
from tests.html_text import elements, text_of

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_allowing_only_the_sites_own_files(client, seed):
    response = client.get("/en/")
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_admin_and_our_pages_use_no_inline_script_or_style(admin_client, seed):
    """The policy forbids inline code, so no page may rely on it."""
    agreement = Agreement.objects.get(partner__iso2="US")
    urls = [
        "/en/",
        reverse("admin:index"),
        reverse("admin:agreements_agreement_changelist"),
        reverse("admin:agreements_agreement_change", args=[agreement.pk]),
        reverse("admin:agreements_citation_add"),
    ]
    for url in urls:
        page = elements(admin_client.get(url).content.decode())
        inline_scripts = [
            attrs
            for tag, attrs in page
            if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json"
        ]
        assert inline_scripts == [], url
        assert [tag for tag, attrs in page if tag == "style" or "style" in attrs] == [], url
        handlers = [name for _, attrs in page for name in attrs if name.startswith("on")]
        assert handlers == [], url


def login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="203.0.113.7",
    )


def test_an_editor_logs_in_to_the_admin_with_the_right_password(client):
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    response = login(client, "correct horse battery")
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_password_guessing_is_locked_out_after_five_failures(client, settings):
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    locked = login(client, "guess")
    assert locked.status_code == 429
    assert text_of(locked.content.decode(), "main").startswith(
        "Login paused After 5 failed logins as “editor” from this address, logins from here are "
        "paused for 60 minutes from the last attempt."
    )
    assert f'href="{reverse("admin:login")}"' in locked.content.decode()
    # Locked out: even the right password is refused now, and nobody is logged in.
    assert login(client, "correct horse battery").status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302


def test_code_and_tests_can_still_authenticate_without_a_request(client):
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    assert client.login(username="editor", password="correct horse battery")
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.slow  # a Python subprocess that starts Django: about a second
def test_the_admin_path_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SECRET_KEY="x", DJANGO_SECURE_SSL="0", DJANGO_ADMIN_URL="/back-office-7f3/")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse;"
            "print(reverse('admin:index'))",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "/back-office-7f3/", result.stderr


def test_readiness_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.slow  # a Python subprocess that starts Django: about a second
@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////nonexistent-directory/tracker.sqlite3",  # the file cannot be opened
        "postgres://postgres@127.0.0.1:1/tracker",  # nothing listens on port 1
    ],
)
def test_readiness_reports_an_unreachable_database_with_503(database_url):
    """A real server process whose database cannot be reached answers 503, not 500."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DJANGO_SECRET_KEY="x",
        DJANGO_SECURE_SSL="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url,
    )
    script = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.startswith('503 {"database": "unavailable"'), result.stderr


def attempt(client, username, password, **meta):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **{"REMOTE_ADDR": "203.0.113.7", **meta},
    )


def test_one_address_guessing_across_user_names_is_locked_out(client, settings):
    for name in ["anna", "bohdan", "daria", "ivan", "olena", "petro"]:
        User.objects.create_user(name, password="correct horse battery", is_staff=True)
    statuses = [
        attempt(client, name, guess).status_code
        for name in ["anna", "bohdan", "daria"]
        for guess in ["guess one", "guess two"]
    ]
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert attempt(client, "olena", "correct horse battery").status_code == 429
    other_address = attempt(client, "petro", "correct horse battery", REMOTE_ADDR="198.51.100.2")
    assert other_address.status_code == 302


def test_a_rotating_forwarded_address_does_not_escape_the_user_name_lock(client, settings):
    settings.PROXY_COUNT = 1
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    statuses = [
        attempt(client, "editor", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(1, 8)
    ]
    assert statuses == [200, 200, 200, 200, 429, 429, 429]
    right = attempt(client, "editor", "correct horse battery", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert right.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302
