"""The seed format: one article per .txt file.

    Monday December 05, 2022          <- optional page date (when the page was printed)
    Pakistan, Russia to work ...      <- headline
    March 15, 2018                    <- publication date
    ISLAMABAD: In another ...         <- body paragraphs; may open with a dateline
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from searchkit.article import Article, Problem
from searchkit.dates import is_date_line, parse_date
from searchkit.errors import DateParseError
from searchkit.readers import ReadOptions
from searchkit.readers.decoding import decode, looks_binary

# A place name and a colon opening the body: "ISLAMABAD: ...", "New York: ...", "CAIRO/ISLAMABAD: ...";
# up to four capitalised words, after any leftover HTML tag end ("strong>SYDNEY: ...") from a scraper.
DATELINE = re.compile(r"^(?:[a-z]+>)?([A-Z][A-Za-z'\-]*(?:[ /][A-Z][A-Za-z'\-]*){0,3})\s*:\s+")


SNIFF_BYTES = 4096
SNIFF_LINES = 3  # page date, headline, publication date
# Files that sit beside corpora and are never news (README.txt, LICENSE.txt, ...).
NOT_ARTICLE_NAMES = {
    "readme", "license", "licence", "copying", "notice", "changelog", "changes", "history", "authors",
    "contributors", "install", "todo", "manifest", "requirements",
}
MAX_HEADLINE_CHARS = 300
SHORT_LINE_WORDS = 5
LIST_SHARE = 0.6  # when this share of the lines after the first is short, the file is a list, not prose


def _lines(text: str) -> list[str]:
    """Stripped lines, broken only at CR/LF: str.splitlines() would also break at form feeds, vertical
    tabs and U+0085, which can stand inside a headline."""
    return [line.strip() for line in re.split(r"\r\n?|\n", text)]


def looks_like_article(path: Path) -> bool:
    """Whether a .txt file in a corpus folder is a news article (dated or not) rather than a README, a
    licence or a list. Unreadable, empty or binary files count as articles so that the reader
    reports what is wrong with them."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return True
    if not head.strip() or looks_binary(head):
        return True
    lines = [line for line in _lines(decode(head)) if line]
    if any(is_date_line(line) for line in lines[:SNIFF_LINES]):
        return True
    if path.stem.lower().split(".")[0] in NOT_ARTICLE_NAMES or len(lines) < 2:
        return False
    # A headline, then prose; tag lists, tables of contents and category lists are mostly short lines.
    short = sum(1 for line in lines[1:] if len(line.split()) < SHORT_LINE_WORDS)
    return len(lines[0]) <= MAX_HEADLINE_CHARS and short < LIST_SHARE * (len(lines) - 1)


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Problem(str(path), "empty file")
        return
    if looks_binary(data):
        yield Problem(str(path), "binary file, not text")
        return
    lines = [line for line in _lines(decode(data)) if line]
    yield from parse_lines(lines, path, options)


def parse_lines(lines: list[str], path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    location = str(path)
    warnings: list[Problem] = []

    def read_date(line: str) -> date | None:
        try:
            parsed = parse_date(line, dayfirst=options.dayfirst)
        except DateParseError:
            warnings.append(Problem(location, f"unreadable date line {line!r}; indexed without a date", False))
            return None
        warnings.extend(Problem(location, w, False) for w in parsed.warnings)
        return parsed.date

    page_date = None
    if lines and is_date_line(lines[0]):
        page_date = read_date(lines.pop(0))
    if not lines:
        yield Problem(location, "no headline")
        return
    headline = lines.pop(0)
    published = None
    if lines and is_date_line(lines[0]):
        published = read_date(lines.pop(0))
    elif page_date is not None:
        # Only one date, above the headline: it is all we know of when the article appeared.
        published, page_date = page_date, None
        warnings.append(Problem(location, "no publication date line; using the date above the headline", False))
    body = "\n\n".join(lines)
    match = DATELINE.match(body)
    yield from warnings
    yield Article(
        id=path.stem,
        headline=headline,
        body=body,
        published=published,
        page_date=page_date,
        dateline=match.group(1).strip() if match else "",
        source=location,
    )
