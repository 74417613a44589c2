"""Every form: editors' forms (edit-conflict detection, citation rules, the "mark signed" action,
the article import) and the public pages' filter forms. Forms validate; they do not write."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .importing.text import MAX_BYTES
from .models import Agreement, Citation, Source, pk_from
from .partial_dates import PartialDate, PartialDateFormField
from .quotes import quote_occurs_in
from .timeline import EventType

CONFLICT_ADVICE = _(
    "Nothing of yours has been saved yet: your edits are still in the form below. Compare them "
    "with theirs, then save again to keep yours."
)


def shown(value):
    """A value as the conflict message shows it."""
    if value in (None, "") or (isinstance(value, PartialDate) and not value):
        return gettext("empty")
    return f"“{Truncator(str(value)).chars(80)}”"


def field_value(model, name, value):
    field = model._meta.get_field(name)
    return dict(field.flatchoices).get(value, value) if field.choices else value


class VersionedModelForm(forms.ModelForm):
    """Carries the version of the row the editor loaded and refuses to overwrite a newer one.

    A save whose `loaded_version` is no longer the row's version is an edit conflict: the form
    shows who saved in between and what they changed, keeps the editor's input, and takes the
    new version on board so that saving again deliberately replaces theirs.
    """

    loaded_version = forms.CharField(
        widget=forms.HiddenInput, required=False, label=_("version loaded")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # A string, as posted back: an unchanged form must not count as changed.
            self.fields["loaded_version"].initial = str(self.version_when_loaded())

    def version_when_loaded(self):
        # A form opened on an old historical record (simple-history's revert page) reverts the
        # current row, so it is loaded at the row's current version.
        if getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None:
            return self.current_version()
        return self.instance.version

    def current_version(self):
        model = type(self.instance)
        rows = model._base_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
        return rows.first()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        try:
            loaded = int(cleaned_data.get("loaded_version") or "")
        except ValueError:
            raise ValidationError(
                _(
                    "This form does not say which version of the row it edits: reload the page "
                    "and enter your changes again."
                ),
                code="no_version",
            ) from None
        current = self.current_version()
        if current is not None and current != loaded:
            message = self.conflict_message(loaded)
            if message:
                self.data = self.data.copy()
                self.data[self.add_prefix("loaded_version")] = str(current)
                raise ValidationError(message, code="edit_conflict")
            loaded = current  # saved again in between, but with no change: nothing to lose
        self.instance.version = loaded
        return cleaned_data

    def conflict_message(self, loaded):
        """Who saved this row after version `loaded` and what they changed; None if nothing."""
        model = type(self.instance)
        history = model.history.filter(**{model._meta.pk.attname: self.instance.pk}).select_related(
            "history_user"
        )
        newer = list(history.filter(version__gt=loaded))
        baseline = history.filter(version=loaded).first()
        if newer and baseline and not newer[0].diff_against(baseline).changes:
            return None
        who = sorted({str(record.history_user) for record in newer if record.history_user})
        when = newer[0].history_date if newer else None
        fact = model._meta.verbose_name
        parts = [gettext("Another editor saved this %(fact)s after you opened it") % {"fact": fact}]
        if who or when:
            detail = ", ".join(who) or gettext("someone")
            if when:
                detail += f", {timezone.localtime(when):%d %b %Y %H:%M %Z}"
            parts[0] += f" ({detail})"
        if newer and baseline:
            delta = newer[0].diff_against(baseline, foreign_keys_are_objs=True)
            changes = [
                f"{model._meta.get_field(change.field).verbose_name} "
                f"{shown(field_value(model, change.field, change.old))} → "
                f"{shown(field_value(model, change.field, change.new))}"
                for change in delta.changes
            ]
            if changes:
                parts.append(gettext("They changed %(changes)s") % {"changes": "; ".join(changes)})
        else:
            # No record of the version this editor loaded: compare their values with yours.
            differences = [
                gettext("%(field)s is %(theirs)s (yours: %(yours)s)")
                % {
                    "field": self.fields[name].label,
                    "theirs": shown(self.initial.get(name)),
                    "yours": shown(self.cleaned_data.get(name)),
                }
                for name in self.changed_data
                if name in self.cleaned_data and name != "loaded_version"
            ]
            if differences:
                parts.append(
                    gettext("Their saved values that differ from yours: %(values)s")
                    % {"values": "; ".join(differences)}
                )
        return ". ".join(parts) + ". " + str(CONFLICT_ADVICE)


class OneLineEachField(forms.CharField):
    """A list of texts (a JSON list in the database) edited as one entry per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):  # JSONField's, not needed
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


