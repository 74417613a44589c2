"""Bad input in the admin gets a clear form error, never a 500, and nothing is saved."""

import pytest
from django.urls import reverse

from agreements.models import (
    Agreement,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    Source,
)
from agreements.partial_dates import PartialDate, PartialDateFormField
from tests.admin_pages import errors_of, form_data
from tests.html_text import elements, text_of

pytestmark = pytest.mark.django_db


def submit(client, url, form_id, **changes):
    """Open the admin page at `url`, change fields as an editor would, save."""
    data = form_data(client.get(url), form_id)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    return response


def refused(response):
    assert response.status_code == 200, "the form was accepted"
    assert "Please correct the error" in response.text
    return " ".join(errors_of(response))


def add_round(client, us_agreement, **changes):
    url = reverse("admin:agreements_negotiationround_add") + f"?agreement={us_agreement.pk}"
    return submit(client, url, "negotiationround_form", **changes)


def edit_us(client, us_agreement, **changes):
    url = reverse("admin:agreements_agreement_change", args=[us_agreement.pk])
    return submit(client, url, "agreement_form", **changes)


def test_a_duplicate_round_number_is_refused_on_the_round_page(editor_client, us_agreement):
    errors = refused(add_round(editor_client, us_agreement, number="3", date="2024-05"))
    assert "Agreement and Number already exists" in errors
    assert us_agreement.rounds.count() == 3


QUOTE = "The Office of the President's press service reported this."


def cited(prefix, source):
    """The citation fields of a round added in its agreement's page."""
    return {f"{prefix}-citation_source": str(source.pk), f"{prefix}-citation_quote": QUOTE}


def third_round_article():
    return Source.objects.get(slug="ukraine-us-third-round-2024")


def test_a_duplicate_round_number_is_refused_in_the_agreement_inline(editor_client, us_agreement):
    # The blank round row of the agreement page proposes number 4; she types 3 instead.
    changes = {"rounds-3-number": "3", "rounds-3-date": "2024"}
    cited_round = cited("rounds-3", third_round_article())
    errors = refused(edit_us(editor_client, us_agreement, **changes, **cited_round))
    assert "Please correct the duplicate data for number" in errors
    assert us_agreement.rounds.count() == 3


def test_two_new_rounds_with_one_number_are_refused(editor_client, us_agreement):
    url = reverse("admin:agreements_agreement_change", args=[us_agreement.pk])
    data = form_data(editor_client.get(url), "agreement_form")
    data.update({"rounds-3-date": "2024-05", "rounds-TOTAL_FORMS": "5"})
    data.update(cited("rounds-3", third_round_article()))
    data.update(
        {f"rounds-4-{key[9:]}": value for key, value in data.items() if key.startswith("rounds-3-")}
    )
    errors = refused(editor_client.post(url, data))
    assert "Please correct the duplicate data for number" in errors
    assert us_agreement.rounds.count() == 3


def test_a_round_before_the_negotiations_started_is_refused(editor_client, us_agreement):
    errors = refused(add_round(editor_client, us_agreement, date="2023-07-30"))
    assert "before negotiations started (3 Aug 2023)" in errors
    errors = refused(edit_us(editor_client, us_agreement, **{"rounds-3-date": "2023-07"}))
    assert "before negotiations started" in errors
    assert us_agreement.rounds.count() == 3


def test_a_round_number_below_one_is_refused(editor_client, us_agreement):
    errors = refused(add_round(editor_client, us_agreement, number="0"))
    assert "greater than or equal to 1" in errors


def test_a_date_in_the_future_is_refused(editor_client, us_agreement):
    errors = refused(add_round(editor_client, us_agreement, date="2999-01"))
    assert "Jan 2999 is in the future" in errors
    assert not us_agreement.rounds.filter(number=4).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("May 2024", "“May 2024” is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2024-13", "has no month 13"),
        ("2024-02-30", "is not a real calendar date"),
    ],
)
def test_a_malformed_partial_date_gets_a_clear_message(editor_client, us_agreement, typed, message):
    assert message in refused(add_round(editor_client, us_agreement, date=typed))


