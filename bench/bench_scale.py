"""Benchmark how indexing and searching grow with the archive: synthetic corpora of 20k to 300k articles.

    python bench/bench_scale.py [--sizes 20000,100000] [--repeat 3] [--runs 5] [--sides searchkit,fts5,tantivy]

The corpora are made from the Reuters-21578 texts: every article's body is cut into sentences, and each
synthetic article takes a real headline and as many sentences, drawn at random from the whole pool, as a
real article of the collection has (so lengths follow Reuters'); dates are spread evenly over 1987-2024 and
ids are unique. The random generator is seeded, so a size always yields the same corpus, and a smaller
corpus is the start of a larger one. They are written as JSONL files of 10,000 articles into a temporary
folder and read by every side with searchkit's JSONL reader.

For each size and side (searchkit, SQLite FTS5, tantivy-py when installed), each in its own child process:
index time, articles/s, CPU per article (whole process tree), peak RSS of the tree, size on disk and the
most the build held on disk, warm p50/p95 over the fixed query set of bench_query (words, pairs, phrases,
each plain and with a one-month range; misspelt words apart), and cold start of `search volcker`. For the
largest size, the time to add 1,000 more articles to its index. Then: is the CPU per article flat from the
smallest corpus to the largest, and how much does p50 grow.

Building 300,000 articles takes at least three times what 100,000 take (the README has measured
figures); pick sizes with --sizes. With --keep DIR the corpora, the indexes and their build figures stay in
DIR, and a later run with the same DIR measures the queries again without building anything (rebuild by
deleting DIR/size-N/SIDE). Then the 1,000 articles are added to a copy of the largest index, so the kept
one stays as built. An index kept from an older searchkit index format must be deleted and rebuilt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import (
    COLD_NAMES,
    FTS5,
    SEARCHKIT,
    SIDE_NAMES,
    TANTIVY,
    available_sides,
    cold_commands,
    cold_start,
    corpus_dir,
    group_indexes,
    load_line,
    median,
    mib,
    percentile,
    print_footer,
    print_header,
    print_table,
    query_set,
    read_articles,
    run_child,
    sgm_files,
    side_path,
)

SEED = 13
ARTICLES_PER_FILE = 10_000
ADDED = 1_000
FIRST_DAY, LAST_DAY = date(1987, 1, 1), date(2024, 12, 31)
# One-month ranges spread over the synthetic dates, used in turn by the date-filtered queries.
SCALE_MONTHS = ((1990, 5), (2001, 9), (2008, 10), (2020, 3))
FLAT_WITHIN = 1.25  # per-article CPU counted as flat when the largest corpus costs at most this much more
P50_GROWTH_GOAL = 1.5  # issue 13: warm p50 grows at most 1.5x from 20k to 300k articles
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)][.!?])\s+(?=[A-Z\"])")
_SIGN_OFF = re.compile(r"\s*Reuter\s*$")


class SyntheticCorpus:
    """Synthetic articles from the Reuters texts; article n is the same whatever size is asked for."""

    def __init__(self, corpus: Path):
        self.headlines: list[str] = []
        self.sentences: list[str] = []
        self.lengths: list[int] = []
        for article in read_articles(sgm_files(corpus)):
            sentences = [s for s in _SENTENCE_END.split(_SIGN_OFF.sub("", " ".join(article.body.split()))) if s]
            if article.headline and sentences:
                self.headlines.append(article.headline)
                self.sentences.extend(sentences)
                self.lengths.append(len(sentences))
        self.days = (LAST_DAY - FIRST_DAY).days

    def records(self, first: int, count: int):
        for number in range(first, first + count):
            pick = random.Random(f"{SEED}-{number}")
            body = " ".join(pick.choice(self.sentences) for _ in range(pick.choice(self.lengths)))
            yield {
                "id": f"syn{number:07d}",
                "headline": pick.choice(self.headlines),
                "body": body,
                "published": date.fromordinal(FIRST_DAY.toordinal() + pick.randrange(self.days + 1)).isoformat(),
            }

    def write(self, folder: Path, first: int, count: int) -> list[Path]:
        """JSONL files of ARTICLES_PER_FILE articles each, numbered from first."""
        folder.mkdir(parents=True)
        files = []
        for start in range(first, first + count, ARTICLES_PER_FILE):
            path = folder / f"articles-{start:07d}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for record in self.records(start, min(ARTICLES_PER_FILE, first + count - start)):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            files.append(path)
        return files


BUILD_FIGURES = "build.json"  # a kept index's build figures, beside it in its side's folder


def corpus_files(corpus: SyntheticCorpus, folder: Path, first: int, count: int) -> list[Path]:
    """The corpus as JSONL files in folder: the ones a kept run wrote earlier, or written now."""
    if not folder.is_dir():
        partial = folder.with_name(folder.name + "-partial")  # renamed once whole, so a cut-off write is redone
        shutil.rmtree(partial, ignore_errors=True)
        corpus.write(partial, first, count)
        partial.rename(folder)
    return sorted(folder.glob("articles-*.jsonl"))


def build_side(side: str, path: Path, files: list[Path], folder: Path) -> dict:
    """Build one side's index, or take the one a kept run built (and its build figures)."""
    kept = folder / side / BUILD_FIGURES
    if kept.is_file() and path.exists():
        return json.loads(kept.read_text())
    if folder.joinpath(side).exists():
        shutil.rmtree(folder / side)  # a build that did not finish
    built = run_child({"do": "index", "side": side, "path": str(path), "files": [str(p) for p in files],
                       "format": "jsonl"}, watch=folder / side)
    kept.write_text(json.dumps(built))
    return built


