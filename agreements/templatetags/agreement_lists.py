"""Template filters for the overview and the agreement list."""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from .. import models
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
