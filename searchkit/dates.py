"""Reading dates: one date string (`parse_date`), a whole-line test (`is_date_line`), the period a string
stands for (`parse_period`), the inline `date:` / `mentioned:` range syntax (`parse_range`) and the dates an
article body mentions (`find_mentioned_dates`).

No Whoosh and no fuzzy parsing: every accepted form is an explicit regex, so numbers in prose never turn
into dates, and every match is bounded, so run time is linear in the input. Nothing reads the clock:
relative words resolve against a reference date the caller passes.

Decisions:

- Numeric dates (`7/8/2016`, `01-01-2015`) are month-first unless `dayfirst=True`. When the configured
  order is impossible but the other one works (`13/08/2016` month-first) the date is read the other way
  and a warning says so. Dotted dates (`15.03.2018`) are always day-first, as wherever dots are used.
- Two-digit years are accepted only in numeric forms (`7/8/16`): 00-68 mean 2000-2068 and 69-99 mean
  1969-1999 (the POSIX strptime pivot). The rule ignores the reference date so a string always reads the same.
- Years must lie in 1800..2199 (archives go back to the 19th century; a wider span mostly admits typos).
  Anything outside is an error, as are impossible days such as 29 February in a non-leap year.
- A weekday that contradicts the date gives a warning; the date wins.
- A time is kept, with its zone when one is given (`Z`, UTC/GMT, `+0500`, `+05:30`, the RFC 2822 US zones).
  A time that cannot be one (Reuters' `605:12:19.12`) is dropped with a warning. Markup after a time
  (Reuters' `&#5;&#5;&#5;RM`) is ignored.
- `today`, `yesterday`, `tomorrow` need a reference date; without one they are an error.
- In article bodies (`find_mentioned_dates`), relative to the publication date: `on Wednesday` is the
  most recent Wednesday on or before publication (publication day itself when that is a Wednesday);
  `last Wednesday` is strictly before it and `next Wednesday` strictly after; `March 4` / `4 March` take
  the publication year, or the year before when that would be after publication. Vague phrases (`last week`,
  `this month`, `earlier this year`) give nothing, and only ISO among the numeric forms is read in prose
  because the order of `7/8/2016` is unknown there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta, timezone

from searchkit.errors import DateParseError

ACCEPTED_EXAMPLES = "2018-03-15, 'March 15, 2018', '15 March 2018', 15.03.2018, 3/15/2018, 20180315, today"
PERIOD_EXAMPLES = f"2018, 2018-03, 'March 2018', {ACCEPTED_EXAMPLES}"
RANGE_EXAMPLES = "2018, 2018-03, 2018-03-15, '[2018-03-01 TO 2018-03-31]', '[2018 TO]', >=2018-03-01, <2018"

MIN_YEAR, MAX_YEAR = 1800, 2199
_MAX_LENGTH = 200  # longer strings are never one date; the cap also bounds regex work


@dataclass(frozen=True)
class ParsedDate:
    date: date
    time: time | None = None
    warnings: tuple[str, ...] = ()


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name.lower(): n for n, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                  "sat": 5, "sun": 6})
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_ZONE_HOURS = {"z": 0, "ut": 0, "utc": 0, "gmt": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
               "mst": -7, "mdt": -6, "pst": -8, "pdt": -7}


def _alternation(names) -> str:
    # Longest first, so "march" is tried before "mar".
    return "|".join(sorted(names, key=len, reverse=True))


_MONTH = _alternation(_MONTHS)
_WEEKDAY = _alternation(_WEEKDAYS)
_ORD = "(?:st|nd|rd|th)?"

# Day forms for a whole date string; whitespace is collapsed to single spaces before matching.
_D2, _D4, _D24 = "[0-9]{1,2}", "[0-9]{4}", "(?:[0-9]{4}|[0-9]{2})"
_DAY_FORMS = rf"""
    (?P<iso_y>{_D4})(?P<iso_sep>[-/])(?P<iso_m>{_D2})(?P=iso_sep)(?P<iso_d>{_D2})
  | (?P<cmp_y>{_D4})(?P<cmp_m>[0-9]{{2}})(?P<cmp_d>[0-9]{{2}})
  | (?P<dot_a>{_D2})\.(?P<dot_b>{_D2})\.(?P<dot_y>{_D24})
  | (?P<num_a>{_D2})(?P<num_sep>[-/])(?P<num_b>{_D2})(?P=num_sep)(?P<num_y>{_D24})
  | (?P<mdy_m>{_MONTH})(?:\.\ ?|\ |-)(?P<mdy_d>{_D2}){_ORD}(?:,\ ?|\ |-)(?P<mdy_y>{_D4})
  | (?P<dmy_d>{_D2}){_ORD}(?:\ of)?(?:\ |-)(?P<dmy_m>{_MONTH})\.?(?:,\ ?|\ |-)(?P<dmy_y>{_D4})
