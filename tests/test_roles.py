"""Who may curate: editors edit facts, only superusers delete the core rows, others stay out."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from agreements.management.commands import create_editor
from agreements.models import Agreement, Citation, Country, Source
from tests.admin_pages import form_data

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_setup_roles_can_run_again_and_restores_the_editors_permissions(editors_group):
    editors_group.permissions.clear()
    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)

    assert Group.objects.filter(name="Editors").count() == 1
    codenames = set(editors_group.permissions.values_list("codename", flat=True))
    for model in ["country", "person", "source", "citation", "agreement", "negotiationround"]:
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= codenames
    assert {"view_declaration", "change_declarationsignatory", "add_delegation"} <= codenames
    assert not {"delete_country", "delete_source", "delete_agreement"} & codenames
    assert {"delete_citation", "delete_negotiationround"} <= codenames


def test_create_editor_takes_the_password_from_the_environment(editors_group, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "another long passphrase")
    call_command("create_editor", "taras", "--no-input", stdout=io.StringIO())

    taras = User.objects.get(username="taras")
    assert taras.is_staff and not taras.is_superuser
    assert taras.check_password("another long passphrase")
    assert taras.has_perm("agreements.change_agreement")
    assert not taras.has_perm("agreements.delete_agreement")


def test_create_editor_asks_for_the_password_twice(editors_group, monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    answers = iter(["a long typed passphrase", "a long typed passphrase"])
    monkeypatch.setattr(create_editor, "getpass", lambda prompt: next(answers))
    call_command("create_editor", "iryna", stdout=io.StringIO())
    assert User.objects.get(username="iryna").check_password("a long typed passphrase")

    answers = iter(["a long typed passphrase", "a different one"])
    with pytest.raises(CommandError, match="do not match"):
        call_command("create_editor", "mykola", stdout=io.StringIO())
    assert not User.objects.filter(username="mykola").exists()


def test_create_editor_refuses_a_weak_password_or_a_missing_one(editors_group, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("create_editor", "weak", "--no-input", stdout=io.StringIO())
    monkeypatch.delenv("EDITOR_PASSWORD")
    with pytest.raises(CommandError, match="EDITOR_PASSWORD"):
        call_command("create_editor", "weak", "--no-input", stdout=io.StringIO())
    assert not User.objects.filter(username="weak").exists()


@pytest.mark.parametrize(
    ("username", "email", "message"),
    [
        ("", "", "username “”: This field cannot be blank."),
        ("bad name/<x>", "", "Enter a valid username"),
        ("x" * 200, "", "Ensure this value has at most 150 characters (it has 200)."),
        ("fine", "not an address", "email address “not an address”: Enter a valid email"),
    ],
)
def test_create_editor_refuses_a_bad_username_or_email_and_creates_nobody(
    editors_group, monkeypatch, username, email, message
):
    monkeypatch.setenv("EDITOR_PASSWORD", "another long passphrase")
    before = User.objects.count()
    with pytest.raises(CommandError, match="Refused, nothing was created") as refusal:
        call_command(
            "create_editor", username, "--email", email, "--no-input", stdout=io.StringIO()
        )
    assert message in str(refusal.value)
    assert User.objects.count() == before


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, seed):
    us = Agreement.objects.get(slug="ukraine-united-states")
    for url in [
        reverse("admin:index"),
        reverse("admin:agreements_agreement_changelist"),
        reverse("admin:agreements_agreement_change", args=[us.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(
        reverse("admin:agreements_agreement_change", args=[us.pk]), {"title": "x"}
    )
    assert response.status_code == 302
    assert Agreement.objects.get(pk=us.pk).title != "x"


def test_a_logged_in_user_who_is_not_staff_cannot_reach_the_admin(client, seed):
    reader = User.objects.create_user("reader", password="a long reader passphrase")
    client.force_login(reader)
    response = client.get(reverse("admin:agreements_agreement_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_outside_the_editors_group_cannot_change_data(client, seed, editor):
    outsider = User.objects.create_user("intern", password="x" * 20, is_staff=True)
    us = Agreement.objects.get(slug="ukraine-united-states")
    change_url = reverse("admin:agreements_agreement_change", args=[us.pk])
    client.force_login(editor)
    data = form_data(client.get(change_url), "agreement_form")
    data["title"] = "Changed by an intern"

    client.force_login(outsider)
    assert client.get(reverse("admin:agreements_agreement_changelist")).status_code == 403
    assert client.get(reverse("admin:agreements_agreement_add")).status_code == 403
    assert client.get(change_url).status_code == 403
    assert client.post(change_url, data).status_code == 403
    assert Agreement.objects.get(pk=us.pk).title == us.title


def test_editors_cannot_delete_countries_sources_or_agreements(editor_client, seed):
    for model, obj in [
        ("country", Country.objects.get(iso2="US")),
        ("source", Source.objects.first()),
        ("agreement", Agreement.objects.first()),
    ]:
        url = reverse(f"admin:agreements_{model}_delete", args=[obj.pk])
        assert editor_client.get(url).status_code == 403
        assert editor_client.post(url, {"post": "yes"}).status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_editors_can_remove_a_wrong_citation(editor_client, seed):
    citation = Citation.objects.filter(round__isnull=False).first()
    url = reverse("admin:agreements_citation_delete", args=[citation.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Citation.objects.filter(pk=citation.pk).exists()


def test_editors_see_every_changelist(editor_client, seed):
    for model in [
        "country",
        "person",
        "source",
        "citation",
        "agreement",
        "negotiationround",
        "declaration",
        "declarationsignatory",
        "delegation",
    ]:
        response = editor_client.get(reverse(f"admin:agreements_{model}_changelist"))
        assert response.status_code == 200, model
