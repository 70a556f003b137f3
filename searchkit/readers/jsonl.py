"""JSON Lines, the interchange format: one JSON object per line, blank lines ignored.

    {"id": "a1", "headline": "...", "body": "...", "published": "2018-03-15", "url": "https://...",
     "dateline": "KARACHI"}      <- one line in the file

Also accepted: `title` for headline; `text`, `content`, `article` for body; `date`, `published_at` for
published. Metadata, as a string or a list of strings: `author` (`authors`, `byline`), `section`
(`category`), `tags` (`topics`, `keywords`), `language` (`lang`), `places`, `people`, `orgs`, `exchanges`.

The rules that turn a record's fields into an Article (empty fields, a headline made from the body, the
dateline, the date warning) live here and are shared with the CSV and Reuters readers: a CSV row or an SGML
record is a JSONL record under other names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from searchkit.article import Article, Problem
from searchkit.dates import parse_date
from searchkit.errors import DateParseError
from searchkit.readers import ReadOptions
from searchkit.readers.decoding import BINARY_SNIFF_BYTES, decode, looks_binary
from searchkit.readers.text import DATELINE

# Article field -> JSON keys, first non-empty wins.
KEYS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "headline": ("headline", "title"),
    "body": ("body", "text", "content", "article"),
    "published": ("published", "date", "published_at"),
    "url": ("url",),
    "dateline": ("dateline",),
}

# Metadata key -> JSON keys, first non-empty wins; `--map` and CSV headers use the same names.
METADATA_NAMES: dict[str, tuple[str, ...]] = {
    "author": ("author", "authors", "byline"),
    "section": ("section", "category", "cathegory", "newstype"),
    "topic": ("tags", "topics", "topic", "keywords"),
    "place": ("places", "place"),
    "person": ("people", "person"),
    "org": ("orgs", "org", "organizations"),
    "exchange": ("exchanges", "exchange"),
    "language": ("language", "lang"),
}
# Several values in one text cell: tags are split at commas too, names only at ; and |.
_SEPARATORS = {"topic": re.compile(r"[,;|]"), "default": re.compile(r"[;|]")}

HEADLINE_CHARS = 100  # a headline made from the body is cut at a word near this length
EMPTY_FILE = "empty file"
BINARY_FILE = "binary file, not text"

# The end of a first sentence: ". " after a word, not after an initial ("U.S. officials", "Mr. Khan").
# JSON escapes can spell lone surrogates, which no index can store as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\"'][.!?])\s+(?=[A-Z0-9\"'])")


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    seen_record = False
    try:
        with path.open("rb") as stream:
            if looks_binary(stream.read(BINARY_SNIFF_BYTES)):
                yield Problem(str(path), BINARY_FILE)
                return
            stream.seek(0)
            # Line by line from the binary file: a line may be tens of MB, the file much larger.
            for number, raw in enumerate(stream, 1):
                if not raw.strip():
                    continue
                seen_record = True
                yield from _read_line(decode(raw).rstrip("\r\n"), path, number, options)
    except OSError as exc:
        yield unreadable(path, exc)
        return
    if not seen_record:
        yield Problem(str(path), EMPTY_FILE)


def _read_line(line: str, path: Path, number: int, options: ReadOptions) -> Iterator[Article | Problem]:
    location = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield Problem(location, f"malformed JSON ({exc.msg}: column {exc.colno})")
        return
    except RecursionError:
        yield Problem(location, "malformed JSON (nested too deeply)")
        return
    if not isinstance(record, dict):
        yield Problem(location, f"expected a JSON object, found {_json_type(record)}")
        return
    fields: dict[str, str] = {}
    for name, keys in KEYS.items():
        for key in keys:
            value, warning = _field_text(record.get(key))
            if warning:
                yield Problem(location, f"field {key!r} is {warning}; ignored", skipped=False)
            if value.strip():
                fields[name] = value
                break
    metadata: dict[str, list[str]] = {}
    for name, keys in METADATA_NAMES.items():
        value = next((record[key] for key in keys if record.get(key)), None)
        if isinstance(value, list):
            metadata[name] = [text for text, _w in map(_field_text, value) if text.strip()]
        elif value is not None:
            text, warning = _field_text(value)
            if warning:
                yield Problem(location, f"field {name!r} is {warning}; ignored", skipped=False)
            metadata[name] = split_values(name, text)
    yield from make_article(
        path,
        number,
        id=record_id(path, fields.pop("id", ""), number),
        options=options,
        metadata=metadata,
        **fields,
    )


def record_id(path: Path, own: str, number: int) -> str:
    """An article's id: its record's own id qualified by the file it came from (`reut2-000:44`, `feed:a1`),
    else `<file stem>-<line or row>`. Ids from different files never collide and never depend on what
    else is indexed, so an article keeps its id from run to run."""
    own = own.strip()
    return f"{path.stem}:{own}" if own else f"{path.stem}-{number}"


def split_values(name: str, text: str) -> list[str]:
    """The values one text cell holds: `coffee, cocoa` is two tags."""
    separator = _SEPARATORS.get(name, _SEPARATORS["default"])
    return [value.strip() for value in separator.split(text) if value.strip()]


def _field_text(value: object) -> tuple[str, str]:
    """A JSON value as field text, plus what was wrong with it when it cannot be text."""
    if value is None:
        return "", ""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value), ""
    if isinstance(value, bool):
        return "", "a boolean"
    if isinstance(value, int):
        return str(value), ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value), ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(value), ""  # a body given as a list of paragraphs
    return "", f"an {_json_type(value)}"


def _json_type(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def unreadable(path: Path, exc: OSError) -> Problem:
    return Problem(str(path), f"cannot read: {exc.strerror or exc}")


def read_text(path: Path) -> str | Problem:
    """A whole file's decoded text, or the one Problem that stops it being read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return unreadable(path, exc)
    if not data.strip():
        return Problem(str(path), EMPTY_FILE)
    if looks_binary(data):
        return Problem(str(path), BINARY_FILE)
    return decode(data)


