"""Which sources state a fact, and what the others report instead.

Pure functions over prefetched citations (no queries): a row's citations say in `supports`
which of its fields they state, and in `reported_values` what they report where they disagree
with the value the row holds. The pages show both: "reported as 3 Aug 2023 [1], 4 Aug 2023 [2]".
"""

from dataclasses import dataclass, field

from .partial_dates import PartialDate


@dataclass(frozen=True)
class Reported:
    value: str
    citations: list


@dataclass(frozen=True)
class FactSources:
    """The citations behind one fact, and the other values sources report for it."""

    citations: list
    disagreeing: list = field(default_factory=list)
    resolution: str = ""
    held: str = ""

    @property
    def disputed(self):
        return bool(self.disagreeing)

    @property
    def reports(self):
        """The held value with its sources first, then each value reported instead."""
        return [Reported(self.held, self.citations), *self.disagreeing]


def supported_names(citation):
    """The fact names a citation's `supports` lists, normalised: "signed_on" → "signed"."""
    return {normal(part) for part in citation.supports.split(",") if part.strip()}


def normal(name):
    return name.strip().lower().removesuffix("_on").replace("_", " ")


def shown(row, name, value):
    """A stored or reported value as the pages show it."""
    if name in (row._meta.model_name, "agreement_signatory"):
        return str(value)
    model_field = row._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, PartialDate) or (
        model_field.get_internal_type() == "CharField"
        and (name.endswith("_on") or name in ("date", "as_of"))
    ):
        try:
            return str(PartialDate.coerce(value) if value else PartialDate.parse(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def sources_for(row, *names, citations=None, resolution_key=None, resolutions=None):
    """The `FactSources` of the fields `names` of `row` (one fact may span several fields, e.g.
    the term); with no names, of the row as a whole (a signatory, a pledge)."""
    citations = list(row.citations.all()) if citations is None else citations
    wanted = {normal(name) for name in names}
    whole_row = {row._meta.model_name, "agreement_signatory", "agreementsignatory"}
    keys = set(names) or whole_row
    supporting, others = [], {}
    for citation in citations:
        reported = {k: v for k, v in (citation.reported_values or {}).items() if k in keys}
        for name, value in reported.items():
            others.setdefault(shown(row, name, value), []).append(citation)
        states = supported_names(citation)
        if (wanted and states & wanted and not reported) or (not wanted and not reported):
            supporting.append(citation)
    if resolutions is None:
        resolutions = getattr(row, "resolutions", {})
    resolution = " ".join(
        text for key, text in (resolutions or {}).items() if key in ({resolution_key} | set(names))
    )
    held = ", ".join(shown(row, name, getattr(row, name)) for name in names if getattr(row, name))
    return FactSources(
        citations=supporting,
        disagreeing=[Reported(value, cited) for value, cited in others.items()],
        resolution=resolution,
        held=held or str(row),
    )
