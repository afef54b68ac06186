"""Keyword search over Chinese text that an index can serve on PostgreSQL: `field__substring=word`.

A Chinese word is often two characters (採購, 疫情); pg_trgm's trigrams cannot serve a two-character query, so
each searched column has a GIN index over its set of overlapping character bigrams (`mt_bigrams(column)`, as
pg_bigm indexes them). A word of two characters or more matches a row only if every bigram of the word is one of
the row's (`@>`), which the index answers; the ILIKE of `icontains` then rechecks the few rows found, so the
result is exactly icontains'. A one-character word has no bigram and is a plain scan. On SQLite (one office, the
embedded default) the lookup is icontains itself.
"""

from django.db import models
from django.db.models.lookups import IContains

FUNCTION = "mt_bigrams"

# The columns the meeting list and the tracking list search: (table, column, index name). The migrations of each
# app create the indexes of its own tables.
MINUTES_COLUMNS = [
    ("minutes_section", "title", "section_title_bigrams"),
    ("minutes_section", "body", "section_body_bigrams"),
    ("minutes_agendaitem", "title", "agendaitem_title_bigrams"),
    ("minutes_agendaitem", "body", "agendaitem_body_bigrams"),
    ("minutes_conclusion", "text", "conclusion_text_bigrams"),
    ("minutes_reportpoint", "text", "reportpoint_text_bigrams"),
    ("minutes_supplementaryreport", "heading", "suppreport_heading_bigrams"),
]
TRACKING_COLUMNS = [
    ("tracking_trackeditem", "subject", "trackeditem_subject_bigrams"),
    ("tracking_progressreport", "text", "progressreport_text_bigrams"),
    ("tracking_review", "progress", "review_progress_bigrams"),
    ("tracking_review", "reason", "review_reason_bigrams"),
]

# upper() as icontains folds case on PostgreSQL; DISTINCT keeps the array (and the index entry) small. COST makes
# the planner prefer the index to computing the bigrams of every row in a scan.
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
    SELECT COALESCE(array_agg(DISTINCT substr(folded, i, 2)), '{{}}')
    FROM (SELECT upper(value) AS folded) AS v, generate_series(1, length(folded) - 1) AS i
$$
"""


def _index_sql(table: str, column: str, name: str) -> str:
    return f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({FUNCTION}(("{column}")::text))'


def create_indexes(columns):
    """A RunPython pair for a migration: the function and the GIN indexes on PostgreSQL, nothing elsewhere."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(CREATE_FUNCTION)
        for table, column, name in columns:
            schema_editor.execute(_index_sql(table, column, name))
        # Statistics of the new index expressions, so the planner estimates @> from the bigrams' frequencies.
        for table in dict.fromkeys(table for table, _column, _name in columns):
            schema_editor.execute(f"ANALYZE {table}")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for _table, _column, name in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return forwards, backwards


class Substring(IContains):
    """icontains, served by the bigram index on PostgreSQL for words of two characters or more. Registered as
    `substring`; its own lookup_name stays icontains, which picks the backend's operator, cast and LIKE escaping."""

    def as_postgresql(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        if not isinstance(self.rhs, str) or len(self.rhs) < 2:
            return sql, params
        column, column_params = compiler.compile(self.lhs)
        return (
            f"({FUNCTION}(({column})::text) @> {FUNCTION}(%s) AND {sql})",
            (*column_params, self.rhs, *params),
        )


for _field in (models.CharField, models.TextField):
    _field.register_lookup(Substring, lookup_name="substring")
