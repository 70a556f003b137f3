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
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from searchkit.article import Article, Official

# Bump when the schema or the meaning of a stored field changes: older indexes must be rebuilt.
SCHEMA_VERSION = 1

# Searching "Erdogan" must find "Erdoğan": every analyzer folds accents after lower-casing.
_words = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
STEMMED = _words | StopFilter() | StemFilter()
# Phrases are matched on the unstemmed words, so "regional peace" does not match "regional peaceful".
EXACT = _words
# One token per official: the full name and the surname, so both "Lavrov" and "Sergei Lavrov" match.
OFFICIAL_NAMES = CommaSeparatedTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
# Path parts, so `source:reut2-000` or `source:corpus` finds articles from that file or folder.
PATH_PARTS = RegexTokenizer(r"[^/\\:.\s]+") | LowercaseFilter()


def build_schema() -> Schema:
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        headline=TEXT(analyzer=STEMMED, stored=True, phrase=False),
        body=TEXT(analyzer=STEMMED, stored=True, phrase=False),
        headline_exact=TEXT(analyzer=EXACT),
        body_exact=TEXT(analyzer=EXACT),
        officials=TEXT(analyzer=OFFICIAL_NAMES, phrase=False),
        officials_json=STORED(),
        published=DATETIME(stored=True, sortable=True),
        year=ID(sortable=True),
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


def to_document(article: Article, source_file: str) -> dict:
    """The Whoosh document for one enriched article."""
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
        "year": str(article.published.year) if article.published else "",
        "page_date": article.page_date.isoformat() if article.page_date else "",
        "dateline": article.dateline,
        "url": article.url or "",
        "source": article.source,
        "source_file": source_file,
        "content_hash": article.content_hash(),
    }
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
    )


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
