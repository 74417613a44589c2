"""Free-text search over agreements: partner names, titles, summaries, round texts, source texts.

An agreement matches through its own texts (its partner's name or ISO code, or any other name
the partner goes by – "UK", "Great Britain", "Велика Британія", see `names.search_names` –, its
title and summary, the texts of its rounds and the names of their Ukrainian leads) or through
the sources cited for it or its rounds (their titles and article texts). Own texts rank first;
agreements found only through a cited source come after them, by partner. `explain_matches`
tells, for a page of results, where each one matched, with the words marked
(`quotes.highlight_snippet`).

On PostgreSQL this is full-text search (`django.contrib.postgres.search`) over the stored,
GIN-indexed vectors of `agreements.search_index`: the words are stemmed (English
configuration), and the query is read like a web search box (quotes for phrases, `or`, `-word`).
Each agreement's `search_rank` comes from its own vector (title "A", summary "B"), its best
matching round ("B"; 0.1 for a round found only by its Ukrainian lead's name) and 1 for a
partner named.

A partner's other names are matched the same way on every database, in Python over a fixed
table (`names.codes_named`): the query names a partner when one of its names occurs in the
query as whole words; the partners so named are one more `IN` list of codes.

Elsewhere (SQLite in development and tests) the words of the query must occur as a phrase of
whole words (a word of four letters or more also with a short ending: "submarine" finds
"submarines", "UK" does not find "Ukraine"), ranked by where they matched (partner or title,
then summary, rounds, sources).

Ukrainian words (in the `…_uk` columns, and partners' Ukrainian names from CLDR) are matched by
their stem in any case or number ("Німеччиною" finds "Німеччина"): on PostgreSQL as a prefix of
the stem (`ukrainian_prefixes`) over the same stored vectors, elsewhere the stem plus a short
ending.

Matching rows are found with `IN` subqueries (each computed once) and ranked with scalar
subqueries, never joined, so an agreement appears once however many of its rounds or sources
match.

`time_limit` bounds the database work of one search (past it, `SearchTooBroad`) and, on
PostgreSQL, how many searches run at once across every app server (`SearchBusy` beyond that), so
that a flood of different searches – each one a page-cache miss – leaves workers and database
time for everything else.
"""

import contextlib
import re
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext_lazy as _

from . import names
from .bilingual import CONTENT_LANGUAGES, column
from .models import Agreement, Citation, Country, NegotiationRound, Person, Source
from .quotes import (
    highlight_snippet,
    is_ukrainian,
    phrase_pattern,
    search_words,
    ukrainian_stem,
    whole_words_pattern,
)
from .search_index import CONFIG, UKRAINIAN

RANK = "search_rank"
ROUND_FIELDS = tuple(
    column(field, language)
    for language in CONTENT_LANGUAGES
    for field in NegotiationRound.bilingual_fields
)
TOO_BROAD = _(
    "This search took too long to answer and was stopped. Add words, or narrow it with the "
    "other filters."
)


BUSY = _("Too many searches are running at this moment. Please try again in a few seconds.")
SEARCH_LOCKS = 0x5EA7C4  # the advisory lock space whose keys 0, 1, … are the search slots


class SearchTooBroad(Exception):
    """The search ran past `settings.SEARCH_TIME_LIMIT_MS`."""


class SearchBusy(Exception):
    """`settings.SEARCH_CONCURRENCY` searches are running already."""


class Matcher:
    """Which rows and fields match a query, on one database."""

    def __init__(self, text, using):
        self.text = text
        self.words = search_words(text)
        # {code: the name the query calls that country by}, from every name it goes by.
        self.named = {
            code: name for name, codes in names.names_in(" ".join(self.words)) for code in codes
        }
        self.postgresql = connections[using].vendor == "postgresql"
        if self.postgresql:
            from django.contrib.postgres.search import SearchQuery

            self.query = SearchQuery(text, search_type="websearch", config=CONFIG)
            prefixes = ukrainian_prefixes(self.words)
            if prefixes:
                self.query |= SearchQuery(prefixes, search_type="raw", config=UKRAINIAN)
        else:
            self.pattern = phrase_pattern(self.words) if self.words else None

    def rows(self, *fields):
        """Q: the row's stored vector (PostgreSQL), or one of its `fields`, matches."""
        if self.postgresql:
            return Q(search_vector=self.query)
        return self._any(fields)

    def fields(self, *fields):
        """Q: one of `fields` (texts, possibly across relations) matches."""
        if self.postgresql:
            from django.contrib.postgres.search import SearchVector, SearchVectorExact

            return Q(SearchVectorExact(SearchVector(*fields, config=CONFIG), self.query))
        return self._any(fields)

    def _any(self, fields):
        if self.pattern is None:
            return Q(pk__in=[])
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__regex": self.pattern})
        return condition

    def partners(self):
        """Countries named by the query: their stored name matches, or it names them by any
        of their other names (a Ukrainian one in any case: `named_in_ukrainian`), or its whole
        text is their ISO code."""
        return Country.objects.filter(
            self.fields("name")
            | Q(iso2__in=self.named)
            | Q(iso2__in=self.named_in_ukrainian)
            | Q(iso2__iexact=self.text)
        )

    @cached_property
    def named_in_ukrainian(self):
        """The codes of the countries the query names in Ukrainian in any grammatical case
        ("з Німеччиною": DE), where `named` takes the names as written; read once per row of
        the results."""
        return set(names.territories_named(self.words, "uk"))

    def sources(self):
        return Source.objects.filter(self.rows("title", "text"))

    def rounds(self):
        """Q: a round's texts match, or the query names its Ukrainian lead."""
        leads = Person.objects.filter(self.fields("name")).values("pk")
        return self.rows(*ROUND_FIELDS) | Q(ukrainian_lead__in=leads)


