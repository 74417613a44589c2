"""Load the public record (record/*.toml, see record/FORMAT.md) into the tracker's tables.

Every row is validated with the admin's rules (`full_clean`) before it is saved. Loading again
changes nothing: rows are found by their natural keys, citations by a key derived from where
they stand in the record. A row that an editor changed since it was loaded (its latest history
entry is an editor's, not the loader's or the fixtures' baseline) is left alone and reported.
The record only ever sets the values it gives: a fact it leaves out stays as the tracker has it.
"""

import tomllib
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .models import (
    BASELINE_CHANGE_REASON,
    Agreement,
    AgreementSignatory,
    AgreementStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    ParticipantCount,
    Person,
    Pledge,
    SignatoryRole,
    Source,
    folded_name,
)
from .partial_dates import PartialDate

RECORD_CHANGE_REASON = "Loaded from the public record (record/*.toml)."
CITATION_NAMESPACE = uuid.UUID("6f1f4a52-8c1e-4d0a-9a3b-0c5e2f7d9b10")
DECLARATION_SLUG = "g7-joint-declaration-2023"

# The record's names for an agreement's fields, and the model's. `title` is the official title as
# published; `title_uk` the agreement's name on the Ukrainian pages (record/FORMAT.md).
AGREEMENT_FIELDS = {
    "status": "status",
    "title": "text_title",
    "text_title": "text_title",
    "title_uk": "title_uk",
    "summary": "summary",
    "summary_uk": "summary_uk",
    "place_uk": "place_uk",
    "place_detail_uk": "place_detail_uk",
    "term_event_uk": "term_event_uk",
    "negotiations_started": "negotiations_started_on",
    "signed": "signed_on",
    "place": "place",
    "place_detail": "place_detail",
    "term": "term_kind",
    "term_years": "term_years",
    "term_event": "term_event",
    "term_text": "term_text",
    "instrument": "instrument",
    "ratified": "ratified_on",
    "in_force": "in_force_on",
    "text_urls": "text_urls",
    "ordinal": "ordinal",
}
PARTICIPANT_FIELDS = {"joined": "joined_on", "ordinal": "ordinal", "founding": "role"}
# The texts of a round, each in English and in Ukrainian (`place_uk` …).
ROUND_TEXTS = ("place", "partner_delegation", "summary", "date_note")
ROUND_FIELDS = {
    "number": "number",
    "date": "date",
    "ukraine_lead": "ukrainian_lead",
    **{name: name for text in ROUND_TEXTS for name in (text, f"{text}_uk")},
}
# The declaration's texts (`[declaration]` in declaration.toml), in English and Ukrainian.
DECLARATION_TEXTS = ("title", "place", "occasion", "summary")
DATE_FIELDS = {
    "negotiations_started_on",
    "signed_on",
    "ratified_on",
    "in_force_on",
    "joined_on",
    "date",
    "as_of",
}
FILE_KEYS = {"partner", "round", "signatory", "pledge", "citation", "resolution"}


class RecordError(Exception):
    """A value of the record that cannot be used as it stands."""


@dataclass
class Report:
    """What a load did: counts by kind of change, rows left alone, and problems found."""

    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    kept: list = field(default_factory=list)  # rows an editor changed: left alone
    problems: list = field(default_factory=list)

    def count(self, counter, row):
        name = row._meta.verbose_name_plural
        counter[name] = counter.get(name, 0) + 1

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")


def date_value(text):
    try:
        return PartialDate.parse(str(text))
    except ValueError as error:
        raise RecordError(str(error)) from None


def edited_by_editor(row):
    """Whether someone other than the loader (or the fixtures' baseline) saved the row last."""
    latest = row.history.order_by("-history_date", "-history_id").first()
    if latest is None:  # loaded by loaddata, never edited
        return False
    return latest.history_change_reason not in (RECORD_CHANGE_REASON, BASELINE_CHANGE_REASON)


def differs(row, name, value):
    """Whether the row's field `name` holds something other than `value`. A related row is
    compared by its key: checking a citation fetched its source and its fact otherwise, a query
    each on every row of every load."""
    field = row._meta.get_field(name)
    if field.is_relation:
        return getattr(row, field.attname) != (None if value is None else value.pk)
    held = getattr(row, name)
    return (PartialDate.coerce(held) if isinstance(held, PartialDate) else held) != value


