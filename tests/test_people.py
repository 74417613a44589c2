"""One person however the sources spell the name: aliases, kept, reviewable and looked up."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import AgreementSignatory, Delegation, Person
from tests.admin_pages import form_data
from tests.test_admin_validation import refused, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def zelenskyy(db):
    return Person.objects.create(name="Volodymyr Zelenskyy", aliases=["Volodymyr Zelensky"])


def test_a_person_is_found_by_name_or_alias_ignoring_case_and_spaces(
    zelenskyy, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):  # the names, then the people with aliases
        assert Person.objects.by_name(" volodymyr  ZELENSKY ") == zelenskyy
    found = [Person.objects.by_name(name) for name in ("Volodymyr Zelenskyy", "V. Zelenska", "")]
    assert found == [zelenskyy, None, None]


def test_a_fixture_naming_the_person_by_an_alias_finds_the_same_row(zelenskyy):
    assert Person.objects.get_by_natural_key("Volodymyr Zelensky") == zelenskyy
    with pytest.raises(Person.DoesNotExist):
        Person.objects.get_by_natural_key("Someone Else")


def test_an_alias_that_names_someone_else_is_refused(zelenskyy):
    other = Person(name="Olena Zelenska", aliases=["volodymyr zelensky"])
    with pytest.raises(ValidationError) as refusal:
        other.full_clean()
    assert refusal.value.message_dict == {
        "aliases": [
            "“volodymyr zelensky” already names Volodymyr Zelenskyy "
            f"(person {zelenskyy.pk}): one spelling, one person. Merge the two people instead."
        ]
    }


def test_the_record_and_the_seed_name_one_president(record):
    president = Person.objects.get(name__startswith="Volodymyr Zelensk")  # one row, not two
    assert president.name == "Volodymyr Zelenskyy"
    assert president.aliases == ["Volodymyr Zelensky", "Volodymyr Zelenskiy", "Volodymyr Zelenskyi"]
    assert Delegation.objects.get().appointed_by == president  # the seed's decree: the seed's row
    signatures = AgreementSignatory.objects.filter(person__name__startswith="Volodymyr Zel")
    assert set(signatures.values_list("person", flat=True)) == {president.pk}
    assert signatures.count() >= 28


def test_an_editor_reviews_and_edits_the_other_spellings_one_per_line(editor_client, zelenskyy):
    changelist = editor_client.get(reverse("admin:agreements_person_changelist"))
    assert "Volodymyr Zelensky" in changelist.text
    url = reverse("admin:agreements_person_change", args=[zelenskyy.pk])
    assert form_data(editor_client.get(url), "person_form")["aliases"] == "Volodymyr Zelensky"
    response = submit(
        editor_client, url, "person_form", aliases="Volodymyr Zelensky\nVolodymyr  Zelenskiy\n"
    )
    assert response.status_code == 302
    zelenskyy.refresh_from_db()
    assert zelenskyy.aliases == ["Volodymyr Zelensky", "Volodymyr Zelenskiy"]
    errors = refused(submit(editor_client, url, "person_form", aliases="Volodymyr Zelenskyy"))
    assert "The name itself is not another spelling of it." in errors