class JSONObjectField(forms.JSONField):
    """A JSON object typed by an editor: a bad entry says how to write one."""

    default_error_messages = {
        "invalid": _(
            "This is not written as JSON: give {“field”: “text”} pairs in double "
            'quotes, separated by commas, e.g. {"signed_on": "2024-01-11"}.'
        ),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value not in (None, "") and not isinstance(value, dict):
            raise ValidationError(
                _(
                    'Give an object in braces, e.g. {"signed_on": "2024-01-11"}, not a list or a '
                    "single value."
                ),
                code="not_an_object",
            )
        return value


class PersonForm(VersionedModelForm):
    class Meta:
        field_classes = {"aliases": OneLineEachField}


class AgreementForm(VersionedModelForm):
    """An agreement: its links one per line, its reasons for the values held as JSON."""

    class Meta:
        field_classes = {"text_urls": OneLineEachField, "resolutions": JSONObjectField}


class ResolutionsForm(VersionedModelForm):
    class Meta:
        field_classes = {"resolutions": JSONObjectField}


class CitationForm(VersionedModelForm):
    class Meta:
        field_classes = {"reported_values": JSONObjectField}


def agreement_from(value):
    """The agreement whose id is `value` (e.g. a query string value), or None for a bad one."""
    pk = pk_from(Agreement, value) if value is not None else None
    return Agreement.objects.filter(pk=pk).first() if pk is not None else None


class NegotiationRoundForm(VersionedModelForm):
    """A round; a new one is proposed the next free number of its agreement."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agreement = self.initial.get("agreement") if self.instance.pk is None else None
        if agreement is not None and not isinstance(agreement, Agreement):
            # A new round's agreement from the query string (?agreement=): a bad or unknown id
            # is ignored.
            agreement = agreement_from(agreement)
            if agreement is None:
                del self.initial["agreement"]
        if "number" in self.fields:
            self.fields["number"].validators.append(MinValueValidator(1))
            self.fields["number"].widget.attrs["min"] = 1
            if agreement and not self.initial.get("number"):
                self.initial["number"] = agreement.next_round_number()

    def has_changed(self):
        # A new row's proposed number alone is not an entry: the blank extra round is skipped.
        if self.instance.pk is None:
            return any(name != "number" for name in self.changed_data)
        return super().has_changed()


NEEDS_CITATION = _(
    "Every public fact needs its source: add the quote that reports this %(fact)s below "
    "(source and quote), or keep one of its citations."
)


class CitedFactFormSet(forms.BaseInlineFormSet):
    """The citations of a fact row (any `FactModel`): the row keeps at least one, so a fact is
    never saved, nor left, without its source."""

    def kept_forms(self):
        """The citations that remain after this save: saved ones not deleted, and new ones."""
        return [
            form
            for form in self.forms
            if form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))
            and (form.instance.pk is not None or form.has_changed())
        ]

    def clean(self):
        super().clean()
        if not self.kept_forms():
            raise self.uncited_error()

    def uncited_error(self):
        return ValidationError(
            NEEDS_CITATION,
            code="fact_without_citation",
            params={"fact": self.instance._meta.verbose_name},
        )


class CitedRowForm(VersionedModelForm):
    """A fact row edited in its parent's page (a round in its agreement's, a signatory in its
    declaration's), with a citation of its own: a new row needs one, given here in the same save.

    It validates; the admin writes the citation (`cited_inline_citation` in cleaned_data)."""

    citation_source = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, label=_("Source")
    )
    citation_quote = forms.CharField(
        required=False,
        label=_("Quote"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("The sentence(s) of the source that report this row, verbatim."),
    )
    citation_supports = forms.CharField(
        required=False, max_length=100, label=_("Supports"), help_text=_("E.g. “date, place”.")
    )
    citation_note = forms.CharField(
        required=False,
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text=_(
            "For a reference (a source whose text is not held): what it states and "
            "where, in our own words."
        ),
    )

    # The citation's own rules (Citation.clean) name its fields; here they are the row's.
    CITATION_FIELDS = {"quote": "citation_quote", "note": "citation_note", "source": None}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib import admin  # the site's autocomplete; the admin imports forms

        source = self.fields["citation_source"]
        source.widget = AutocompleteSelect(Citation._meta.get_field("source"), admin.site)
        source.widget.choices = source.choices

    def clean(self):
        cleaned_data = super().clean()
        source = cleaned_data.get("citation_source")
        quote = (cleaned_data.get("citation_quote") or "").strip()
        note = (cleaned_data.get("citation_note") or "").strip()
        cleaned_data["cited_inline_citation"] = None
        if source is None and not quote and not note:
            if self.instance.pk is None:
                raise ValidationError(
                    NEEDS_CITATION,
                    code="fact_without_citation",
                    params={"fact": self.instance._meta.verbose_name},
                )
            return cleaned_data
        if source is None:
            self.add_error("citation_source", _("Choose the source this citation comes from."))
            return cleaned_data
        values = {
            "source": source,
            "quote": quote,
            "note": note,
            "supports": cleaned_data.get("citation_supports", ""),
        }
        cited_as = self.instance._meta.get_field("citations").field.name
        try:
            Citation(**values, **{cited_as: self.instance}).clean()
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                self.add_error(self.CITATION_FIELDS.get(field), messages)
            return cleaned_data
        cleaned_data["cited_inline_citation"] = values
        return cleaned_data


class CitedRoundForm(CitedRowForm, NegotiationRoundForm):
    """A round in its agreement's page: a new one carries its citation in the same save."""


class SignedAgreementCitationFormSet(CitedFactFormSet):
    """The citations of an agreement: it keeps at least one, and marking it signed (or changing
    its signing date) needs a citation of the signing.

    That citation is one added or edited in the same save, or one already saved whose
    "supports" mentions the signing (e.g. "status, signed"): a quote about the negotiations
    does not support a signature.
    """

    def uncited_error(self):
        if not self.instance.is_signed:
            return super().uncited_error()
        return ValidationError(
            _(
                "A signed agreement needs a citation: add the quote from the source that reports "
                "the signing."
            ),
            code="signed_without_citation",
        )

    def clean(self):
        super().clean()
        if not self.instance.is_signed:
            return
        kept = self.kept_forms()
        change = self.signing_change()
        if change and not any(
            form.instance.pk is None
            or form.has_changed()
            or "sign" in form.cleaned_data.get("supports", "").lower()
            for form in kept
        ):
            raise ValidationError(
                _(
                    "%(change)s: add the quote from the source that reports the signing as a "
                    "citation below, or correct the citation that reports it. The saved "
                    "citations do not say that they support the signing (their “supports” would "
                    "mention it, e.g. “status, signed”)."
                ),
                code="signing_without_citation",
                params={"change": change},
            )

    def signing_change(self):
        """What this save changes about the signing ("You marked it signed" …), or None."""
        agreement = self.instance
        stored = (
            Agreement.objects.filter(pk=agreement.pk)
            .order_by()
            .values("status", "signed_on")
            .first()
            if agreement.pk is not None
            else None
        )
        if stored is None or stored["status"] != agreement.status:
            return gettext("You marked it “%(status)s”") % {
                "status": agreement.get_status_display()
            }
        if stored["signed_on"] != agreement.signed_on:
            return gettext("You changed the signing date")
        return None


class MarkSignedForm(forms.Form):
    """The intermediate page of the "mark signed" action: a date and the supporting quote.

    It validates only; `agreements.importing.accept.mark_signed` writes."""

    signed_on = PartialDateFormField(
        label=_("Signed"),
        required=True,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is."),
    )
    source = forms.ModelChoiceField(queryset=Source.objects.all(), label=_("Source"))
    quote = forms.CharField(
        label=_("Quote"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("The sentence of the source that reports the signing, verbatim."),
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # Search as you type: a select of every source would list thousands of articles.
        source = self.fields["source"]
        source.widget = AutocompleteSelect(Citation._meta.get_field("source"), admin_site)
        source.widget.choices = source.choices


class SourceForm(VersionedModelForm):
    """A source in admin: its text cannot lose a sentence that a citation quotes."""

    def clean_text(self):
        text = self.cleaned_data["text"]
        if self.instance.pk is None or "text" not in self.changed_data:
            return text
        quotes = self.instance.citations.order_by("quote").values_list("quote", flat=True)
        lost = [quote for quote in dict.fromkeys(quotes) if not quote_occurs_in(quote, text)]
        if lost:
            raise ValidationError(
                _(
                    "These quotes are cited from this source and would no longer be found in its "
                    "text: %(quotes)s. Keep them in the text, or first change or delete the "
                    "citations that quote them."
                ),
                code="orphaned_quotes",
                params={"quotes": "; ".join(f"“{Truncator(quote).chars(200)}”" for quote in lost)},
            )
        return text


class AgreementFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("signed_after"), cleaned.get("signed_before")
        if after and before and after.start > before.end:
            raise ValidationError(
                _(
                    "“Signed on or after” (%(after)s) is later than “signed on or before” "
                    "(%(before)s)."
                ),
                params={"after": after, "before": before},
                code="empty_range",
            )
        return cleaned


class TimelineFilterForm(forms.Form):
    """The timeline's GET filters; a bad value is reported and ignored, never fatal."""

    country = forms.ChoiceField(required=False, label=_("Country"))
    type = forms.MultipleChoiceField(
        required=False,
        label=_("Event type"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data=None, *, countries=(), **kwargs):
        if data is not None:
            data = data.copy()
            data["country"] = data.get("country", "").strip().upper()
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (country.iso2, f"{country.local_name} ({country.iso2})") for country in countries
        ]

    def filters(self):
        """The valid filters only: a bad value is left out (its error shows on the form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            "country": self.cleaned_data.get("country") or None,
            "types": self.cleaned_data.get("type") or None,
        }


class ImportArticleForm(forms.Form):
    file = forms.FileField(
        required=False,
        label=_("File"),
        help_text=_("A saved article: UTF-8 text or simple HTML, at most 5 MB."),
    )
    text = forms.CharField(
        required=False,
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Or paste it."),
    )
    published = PartialDateFormField(
        label=_("Published"),
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD; leave empty to use the article's own date line."),
    )
    date_note = forms.CharField(
        required=False,
        label=_("Date note"),
        help_text=_("How the date was established, if not printed."),
    )
    publisher = forms.CharField(required=False, max_length=200, label=_("Publisher"))
    url = forms.URLField(required=False, label=_("URL"), max_length=500, assume_scheme="https")
    title = forms.CharField(
        required=False,
        max_length=300,
        label=_("Title"),
        help_text=_("Leave empty to use the headline found."),
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text", "")
        if bool(upload) == bool(text.strip()):
            raise ValidationError(_("Upload a file or paste the text (one of the two)."))
        limit = gettext("the limit is %(megabytes)s MB, for a file or pasted text alike") % {
            "megabytes": MAX_BYTES // 1024 // 1024
        }
        if upload and upload.size > MAX_BYTES:
            raise ValidationError(
                gettext("%(name)s: too large (%(limit)s).") % {"name": upload.name, "limit": limit}
            )
        if len(text.encode()) > MAX_BYTES:
            raise ValidationError(
                gettext("The pasted text is too large (%(limit)s).") % {"limit": limit}
            )
        data["raw"] = upload.read() if upload else text.encode()
        data["name"] = upload.name if upload else gettext("pasted text")
        return data
