"""An analyst filters, sorts and pages the agreement list; bad query strings never break it."""

import pytest
from pytest_django.asserts import assertContains, assertInHTML

from agreements.models import AgreementStatus

from .factories import make_agreement, make_many
from .html_text import items_of, rows_of

pytestmark = pytest.mark.django_db


def rows(response):
    """{row id: [the text of each cell]} of the table, in order."""
    return rows_of(response.content.decode(), "agreement-")


def partners(response):
    """Partner names of the table rows, in order (after each row's "compare" checkbox)."""
    return [cells[1] for cells in rows(response).values()]


def test_the_list_shows_every_column_of_the_seed_agreements(client, seed):
    response = client.get("/en/agreements/")
    assert response.status_code == 200
    assert len(partners(response)) == 10
    assert "10 agreements match" in response.content.decode()
    table = rows(response)
    # compare checkbox, partner, status, negotiations started, signed, place, term, pledges,
    # rounds, latest round (at year precision), declaration membership
    not_reported = ["not reported", "not reported", "none reported"]
    assert table["agreement-ukraine-united-states"] == [
        "",
        "United States",
        "negotiating",
        "3 Aug 2023",
        "not signed",
        *not_reported,
        "3",
        "2024",
        "founding signatory",
    ]
    signed_undated = ["signed", "date unknown", "date unknown", *not_reported, "0", "no rounds"]
    assert table["agreement-ukraine-denmark"] == ["", "Denmark", *signed_undated, "joined later"]
    assert table["agreement-ukraine-latvia"] == ["", "Latvia", *signed_undated, "not a signatory"]
    uk = ["", "United Kingdom", *signed_undated, "founding signatory"]
    assert table["agreement-ukraine-united-kingdom"] == uk
    # The dates are machine-readable too.
    assertInHTML('<time datetime="2023-08-03">3 Aug 2023</time>', response.content.decode())


def test_the_partner_links_to_the_agreement_page(client, seed):
    link = '<a href="/en/agreements/ukraine-united-states/">United States</a>'
    assertContains(client.get("/en/agreements/"), link, count=1, html=True)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=signed", 9),
        ("status=negotiating", 1),
        ("status=signed&status=negotiating", 10),
        ("status=in_force", 0),
        ("partner=US", 1),
        ("partner=us", 1),
        ("membership=founding", 6),
        ("membership=joined", 3),
        ("membership=none", 1),
        ("status=signed&membership=founding", 5),
        ("signed_after=2020", 0),  # the seed's signing dates are all unknown
    ],
)
def test_an_analyst_filters_the_seed_agreements(client, seed, query, expected):
    response = client.get(f"/en/agreements/?{query}")
    assert response.status_code == 200
    assert len(partners(response)) == expected
    assert f"{expected} agreement{'' if expected == 1 else 's'} match" in response.content.decode()


def test_the_membership_filter_names_the_partners(client, seed):
    assert partners(client.get("/en/agreements/?membership=none")) == ["Latvia"]
    assert partners(client.get("/en/agreements/?membership=joined")) == [
        "Denmark",
        "Finland",
        "Netherlands",
    ]


@pytest.fixture
def dated():
    """Agreements signed at every precision, and one whose signing date is unknown."""
    for name, signed_on in [
        ("Aland", "2023"),
        ("Bohemia", "2024"),
        ("Carinthia", "2024-03"),
        ("Dalmatia", "2024-03-15"),
        ("Epirus", "2024-12-31"),
        ("Frisia", None),
    ]:
        make_agreement(name, status=AgreementStatus.SIGNED, signed_on=signed_on)


