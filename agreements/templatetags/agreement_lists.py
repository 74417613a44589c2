"""Template filters for the overview and the agreement list, and the list's rows."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from .. import models
from ..bilingual import local_html
from ..models import MEMBERSHIP_CHOICES, NO_MEMBERSHIP
from ..partial_dates import PartialDate

register = template.Library()
MEMBERSHIP_LABELS = dict(MEMBERSHIP_CHOICES)


@register.filter
def partial_date(value):
    """A PartialDate, or ISO text from an annotation (`latest_round_on`), as a <time> element.

    `{{ date }}` alone prints str(date): Django's variable rendering calls str() before
    escaping, so PartialDate.__html__ is only used through this filter.
    """
    return mark_safe(
        PartialDate.coerce(value).__html__()
    )  # __html__ builds the markup from digits and month names


@register.filter
def day_date(value):
    """A datetime's local day as the active language writes dates ("3 Aug 2023", "3 серп. 2023")."""
    return str(PartialDate.from_date(timezone.localtime(value)))


@register.filter
def membership_label(role):
    """The partner's declaration role as the list shows it; None means not a signatory."""
    return MEMBERSHIP_LABELS.get(role or NO_MEMBERSHIP, role)


@register.filter
def status_label(status):
    """A stored status code ("in_force") as people read it ("in force")."""
    return models.status_label(status)


def muted(text):
    return format_html('<span class="muted">{}</span>', text)


def term_html(agreement):
    if agreement.term_kind == models.TermKind.YEARS:
        years = agreement.term_years
        text = ngettext("%(years)s year", "%(years)s years", years) % {"years": years}
        return format_html('<span class="nowrap">{}</span>', text)
    if agreement.term_kind:
        return agreement.get_term_kind_display()
    return muted(gettext("not reported"))


def pledges_html(agreement):
    totals = [
        format_html(
            '<span class="nowrap">{} {}</span>{}',
            currency,
            floatformat(total, "0g"),
            format_html(' <span class="nowrap">({})</span>', period) if period else "",
        )
        for currency, period, total in agreement.pledge_totals
    ]
    return mark_safe("<br>".join(totals)) if totals else muted(gettext("none reported"))


@register.simple_tag
def agreement_place(agreement):
    """The signing place with its detail, "Kyiv (Mariinskyi Palace)", each written in the page's
    language or marked as written in the other; "" when neither language reports it."""
    place, detail = agreement.local("place"), agreement.local("place_detail")
    if not place:
        return ""
    if not detail:
        return local_html(place)
    return format_html("{} ({})", local_html(place), local_html(detail))


@register.simple_tag
def status_badge(status, label):
    """A status ("in_force") as its label, styled by status: `{% status_badge code label %}`"""
    return format_html('<span class="status status-{}">{}</span>', status, label)


@register.simple_tag
def agreement_row(agreement):
    """One agreement as a row of the list: the cells in the order of `filters.LIST_COLUMNS`.

    Built in Python, as the admin's change list builds its rows (`items_for_result`): written
    in the template, the 25 rows' 275 cells were the largest part of the uncached list page.
    """
    partner = agreement.partner
    partner_name = partner.local_name
    if agreement.is_signed:
        signed = partial_date(agreement.signed_on)
    else:
        signed = muted(gettext("not signed"))
    place = agreement.local("place")
    if agreement.round_count:
        latest_round = partial_date(agreement.latest_round_on)
    else:
        latest_round = muted(gettext("no rounds"))
    cells = [
        partial_date(agreement.negotiations_started_on),
        signed,
        local_html(place) if place else muted(gettext("not reported")),
        term_html(agreement),
        pledges_html(agreement),
    ]
    return format_html(
        '<tr id="agreement-{slug}">'
        '<td><input type="checkbox" name="a" value="{iso2}" id="compare-{iso2}"'
        ' aria-label="{compare}"></td>'
        '<th scope="row"><a href="{url}">{partner}</a></th><td>{status}</td>'
        "{cells}"
        '<td class="num">{rounds}</td><td>{latest_round}</td><td>{membership}</td></tr>',
        slug=agreement.slug,
        iso2=partner.iso2,
        compare=gettext("Compare %(partner)s") % {"partner": partner_name},
        url=agreement.get_absolute_url(),
        partner=partner_name,
        status=status_badge(agreement.status, agreement.get_status_display()),
        cells=format_html_join("", "<td>{}</td>", ((cell,) for cell in cells)),
        rounds=agreement.round_count,
        latest_round=latest_round,
        membership=membership_label(agreement.membership),
    )
