"""Scoring every match of a query from whole posting lists, as Whoosh's matchers would score them.

Whoosh ranks by walking a tree of matchers one document at a time (about 20 µs a match here), so a
common word costs tens of milliseconds; its block-quality skipping cannot help searchkit, whose totals,
facets and timeline need every match anyway, and whose all-words bonus defeats the bounds. Here each
term's postings are read a block at a time, and every later step works on whole lists and dictionaries
with C-level iteration (map, zip, compress, dict and set operations), never a Python loop per posting:

- a term's score is Whoosh's BM25F, idf * saturation(weight, length), the saturation looked up in a table
  per field (it depends only on the posting's weight and the document's length byte, so a field has a few
  hundred distinct values) and computed by the same expression Whoosh uses;
- the query's OR, AND and NOT nodes combine the per-document scores in the order Whoosh's matchers add
  them, so the sums are bit-identical;
- an exact phrase intersects its words' documents first (the rarest word's postings name the candidates,
  and the other words' blocks holding none of them are skipped undecoded), then decodes positions only for
  the candidates and scores those where the words follow each other as Whoosh's phrase matcher sums them;
- any other node (prefixes, wildcards, ...) is scored by its own matcher.

The result is every match with the score Whoosh would give it: scores(query) == what Whoosh's collector
sees, checked against Whoosh's own matchers in tests/test_search_work.py.

best(query, within, end) ranks the first `end` matches of a sum of words (one word in several fields, or an
OR of words with the all-words bonus) without scoring every match (MaxScore): the terms whose highest
possible score is largest name the candidates, and a document holding none of them cannot beat the
candidates' end-th exact score, so the other terms are scored for the candidates only. Every term's
postings are still decoded, because the total and the facets count every match exactly.
"""

from __future__ import annotations

import heapq
import os
import pickle
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, gt, itemgetter, mul, not_, sub

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

from searchkit.engines.whoosh_query import AllWordsOr, ExactPhrase, coordination

Scores = dict[int, float]  # docnum (within one segment) -> score
SummedWords = list[list[tuple[wq.Term, float]]]  # each word's terms, with the boost each term's score gets
# Filters leaving fewer than 1 in this many of a segment's documents (a month of a long archive) are sorted so
# that posting blocks holding none of them are skipped undecoded.
SKIP_BELOW_SHARE = 16
# Pages ending deeper than this are ranked by scoring every match: the bar a document must beat falls with depth.
BEST_UP_TO = 1000
# Posting blocks whose places a searcher keeps in its block tables (24 bytes each, so at most about 24 MB).
BLOCKS_KEPT = 1_000_000
# A bound counts as below the bar only by more than this share, so that rounding in summing scores cannot matter.
BOUND_MARGIN = 1e-9


