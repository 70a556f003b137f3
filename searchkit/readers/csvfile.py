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
from searchkit.errors import QUOTE_LIMIT, CorpusError, quoted
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
# Hostile files cost only themselves, in bounded memory: a first line over HEADER_LIMIT_BYTES (without a
# line break) is not a header and the file is skipped before it is read whole; a header of more columns than
# MAX_COLUMNS is refused; a field over FIELD_SIZE_LIMIT (bodies of several MB are fine) skips its record.
HEADER_LIMIT_BYTES = 64 * 1024
MAX_COLUMNS = 1_000
FIELD_SIZE_LIMIT = 8 * 2**20


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    too_long = _first_line_too_long(path)
    if too_long:
        yield too_long
        return
    text = read_text(path)
    if isinstance(text, Problem):
        yield text
        return
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    except csv.Error as exc:
        yield Problem(str(path), f"unreadable header: {exc}")
        return
    if header is None:
        yield Problem(str(path), EMPTY_FILE)
        return
    if len(header) > MAX_COLUMNS:
        yield Problem(str(path), f"header has {len(header):,} columns, over the limit of {MAX_COLUMNS:,}; not a "
                                 f"corpus file: {_shown(header)}")
        return
    columns = find_columns(path, header, options.column_map)
    if "headline" not in columns and "body" not in columns:
        yield Problem(str(path), f"no headline or body column among {_shown(header)}; name one with --map body=COLUMN")
        return
    swallowed = _unclosed_quote_record(text, delimiter)
    rows = records = 0
    start = reader.line_num + 1
    for row in _rows(reader):
        rows += 1
        line, start = start, reader.line_num + 1
        if isinstance(row, csv.Error):
            records += 1
            yield Problem(f"{path}:{line}", f"unreadable record: {row}")
            continue
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


def _first_line_too_long(path: Path) -> Problem | None:
    """A file whose first line runs past HEADER_LIMIT_BYTES, found without reading the rest of it."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(HEADER_LIMIT_BYTES + 1)
    except OSError:
        return None  # read_text reports it
    if len(start) <= HEADER_LIMIT_BYTES or b"\n" in start.lstrip(b"\r\n"):
        return None
    return Problem(str(path), f"first line is over {HEADER_LIMIT_BYTES // 1024} KB long; not a CSV header")


def _rows(reader) -> Iterator[list[str] | csv.Error]:
    """The reader's rows; a record it cannot read (a field over the size limit) comes as its csv.Error, and
    reading goes on with the next line."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc


def _shown(header: Sequence[str]) -> str:
    """Column names for a message, cut to about QUOTE_LIMIT characters."""
    shown = ", ".join(repr(name) for name in header[:MAX_COLUMNS])
    if len(shown) <= QUOTE_LIMIT:
        return shown
    return f"{shown[:QUOTE_LIMIT]}... ({len(header):,} columns)"


def find_columns(path: Path, header: Sequence[str], column_map: Mapping[str, str]) -> dict[str, int]:
    """Article field -> column index (none for headline and body when no column is found); CorpusError when
    a mapped column is missing."""
    normalised = [_normal(name) for name in header]
    shown = _shown(header)
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
            raise CorpusError(f"{path}: no column {quoted(name)} for {field}; columns are {shown}")
    for field, names in COLUMNS.items():
        if field not in columns:
            # A column --map gave to one field is not guessed for another.
            found = [normalised.index(name) for name in names if name in normalised]
            found = [index for index in found if index not in columns.values()]
            if found:
                columns[field] = found[0]
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
