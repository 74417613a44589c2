"""A request body over its URL's limit is refused before anything reads it; an article, uploaded
or pasted, has one documented limit (5 MB) and a clear message past it."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.importing.text import MAX_BYTES
from agreements.models import Source

IMPORT = "/admin/agreements/candidatefact/import/"
FIVE_MB = 5 * 1024 * 1024

pytestmark = pytest.mark.django_db


def test_a_huge_anonymous_upload_is_refused_before_it_is_read(client, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    upload = SimpleUploadedFile("big.bin", b"x" * (3 * 1024 * 1024))
    response = client.post("/en/agreements/", {"file": upload})
    assert response.status_code == 413
    assert response.content.decode() == (
        "Request body too large: this address accepts at most 1 MB. Articles of up to 5 MB are "
        "imported on the editors' Import article page.\n"
    )
    assert list(tmp_path.iterdir()) == []  # never spooled to a temporary file


def test_a_claimed_length_is_enough_to_refuse(client):
    response = client.post(
        "/admin/login/", b"x", content_type="text/plain", CONTENT_LENGTH=str(200 * 1024 * 1024)
    )
    assert response.status_code == 413


def test_an_ordinary_form_is_not_affected(client):
    assert client.post("/admin/login/", {"username": "a", "password": "b"}).status_code != 413


def test_the_article_limit_is_the_importers(settings):
    assert settings.ARTICLE_MAX_BYTES == MAX_BYTES == FIVE_MB


def test_pasted_text_over_the_limit_gets_the_same_message_as_a_file(admin_client):
    response = admin_client.post(IMPORT, {"text": "a" * (FIVE_MB + 1)})
    assert response.status_code == 200
    assert "The pasted text is too large (the limit is 5 MB, for a file or pasted text alike)." in (
        html.unescape(response.content.decode())
    )
    assert not Source.objects.exists()


def test_an_article_far_over_the_limit_is_refused_before_it_is_read(admin_client):
    response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("a.txt", b"a" * 7_000_000)})
    assert response.status_code == 413
