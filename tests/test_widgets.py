"""The filter panels' widgets write their choices in Python (agreements/widgets.py) for speed:
they must write what Django's own templates write, escaping and error attributes included."""

import pytest
from django import forms
from django.test.html import parse_html

from agreements.widgets import PlainCheckboxes, PlainOptionsSelect

CHOICES = [("", "any"), ("a&b", "<Ampersand> & co"), ("x", "Ex “quoted”"), ("3", "three")]


def field_html(field, value, **form_options):
    """The field bound to `value` as a form writes it, parsed for comparison."""
    form_class = type("Form", (forms.Form,), {"field": field})
    return parse_html(str(form_class({"field": value}, **form_options)["field"]))


def select(widget):
    return forms.ChoiceField(choices=CHOICES, widget=widget, required=False)


def checkboxes(widget):
    return forms.MultipleChoiceField(choices=CHOICES[1:], widget=widget, required=False)


@pytest.mark.parametrize("value", ["", "a&b", "x", "none of these"])
def test_the_plain_select_writes_what_djangos_select_writes(value):
    assert field_html(select(PlainOptionsSelect), value) == field_html(select(forms.Select), value)


@pytest.mark.parametrize("value", [[], ["a&b"], ["x", "3"], ["none of these"]])
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_the_plain_checkboxes_write_what_djangos_checkboxes_write(value, auto_id):
    assert field_html(checkboxes(PlainCheckboxes), value, auto_id=auto_id) == field_html(
        checkboxes(forms.CheckboxSelectMultiple), value, auto_id=auto_id
    )
