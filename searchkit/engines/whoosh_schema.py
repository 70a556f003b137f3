"""The Whoosh schema and the Article <-> document mapping, in one place."""

from __future__ import annotations

import json
from datetime import date, datetime

from whoosh.analysis import (
    CharsetFilter,
    CommaSeparatedTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from searchkit.article import METADATA_KEYS, Article, Official

# Bump when the schema or the meaning of a stored field changes: older indexes must be rebuilt.
SCHEMA_VERSION = 2
# Facet values are kept in per-document columns, several values joined by this separator, so that facets are
# counted over every match from a column read once per searcher instead of loading each match's stored fields.
FACET_SEPARATOR = "\x1f"
# facet name -> the column holding its values; metadata facets are named like their query qualifiers.
FACET_COLUMNS = {"source": "corpus", "official": "facet_official", **{key: f"facet_{key}" for key in METADATA_KEYS}}

# Searching "Erdogan" must find "Erdoğan": every analyzer folds accents after lower-casing.
_words = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
STEMMED = _words | StopFilter() | StemFilter()
# Phrases are matched on the unstemmed words, so "regional peace" does not match "regional peaceful".
EXACT = _words
# One token per official: the full name and the surname, so both "Lavrov" and "Sergei Lavrov" match.
OFFICIAL_NAMES = CommaSeparatedTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
# Path parts, so `source:reut2-000` or `source:corpus` finds articles from that file or folder.
PATH_PARTS = RegexTokenizer(r"[^/\\:.\s]+") | LowercaseFilter()


def metadata_field(key: str) -> str:
    """The searchable field of one metadata key (`topic:coffee` searches meta_topic)."""
    return f"meta_{key}"


def build_schema() -> Schema:
    metadata = {metadata_field(key): TEXT(analyzer=EXACT) for key in METADATA_KEYS}
    facets = {column: COLUMN() for name, column in FACET_COLUMNS.items() if name != "source"}
    return Schema(
        **metadata,
        **facets,
        corpus=ID(stored=True, sortable=True),
        metadata_json=STORED(),
        id=ID(unique=True, stored=True, sortable=True),
        headline=TEXT(analyzer=STEMMED, stored=True, phrase=False),
        body=TEXT(analyzer=STEMMED, stored=True, phrase=False),
        headline_exact=TEXT(analyzer=EXACT),
        body_exact=TEXT(analyzer=EXACT),
        officials=TEXT(analyzer=OFFICIAL_NAMES, phrase=False),
        officials_json=STORED(),
        published=DATETIME(stored=True, sortable=True),
        page_date=STORED(),
        mentioned=DATETIME(stored=True),
        dateline=STORED(),
        url=STORED(),
        source=TEXT(analyzer=PATH_PARTS, stored=True, phrase=False),
        source_file=ID(stored=True, sortable=True),
        content_hash=ID(stored=True, sortable=True),
    )


def official_tokens(official: Official) -> list[str]:
    names = [official.name]
    surname = official.name.split()[-1] if official.name.split() else ""
    if surname and surname != official.name:
        names.append(surname)
    return [name.replace(",", " ") for name in names]


def to_document(article: Article, source_file: str, corpus: str = "") -> dict:
    """The Whoosh document for one enriched article; corpus names the source it came from (its facet value)."""
    published = _as_datetime(article.published)
    officials = [token for official in article.officials for token in official_tokens(official)]
    doc = {
        "id": article.id,
        "headline": article.headline,
        "body": article.body,
        "headline_exact": article.headline,
        "body_exact": article.body,
        "officials": ",".join(officials),
        "officials_json": json.dumps([_official_dict(o) for o in article.officials], ensure_ascii=False),
        "corpus": corpus,
        "metadata_json": json.dumps(article.metadata, ensure_ascii=False) if article.metadata else "",
        "facet_official": _facet_value(official.name for official in article.officials),
        "page_date": article.page_date.isoformat() if article.page_date else "",
        "dateline": article.dateline,
        "url": article.url or "",
        "source": article.source,
        "source_file": source_file,
        "content_hash": article.content_hash(),
    }
    for key, values in article.metadata.items():
        doc[metadata_field(key)] = "\n".join(values)
        doc[FACET_COLUMNS[key]] = _facet_value(values)
    if published is not None:
        doc["published"] = published
    if article.mentioned:
        doc["mentioned"] = [_as_datetime(day) for day in article.mentioned]
    return doc


def to_article(fields: dict) -> Article:
    """The Article a stored document stands for (the inverse of to_document)."""
    mentioned = fields.get("mentioned") or []
    if not isinstance(mentioned, list):
        mentioned = [mentioned]
    return Article(
        id=fields["id"],
        headline=fields.get("headline", ""),
        body=fields.get("body", ""),
        published=fields["published"].date() if fields.get("published") else None,
        page_date=date.fromisoformat(fields["page_date"]) if fields.get("page_date") else None,
        dateline=fields.get("dateline", ""),
        officials=[Official(**o) for o in json.loads(fields.get("officials_json") or "[]")],
        mentioned=sorted(day.date() for day in mentioned),
        source=fields.get("source", ""),
        url=fields.get("url") or None,
        metadata=json.loads(fields.get("metadata_json") or "{}"),
    )


def _facet_value(values) -> bytes:
    return FACET_SEPARATOR.join(dict.fromkeys(values)).encode("utf-8")


def facet_values(column_value: bytes) -> tuple[str, ...]:
    """The values one document holds in a facet column."""
    return tuple(column_value.decode("utf-8").split(FACET_SEPARATOR)) if column_value else ()


def _official_dict(official: Official) -> dict:
    return {
        "name": official.name,
        "title": official.title,
        "affiliation": official.affiliation,
        "mentions": official.mentions,
        "kind": official.kind,
    }


def _as_datetime(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day) if day else None
