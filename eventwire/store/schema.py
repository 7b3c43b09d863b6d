"""The DuckDB schema of an eventwire store, as data.

Each table is a tuple of (column, DuckDB type); the DDL, the Arrow schema used for bulk
inserts and the row builders all derive from it, so they cannot drift apart.

Tables (one row per ...):

``documents``  one coded article. ``doc_id`` is the article id (for input without an id, a hash
               of its text, so the same text is never stored twice). ``content_hash`` is the SHA-1
               of the text; ``n_*`` count what was coded; ``run_id`` names the run that wrote it.
``events``     one event mention: the flat columns of ``Event.to_dict()`` (``location`` split into
               ``location_*``/``lat``/``lon``/``geonameid``, ``span`` into ``span_start``/``span_end``,
               the actors' country and name copied out) and the full actor objects as JSON text in
               ``source_actor``/``target_actor``. ``root`` is the 2-digit CAMEO root. ``story_id``
               links the mention to its story (NULL for negated and hypothetical events, which
               did not happen and so are no story).
``quotes``     one quote: speaker/addressee codes and names, their actor objects as JSON.
``mentions``   one actor mention found in an article (what the dashboard shows as actors).
``places``     one place found in an article.
``rejects``    one input that could not be coded: file, line, reason, the run that last saw it.
``runs``       one ingest run: when, how, inputs, configuration and counts; ``status`` is
               ``running`` while it runs, then ``done``, ``failed`` or (when found still running
               by a later run, i.e. killed) ``interrupted``.
``event_facts`` (derived) one row per event with what every analysis and map filters and counts
               by: the event's filterable columns plus its **day** (its own date when given to the
               day, else its article's date) and **outlet** (the article's source, else its URL's
               host, else the article). Written in the same transaction as the events (and
               rebuilt from them when an older store is opened for writing), so it never
               disagrees with them; analyses read it instead of joining a million events to
               their documents.
``dyad_days``  (derived) one row per (source, target, their countries, day, whether it happened):
               the events' counts per QuadClass, Goldstein sum, conflict intensity and the
               distinct articles and outlets behind them. Kept up to date in the same
               transaction as ``event_facts`` (the groups a write touches are recomputed), so
               the series, dyad tables, alerts and event counts filtered by actors or countries
               read some 100,000 groups instead of a million events (issue 13 point 28); see
               :mod:`eventwire.store.summary`.
``stories``    (view) one story-level event, GDELT style: all mentions with the same source,
               target, CAMEO code and date (the event date, else the article date) form one
               story; ``num_mentions`` counts the mentions, ``num_articles`` the articles and
               ``num_sources`` the distinct outlets (article ``source``, else the URL's host,
               else the article itself). ``events.story_id`` gives the mentions of each story.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Columns = tuple[tuple[str, str], ...]

DOCUMENTS: Columns = (
    ("doc_id", "VARCHAR PRIMARY KEY"),
    ("content_hash", "VARCHAR NOT NULL"),
    ("title", "VARCHAR"),
    ("date", "DATE"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("text", "VARCHAR"),
    ("n_sentences", "INTEGER"),
    ("n_events", "INTEGER"),
    ("n_quotes", "INTEGER"),
    ("run_id", "VARCHAR"),
    ("coded_at", "TIMESTAMP"),
)

EVENTS: Columns = (
    ("event_id", "VARCHAR PRIMARY KEY"),
    ("doc_id", "VARCHAR NOT NULL"),
    ("story_id", "VARCHAR"),
    ("sentence", "INTEGER"),
    ("source", "VARCHAR"),
    ("target", "VARCHAR"),
    ("cameo", "VARCHAR NOT NULL"),
    ("root", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("modality", "VARCHAR"),
    ("date", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_admin1", "VARCHAR"),
    ("location_feature", "VARCHAR"),  # country, admin1 or city
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geonameid", "BIGINT"),
    ("text", "VARCHAR"),
    ("trigger", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
    ("rule", "VARCHAR"),
    ("quote_id", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("source_actor", "VARCHAR"),  # JSON
    ("target_actor", "VARCHAR"),  # JSON
    ("confidence", "DOUBLE"),  # last: stores made before it get it by ALTER TABLE (add_missing_columns)
)

QUOTES: Columns = (
    ("quote_id", "VARCHAR PRIMARY KEY"),
    ("doc_id", "VARCHAR NOT NULL"),
    ("sentence", "INTEGER"),
    ("speaker", "VARCHAR"),
    ("speaker_name", "VARCHAR"),
    ("cue", "VARCHAR"),
    ("addressee", "VARCHAR"),
    ("addressee_name", "VARCHAR"),
    ("text", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
    ("speaker_actor", "VARCHAR"),  # JSON
    ("addressee_actor", "VARCHAR"),  # JSON
)

MENTIONS: Columns = (
    ("doc_id", "VARCHAR NOT NULL"),
    ("n", "INTEGER NOT NULL"),
    ("code", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sectors", "VARCHAR"),  # space-separated sector codes
    ("name", "VARCHAR"),
    ("role", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("text", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
    ("rule", "VARCHAR"),
)

PLACES: Columns = (
    ("doc_id", "VARCHAR NOT NULL"),
    ("n", "INTEGER NOT NULL"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geonameid", "BIGINT"),
    ("feature", "VARCHAR"),
    ("text", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
)

REJECTS: Columns = (
    ("path", "VARCHAR NOT NULL"),
    ("line", "INTEGER"),
    ("reason", "VARCHAR NOT NULL"),
    ("run_id", "VARCHAR"),
    ("time", "TIMESTAMP"),
)

RUNS: Columns = (
    ("run_id", "VARCHAR PRIMARY KEY"),
    ("started", "TIMESTAMP"),
    ("finished", "TIMESTAMP"),
    ("status", "VARCHAR"),
    ("engine", "VARCHAR"),
    ("workers", "INTEGER"),
    ("inputs", "VARCHAR"),  # JSON list of paths
    ("config", "VARCHAR"),  # JSON of the CoderConfig
    ("n_read", "BIGINT"),
    ("n_coded", "BIGINT"),
    ("n_skipped", "BIGINT"),
    ("n_rejected", "BIGINT"),
    ("n_events", "BIGINT"),
)

EVENT_FACTS: Columns = (
    ("event_id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("story_id", "VARCHAR"),
    ("source", "VARCHAR"),
    ("target", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("root", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("modality", "VARCHAR"),
    ("date", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("day", "DATE"),
    ("outlet", "VARCHAR"),
)

DYAD_DAYS: Columns = (
    ("source", "VARCHAR"),
    ("target", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("day", "DATE"),
    ("happened", "BOOLEAN"),  # modality neither negated nor hypothetical
    ("events", "BIGINT"),
    ("q1", "BIGINT"),
    ("q2", "BIGINT"),
    ("q3", "BIGINT"),
    ("q4", "BIGINT"),
    ("goldstein_sum", "DOUBLE"),  # NULL when no event of the group has a Goldstein value
    ("goldstein_n", "BIGINT"),  # events with a Goldstein value (the mean's denominator)
    ("intensity", "DOUBLE"),  # sum of -Goldstein (at least 0) over QuadClass 3-4 events
    ("docs", "VARCHAR[]"),  # distinct doc_ids
    ("outlets", "VARCHAR[]"),  # distinct outlets
)

#: The day and outlet of an event (``e``) reported by an article (``d``); see ``event_facts``.
EVENT_DAY_SQL = "TRY_CAST(CASE WHEN length(e.date) = 10 THEN e.date ELSE CAST(d.date AS VARCHAR) END AS DATE)"
OUTLET_SQL = "coalesce(d.source, nullif(regexp_extract(d.url, '^[A-Za-z]+://([^/?#]+)', 1), ''), d.doc_id)"


def event_facts_insert_sql(where: str = "") -> str:
    """INSERT of the facts of the events matching ``where`` (over ``e`` events, ``d`` documents)."""
    copied = ", ".join(f"e.{name}" for name, _ in EVENT_FACTS if name not in ("day", "outlet"))
    return (f"INSERT INTO event_facts SELECT {copied}, {EVENT_DAY_SQL}, {OUTLET_SQL} "
            f"FROM events e JOIN documents d ON d.doc_id = e.doc_id{where}")


#: Tables written per coded document, in the order they are written.
DOCUMENT_TABLES: Mapping[str, Columns] = MappingProxyType({
    "documents": DOCUMENTS,
    "events": EVENTS,
    "quotes": QUOTES,
    "mentions": MENTIONS,
    "places": PLACES,
})

TABLES: Mapping[str, Columns] = MappingProxyType({**DOCUMENT_TABLES, "rejects": REJECTS, "runs": RUNS})

#: Tables derived from the others (never exported, rebuilt when missing).
DERIVED: Mapping[str, Columns] = MappingProxyType({"event_facts": EVENT_FACTS, "dyad_days": DYAD_DAYS})

INDEXES = (
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS events_story ON events (story_id)",
    "CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc_id)",
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id)",
    "CREATE INDEX IF NOT EXISTS places_doc ON places (doc_id)",
)

#: Columns of the ``stories`` view (for validating sort keys; types as DuckDB reports them).
STORY_COLUMNS: Columns = tuple((name, "ANY") for name in (
    "story_id", "source", "target", "cameo", "root", "date", "plover", "quad_class", "goldstein",
    "source_country", "target_country", "source_name", "target_name", "num_mentions", "num_sources",
    "num_articles", "is_root_event", "location", "source_url", "first_doc_id", "first_coded_at",
))

STORIES_VIEW = """
CREATE OR REPLACE VIEW stories AS
WITH mentions_of_stories AS (
    SELECT e.*,
           coalesce(e.date, CAST(d.date AS VARCHAR)) AS story_date,
           coalesce(d.source, nullif(regexp_extract(d.url, '^[A-Za-z]+://([^/?#]+)', 1), ''), d.doc_id) AS outlet,
           d.url AS doc_url,
           d.coded_at AS coded_at
    FROM events e JOIN documents d USING (doc_id)
    WHERE e.story_id IS NOT NULL
)
SELECT
    story_id,
    any_value(source) AS source,
    any_value(target) AS target,
    any_value(cameo) AS cameo,
    any_value(root) AS root,
    any_value(story_date) AS date,
    any_value(plover) AS plover,
    any_value(quad_class) AS quad_class,
    any_value(goldstein) AS goldstein,
    mode(source_country) AS source_country,
    mode(target_country) AS target_country,
    mode(source_name) AS source_name,
    mode(target_name) AS target_name,
    count(*) AS num_mentions,
    count(DISTINCT outlet) AS num_sources,
    count(DISTINCT doc_id) AS num_articles,
    max(CASE WHEN sentence = 0 THEN 1 ELSE 0 END) AS is_root_event,
    arg_min({'name': location_name, 'country': location_country, 'admin1': location_admin1,
             'feature': location_feature, 'lat': lat, 'lon': lon, 'geonameid': geonameid}, event_id)
        FILTER (WHERE location_name IS NOT NULL) AS location,
    arg_min(doc_url, doc_id) FILTER (WHERE doc_url IS NOT NULL) AS source_url,
    min(doc_id) AS first_doc_id,
    min(coded_at) AS first_coded_at
FROM mentions_of_stories
GROUP BY story_id
"""


def column_names(columns: Columns) -> tuple[str, ...]:
    return tuple(name for name, _ in columns)


def create_table_sql(name: str, columns: Columns) -> str:
    body = ",\n    ".join(f'"{column}" {kind}' for column, kind in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    {body}\n)"


def schema_sql() -> str:
    """The whole schema as one SQL script (what ``open_store`` runs; printable for users)."""
    statements = [create_table_sql(name, columns) for name, columns in {**TABLES, **DERIVED}.items()]
    statements += list(INDEXES)
    statements.append(STORIES_VIEW.strip())
    return ";\n\n".join(statements) + ";\n"
