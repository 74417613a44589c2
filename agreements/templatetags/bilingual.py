"""What editors wrote, in the page's language: `{% load bilingual %}`, then
`{% local agreement "title" %}` (marked up: a text only in the other language carries its `lang`
and "(in English)") or `{{ agreement|local:"title" }}` (plain text, for a page title or an
attribute). See `agreements.bilingual`."""

import dataclasses

from django import template
from django.utils.text import capfirst as text_capfirst

from ..bilingual import local_html

register = template.Library()


@register.simple_tag(name="local")
def local_tag(row, field, capfirst=False):
    """`capfirst=True` capitalises the text itself, before it is marked up."""
    text = row.local(field)
    if capfirst:
        text = dataclasses.replace(text, text=text_capfirst(text.text))
    return local_html(text)


@register.filter(name="local")
def local_filter(row, field):
    return str(row.local(field))
