"""Enrichment: what the indexer adds to a reader's Article (mentioned dates, officials)."""

from __future__ import annotations

from searchkit.article import Article
from searchkit.dates import find_mentioned_dates
from searchkit.officials import extract_officials


def enrich(article: Article) -> Article:
    article.officials = extract_officials(f"{article.headline}\n\n{article.body}")
    article.mentioned = find_mentioned_dates(article.body, article.published) if article.published else []
    return article
