"""The stored full-text search vectors and their indexes (PostgreSQL), and nothing elsewhere.

Each searchable row keeps its text vector in a generated column (`stored_vector`), so the
database computes it on every insert and update – a save, `loaddata`, `bulk_create`,
`QuerySet.update()` or raw SQL alike – and a search reads it through a GIN index instead of
parsing every text again. On SQLite the column stays NULL and search matches the texts
themselves (see `agreements.search`).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Func, GeneratedField

CONFIG = "english"
# Ukrainian texts (`title_uk` …): PostgreSQL has no Ukrainian stemmer, so their words are kept
# as written, lower-cased, and a search matches them by the stem's prefix (`agreements.search`).
UKRAINIAN = "simple"


class OnPostgreSQLOnly(Func):
    """Its one expression on PostgreSQL; NULL on other databases."""

    template = "%(expressions)s"
    output_field = SearchVectorField()

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def stored_vector(**weighted_fields):
    """A generated tsvector column over `field="weight"` pairs, e.g. title="A", summary="B";
    a pair may name its text search configuration too: title_uk=("A", UKRAINIAN)."""
    vectors = [
        SearchVector(field, weight=weight, config=config)
        for field, (weight, config) in (
            (field, spec if isinstance(spec, tuple) else (spec, CONFIG))
            for field, spec in weighted_fields.items()
        )
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return GeneratedField(
        expression=OnPostgreSQLOnly(combined),
        output_field=SearchVectorField(),
        db_persist=True,
        serialize=False,  # derived data: backups and fixtures hold the texts only
    )


class PostgreSQLGinIndex(GinIndex):
    """A GIN index on PostgreSQL; no index elsewhere (SQLite has no GIN)."""

    def create_sql(self, model, schema_editor, *args, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().create_sql(model, schema_editor, *args, **kwargs)

    def remove_sql(self, model, schema_editor, *args, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return ""
        return super().remove_sql(model, schema_editor, *args, **kwargs)