"""
_TIME = r"""
    (?P<hh>[0-9]{1,4}):(?P<mi>[0-9]{1,2})(?::(?P<ss>[0-9]{1,2})(?:[.,](?P<frac>[0-9]{1,9}))?)?
    (?:\ ?(?P<ampm>[ap])\.?m\.?)?
    (?:\ ?(?P<zone>z|utc|gmt|ut|[ecmp][sd]t|(?P<sign>[+-])(?P<zh>[0-9]{2}):?(?P<zm>[0-9]{2})))?
    (?:\ ?[^\w\s].*)?  # markup after a time, e.g. Reuters' "&#5;&#5;&#5;RM"
"""
_FULL_DATE = re.compile(
    rf"""
    (?:(?P<wd1>{_WEEKDAY})\.?,?\ )?
    (?:{_DAY_FORMS})
    (?:(?:,\ ?|\ )\(?(?P<wd2>{_WEEKDAY})\.?\)?)?
    (?:(?:T|,\ ?|\ |\ at\ ){_TIME})?
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII | re.DOTALL,
)
_YEAR = re.compile(r"(?P<y>[0-9]{4})", re.ASCII)
_YEAR_MONTH = re.compile(
    rf"(?P<y>{_D4})[-/](?P<m>{_D2})|(?P<name>{_MONTH})\.?,?\ (?P<ny>{_D4})", re.IGNORECASE | re.ASCII
)


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _error(text: str, reason: str, examples: str) -> DateParseError:
    return DateParseError(f"cannot read {_shown(text)} as a date: {reason} (accepted forms: {examples})")


