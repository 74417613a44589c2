"""Free-text search over agreements: partner names, titles, summaries, round texts, source texts.

On PostgreSQL this is full-text search (`django.contrib.postgres.search`): the words are stemmed
(English configuration), the query is read like a web search box (quotes for phrases, `or`,
`-word`), and each agreement gets a `search_rank` from its own fields (partner and title "A",
summary "B") and its best-matching round ("B"). Agreements found only through the sources cited
for them or their rounds (titles and article texts) come after those, by partner: ranking every
cited article per agreement meant computing each article's vector once per citing agreement
(40 s at 100k rounds), while finding the matching articles takes one pass over them.

Elsewhere (SQLite in development and tests) it is case-insensitive containment of the whole
query, ranked by where it matched (partner or title, then summary, rounds, sources).

Related rows are matched with `Exists` and ranked with scalar subqueries, never joined, so an
agreement appears once however many of its rounds or sources match.
"""

from django.db import connections
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from .models import Citation, NegotiationRound, Source

RANK = "search_rank"
CONFIG = "english"


def sources_citing_outer_agreement():
    """Sources with a citation on the agreement of the enclosing query, or on one of its rounds
    (a subquery of a subquery, hence `OuterRef(OuterRef("pk"))`).

    Two `IN` subqueries rather than an OR across joins: the joins multiplied each source by its
    citations of both kinds, and PostgreSQL then ranked every copy (minutes at 100k rounds).
    """
    agreement = OuterRef(OuterRef("pk"))
    on_agreement = Citation.objects.filter(agreement=agreement).values("source")
    on_rounds = Citation.objects.filter(round__agreement=agreement).values("source")
    return Source.objects.filter(Q(pk__in=on_agreement) | Q(pk__in=on_rounds))


def search_agreements(queryset, text):
    """Agreements of `queryset` matching `text`, annotated with `search_rank` (higher first)."""
    text = (text or "").strip()
    if not text:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return _full_text_search(queryset, text)
    return _containment_search(queryset, text)


def _full_text_search(queryset, text):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    own = (
        SearchVector("partner__name", weight="A", config=CONFIG)
        + SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
    )
    round_vector = SearchVector(
        "summary", "place", "partner_delegation", "date_note", weight="B", config=CONFIG
    )
    source_vector = SearchVector("title", weight="C", config=CONFIG) + SearchVector(
        "text", weight="D", config=CONFIG
    )
    rounds = (
        NegotiationRound.objects.filter(agreement=OuterRef("pk"))
        .annotate(vector=round_vector)
        .filter(vector=query)
    )
    # Which agreements some matching source is cited for, found in one pass over the sources
    # (the database hashes the result) rather than once per agreement.
    matching = Source.objects.annotate(vector=source_vector).filter(vector=query).values("pk")
    cited_for = Citation.objects.filter(source__in=matching)
    in_sources = Q(pk__in=cited_for.values("agreement")) | Q(
        pk__in=cited_for.values("round__agreement")
    )

    def best_rank(matches):
        ranked = matches.annotate(rank=SearchRank(F("vector"), query)).order_by("-rank")
        return Coalesce(Subquery(ranked.values("rank")[:1]), Value(0.0), output_field=FloatField())

    return (
        queryset.annotate(search_vector=own)
        .filter(Q(search_vector=query) | Exists(rounds) | in_sources)
        .annotate(
            **{
                RANK: SearchRank(own, query) + best_rank(rounds),
            }
        )
    )


def _containment_search(queryset, text):
    own_name = Q(partner__name__icontains=text) | Q(title__icontains=text)
    own_summary = Q(summary__icontains=text)
    round_texts = Q()
    for field in ("summary", "place", "partner_delegation", "date_note"):
        round_texts |= Q(**{f"{field}__icontains": text})
    rounds = NegotiationRound.objects.filter(round_texts, agreement=OuterRef("pk"))
    sources = sources_citing_outer_agreement().filter(
        Q(title__icontains=text) | Q(text__icontains=text)
    )
    return queryset.filter(own_name | own_summary | Exists(rounds) | Exists(sources)).annotate(
        **{
            RANK: Case(
                When(own_name, then=Value(4.0)),
                When(own_summary, then=Value(3.0)),
                When(Exists(rounds), then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
        }
    )
