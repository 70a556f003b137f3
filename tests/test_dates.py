from __future__ import annotations

import contextlib
import email.utils
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.dates import (
    ACCEPTED_EXAMPLES,
    MAX_YEAR,
    MIN_YEAR,
    find_mentioned_dates,
    is_date_line,
    parse_date,
    parse_period,
    parse_range,
)
from searchkit.errors import DateParseError
from tests.conftest import cpu_ratio

D = date.fromisoformat
REF = D("2018-03-15")  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected", "clock"),
    [
        ("March 15, 2018", "2018-03-15", None),
        ("Monday December 05, 2022", "2022-12-05", None),
        ("Monday, 5 December 2022", "2022-12-05", None),
        ("15 March 2018", "2018-03-15", None),
        ("15th of March, 2018", "2018-03-15", None),
        ("Mar. 15, 2018", "2018-03-15", None),
        ("Sept. 4, 2018", "2018-09-04", None),
        ("march 15 2018", "2018-03-15", None),
        ("2018-03-15", "2018-03-15", None),
        ("2018/3/5", "2018-03-05", None),
        ("20180315", "2018-03-15", None),
        ("15.03.2018", "2018-03-15", None),
        ("26-FEB-1987 15:01:01.79", "1987-02-26", "15:01:01.790000"),
        (" 7-APR-1987 11:02:35.07", "1987-04-07", "11:02:35.070000"),
        ("  3-MAR-1987 00:43:42.82", "1987-03-03", "00:43:42.820000"),
        ("3-MAR-1987  09:15:05.40", "1987-03-03", "09:15:05.400000"),
        ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", "1987-03-27", "00:02:59.130000"),
        ("03 Aug 2017,Thursday", "2017-08-03", None),
        ("2021-10-31T09:12:00Z", "2021-10-31", "09:12:00+00:00"),
        ("2018-03-15 10:30", "2018-03-15", "10:30:00"),
        ("Thu, 15 Mar 2018 10:00:00 +0500", "2018-03-15", "10:00:00+05:00"),
        ("March 15, 2018 at 10:00 p.m. EST", "2018-03-15", "22:00:00-05:00"),
        ("7/8/2016", "2016-07-08", None),
        ("9/24/2015", "2015-09-24", None),
        ("01-01-2015", "2015-01-01", None),
        ("12-28-2015", "2015-12-28", None),
        ("7/8/16", "2016-07-08", None),
        ("1/2/68", "2068-01-02", None),
        ("1/2/69", "1969-01-02", None),
        ("January 1, 1800", "1800-01-01", None),
        ("2199-12-31", "2199-12-31", None),
        ("29 February 2016", "2016-02-29", None),
    ],
)
def test_parse_date_forms(text, expected, clock):
    parsed = parse_date(text)
    assert parsed.date == D(expected)
    assert (parsed.time.isoformat() if parsed.time else None) == clock
    assert parsed.warnings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7/8/2016", "2016-08-07"),
        ("01-02-2015", "2015-02-01"),
        ("7/8/16", "2016-08-07"),
        ("15.03.2018", "2018-03-15"),
    ],
)
def test_parse_date_dayfirst(text, expected):
    parsed = parse_date(text, dayfirst=True)
    assert (parsed.date, parsed.warnings) == (D(expected), ())


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected", "warning"),
    [
        ("13/08/2016", False, "2016-08-13", "not a valid month-first date"),
        ("08/13/2016", True, "2016-08-13", "not a valid day-first date"),
        ("03.13.2018", False, "2018-03-13", "not a valid day-first date"),
        ("Tuesday December 05, 2022", False, "2022-12-05", "says Tuesday but 2022-12-05 is a Monday"),
        ("05 Dec 2022, Friday", False, "2022-12-05", "says Friday"),
        ("31-MAR-1987 605:12:19.12", False, "1987-03-31", "unreadable time"),
        ("2018-03-15 10:00 +2500", False, "2018-03-15", "unreadable time"),
        ("2018-03-15 13:00 pm", False, "2018-03-15", "unreadable time"),
    ],
)
def test_parse_date_warnings(text, dayfirst, expected, warning):
    parsed = parse_date(text, dayfirst=dayfirst)
    assert parsed.date == D(expected)
    assert len(parsed.warnings) == 1 and warning in parsed.warnings[0]
    if "time" in warning:
        assert parsed.time is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not a recognised date form"),
        ("not a date", "not a recognised date form"),
        ("March 2018 budget passes", "not a recognised date form"),
        ("2018", "not a recognised date form"),
        ("29 February 2019", "2019-02 has no day 29"),
        ("2019-02-29", "2019-02 has no day 29"),
        ("April 31, 2018", "has no day 31"),
        ("13/13/2016", "there is no month 13"),
        ("1799-12-31", "year 1799 is outside 1800..2199"),
        ("2200-01-01", "year 2200 is outside"),
        ("20181315", "there is no month 13"),
        ("2018-03-15 10:00 tomorrow-ish", "not a recognised date form"),
        ("today", "needs a reference date"),
        ("x" * 500, "too long"),
    ],
)
def test_parse_date_errors(text, reason):
    with pytest.raises(DateParseError) as caught:
        parse_date(text)
    message = str(caught.value)
    assert reason in message
    assert repr(text[:20])[:-1] in message  # the message quotes the text
    assert ACCEPTED_EXAMPLES in message and "\n" not in message