class PostingScorer:
    """Scores queries against one searcher; remembers each segment's field lengths once read."""

    def __init__(self, searcher):
        self._searcher = searcher
        self._lengths: dict[tuple[int, str], bytes] = {}
        self._saturations: dict[tuple, Saturation] = {}
        self._tables: dict[tuple[int, str, bytes], BlockTable | None] = {}
        self._blocks_kept = 0
        self.postings_read = 0  # postings decoded from whole blocks, for tests that count work
        self.postings_scored = 0  # postings whose score was worked out, for tests that count work
        self.phrase_candidates = 0  # documents holding every word of a phrase, whose positions were decoded

    def scores(self, query: wq.Query, within: set[int] | None = None) -> dict[int, float]:
        """docnum -> score of every document the query matches (only those in `within`, when given)."""
        found: dict[int, float] = {}
        for segment, offset in self._segments(within):
            scored = segment.scores(query)
            found.update(zip(map(offset.__add__, scored), scored.values(), strict=True) if offset else scored)
        return found

    def best(self, query: wq.Query, within: set[int] | None, end: int) -> tuple[list[tuple[float, int]], set[int]]:
        """(score, docnum) of the `end` best matches, best first (equal scores in index order), and every match:
        the same as best_of(scores(query, within), end), scoring fewer matches when the query is a sum of words."""
        words = _summed_terms(query) if end <= BEST_UP_TO else None
        if words is None:
            scores = self.scores(query, within)
            return best_of(scores, end), set(scores)
        ranked: list[tuple[float, int]] = []
        matches: set[int] = set()
        for segment, offset in self._segments(within):
            best, found = segment.best(query, words, end)
            ranked.extend((score, docnum + offset) for score, docnum in best)
            matches.update(map(offset.__add__, found) if offset else found)
        ranked.sort(key=_best_first_ranked)
        return ranked[:end], matches

    def _segments(self, within: set[int] | None) -> Iterator[tuple[_Segment, int]]:
        """Each segment to score (with the filters' documents it holds, numbered within it) and its offset."""
        context = self._searcher.context()
        for number, (searcher, offset) in enumerate(self._searcher.leaf_searchers()):
            allowed = None
            if within is not None:
                end = offset + searcher.reader().doc_count_all()
                allowed = set(map((-offset).__add__, filter(range(offset, end).__contains__, within))) \
                    if offset else within
            yield _Segment(self, number, searcher, context, allowed), offset

    def phrase_scores(self, phrase: ExactPhrase, context=None) -> Scores | None:
        """docnum -> unboosted score of each document of an atomic searcher the phrase matches; None when its
        postings are not ones this module reads (then Whoosh's own phrase matcher has to)."""
        return _Segment(self, 0, self._searcher, context or self._searcher.context(), None).phrase(phrase)

    def block_table(self, number: int, reader, field: str, text: bytes) -> BlockTable | None:
        """Where a term's posting blocks are in a segment's postings file (read from their headers on first use,
        kept for up to BLOCKS_KEPT blocks); None for postings read otherwise (a rare term's inlined postings)."""
        key = (number, field, text)
        if key not in self._tables:
            table = BlockTable.read(reader, field, text)
            blocks = len(table) if table is not None else 0
            if self._blocks_kept + blocks > BLOCKS_KEPT:
                self._tables.clear()
                self._blocks_kept = 0
            self._tables[key] = table
            self._blocks_kept += blocks
        return self._tables[key]

    def lengths(self, number: int, reader, field: str) -> bytes | None:
        """One byte per document of a segment: its length in `field`, encoded as Whoosh stores it."""
        key = (number, field)
        if key not in self._lengths:
            column = reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)  # noqa: SLF001
            raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""  # noqa: SLF001
            self._lengths[key] = raw.ljust(reader.doc_count_all(), b"\0")
        return self._lengths[key]

    def saturation(self, scorer: BM25FScorer) -> Saturation:
        """The saturation table of a field's BM25F scorers (they share avgfl, B and K1)."""
        key = (scorer.avgfl, scorer.B, scorer.K1)
        table = self._saturations.get(key)
        if table is None:
            table = self._saturations[key] = Saturation(*key)
        return table


class BlockTable:
    """A term's posting blocks in one segment: where each block's data is in the postings file and the last
    document it holds. Whoosh reads a block's header (a pickle) each time it passes the block; with the table
    the blocks a search needs are read, decompressed and unpickled in C-level map calls."""

    def __init__(self, postings_file: int, last_ids: array, starts: array, lengths: array):
        self._file = postings_file
        self._last_ids, self._starts, self._lengths = last_ids, starts, lengths

    def __len__(self) -> int:
        return len(self._last_ids)

    @classmethod
    def read(cls, reader, field: str, text: bytes) -> BlockTable | None:
        """The term's table, from its blocks' headers; None unless its postings are whole compressed W3 blocks
        in a file of their own, on a system with pread."""
        terms = getattr(reader, "_terms", None)
        if not hasattr(os, "pread"):
            return None
        try:
            postings_file = terms._postfile.file.fileno()  # noqa: SLF001
        except (AttributeError, OSError, ValueError):
            return None
        matcher = terms.matcher(field, text, reader.schema[field].format)
        if type(matcher) is not W3LeafMatcher:
            return None
        last_ids, starts, lengths = array("q"), array("q"), array("q")
        while matcher.is_active():
            if not matcher._compression:  # noqa: SLF001 - searchkit's writer compresses every block
                return None
            last_ids.append(matcher._maxid)  # noqa: SLF001
            starts.append(matcher._dataoffset)  # noqa: SLF001
            lengths.append(matcher._nextoffset - matcher._dataoffset)  # noqa: SLF001
            matcher._next_block()  # noqa: SLF001
        return cls(postings_file, last_ids, starts, lengths)

    def postings(self, values: bool, only: list[int] | None, deleted: set[int]) -> tuple[list, list, list]:
        """(docnums, weights, encoded values when asked) of the term's postings, deleted documents left out; with
        `only` (sorted docnums), blocks holding none of those are not read (other documents' postings of the
        blocks read are returned too)."""
        starts, lengths = self._starts, self._lengths
        if only is not None:
            reached = list(map(bisect_right, repeat(only), self._last_ids))  # how many of `only` each block ends past
            holds = list(map(gt, reached, chain((0,), reached)))
            starts, lengths = compress(starts, holds), compress(lengths, holds)
        blocks = list(map(pickle.loads, map(zlib.decompress, map(os.pread, repeat(self._file), lengths, starts))))
        ids = list(chain.from_iterable(map(accumulate, map(itemgetter(0), blocks))))
        weights = list(chain.from_iterable(map(_block_weights, blocks)))
        encoded = list(chain.from_iterable(map(itemgetter(2), blocks))) if values else []
        if deleted:
            return _kept(map(not_, map(deleted.__contains__, ids)), ids, weights, encoded)
        return ids, weights, encoded