def make_article(
    path: Path,
    line: int,
    *,
    id: str,
    options: ReadOptions,
    headline: str = "",
    body: str = "",
    published: str = "",
    url: str = "",
    dateline: str = "",
    metadata: dict[str, list[str]] | None = None,
) -> Iterator[Article | Problem]:
    """One record's Article (after any warnings about it), or the Problem that skips it.

    Whitespace-only fields are empty; a record without a headline gets one made from its body.
    """
    location = f"{path}:{line}"
    headline = " ".join(headline.split())
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not headline and not body:
        yield Problem(location, "no headline or body")
        return
    match = DATELINE.match(body)
    day = None
    if published.strip():
        try:
            parsed = parse_date(published.strip(), dayfirst=options.dayfirst)
        except DateParseError:
            reason = f"unreadable date {published.strip()!r}; indexed without a date"
            yield Problem(location, reason, skipped=False)
        else:
            day = parsed.date
            yield from (Problem(location, warning, skipped=False) for warning in parsed.warnings)
    yield Article(
        id=id,
        headline=headline or headline_from_body(body),
        body=body,
        published=day,
        dateline=" ".join(dateline.split()) or (match.group(1).strip() if match else ""),
        source=location,
        url=url.strip() or None,
        metadata={key: [" ".join(v.split()) for v in values] for key, values in (metadata or {}).items() if values},
    )


def headline_from_body(body: str) -> str:
    """The body's first sentence (of its first line, after any dateline), cut at a word near 100 chars."""
    first = DATELINE.sub("", body.split("\n", 1)[0].strip(), count=1)
    end = _SENTENCE_END.search(first, 20)  # a sentence shorter than this is an abbreviation, not a headline
    if end:
        first = first[: end.start()]
    if len(first) <= HEADLINE_CHARS:
        return first
    cut = first.rfind(" ", 0, HEADLINE_CHARS + 1)
    if cut < HEADLINE_CHARS // 2:
        cut = HEADLINE_CHARS
    return first[:cut].rstrip(" ,;:-") + "…"