def _calendar(year: int, month: int, day: int) -> date | str:
    """The date, or why there is none."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        return date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d} has no day {day}"


def _shifted(day: date, days: int) -> date | str:
    """`day` moved by `days`, kept inside the supported years like every other date."""
    try:
        moved = day + timedelta(days=days)
    except OverflowError:
        return f"{day.isoformat()} {days:+d} days is outside {MIN_YEAR}..{MAX_YEAR}"
    return _calendar(moved.year, moved.month, moved.day)


def _two_digit_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 68 else 1900
    return year


def is_date_line(line: str) -> bool:
    """True when the whole line is one date in a supported form (it may still be an impossible date,
    which parse_date then reports). Periods such as `March 2018` and relative words are not date lines."""
    clean = _normalize(line)
    return len(clean) <= _MAX_LENGTH and _FULL_DATE.fullmatch(clean) is not None


def parse_date(text: str, *, reference: date | None = None, dayfirst: bool = False) -> ParsedDate:
    """Read one date string; raise DateParseError naming the text when it is not a date."""
    return _parse_day(text, reference, dayfirst, ACCEPTED_EXAMPLES)


def _parse_day(text: str, reference: date | None, dayfirst: bool, examples: str) -> ParsedDate:
    clean = _normalize(text)
    if len(clean) > _MAX_LENGTH:
        raise _error(text, "too long to be a date", examples)
    offset = _RELATIVE_DAYS.get(clean.lower())
    if offset is not None:
        if reference is None:
            raise _error(text, f"{clean.lower()!r} needs a reference date", examples)
        got = _shifted(reference, offset)
        if isinstance(got, str):
            raise _error(text, got, examples)
        return ParsedDate(got)
    match = _FULL_DATE.fullmatch(clean)
    if match is None:
        raise _error(text, "not a recognised date form", examples)
    warnings: list[str] = []
    day = _day_from_match(match, dayfirst, text, warnings, examples)
    for group in ("wd1", "wd2"):
        name = match[group]
        if name and _WEEKDAYS[name.lower()] != day.weekday():
            warnings.append(f"{_shown(text)} says {_WEEKDAY_NAMES[_WEEKDAYS[name.lower()]]} but "
                            f"{day.isoformat()} is a {_WEEKDAY_NAMES[day.weekday()]}; using the date")
    clock = None
    if match["hh"] is not None:
        clock = _time_from_match(match)
        if clock is None:
            warnings.append(f"ignored the unreadable time in {_shown(text)}")
    return ParsedDate(day, clock, tuple(warnings))


def _day_from_match(m: re.Match[str], dayfirst: bool, text: str, warnings: list[str], examples: str) -> date:
    if m["iso_y"]:
        got = _calendar(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    elif m["cmp_y"]:
        got = _calendar(int(m["cmp_y"]), int(m["cmp_m"]), int(m["cmp_d"]))
    elif m["dot_y"]:
        got = _numeric(m["dot_a"], m["dot_b"], m["dot_y"], True, text, warnings)
    elif m["num_y"]:
        got = _numeric(m["num_a"], m["num_b"], m["num_y"], dayfirst, text, warnings)
    elif m["mdy_m"]:
        got = _calendar(int(m["mdy_y"]), _MONTHS[m["mdy_m"].lower()], int(m["mdy_d"]))
    else:
        got = _calendar(int(m["dmy_y"]), _MONTHS[m["dmy_m"].lower()], int(m["dmy_d"]))
    if isinstance(got, str):
        raise _error(text, got, examples)
    return got


def _numeric(a: str, b: str, year_text: str, dayfirst: bool, text: str, warnings: list[str]) -> date | str:
    year = _two_digit_year(year_text)
    month, day = (int(b), int(a)) if dayfirst else (int(a), int(b))
    got = _calendar(year, month, day)
    if isinstance(got, date):
        return got
    swapped = _calendar(year, day, month)
    if isinstance(swapped, date):
        order, other = ("day-first", "month-first") if dayfirst else ("month-first", "day-first")
        warnings.append(f"{_shown(text)} is not a valid {order} date; read {other} as {swapped.isoformat()}")
        return swapped
    return got


def _time_from_match(m: re.Match[str]) -> time | None:
    hour, minute, second = int(m["hh"]), int(m["mi"]), int(m["ss"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    micro = int(m["frac"][:6].ljust(6, "0")) if m["frac"] else 0
    zone = None
    if m["sign"]:
        zh, zm = int(m["zh"]), int(m["zm"])
        if zh > 23 or zm > 59:
            return None
        delta = timedelta(hours=zh, minutes=zm)
        zone = timezone(-delta if m["sign"] == "-" else delta)
    elif m["zone"]:
        zone = timezone(timedelta(hours=_ZONE_HOURS[m["zone"].lower()]))
    return time(hour, minute, second, micro, tzinfo=zone)


def parse_period(text: str, *, reference: date | None = None, dayfirst: bool = False) -> tuple[date, date]:
    """The inclusive range a date string stands for: a year, a month, or one day."""
    clean = _normalize(text)
    if len(clean) <= _MAX_LENGTH:
        if m := _YEAR.fullmatch(clean):
            year = int(m["y"])
            got = _calendar(year, 1, 1)
            if isinstance(got, str):
                raise _error(text, got, PERIOD_EXAMPLES)
            return got, date(year, 12, 31)
        if m := _YEAR_MONTH.fullmatch(clean):
            year = int(m["y"] or m["ny"])
            month = int(m["m"]) if m["m"] else _MONTHS[m["name"].lower()]
            got = _calendar(year, month, 1)
            if isinstance(got, str):
                raise _error(text, got, PERIOD_EXAMPLES)
            following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return got, following - timedelta(days=1)
    day = _parse_day(text, reference, dayfirst, PERIOD_EXAMPLES).date
    return day, day


_RANGE_SPLIT = re.compile(r"(?:^|\s)to(?:\s|$)", re.IGNORECASE | re.ASCII)
_COMPARISON = re.compile(r"(>=|<=|>|<)\s*(.*)", re.DOTALL)


def parse_range(
    expr: str, *, reference: date | None = None, dayfirst: bool = False
) -> tuple[date | None, date | None]:
    """The inclusive (start, end) of a `date:` / `mentioned:` value; None marks an open end.

    `2018`, `2018-03`, `2018-03-15`: that period. `[A TO B]`: from the start of period A to the end of
    period B; either end may be left out (or `*`). `>=A`, `>A`, `<=A`, `<A`: open ranges, where `>` starts
    after the whole period A and `<` ends before it.
    """
    text = expr.strip()
    if not text:
        raise DateParseError(f"empty date range (accepted forms: {RANGE_EXAMPLES})")
    if len(text) > 2 * _MAX_LENGTH:
        raise _error(expr, "too long to be a date range", RANGE_EXAMPLES)

    def period(part: str) -> tuple[date, date]:
        return parse_period(part, reference=reference, dayfirst=dayfirst)

    if text.startswith("["):
        if not text.endswith("]"):
            raise _error(expr, "a range opened with '[' must close with ']'", RANGE_EXAMPLES)
        ends = _RANGE_SPLIT.split(text[1:-1].strip())
        if len(ends) != 2:
            raise _error(expr, "a range needs exactly one TO", RANGE_EXAMPLES)
        low, high = (end.strip() for end in ends)
        low, high = ("" if end == "*" else end for end in (low, high))
        if not low and not high:
            raise _error(expr, "a range needs at least one end", RANGE_EXAMPLES)
        start = period(low)[0] if low else None
        end = period(high)[1] if high else None
        if start and end and start > end:
            raise _error(expr, f"it starts ({start.isoformat()}) after it ends ({end.isoformat()})",
                         RANGE_EXAMPLES)
        return start, end
    if m := _COMPARISON.fullmatch(text):
        operator, operand = m.groups()
        first, last = period(operand)
        if operator == ">=":
            return first, None
        if operator == ">":
            return last + timedelta(days=1), None
        if operator == "<=":
            return None, last
        return None, first - timedelta(days=1)
    return period(text)


# Article bodies. Names must be capitalised (or all capitals) so that "may" the verb is not May.
def _cased(names) -> str:
    return _alternation({variant for name in names for variant in (name.title(), name.upper())})


_SP = r"[\s\xa0]{1,3}"
_P_MONTH = _cased(_MONTHS)
_P_WEEKDAY = _cased(n.lower() for n in _WEEKDAY_NAMES)
_P_DAY = r"3[01]|[12][0-9]|0?[1-9]"
_P_ORD = r"(?:st|nd|rd|th|(?![0-9]))"
_P_YEAR = r"[0-9]{4}(?![0-9])"
_P_LEAD = rf"(?:(?:[Oo]n|ON){_SP})?(?:(?:{_P_WEEKDAY}),?{_SP})?"  # "on Wednesday, March 14"
_P_NOT_NUMBER = r"(?![.,:/][0-9]|[\s\xa0]?%)"  # "March 4,000", "May 5.5%"
_P_NO_DIGIT_BEFORE = r"(?<![0-9.,:/-])"
_MENTION = re.compile(
    rf"""
      (?<![0-9-])(?P<iso_y>[0-9]{{4}})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})(?![0-9])
    | \b{_P_LEAD}(?P<mdy_m>{_P_MONTH})\.?{_SP}(?P<mdy_d>{_P_DAY}){_P_ORD}
        (?:,[\s\xa0]{{0,3}}|{_SP})(?P<mdy_y>{_P_YEAR})
    | \b{_P_LEAD}{_P_NO_DIGIT_BEFORE}(?P<dmy_d>{_P_DAY}){_P_ORD}{_SP}(?:of{_SP})?
        (?P<dmy_m>{_P_MONTH})\.?,?{_SP}(?P<dmy_y>{_P_YEAR})
    | \b{_P_LEAD}(?P<md_m>{_P_MONTH})\.?{_SP}(?P<md_d>{_P_DAY}){_P_ORD}{_P_NOT_NUMBER}
    | \b{_P_LEAD}{_P_NO_DIGIT_BEFORE}(?P<dm_d>{_P_DAY}){_P_ORD}{_SP}(?:of{_SP})?
        (?P<dm_m>{_P_MONTH})(?![A-Za-z])
    | \b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]omorrow|YESTERDAY|TODAY|TOMORROW)\b
    | \b(?P<how>[Oo]n|[Ll]ast|[Nn]ext|ON|LAST|NEXT){_SP}(?P<wd>{_P_WEEKDAY})\b
    """,
    re.VERBOSE | re.ASCII,
)




def _initial_letters(words) -> str:
    """An alternation of the words' first three letters, grouped by the first: quick to scan a text for."""
    by_initial: dict[str, set[str]] = {}
    for word in words:
        by_initial.setdefault(word[0], set()).add(word[1:3])
    return "|".join(f"{initial}(?:{'|'.join(sorted(rest))})" for initial, rest in sorted(by_initial.items()))