def _block_weights(block: tuple) -> Iterable[float]:
    """A block's weights as W3 writes them: None when all are 1, one number when all are the same."""
    weights = block[1]
    if weights is None:
        return repeat(1.0, len(block[0]))
    if not isinstance(weights, (tuple, list)):
        return repeat(weights, len(block[0]))
    return weights


class Saturation(dict):
    """(weight, length byte) -> the part of Whoosh's BM25F score after the idf, computed on first use.

    whoosh.scoring.bm25 returns idf * (this expression), so idf * table[weight, byte] is its score exactly.
    """

    def __init__(self, avgfl: float, B: float, K1: float):  # noqa: N803 - BM25's own names
        super().__init__()
        self.avgfl, self.B, self.K1 = avgfl, B, K1

    def __missing__(self, key: tuple[float, int]) -> float:
        tf, fl = key[0], byte_to_length(key[1])
        B, K1, avgfl = self.B, self.K1, self.avgfl  # noqa: N806
        value = self[key] = (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))
        return value


class _Segment:
    def __init__(self, owner: PostingScorer, number: int, searcher, context, allowed: set[int] | None):
        self.owner = owner
        self.allowed = allowed  # the filters' documents; None: all
        self._sorted_allowed: list[int] | None = None
        self.number = number
        self.searcher = searcher
        self.reader = searcher.reader()
        self.context = context
        # While ranking the best matches (best()): each term's decoded postings, and the only documents to score.
        self._decoded: dict[tuple[str, str], tuple] = {}
        self._candidates: set[int] | None = None

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
            found = self.scores(query.a)
            return _only(found, found.keys() - excluded.keys())
        elif kind is ExactPhrase and (phrase := self.phrase(query)) is not None:
            found = phrase
        elif kind in (wq.Or, wq.And) and len(query.subqueries) == 1:
            return self.scores(query.subqueries[0])  # Whoosh uses the only child's matcher, boost and all
        else:
            return self._matched(query)
        if query.boost != 1.0:
            return dict(zip(found.keys(), map(mul, found.values(), repeat(query.boost)), strict=True))
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
        summed = active[0]
        for word in active[1:]:
            summed = _union(summed, word)
        matched = Counter(chain.from_iterable(active))  # how many of the words each document holds
        count = len(words)
        shares = [coordination(k, count) for k in range(count + 1)]
        boosted = map(mul, summed.values(), repeat(query.boost))
        share = map(shares.__getitem__, map(matched.__getitem__, summed))
        return dict(zip(summed.keys(), map(mul, boosted, share), strict=True))

    def _term(self, term: wq.Term) -> Scores:
        read = self._read(term.fieldname, term.text)
        if read is None:
            return self._matched(wq.Term(term.fieldname, term.text))  # unboosted: the caller applies the boost
        return read

    def _read(self, field: str, word: str) -> Scores | None:
        """docnum -> the term's score, from whole posting blocks; None when Whoosh would not score it with
        BM25F."""
        postings = self._decoded.get((field, word)) or self._decode(field, word)
        if postings is None:
            return None
        ids, weights, scorer = postings
        if scorer is None:
            return {}
        if self._candidates is not None:
            ids, weights = _kept(map(self._candidates.__contains__, ids), ids, weights)
        self.owner.postings_scored += len(ids)
        lengths = self.owner.lengths(self.number, self.reader, field)
        saturation = self.owner.saturation(scorer)
        keys = zip(weights, map(lengths.__getitem__, ids), strict=True)
        return dict(zip(ids, map(mul, repeat(scorer.idf), map(saturation.__getitem__, keys)), strict=True))

    def _decode(self, field: str, word: str) -> tuple[list[int], list, BM25FScorer | None] | None:
        """(docnums, weights, scorer) of a term's postings in the filters' documents (no scorer: the term is not
        in this segment); None when Whoosh would not score it with BM25F."""
        if field not in self.searcher.schema:
            return [], [], None
        try:
            text = self.searcher.schema[field].to_bytes(word)
        except ValueError:
            return [], [], None
        if (field, text) not in self.reader:
            return [], [], None
        scorer = self.context.weighting.scorer(self.searcher, field, text)
        if type(scorer) is not BM25FScorer:
            return None
        ids, weights, _values = self._live_postings(field, text, False, scorer, self._allowed_in_order())
        self.owner.postings_read += len(ids)
        if self.allowed is not None:
            ids, weights = _kept(map(self.allowed.__contains__, ids), ids, weights)
        return ids, weights, scorer

    def best(self, query: wq.Query, words: SummedWords, end: int) -> tuple[list[tuple[float, int]], set[int]]:
        """(score, docnum) of this segment's `end` best matches of a sum of words, and every match.

        Terms are taken in turn, highest bound first, as the source of candidates, until no document outside
        them can reach the candidates' end-th exact score: its score is at most the other terms' bounds
        summed (times the all-words share of their words), and it must fall below that score, not tie it.
        """
        terms = [(position, term, multiplier) for position, word in enumerate(words) for term, multiplier in word]
        self._decoded = {(term.fieldname, term.text): self._decode(term.fieldname, term.text) for _p, term, _m in terms}
        try:
            if None in self._decoded.values():  # a term Whoosh does not score with BM25F
                scores = self.scores(query)
                return best_of(scores, end), set(scores)
            matches = set().union(*(ids for ids, _weights, _scorer in self._decoded.values()))
            bounds = []  # (highest score the term can add to a document, its word, its documents)
            for position, term, multiplier in terms:
                ids, _weights, scorer = self._decoded[term.fieldname, term.text]
                if scorer is not None:
                    bounds.append((multiplier * scorer.max_quality(), position, ids))
            bounds.sort(key=itemgetter(0), reverse=True)
            share = coordination if type(query) is AllWordsOr else _whole
            candidates: set[int] = set()
            best: list[tuple[float, int]] = []
            for taken, (_bound, _position, ids) in enumerate(bounds, 1):
                candidates.update(ids)
                rest = bounds[taken:]
                if rest and len(candidates) < end:
                    continue
                self._candidates = candidates if rest else None
                best = best_of(self.scores(query), end)
                outside = share(len({position for _bound, position, _ids in rest}), len(words)) \
                    * sum(bound for bound, _position, _ids in rest)
                if not rest or (len(best) == end and outside * (1 + BOUND_MARGIN) < best[-1][0]):
                    break
            return best, matches
        finally:
            self._decoded, self._candidates = {}, None

    def phrase(self, phrase: ExactPhrase) -> Scores | None:
        """docnum -> unboosted score of the documents where the phrase's words follow each other: the sum of
        the words' BM25F scores in the order Whoosh's phrase matcher adds them; None when the phrase or its
        postings are not ones read here."""
        field = phrase.fieldname
        schema = self.searcher.schema
        if phrase.slop != 1 or field not in schema or not schema[field].format \
                or not schema[field].format.supports("positions"):
            return None
        texts = [schema[field].to_bytes(word) for word in phrase.words]
        if any((field, text) not in self.reader for text in texts):
            return {}
        scorers = {text: self.context.weighting.scorer(self.searcher, field, text) for text in texts}
        if any(type(scorer) is not BM25FScorer for scorer in scorers.values()):
            return None
        candidates = self.allowed
        only = self._allowed_in_order()
        weights_of: dict[bytes, dict[int, float]] = {}
        encoded_of: dict[bytes, dict[int, bytes]] = {}
        for text in sorted(scorers, key=lambda text: self.reader.doc_frequency(field, text)):  # rarest first
            ids, weights, encoded = self._live_postings(field, text, True, scorers[text], only)
            self.owner.postings_read += len(ids)
            if candidates is None:
                candidates = set(ids)
            else:  # only the candidates' postings are kept: a common word's others are never looked at again
                candidates = candidates.intersection(ids)
                ids, weights, encoded = _kept(map(candidates.__contains__, ids), ids, weights, encoded)
            if not candidates:
                return {}
            weights_of[text] = dict(zip(ids, weights, strict=True))
            encoded_of[text] = dict(zip(ids, encoded, strict=True))
            only = sorted(candidates)
        self.owner.phrase_candidates += len(candidates)
        matched = _in_order(sorted(candidates), [encoded_of[text] for text in texts], _positions_decoder(schema[field]))
        lengths = list(map(self.owner.lengths(self.number, self.reader, field).__getitem__, matched))
        columns = []
        for text in texts:  # each word's BM25F scores, idf * saturation(weight, length) as in _read
            keys = zip(map(weights_of[text].__getitem__, matched), lengths, strict=True)
            saturations = map(self.owner.saturation(scorers[text]).__getitem__, keys)
            columns.append(list(map(mul, repeat(scorers[text].idf), saturations)))
        return dict(zip(matched, _tree_sum(columns), strict=True))

    def _live_postings(self, field: str, text: bytes, values: bool, scorer, only: list[int] | None) -> tuple[list, ...]:
        """live_postings, read through the term's block table when it has one."""
        table = self.owner.block_table(self.number, self.reader, field, text)
        if table is None:
            return live_postings(self.reader, field, text, values, scorer, only)
        return table.postings(values, only, self.reader.deleted_docs_set)

    def _allowed_in_order(self) -> list[int] | None:
        """The filters' documents in order when they are few enough for skipping posting blocks to pay."""
        if self.allowed is None or len(self.allowed) * SKIP_BELOW_SHARE > self.reader.doc_count_all():
            return None
        if self._sorted_allowed is None:
            self._sorted_allowed = sorted(self.allowed)
        return self._sorted_allowed

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


