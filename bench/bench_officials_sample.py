"""Pick the articles hand-labelled for bench_officials_gold.py, by a fixed seed (a script, not a test).

    python bench/bench_officials_sample.py [--show SET]

Prints the chosen record keys of each labelled set; `--show SET` prints those articles' text for the
person labelling them. The picks were made once, before anyone looked at the extractor's output on
them, and the label files in bench/officials_gold/ hold exactly these keys.

Record keys: `pakistan:N` and `bbc:N` are the Nth data row after the CSV header (searchkit's default id
`<file stem>-N`); `reuters:N` is the record's NEWID. Only records with a body are eligible.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from searchkit.readers.jsonl import read_text  # noqa: E402
from searchkit.readers.reuters import iter_records  # noqa: E402

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
PAKISTAN = CORPORA / "pakistan_news_articles_subset" / "Articles.csv"
BBC = CORPORA / "bbc_climate_2021_22" / "exported_bbc_data-labelised.csv"
REUTERS = CORPORA / "reuters21578"
SEED = 12
# set name -> (corpus, how many); the held-out Pakistani sets are drawn after the tuning one, without overlap
# (the second was drawn and labelled after the first held-out set had been scored once, the third after
# the second had been scored once and before the kind rules for private bodies were written, the fourth after
# round 5 had been written on the first three, the fifth after the fourth had been scored once and round 6
# written on it, the sixth after the fifth had been scored once and round 7 written on it, the seventh after
# the sixth had been scored once and round 8 written on it, the eighth after the seventh had been scored once
# and round 9 written on it; the ninth and the BBC and Reuters held-out sets after round 11, written on the error
# classes of all the sets above; the tenth and the second BBC and Reuters held-out sets after round 12, written on
# the error classes of the ninth and the first BBC and Reuters held-out sets; the eleventh and the third BBC and
# Reuters held-out sets after round 13, written on the error classes of the tenth and the second ones; the twelfth
# and the fourth BBC and Reuters held-out sets after round 14, written on the error classes of the eleventh and the
# third ones; the thirteenth with them, before any of them was scored; the fourteenth and the fifth BBC and Reuters
# held-out sets after round 16 was written, before the extractor was run on them; held-outs 19-20 and BBC and
# Reuters held-outs 10-11 at the start of round 22, before any of its rules were written; held-out 21 and BBC and
# Reuters held-outs 12 after round 22 had landed, before the extractor was run on them)
SETS = {"pakistan": ("pakistan", 30), "bbc": ("bbc", 15), "reuters": ("reuters", 15),
        "pakistan_heldout": ("pakistan", 20), "pakistan_heldout2": ("pakistan", 20),
        "pakistan_heldout3": ("pakistan", 20), "pakistan_heldout4": ("pakistan", 20),
        "pakistan_heldout5": ("pakistan", 20), "pakistan_heldout6": ("pakistan", 20),
        "pakistan_heldout7": ("pakistan", 20), "pakistan_heldout8": ("pakistan", 20),
        "pakistan_heldout9": ("pakistan", 20), "bbc_heldout": ("bbc", 10), "reuters_heldout": ("reuters", 10),
        "pakistan_heldout10": ("pakistan", 20), "bbc_heldout2": ("bbc", 10), "reuters_heldout2": ("reuters", 10),
        "pakistan_heldout11": ("pakistan", 20), "bbc_heldout3": ("bbc", 10), "reuters_heldout3": ("reuters", 10),
        "pakistan_heldout12": ("pakistan", 20), "bbc_heldout4": ("bbc", 10), "reuters_heldout4": ("reuters", 10),
        "pakistan_heldout13": ("pakistan", 20), "pakistan_heldout14": ("pakistan", 20),
        "bbc_heldout5": ("bbc", 15), "reuters_heldout5": ("reuters", 15),
        "pakistan_heldout15": ("pakistan", 20), "bbc_heldout6": ("bbc", 20), "reuters_heldout6": ("reuters", 20),
        "pakistan_heldout16": ("pakistan", 20), "bbc_heldout7": ("bbc", 20), "reuters_heldout7": ("reuters", 20),
        "pakistan_heldout17": ("pakistan", 20), "bbc_heldout8": ("bbc", 20), "reuters_heldout8": ("reuters", 20),
        "pakistan_heldout18": ("pakistan", 20), "bbc_heldout9": ("bbc", 20), "reuters_heldout9": ("reuters", 20),
        "pakistan_heldout19": ("pakistan", 20), "bbc_heldout10": ("bbc", 20), "reuters_heldout10": ("reuters", 20),
        "pakistan_heldout20": ("pakistan", 20), "bbc_heldout11": ("bbc", 20), "reuters_heldout11": ("reuters", 20),
        "pakistan_heldout21": ("pakistan", 20), "bbc_heldout12": ("bbc", 20), "reuters_heldout12": ("reuters", 20)}


def _csv_rows(path: Path, headline_col: str, body_col: str) -> dict[str, str]:
    text = read_text(path)
    if not isinstance(text, str):
        raise SystemExit(f"{path}: {text.reason}")
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = {}
    for n, row in enumerate(reader, start=1):
        headline = " ".join((row.get(headline_col) or "").split())
        body = (row.get(body_col) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if body:
            out[str(n)] = f"{headline}\n\n{body}"
    return out


def load(corpus: str) -> dict[str, str]:
    """Record key -> the text the indexer gives the extractor (headline, blank line, body)."""
    if corpus == "pakistan":
        return _csv_rows(PAKISTAN, "Heading", "Article")
    if corpus == "bbc":
        return _csv_rows(BBC, "title", "article_content")
    return {rec.newid: f"{rec.title}\n\n{rec.body}" for path in sorted(REUTERS.glob("reut2-*.sgm"))
            for rec in iter_records(path) if rec.body.strip()}


def pick(texts: dict[str, dict[str, str]] | None = None) -> dict[str, list[str]]:
    """Set name -> chosen record keys, always the same for the same corpora."""
    texts = texts or {corpus: load(corpus) for corpus in ("pakistan", "bbc", "reuters")}
    rng = random.Random(SEED)
    taken: dict[str, set[str]] = {}
    chosen = {}
    for name, (corpus, count) in SETS.items():
        pool = sorted((key for key in texts[corpus] if key not in taken.get(corpus, set())), key=int)
        keys = sorted(rng.sample(pool, count), key=int)
        taken.setdefault(corpus, set()).update(keys)
        chosen[name] = keys
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=list(SETS), help="print the chosen articles of one set")
    args = parser.parse_args()
    texts = {corpus: load(corpus) for corpus in ("pakistan", "bbc", "reuters")}
    chosen = pick(texts)
    for name, keys in chosen.items():
        print(f"{name}: {' '.join(keys)}")
    if args.show:
        corpus = SETS[args.show][0]
        for key in chosen[args.show]:
            print(f"\n===== {corpus}:{key}\n{texts[corpus][key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
