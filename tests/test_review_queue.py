"""An editor imports an article in admin, reviews its candidate facts, accepts or rejects them."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.importing import import_article
from agreements.models import (
    Agreement,
    AgreementSignatory,
    CandidateFact,
    CandidateStatus,
    Citation,
    DeclarationSignatory,
    NegotiationRound,
    Person,
    Pledge,
    Source,
)
from agreements.partial_dates import PartialDate

from .test_importing import START

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/agreements/candidatefact/"
IMPORT = "/admin/agreements/candidatefact/import/"


def act(client, action, candidates):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in candidates]},
        follow=True,
    )


def test_an_editor_uploads_an_article_and_accepts_its_candidates(editor_client, editor):
    admin_client, admin_user = editor_client, editor  # a member of Editors, not a superuser
    changelist = admin_client.get(CHANGELIST, follow=True).content.decode()
    assert f'href="{IMPORT}"' in changelist  # the "Import article" button
    assert admin_client.get(IMPORT).status_code == 200

    upload = SimpleUploadedFile("start.txt", START.read_bytes(), content_type="text/plain")
    response = admin_client.post(IMPORT, {"file": upload}, follow=True)
    source = Source.objects.get()
    assert response.redirect_chain[-1][0] == f"{CHANGELIST}?source__id__exact={source.pk}"
    page = response.content.decode()
    assert "34 candidate facts to review" in page
    assert "ukraine-united-states #1" in page

    # Nothing is public before acceptance.
    assert not Agreement.objects.exists()
    assert "United States" not in admin_client.get("/en/").content.decode()
    assert source.title not in admin_client.get("/en/sources/").content.decode()
    assert admin_client.get(source.get_absolute_url()).status_code == 404

    response = act(admin_client, "accept_selected", CandidateFact.objects.all())
    assert "Accepted 34 candidate(s)." in response.content.decode()
    us = Agreement.objects.get(partner__iso2="US")
    assert (us.status, us.negotiations_started_on.iso) == ("negotiating", "2023-08-03")
    first = us.rounds.get(number=1)
    assert (first.date.iso, first.ukrainian_lead.name) == ("2023-08-03", "Andrii Yermak")
    assert "National Security Council" in first.partner_delegation
    accepted = CandidateFact.objects.select_related("citation")
    assert {c.status for c in accepted} == {CandidateStatus.ACCEPTED}
    assert {c.reviewed_by for c in accepted} == {admin_user}
    for candidate in accepted:
        assert candidate.citation.source == source
        assert candidate.citation.quote == candidate.quote
    assert "United States" in admin_client.get("/en/").content.decode()
    assert source.title in admin_client.get("/en/sources/").content.decode()
    assert admin_client.get(source.get_absolute_url()).status_code == 200


def test_accepting_twice_changes_nothing(admin_client):
    import_article(START.read_bytes())
    act(admin_client, "accept_selected", CandidateFact.objects.all())
    citations = Citation.objects.count()
    history = Agreement.history.count()
    act(admin_client, "accept_selected", CandidateFact.objects.all())
    CandidateFact.objects.first().accept()
    assert Citation.objects.count() == citations
    assert Agreement.history.count() == history


def test_an_editor_pastes_text_and_the_second_paste_is_a_duplicate(admin_client):
    text = "Ukraine and Poland started negotiations on a security agreement on 2 May 2024."
    data = {"text": text, "published": "2024-05", "publisher": "Example Press"}
    admin_client.post(IMPORT, data)
    source = Source.objects.get()
    assert (source.published_on.iso, source.publisher) == ("2024-05", "Example Press")
    response = admin_client.post(IMPORT, {"text": f"  {text}\n"}, follow=True)
    assert "already imported" in response.content.decode()
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"file": ("a.txt", "Київ café".encode("cp1251", "replace"))}, "a.txt: not valid UTF-8"),
        ({"file": ("b.png", b"\x89PNG\r\n\x1a\n\x00\x00")}, "b.png: binary file, not text"),
        ({"file": ("c.txt", b"")}, "The submitted file is empty."),
        ({"file": ("d.txt", b"a" * (5 * 1024 * 1024 + 1))}, "d.txt: too large"),
        ({}, "Upload a file or paste the text (one of the two)."),
        (
            {"text": "Ukraine and Poland started negotiations.", "published": "2024-13"},
            "has no month 13",
        ),
        (
            {"text": "date 2024-13\n\nUkraine and Poland started negotiations."},
            "pasted text: the date line “date 2024-13”: “2024-13” has no month 13",
        ),
        (
            {"file": ("e.txt", b"date 2024-02-30 Ukraine and Poland started negotiations.")},
            "e.txt: the date line “date 2024-02-30”: “2024-02-30” is not a real calendar date",
        ),
    ],
)
def test_bad_input_on_the_import_page_is_explained_and_nothing_is_stored(
    admin_client, data, message
):
    if "file" in data:
        name, content = data["file"]
        data = {"file": SimpleUploadedFile(name, content)}
    response = admin_client.post(IMPORT, data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Source.objects.exists() and not CandidateFact.objects.exists()


def test_rejected_candidates_never_become_facts(admin_client):
    import_article(START.read_bytes())
    signatories = CandidateFact.objects.filter(kind="signatory")
    response = act(admin_client, "reject_selected", signatories)
    assert "Rejected 19 candidate(s)." in response.content.decode()
    act(admin_client, "accept_selected", CandidateFact.objects.pending())
    assert Agreement.objects.exists()
    assert not DeclarationSignatory.objects.exists()
    # An accepted candidate cannot be rejected afterwards: the fact is edited instead.
    response = act(admin_client, "reject_selected", CandidateFact.objects.filter(kind="person"))
    assert "already accepted" in response.content.decode()


def test_a_later_article_turns_negotiations_into_a_signed_agreement(admin_client):
    import_article(
        b"Ukraine and Latvia started negotiations on a security agreement on 2 May 2024.",
        published=PartialDate(2024, 5),
    )
    act(admin_client, "accept_selected", CandidateFact.objects.all())
    assert Agreement.objects.get().status == "negotiating"
    import_article(
        b"As of today, Ukraine has already signed bilateral security agreements with two "
        b"states, namely: Latvia and Estonia.",
        published=PartialDate(2024, 7),
    )
    act(admin_client, "accept_selected", CandidateFact.objects.pending())
    latvia = Agreement.objects.get(partner__iso2="LV")
    assert (latvia.status, latvia.negotiations_started_on.iso) == ("signed", "2024-05-02")
    assert latvia.citations.count() == 3  # negotiating, started on 2 May, signed
    assert Agreement.objects.get(partner__iso2="EE").status == "signed"


def test_a_contradiction_is_refused_and_leaves_nothing_half_done(admin_client):
    import_article(START.read_bytes())
    act(admin_client, "accept_selected", CandidateFact.objects.all())
    text = "Olha Stefanishyna led round 1 on 5 September 2023."
    source = Source.objects.create(slug="other", title="Other", text=text)
    candidate = CandidateFact.objects.create(
        source=source,
        position=1,
        kind="round",
        target="ukraine-united-states #1",
        values={
            "partner": "US",
            "number": 1,
            "date": "2023-09-05",
            "ukrainian_lead": "Olha Stefanishyna",
        },
        quote=text,
    )
    response = act(admin_client, "accept_selected", [candidate])
    page = response.content.decode()
    assert "Date: the article says 5 Sep 2023, the tracker already has 3 Aug 2023." in page
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING
    assert not Person.objects.filter(name="Olha Stefanishyna").exists()  # rolled back
    assert NegotiationRound.objects.get(number=1).date.iso == "2023-08-03"


def test_an_editor_reads_a_candidate_with_its_quote_and_values(admin_client):
    import_article(START.read_bytes())
    candidate = CandidateFact.objects.get(kind="start")
    page = admin_client.get(f"{CHANGELIST}{candidate.pk}/change/").content.decode()
    assert "Ukraine today started negotiations with the United States of America" in page
    assert "&quot;date&quot;: &quot;2023-08-03&quot;" in page
    assert "Year from the article&#x27;s date (Aug 2023)." in page
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403  # only imports add them


def test_the_review_queue_runs_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    for number in range(30):
        text = f"Ukraine and Japan started negotiations on round {number} on 2 May 2024."
        import_article(text.encode())
    assert CandidateFact.objects.count() == 90  # the agreement, the start, the first round
    with django_assert_max_num_queries(8):
        assert admin_client.get(CHANGELIST, {"status__exact": "pending"}).status_code == 200


def test_an_editor_reviews_one_candidate_after_another(admin_client):
    import_article(START.read_bytes())
    first, second, third = CandidateFact.objects.order_by("position")[:3]
    page = admin_client.get(f"{CHANGELIST}{first.pk}/change/").content.decode()
    assert 'name="_accept"' in page and 'name="_reject"' in page
    response = admin_client.post(f"{CHANGELIST}{first.pk}/change/", {"_accept": "Accept"})
    assert response.url == f"{CHANGELIST}{second.pk}/change/"  # on to the next one
    assert Agreement.objects.get().status == "negotiating"
    response = admin_client.post(f"{CHANGELIST}{second.pk}/change/", {"_reject": "Reject"})
    assert response.url == f"{CHANGELIST}{third.pk}/change/"
    assert not Agreement.objects.get().negotiations_started_on  # the start was rejected
    assert not Person.objects.exists()
    second.refresh_from_db()
    assert second.status == CandidateStatus.REJECTED
    page = admin_client.get(f"{CHANGELIST}{first.pk}/change/").content.decode()
    assert 'name="_accept"' not in page and "Accepted by admin" in page


def test_the_article_filter_offers_the_latest_imports_and_keeps_the_import_link(
    admin_client, django_assert_max_num_queries
):
    for number in range(15):
        text = f"Ukraine and Japan started negotiations on round {number} on 2 May 2024."
        import_article(text.encode(), title=f"Japan talks {number:02}")
    oldest = Source.objects.get(title="Japan talks 00")

    page = admin_client.get(CHANGELIST, follow=True)
    article_filter = next(
        spec for spec in page.context["cl"].filter_specs if spec.title == "article"
    )
    offered = [title for _, title in article_filter.lookup_choices]
    assert len(offered) == 10
    assert offered[0].startswith("Japan talks 14")
    assert str(oldest) not in offered

    # The link the import redirects to: that article's candidates, shown as the chosen filter.
    with django_assert_max_num_queries(9):
        page = admin_client.get(CHANGELIST, {"source__id__exact": oldest.pk})
    cl = page.context["cl"]
    assert {candidate.source_id for candidate in cl.result_list} == {oldest.pk}
    assert cl.result_count == oldest.candidates.count() == 3
    article_filter = next(spec for spec in cl.filter_specs if spec.title == "article")
    chosen = [choice["display"] for choice in article_filter.choices(cl) if choice["selected"]]
    assert chosen == [str(oldest)]

    for bad in ("abc", "9" * 30, "-1"):
        page = admin_client.get(CHANGELIST, {"source__id__exact": bad})
        assert page.status_code == 200
        assert page.context["cl"].result_count == 0


def test_the_queue_opens_on_the_pending_candidates_of_the_newest_import(admin_client):
    older = import_article(START.read_bytes()).source
    act(admin_client, "accept_selected", older.candidates.all()[:5])
    newer = import_article(b"Ukraine and Japan started negotiations on 2 May 2024.").source
    response = admin_client.get(CHANGELIST)
    assert response.url == f"{CHANGELIST}?status__exact=pending&source__id__exact={newer.pk}"
    act(admin_client, "accept_selected", newer.candidates.all())
    response = admin_client.get(CHANGELIST, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"source__id__exact={older.pk}")
    listed = response.context["cl"].result_list
    assert [c.position for c in listed] == [c.position for c in older.candidates.pending()]
    assert response.context["cl"].list_display[:2] == ["action_checkbox", "status"]


def test_accepting_accepted_candidates_again_says_what_was_already_done(admin_client):
    import_article(START.read_bytes())
    act(admin_client, "accept_selected", CandidateFact.objects.order_by("position")[:3])
    response = act(admin_client, "accept_selected", CandidateFact.objects.order_by("position")[:5])
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        "3 selected candidate(s) were already accepted: nothing changed for them.",
        "Accepted 2 candidate(s).",
    ]


def test_a_decision_keeps_the_queue_filter(admin_client):
    import_article(START.read_bytes())
    first, second = CandidateFact.objects.order_by("position")[:2]
    queue = "_changelist_filters=status__exact%3Dpending%26kind__exact%3Dround"
    response = admin_client.post(f"{CHANGELIST}{first.pk}/change/?{queue}", {"_accept": "Accept"})
    assert response.url == f"{CHANGELIST}{second.pk}/change/?{queue}"
    last = CandidateFact.objects.order_by("position").last()
    url = f"{CHANGELIST}{last.pk}/change/?_changelist_filters=status__exact%3Dpending"
    response = admin_client.post(url, {"_reject": "Reject"})
    assert response.url == f"{CHANGELIST}?status__exact=pending"


def test_accepting_a_round_first_accepts_the_agreement_it_belongs_to(admin_client):
    import_article(START.read_bytes())
    round_one = CandidateFact.objects.filter(target="ukraine-united-states #1").first()
    (agreement,) = CandidateFact.objects.filter(kind="agreement", target="ukraine-united-states")
    response = act(admin_client, "accept_selected", [round_one])
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        "Accepted 1 candidate(s).",
        f"Also accepted “{agreement}”, which “{round_one}” needs.",
    ]
    assert Agreement.objects.get().rounds.filter(number=1).exists()
    agreement.refresh_from_db()
    assert agreement.status == CandidateStatus.ACCEPTED


DENMARK = (
    b"Ukraine and Denmark sign security pact\n\n"
    b"Danish Prime Minister Mette Frederiksen and President Zelenskyy signed a 10-year "
    b"security agreement in Lviv on Friday.\n\n"
    b"Under the agreement Denmark will provide 1.8 billion euros in military aid this year.\n"
)


def import_denmark():
    return import_article(DENMARK, published=PartialDate(2024, 2, 23)).source


def test_accepting_a_signing_writes_its_place_term_pledge_and_signatories(admin_client):
    source = import_denmark()
    act(admin_client, "accept_selected", CandidateFact.objects.all())
    denmark = Agreement.objects.get(partner__iso2="DK")
    assert (denmark.place, denmark.term_kind, denmark.term_years) == ("Lviv", "years", 10)
    assert denmark.citations.filter(source=source, supports="place: Lviv").exists()
    assert denmark.citations.filter(source=source, supports="term: 10 years").exists()
    (pledge,) = Pledge.objects.all()
    assert (pledge.agreement, pledge.amount, pledge.currency) == (denmark, 1_800_000_000, "EUR")
    assert pledge.citations.get().quote.startswith("Under the agreement Denmark will provide")
    signatories = AgreementSignatory.objects.order_by("-side")
    assert [(s.person.name, s.side, s.role) for s in signatories] == [
        ("Volodymyr Zelenskyy", "ukraine", "President"),
        ("Mette Frederiksen", "partner", "Danish Prime Minister"),
    ]
    assert all(s.citations.get().source == source for s in signatories)


def test_each_accepted_detail_is_one_save_with_one_history_record(admin_client):
    import_denmark()
    act(admin_client, "accept_selected", CandidateFact.objects.filter(kind="agreement"))
    denmark = Agreement.objects.get()
    before = denmark.history.count()
    act(admin_client, "accept_selected", CandidateFact.objects.filter(kind="place"))
    assert denmark.history.count() == before + 1
    act(
        admin_client, "accept_selected", CandidateFact.objects.filter(kind__in=["pledge", "signer"])
    )
    assert [p.history.count() for p in Pledge.objects.all()] == [1]
    assert [s.history.count() for s in AgreementSignatory.objects.all()] == [1, 1]


def test_a_signatory_is_the_person_the_tracker_knows_under_another_spelling(admin_client):
    known = Person.objects.create(name="M. Frederiksen", aliases=["Mette Frederiksen"])
    import_denmark()
    act(admin_client, "accept_selected", CandidateFact.objects.all())
    partner_side = AgreementSignatory.objects.get(side="partner")
    assert partner_side.person == known
    assert not Person.objects.filter(name="Mette Frederiksen").exists()


def test_accepting_a_place_first_accepts_the_agreement_it_belongs_to(admin_client):
    import_denmark()
    response = act(admin_client, "accept_selected", CandidateFact.objects.filter(kind="place"))
    said = [str(message) for message in response.context["messages"]]
    assert said[0] == "Accepted 1 candidate(s)."
    assert Agreement.objects.get().place == "Lviv"


@pytest.mark.parametrize(
    "recorded, kind, message",
    [
        (
            {"place": "Kyiv"},
            "place",
            "Signing place: the article says Lviv, the tracker already has Kyiv.",
        ),
        (
            {"term_kind": "open_ended"},
            "term",
            "Term: the article says 10 years from signing, the tracker already has Open-ended.",
        ),
    ],
)
def test_a_detail_that_contradicts_the_editors_value_is_refused(
    admin_client, recorded, kind, message
):
    import_denmark()
    act(admin_client, "accept_selected", CandidateFact.objects.filter(kind="agreement"))
    Agreement.objects.update(**recorded)
    response = act(admin_client, "accept_selected", CandidateFact.objects.filter(kind=kind))
    assert message in html.unescape(response.content.decode())
    assert CandidateFact.objects.get(kind=kind).status == CandidateStatus.PENDING
    assert Agreement.objects.filter(**recorded).exists()


def test_a_pledge_for_the_same_period_with_another_amount_is_refused(admin_client):
    import_denmark()
    act(admin_client, "accept_selected", CandidateFact.objects.filter(kind="agreement"))
    denmark = Agreement.objects.get()
    Pledge.objects.create(agreement=denmark, amount=1_700_000_000, currency="EUR", period="2024")
    candidate = CandidateFact.objects.get(kind="pledge")
    candidate.values = {**candidate.values, "period": "2024"}
    candidate.save()
    response = act(admin_client, "accept_selected", [candidate])
    assert (
        "Pledge for 2024: the article says 1,800,000,000 EUR, the tracker already has "
        "1,700,000,000 EUR." in html.unescape(response.content.decode())
    )
    assert [p.amount for p in Pledge.objects.all()] == [1_700_000_000]