def test_joining_before_the_declaration_is_refused(editor_client, seed):
    joiner = DeclarationSignatory.objects.joined_later().first()
    url = reverse("admin:agreements_declarationsignatory_change", args=[joiner.pk])
    errors = refused(submit(editor_client, url, "declarationsignatory_form", joined_on="2023-06"))
    assert "cannot join before the declaration was adopted (12 Jul 2023)" in errors

    g7 = Declaration.objects.get()
    url = reverse("admin:agreements_declaration_change", args=[g7.pk])
    data = form_data(editor_client.get(url), "declaration_form")
    new_row = data["signatories-TOTAL_FORMS"]
    bangladesh = Country.objects.create(iso2="BD", name="Bangladesh")
    data.update(
        {
            f"signatories-{int(new_row) - 1}-country": str(bangladesh.pk),
            f"signatories-{int(new_row) - 1}-role": "joined",
            f"signatories-{int(new_row) - 1}-joined_on": "2023-07-01",
        }
    )
    errors = refused(editor_client.post(url, data))
    assert "cannot join before the declaration" in errors
    assert not g7.signatories.filter(country=bangladesh).exists()


def test_a_new_agreement_marked_signed_needs_a_citation(editor_client, seed):
    poland = Country.objects.create(iso2="PL", name="Poland")
    url = reverse("admin:agreements_agreement_add")
    errors = refused(
        submit(
            editor_client,
            url,
            "agreement_form",
            partner=str(poland.pk),
            title="Ukraine–Poland",
            slug="ukraine-poland",
            status="signed",
        )
    )
    assert "A signed agreement needs a citation" in errors
    assert not Agreement.objects.filter(slug="ukraine-poland").exists()


def test_removing_the_only_citation_of_a_signed_agreement_is_refused(editor_client, seed):
    uk = Agreement.objects.get(slug="ukraine-united-kingdom")
    assert uk.citations.count() == 1
    errors = refused(edit_us(editor_client, uk, **{"citations-0-DELETE": "on"}))
    assert "A signed agreement needs a citation" in errors
    assert uk.citations.count() == 1


def test_a_quote_that_is_not_in_the_source_is_refused_in_the_inline(editor_client, us_agreement):
    round_3 = us_agreement.rounds.get(number=3)
    url = reverse("admin:agreements_negotiationround_change", args=[round_3.pk])
    source = round_3.citations.first().source
    data = form_data(editor_client.get(url), "negotiationround_form")
    row = int(data["citations-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"citations-{row}-source": str(source.pk),
            f"citations-{row}-quote": "The agreement was signed in Kyiv.",
        }
    )
    errors = refused(editor_client.post(url, data))
    assert "This quote does not occur in the source's text" in errors
    assert not Citation.objects.filter(quote__contains="signed in Kyiv").exists()


def test_a_quote_with_other_quote_marks_and_spacing_is_accepted(editor_client, us_agreement):
    round_3 = us_agreement.rounds.get(number=3)
    quote = round_3.citations.first().quote
    before = round_3.citations.count()
    url = reverse("admin:agreements_negotiationround_change", args=[round_3.pk])
    data = form_data(editor_client.get(url), "negotiationround_form")
    row = int(data["citations-TOTAL_FORMS"]) - 1
    data.update(
        {
            f"citations-{row}-source": str(round_3.citations.first().source.pk),
            f"citations-{row}-quote": "  " + quote.upper().replace(" ", "\n  ") + " ",
        }
    )
    assert editor_client.post(url, data).status_code == 302
    assert round_3.citations.count() == before + 1


def test_an_agreement_with_an_unknown_round_lead_stays_valid(editor_client, us_agreement):
    """Saving an untouched agreement page changes nothing and adds no empty round."""
    before = NegotiationRound.objects.count()
    assert edit_us(editor_client, us_agreement).status_code == 302
    assert NegotiationRound.objects.count() == before


def test_a_new_signed_agreement_with_its_citation_is_accepted(editor_client, seed):
    poland = Country.objects.create(iso2="PL", name="Poland")
    report = Source.objects.create(
        slug="pl", title="Poland signs", published_on="2024-07", text="Poland signed it in July."
    )
    response = submit(
        editor_client,
        reverse("admin:agreements_agreement_add"),
        "agreement_form",
        partner=str(poland.pk),
        title="Ukraine–Poland",
        slug="ukraine-poland",
        status="signed",
        signed_on="2024-07",
        **{"citations-0-source": str(report.pk), "citations-0-quote": "Poland signed it"},
    )
    assert response.status_code == 302, errors_of(response)
    agreement = Agreement.objects.get(slug="ukraine-poland")
    assert agreement.citations.get().source == report
    assert not agreement.rounds.exists()  # the blank round row was left alone


def test_an_empty_date_input_is_no_change_of_an_unknown_date():
    field = PartialDateFormField()
    assert not field.has_changed(PartialDate(), "")
    assert not field.has_changed(PartialDate(2024), "2024")
    assert field.has_changed(PartialDate(2024), "2024-05")
    assert field.has_changed(PartialDate(), "not a date")


