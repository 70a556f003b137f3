"""The query tree compiled to Whoosh queries, and the filters' Whoosh queries.

The tree is written back as Whoosh query syntax (it keeps the user's order and grouping) and read by
Whoosh's parser, whose plugins give each field its analysis: stemmed headline and body with stop words
removed, phrases on the exact words' terms of the same fields, officials as whole names.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher, UnionMatcher, WrappingMatcher
from whoosh.qparser import (
    FieldAliasPlugin,
    MultifieldPlugin,
    OrGroup,
    PhrasePlugin,
    PlusMinusPlugin,
    QueryParser,
    SingleQuotePlugin,
    syntax,
)
from whoosh.qparser.common import attach
from whoosh.qparser.plugins import Plugin

from searchkit.engines.whoosh_schema import (
    EXACT,
    EXACT_MARK,
    OFFICIAL_NAMES,
    PATH_PARTS,
    exact_word,
    metadata_field,
    phrase_terms,
)
from searchkit.errors import QueryError
from searchkit.query import SEARCHED_FIELDS, Group, Operator, Phrase, Qualifier, QualifierFilter, Word
from searchkit.snippets import HighlightTerms

# Tuned on Reuters-21578 topics (bench/bench_relevance.py): 2.0 to 2.5 scored alike; 1.0 loses headline wins.
FIELD_BOOSTS = {"headline": 2.0, "body": 1.0, "officials": 1.5}
PHRASE_FIELDS = {"headline", "body"}  # their phrases are matched on exact words (whoosh_schema.StemmedText)
# A document matching k of a query's n words scores (k/n) ** ALL_WORDS_EXPONENT of its BM25F score, so
# documents with every word come first and those missing one still follow.
ALL_WORDS_EXPONENT = 2.0
# filter key -> the index field it filters on
FILTER_FIELDS = {"official": "officials", "source": "source"}


class ExactPhrase(wq.Phrase):
    def normalize(self):
        if len(self.words) == 1 and not self.words[0].startswith(EXACT_MARK):
            # A one-word phrase whose word is its own stem: the stem's term also counts other forms ("rates"),
            # only its positions say where this exact word is.
            return self
        return super().normalize()

    def matcher(self, searcher, context=None):
        """The documents and scores of Whoosh's own phrase matcher (for searches Whoosh collects, such as those
        sorted by date), found as whoosh_ranking finds them: intersecting the words' documents first and
        decoding positions only where every word is."""
        from searchkit.engines.whoosh_ranking import PostingScorer  # noqa: PLC0415 - that module imports this one

        scores = PostingScorer(searcher).phrase_scores(self, context) if searcher.is_atomic() else None
        if scores is None:
            return super().matcher(searcher, context)
        if not scores:
            return NullMatcher()
        matched = sorted(scores)
        return _ScoredDocs(matched, [scores[docnum] * self.boost for docnum in matched])


class _ScoredDocs(ListMatcher):
    """Matched documents with their scores worked out already."""

    def __init__(self, docnums: list[int], scores: list[float]):
        super().__init__(docnums)
        self._scores = scores

    def copy(self):
        copied = _ScoredDocs(self._ids, self._scores)
        copied._i = self._i
        return copied

    def score(self):
        return self._scores[self._i]


class _ExactPhraseNode(PhrasePlugin.PhraseNode):
    def query(self, parser):
        phrase = ExactPhrase(self.fieldname, phrase_terms(self.text), slop=self.slop, boost=self.boost)
        return attach(phrase, self)


class _ExactPhrasesPlugin(Plugin):
    """Match phrases in headline/body on their exact words, not their stems."""

    def filters(self, parser):
        return [(self._to_exact, 120)]  # after MultifieldPlugin (110) has named each node's field

    def _to_exact(self, parser, group):
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self._to_exact(parser, node)
            elif type(node) is PhrasePlugin.PhraseNode and node.fieldname in PHRASE_FIELDS:
                node.__class__ = _ExactPhraseNode  # same state, exact-word terms
        return group


class _NestedPlusMinusPlugin(PlusMinusPlugin):
    """+word and -word inside parentheses too (`volcker (rates -bank)`): Whoosh's own plugin sorts only
    the top-level group and leaves the marks of an inner group for the query builder, which fails on them."""

    def do_plusminus(self, parser, group):
        return super().do_plusminus(parser, self._sort_inner_groups(parser, group))

    def _sort_inner_groups(self, parser, group):
        for position, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                node = self._sort_inner_groups(parser, node)
                if any(isinstance(child, (self.Plus, self.Minus)) for child in node):
                    sorted_node = super().do_plusminus(parser, node)
                    sorted_node.boost = node.boost
                    node = sorted_node
                group[position] = node
        return group


def make_parser(schema) -> QueryParser:
    parser = QueryParser(None, schema, group=OrGroup)
    parser.remove_plugin_class(SingleQuotePlugin)  # apostrophes belong to names like O'Connor
    parser.add_plugins(
        [
            MultifieldPlugin(SEARCHED_FIELDS, fieldboosts=FIELD_BOOSTS),
            _NestedPlusMinusPlugin(),
            FieldAliasPlugin({"officials": ["official"]}),
            _ExactPhrasesPlugin(),
        ]
    )
    return parser


def compile_words(tree: Group, parser: QueryParser, text: str) -> wq.Query:
    """The Whoosh query for the words of a query (text is what the user typed, for error messages)."""
    try:
        whoosh_text = render(tree, top=True)
        parsed = _negations_exclude(_reward_all_words(parser.parse(whoosh_text, normalize=False)).normalize())
    except Exception as exc:  # noqa: BLE001 - Whoosh's parser fails on operator soup in many ways
        raise QueryError(f"cannot read the query {text!r} ({type(exc).__name__}); check its operators") from None
    if parsed is wq.NullQuery or isinstance(parsed, wq.NullQuery.__class__):
        raise QueryError(f"query {text!r} has no searchable words (only operators or stop words)")
    return parsed


def render(node, top: bool = False) -> str:
    """The tree as Whoosh query syntax (the whole query's group is written without brackets)."""
    if isinstance(node, Word):
        return _fielded(node.field, node.text)
    if isinstance(node, Phrase):
        return _fielded(node.field, f'"{node.text}"')
    if isinstance(node, Operator):
        if node.kind == "NOT":
            return "NOT " + render(node.operands[0])
        return f" {node.kind} ".join(render(operand) for operand in node.operands)
    items = [
        *("+" + render(item) for item in node.required),
        *(render(item) for item in node.optional),
        *("-" + render(item) for item in node.banned),
    ]
    return " ".join(items) if top else _fielded(node.field, "(" + " ".join(items) + ")")


def _fielded(field_name: str | None, text: str) -> str:
    return f"{field_name}:{text}" if field_name else text


def filter_query(qualifier_filter: QualifierFilter) -> wq.Query:
    """The documents one qualifier filter accepts (before its exclusion is applied)."""
    queries = [qualifier_query(option) for option in qualifier_filter.options]
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def qualifier_query(qualifier: Qualifier) -> wq.Query:
    """The Whoosh query for one `key:value` filter."""
    index_field = FILTER_FIELDS.get(qualifier.key) or metadata_field(qualifier.key)
    if index_field == "officials":
        key = ",".join(token.text for token in OFFICIAL_NAMES(qualifier.value))
        return wq.Prefix(index_field, key) if qualifier.prefix else wq.Term(index_field, key)
    analyzer = PATH_PARTS if index_field == "source" else EXACT
    tokens = [token.text for token in analyzer(qualifier.value)]
    if not tokens:
        raise QueryError(f"{qualifier.key}:{qualifier.value!r} has nothing to search for")
    terms: list[wq.Query] = [wq.Term(index_field, token) for token in tokens]
    if qualifier.prefix:
        terms[-1] = wq.Prefix(index_field, tokens[-1])
    if len(terms) == 1:
        return terms[0]
    # Metadata fields keep positions, so "Roger Harrabin" is a phrase there; path parts are simply all required.
    if index_field != "source" and not qualifier.prefix:
        return wq.Phrase(index_field, tokens)
    return wq.And(terms)


class AllWordsOr(wq.Or):
    """An OR over the query's words that scores documents matching more of the words higher.

    Whoosh's own coordination bonus counts index terms (one per field), not words, and adds too little
    to change a ranking; normalizing a plain OR would also flatten each word's per-field OR into it.
    """

    def matcher(self, searcher, context=None):
        words = [query.matcher(searcher, context) for query in self.subqueries]
        active = [matcher for matcher in words if matcher.is_active()]
        if not active:
            return NullMatcher()
        union = active[0]
        for matcher in active[1:]:
            union = UnionMatcher(union, matcher)
        return _AllWordsMatcher(union, active, len(words), self.boost)


class _AllWordsMatcher(WrappingMatcher):
    """Scales each document's score by the share of the query's words it matches."""

    def __init__(self, child, words, word_count: int, boost: float = 1.0):
        super().__init__(child, boost=boost)
        self._words = words
        self._word_count = word_count

    def _replacement(self, newchild):
        return self.__class__(newchild, self._words, self._word_count, self.boost)

    def replace(self, minquality=0):
        # Replacing sub-matchers would leave self._words pointing at stale ones.
        return self if self.is_active() else NullMatcher()

    def score(self):
        current = self.child.id()
        matched = sum(1 for word in self._words if word.is_active() and word.id() == current)
        return self.child.score() * self.boost * coordination(matched, self._word_count)


def coordination(matched: int, words: int) -> float:
    """The share of its score a document keeps when it holds `matched` of a query's `words` words."""
    return (matched / words) ** ALL_WORDS_EXPONENT


def _reward_all_words(node: wq.Query) -> wq.Query:
    if node.is_leaf():
        return node
    node = node.apply(_reward_all_words)
    if type(node) is wq.Or and not _one_word_in_many_fields(node):
        return AllWordsOr(node.subqueries, boost=node.boost)
    return node


def _one_word_in_many_fields(node: wq.Or) -> bool:
    fields = [child.field() for child in node.subqueries]
    return all(child.is_leaf() for child in node.subqueries) and len(set(fields)) == len(fields)


def _negations_exclude(node: wq.Query) -> wq.Query:
    """Make `a NOT b` mean a-and-not-b: in an OR group Whoosh would read it as a-or-anything-without-b."""
    if node.is_leaf():
        return node
    node = node.apply(_negations_exclude)
    if not isinstance(node, wq.Or):
        return node
    excluded = [child.query for child in node.subqueries if isinstance(child, wq.Not)]
    kept = [child for child in node.subqueries if not isinstance(child, wq.Not)]
    if not excluded or not kept:
        return node
    positive = kept[0] if len(kept) == 1 else type(node)(kept, boost=node.boost)
    negative = excluded[0] if len(excluded) == 1 else wq.Or(excluded)
    return wq.AndNot(positive, negative)


def highlight_terms(query: wq.Query) -> HighlightTerms:
    terms = HighlightTerms()
    _collect(query, terms)
    return terms


def _collect(node: wq.Query, terms: HighlightTerms) -> None:
    if isinstance(node, wq.Not):
        return  # excluded words are never highlighted
    if isinstance(node, wq.AndNot):
        _collect(node.a, terms)
        return
    if isinstance(node, wq.Phrase):
        if node.fieldname in PHRASE_FIELDS:
            terms.phrases.append([exact_word(str(w)) for w in node.words])
        return
    if isinstance(node, (wq.Prefix, wq.Wildcard)):
        if node.fieldname in PHRASE_FIELDS:
            terms.prefixes.add(str(node.text).rstrip("*?"))
        return
    if isinstance(node, wq.Term):
        if node.fieldname in PHRASE_FIELDS and str(node.text).startswith(EXACT_MARK):
            terms.phrases.append([exact_word(str(node.text))])  # a one-word phrase of an exact form
        elif node.fieldname in PHRASE_FIELDS:
            terms.stems.add(str(node.text))
        return
    if node.is_leaf():
        return
    for child in node.children():
        _collect(child, terms)