class Loader:
    def __init__(self, root, report=None):
        self.root = Path(root)
        self.report = report or Report()
        self.sources = {}

    # --- writing one row ---------------------------------------------------------------------

    def put(self, model, where, lookup, values, *, create_only=()):
        """Create the row found by `lookup`, or bring it to `values`; None if refused."""
        row = model._default_manager.filter(**lookup).first()
        if row is None:
            row = model(**lookup, **values, **dict(create_only))
            return self.save(row, where, self.report.created)
        changed = {name: value for name, value in values.items() if differs(row, name, value)}
        if not changed:
            return row
        if edited_by_editor(row):
            self.report.kept.append(
                f"{where}: {row._meta.verbose_name} “{row}” was changed by an editor since it was "
                f"loaded; left as it is (the record gives {', '.join(sorted(changed))} otherwise)"
            )
            return row
        for name, value in changed.items():
            setattr(row, name, value)
        return self.save(row, where, self.report.updated)

    def save(self, row, where, counter):
        try:
            row.full_clean()
        except ValidationError as error:
            self.report.problem(where, f"{row._meta.verbose_name} “{row}” refused: {flat(error)}")
            return None
        row._change_reason = RECORD_CHANGE_REASON
        row.save()
        self.report.count(counter, row)
        return row

    # --- files --------------------------------------------------------------------------------

    def read(self, path):
        try:
            with open(path, "rb") as file:
                return tomllib.load(file)
        except (OSError, tomllib.TOMLDecodeError) as error:
            self.report.problem(self.name(path), f"not read ({error}); the file is skipped")
            return None

    def name(self, path):
        return str(Path(path).relative_to(self.root.parent))

    def load(self):
        with transaction.atomic():
            self.load_countries()
            self.load_people()
            self.load_sources()
            self.load_declaration()
            partners = sorted(
                {p.stem for p in (self.root / "agreements").glob("*.toml")}
                | {p.stem for p in (self.root / "rounds").glob("*.toml")}
            )
            for code in partners:
                self.load_partner(code)
        return self.report

    def load_countries(self):
        path = self.root / "countries.toml"
        data = (self.read(path) if path.exists() else None) or {}
        for entry in data.get("country", []):
            where = f"{self.name(self.root / 'countries.toml')}: {entry.get('code')}"
            code = str(entry.get("code", "")).upper()
            if Country.objects.filter(iso2=code).exists():
                continue
            self.save(
                Country(
                    iso2=code,
                    name=entry.get("name", ""),
                    kind=entry.get("kind", "state"),
                    is_g7=bool(entry.get("g7")),
                    is_home=bool(entry.get("home")),
                ),
                where,
                self.report.created,
            )

    def load_people(self):
        path = self.root / "people.toml"
        data = (self.read(path) if path.exists() else None) or {}
        for entry in data.get("person", []):
            name, aliases = entry.get("name", ""), entry.get("aliases", [])
            where = f"{self.name(path)}: {name}"
            if not isinstance(aliases, list):
                self.report.problem(where, "aliases: give a list of names; the person is skipped")
                continue
            roles = {field: str(entry[field]) for field in ("role", "role_uk") if field in entry}
            known = [Person.objects.by_name(spelling) for spelling in [name, *aliases]]
            found = next((person for person in known if person is not None), None)
            if found is None:
                person = Person(name=name, aliases=aliases, **roles)
                self.save(person, where, self.report.created)
                continue
            spellings = [*found.aliases, found.name, *aliases]
            merged = list(
                dict.fromkeys(a for a in spellings if folded_name(a) != folded_name(name))
            )
            values = {"name": name, "aliases": merged, **roles}
            self.put(Person, where, {"pk": found.pk}, values)

    def load_sources(self):
        for path in sorted((self.root / "sources").glob("*.toml")):
            data = self.read(path) or {}
            for entry in data.get("source", []):
                key = entry.get("key", "")
                where = f"{self.name(path)}: source {key}"
                try:
                    published = date_value(entry.get("published", ""))
                except RecordError as error:
                    self.report.problem(where, f"published: {error}; the source is skipped")
                    continue
                values = {
                    "title": entry.get("title", ""),
                    "url": entry.get("url", ""),
                    "publisher": entry.get("publisher", ""),
                    "published_on": published,
                    "language": entry.get("language", "en"),
                    "kind": entry.get("kind", ""),
                }
                source = self.put(Source, where, {"slug": key}, values)
                if source is not None:
                    self.sources[key] = source

    def country(self, code, where):
        country = Country.objects.filter(iso2=str(code).upper()).first()
        if country is None:
            self.report.problem(
                where, f"no country with the code “{code}” (add it to countries.toml)"
            )
        return country

    def person(self, name, *, role="", role_uk="", country=None):
        person = Person.objects.by_name(name)
        if person is None:
            person = Person(name=name, role=role, role_uk=role_uk, country=country)
            person = self.save(person, f"person {name}", self.report.created)
        return person

    # --- the declaration ----------------------------------------------------------------------

    def load_declaration(self):
        path = self.root / "declaration.toml"
        data = self.read(path) if path.exists() else None
        if data is None:
            return
        where = self.name(path)
        declaration = Declaration.objects.filter(slug=DECLARATION_SLUG).first()
        if declaration is None:
            declaration = self.save(
                Declaration(
                    slug=DECLARATION_SLUG,
                    title="Joint Declaration of Support for Ukraine",
                    adopted_on=PartialDate(2023, 7, 12),
                    place="Vilnius",
                ),
                where,
                self.report.created,
            )
        texts = data.get("declaration", {})
        values = {
            name: str(texts[name])
            for text in DECLARATION_TEXTS
            for name in (text, f"{text}_uk")
            if name in texts
        }
        if declaration is not None and values:
            declaration = (
                self.put(Declaration, where, {"pk": declaration.pk}, values) or declaration
            )
        for entry in data.get("participant", []):
            here = f"{where}: participant {entry.get('country')}"
            country = self.country(entry.get("country", ""), here)
            if country is None:
                continue
            try:
                values = {
                    "role": SignatoryRole.FOUNDING
                    if entry.get("founding")
                    else SignatoryRole.JOINED
                }
                if "joined" in entry:
                    values["joined_on"] = date_value(entry["joined"])
                if "ordinal" in entry:
                    values["ordinal"] = int(entry["ordinal"])
                if "resolution" in entry:
                    values["resolutions"] = self.resolutions(
                        entry["resolution"], PARTICIPANT_FIELDS
                    )
            except (RecordError, ValueError) as error:
                self.report.problem(here, f"{error}; the participant is skipped")
                continue
            signatory = self.put(
                DeclarationSignatory,
                here,
                {"declaration": declaration, "country": country},
                values,
            )
            if signatory is None:
                continue
            for number, citation in enumerate(entry.get("citation", [])):
                self.cite(
                    signatory,
                    citation,
                    where=here,
                    key=f"declaration|{country.iso2}|{number}",
                    supports=mapped(citation.get("supports", []), PARTICIPANT_FIELDS),
                    reports=self.reports(citation.get("reports", {}), PARTICIPANT_FIELDS),
                )
        for index, entry in enumerate(data.get("count", [])):
            here = f"{where}: count {index}"
            try:
                values = {"value": int(entry["value"]), "as_of": date_value(entry.get("as_of", ""))}
            except (KeyError, ValueError, RecordError) as error:
                self.report.problem(here, f"{error}; the count is skipped")
                continue
            count = self.put(ParticipantCount, here, {"declaration": declaration, **values}, {})
            if count is not None:
                self.cite(
                    count,
                    entry,
                    where=here,
                    # ISO, not str(): the key must not depend on the active language.
                    key=f"count|{values['as_of'].iso}|{values['value']}|{entry.get('source')}",
                    supports="count",
                )

    # --- one partner: its agreement, signatories, pledges, rounds and citations -----------------

    def load_partner(self, code):
        files = [self.root / "agreements" / f"{code}.toml", self.root / "rounds" / f"{code}.toml"]
        parts = [(path, self.read(path)) for path in files if path.exists()]
        parts = [(path, data) for path, data in parts if data is not None]
        if not parts:
            return
        where = self.name(parts[0][0])
        country = self.country(code, where)
        if country is None:
            return
        for path, data in parts:
            if str(data.get("partner", code)).upper() != code.upper():
                self.report.problem(
                    self.name(path), f"says partner = “{data.get('partner')}”; the file name wins"
                )
            unknown = set(data) - FILE_KEYS - set(AGREEMENT_FIELDS)
            if unknown:
                self.report.problem(
                    self.name(path), f"unknown field(s) {', '.join(sorted(unknown))}, ignored"
                )
        values = {}
        try:
            for _path, data in parts:
                values.update(self.agreement_values(data))
        except (RecordError, ValueError, TypeError) as error:
            self.report.problem(where, f"{error}; the agreement is skipped")
            return
        agreement = self.agreement(country, values, where)
        if agreement is None:
            return
        for path, data in parts:
            self.load_parts(agreement, country, path, data)

    def agreement_values(self, data):
        values = {}
        for name, model_name in AGREEMENT_FIELDS.items():
            if name not in data:
                continue
            value = data[name]
            if model_name in DATE_FIELDS:
                value = date_value(value)
            elif model_name in ("term_years", "ordinal"):
                value = int(value)
            elif model_name == "text_urls":
                value = list(value)
            values[model_name] = value
        if "resolution" in data:
            values["resolutions"] = self.resolutions(data["resolution"], AGREEMENT_FIELDS)
        return values

    def agreement(self, country, values, where):
        existing = Agreement.objects.filter(partner=country).order_by("pk").first()
        if existing is not None:
            if "resolutions" in values:
                values["resolutions"] = {**existing.resolutions, **values["resolutions"]}
            return self.put(Agreement, where, {"pk": existing.pk}, values)
        defaults = {
            "slug": f"ukraine-{slugify(country.name)}",
            "title": f"Ukraine–{country.name} bilateral security agreement",
        }
        values.setdefault("status", AgreementStatus.NEGOTIATING)
        return self.put(Agreement, where, {"partner": country}, values, create_only=defaults)

    def load_parts(self, agreement, country, path, data):
        where = self.name(path)
        home = Country.objects.filter(is_home=True).first()
        rows = {}
        for entry in data.get("signatory", []):
            name = entry.get("name", "")
            here = f"{where}: signatory {name}"
            person = self.person(
                name,
                role=entry.get("role", ""),
                role_uk=entry.get("role_uk", ""),
                country=home if entry.get("side") == "ukraine" else country,
            )
            if person is None:
                continue
            values = {"side": entry.get("side", ""), "role": entry.get("role", "")}
            if "role_uk" in entry:
                values["role_uk"] = str(entry["role_uk"])
            row = self.put(
                AgreementSignatory, here, {"agreement": agreement, "person": person}, values
            )
            if row is not None:
                rows[f"signatory:{name}"] = row
        for position, entry in enumerate(data.get("pledge", [])):
            here = f"{where}: pledge {position}"
            try:
                amount = Decimal(str(entry.get("amount", "")).replace(",", "").replace("_", ""))
            except InvalidOperation:
                self.report.problem(here, f"amount “{entry.get('amount')}” is not a number")
                continue
            values = {
                "amount": amount,
                "currency": str(entry.get("currency", "")).upper(),
                "period": str(entry.get("period", "")),
                "purpose": entry.get("purpose", ""),
            }
            if "purpose_uk" in entry:
                values["purpose_uk"] = str(entry["purpose_uk"])
            row = self.put(Pledge, here, {"agreement": agreement, "position": position}, values)
            if row is not None:
                rows[f"pledge:{position}"] = row
        unnumbered = 0
        for index, entry in enumerate(data.get("round", [])):
            row = self.round(agreement, entry, f"{where}: round {index}", unnumbered=unnumbered)
            unnumbered += "number" not in entry
            if row is not None:
                rows[f"round:{index}"] = row
        for number, citation in enumerate(data.get("citation", [])):
            self.cite_split(agreement, rows, citation, where=where, key=f"{where}|{number}")

    def round(self, agreement, entry, where, *, unnumbered):
        try:
            date = date_value(entry["date"]) if "date" in entry else None
        except RecordError as error:
            self.report.problem(where, f"{error}; the round is skipped")
            return None
        values = {}
        if date is not None:
            values["date"] = date
        for text in ROUND_TEXTS:
            for name in (text, f"{text}_uk"):
                if name in entry:
                    values[name] = str(entry[name])
        if "ukraine_lead" in entry:
            home = Country.objects.filter(is_home=True).first()
            values["ukrainian_lead"] = self.person(entry["ukraine_lead"], country=home)
        rounds = NegotiationRound.objects.filter(agreement=agreement)
        if "number" in entry:
            values["is_implied"] = False
            return self.put(
                NegotiationRound,
                where,
                {"agreement": agreement, "number": int(entry["number"])},
                values,
            )
        # The sources give no number, and the round is stored without one (rounds without a
        # number are ordered by date): the round of the same date, else the file's n-th
        # unnumbered round as loaded before, else a new round.
        same = rounds.filter(date=date).first() if date else None
        if same is None:
            earlier = rounds.filter(number=None).order_by("pk")
            same = earlier[unnumbered] if earlier.count() > unnumbered else None
        if same is not None:
            return self.put(NegotiationRound, where, {"pk": same.pk}, values)
        new_round = NegotiationRound(agreement=agreement, **values)
        return self.save(new_round, where, self.report.created)

    # --- citations -----------------------------------------------------------------------------

    def cite_split(self, agreement, rows, citation, *, where, key):
        """One record citation names fields of the agreement and its parts (`signatory:…`,
        `pledge:0`, `round:0`): each row it names gets its own citation."""
        supports = citation.get("supports", [])
        reports = citation.get("reports", {})
        targets = {}
        for name in [*supports, *reports]:
            part = name if ":" in name else ""
            targets.setdefault(part, ([], {}))
        for name in supports:
            targets[name if ":" in name else ""][0].append(name)
        for name, value in reports.items():
            targets[name if ":" in name else ""][1][name] = value
        if not targets:
            targets[""] = ([], {})  # background: the source is cited for the agreement
        for part, (names, reported) in targets.items():
            if part and part not in rows:
                self.report.problem(where, f"a citation names “{part}”, which is not in the file")
                continue
            fact = rows[part] if part else agreement
            if part:
                kind = part.split(":")[0]
                supports_text = kind if names else ""
                reported = (
                    {fact._meta.model_name: "; ".join(map(str, reported.values()))}
                    if reported
                    else {}
                )
            else:
                supports_text = mapped(names, {**AGREEMENT_FIELDS, **ROUND_FIELDS})
                reported = self.reports(reported, AGREEMENT_FIELDS)
            self.cite(
                fact,
                citation,
                where=where,
                key=f"{key}|{part}",
                supports=supports_text,
                reports=reported,
            )

    def cite(self, fact, citation, *, where, key, supports="", reports=None):
        source = self.sources.get(citation.get("source", ""))
        if source is None:
            source = Source.objects.filter(slug=citation.get("source", "")).first()
        if source is None:
            self.report.problem(where, f"cites an unknown source “{citation.get('source')}”")
            return None
        fact_field = next(
            name
            for name in (
                "agreement",
                "agreement_signatory",
                "pledge",
                "round",
                "signatory",
                "participant_count",
                "declaration",
                "country",
                "person",
            )
            if Citation._meta.get_field(name).related_model is type(fact)
        )
        values = {
            "source": source,
            "quote": citation.get("quote", ""),
            "supports": supports,
            "note": citation.get("note", ""),
            "reported_values": reports or {},
            fact_field: fact,
        }
        return self.put(Citation, where, {"key": uuid.uuid5(CITATION_NAMESPACE, key)}, values)

    def reports(self, reports, names):
        return {names.get(name, name): value for name, value in reports.items()}

    def resolutions(self, resolution, names):
        return {names.get(name, name): str(text) for name, text in resolution.items()}


def mapped(names, table):
    return ", ".join(dict.fromkeys(table.get(name, name).removesuffix("_on") for name in names))


def flat(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def load_record(*, root):
    """Load the record under `root`; returns a `Report`."""
    return Loader(root).load()
