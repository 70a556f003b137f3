"""More like this: the key terms of an article, chosen the same way for every engine.

An engine gives the article's body terms as its index analyses them (stemmed, stop words left out), how
often each term occurs across the whole archive, and how many articles the archive holds; the terms
frequent in the article and rare in the archive win. The weight is Bo1 (Bose-Einstein divergence from
randomness, the model Whoosh's more-like-this uses), so the Whoosh engine keeps the key terms it always
had and the cluster picks the same ones. Each engine then searches the article's body terms as an OR,
each term weighted, without the article itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from math import log

KEY_TERMS = 12


def key_terms(article_terms: Counter, archive_frequency: Mapping[str, int], articles: int,
              number: int = KEY_TERMS) -> list[tuple[str, float]]:
    """The article's `number` most telling terms, best first, each with its weight (the best weighs 1.0).

    article_terms: term -> occurrences in the article; archive_frequency: term -> occurrences in the
    archive (a term the archive does not hold is passed over); articles: how many articles it holds.
    """
    scored = []
    for term, in_article in article_terms.items():
        in_archive = archive_frequency.get(term, 0)
        if in_archive and articles:
            share = in_archive / articles
            scored.append((in_article * log((1.0 + share) / share, 2) + log(1.0 + share, 2), term))
    if not scored:
        return []
    best = max(score for score, _term in scored)
    ranked = sorted(((score / best, term) for score, term in scored), key=lambda pair: (-pair[0], pair[1]))
    return [(term, weight) for weight, term in ranked[:number]]
