"""What changed in the tracker: agreement status changes, from the edit history.

django-simple-history keeps one record per save of an agreement or round. A status change is a
record whose status differs from the previous record of the same agreement, or the agreement's
first record (it was entered with that status). Baseline records (`manage.py baseline_history`,
which `make seed` runs for rows loaded from fixtures or backups) are where the history starts, not
news: they are left out here, though an edit after one is compared with it.
"""

from django.db.models import Exists, F, OuterRef, Q, Subquery

from .models import BASELINE_CHANGE_REASON, Agreement


def status_changes():
    """Historical agreement records that set a status, newest first, each with `previous_status`."""
    history = Agreement.history.model
    previous = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("status")[:1]
    )
    return (
        history.objects.exclude(history_type="-")
        .exclude(history_change_reason=BASELINE_CHANGE_REASON)
        .annotate(previous_status=Subquery(previous))
        .filter(Q(previous_status__isnull=True) | ~Q(previous_status=F("status")))
        .filter(Exists(Agreement.objects.filter(pk=OuterRef("id"))))
        .select_related("partner")
        .order_by("-history_date", "-history_id")
    )
