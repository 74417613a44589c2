"""Bad input from the fault audit: each gets a clear message and loses nothing."""

import html
import threading
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models.signals import pre_save

from agreements.importing import import_article
from agreements.importing.extract import MAX_CANDIDATES, extract
from agreements.importing.text import clean, decode
from agreements.models import Agreement, CandidateFact, NegotiationRound, Source
from agreements.partial_dates import PartialDate

from .test_importing import START

pytestmark = pytest.mark.django_db

IMPORT = "/admin/agreements/candidatefact/import/"
COUNTRIES = (
    "Germany, France, Denmark, Canada, Italy, the Netherlands, Finland, Latvia, Spain, Belgium, "
    "Portugal, Sweden, Norway, Japan"
).split(", ")


def long_article(paragraphs):
    body = "\n\n".join(
        f"Ukraine and {COUNTRIES[i % len(COUNTRIES)]} signed a security agreement in Kyiv on "
        f"{1 + i % 28} March 2024, officials said after meeting number {i}."
        for i in range(paragraphs)
    )
    return f"Security pacts signed across Europe\n\n{body}\n".encode()


def with_nul_after_8k():
    return START.read_bytes() + b"\n\n" + b"x" * 9000 + b"\x00 and more text\n"


def test_a_nul_byte_after_the_first_8k_is_named_by_the_command_and_the_others_go_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(with_nul_after_8k())
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"2 files: 1 new, 0 duplicate, .*, 1 error"):
        call_command("import_article", str(bad), str(START), stdout=out, stderr=err)
    assert f"{bad}: error: a NUL byte (\\x00) at byte " in err.getvalue()
    assert Source.objects.count() == 1


def test_a_nul_byte_after_the_first_8k_is_explained_on_the_import_page(admin_client):
    upload = SimpleUploadedFile("late-nul.txt", with_nul_after_8k())
    response = admin_client.post(IMPORT, {"file": upload})
    assert response.status_code == 200
    assert "late-nul.txt: a NUL byte (\\x00) at byte" in html.unescape(response.content.decode())
    assert not Source.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_article_at_once_one_wins_and_the_other_is_told():
    raw = START.read_bytes()
    results = []

    def the_other_editor():
        results.append(import_article(raw))
        connection.close()

    def the_other_editor_saves_first(sender, instance, **kwargs):
        # The first editor is about to save; the second one's import runs to its end first.
        pre_save.disconnect(the_other_editor_saves_first, sender=Source)
        other = threading.Thread(target=the_other_editor)
        other.start()
        other.join()

    pre_save.connect(the_other_editor_saves_first, sender=Source)
    try:
        late = import_article(raw)
    finally:
        pre_save.disconnect(the_other_editor_saves_first, sender=Source)
    (first,) = results
    assert first.created and not late.created and late.source == first.source
    assert late.warnings == [
        f"Another import of this article finished first: it is stored once, as "
        f"“{first.source.slug}”; nothing new was stored."
    ]
    assert Source.objects.count() == 1
    assert CandidateFact.objects.count() == len(first.candidates)


def test_an_accepted_dated_round_has_one_history_record_with_its_date():
    text = "Ukraine and Japan held the second round of negotiations on 5 March 2024 in Tokyo.\n"
    result = import_article(text.encode(), published=PartialDate(2024, 3, 6))
    for candidate in result.candidates:
        if not candidate.values.get("is_implied"):
            candidate.accept()
    second = NegotiationRound.objects.get(number=2)
    (record,) = second.history.all()
    assert (record.date.iso, record.place, record.history_type) == ("2024-03-05", "Tokyo", "+")


def test_an_html_upload_keeps_its_headline_and_date():
    page = (
        "<html><head><title>Site name | News</title>"
        '<meta property="article:published_time" content="2024-02-16T09:30:00+00:00">'
        "</head><body><nav>Home News</nav><h1>Germany and Ukraine sign security pact</h1>"
        '<time datetime="2024-02-16">16 February 2024</time>'
        "<p>Germany and Ukraine signed a bilateral security agreement in Berlin on Friday, "
        "the two governments said.</p></body></html>"
    )
    result = import_article(page.encode())
    source = result.source
    assert (source.title, source.published_on.iso) == (
        "Germany and Ukraine sign security pact",
        "2024-02-16",
    )
    assert source.text.startswith("Germany and Ukraine sign security pact\n\n")
    signed = [c.values for c in result.candidates if c.kind == "agreement"]
    assert {"partner": "DE", "status": "signed", "signed_on": "2024-02-16"} in signed


@pytest.mark.slow  # times extraction on 300 and 1,200 paragraphs: seconds
def test_extraction_time_grows_linearly_and_candidates_are_capped():
    def seconds(paragraphs):
        article = clean(decode(long_article(paragraphs)))
        start = time.perf_counter()
        proposals, warnings = extract(article.text, PartialDate(2024, 4), "", article.title)
        return time.perf_counter() - start, proposals, warnings

    small, _, _ = seconds(300)
    large, proposals, warnings = seconds(1200)
    assert large < small * 8  # four times the text: a quadratic cost would take sixteen times
    assert len(proposals) <= MAX_CANDIDATES
    assert warnings[-1] == (
        f"This article yields more than {MAX_CANDIDATES} candidate facts: only the first "
        f"{MAX_CANDIDATES} are kept. Split it into its articles and import each."
    )


@pytest.mark.slow  # imports a 0.6 MB article: seconds
def test_a_large_article_within_the_limit_imports_in_reasonable_time():
    raw = long_article(6000)  # about 0.6 MB
    start = time.perf_counter()
    result = import_article(raw)
    assert time.perf_counter() - start < 30
    assert 0 < len(result.candidates) <= MAX_CANDIDATES
    assert Agreement.objects.count() == 0  # proposals only: nothing is a fact before review
