"""The Whoosh schema and the Article <-> document mapping, in one place."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    CommaSeparatedTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from searchkit.article import METADATA_KEYS, Article, Official
from searchkit.engines.whoosh_codec import CompactPositions

# Bump when the schema or the meaning of a stored field changes: older indexes must be rebuilt.
SCHEMA_VERSION = 4
# Facet values are kept in per-document columns, several values joined by this separator, so that facets are
# counted over every match from a column read once per searcher instead of loading each match's stored fields.
FACET_SEPARATOR = "\x1f"
# facet name -> the column holding its values; metadata facets are named like their query qualifiers.
FACET_COLUMNS = {"source": "corpus", "official": "facet_official", **{key: f"facet_{key}" for key in METADATA_KEYS}}

# Searching "Erdogan" must find "Erdoğan": every analyzer folds accents after lower-casing.
_TOKENIZER = RegexTokenizer()
_words = _TOKENIZER | LowercaseFilter() | CharsetFilter(accent_map)
_STOP = StopFilter()
STEMMED = _words | _STOP | StemFilter()
# Metadata fields are matched on the unstemmed words.
EXACT = _words
# Headline and body terms whose text starts with this are exact (unstemmed) words, kept for phrases only.
EXACT_MARK = "="
# One token per official: the full name and the surname, so both "Lavrov" and "Sergei Lavrov" match.
OFFICIAL_NAMES = CommaSeparatedTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
# Path parts, so `source:reut2-000` or `source:corpus` finds articles from that file or folder. The file's path
# is indexed, not the record's place in it (`file.sgm:235`): a term per article would only add to the index.
PATH_PARTS = RegexTokenizer(r"[^/\\:.\s]+") | LowercaseFilter()


class StemmedText(TEXT):
    """One positional field answering both ranked words and exact phrases, each word analysed once.

    Each distinct stem is a term whose weight counts the words with that stem (what BM25 ranks by) and whose
    positions are those where the word is exactly the stem ("rate"). A word that differs from its stem, a stop
    word or a one-letter word is also posted as a marked exact term ("=rates", "=of"), with weight but no
    field length, so the field's length is its stem count as before and phrases are matched on exact forms
    ("regional peace" does not match "regional peaceful"). See phrase_term for the query side.

    Queries analyse words with STEMMED (the field's analyzer); indexing uses the equivalent, cached path below.
    """

    def __init__(self, **kwargs):
        super().__init__(analyzer=STEMMED, phrase=True, **kwargs)
        self.format = CompactPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        stems, marked = _terms(value)
        for text, (count, positions) in stems.items():
            yield text.encode("utf-8"), count, float(count), self._encoded(positions)
        for text, positions in marked.items():
            yield text.encode("utf-8"), 0, float(len(positions)), self._encoded(positions)

    def _encoded(self, positions: list[int]) -> bytes:
        if len(positions) == 1 and positions[0] < _ONE_POSITION_KEPT:  # most postings: encoded once per position
            return _one_position(positions[0])
        return self.format.encode(positions)


_ONE_POSITION_KEPT = 1 << 16
NO_POSITIONS = CompactPositions().encode([])  # a stem's posting where the word itself does not occur


@lru_cache(maxsize=_ONE_POSITION_KEPT)
def _one_position(position: int) -> bytes:
    return CompactPositions().encode([position])  # the format of StemmedText


# The tokenizer's own expression without its capturing group, so findall returns whole tokens.
_TOKENS = re.compile(_TOKENIZER.expression.pattern.replace("(", "(?:"), _TOKENIZER.expression.flags)


def _terms(text: str) -> tuple[dict[str, list], dict[str, list[int]]]:
    """stem -> [words with that stem, positions where the word is the stem itself]; marked exact term ->
    its positions. Each distinct token of the text is analysed once."""
    by_token: dict[str, list[int]] = {}
    for position, token in enumerate(_TOKENS.findall(text)):
        positions = by_token.get(token)
        if positions is None:
            by_token[token] = [position]
        else:
            positions.append(position)
    stems: dict[str, list] = {}
    marked: dict[str, list[int]] = {}
    unsorted = []  # position lists merged from tokens that differ only in case or accents
    for token, positions in by_token.items():
        stemmed, word = _analyse(token)
        if stemmed is not None:
            entry = stems.get(stemmed)
            if entry is None:
                entry = stems[stemmed] = [0, []]
            entry[0] += len(positions)
            if stemmed == word:
                if entry[1]:
                    unsorted.append(entry[1])
                entry[1] += positions
                continue
        term = EXACT_MARK + word
        if term in marked:
            marked[term] += positions
            unsorted.append(marked[term])
        else:
            marked[term] = positions
    for positions in unsorted:
        positions.sort()
    return stems, marked


def ranked_terms(text: str) -> list[tuple[str, float]]:
    """(stem, how many words of text have it): the terms a text is ranked by, without the exact forms."""
    return [(stemmed, float(count)) for stemmed, (count, _positions) in _terms(text)[0].items()]


@lru_cache(maxsize=100_000)
def _analyse(token: str) -> tuple[str | None, str]:
    """(the token's stem, or None for a stop word; its exact form), as STEMMED and EXACT would give them."""
    word = token.lower().translate(accent_map)
    if len(word) < _STOP.min or word in _STOP.stops:
        return None, word
    return stem(word), word


def phrase_terms(text: str) -> list[str]:
    """The headline/body terms holding the positions of a phrase's exact words, in order."""
    return [exact_term(match.group(0)) for match in _TOKENIZER.expression.finditer(text)]


def exact_term(token: str) -> str:
    """The headline/body term holding the positions where a word occurs in exactly this form."""
    stemmed, word = _analyse(token)
    return word if stemmed == word else EXACT_MARK + word


def exact_word(term: str) -> str:
    """The word a headline/body term of a phrase stands for (the inverse of phrase_terms)."""
    return term.removeprefix(EXACT_MARK)


def metadata_field(key: str) -> str:
    """The searchable field of one metadata key (`topic:coffee` searches meta_topic)."""
    return f"meta_{key}"


def build_schema() -> Schema:
    metadata = {metadata_field(key): TEXT(analyzer=EXACT) for key in METADATA_KEYS}
    facets = {column: COLUMN() for name, column in FACET_COLUMNS.items() if name != "source"}
    return Schema(
        **metadata,
        **facets,
        corpus=ID(sortable=True),
        metadata_json=STORED(),
        id=ID(unique=True, stored=True, sortable=True),
        headline=StemmedText(stored=True),
        body=StemmedText(stored=True),
        officials=TEXT(analyzer=OFFICIAL_NAMES, phrase=False),
        officials_json=STORED(),
        published=DATETIME(stored=True, sortable=True),
        page_date=STORED(),
        mentioned=DATETIME(stored=True),
        dateline=STORED(),
        url=STORED(),
        source=TEXT(analyzer=PATH_PARTS, stored=True, phrase=False),  # indexed: the file; stored: the record
        source_file=ID(sortable=True),
        content_hash=COLUMN(),  # read back as a column only, to skip unchanged articles
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
        "officials": ",".join(officials),
        "officials_json": json.dumps([_official_dict(o) for o in article.officials], ensure_ascii=False)
        if article.officials else "",
        "corpus": corpus,
        "metadata_json": json.dumps(article.metadata, ensure_ascii=False) if article.metadata else "",
        "facet_official": _facet_value(official.name for official in article.officials),
        "page_date": article.page_date.isoformat() if article.page_date else "",
        "dateline": article.dateline,
        "url": article.url or "",
        "source": source_file,
        "_stored_source": article.source,
        "source_file": source_file,
        "content_hash": article.content_hash().encode("ascii"),
    }
    for key, values in article.metadata.items():
        doc[metadata_field(key)] = "\n".join(values)
        doc[FACET_COLUMNS[key]] = _facet_value(values)
    if published is not None:
        doc["published"] = published
    if article.mentioned:
        doc["mentioned"] = [_as_datetime(day) for day in article.mentioned]
    # Every stored value is pickled with its field's name in each document: empty ones are left out.
    return {name: value for name, value in doc.items() if value != ""}


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
