"""`searchkit export`: matching articles in full, streamed one at a time as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from searchkit.article import METADATA_KEYS, Article

# CSV columns; several values in one cell (officials, dates, metadata) are joined by "; ".
CSV_COLUMNS = ("id", "headline", "published", "page_date", "dateline", "officials", "mentioned_dates",
               *METADATA_KEYS, "source", "url", "body")


def write_articles(articles: Iterable[Article], stream: TextIO, fmt: str) -> int:
    """Write each article as it comes (nothing is held in memory); returns how many were written."""
    count = 0
    writer = csv.DictWriter(stream, CSV_COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for article in articles:
        record = article.to_dict()
        if writer:
            writer.writerow(_csv_row(record))
        else:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_row(record: dict) -> dict:
    row = {name: record.get(name) or "" for name in CSV_COLUMNS}
    row["officials"] = "; ".join(official["name"] for official in record["officials"])
    row["mentioned_dates"] = "; ".join(record["mentioned_dates"])
    for key in METADATA_KEYS:
        row[key] = "; ".join(record["metadata"].get(key, []))
    return row