@pytest.mark.parametrize(
    "query, expected",
    [
        # A bound covers its whole period; a row matches only if its whole date is inside.
        ("signed_after=2024", ["Bohemia", "Carinthia", "Dalmatia", "Epirus"]),
        ("signed_after=2024-01-01", ["Bohemia", "Carinthia", "Dalmatia", "Epirus"]),
        ("signed_after=2024-03", ["Carinthia", "Dalmatia", "Epirus"]),
        ("signed_after=2024-03-01", ["Carinthia", "Dalmatia", "Epirus"]),
        ("signed_after=2024-03-02", ["Dalmatia", "Epirus"]),
        ("signed_before=2023", ["Aland"]),
        ("signed_before=2024-03", ["Aland", "Carinthia", "Dalmatia"]),
        ("signed_before=2024-03-31", ["Aland", "Carinthia", "Dalmatia"]),
        ("signed_before=2024-03-30", ["Aland", "Dalmatia"]),
        ("signed_before=2024-12-30", ["Aland", "Carinthia", "Dalmatia"]),
        ("signed_before=2024-01-15", ["Aland"]),
        ("signed_before=2024", ["Aland", "Bohemia", "Carinthia", "Dalmatia", "Epirus"]),
        ("signed_after=2024&signed_before=2024", ["Bohemia", "Carinthia", "Dalmatia", "Epirus"]),
        ("signed_after=2024-03&signed_before=2024-03", ["Carinthia", "Dalmatia"]),
        ("signed_after=2024-03-15&signed_before=2024-03-15", ["Dalmatia"]),
    ],
)
def test_the_signing_date_range_respects_partial_dates(client, dated, query, expected):
    assert partners(client.get(f"/en/agreements/?{query}")) == expected


def test_sorting_by_signing_date_puts_unknown_dates_last_both_ways(client, dated):
    ascending = partners(client.get("/en/agreements/?o=signed"))
    assert ascending == ["Aland", "Bohemia", "Carinthia", "Dalmatia", "Epirus", "Frisia"]
    descending = partners(client.get("/en/agreements/?o=-signed"))
    assert descending == ["Epirus", "Dalmatia", "Carinthia", "Bohemia", "Aland", "Frisia"]


@pytest.mark.parametrize(
    "order, first, last",
    [
        ("partner", "Canada", "United States"),
        ("-partner", "United States", "Canada"),
        ("status", "United States", "United Kingdom"),  # negotiating before signed
        ("-rounds", "United States", "United Kingdom"),
        ("latest_round", "United States", "United Kingdom"),  # no rounds: last
        ("started", "United States", "United Kingdom"),
        ("membership", "Canada", "Latvia"),  # founding, joined, then none
        ("-membership", "Latvia", "United States"),  # "not a signatory" is a value, not unknown
    ],
)
def test_an_analyst_sorts_by_any_column(client, seed, order, first, last):
    names = partners(client.get(f"/en/agreements/?o={order}"))
    assert len(names) == 10
    assert (names[0], names[-1]) == (first, last)


def test_column_headings_sort_and_keep_the_filters(client, seed):
    html = client.get("/en/agreements/?status=signed&o=signed&page=1").content.decode()
    assert '<th scope="col" aria-sort="ascending"><a href="?status=signed&amp;o=-signed">' in html
    assert '<a href="?status=signed&amp;o=rounds">Rounds</a>' in html


def test_the_export_links_carry_the_query_string(client, seed):
    html = client.get("/en/agreements/?status=signed&membership=joined&page=1").content.decode()
    assert 'href="/en/agreements/export.csv?status=signed&amp;membership=joined"' in html
    assert 'href="/en/agreements/export.json?status=signed&amp;membership=joined"' in html


def test_pages_keep_the_filters_and_a_page_past_the_end_shows_the_last(client):
    make_many(60, rounds=1)
    first = client.get("/en/agreements/?status=negotiating")
    assert len(partners(first)) == 25
    html = first.content.decode()
    assert "30 agreements match; showing 1–25" in html
    assert 'href="?status=negotiating&amp;page=2" rel="next"' in html
    second = client.get("/en/agreements/?status=negotiating&page=2")
    assert len(partners(second)) == 5
    assert partners(second)[-1] == "Partner 059"
    for page in ["999999", "-1", "2"]:
        assert partners(client.get(f"/en/agreements/?status=negotiating&page={page}")) == partners(
            second
        )
    assert partners(client.get("/en/agreements/?status=negotiating&page=abc")) == partners(first)