# Every mention holds a month, weekday or relative day (or is an ISO date), so _MENTION only runs in windows
# around their first letters: a body is mostly words that cannot start a date, and trying every branch of
# _MENTION at each of them is slow.
_ANCHOR = re.compile(
    _initial_letters(
        variant
        for name in (*_MONTHS, *_WEEKDAYS, *_RELATIVE_DAYS)
        for variant in (name.title(), name.upper(), *([name] if name in _RELATIVE_DAYS else []))
    )
    + "|[0-9]{4}-",
    re.ASCII,
)
# Longer than any mention reaches before or after its anchor word, so each window finds what a scan of the
# whole body would (matches never end at a window's edge, where the end of text would change lookaheads).
_ANCHOR_REACH = 64


def find_mentioned_dates(body: str, published: date | None) -> list[date]:
    """The days an article body names, sorted and unique, resolved against its publication date.

    Without a publication date only dates that carry their year are found.
    """
    found: set[date] = set()
    for start, end in _windows(body):
        for m in _MENTION.finditer(body, start, end):
            day = _mentioned_day(m, published)
            if isinstance(day, date):
                found.add(day)
    return sorted(found)


def _windows(body: str) -> list[tuple[int, int]]:
    """Spans of body around its anchor words, merged where they touch."""
    windows: list[tuple[int, int]] = []
    for anchor in _ANCHOR.finditer(body):
        start, end = max(0, anchor.start() - _ANCHOR_REACH), min(len(body), anchor.end() + _ANCHOR_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _mentioned_day(m: re.Match[str], published: date | None) -> date | str | None:
    if m["iso_y"]:
        return _calendar(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if m["mdy_m"]:
        return _calendar(int(m["mdy_y"]), _MONTHS[m["mdy_m"].lower()], int(m["mdy_d"]))
    if m["dmy_m"]:
        return _calendar(int(m["dmy_y"]), _MONTHS[m["dmy_m"].lower()], int(m["dmy_d"]))
    if published is None:
        return None
    if m["md_m"] or m["dm_m"]:
        month = _MONTHS[(m["md_m"] or m["dm_m"]).lower()]
        day = int(m["md_d"] or m["dm_d"])
        this_year = _calendar(published.year, month, day)
        if isinstance(this_year, date) and this_year <= published:
            return this_year
        return _calendar(published.year - 1, month, day)
    if m["rel"]:
        return _shifted(published, _RELATIVE_DAYS[m["rel"].lower()])
    weekday = _WEEKDAYS[m["wd"].lower()]
    back = (published.weekday() - weekday) % 7
    how = m["how"].lower()
    if how == "on":
        return _shifted(published, -back)
    if how == "last":
        return _shifted(published, -(back or 7))
    return _shifted(published, (weekday - published.weekday()) % 7 or 7)