def _summed_terms(query: wq.Query) -> SummedWords | None:
    """The words of a query scored as a sum of its terms' scores (a word in several fields, or an OR of such
    words with the all-words share), each term with the boosts its score is multiplied by; None for any
    other query."""
    if type(query) is AllWordsOr:
        words = [_one_word(child, query.boost) for child in query.subqueries]
        return None if None in words else words
    word = _one_word(query, 1.0)
    return None if word is None else [word]


def _one_word(query: wq.Query, boost: float) -> list[tuple[wq.Term, float]] | None:
    """A word's terms (one term, or an OR of terms) with their boosts, as _Segment.scores applies them."""
    kind = type(query)
    if kind is wq.Or and len(query.subqueries) == 1:
        return _one_word(query.subqueries[0], boost)  # scored as its only child, boost and all
    if kind is wq.Term:
        terms = [(query, boost * query.boost)]
    elif kind is wq.Or and not query.scale and not query.minmatch \
            and all(type(child) is wq.Term for child in query.subqueries):
        terms = [(child, boost * query.boost * child.boost) for child in query.subqueries]
    else:
        return None
    return terms if all(multiplier > 0 for _term, multiplier in terms) else None


def _whole(_matched: int, _words: int) -> float:
    """The share of a sum of one word's terms: all of it."""
    return 1.0