@pytest.mark.parametrize(
    "query, message",
    [
        ("status=bogus", "Select a valid choice. bogus is not one of the available choices."),
        ("signed_after=notadate", "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        ("signed_before=2024-02-30", "is not a real calendar date"),
        ("signed_after=2024-13", "has no month 13"),
        ("o=nonsense", "Select a valid choice. nonsense is not one of the available choices."),
        ("o=partner,nonsense", "Select a valid choice."),
        ("partner=XX", "Select a valid choice."),
        ("membership=maybe", "Select a valid choice."),
        ("q=" + "x" * 5000, "Ensure this value has at most 200 characters"),
        ("q=nul%00byte", "Null characters are not allowed."),
        ("signed_after=2025&signed_before=2024", "is later than"),
        ("signed_after=" + "9" * 10000, "is not a date of the form"),
    ],
)
def test_a_bad_filter_value_is_shown_as_a_form_error(client, seed, query, message):
    response = client.get(f"/en/agreements/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html
    assert message in html.replace("&quot;", '"').replace("&#x27;", "'")
    assert "<tbody>" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("signed_after=notadate", "«notadate» не є датою у форматі РРРР, РРРР-ММ або РРРР-ММ-ДД"),
        ("signed_before=2024-02-30", "«2024-02-30»: такої дати в календарі немає"),
        ("signed_after=2024-13", "«2024-13»: місяця 13 не буває"),
    ],
)
def test_a_bad_date_filter_is_explained_in_the_pages_language(client, seed, query, message):
    html = client.get(f"/uk/agreements/?{query}").content.decode()
    assert items_of(html, "filter-errors") == [
        f"Підписано {'не раніше' if 'after' in query else 'не пізніше'}: {message}"
    ]


def test_a_bad_filter_is_ignored_and_the_good_ones_still_apply(client, seed):
    response = client.get("/en/agreements/?status=signed&signed_after=notadate&membership=joined")
    assert partners(response) == ["Denmark", "Finland", "Netherlands"]


@pytest.mark.parametrize(
    "query",
    [
        "q=%FF%FE%FA",  # not UTF-8
        "partner=%C0%80",
        "status=signed&status=signed&status=signed",
        "partner=US&partner=GB",
        "o=&o=-signed&page=&page=2",
        "q=" + "%E2%80%94" * 100,
        "q=%22unbalanced&o=-partner",
        "q=-&status=",
        "signed_after=%00",
        "partner=U%00",
        "q=%00&partner=%00&membership=%00&o=%00&status=%00",
        "signed_before=0001-01-01&signed_after=0001",
        "signed_before=9999-12-31&signed_after=9999-12",
        "page=1e10",
        "unknown_param=1",
    ],
)
def test_odd_query_strings_never_fail(client, seed, query):
    response = client.get(f"/en/agreements/?{query}", follow=True)  # to the canonical URL
    assert response.status_code == 200
    assert "<tbody>" in response.content.decode()


def test_too_many_parameters_is_a_bad_request(client, seed):
    query = "&".join(f"status={i}" for i in range(2000))
    assert client.get(f"/en/agreements/?{query}").status_code == 400


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_many(50)
    # The count, the page's keys, the page's rows with their statistics, their pledges (the
    # totals per currency), the partner choices.
    with django_assert_max_num_queries(5):
        response = client.get("/en/agreements/?o=-rounds")
    assert len(partners(response)) == 25
    # A search also says where each row matched (3) and, on PostgreSQL, sets its time limit and
    # takes a search slot (in a savepoint here: 4); the page is cut on its keys first (+2).
    with django_assert_max_num_queries(12):
        response = client.get("/en/agreements/?q=signed&status=negotiating&membership=founding")
    assert "13 agreements match" in response.content.decode()
    with django_assert_max_num_queries(5):
        response = client.get("/en/agreements/?page=2&o=-signed&signed_before=2030")
    assert "25 agreements match" in response.content.decode()
    assert len(partners(response)) == 25
