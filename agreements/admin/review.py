"""The review queue: candidate facts from imported articles, and the "Import article" page.

Editors import an article (upload or paste), then accept or reject its candidates here.
Accepting writes the fact and its citation; until then nothing reaches the public pages.
"""

import json
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..forms import ImportArticleForm
from ..importing import ArticleError, import_article
from ..models import CandidateFact, CandidateStatus, Source, pk_from
from ..services import accept_with_prerequisites


class ArticleFilter(admin.SimpleListFilter):
    """One article's candidates: offers the latest imports still waiting for review and the
    article chosen, never every source (thousands of them would fill every page).

    Its parameter is the one the import redirects to: `?source__id__exact=<source id>`.
    """

    title = _("article")
    parameter_name = "source__id__exact"
    LATEST = 10

    def lookups(self, request, model_admin):
        waiting = CandidateFact.objects.pending().filter(source=OuterRef("pk"))
        sources = list(Source.objects.filter(Exists(waiting)).order_by("-pk")[: self.LATEST])
        chosen = self.chosen_pk()
        if chosen and chosen not in {source.pk for source in sources}:
            sources[:0] = Source.objects.filter(pk=chosen)
        return [(str(source.pk), str(source)) for source in sources]

    def chosen_pk(self):
        return pk_from(Source, self.value()) if self.value() else None

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(source_id=self.chosen_pk()) if self.chosen_pk() else queryset.none()


# What the review queue says after a decision, in the decision's own words.
ACCEPTED = {
    "already": _(
        "%(count)s selected candidate(s) were already accepted: nothing changed for them."
    ),
    "count": _("Accepted %(count)s candidate(s)."),
    "also": _("Also accepted “%(prerequisite)s”, which “%(candidate)s” needs."),
    "not": _("Not accepted – %(candidate)s: %(reason)s"),
}
REJECTED = {
    "already": _(
        "%(count)s selected candidate(s) were already rejected: nothing changed for them."
    ),
    "count": _("Rejected %(count)s candidate(s)."),
    "also": _("Also rejected “%(prerequisite)s”, which “%(candidate)s” needs."),
    "not": _("Not rejected – %(candidate)s: %(reason)s"),
}