def measure_size(size: int, sides: list[str], corpus: SyntheticCorpus, work: Path, args, largest: bool) -> dict:
    folder = work / f"size-{size}"
    files = corpus_files(corpus, folder / "corpus", 0, size)
    print(f"{size:,} articles: {len(files)} JSONL files, {mib(sum(p.stat().st_size for p in files))}; "
          f"{load_line()}", flush=True)
    queries = query_set(SCALE_MONTHS, officials=())
    groups = group_indexes(queries)
    figures: dict[str, dict] = {}
    paths = {}
    for side in sides:
        paths[side] = side_path(side, folder / side)
        built = build_side(side, paths[side], files, folder)
        print(f"  {SIDE_NAMES[side]}: indexed {built['articles']:,} in {built['process_seconds']:.1f} s; "
              f"{load_line()}", flush=True)
        searched = run_child({"do": "query", "side": side, "path": str(paths[side]), "queries": queries,
                              "repeat": args.repeat})
        steady = searched["steady"]
        measured = groups["all (no typos)"]
        figures[side] = {
            "build": built,
            "p50": median([steady[i] for i in measured]),
            "p95": percentile([steady[i] for i in measured], 0.95),
            "cpu_p50": median([searched["steady_cpu"][i] for i in measured]),
            "cpu_p95": percentile([searched["steady_cpu"][i] for i in measured], 0.95),
            "typo_p50": median([steady[i] for i in groups["typo"]]),
            "query_rss": searched["tree_rss"],
        }
        print(f"  {SIDE_NAMES[side]}: warm p50 {figures[side]['p50'] * 1000:.2f} ms, "
              f"p95 {figures[side]['p95'] * 1000:.2f} ms (CPU p50 {figures[side]['cpu_p50'] * 1000:.2f} ms, "
              f"p95 {figures[side]['cpu_p95'] * 1000:.2f} ms); {load_line()}", flush=True)
    cold = cold_start(cold_commands(paths), args.runs)
    for side in sides:
        figures[side]["cold"] = median(cold[COLD_NAMES[side]])
    if largest:
        extra = corpus_files(corpus, folder / "added", size, ADDED)
        for side in sides:
            figures[side]["added"] = add_articles(side, paths[side], extra, kept=args.keep is not None)
    return figures


def add_articles(side: str, path: Path, files: list[Path], kept: bool) -> dict:
    """Add files to a side's index; to a copy of it when the index is kept for later runs."""
    target = path.with_name(path.name + "-added") if kept else path
    if kept:
        copy = shutil.copytree if path.is_dir() else shutil.copyfile
        shutil.rmtree(target, ignore_errors=True)
        copy(path, target)
    try:
        return run_child({"do": "index", "side": side, "path": str(target), "files": [str(p) for p in files],
                          "format": "jsonl", "add": True})
    finally:
        if kept:
            shutil.rmtree(target) if target.is_dir() else target.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000", help="Comma-separated corpus sizes (default 20000,100000).")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes over the query set (default 3).")
    parser.add_argument("--runs", type=int, default=5, help="Cold-start runs of each command (default 5).")
    parser.add_argument("--sides", default="searchkit,fts5,tantivy", help="Comma-separated sides.")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="Keep corpora and indexes in DIR and reuse the ones an earlier run kept there.")
    args = parser.parse_args()
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a comma-separated list of numbers")
    if not sizes or sizes[0] < 1:
        parser.error("--sizes: give one or more positive numbers")

    reuters = corpus_dir()
    print_header("Scale: synthetic corpora from the Reuters texts, searchkit vs SQLite FTS5 and tantivy-py")
    sides = available_sides([s for s in args.sides.split(",") if s in (SEARCHKIT, FTS5, TANTIVY)])
    corpus = SyntheticCorpus(reuters)
    print(f"pool: {len(corpus.headlines):,} headlines, {len(corpus.sentences):,} sentences; sizes "
          f"{', '.join(f'{s:,}' for s in sizes)}; repeat {args.repeat}; cold start {args.runs} runs\n", flush=True)
    results = {}
    with contextlib.ExitStack() as stack:
        work = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-scale-")))
        for size in sizes:
            results[size] = measure_size(size, sides, corpus, work, args, largest=size == sizes[-1])
            print()
            size_table({size: results[size]}, [size], sides, f"{size:,} articles (as soon as measured)")
    report(results, sizes, sides)
    print_footer()
    return 0


