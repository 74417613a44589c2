"""Writes that span rows, for admin actions and commands (forms only validate)."""

from django.db import transaction
from django.db.models import Q

from .importing.extract import agreement_slug
from .models import CandidateFact, CandidateKind

# Candidates about a part of an agreement, which needs the agreement to exist.
AGREEMENT_PARTS = {
    CandidateKind.ROUND,
    CandidateKind.PLACE,
    CandidateKind.TERM,
    CandidateKind.PLEDGE,
    CandidateKind.SIGNER,
}


def prerequisites(candidate):
    """The pending candidates of the same article that introduce the rows `candidate` needs to
    exist (the agreement of a round, place, term, pledge or signatory; a round's delegation; a
    declaration signatory's declaration), in review order."""
    values = candidate.values
    needed = Q(pk__in=[])
    if candidate.kind in AGREEMENT_PARTS:
        needed |= Q(kind=CandidateKind.AGREEMENT, target=agreement_slug(values["partner"]))
    if candidate.kind == CandidateKind.ROUND:
        if values.get("delegation"):
            needed |= Q(kind=CandidateKind.DELEGATION, target=values["delegation"])
    elif candidate.kind == CandidateKind.SIGNATORY:
        needed |= Q(kind=CandidateKind.DECLARATION, target=values["declaration"])
    pending = CandidateFact.objects.pending().filter(needed, source=candidate.source_id)
    return list(pending.select_related("source").in_review_order())


def accept_with_prerequisites(candidate, *, user=None):
    """Accept `candidate` and, before it in the same transaction, the pending candidates it
    depends on: all or none. Returns the prerequisites accepted, for the editor to be told."""
    with transaction.atomic():
        accepted = prerequisites(candidate)
        for prerequisite in accepted:
            prerequisite.accept(user=user)
        candidate.accept(user=user)
    return accepted
