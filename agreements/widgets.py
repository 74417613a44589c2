"""Form widgets of the public filter panels whose choices are written out in Python.

Through the template engine every choice is a template of its own (three, with its attributes):
for the agreement list's ~200 partners and its status boxes that was a third of the uncached
page's rendering time. Written here with `format_html`, which escapes every value, once per
list of choices, selection and language (the labels arrive in the page's language), they cost
a tenth of that. The enclosing element is still Django's template, with its attributes.
"""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def plain_choices(widget):
    """The widget's (value, label) pairs as plain text, hashable for the caches below."""
    return tuple((str(value), str(label)) for value, label in widget.choices)


def selected_values(widget, value):
    return frozenset(str(v) for v in widget.format_value(value))


class PlainOptionsSelect(forms.Select):
    """A select whose options carry no attribute but `selected`."""

    template_name = "agreements/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # without optgroups
        context["widget"]["options_html"] = options_html(
            plain_choices(self), selected_values(self, value)
        )
        return context


class PlainCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes, each in its label, as Django writes them: ids `<id>_0`, `<id>_1`, …, and the
    field's other attributes (`aria-invalid`) on every box."""

    template_name = "agreements/widgets/checkboxes.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # without optgroups
        box_attrs = dict(context["widget"]["attrs"])
        box_id = box_attrs.pop("id", "")
        context["widget"]["options_html"] = checkboxes_html(
            name,
            box_id,
            flatatt(box_attrs),
            plain_choices(self),
            selected_values(self, value),
        )
        return context


@lru_cache(maxsize=256)
def options_html(choices, selected):
    """The `<option>` elements of (value, label) pairs."""
    return format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        (
            (option_value, " selected" if option_value in selected else "", label)
            for option_value, label in choices
        ),
    )


@lru_cache(maxsize=256)
def checkboxes_html(name, id_, attrs, choices, selected):
    """One `<div><label><input type="checkbox"> label</label></div>` per (value, label) pair,
    the n-th box with the id `<id_>_<n>` (none without `id_`) and `attrs` (already written)."""
    return format_html_join(
        "\n",
        '<div><label{}><input type="checkbox" name="{}" value="{}"{}{}{}> {}</label></div>',
        (
            (
                format_html(' for="{}_{}"', id_, index) if id_ else "",
                name,
                option_value,
                format_html(' id="{}_{}"', id_, index) if id_ else "",
                attrs,
                " checked" if option_value in selected else "",
                label,
            )
            for index, (option_value, label) in enumerate(choices)
        ),
    )
