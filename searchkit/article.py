"""The plain dataclasses every layer passes along: readers make them, enrichment fills them,
the index stores them and the query side hands them back."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date

# Metadata a corpus may carry, by the name a query qualifier and a facet use (`author:Harrabin`, `topic:coffee`).
METADATA_KEYS = ("author", "section", "topic", "place", "person", "org", "exchange", "language")


@dataclass(frozen=True)
class Official:
    """A named office holder found in an article."""

    name: str
    title: str = ""
    affiliation: str = ""
    mentions: int = 1
    kind: str = "government"  # or "corporate" for company officers


@dataclass
class Article:
    """One news article, whatever format it was read from."""

    id: str
    headline: str
    body: str
    published: date | None = None
    page_date: date | None = None  # a date printed on the page that is not the publication date
    dateline: str = ""
    officials: list[Official] = field(default_factory=list)
    mentioned: list[date] = field(default_factory=list)
    source: str = ""  # file path, plus ":line" where one file holds many records
    url: str | None = None
    metadata: dict[str, list[str]] = field(default_factory=dict)  # METADATA_KEYS -> values, empty keys left out

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "headline": self.headline,
            "published": self.published.isoformat() if self.published else None,
            "page_date": self.page_date.isoformat() if self.page_date else None,
            "mentioned_dates": [day.isoformat() for day in self.mentioned],
            "dateline": self.dateline,
            "officials": [asdict(official) for official in self.officials],
            "source": self.source,
            "url": self.url,
            "metadata": self.metadata,
            "body": self.body,
        }

    def content_hash(self) -> str:
        """A digest of what the reader produced, to tell changed articles from unchanged ones."""
        parts = [
            self.headline,
            self.body,
            self.published.isoformat() if self.published else "",
            self.page_date.isoformat() if self.page_date else "",
            self.dateline,
            self.source,
            self.url or "",
            *(f"{key}={value}" for key in METADATA_KEYS for value in self.metadata.get(key, ())),
        ]
        return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file or record.

    `skipped` problems cost the record; the others are warnings about a record that is still indexed.
    """

    location: str  # "path" or "path:line"
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"