@pytest.mark.parametrize(("word", "expected"), [("today", "2018-03-15"), ("Yesterday", "2018-03-14"),
                                                 (" TOMORROW ", "2018-03-16")])
def test_parse_date_relative_words(word, expected):
    assert parse_date(word, reference=REF).date == D(expected)


def test_relative_words_stay_in_supported_years():
    with pytest.raises(DateParseError, match="outside 1800..2199"):
        parse_date("tomorrow", reference=D("2199-12-31"))
    assert find_mentioned_dates("yesterday, on Monday, next Friday", date.max) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 15, 2018", True),
        ("Monday December 05, 2022", True),
        ("  15 March 2018  ", True),
        ("2018-03-15", True),
        ("26-FEB-1987 15:01:01.79", True),
        ("7/8/2016", True),
        ("February 30, 2018", True),  # a date line, though parse_date then rejects it
        ("March 2018 budget passes", False),
        ("2018 in review", False),
        ("Pakistan, Russia to work for regional peace, stability", False),
        ("March 2018", False),
        ("2018", False),
        ("Today", False),
        ("Markets fall on March 15, 2018", False),
        ("", False),
    ],
)
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018", "2018-01-01", "2018-12-31"),
        ("2018-03", "2018-03-01", "2018-03-31"),
        ("2016-2", "2016-02-01", "2016-02-29"),
        ("2018/12", "2018-12-01", "2018-12-31"),
        ("March 2018", "2018-03-01", "2018-03-31"),
        ("Mar 2018", "2018-03-01", "2018-03-31"),
        ("Feb. 2019", "2019-02-01", "2019-02-28"),
        ("2018-03-15", "2018-03-15", "2018-03-15"),
        ("March 15, 2018", "2018-03-15", "2018-03-15"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26", "1987-02-26"),
    ],
)
def test_parse_period(text, start, end):
    assert parse_period(text) == (D(start), D(end))


def test_parse_period_relative_and_dayfirst():
    assert parse_period("yesterday", reference=REF) == (D("2018-03-14"), D("2018-03-14"))
    assert parse_period("7/8/2016", dayfirst=True) == (D("2016-08-07"), D("2016-08-07"))


@pytest.mark.parametrize("text", ["1799", "2018-13", "Smarch 2018", "2018-03-15 and more"])
def test_parse_period_errors(text):
    with pytest.raises(DateParseError, match="2018-03"):
        parse_period(text)


