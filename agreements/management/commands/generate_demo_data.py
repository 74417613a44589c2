"""Fill a database with clearly synthetic, realistic-looking data for benchmarks and demos.

    python manage.py generate_demo_data --countries 200 --agreements 5000 \
        --rounds 100000 --sources 20000

Every synthetic row is marked: slugs start with "synthetic-", names end in "(synthetic)", sources
are published by "Synthetic data generator". Dates come at every precision (day, month, year,
unknown) and respect the model rules (no round before negotiations started, none after signing).
Every agreement, round, signatory, declaration and delegation is cited by a quote that occurs in
its source's generated text. Rows are written with `bulk_create` in batches inside one
transaction, so edit history (django-simple-history) is not recorded for them.
"""

import datetime
import itertools
import random
import string
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from agreements.cache import bump_data_version
from agreements.models import (
    Agreement,
    AgreementStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
    Person,
    SignatoryRole,
    Source,
)
from agreements.partial_dates import PartialDate

PREFIX = "synthetic-"
MARK = " (synthetic)"
PUBLISHER = "Synthetic data generator"
FIRST_DAY = datetime.date(2022, 3, 1)
LAST_DAY = datetime.date(2026, 6, 30)

# Words on one line each would take a screen: the lists are written as text and split.
SYLLABLES = "ar bel cor dan el fen gar hol ist jor kal lin mor nav or pel quen ros sal".split()
SYLLABLES += "tor ul var wen xan yor zel".split()
FIRST_NAMES = "Anna Bohdan Daria Ivan Kateryna Mykola Olena Petro Sofiia Taras Yulia Andrii".split()
LAST_NAMES = "Bondar Hnatiuk Kovalenko Lysenko Melnyk Petrenko Savchuk Shevchuk Tkachenko".split()
ROLES = [
    "Head of the negotiating group",
    "Deputy Minister of Foreign Affairs",
    "Deputy Minister of Defence",
    "Adviser to the Head of the Office of the President",
]
PLACES = ["Kyiv", "Brussels", "Geneva", "Warsaw", "Vilnius", "by video link", ""]
PRECISIONS = ["day"] * 5 + ["month"] * 3 + ["year"] + ["unknown"]
STATUS_WEIGHTS = {
    AgreementStatus.NEGOTIATING: 3,
    AgreementStatus.SIGNED: 4,
    AgreementStatus.IN_FORCE: 2,
    AgreementStatus.EXPIRED: 1,
}
MAX_ROUND_NUMBER = 32767  # PositiveSmallIntegerField


def place_phrase(place):
    if not place:
        return ""
    return f" {place}" if place.startswith("by ") else f" in {place}"


def date_phrase(date):
    """How an article would say the date: "on 3 Aug 2024", "in Aug 2024", "in 2024", ""."""
    if not date:
        return ""
    return f" on {date}" if date.precision == "day" else f" in {date}"


class Progress:
    """A one-line progress bar on a terminal, one line per step otherwise."""

    def __init__(self, stream, verbosity):
        self.stream = stream
        self.verbosity = verbosity
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, label, done, total):
        if self.verbosity < 1 or (not self.tty and done < total):
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r  {label:<12} [{bar}] {done:>7}/{total}{end}")
        self.stream.flush()


