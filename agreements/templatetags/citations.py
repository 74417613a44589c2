"""Compact citations: `{% cite citations label %}` puts numbered markers beside a fact and
`{% citation_notes %}` lists, once each, the quotes the page's markers point to.

    {% load citations %}
    <td>{% cite signatory.citations.all signatory.country.name %}</td>
    …
    {% citation_notes %}

Numbers follow the page: the markers must render before the list (agreements/citation_notes.py).
"""

from django import template
from django.utils.translation import gettext

from ..citation_notes import supports_phrase
from ..quotes import in_quotation_marks

register = template.Library()

# From this many notes on, a page's list of notes is folded (a <details>): a page citing dozens of
# sources stays short, each quote one tap away from its marker.
FOLD_NOTES_FROM = 10


@register.inclusion_tag("agreements/includes/cite.html", takes_context=True)
def cite(context, citations, *label):
    """Markers for one fact's `citations`; `label` names the fact in the notes ("Cited for"),
    given in parts if need be: {% cite round.citations.all "Round" round.number %}."""
    label = " ".join(str(part) for part in label if part not in ("", None))
    return {"notes": context["citation_notes"].cite(citations, label=label)}


@register.inclusion_tag("agreements/includes/citation_notes.html", takes_context=True)
def citation_notes(context, heading=None):
    notes = list(context["citation_notes"])
    return {
        "notes": notes,
        "heading": heading or gettext("Sources"),
        "folded": len(notes) >= FOLD_NOTES_FROM,
    }


@register.filter
def quoted(text):
    """`quotes.in_quotation_marks` as a filter: {{ citation.quote|quoted }}."""
    return in_quotation_marks(text)


@register.filter
def supports(text):
    """`citation_notes.supports_phrase` as a filter: {{ citation.supports|supports }}."""
    return supports_phrase(text)