@admin.register(CandidateFact)
class CandidateFactAdmin(admin.ModelAdmin):
    # Status and the article come first: visible without scrolling sideways; rows are grouped
    # by article, the newest import first, in the order the article tells them.
    list_display = ["status", "target", "kind", "proposal", "quote_excerpt", "source"]
    ordering = ["-source_id", "position"]
    list_filter = ["status", "kind", ArticleFilter, "source__publisher"]
    search_fields = ["target", "quote", "note"]
    list_select_related = ["source"]
    actions = ["accept_selected", "reject_selected"]
    change_list_template = "admin/agreements/candidatefact/change_list.html"
    change_form_template = "admin/agreements/candidatefact/change_form.html"
    fields = [
        "source_link",
        "kind",
        "target",
        "proposal",
        "quote",
        "supports",
        "note",
        "values_json",
        "status",
        "reviewed_by",
        "reviewed_at",
        "citation",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # candidates come from imports

    def changelist_view(self, request, extra_context=None):
        """Opened without a filter, the queue shows what is left to do: the pending
        candidates of the newest import that has any (all pending ones if none)."""
        if request.method == "GET" and not request.GET:
            newest = CandidateFact.objects.pending().order_by("-source_id").first()
            query = f"status__exact={CandidateStatus.PENDING}"
            if newest:
                query += f"&source__id__exact={newest.source_id}"
            return redirect(f"{request.path}?{query}")
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("proposes"))
    def proposal(self, candidate):
        return candidate.summary

    @admin.display(description=_("quote"))
    def quote_excerpt(self, candidate):
        return Truncator(candidate.quote).chars(90)

    @admin.display(description=_("source"))
    def source_link(self, candidate):
        url = reverse("admin:agreements_source_change", args=[candidate.source_id])
        return format_html('<a href="{}">{}</a>', url, candidate.source)

    @admin.display(description=_("values"))
    def values_json(self, candidate):
        return format_html(
            "<pre><code>{}</code></pre>", json.dumps(candidate.values, indent=2, ensure_ascii=False)
        )

    @admin.action(
        description=_("Accept selected candidates (write the facts)"), permissions=["change"]
    )
    def accept_selected(self, request, queryset):
        already = queryset.filter(status=CandidateStatus.ACCEPTED).count()
        candidates = queryset.exclude(status=CandidateStatus.ACCEPTED)
        candidates = candidates.select_related("source").in_review_order()

        def accept(candidate):
            return accept_with_prerequisites(candidate, user=request.user)

        self.decide(request, candidates, accept, ACCEPTED, already)

    @admin.action(description=_("Reject selected candidates"), permissions=["change"])
    def reject_selected(self, request, queryset):
        already = queryset.filter(status=CandidateStatus.REJECTED).count()
        candidates = queryset.exclude(status=CandidateStatus.REJECTED)

        def reject(candidate):
            candidate.reject(user=request.user)
            return []

        self.decide(request, candidates, reject, REJECTED, already)

    def decide(self, request, candidates, decision, done, already=0):
        """Apply `decision` to each candidate; report how many it took, how many were so
        already (nothing changed for them), what else it took with them (`decision` returns
        the candidates it decided on first: a round's agreement) and why others were not.
        `done` holds the messages in the decision's words (ACCEPTED, REJECTED)."""
        if already:
            self.message_user(request, done["already"] % {"count": already}, messages.INFO)
        candidates = list(candidates)
        selected = {candidate.pk for candidate in candidates}
        count, failures, also, decided = 0, [], [], set()
        for candidate in candidates:
            if candidate.pk in decided:
                continue  # decided already, as another one's prerequisite
            try:
                first = decision(candidate)
            except ValidationError as error:
                failures.append({"candidate": candidate, "reason": " ".join(error.messages)})
                continue
            count += 1 + sum(1 for prerequisite in first if prerequisite.pk in selected)
            decided.update(prerequisite.pk for prerequisite in first)
            also += [
                {"prerequisite": prerequisite, "candidate": candidate}
                for prerequisite in first
                if prerequisite.pk not in selected
            ]
        if count:
            self.message_user(request, done["count"] % {"count": count}, messages.SUCCESS)
        for names in also:
            self.message_user(request, done["also"] % names, messages.INFO)
        for failure in failures:
            self.message_user(request, done["not"] % failure, messages.ERROR)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The candidate's page has "Accept" and "Reject" buttons instead of "Save"."""
        decision = next((d for d in ["_accept", "_reject"] if d in request.POST), None)
        if request.method != "POST" or decision is None:
            return super().change_view(request, object_id, form_url, extra_context)
        candidate = self.get_object(request, object_id)
        if candidate is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, candidate):
            raise PermissionDenied
        try:
            if decision == "_accept":
                for prerequisite in accept_with_prerequisites(candidate, user=request.user):
                    self.message_user(
                        request,
                        ACCEPTED["also"] % {"prerequisite": prerequisite, "candidate": candidate},
                    )
            else:
                candidate.reject(user=request.user)
        except ValidationError as error:
            reason = " ".join(error.messages)
            self.message_user(
                request, gettext("Not done – %(reason)s") % {"reason": reason}, messages.ERROR
            )
            return redirect(request.path)
        candidate.refresh_from_db()
        self.message_user(
            request,
            gettext("%(status)s: %(candidate)s")
            % {"status": candidate.get_status_display().capitalize(), "candidate": candidate},
        )
        return redirect(self.next_pending_url(candidate, request.GET.get("_changelist_filters")))

    def next_pending_url(self, candidate, queue_filters=None):
        """The next candidate of the same article still to review, else the article's queue;
        the queue's filter (`_changelist_filters`, as admin keeps it) goes along."""
        following = (
            CandidateFact.objects.pending()
            .filter(source=candidate.source, position__gt=candidate.position)
            .order_by("position")
            .first()
        )
        if following:
            url = reverse("admin:agreements_candidatefact_change", args=[following.pk])
            return (
                f"{url}?{urlencode({'_changelist_filters': queue_filters})}"
                if queue_filters
                else url
            )
        changelist = reverse("admin:agreements_candidatefact_changelist")
        return f"{changelist}?{queue_filters or f'source__id__exact={candidate.source_id}'}"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [
            path("import/", view, name="agreements_candidatefact_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.has_perm("agreements.add_source"):
            raise PermissionDenied
        if request.method == "POST":
            form = ImportArticleForm(request.POST, request.FILES)
        else:
            form = ImportArticleForm()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                result = import_article(
                    data["raw"],
                    published=data["published"],
                    **{key: data[key] for key in ["date_note", "publisher", "url", "title"]},
                )
            except ArticleError as error:
                form.add_error(None, f"{data['name']}: {error}")
            else:
                return self.report_import(request, result)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import article"),
            "form": form,
        }
        return TemplateResponse(
            request, "admin/agreements/candidatefact/import_article.html", context
        )

    def report_import(self, request, result):
        source = result.source
        if not result.created:
            self.message_user(
                request,
                gettext(
                    "This article was already imported as “%(source)s”: nothing new was stored."
                )
                % {"source": source},
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                gettext("Imported “%(source)s”: %(count)s candidate facts to review.")
                % {"source": source, "count": len(result.candidates)},
                messages.SUCCESS,
            )
        for warning in result.warnings:
            self.message_user(request, warning, messages.WARNING)
        changelist = reverse("admin:agreements_candidatefact_changelist")
        return redirect(f"{changelist}?source__id__exact={source.pk}")
