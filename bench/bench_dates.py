"""Benchmark for searchkit.dates (a script, not a test): python bench/bench_dates.py

(a) Every <DATE> value of Reuters-21578: how many parse_date reads, and how many agree with a strict
    reference that knows only the D-MON-YYYY form (regex + datetime.strptime on the date part).
(b) Seconds per MB of find_mentioned_dates, parse_date and parse_range on adversarial 1 MB inputs.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing the package

from searchkit.dates import find_mentioned_dates, parse_date, parse_range  # noqa: E402
from searchkit.errors import DateParseError  # noqa: E402

CORPORA = REPO.parent / "shared" / "corpora"
REUTERS = CORPORA / "reuters21578"
DATE_TAG = re.compile(r"<DATE>(.*?)</DATE>", re.DOTALL)
STRICT = re.compile(r"\s*(\d{1,2}-[A-Z]{3}-\d{4})\b")
MB = 1 << 20


def reuters_dates() -> list[str] | None:
    files = sorted(REUTERS.glob("reut2-*.sgm"))
    if not files:
        return None
    return [value for path in files for value in DATE_TAG.findall(path.read_text(encoding="latin-1"))]


def strict_reference(value: str) -> date | None:
    match = STRICT.match(value)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%d-%b-%Y").date()
    except ValueError:
        return None


def bench_reuters() -> None:
    values = reuters_dates()
    if values is None:
        print(f"(a) skipped: no reut2-*.sgm under {REUTERS} (the shared corpora sit beside the repository)")
        return
    parsed = agreed = with_time = warned = 0
    failures: list[str] = []
    started = time.perf_counter()
    for value in values:
        try:
            result = parse_date(value)
        except DateParseError:
            failures.append(value)
            continue
        parsed += 1
        with_time += result.time is not None
        warned += bool(result.warnings)
        agreed += result.date == strict_reference(value)
    elapsed = time.perf_counter() - started
    total = len(values)
    print("(a) Reuters-21578 <DATE> values")
    print(f"    {'values':<34}{total:>8}")
    print(f"    {'read by parse_date':<34}{parsed:>8}")
    print(f"    {'agree with strict D-MON-YYYY':<34}{agreed:>8}")
    print(f"    {'time kept':<34}{with_time:>8}")
    print(f"    {'with a warning':<34}{warned:>8}")
    print(f"    {'seconds for all':<34}{elapsed:>8.3f}")
    for value in failures[:10]:
        print(f"    unread: {value!r}")


def timed(function, text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(DateParseError):
        function(text)
    return (time.perf_counter() - started) / (len(text) / MB)


def adversarial_bodies() -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (MB // len(unit) + 1))[:MB]

    return {
        "capitalised words": fill("March May Monday On Last The Today "),
        "digits": fill("1234567890"),
        "digits and spaces": fill("12 3 2018 "),
        "punctuation": fill(".,:;-/%&#()[]"),
        "repeated 'on Wednesday'": fill("on Wednesday "),
        "repeated 'March 4, 2017'": fill("on March 4, 2017 "),
        "whitespace": fill(" \n\t"),
    }


def bench_adversarial() -> None:
    published = date(2018, 3, 15)
    functions = {
        "find_mentioned_dates": lambda text: find_mentioned_dates(text, published),
        "parse_date": lambda text: parse_date(text, reference=published),
        "parse_range": lambda text: parse_range(text, reference=published),
    }
    print("(b) seconds per MB on adversarial 1 MB inputs")
    print(f"    {'input':<28}" + "".join(f"{name:>22}" for name in functions))
    for label, body in adversarial_bodies().items():
        row = "".join(f"{timed(function, body):>22.3f}" for function in functions.values())
        print(f"    {label:<28}{row}")


def main() -> int:
    bench_reuters()
    print()
    bench_adversarial()
    return 0


if __name__ == "__main__":
    sys.exit(main())
