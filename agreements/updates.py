"""What changed in the tracker: agreement status changes, from the edit history.

django-simple-history keeps one record per save of an agreement or round. A status change is a
record whose status differs from the previous record of the same agreement: a real change after
the agreement was first recorded. An agreement's first record is where its history starts, not
news, however it came: entered by an editor, created or first updated by the public record's
first load (`manage.py load_record`), or a baseline (`manage.py baseline_history`, for rows
loaded from fixtures or backups).
"""

from django.db.models import Exists, F, OuterRef, Subquery

from .models import Agreement


def status_changes():
    """Historical agreement records whose status differs from the agreement's previous record,
    newest first, each with `previous_status`."""
    history = Agreement.history.model
    previous = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("status")[:1]
    )
    return (
        history.objects.exclude(history_type="-")
        .annotate(previous_status=Subquery(previous))
        .filter(previous_status__isnull=False)
        .exclude(previous_status=F("status"))
        .filter(Exists(Agreement.objects.filter(pk=OuterRef("id"))))
        .select_related("partner")
        .order_by("-history_date", "-history_id")
    )
