"""CSV (and TSV) files with a header row: one article per row.

Columns are found by their header names, case-insensitively and ignoring spaces, `_` and `-`
("Publish date", "published_at"); `ReadOptions.column_map` (`--map body=Article`) names them outright.
The whole file is decoded at once (UTF-8, cp1252 byte runs as cp1252), so spreadsheet re-saves that mix
the two still read cleanly; a file is a few MB at most.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from searchkit.article import Article, Problem
from searchkit.errors import CorpusError
from searchkit.readers import ReadOptions
from searchkit.readers.jsonl import EMPTY_FILE, METADATA_NAMES, make_article, read_text, record_id, split_values

# Article field -> header names it is recognised by (normalised: lower case, no spaces, "_" or "-").
COLUMNS: dict[str, tuple[str, ...]] = {
    "headline": ("headline", "heading", "title"),
    "body": ("body", "text", "article", "content", "articlecontent"),
    "published": ("date", "published", "publishdate", "publishedat", "pubdate"),
    "id": ("id",),
    "url": ("url",),
    "dateline": ("dateline",),
    **METADATA_NAMES,
}
# Names --map accepts for a field besides the field's own (`--map tags=Keywords`).
MAP_ALIASES = {"tags": "topic", "topics": "topic", "category": "section", "byline": "author"}
MAP_FIELDS = (*COLUMNS, *MAP_ALIASES)
DELIMITERS = ",;\t|"
FIELD_SIZE_LIMIT = 2**31 - 1  # bodies of several MB in one cell; the default 128 KiB is too small


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    text = read_text(path)
    if isinstance(text, Problem):
        yield text
        return
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        yield Problem(str(path), EMPTY_FILE)
        return
    columns = find_columns(path, header, options.column_map)
    swallowed = _unclosed_quote_record(text, delimiter)
    rows = records = 0
    start = reader.line_num + 1
    for row in reader:
        rows += 1
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue  # ",,," rows: spreadsheet padding, not records
        records += 1
        if line == swallowed:
            yield Problem(f"{path}:{line}", "a quoted field is never closed; it runs to the end of the file")
        elif len(row) != len(header):
            yield Problem(f"{path}:{line}", f"expected {len(header)} fields, found {len(row)}")
        else:
            fields = {name: row[index] for name, index in columns.items()}
            metadata = {name: split_values(name, fields.pop(name)) for name in METADATA_NAMES if name in fields}
            yield from make_article(
                path,
                line,
                id=record_id(path, fields.pop("id", ""), rows),
                options=options,
                metadata=metadata,
                **fields,
            )
    if records == 0:
        yield Problem(str(path), "no records after the header")


def find_columns(path: Path, header: Sequence[str], column_map: Mapping[str, str]) -> dict[str, int]:
    """Article field -> column index; CorpusError when a mapped column is missing or no text column is found."""
    normalised = [_normal(name) for name in header]
    shown = ", ".join(repr(name) for name in header)
    columns: dict[str, int] = {}
    for field, name in column_map.items():
        field = MAP_ALIASES.get(field, field)
        if field not in COLUMNS:
            raise CorpusError(f"{path}: cannot map {field!r}: fields are {', '.join(MAP_FIELDS)}")
        if name in header:
            columns[field] = header.index(name)
        elif _normal(name) in normalised:
            columns[field] = normalised.index(_normal(name))
        else:
            raise CorpusError(f"{path}: no column {name!r} for {field}; columns are {shown}")
    for field, names in COLUMNS.items():
        if field not in columns:
            # A column --map gave to one field is not guessed for another.
            found = [normalised.index(name) for name in names if name in normalised]
            found = [index for index in found if index not in columns.values()]
            if found:
                columns[field] = found[0]
    if "headline" not in columns and "body" not in columns:
        raise CorpusError(f"{path}: no headline or body column among {shown}; name one with --map body=COLUMN")
    return columns


def _normal(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.lower())


def _delimiter(text: str) -> str:
    """The separator the header line uses most; commas when it has none."""
    end = text.find("\n")
    header = text[:end] if end >= 0 else text
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _unclosed_quote_record(text: str, delimiter: str) -> int | None:
    """The start line of a last record whose quoted field is never closed, so that it swallowed the rest.

    The lenient parser cannot tell; a strict re-read of the last record can. An even number of quotes in
    the file rules it out cheaply, so the second pass is rare.
    """
    if text.count('"') % 2 == 0:
        return None
    lenient = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last = start = 1
    for _row in lenient:
        last, start = start, lenient.line_num + 1
    lines = io.StringIO(text, newline="")
    for _ in range(last - 1):
        next(lines)
    try:
        next(csv.reader(lines, delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return last if "end of data" in str(exc) else None
    return None