def ukrainian_prefixes(words):
    """A PostgreSQL tsquery for the Ukrainian `words`, each by its stem as a prefix
    ("Німеччиною" → "німеччин:*", which matches "Німеччина" and "Німеччини"); "" if none."""
    stems = [ukrainian_stem(word) for word in words if is_ukrainian(word)]
    return " & ".join(f"{stem}:*" for stem in stems if re.fullmatch(r"[^\W\d_]+", stem))


def search_agreements(queryset, text):
    """Agreements of `queryset` matching `text`, annotated with `search_rank` (higher first)."""
    text = (text or "").strip()
    if not text:
        return queryset
    match = Matcher(text, queryset.db)
    partners = match.partners().values("pk")
    own = match.rows("title", "summary", "title_uk", "summary_uk") | Q(partner__in=partners)
    in_rounds = Q(pk__in=NegotiationRound.objects.filter(match.rounds()).values("agreement"))
    # Which agreements some matching source is cited for (directly or for one of their rounds),
    # found in one pass over the sources and citations (the database hashes the result) rather
    # than once per agreement.
    in_sources = Q(pk__in=cited_for(match.sources()))
    queryset = queryset.filter(own | in_rounds | in_sources)
    if match.postgresql:
        return queryset.annotate(**{RANK: _full_text_rank(match, partners, in_rounds)})
    return queryset.annotate(
        **{
            RANK: Case(
                When(match.rows("title", "title_uk") | Q(partner__in=partners), then=Value(4.0)),
                When(match.rows("summary", "summary_uk"), then=Value(3.0)),
                When(in_rounds, then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
        }
    )


def cited_for(sources):
    """The ids of the agreements that `sources` are cited for, directly or for a round."""
    return (
        Citation.objects.filter(source__in=sources)
        .annotate(for_agreement=Coalesce("agreement", "round__agreement"))
        .values("for_agreement")
    )


def _full_text_rank(match, partners, in_rounds):
    """Own vector, best round and partner named, as described above; a round found only by
    its lead's name counts as a weak round match (0.1)."""
    from django.contrib.postgres.search import SearchRank

    rounds = (
        NegotiationRound.objects.filter(match.rows(), agreement=OuterRef("pk"))
        .annotate(rank=SearchRank(F("search_vector"), match.query))
        .order_by("-rank")
    )
    best_round = Coalesce(
        Subquery(rounds.values("rank")[:1]),
        Case(When(in_rounds, then=Value(0.1)), default=Value(0.0)),
        output_field=FloatField(),
    )
    own = Case(
        When(match.rows(), then=SearchRank(F("search_vector"), match.query)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    named = Case(When(partner__in=partners, then=Value(1.0)), default=Value(0.0))
    return own + best_round + named


# The language of the tracker's own texts (titles, summaries, rounds) in their unsuffixed columns.
CONTENT_LANGUAGE = CONTENT_LANGUAGES[0]


@dataclass
class SearchMatch:
    """Where an agreement matched a search: "Title", "Round 3", "Cited source “…”"; `pieces`
    are (text, is_match) runs of the passage, as `quotes.highlight_snippet` cuts them."""

    where: str
    pieces: list
    language: str = ""  # of the passage (and of `source_title`), for its `lang` attribute
    source_title: str = ""  # the cited source's title, when the passage is from its article


def explain_matches(agreements, text):
    """Set `search_match` on each of `agreements` (a page of results): the first of its own
    texts that matches, else its first matching round, else its first matching cited source.

    Three queries whatever the number of rows, rounds and sources.
    """
    text = (text or "").strip()
    agreements = list(agreements)
    if not text or not agreements:
        return
    match = Matcher(text, agreements[0]._state.db)
    words = match.words
    by_pk = {agreement.pk: agreement for agreement in agreements}
    unexplained = set(by_pk)

    def found(pk, where, passage, language=CONTENT_LANGUAGE, source_title=""):
        pieces = highlight_snippet(passage, words)
        by_pk[pk].search_match = SearchMatch(where, pieces, language, source_title)
        unexplained.discard(pk)

    own_fields = [
        ("partner__name", _("Partner")),
        ("title", _("Title")),
        ("summary", _("Summary")),
        ("title_uk", _("Title")),
        ("summary_uk", _("Summary")),
    ]
    hits = Agreement.objects.filter(pk__in=unexplained).values("pk")
    for name, _label in own_fields:
        hits = hits.annotate(
            **{f"{name}_hit": ExpressionWrapper(match.fields(name), output_field=BooleanField())}
        )
    for row in hits.order_by():
        agreement = by_pk[row["pk"]]
        partner = agreement.partner
        if partner.iso2 in match.named and not row["partner__name_hit"]:
            passage = also_called(partner.local_name, match.named[partner.iso2])
            found(row["pk"], _("Partner"), passage, "")
            continue
        if partner.iso2 in match.named_in_ukrainian and not row["partner__name_hit"]:
            found(row["pk"], _("Partner"), partner.local_name, "")  # "з Німеччиною"
            continue
        for name, label in own_fields:
            if row[f"{name}_hit"]:
                value = (
                    agreement.partner.local_name
                    if name == "partner__name"
                    else getattr(agreement, name)
                )
                # The partner's name is shown in the page's language; titles and summaries in
                # the language they are written in.
                language = "uk" if name.endswith("_uk") else CONTENT_LANGUAGE
                found(row["pk"], label, value, "" if name == "partner__name" else language)
                break

    first_rounds = _first_per_agreement(
        NegotiationRound.objects.filter(match.rounds(), agreement__in=unexplained),
        F("agreement"),
        F("number").asc(),
    ).values("agreement", "number", "ukrainian_lead__name", *ROUND_FIELDS)
    # The round's texts in the language the query is written in, each marked as such.
    language = "uk" if any(is_ukrainian(word) for word in match.words) else CONTENT_LANGUAGE
    fields = [column(field, language) for field in NegotiationRound.bilingual_fields]
    for row in first_rounds:
        texts = [row["ukrainian_lead__name"], *(row[field] for field in fields)]
        passage = " · ".join(text for text in texts if text)
        label = _("Round %(number)s") % {"number": row["number"]}
        found(row["agreement"], label, passage, language)

    first_sources = _first_per_agreement(
        Citation.objects.annotate(for_agreement=Coalesce("agreement", "round__agreement")).filter(
            source__in=match.sources(), for_agreement__in=unexplained
        ),
        F("for_agreement"),
        F("source").asc(),
    ).values("for_agreement", "source__title", "source__text", "source__language")
    for row in first_sources:
        title, article = row["source__title"], row["source__text"] or ""
        mentioned = words and re.search(whole_words_pattern(words), article)
        passage = article if mentioned else title
        found(row["for_agreement"], _("Cited source"), passage, row["source__language"], title)


def also_called(name, other_name):
    """A partner's name as shown, and the name a search called it by where that differs."""
    if names.folded(name) == names.folded(other_name):
        return name
    return _("%(name)s (also called %(other_name)s)") % {"name": name, "other_name": other_name}


def _first_per_agreement(queryset, agreement, order):
    return queryset.annotate(
        position=Window(RowNumber(), partition_by=agreement, order_by=order)
    ).filter(position=1)


@contextlib.contextmanager
def time_limit(using, milliseconds=None):
    """Stop the queries of this block after `milliseconds` (default
    `settings.SEARCH_TIME_LIMIT_MS`) and raise `SearchTooBroad`.

    PostgreSQL: a transaction with `SET LOCAL statement_timeout`, applying to each statement,
    holding one of `settings.SEARCH_CONCURRENCY` search slots (transaction-level advisory
    locks, released at its end even if the process dies): `SearchBusy` when none is free.
    SQLite: a progress handler that interrupts the connection once the block's time is up.
    """
    milliseconds = settings.SEARCH_TIME_LIMIT_MS if milliseconds is None else milliseconds
    connection = connections[using]
    if not milliseconds:
        yield
        return
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic(using=using), connection.cursor() as cursor:
                # JIT compiling a search's plan cost more than running it (0.3 s at 100k).
                cursor.execute(
                    f"SET LOCAL statement_timeout = {int(milliseconds)}; SET LOCAL jit = off"
                )
                if settings.SEARCH_CONCURRENCY:
                    # The first free slot: rows are tried in order, and LIMIT stops at it.
                    cursor.execute(
                        "SELECT slot FROM generate_series(0, %s) AS slot "
                        "WHERE pg_try_advisory_xact_lock(%s, slot) LIMIT 1",
                        [settings.SEARCH_CONCURRENCY - 1, SEARCH_LOCKS],
                    )
                    if cursor.fetchone() is None:
                        raise SearchBusy(BUSY)
                yield
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            deadline = time.monotonic() + milliseconds / 1000
            connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            try:
                yield
            finally:
                connection.connection.set_progress_handler(None, 0)
        else:
            yield
    except OperationalError as error:
        if _is_cancelled(error):
            raise SearchTooBroad(TOO_BROAD) from error
        raise


def search_time_limit(using, text):
    """`time_limit` for a request that searches for `text`; no limit when it does not search."""
    return time_limit(using) if (text or "").strip() else contextlib.nullcontext()


def _is_cancelled(error):
    cause = error.__cause__
    return type(cause).__name__ == "QueryCanceled" or "interrupted" in str(error)
