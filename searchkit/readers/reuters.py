"""Reuters-21578 SGML (`reut2-000.sgm` ...): about a thousand `<REUTERS>` records per file.

    <REUTERS TOPICS="YES" ... NEWID="1">
    <DATE>26-FEB-1987 15:01:01.79</DATE>
    <TOPICS><D>cocoa</D></TOPICS> <PLACES>..</PLACES> <PEOPLE>..</PEOPLE> <ORGS>..</ORGS> <EXCHANGES>..</EXCHANGES>
    <TEXT>&#2;
    <TITLE>BAHIA COCOA REVIEW</TITLE>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued ... Reuter
    &#3;</BODY></TEXT>
    </REUTERS>

SGML, not XML (unescaped `>`, control-code entities), so records are cut out with plain string search.
`<TEXT TYPE="BRIEF">` records have a title only; `<TEXT TYPE="UNPROC">` ones raw text and no TITLE/BODY.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from searchkit.article import Article, Problem
from searchkit.readers import ReadOptions
from searchkit.readers.jsonl import make_article, read_text, record_id

TAG_LISTS = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")
# Tag lists kept as article metadata (COMPANIES is empty throughout the collection).
METADATA_TAGS = {"TOPICS": "topic", "PLACES": "place", "PEOPLE": "person", "ORGS": "org", "EXCHANGES": "exchange"}
OPEN, CLOSE = "<REUTERS", "</REUTERS>"

_NEWID = re.compile(r'\bNEWID="(\d+)"')
_TEXT_TYPE = re.compile(r'\bTYPE="(\w+)"')
# Transmission codes (&#2; start of text, &#3; end, &#5;, &#22;, &#31;, &#127;) that are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The wire signature closing a body: "Reuter", "REUTER...", "reuter^M" (a literal caret-M), now and then twice.
_SIGNATURE = re.compile(r"(?:(?:^|\s+)reuters?(?:\.\.\.)?(?:\^M)?)+\s*\Z", re.I)
_DAY = re.compile(r"\d{1,2}-[A-Za-z]{3}-\d{4}")  # the day in " 7-APR-1987 11:02:35.07"; the time is not kept
# "SALVADOR, Feb 26 -", "WOODBURY, N.Y., March 2 -", "WASHINGTON -": the place before the comma or dash.
_PLACE = re.compile(r"([A-Za-z][A-Za-z .'&/-]*?)\s*(?:,|\s-(?:\s|$))")
_MONTHS = {
    *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("january", "february", "march", "april", "june", "july", "august", "september", "october", "november"),
    "december",
}


@dataclass(frozen=True)
class ReutersRecord:
    """One `<REUTERS>` record, text cleaned (entities read, control codes and the signature dropped)."""

    newid: str  # "" when the record has no NEWID
    line: int  # where `<REUTERS` opens, counting from 1
    date: str  # as written, e.g. "26-FEB-1987 15:01:01.79"
    title: str
    dateline: str  # as written, e.g. "SALVADOR, Feb 26 -"
    body: str  # for UNPROC records the whole raw text
    text_type: str = "NORM"  # or "BRIEF" (title only) or "UNPROC" (raw text, no title)
    tags: dict[str, list[str]] = field(default_factory=dict)  # TOPICS, PLACES, PEOPLE, ORGS, ... -> values


def iter_records(path: Path) -> Iterator[ReutersRecord]:
    """Every well-formed record of one file, for benchmarks that judge by the tags; read_file reports the rest."""
    text = read_text(path)
    if not isinstance(text, Problem):
        yield from (item for item in _scan(text, path) if isinstance(item, ReutersRecord))


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    text = read_text(path)
    if isinstance(text, Problem):
        yield text
        return
    for item in _scan(text, path):
        if isinstance(item, Problem):
            yield item
            continue
        match = _DAY.search(item.date)
        yield from make_article(
            path,
            item.line,
            id=record_id(path, item.newid, item.line),
            options=options,
            headline=item.title,
            body=item.body,
            published=match.group() if match else item.date,
            dateline=dateline_place(item.dateline),
            metadata={key: item.tags[tag] for tag, key in METADATA_TAGS.items() if item.tags.get(tag)},
        )


def _scan(text: str, path: Path) -> Iterator[ReutersRecord | Problem]:
    start = text.find(OPEN)
    if start < 0:
        yield Problem(str(path), "no <REUTERS> records; not Reuters-21578 SGML")
        return
    line, counted = 1, 0
    while start >= 0:
        line += text.count("\n", counted, start)
        counted = start
        following = text.find(OPEN, start + len(OPEN))
        end = text.find(CLOSE, start, following if following >= 0 else len(text))
        if end < 0:
            yield Problem(f"{path}:{line}", "record has no </REUTERS> end tag")
        else:
            yield _record(text[start:end], path, line)
        start = following


def _record(chunk: str, path: Path, line: int) -> ReutersRecord:
    newid = _NEWID.search(chunk[: chunk.find(">")])
    attributes, inner, _end = _first(chunk, "TEXT", with_attributes=True) or ("", "", 0)
    text_type = _TEXT_TYPE.search(attributes)
    kind = text_type.group(1).upper() if text_type else "NORM"
    return ReutersRecord(
        newid=newid.group(1) if newid else "",
        line=line,
        date=_element(chunk, "DATE"),
        title=_element(inner, "TITLE"),
        dateline=_element(inner, "DATELINE"),
        body=_signed_off(_clean(inner) if kind == "UNPROC" else _element(inner, "BODY")),
        text_type=kind,
        tags={name: _tag_values(chunk, name) for name in TAG_LISTS},
    )


def _first(chunk: str, name: str, with_attributes: bool = False, position: int = 0) -> tuple[str, str, int] | None:
    """(attributes, content, where its end tag ends) of the first `<NAME ...>...</NAME>` from position, by
    plain string search. A lazy regex would rescan to the end of the record for every unclosed tag
    (quadratic); this reads it once: if the first opening tag has no end tag after it, no later one has."""
    opener, closer = f"<{name}", f"</{name}>"
    while (start := chunk.find(opener, position)) >= 0:
        after = position = start + len(opener)
        if with_attributes:
            if after < len(chunk) and (chunk[after].isalnum() or chunk[after] == "_"):
                continue  # a longer tag name (<TEXTS>), not this one
            bracket = chunk.find(">", after)
            if bracket < 0:
                return None
        elif chunk.startswith(">", after):
            bracket = after
        else:
            continue
        end = chunk.find(closer, bracket + 1)
        return (chunk[after:bracket], chunk[bracket + 1 : end], end + len(closer)) if end >= 0 else None
    return None


def _all(chunk: str, name: str) -> Iterator[str]:
    """The content of each `<NAME>...</NAME>` in turn (linear, like _first)."""
    position = 0
    while (found := _first(chunk, name, position=position)) is not None:
        yield found[1]
        position = found[2]


def _element(chunk: str, name: str) -> str:
    found = _first(chunk, name)
    return _clean(found[1]).strip() if found else ""


def _tag_values(chunk: str, name: str) -> list[str]:
    found = _first(chunk, name)
    return [_clean(value).strip() for value in _all(found[1], "D")] if found else []


def _clean(text: str) -> str:
    return _CONTROL.sub("", html.unescape(text))


def _signed_off(body: str) -> str:
    return _SIGNATURE.sub("", body.strip()).rstrip()


def dateline_place(dateline: str) -> str:
    """The place a Reuters dateline names: "SALVADOR, Feb 26 -" -> "SALVADOR"; "" for "APRIL 7 -"."""
    match = _PLACE.match(dateline.strip())
    if not match or match.group(1).split()[0].lower().rstrip(".") in _MONTHS:
        return ""
    return match.group(1)