def report(results: dict[int, dict], sizes: list[int], sides: list[str]) -> None:
    size_table(results, sizes, sides, "Scale (index s: the build's whole child process; CPU: its whole process tree; "
                                      "query RSS: peak of the querying process)")
    added_and_growth(results, sizes, sides)


def size_table(results: dict[int, dict], sizes: list[int], sides: list[str], title: str) -> None:
    rows = []
    for size in sizes:
        for side in sides:
            f = results[size][side]
            build = f["build"]
            rows.append([
                f"{size:,}", SIDE_NAMES[side], f"{build['process_seconds']:.1f}",
                f"{build['articles'] / build['process_seconds']:,.0f}",
                f"{build['cpu_seconds'] / build['articles'] * 1000:.2f}", mib(build["tree_rss"]),
                mib(build["disk"]), mib(build["peak_disk"]), f"{f['p50'] * 1000:.2f}", f"{f['p95'] * 1000:.2f}",
                f"{f['cpu_p50'] * 1000:.2f}", f"{f['typo_p50'] * 1000:.1f}", f"{f['cold'] * 1000:.0f}",
                mib(f["query_rss"]),
            ])
    print_table(
        ["articles", "side", "index s", "articles/s", "CPU ms/article", "peak RSS (tree)", "on disk",
         "peak disk", "warm p50 ms", "warm p95 ms", "query CPU p50 ms", "typo p50 ms", "cold ms", "query RSS"],
        rows,
        title=title,
    )


def added_and_growth(results: dict[int, dict], sizes: list[int], sides: list[str]) -> None:
    largest = sizes[-1]
    print_table(
        ["side", "add 1,000 s (wall)", "CPU s", "peak RSS (tree)", f"index grew ({largest:,} -> {largest + ADDED:,})"],
        [[SIDE_NAMES[side], f"{a['process_seconds']:.1f}", f"{a['cpu_seconds']:.1f}", mib(a["tree_rss"]),
          mib(a["size"] - results[largest][side]["build"]["size"])]
         for side in sides for a in [results[largest][side]["added"]]],
        title=f"Adding {ADDED:,} articles to the {largest:,}-article index (a new source file; incremental)",
    )
    if len(sizes) < 2:
        return
    smallest = sizes[0]
    rows = []
    for side in sides:
        small, big = results[smallest][side], results[largest][side]
        per_article = [small["build"]["cpu_seconds"] / small["build"]["articles"],
                       big["build"]["cpu_seconds"] / big["build"]["articles"]]
        cost_growth = per_article[1] / per_article[0]
        rss_growth = big["build"]["tree_rss"] / small["build"]["tree_rss"]
        p50_growth = big["p50"] / small["p50"]
        rows.append([
            SIDE_NAMES[side], f"{cost_growth:.2f}x", "yes" if cost_growth <= FLAT_WITHIN else "NO",
            f"{rss_growth:.2f}x", f"{p50_growth:.2f}x", f"{big['p95'] / small['p95']:.2f}x",
            f"{big['cpu_p50'] / small['cpu_p50']:.2f}x", f"{big['cold'] / small['cold']:.2f}x",
        ])
    print_table(
        ["side", "CPU/article growth", f"flat (<= {FLAT_WITHIN}x)", "peak RSS growth", "p50 growth", "p95 growth",
         "query CPU p50 growth", "cold start growth"],
        rows,
        title=f"From {smallest:,} to {largest:,} articles ({largest / smallest:.0f}x the corpus); issue 13 wants "
              f"flat CPU per article, flat RSS and p50 growth <= {P50_GROWTH_GOAL}x from 20k to 300k",
    )


if __name__ == "__main__":
    sys.exit(main())
