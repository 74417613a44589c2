"""An editor adds an agreement's signatories and pledges in its page, each with its source in
the same save, and edits its links, reasons and people's other spellings in plain terms."""

import pytest
from django.urls import reverse

from agreements.models import AgreementSignatory, Person, Pledge, Source
from tests.admin_pages import form_data
from tests.factories import make_reference
from tests.test_admin_validation import refused, submit

pytestmark = pytest.mark.django_db

QUOTE = "The Office of the President's press service reported this."


def agreement_page(client, agreement):
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    return url, form_data(client.get(url), "agreement_form")


def test_a_signatory_added_in_the_agreement_page_takes_its_reference_in_the_same_save(
    editor_client, us_agreement
):
    biden = Person.objects.create(name="Joe Biden", role="President of the United States")
    reference = make_reference("white-house-g7", published_on="2024-06-13")
    url, data = agreement_page(editor_client, us_agreement)
    data.update(
        {
            "signatories-0-person": str(biden.pk),
            "signatories-0-side": "partner",
            "signatories-0-role": "President",
            "signatories-0-citation_source": str(reference.pk),
            "signatories-0-citation_note": "Lead paragraph: Biden signed for the United States.",
            "signatories-0-citation_supports": "signatory",
        }
    )
    assert editor_client.post(url, data).status_code == 302
    signatory = AgreementSignatory.objects.get(agreement=us_agreement)
    assert list(signatory.citations.values_list("source__slug", "note", "quote")) == [
        ("white-house-g7", "Lead paragraph: Biden signed for the United States.", "")
    ]


def test_a_signatory_without_its_source_is_refused_and_nothing_is_saved(
    editor_client, us_agreement
):
    biden = Person.objects.create(name="Joe Biden")
    url, data = agreement_page(editor_client, us_agreement)
    data.update({"signatories-0-person": str(biden.pk), "signatories-0-side": "partner"})
    errors = refused(editor_client.post(url, data))
    assert "Every public fact needs its source: add the quote that reports this agreement " in (
        errors
    )
    assert not AgreementSignatory.objects.exists()


def test_a_pledge_added_in_the_agreement_page_is_numbered_next_and_quoted(
    editor_client, us_agreement
):
    url, data = agreement_page(editor_client, us_agreement)
    assert data["pledges-0-position"] == "0"
    article = Source.objects.get(slug="ukraine-us-third-round-2024")
    data.update(
        {
            "pledges-0-amount": "61000000000",
            "pledges-0-currency": "usd",
            "pledges-0-citation_source": str(article.pk),
            "pledges-0-citation_quote": QUOTE,
        }
    )
    assert editor_client.post(url, data).status_code == 302
    pledge = Pledge.objects.get(agreement=us_agreement)
    assert (pledge.position, pledge.currency, pledge.citations.get().quote) == (0, "USD", QUOTE)
    _, data = agreement_page(editor_client, us_agreement)
    assert data["pledges-1-position"] == "1"


def test_a_quote_from_a_reference_is_refused_with_the_reason(editor_client, us_agreement):
    reference = make_reference("white-house-pledge")
    url, data = agreement_page(editor_client, us_agreement)
    data.update(
        {
            "pledges-0-amount": "1000",
            "pledges-0-currency": "USD",
            "pledges-0-citation_source": str(reference.pk),
            "pledges-0-citation_quote": "Some words",
        }
    )
    errors = refused(editor_client.post(url, data))
    assert "This source is a reference: the tracker does not hold its text" in errors
    assert "A citation of a reference needs a note" in errors
    assert not Pledge.objects.exists()


def test_the_official_text_links_are_one_per_line_and_checked(editor_client, us_agreement):
    url = reverse("admin:agreements_agreement_change", args=[us_agreement.pk])
    links = "https://example.org/text-en\n\nhttps://example.org/text-uk\n"
    assert submit(editor_client, url, "agreement_form", text_urls=links).status_code == 302
    us_agreement.refresh_from_db()
    assert us_agreement.text_urls == ["https://example.org/text-en", "https://example.org/text-uk"]
    assert form_data(editor_client.get(url), "agreement_form")["text_urls"] == (
        "https://example.org/text-en\nhttps://example.org/text-uk"
    )
    errors = refused(submit(editor_client, url, "agreement_form", text_urls="www.example"))
    assert "“www.example” is not a web address (http or https)." in errors


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("{signed_on: 12 January}", "This is not written as JSON: give {“field”: “text”} pairs"),
        ('["signed_on"]', 'Give an object in braces, e.g. {"signed_on": "2024-01-11"}'),
        ('{"signed_on": ""}', "each reason a non-empty text"),
    ],
)
def test_a_badly_written_reason_gets_a_message_saying_how_to_write_it(
    editor_client, us_agreement, typed, message
):
    url = reverse("admin:agreements_agreement_change", args=[us_agreement.pk])
    assert message in refused(submit(editor_client, url, "agreement_form", resolutions=typed))


def test_a_badly_written_reported_value_says_how_to_write_it(editor_client, us_agreement):
    citation = us_agreement.citations.first()
    url = reverse("admin:agreements_citation_change", args=[citation.pk])
    errors = refused(submit(editor_client, url, "citation_form", reported_values='"2024-01-11"'))
    assert "Give an object in braces" in errors
    errors = refused(
        submit(editor_client, url, "citation_form", reported_values='{"signed": "2024"}')
    )
    assert "“signed” is not a field of the agreement." in errors
