"""Every error message an editor or a reader can see is translated: none is written as a bare
English string where it is raised, and the Ukrainian admin shows the Ukrainian one."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from agreements.models import CandidateFact, Citation, Country, Source
from tests.admin_pages import errors_of, form_data

APP = Path(__file__).resolve().parent.parent / "agreements"

# Management commands write to a terminal, in English.
NOT_SEEN_ON_A_PAGE = {"migrations", "commands"}


def words_in(node):
    """Whether an expression is English written out: a string literal or f-string with a letter
    in its own text (an f-string that only joins translated parts, f"{name}: {error}", is not)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and re.search(r"[^\W\d_]", node.value) is not None
    if isinstance(node, ast.JoinedStr):
        return any(words_in(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):  # "… %s" % value, "…" + "…"
        return words_in(node.left) or words_in(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and words_in(node.func.value)
    if isinstance(node, ast.Dict):  # ValidationError({"field": "…"})
        return any(words_in(value) for value in node.values)
    if isinstance(node, ast.List | ast.Tuple):
        return any(words_in(item) for item in node.elts)
    if isinstance(node, ast.IfExp):
        return words_in(node.body) or words_in(node.orelse)
    return False


def shown_messages(tree):
    """(line, expression) for each message the code raises or shows: the first argument of
    ValidationError, the error of form.add_error(field, error), the message of
    message_user(request, message) and messages.error(request, message), and a value put in
    an `errors` dict that a ValidationError is then raised with."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = {
                "ValidationError": 0,
                "add_error": 1,
                "message_user": 1,
                "error": 1,
                "warning": 1,
                "success": 1,
                "info": 1,
            }.get(name)
            if name in {"error", "warning", "success", "info"} and not (
                isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "messages"
            ):
                continue
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if position is not None and len(arguments) > position:
                yield node.lineno, arguments[position]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and getattr(target.value, "id", "") == (
                    "errors"
                ):
                    yield node.lineno, node.value


def untranslated_messages():
    found = []
    for path in sorted(APP.rglob("*.py")):
        if NOT_SEEN_ON_A_PAGE & set(path.relative_to(APP).parts):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, expression in shown_messages(tree):
            if words_in(expression):
                found.append(f"{path.relative_to(APP.parent)}:{line}")
    return found


def test_no_message_an_editor_or_a_reader_sees_is_a_bare_english_string():
    untranslated = untranslated_messages()
    assert untranslated == [], (
        "These messages are English strings the Ukrainian pages would show untranslated: wrap "
        "each in _() (gettext_lazy) or gettext(), with %(name)s placeholders for the values, "
        "and translate it in locale/uk/LC_MESSAGES/django.po:\n  " + "\n  ".join(untranslated)
    )


def test_the_scan_finds_a_bare_english_message():
    code = """
raise ValidationError("Give a code.")
raise ValidationError({"iso2": f"“{code}” is not a code."})
errors["date"] = "Too early."
form.add_error("q", "No.")
raise ValidationError(_("Give a code."))
raise ValidationError(f"{name}: {error}")
"""
    found = sorted(line for line, node in shown_messages(ast.parse(code)) if words_in(node))
    assert found == [2, 3, 4, 5]


@pytest.fixture
def ukrainian_editor(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    return editor_client


@pytest.mark.django_db
def test_a_bad_country_code_is_refused_in_ukrainian_in_the_ukrainian_admin(ukrainian_editor):
    url = reverse("admin:agreements_country_add")
    data = {**form_data(ukrainian_editor.get(url), "country_form"), "name": "Ніде", "iso2": "1"}
    response = ukrainian_editor.post(url, data)
    assert errors_of(response) == ["Наведіть двобуквений код ISO 3166-1, напр. US."]
    assert not Country.objects.filter(name="Ніде").exists()


@pytest.mark.django_db
def test_a_citation_of_two_facts_is_refused_in_ukrainian_in_the_ukrainian_admin(
    ukrainian_editor, us_agreement
):
    citation = us_agreement.citations.first()
    url = reverse("admin:agreements_citation_change", args=[citation.pk])
    data = form_data(ukrainian_editor.get(url), "citation_form")
    data["country"] = str(us_agreement.partner_id)
    response = ukrainian_editor.post(url, data)
    assert errors_of(response) == ["Цитування підтверджує рівно один факт: виберіть один."]
    assert Citation.objects.get(pk=citation.pk).country_id is None


@pytest.mark.django_db
def test_a_round_accepted_before_its_agreement_is_refused_in_ukrainian_in_the_admin(
    ukrainian_editor,
):
    text = "Round 1 with the United States took place on 5 September 2023."
    source = Source.objects.create(slug="round", title="Round", text=text)
    candidate = CandidateFact.objects.create(
        source=source, position=1, kind="round", values={"partner": "US", "number": 1}, quote=text
    )
    url = reverse("admin:agreements_candidatefact_change", args=[candidate.pk])
    response = ukrainian_editor.post(url, {"_accept": "1"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "Не виконано – Ще немає угоди Україна–Сполучені Штати: спершу прийміть кандидата, "
        "який її вводить."
    ]
