"""An editor adds the fourth round of the Ukraine–US negotiations, with its source and quote."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement, NegotiationRound, Source
from tests.admin_pages import errors_of, form_data
from tests.html_text import links, text_of

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Ukraine and the United States held the fourth round of negotiations on a bilateral "
    "security agreement in Washington. The Ukrainian delegation was headed by Andrii Yermak."
)


def test_an_editor_adds_the_fourth_us_round_with_its_source_and_sees_it_in_history(seed, editor):
    browser = Client(enforce_csrf_checks=True)

    # She logs in through the admin's login form.
    login = browser.get(reverse("admin:login"))
    data = form_data(login, "login-form")
    data.update(username="olena", password="a long editor passphrase")
    assert browser.post(reverse("admin:login"), data).status_code == 302

    # First the article reporting the round.
    page = browser.get(reverse("admin:agreements_source_add"))
    data = form_data(page, "source_form")
    data.update(
        slug="us-fourth-round",
        title="Fourth round of Ukraine–US security talks",
        publisher="Test Agency",
        published_on="2024-05",
        text=ARTICLE,
    )
    assert browser.post(page.request["PATH_INFO"], data).status_code == 302
    source = Source.objects.get(slug="us-fourth-round")

    # The agreement page links to adding the next round, which it numbers 4.
    us = Agreement.objects.get(slug="ukraine-united-states")
    page = browser.get(reverse("admin:agreements_agreement_change", args=[us.pk]))
    assert "3 round(s) recorded" in page.text
    (add_url,) = [href for text, href in links(page.text) if text == "Add round 4 with its source"]
    page = browser.get(add_url)
    data = form_data(page, "negotiationround_form")
    assert data["agreement"] == str(us.pk)
    assert data["number"] == "4"

    data.update(
        date="2024-05",
        place="Washington",
        **{
            "citations-0-source": str(source.pk),
            "citations-0-quote": "held the fourth round of negotiations … in Washington",
            "citations-0-supports": "number, place",
        },
    )
    response = browser.post(page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"], data)
    assert response.status_code == 302, errors_of(response)

    round_4 = NegotiationRound.objects.get(agreement=us, number=4)
    assert (round_4.date.iso, round_4.place) == ("2024-05", "Washington")
    assert round_4.citations.get().source == source

    # The round's history says who added it, and the agreement page now shows it.
    history = browser.get(reverse("admin:agreements_negotiationround_history", args=[round_4.pk]))
    assert "olena" in history.text
    assert "Created" in history.text
    page = browser.get(reverse("admin:agreements_agreement_change", args=[us.pk]))
    assert "4 round(s) recorded" in page.text
    assert "Add round 5 with its source" in page.text

    # Analysts see the new round on the public agreement page at once, with its quote.
    public = Client().get(us.get_absolute_url())
    html = public.content.decode()
    assert text_of(html, "round-4") == (
        "Round 4 Date May 2024 (month only) Place Washington Ukrainian lead not reported "
        "Partner delegation not reported Summary not reported Sources [source 9]"
    )
    assert text_of(html, "note-9") == (
        "“held the fourth round of negotiations … in Washington” Fourth round of Ukraine–US "
        "security talks, Test Agency, May 2024. Cited for: Round 4."
    )


def test_admin_posts_without_the_csrf_token_are_refused(seed, editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    us = Agreement.objects.get(slug="ukraine-united-states")
    url = reverse("admin:agreements_agreement_change", args=[us.pk])
    data = form_data(browser.get(url), "agreement_form")
    del data["csrfmiddlewaretoken"]
    data["summary"] = "Forged"

    assert browser.post(url, data).status_code == 403
    us.refresh_from_db()
    assert us.summary != "Forged"