def best_of(scores: Scores, end: int) -> list[tuple[float, int]]:
    """(score, docnum) of the `end` best-scoring documents, best first; equal scores in index order."""
    if len(scores) > end:
        best = heapq.nlargest(end, scores.items(), key=itemgetter(1))
        cut = best[-1][1]
        if list(scores.values()).count(cut) > sum(1 for _docnum, score in best if score == cut):
            # Documents left out score the same as the last one kept: all of them compete by index order.
            best = [(docnum, score) for docnum, score in scores.items() if score >= cut]
        chosen = best
    else:
        chosen = list(scores.items())
    chosen.sort(key=_best_first)
    return [(score, docnum) for docnum, score in chosen[:end]]


def _best_first(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def _best_first_ranked(item: tuple[float, int]) -> tuple[float, int]:
    return -item[0], item[1]


def live_postings(reader, field: str, text: bytes, values: bool = False, scorer=None,
                  only: list[int] | None = None) -> tuple[list, ...]:
    """(docnums, weights, encoded values when asked) of a segment's postings of a term, deleted documents left
    out, decoded a block at a time (a rare term's few postings, inlined in its dictionary entry, one at a
    time). `only` (sorted docnums) lets blocks holding none of those documents be skipped; postings of other
    documents may still be returned."""
    matcher = reader.postings(field, text, scorer=scorer)
    deleted = None
    leaf = matcher
    if type(leaf) is FilterMatcher and leaf._exclude:  # noqa: SLF001 - deleted documents
        leaf, deleted = leaf.child, leaf._ids  # noqa: SLF001
    if type(leaf) is not W3LeafMatcher:
        ids, weights, encoded = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                encoded.append(matcher.value())
            matcher.next()
        return ids, weights, encoded
    ids, weights, encoded = _postings(leaf, values, only)
    if deleted:
        ids, weights, encoded = _kept(map(not_, map(deleted.__contains__, ids)), ids, weights, encoded)
    return ids, weights, encoded


def _postings(matcher: W3LeafMatcher, values: bool, only: list[int] | None) -> tuple[list, list, list]:
    """(docnums, weights, encoded values when asked) of every posting from the matcher's place on, decoded a
    block at a time; with `only` (sorted docnums), blocks holding none of those are skipped undecoded (a
    block's header names its last docnum)."""
    ids, weights, encoded = [], [], []
    skip = matcher._i  # noqa: SLF001 - a filtering wrapper may have stepped past the first postings
    first = 0  # no docnum of this block is below it
    while matcher.is_active():
        last = matcher._maxid  # noqa: SLF001
        if only is not None and bisect_left(only, first) == bisect_right(only, last):
            first = last + 1
            skip = 0
            matcher._next_block()  # noqa: SLF001
            continue
        first = last + 1
        if matcher._data is None:  # noqa: SLF001
            matcher._read_data()  # noqa: SLF001
        block = matcher._data  # noqa: SLF001 - (docnum deltas, weights, encoded values)
        ids.append(islice(accumulate(block[0]), skip, None))
        weights.append(islice(_block_weights(block), skip, None))
        if values:
            encoded.append(islice(block[2], skip, None))
        skip = 0
        matcher._next_block()  # noqa: SLF001
    return list(chain.from_iterable(ids)), list(chain.from_iterable(weights)), list(chain.from_iterable(encoded))


def _positions_decoder(field) -> Callable[[list[bytes]], Iterable[Iterable[int]]]:
    """Many postings' encoded values -> their positions, in one go when the field's format can."""
    many = getattr(field.format, "positions_of_many", None)
    if many is not None:
        return many
    decode = field.format.decoder("positions")
    return lambda values: map(decode, values)


def _in_order(candidates: list[int], encoded: list[dict[int, bytes]], decode_many) -> list[int]:
    """The candidates where some position p of the first word has the second word at p+1, the third at p+2,
    ...: those where the first word's positions meet the k-th word's positions less k, for every k. Each
    word's positions are decoded only for the candidates the words before it left."""
    starts = list(map(set, decode_many(list(map(encoded[0].__getitem__, candidates)))))
    for step, word in enumerate(encoded[1:], 1):
        positions = decode_many(list(map(word.__getitem__, candidates)))
        shifted = map(map, repeat(sub), positions, repeat(repeat(step)))
        starts = list(map(set.intersection, starts, shifted))
        candidates, starts = _kept(starts, candidates, starts)
    return list(compress(candidates, starts))


def _tree_sum(columns: list[list[float]]) -> list[float]:
    """Each row's sum in the order Whoosh's phrase matcher adds its words' scores (a balanced binary tree)."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    return list(map(add, _tree_sum(columns[:half]), _tree_sum(columns[half:])))


def _kept(keep, *columns: list) -> tuple[list, ...]:
    """The columns' entries where keep is true."""
    keep = list(keep)
    return tuple(list(compress(column, keep)) if column else column for column in columns)


def _first_two(entry: tuple) -> tuple:
    return entry[0], entry[1]


def _union(a: Scores, b: Scores) -> Scores:
    """Every document of a or b; one in both scores a's plus b's, as Whoosh's union matcher adds them."""
    summed = a | b
    both = a.keys() & b.keys()
    summed.update(zip(both, map(add, map(a.__getitem__, both), map(b.__getitem__, both)), strict=True))
    return summed


def _only(scores: Scores, docs) -> Scores:
    """The scores of the given documents (each one scored)."""
    return dict(zip(docs, map(scores.__getitem__, docs), strict=True))


def _intersection(a: Scores, b: Scores) -> Scores:
    both = a.keys() & b.keys()
    return dict(zip(both, map(add, map(a.__getitem__, both), map(b.__getitem__, both)), strict=True))