SIGNING = "Ukraine and the United States signed a bilateral security agreement on 13 June 2024."


def test_marking_an_agreement_signed_needs_a_citation_of_the_signing(editor_client, us_agreement):
    """The US agreement's citations report the negotiations: they do not support a signing."""
    assert us_agreement.citations.exists()
    errors = refused(edit_us(editor_client, us_agreement, status="signed", signed_on="2024-06-13"))
    assert "You marked it “signed”: add the quote from the source that reports the signing" in (
        errors
    )
    us_agreement.refresh_from_db()
    assert (us_agreement.status, us_agreement.signed_on.iso) == ("negotiating", "")

    report = Source.objects.create(
        slug="us-signing", title="US signs", published_on="2024-06-13", text=SIGNING
    )
    url = reverse("admin:agreements_agreement_change", args=[us_agreement.pk])
    data = form_data(editor_client.get(url), "agreement_form")
    row = int(data["citations-TOTAL_FORMS"]) - 1
    data.update(
        {
            "status": "signed",
            "signed_on": "2024-06-13",
            f"citations-{row}-source": str(report.pk),
            f"citations-{row}-quote": SIGNING,
            f"citations-{row}-supports": "status, signed",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    us_agreement.refresh_from_db()
    assert (us_agreement.status, us_agreement.signed_on.iso) == ("signed", "2024-06-13")
    assert us_agreement.citations.filter(source=report).exists()


def test_changing_the_signing_date_needs_a_citation_that_supports_the_signing(editor_client, seed):
    uk = Agreement.objects.get(slug="ukraine-united-kingdom")
    citation = uk.citations.get()
    # An editor once cited the signing without saying what the quote supports.
    Citation.objects.filter(pk=citation.pk).update(supports="")

    # Editing something else keeps working with the citation it has.
    assert edit_us(editor_client, uk, title="Ukraine–UK agreement").status_code == 302

    errors = refused(edit_us(editor_client, uk, signed_on="2024-01-12"))
    assert "You changed the signing date: add the quote from the source" in errors
    uk.refresh_from_db()
    assert not uk.signed_on

    # A saved citation that says it supports the signing is enough.
    Citation.objects.filter(pk=citation.pk).update(supports="status, signed")
    assert edit_us(editor_client, uk, signed_on="2024-01-12").status_code == 302
    uk.refresh_from_db()
    assert uk.signed_on.iso == "2024-01-12"


def test_editing_a_source_text_cannot_lose_a_cited_quote(editor_client, us_agreement):
    citation = us_agreement.rounds.get(number=3).citations.first()
    source = citation.source
    url = reverse("admin:agreements_source_change", args=[source.pk])
    shortened = source.text.replace(citation.quote[:40], "")
    errors = refused(submit(editor_client, url, "source_form", text=shortened))
    assert "would no longer be found in its text" in errors
    assert f"“{citation.quote}”" in errors
    other_quotes = source.citations.exclude(quote=citation.quote).values_list("quote", flat=True)
    assert not any(f"“{quote}”" in errors for quote in other_quotes)
    source.refresh_from_db()
    assert citation.quote[:40] in source.text

    # Adding to the text keeps every quote: that is saved.
    longer = source.text + "\n\nCorrection: a paragraph the first copy left out."
    assert submit(editor_client, url, "source_form", text=longer).status_code == 302
    source.refresh_from_db()
    assert source.text.endswith("left out.")


@pytest.mark.parametrize("value", ["abc", "9" * 30, "-1", "999999", ""])
def test_a_bad_agreement_in_the_add_round_link_is_ignored(editor_client, us_agreement, value):
    url = reverse("admin:agreements_negotiationround_add") + f"?agreement={value}"
    response = editor_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["agreement"].value() is None
    assert form["number"].value() in (None, "")


def test_the_add_round_link_proposes_the_agreement_and_its_next_number(editor_client, us_agreement):
    url = reverse("admin:agreements_negotiationround_add") + f"?agreement={us_agreement.pk}"
    form = editor_client.get(url).context["adminform"].form
    assert (str(form["agreement"].value()), form["number"].value()) == (str(us_agreement.pk), 4)


def test_a_year_before_independence_is_a_form_error(editor_client, us_agreement):
    errors = refused(add_round(editor_client, us_agreement, date="0001-01"))
    assert "0001-01 is before 1991: the tracker records nothing before Ukraine's independence" in (
        errors
    )
    assert not us_agreement.rounds.filter(number=4).exists()


def test_a_round_added_in_its_agreement_page_needs_its_citation(editor_client, us_agreement):
    errors = refused(edit_us(editor_client, us_agreement, **{"rounds-3-date": "2024-05"}))
    assert errors == (
        "Every public fact needs its source: add the quote that reports this negotiation round "
        "below (source and quote), or keep one of its citations."
    )
    assert us_agreement.rounds.count() == 3


def test_a_round_added_in_its_agreement_page_takes_its_citation_in_the_same_save(
    editor_client, us_agreement
):
    source = third_round_article()
    response = edit_us(
        editor_client, us_agreement, **{"rounds-3-date": "2024-05"}, **cited("rounds-3", source)
    )
    assert response.status_code == 302
    round_4 = us_agreement.rounds.get(number=4)
    assert [(c.source, c.quote) for c in round_4.citations.all()] == [(source, QUOTE)]


def test_a_quote_not_in_the_source_is_refused_for_an_inline_round(editor_client, us_agreement):
    data = {**cited("rounds-3", third_round_article()), "rounds-3-citation_quote": "Not there."}
    errors = refused(edit_us(editor_client, us_agreement, **{"rounds-3-date": "2024-05"}, **data))
    assert "This quote does not occur in the source's text" in errors
    assert us_agreement.rounds.count() == 3


def test_a_round_saved_on_its_own_page_without_a_citation_is_refused(editor_client, us_agreement):
    errors = refused(add_round(editor_client, us_agreement, date="2024-05"))
    assert errors == (
        "Every public fact needs its source: add the quote that reports this negotiation round "
        "below (source and quote), or keep one of its citations."
    )
    assert not us_agreement.rounds.filter(number=4).exists()


def test_removing_the_only_citation_of_any_fact_is_refused(editor_client, us_agreement):
    round_1 = us_agreement.rounds.get(number=1)
    url = reverse("admin:agreements_negotiationround_change", args=[round_1.pk])
    data = form_data(editor_client.get(url), "negotiationround_form")
    initial = int(data["citations-INITIAL_FORMS"])
    data.update({f"citations-{i}-DELETE": "on" for i in range(initial)})
    errors = refused(editor_client.post(url, data))
    assert "Every public fact needs its source" in errors
    assert round_1.citations.count() == initial


def test_deleting_the_only_citation_of_a_signed_agreement_is_refused(editor_client, seed):
    uk = Agreement.objects.get(slug="ukraine-united-kingdom")
    (citation,) = uk.citations.all()
    url = reverse("admin:agreements_citation_delete", args=[citation.pk])
    page = editor_client.get(url)
    assert "its only citation: a fact needs its source" in page.text
    editor_client.post(url, {"post": "yes"})
    assert uk.citations.get() == citation


def test_deleting_the_last_citations_in_bulk_is_refused_too(editor_client, us_agreement):
    round_1 = us_agreement.rounds.get(number=1)
    citations = [str(pk) for pk in round_1.citations.values_list("pk", flat=True)]
    data = {"action": "delete_selected", "_selected_action": citations, "post": "yes"}
    editor_client.post(reverse("admin:agreements_citation_changelist"), data)
    assert round_1.citations.count() == len(citations)


def test_a_citation_beside_another_can_be_deleted(editor_client, us_agreement):
    source = third_round_article()
    round_3 = us_agreement.rounds.get(number=3)
    extra = Citation.objects.create(source=source, quote=QUOTE, round=round_3)
    url = reverse("admin:agreements_citation_delete", args=[extra.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not Citation.objects.filter(pk=extra.pk).exists()


def test_the_reasons_for_a_refusal_are_listed_under_the_banner(editor_client, seed):
    """However far down the form the field or inline with the error is."""
    uk = Agreement.objects.get(slug="ukraine-united-kingdom")
    Citation.objects.filter(agreement=uk).update(supports="")
    html = edit_us(editor_client, uk, signed_on="2024-01-12").content.decode()
    summary = text_of(html, "error-summary")
    assert summary.startswith("Citations: You changed the signing date: add the quote")
    # the banner, then the reasons, then the form's first fieldset
    landmarks = [
        "fieldset" if tag == "fieldset" else attrs.get("id") or attrs.get("class")
        for tag, attrs in elements(html)
        if tag == "fieldset"
        or attrs.get("id") == "error-summary"
        or attrs.get("class") == "errornote"
    ]
    assert landmarks[:3] == ["errornote", "error-summary", "fieldset"]
    assert '<a href="#citations-group">' in html
