"""Scoring every match of a query from whole posting lists, as Whoosh's matchers would score them.

Whoosh ranks by walking a tree of matchers one document at a time (about 20 µs a match here), so a
common word costs tens of milliseconds; its block-quality skipping cannot help searchkit, whose totals,
facets and timeline need every match anyway, and whose all-words bonus defeats the bounds. Here each
term's postings are read a block at a time and scored with Whoosh's own scorer objects, and the query's
OR, AND and NOT nodes combine the per-document scores in the order Whoosh's matchers add them; any other
node (phrases, prefixes, ...) is scored by its own Whoosh matcher. The result is every match with the
score Whoosh would give it, at a few microseconds a posting.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

from searchkit.engines.whoosh_query import AllWordsOr, coordination

Scores = dict[int, float]  # docnum (within one segment) -> score


class PostingScorer:
    """Scores queries against one searcher; remembers each segment's field lengths once read."""

    def __init__(self, searcher):
        self._searcher = searcher
        self._lengths: dict[tuple[int, str], bytes] = {}
        self.postings_read = 0  # postings scored from whole blocks, for tests that count work

    def scores(self, query: wq.Query, within: set[int] | None = None) -> dict[int, float]:
        """docnum -> score of every document the query matches (only those in `within`, when given)."""
        found: dict[int, float] = {}
        context = self._searcher.context()
        for number, (searcher, offset) in enumerate(self._searcher.leaf_searchers()):
            allowed = None
            if within is not None:
                end = offset + searcher.reader().doc_count_all()
                allowed = {docnum - offset for docnum in within if offset <= docnum < end} if offset else within
            segment = _Segment(self, number, searcher, context, allowed)
            scored = segment.scores(query)
            found.update(scored.items() if not offset else ((docnum + offset, s) for docnum, s in scored.items()))
        return found

    def lengths(self, number: int, reader, field: str) -> bytes | None:
        """One byte per document of a segment: its length in `field`, encoded as Whoosh stores it."""
        key = (number, field)
        if key not in self._lengths:
            column = reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)  # noqa: SLF001
            raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""  # noqa: SLF001
            self._lengths[key] = raw.ljust(reader.doc_count_all(), b"\0")
        return self._lengths[key]


class _Segment:
    def __init__(self, owner: PostingScorer, number: int, searcher, context, allowed: set[int] | None):
        self.owner = owner
        self.allowed = allowed  # the filters' documents; None: all
        self.number = number
        self.searcher = searcher
        self.reader = searcher.reader()
        self.context = context

    def scores(self, query: wq.Query) -> Scores:
        kind = type(query)
        if kind is wq.Term:
            found = self._term(query)
        elif kind is AllWordsOr:
            return self._all_words(query)
        elif kind is wq.Or and not query.scale and not query.minmatch and len(query.subqueries) > 1:
            found = self._tree(query.subqueries, _union, lambda q: q.estimate_size(self.reader))
        elif kind is wq.And and len(query.subqueries) > 1:
            found = self._tree(query.subqueries, _intersection, lambda q: 0 - q.estimate_size(self.reader))
        elif kind is wq.AndNot:
            excluded = self.scores(query.b)
            return {docnum: score for docnum, score in self.scores(query.a).items() if docnum not in excluded}
        elif kind in (wq.Or, wq.And) and len(query.subqueries) == 1:
            return self.scores(query.subqueries[0])  # Whoosh uses the only child's matcher, boost and all
        else:
            return self._matched(query)
        if query.boost != 1.0:
            boost = query.boost
            return {docnum: score * boost for docnum, score in found.items()}
        return found

    def _tree(self, children, combine: Callable[[Scores, Scores], Scores], weight) -> Scores:
        """Children combined pairwise, lightest first, as Whoosh's make_weighted_tree builds its matchers."""
        pending = sorted(((weight(child), order, child) for order, child in enumerate(children)), key=_first_two)
        entries = [(w, order, self.scores(child)) for w, order, child in pending]
        order = len(entries)
        while len(entries) > 1:
            (wa, _oa, a), (wb, _ob, b) = entries.pop(0), entries.pop(0)
            entries.append((wa + wb, order, combine(a, b)))
            entries.sort(key=_first_two)
            order += 1
        return entries[0][2]

    def _all_words(self, query: AllWordsOr) -> Scores:
        words = [self.scores(child) for child in query.subqueries]
        active = [word for word in words if word]
        if not active:
            return {}
        summed, matched = dict(active[0]), dict.fromkeys(active[0], 1)
        for word in active[1:]:
            for docnum, score in word.items():
                if docnum in summed:
                    summed[docnum] = summed[docnum] + score
                    matched[docnum] += 1
                else:
                    summed[docnum] = score
                    matched[docnum] = 1
        boost, count = query.boost, len(words)
        shares = [coordination(k, count) for k in range(count + 1)]
        return {docnum: score * boost * shares[matched[docnum]] for docnum, score in summed.items()}

    def _term(self, term: wq.Term) -> Scores:
        field = term.fieldname
        if field not in self.searcher.schema:
            return {}
        try:
            text = self.searcher.schema[field].to_bytes(term.text)
        except ValueError:
            return {}
        if (field, text) not in self.reader:
            return {}
        scorer = self.context.weighting.scorer(self.searcher, field, text)
        matcher = self.reader.postings(field, text, scorer=scorer)
        deleted = None
        if type(matcher) is FilterMatcher and matcher._exclude:  # noqa: SLF001 - deleted documents
            matcher, deleted = matcher.child, matcher._ids  # noqa: SLF001
        if type(matcher) is not W3LeafMatcher or type(scorer) is not BM25FScorer:
            return self._matched(wq.Term(field, term.text))  # unboosted: the caller applies the boost
        lengths = self.owner.lengths(self.number, self.reader, field)
        score = scorer._score  # noqa: SLF001 - the BM25F formula itself, given weight and length
        found: Scores = {}
        while matcher.is_active():
            if matcher._ids is None:  # noqa: SLF001 - a whole block of postings at a time
                matcher._read_ids()  # noqa: SLF001
            if matcher._weights is None:  # noqa: SLF001
                matcher._read_weights()  # noqa: SLF001
            start = matcher._i  # noqa: SLF001
            ids, weights = matcher._ids[start:], matcher._weights[start:]  # noqa: SLF001
            if deleted or self.allowed is not None:
                keep = [self._kept(docnum, deleted) for docnum in ids]
                ids, weights = list(compress(ids, keep)), list(compress(weights, keep))
            pairs = zip(ids, weights, strict=True)
            found.update((docnum, score(weight, byte_to_length(lengths[docnum]))) for docnum, weight in pairs)
            self.owner.postings_read += len(ids)
            matcher._next_block()  # noqa: SLF001
        return found

    def _kept(self, docnum: int, deleted) -> bool:
        return not (deleted and docnum in deleted) and (self.allowed is None or docnum in self.allowed)

    def _matched(self, query: wq.Query) -> Scores:
        """Any other query, scored by its own Whoosh matcher."""
        matcher = query.matcher(self.searcher, self.context)
        found: Scores = {}
        allowed = self.allowed
        while matcher.is_active():
            docnum = matcher.id()
            if allowed is None or docnum in allowed:
                found[docnum] = matcher.score()
            matcher.next()
        return found


def _first_two(entry: tuple) -> tuple:
    return entry[0], entry[1]


def _union(a: Scores, b: Scores) -> Scores:
    summed = dict(a)
    for docnum, score in b.items():
        summed[docnum] = summed[docnum] + score if docnum in summed else score
    return summed


def _intersection(a: Scores, b: Scores) -> Scores:
    return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}