class Command(BaseCommand):
    help = "Fill the database with clearly synthetic data (refuses if it holds curated data)."

    def add_arguments(self, parser):
        parser.add_argument("--countries", type=int, default=20)
        parser.add_argument("--agreements", type=int, default=50)
        parser.add_argument("--rounds", type=int, default=1000)
        parser.add_argument("--sources", type=int, default=200)
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add synthetic data even though the database holds curated data.",
        )

    def handle(self, *args, **options):
        self.check_arguments(options)
        self.rng = random.Random(options["seed"])
        self.batch_size = options["batch_size"]
        self.progress = Progress(sys.stderr, options["verbosity"])
        started = time.perf_counter()
        with transaction.atomic():
            counts = self.generate(options)
            if connection.vendor == "postgresql":
                # Fresh planner statistics, as autovacuum would gather shortly after.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            transaction.on_commit(bump_data_version)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {elapsed:.1f} s."))

    def check_arguments(self, options):
        for name in ("countries", "agreements", "rounds", "sources"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        if options["agreements"] and not options["countries"]:
            raise CommandError("Agreements need partner countries: give --countries.")
        if options["rounds"] and not options["agreements"]:
            raise CommandError("Rounds belong to agreements: give --agreements.")
        if options["sources"] < 1:
            raise CommandError("Every synthetic fact is cited: give at least one --sources.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if Source.objects.filter(slug__startswith=PREFIX).exists():
            raise CommandError(
                "The database already holds synthetic data. Start from an empty database "
                "(e.g. `manage.py flush`) to generate it again."
            )
        curated = (
            Source.objects.exclude(slug__startswith=PREFIX).exists()
            or Agreement.objects.exclude(slug__startswith=PREFIX).exists()
        )
        if curated and not options["force"]:
            raise CommandError(
                "The database holds curated data (sources or agreements that are not "
                "synthetic). Use an empty database, or --force to mix synthetic rows in."
            )
        free_codes = 26 * 26 - Country.objects.count()
        if options["countries"] > free_codes:
            raise CommandError(f"Only {free_codes} two-letter country codes are free.")

    # -- helpers ---------------------------------------------------------------------------

    def save(self, model, objects, label):
        """bulk_create in batches, with progress; returns the objects with their keys set."""
        total = len(objects)
        self.progress(label, 0, total)
        for start in range(0, total, self.batch_size):
            model.objects.bulk_create(objects[start : start + self.batch_size])
            self.progress(label, min(start + self.batch_size, total), total)
        return objects

    def day_between(self, first, last):
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def partial(self, day, precision=None):
        """The day as a source might give it: to the day, the month, the year, or not at all."""
        precision = precision or self.rng.choice(PRECISIONS)
        if precision == "unknown" or day is None:
            return PartialDate()
        if precision == "year":
            return PartialDate(day.year)
        if precision == "month":
            return PartialDate(day.year, day.month)
        return PartialDate(day.year, day.month, day.day)

    def name(self, syllables=3):
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).title()

    def cite(self, sentence, supports, **fact):
        """Put the sentence in a random source's text and cite it for the fact."""
        source = self.rng.randrange(len(self.source_texts))
        self.source_texts[source].append(sentence)
        self.citations.append((source, sentence, supports, fact))

    # -- generation ------------------------------------------------------------------------

    def generate(self, options):
        self.source_texts = [[] for _ in range(options["sources"])]
        self.citations = []
        countries = self.make_countries(options["countries"])
        people = self.make_people(max(5, options["agreements"] // 50))
        delegations = self.make_delegations(max(2, options["agreements"] // 200), people)
        declarations, signatories = self.make_declarations(countries)
        agreements = self.make_agreements(options["agreements"], countries)
        rounds = self.make_rounds(options["rounds"], agreements, people, delegations)
        sources = self.make_sources()
        citations = self.make_citations(sources)
        return {
            "countries": len(countries),
            "people": len(people),
            "delegations": len(delegations),
            "declarations": len(declarations),
            "signatories": len(signatories),
            "agreements": len(agreements),
            "rounds": len(rounds),
            "sources": len(sources),
            "citations": len(citations),
        }

    def make_countries(self, count):
        taken = set(Country.objects.values_list("iso2", flat=True))
        codes = [a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2)]
        codes = [code for code in codes if code not in taken]
        self.rng.shuffle(codes)
        names = set(Country.objects.values_list("name", flat=True))
        countries = []
        for code in sorted(codes[:count]):
            name = f"{self.name(2 + self.rng.randint(0, 1))}ia{MARK}"
            while name in names:
                name = f"{self.name(3)}ia{MARK}"
            names.add(name)
            countries.append(Country(iso2=code, name=name))
        return self.save(Country, countries, "countries")

    def make_people(self, count):
        people = [
            Person(
                name=f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)} {i + 1}{MARK}",
                role=self.rng.choice(ROLES),
            )
            for i in range(count)
        ]
        return self.save(Person, people, "people")

    def make_delegations(self, count, people):
        delegations = []
        for i in range(count):
            appointed = self.partial(self.day_between(FIRST_DAY, LAST_DAY))
            delegations.append(
                Delegation(
                    slug=f"{PREFIX}delegation-{i + 1:04d}",
                    name=f"Negotiating group {i + 1}{MARK}",
                    appointed_on=appointed,
                    lead=self.rng.choice(people),
                    mandate="Negotiate bilateral security agreements with partner states.",
                )
            )
        self.save(Delegation, delegations, "delegations")
        for delegation in delegations:
            self.cite(
                f"{delegation.name} was appointed{date_phrase(delegation.appointed_on)}, "
                f"led by {delegation.lead.name}.",
                "appointment, lead",
                delegation=delegation,
            )
        return delegations

    def make_declarations(self, countries):
        declarations = []
        for i in range(max(1, len(countries) // 40)):
            adopted = self.day_between(FIRST_DAY, LAST_DAY - datetime.timedelta(days=200))
            declarations.append(
                Declaration(
                    slug=f"{PREFIX}declaration-{i + 1:03d}",
                    title=f"Joint Declaration of Support No. {i + 1}{MARK}",
                    adopted_on=self.partial(adopted, "day"),
                    place=self.rng.choice(PLACES[:-2]),
                    summary="A synthetic declaration of support for Ukraine.",
                )
            )
        self.save(Declaration, declarations, "declarations")
        signatories = []
        for declaration in declarations:
            self.cite(
                f"The {declaration.title} was adopted{date_phrase(declaration.adopted_on)}.",
                "adoption date",
                declaration=declaration,
            )
            members = self.rng.sample(countries, min(len(countries), self.rng.randint(7, 30)))
            for n, country in enumerate(members):
                founding = n < 7
                joined = self.day_between(declaration.adopted_on.start, LAST_DAY)
                signatories.append(
                    DeclarationSignatory(
                        declaration=declaration,
                        country=country,
                        role=SignatoryRole.FOUNDING if founding else SignatoryRole.JOINED,
                        joined_on=declaration.adopted_on if founding else self.partial(joined),
                    )
                )
        self.save(DeclarationSignatory, signatories, "signatories")
        for signatory in signatories:
            verb = "signed" if signatory.role == SignatoryRole.FOUNDING else "joined"
            self.cite(
                f"{signatory.country.name} {verb} the {signatory.declaration.title}"
                f"{date_phrase(signatory.joined_on)}.",
                "signatory, date",
                signatory=signatory,
            )
        return declarations, signatories

    def make_agreements(self, count, countries):
        statuses = self.rng.choices(
            list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count
        )
        agreements = []
        for i, status in enumerate(statuses):
            partner = countries[i % len(countries)]
            started = self.day_between(FIRST_DAY, LAST_DAY - datetime.timedelta(days=400))
            agreement = Agreement(
                slug=f"{PREFIX}agreement-{i + 1:05d}",
                partner=partner,
                title=f"Agreement on Security Cooperation {i + 1} between Ukraine and "
                f"{partner.name}",
                status=status,
                negotiations_started_on=self.partial(started),
                summary="A synthetic agreement generated for benchmarks.",
            )
            # Days of the agreement's life, used to place rounds between start and signing.
            agreement.first_day = started
            agreement.last_day = LAST_DAY
            if status != AgreementStatus.NEGOTIATING:
                signed = self.day_between(started + datetime.timedelta(days=30), LAST_DAY)
                agreement.last_day = signed
                agreement.signed_on = self.partial(signed, self.rng.choice(PRECISIONS[:-1]))
                if status in (AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED):
                    in_force = self.day_between(signed, LAST_DAY)
                    agreement.in_force_on = self.partial(in_force)
                    if status == AgreementStatus.EXPIRED:
                        agreement.ended_on = self.partial(self.day_between(in_force, LAST_DAY))
            agreements.append(agreement)
        self.save(Agreement, agreements, "agreements")
        for agreement in agreements:
            said = f"The {agreement.title} is {agreement.get_status_display()}"
            if agreement.signed_on:
                said += f"; it was signed{date_phrase(agreement.signed_on)}"
            self.cite(f"{said}.", "status, dates", agreement=agreement)
        return agreements

    def round_counts(self, total, agreements):
        """Split the rounds unevenly: most agreements have a few, some have very many."""
        if not agreements:
            return []
        weights = [self.rng.paretovariate(1.2) for _ in agreements]
        scale = total / sum(weights)
        counts = [min(MAX_ROUND_NUMBER, int(w * scale)) for w in weights]
        short = total - sum(counts)
        i = 0
        while short > 0:
            if counts[i % len(counts)] < MAX_ROUND_NUMBER:
                counts[i % len(counts)] += 1
                short -= 1
            i += 1
        return counts

    def make_rounds(self, total, agreements, people, delegations):
        rounds = []
        for agreement, count in zip(agreements, self.round_counts(total, agreements), strict=True):
            days = sorted(
                self.day_between(agreement.first_day, agreement.last_day) for _ in range(count)
            )
            for number, day in enumerate(days, start=1):
                implied = number < count and self.rng.random() < 0.05
                rounds.append(
                    NegotiationRound(
                        agreement=agreement,
                        number=number,
                        date=PartialDate() if implied else self.partial(day),
                        place="" if implied else self.rng.choice(PLACES),
                        ukrainian_lead=None if implied else self.rng.choice(people),
                        delegation=None if implied else self.rng.choice(delegations),
                        partner_delegation="" if implied else "Ministry of Foreign Affairs",
                        is_implied=implied,
                    )
                )
        self.save(NegotiationRound, rounds, "rounds")
        for round_ in rounds:
            if round_.is_implied:
                continue
            self.cite(
                f"Round {round_.number} of the talks on the {round_.agreement.title} took place"
                f"{date_phrase(round_.date)}{place_phrase(round_.place)}, led by "
                f"{round_.ukrainian_lead.name}.",
                "date, place, Ukrainian lead",
                round=round_,
            )
        return rounds

    def make_sources(self):
        sources = []
        for i, sentences in enumerate(self.source_texts):
            published = self.day_between(FIRST_DAY, LAST_DAY)
            text = " ".join(
                [
                    f"This is synthetic article number {i + 1}, generated for benchmarks.",
                    *sentences,
                    "No real event is described here.",
                ]
            )
            sources.append(
                Source(
                    slug=f"{PREFIX}source-{i + 1:05d}",
                    title=f"Synthetic news report {i + 1}",
                    publisher=PUBLISHER,
                    url=f"https://example.org/synthetic/{i + 1}",
                    published_on=self.partial(published, self.rng.choice(PRECISIONS[:-1])),
                    text=text,
                    notes="Generated by manage.py generate_demo_data; not a real article.",
                )
            )
        return self.save(Source, sources, "sources")

    def make_citations(self, sources):
        citations = [
            Citation(source=sources[source], quote=quote, supports=supports, **fact)
            for source, quote, supports, fact in self.citations
        ]
        return self.save(Citation, citations, "citations")
