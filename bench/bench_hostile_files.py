"""Hostile corpus files (a script, not a test): python bench/bench_hostile_files.py [--skip-csv]

Reuters SGML with many unclosed <TITLE> or <TEXT> tags (1,000 / 10,000 / 100,000), read with searchkit's
Reuters reader: seconds per case; a linear reader grows about 10x per row, a quadratic one 100x (a size is
skipped once the one before it took over a minute). Then `searchkit index` on a folder holding one good
CSV and one hostile CSV (a 10-million-column header; a 200 MB one-line file), each in a fresh process:
seconds, peak RSS, exit code, the length of the longest stderr line and whether the good file's article
was indexed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing the package

from searchkit.readers import ReadOptions  # noqa: E402
from searchkit.readers.reuters import read_file  # noqa: E402

TAG_COUNTS = (1_000, 10_000, 100_000)
GIVE_UP_SECONDS = 60.0


def unclosed_sgml(tag: str, count: int) -> str:
    opener = f"<{tag}>" + "word " * 3
    inner = opener * count if tag == "TEXT" else f"<TEXT>{opener * count}<BODY>body</BODY></TEXT>"
    return f'<REUTERS NEWID="1">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n{inner}\n</REUTERS>\n'


def sgml_rows(folder: Path) -> list[list[str]]:
    rows = []
    for tag in ("TITLE", "TEXT"):
        previous = 0.0
        for count in TAG_COUNTS:
            if previous > GIVE_UP_SECONDS:
                rows.append([f"unclosed <{tag}>", f"{count:,}", "skipped", ""])
                continue
            path = folder / f"{tag}-{count}.sgm"
            path.write_text(unclosed_sgml(tag, count), encoding="utf-8")
            started = time.perf_counter()
            items = list(read_file(path, ReadOptions()))
            previous = time.perf_counter() - started
            rows.append([f"unclosed <{tag}>", f"{count:,}", f"{previous:.3f}", f"{len(items)} item(s)"])
    return rows


def hostile_csvs(folder: Path) -> dict[str, Path]:
    wide = folder / "wide"
    wide.mkdir()
    with open(wide / "wide.csv", "w", encoding="utf-8") as handle:
        # Written in pieces: a bench process holding 100 MB would lend its pages to the forked child's peak RSS.
        for start in range(0, 10_000_000, 100_000):
            handle.write(",".join(f"c{n}" for n in range(start, start + 100_000)) + ",")
        handle.write("last\nx\n")
    long_line = folder / "long"
    long_line.mkdir()
    with open(long_line / "long.csv", "w", encoding="utf-8") as handle:
        chunk = "headline," * (2**20 // 9)
        for _ in range(200):
            handle.write(chunk)
    for case in (wide, long_line):
        (case / "good.csv").write_text("headline,body,date\nGood article,Readable body text,2018-03-15\n")
    return {"10-million-column header": wide, "200 MB one-line CSV": long_line}


def index_in_child(corpus: Path, index_dir: Path) -> dict:
    command = [sys.executable, "-m", "searchkit", "index", str(corpus), "--index", str(index_dir), "-q"]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        err.seek(0)
        stderr = err.read()
    found = subprocess.run(
        [sys.executable, "-m", "searchkit", "search", "readable", "--index", str(index_dir), "--json"],
        cwd=REPO, capture_output=True, text=True,
    )
    total = json.loads(found.stdout)["total"] if found.returncode in (0, 1) and found.stdout else 0
    return {
        "seconds": time.perf_counter() - started,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "exit": os.waitstatus_to_exitcode(status),
        "longest_line": max((len(line) for line in stderr.splitlines()), default=0),
        "good_indexed": total == 1,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-csv", action="store_true", help="Only the Reuters cases (the CSVs need 300 MB).")
    parser.add_argument("--skip-sgml", action="store_true", help="Only the CSV cases.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        folder = Path(tmp)
        if not args.skip_sgml:
            print("Reuters SGML with unclosed tags (searchkit.readers.reuters.read_file)")
            print(f"{'case':<18}{'tags':>10}{'seconds':>10}  result")
            for case, count, seconds, result in sgml_rows(folder):
                print(f"{case:<18}{count:>10}{seconds:>10}  {result}")
        if args.skip_csv:
            return 0
        print("\n`searchkit index` on a folder of one good CSV and one hostile CSV")
        print(f"{'case':<26}{'seconds':>9}{'peak RSS MB':>13}{'exit':>6}{'longest stderr line':>21}  good file indexed")
        for case, corpus in hostile_csvs(folder).items():
            r = index_in_child(corpus, folder / f"index-{corpus.name}")
            print(f"{case:<26}{r['seconds']:>9.1f}{r['peak_rss_mb']:>13.0f}{r['exit']:>6}{r['longest_line']:>21,}"
                  f"  {'yes' if r['good_indexed'] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
