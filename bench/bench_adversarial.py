"""Adversarial throughput (a script, not a test): python bench/bench_adversarial.py [--mb N]

Times searchkit.officials.extract_officials (skipped when the module is absent) and
searchkit.dates.find_mentioned_dates on 1 MB bodies built to hurt regex- and token-based scanners:
long runs of capitalised words, titles without names, digits, punctuation, month names and dates.
Prints seconds per MB for each body; anything far above the plain-prose figure is a red flag.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing the package

from searchkit.dates import find_mentioned_dates  # noqa: E402

MB = 1 << 20


def repeat_to(size: int, unit: str) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def bodies(size: int) -> dict[str, str]:
    rng = random.Random(7)
    words = ["the", "minister", "said", "on", "trade", "talks", "and", "economy", "of", "a", "new", "plan"]
    caps = [w.capitalize() for w in ["Prime", "Minister", "Foreign", "Secretary", "General", "United", "Nations",
                                     "Federal", "Reserve", "Chairman", "Governor", "Khan", "Lavrov", "President"]]
    return {
        "plain prose": " ".join(rng.choice(words) for _ in range(size // 4))[:size],
        "capitalised run": " ".join(rng.choice(caps) for _ in range(size // 6))[:size],
        "titles, no names": repeat_to(size, "Prime Minister Foreign Minister Secretary General President "),
        "one huge token": repeat_to(size, "Aa"),
        "digits": "".join(rng.choice("0123456789") for _ in range(size)),
        "digits and separators": "".join(rng.choice("0123456789-/.:, ") for _ in range(size)),
        "punctuation": "".join(rng.choice(".,;:!?'\"()[]{}-–—/\\&") for _ in range(size)),
        "month names": repeat_to(size, "March April May June on Monday last Tuesday next "),
        "almost dates": repeat_to(size, "March 15, 20 15 March 2O18 2018-13-45 March 32, 2018 "),
        "real dates": repeat_to(size, "on March 15, 2018 and 2018-03-16, last Wednesday, 4 March "),
        "apostrophes and hyphens": repeat_to(size, "O'Brien-Smith's Al-Khan's D'Souza-O'Neil "),
        "no spaces": "".join(rng.choice("AbCdEfGh") for _ in range(size)),
    }


def seconds_per_mb(function, text: str) -> float:
    started = time.perf_counter()
    function(text)
    return (time.perf_counter() - started) / (len(text.encode("utf-8")) / MB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="body size in MB (default 1)")
    size = int(parser.parse_args().mb * MB)

    functions = {"find_mentioned_dates": lambda text: find_mentioned_dates(text, date(2018, 3, 15))}
    try:
        officials = importlib.import_module("searchkit.officials")
        functions["extract_officials"] = officials.extract_officials
    except ImportError:
        print("searchkit.officials not present: extract_officials skipped")

    print(f"{'body':<26}" + "".join(f"{name:>24}" for name in functions) + "   (seconds per MB)")
    worst = dict.fromkeys(functions, 0.0)
    for label, text in bodies(size).items():
        figures = []
        for name, function in functions.items():
            value = seconds_per_mb(function, text)
            worst[name] = max(worst[name], value)
            figures.append(f"{value:>24.3f}")
        print(f"{label:<26}" + "".join(figures), flush=True)
    print("worst: " + ", ".join(f"{name} {value:.3f} s/MB" for name, value in worst.items()))


if __name__ == "__main__":
    main()
