"""What editors wrote, in the page's language: `{% load bilingual %}`, then
`{% local agreement "title" %}` (marked up: a text only in the other language carries its `lang`
and "(in English)") or `{{ agreement|local:"title" }}` (plain text, for a page title or an
attribute). See `agreements.bilingual`."""

from django import template

from ..bilingual import local_html

register = template.Library()


@register.simple_tag(name="local")
def local_tag(row, field):
    return local_html(row.local(field))


@register.filter(name="local")
def local_filter(row, field):
    return str(row.local(field))
