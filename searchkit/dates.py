"""Reading dates. No Whoosh here; every function takes an explicit reference date (no hidden now()).

(First cut: the date helper session replaces the internals; the signatures are the contract.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from dateutil import parser as dateutil_parser

from searchkit.errors import DateParseError

ACCEPTED_EXAMPLES = "2018-03-15, 'March 15, 2018', 15.03.2018, 2018-03, 2018"


@dataclass(frozen=True)
class ParsedDate:
    date: date
    time: time | None = None
    warnings: tuple[str, ...] = ()


_DATE_LINE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$",
    re.IGNORECASE,
)


def is_date_line(line: str) -> bool:
    """True when a whole line is one date and nothing else (the seed format's date lines)."""
    return bool(_DATE_LINE.match(line))


def parse_date(text: str, *, reference: date | None = None, dayfirst: bool = False) -> ParsedDate:
    """Read one date string; raise DateParseError naming the text when it is not a date."""
    default = reference or date(2000, 1, 1)
    try:
        parsed = dateutil_parser.parse(text, default=_midnight(default), dayfirst=dayfirst)
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"cannot read {text!r} as a date (accepted: {ACCEPTED_EXAMPLES})") from exc
    return ParsedDate(parsed.date(), parsed.time() if parsed.time() != time() else None)


def _midnight(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)