@pytest.mark.parametrize(
    ("expr", "start", "end"),
    [
        ("2018", "2018-01-01", "2018-12-31"),
        ("2018-03", "2018-03-01", "2018-03-31"),
        ("2018-03-15", "2018-03-15", "2018-03-15"),
        ("[2018-03-01 TO 2018-03-31]", "2018-03-01", "2018-03-31"),
        ("[2018 to 2019-06]", "2018-01-01", "2019-06-30"),
        ("[March 2018 To April 2018]", "2018-03-01", "2018-04-30"),
        ("[October 1, 2018 TO Nov 2018]", "2018-10-01", "2018-11-30"),
        ("[2018 TO]", "2018-01-01", None),
        ("[TO 2018-03]", None, "2018-03-31"),
        ("[* TO 2018]", None, "2018-12-31"),
        ("[2018-03-15 TO 2018-03-15]", "2018-03-15", "2018-03-15"),
        (">=2018-03-01", "2018-03-01", None),
        (">= 2018-03", "2018-03-01", None),
        (">2018", "2019-01-01", None),
        (">2018-03-15", "2018-03-16", None),
        ("<=2018-03", None, "2018-03-31"),
        ("<2018-03", None, "2018-02-28"),
        ("<2018", None, "2017-12-31"),
        ("  2018-03  ", "2018-03-01", "2018-03-31"),
    ],
)
def test_parse_range(expr, start, end):
    assert parse_range(expr) == (start and D(start), end and D(end))


def test_parse_range_passes_reference_and_dayfirst():
    assert parse_range("[yesterday TO today]", reference=REF) == (D("2018-03-14"), D("2018-03-15"))
    assert parse_range(">=1/2/2018", dayfirst=True) == (D("2018-02-01"), None)


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ("", "empty"),
        ("[2018 TO 2019", "must close"),
        ("[2018 2019]", "exactly one TO"),
        ("[2018 TO 2019 TO 2020]", "exactly one TO"),
        ("[TO]", "at least one end"),
        ("[2019 TO 2018]", "starts (2019-01-01) after it ends (2018-12-31)"),
        (">=soon", "not a recognised date form"),
        ("2018-02-30", "has no day 30"),
        ("[today TO]", "needs a reference date"),
    ],
)
def test_parse_range_errors(expr, reason):
    with pytest.raises(DateParseError) as caught:
        parse_range(expr)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The seed's situation: a Thursday story saying "on Wednesday".
        ("ISLAMABAD: The two sides agreed on Wednesday to work together.", ["2018-03-14"]),
        ("Talks opened on Thursday.", ["2018-03-15"]),  # same weekday as publication: that day
        ("The minister arrived last Thursday.", ["2018-03-08"]),
        ("Shares rose last Friday and fell yesterday.", ["2018-03-09", "2018-03-14"]),
        ("The vote is today; results come next Monday.", ["2018-03-15", "2018-03-19"]),
        ("Elections were held on March 4.", ["2018-03-04"]),
        ("Elections were held on 4 March.", ["2018-03-04"]),
        ("The deal expires on March 20.", ["2017-03-20"]),  # after publication: the year before
        ("The deal was signed on March 4, 2017.", ["2017-03-04"]),
        ("Signed on Saturday, March 4, 2017 in Paris.", ["2017-03-04"]),
        ("Signed on the 4th of March 2017.", ["2017-03-04"]),
        ("The filing (2016-11-30) was late.", ["2016-11-30"]),
        ("12 people were killed on March 15, 2018 near the border.", ["2018-03-15"]),
        ("Earlier this year, last week and this month prices rose 12 percent.", []),
        ("It may 5 times; 1,500 March marchers; rates of 4.5%; 3/4 majority; 7/8/2016.", []),
        ("Output hit March 4,000 tonnes and May 5.5% growth.", []),
        ("LONDON, March 9 - Sterling firmed.", ["2018-03-09"]),
        ("Prices in March 2018 were flat.", []),
        ("On Wednesday and on Wednesday again; March 14; 14 March.", ["2018-03-14"]),
    ],
)
def test_find_mentioned_dates(body, expected):
    assert find_mentioned_dates(body, REF) == [D(e) for e in expected]


def test_find_mentioned_dates_without_publication_keeps_only_full_dates():
    body = "On Wednesday, yesterday, March 4 and March 4, 2017."
    assert find_mentioned_dates(body, None) == [D("2017-03-04")]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2016-03-01", ["2016-02-29"]), ("2016-02-28", []), ("2018-03-15", [])],
)
def test_find_mentioned_dates_29_february(published, expected):
    # An impossible day is skipped rather than moved, in the publication year and the year before alike.
    body = "The law passed on February 29; February 30 is never a date."
    assert find_mentioned_dates(body, D(published)) == [D(e) for e in expected]


