"""Turning results into terminal text. Everything from the corpus passes through `clean` first, so an
article cannot recolour or rewrite the user's terminal with escape sequences or control characters."""

from __future__ import annotations

import os
import re

from searchkit.article import Article
from searchkit.results import Hit, IndexStats, OfficialSummary, TimelineBucket

BOLD, RESET = "\x1b[1m", "\x1b[0m"
# ANSI/VT escape sequences (CSI, OSC, and two-character escapes), then any other control character.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Escape sequences and control characters removed; tabs and line breaks become spaces."""
    text = _ESCAPES.sub("", text)
    return _CONTROL.sub("", re.sub(r"[\t\n\r]", " ", text))


def clean(text: str) -> str:
    """Corpus text made safe to print on one line."""
    return " ".join(strip_controls(text).split())


def marked(text: str, spans: list[tuple[int, int]], terminal: bool) -> str:
    """The snippet with its highlights: bold on a terminal, [brackets] when piped."""
    opener, closer = (BOLD, RESET) if terminal else ("[", "]")
    out, position = [], 0
    for start, end in sorted(spans):
        out += [strip_controls(text[position:start]), opener, strip_controls(text[start:end]), closer]
        position = end
    out.append(strip_controls(text[position:]))
    return "".join(out)


def shown_path(source: str) -> str:
    """A source path relative to the working folder when it is below it (shorter to read and copy)."""
    path, sep, line = source.rpartition(":") if re.search(r":\d+$", source) else (source, "", "")
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = path
    shown = relative if not relative.startswith("..") else path
    return clean(shown + (sep + line if sep else ""))


def hit_lines(rank: int, hit: Hit, terminal: bool, with_snippet: bool) -> list[str]:
    day = hit.published.isoformat() if hit.published else "(undated)"
    headline = f"{BOLD}{clean(hit.headline)}{RESET}" if terminal else clean(hit.headline)
    lines = [f"{rank:>2}. {day}  {headline}"]
    if with_snippet and hit.snippet:
        lines.append(f"    {marked(hit.snippet, hit.highlights, terminal)}")
    lines.append(f"    {shown_path(hit.source)}  [id {clean(hit.id)}]")
    return lines


def official_line(summary: OfficialSummary) -> str:
    span = ""
    if summary.first_seen:
        span = f"  {summary.first_seen}..{summary.last_seen}"
    title = f" — {clean(summary.titles[0])}" if summary.titles else ""
    where = f" ({clean(summary.affiliation)})" if summary.affiliation else ""
    corporate = " [corporate]" if summary.kind == "corporate" else ""
    return f"{summary.articles:>5}  {clean(summary.name)}{title}{where}{corporate}{span}"


def stats_lines(stats: IndexStats) -> list[str]:
    first = stats.first_published.isoformat() if stats.first_published else "-"
    last = stats.last_published.isoformat() if stats.last_published else "-"
    lines = [
        f"index:      {stats.index_dir}",
        f"articles:   {stats.articles}",
        f"published:  {first} .. {last}",
        f"undated:    {stats.undated}",
        f"skipped:    {stats.skipped}",
        f"size:       {stats.size_bytes / 1e6:.1f} MB",
        "per source:",
    ]
    lines += [f"  {count:>8}  {shown_path(source)}" for source, count in stats.per_source.items()]
    lines.append("per year:")
    lines += [f"  {count:>8}  {year}" for year, count in stats.per_year.items()]
    return lines


def use_colour(choice: str, stream) -> bool:
    """--color always/never, or auto: on a terminal unless NO_COLOR is set (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return is_terminal(stream) and not os.environ.get("NO_COLOR")


def is_terminal(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()



SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 40
LISTED_BUCKETS = 36  # a longer timeline is shown as the sparkline alone


def facet_lines(name: str, counts: dict[str, int]) -> list[str]:
    lines = [f"{name}:"]
    lines += [f"  {count:>8}  {clean(value)}" for value, count in counts.items()]
    return lines if counts else [f"{name}: (no values among the matches)"]


def timeline_lines(buckets: list[TimelineBucket], unit: str | None) -> list[str]:
    """A sparkline of matches per day/month/year, then one bar per bucket when there are few."""
    if not buckets:
        return ["timeline: no dated matches"]
    peak = max(bucket.count for bucket in buckets)
    labels = [_bucket_label(bucket, unit) for bucket in buckets]
    spark = "".join(SPARKS[0] if not b.count else SPARKS[(len(SPARKS) - 1) * b.count // peak] for b in buckets)
    top = max(buckets, key=lambda bucket: bucket.count)
    lines = [
        f"timeline per {unit}, {labels[0]} .. {labels[-1]} (peak {peak} in {_bucket_label(top, unit)}):",
        f"  {spark}",
    ]
    if len(buckets) <= LISTED_BUCKETS:
        width = max(len(label) for label in labels)
        for label, bucket in zip(labels, buckets, strict=True):
            bar = "█" * max(1 if bucket.count else 0, round(BAR_WIDTH * bucket.count / peak))
            lines.append(f"  {label:<{width}}  {bar} {bucket.count}")
    return lines


def _bucket_label(bucket: TimelineBucket, unit: str | None) -> str:
    return bucket.start.isoformat()[: {"year": 4, "month": 7}.get(unit or "day", 10)]


def article_lines(article: Article) -> list[str]:
    """One article for `searchkit show`: its fields (empty ones left out), a blank line, its paragraphs."""
    fields = [
        ("published", article.published and article.published.isoformat()),
        ("page date", article.page_date and article.page_date.isoformat()),
        ("dateline", article.dateline),
        ("mentions", ", ".join(day.isoformat() for day in article.mentioned)),
        *(("official", o.name + (f", {o.title}" if o.title else "")) for o in article.officials),
        *((key, ", ".join(values)) for key, values in article.metadata.items()),
        ("url", article.url),
        ("source", article.source and shown_path(article.source)),
        ("id", article.id),
    ]
    lines = [clean(article.headline)]
    lines += [f"{name + ':':<10} {clean(value)}" for name, value in fields if value]
    return [*lines, "", *(line for paragraph in paragraphs(article.body) for line in (paragraph, ""))]


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs. Blank lines always separate them. Within a block, hard-wrapped text whose
    paragraphs open with an indent (Reuters) is rejoined; otherwise each line is a paragraph (BBC's cells)."""
    found: list[str] = []
    for block in re.split(r"\n[ \t]*\n", body):
        lines = block.split("\n")
        if any(line[:1] in (" ", "\t") for line in lines[1:]):
            current: list[str] = []
            for line in lines:
                if line[:1] in (" ", "\t") and current:
                    found.append(" ".join(current))
                    current = []
                current.append(line.strip())
            found.append(" ".join(current))
        else:
            found += lines
    return [text for text in (clean(paragraph) for paragraph in found) if text]