@pytest.mark.parametrize(
    "unit", ["March May Monday On Last ", "1234567890", ".,:;-/%&#", "on Wednesday ", "12 3 2018 "]
)
def test_find_mentioned_dates_is_linear(unit):
    # Quadratic matching would show a ratio near 16 here; see bench/bench_dates.py for absolute figures.
    small, large = (unit * (size // len(unit)) for size in (50_000, 200_000))
    assert cpu_ratio(lambda body: find_mentioned_dates(body, REF), small, large) < 10


# Property tests: every supported output format reads back to the same date.
FORMATS = {
    "iso": (lambda d: d.isoformat(), False),
    "long": (lambda d: d.strftime("%B %d, %Y"), False),
    "weekday long": (lambda d: d.strftime("%A %B %d, %Y"), False),
    "day month": (lambda d: d.strftime("%d %B %Y"), False),
    "abbreviated": (lambda d: d.strftime("%b. %d, %Y"), False),
    "compact": (lambda d: d.strftime("%Y%m%d"), False),
    "dotted": (lambda d: d.strftime("%d.%m.%Y"), False),
    "reuters": (lambda d: f"{d.day:2d}-{d:%b-%Y %H:%M:%S.%f}"[:-4].upper(), False),
    "rfc 2822": (lambda d: email.utils.format_datetime(d), False),
    "month first": (lambda d: f"{d.month}/{d.day}/{d.year}", False),
    "day first": (lambda d: f"{d.day}/{d.month}/{d.year}", True),
}
datetimes = st.datetimes(min_value=datetime(MIN_YEAR, 1, 1), max_value=datetime(MAX_YEAR, 12, 31, 23, 59, 59))


@pytest.mark.parametrize("name", FORMATS)
@settings(max_examples=60, deadline=None)
@given(moment=datetimes)
def test_formats_round_trip(name, moment):
    render, dayfirst = FORMATS[name]
    text = render(moment)
    parsed = parse_date(text, dayfirst=dayfirst)
    assert parsed.date == moment.date(), text
    assert parsed.warnings == (), text


def test_times_and_zones_round_trip():
    moment = datetime(2018, 3, 15, 10, 0, 5, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert parse_date(email.utils.format_datetime(moment)).time == time(10, 0, 5, tzinfo=moment.tzinfo)
    assert parse_date(moment.isoformat()).time == moment.timetz()


date_ish = st.text(alphabet=st.sampled_from(list("0123456789 -/.,:[]<>=*TOtoMarchMayWednesday")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=60), date_ish), reference=st.one_of(st.none(), st.dates()))
def test_arbitrary_text_raises_only_date_parse_error(text, reference):
    for call in (
        lambda: parse_date(text, reference=reference),
        lambda: parse_date(text, dayfirst=True),
        lambda: parse_period(text, reference=REF),
        lambda: parse_range(text, reference=REF),
    ):
        with contextlib.suppress(DateParseError):
            call()
    assert isinstance(is_date_line(text), bool)
    found = find_mentioned_dates(text, reference)
    assert found == sorted(set(found))
    assert all(MIN_YEAR <= d.year <= MAX_YEAR for d in found)


_DATEISH = st.sampled_from([
    "March", "MAR", "Mar.", "May", "may", "Sept", "Dec", "5", "14th", "31", "1987", "2024", "4,000", "5.5%",
    "of", "on", "On", "last", "next", "Wednesday", "FRIDAY", "yesterday", "Today", "TOMORROW", "2024-03-01",
    "Market", "Today's", "-", "/", ",", ".", " ", "  ", "\xa0", "\n", "x" * 70, "shares rose", "12",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_DATEISH, max_size=40).map(" ".join) | st.lists(_DATEISH, max_size=40).map("".join))
def test_mentioned_dates_are_what_a_scan_of_the_whole_body_finds(body):
    """Dates are looked for only near month, weekday and relative-day words (for speed): never a different
    answer from trying every position of the body."""
    from searchkit.dates import _MENTION, _mentioned_day

    whole = sorted({day for m in _MENTION.finditer(body) if isinstance(day := _mentioned_day(m, REF), date)})
    assert find_mentioned_dates(body, REF) == whole
