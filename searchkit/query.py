"""Query text -> Whoosh query: the query language users type, and the terms snippets highlight.

Words prefer documents with all of them (an OR group that rewards each extra match), "phrases" match
unstemmed text, AND/OR/NOT/-word/parentheses/word* work as in other search boxes. A hyphen inside a word
joins it (`G-7` is the phrase "G-7", as Lucene's standard analyzer reads it); only a `-` opening a word
excludes. `headline:` and `body:` choose where a word is searched; every other qualifier (`official:`,
`source:`, `topic:`, `date:` ...) filters the whole query wherever it stands, as in Gmail or GitHub search:
`-qualifier:value` excludes and `a:x OR b:y` accepts either. Dates are read with searchkit's own parser,
because Whoosh's date plugin misreads ISO dates inside ranges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from whoosh import query as wq
from whoosh.matching import NullMatcher, UnionMatcher, WrappingMatcher
from whoosh.qparser import (
    FieldAliasPlugin,
    MultifieldPlugin,
    OrGroup,
    PlusMinusPlugin,
    QueryParser,
    SingleQuotePlugin,
    syntax,
)
from whoosh.qparser.plugins import Plugin

from searchkit.article import METADATA_KEYS
from searchkit.dates import parse_range
from searchkit.errors import DateParseError, QueryError
from searchkit.schema import EXACT, OFFICIAL_NAMES, PATH_PARTS, metadata_field

MAX_QUERY_CHARS = 2000
# Qualifiers that filter the whole query: the name users type -> the index field it filters on.
FILTER_FIELDS = {
    "official": "officials",
    "source": "source",
    **{key: metadata_field(key) for key in METADATA_KEYS},
    # Other names people reach for first.
    "officials": "officials",
    "tag": metadata_field("topic"),
    "tags": metadata_field("topic"),
    "topics": metadata_field("topic"),
    "category": metadata_field("section"),
    "byline": metadata_field("author"),
    "places": metadata_field("place"),
    "people": metadata_field("person"),
    "orgs": metadata_field("org"),
    "exchanges": metadata_field("exchange"),
    "lang": metadata_field("language"),
}
DATE_FIELDS = {"date": "published", "mentioned": "mentioned"}
# field name users type -> what it does; headline: and body: choose where words are searched.
USER_FIELDS = ("headline", "body", *DATE_FIELDS, *FILTER_FIELDS)
SEARCHED_FIELDS = ("headline", "body", "officials")
# Tuned on Reuters-21578 topics (bench/bench_relevance.py): 2.0 to 2.5 scored alike; 1.0 loses headline wins.
FIELD_BOOSTS = {"headline": 2.0, "body": 1.0, "officials": 1.5}
EXACT_FIELDS = {"headline": "headline_exact", "body": "body_exact"}
# A document matching k of a query's n words scores (k/n) ** ALL_WORDS_EXPONENT of its BM25F score, so
# documents with every word come first and those missing one still follow.
ALL_WORDS_EXPONENT = 2.0

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_QUOTED = re.compile(r'"[^"]*"?')
_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_]\w*):(?=\S)")
_DATE_TERM = re.compile(r"(?<![\w\"])(date|mentioned):(\[[^\]]*\]?|\"[^\"]*\"?|\S+)", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"(?<![\w\"'])(-?)(" + "|".join(sorted(FILTER_FIELDS, key=len, reverse=True)) + r'):("[^"]*"?|[^\s()]+)',
    re.IGNORECASE,
)
_OR_BETWEEN = re.compile(r"\s+OR\s+")
_DANGLING = re.compile(r"^\s*(?:(?:AND|OR)\s+)+|(?:\s+(?:AND|OR|NOT))+\s*$")
# A word with a hyphen between two of its characters ("G-7", "al-Naimi", "year-on-year"), outside quotes.
_HYPHENATED = re.compile(r'(?<![\w"*?])(?<!\w-)(\w+(?:-\w+)+)(?![\w"*?-])')


@dataclass
class DateFilter:
    field: str  # "published" or "mentioned"
    start: date | None
    end: date | None


@dataclass(frozen=True)
class QualifierFilter:
    """A `field:value` filter (or several joined by OR); exclude for `-field:value`."""

    query: wq.Query
    exclude: bool = False

    @property
    def key(self) -> tuple:
        return ("qualifier", repr(self.query), self.exclude)


@dataclass
class ParsedQuery:
    text: str
    query: wq.Query  # Every() when the text holds only filters
    date_filters: list[DateFilter] = field(default_factory=list)
    has_words: bool = False
    filters: list[QualifierFilter] = field(default_factory=list)


class _ExactPhrasesPlugin(Plugin):
    """Send phrases in headline/body to the unstemmed copies of those fields."""

    def filters(self, parser):
        return [(self._to_exact, 120)]  # after MultifieldPlugin (110) has named each node's field

    def _to_exact(self, parser, group):
        for node in group:
            if isinstance(node, syntax.GroupNode):
                self._to_exact(parser, node)
            elif type(node).__name__ == "PhraseNode" and node.fieldname in EXACT_FIELDS:
                node.set_fieldname(EXACT_FIELDS[node.fieldname], override=True)
        return group


def make_parser(schema) -> QueryParser:
    parser = QueryParser(None, schema, group=OrGroup)
    parser.remove_plugin_class(SingleQuotePlugin)  # apostrophes belong to names like O'Connor
    parser.add_plugins(
        [
            MultifieldPlugin(SEARCHED_FIELDS, fieldboosts=FIELD_BOOSTS),
            PlusMinusPlugin(),
            FieldAliasPlugin({"officials": ["official"]}),
            _ExactPhrasesPlugin(),
        ]
    )
    return parser


def parse_query(text: str, parser: QueryParser, *, reference: date, dayfirst: bool = False) -> ParsedQuery:
    """Read the user's query text; raise QueryError/DateParseError with a one-line reason."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are accepted")
    # An undecodable byte in argv arrives as a lone surrogate, which Whoosh cannot encode.
    cleaned = _CONTROL.sub(" ", text).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    _check_fields(cleaned)
    date_filters: list[DateFilter] = []

    def take_date_term(match: re.Match) -> str:
        name, value = match.group(1).lower(), match.group(2).strip('"')
        try:
            start, end = parse_range(value, reference=reference, dayfirst=dayfirst)
        except DateParseError as exc:
            raise DateParseError(f"{name}:{match.group(2)}: {exc}") from None
        date_filters.append(DateFilter(DATE_FIELDS[name], start, end))
        return " "

    words = _DATE_TERM.sub(take_date_term, cleaned)
    words, filters = _take_qualifiers(words)
    words = _DANGLING.sub(" ", words)
    words = _FIELD_PREFIX.sub(lambda m: m.group(1).lower() + ":", _join_hyphenated(words))
    if not words.strip():
        return ParsedQuery(text, wq.Every(), date_filters, has_words=False, filters=filters)
    try:
        parsed = _negations_exclude(_reward_all_words(parser.parse(words, normalize=False)).normalize())
    except Exception as exc:  # noqa: BLE001 - Whoosh's parser fails on operator soup in many ways
        raise QueryError(f"cannot read the query {text!r} ({type(exc).__name__}); check its operators") from None
    if parsed is wq.NullQuery or isinstance(parsed, wq.NullQuery.__class__):
        raise QueryError(f"query {text!r} has no searchable words (only operators or stop words)")
    return ParsedQuery(text, parsed, date_filters, has_words=True, filters=filters)


def _take_qualifiers(text: str) -> tuple[str, list[QualifierFilter]]:
    """Pull the filtering qualifiers out of the query text; `a:x OR b:y` becomes one filter accepting either."""
    chains: list[list[re.Match]] = []
    previous_end = None
    for match in _QUALIFIER.finditer(text):
        joined = previous_end is not None and _OR_BETWEEN.fullmatch(text[previous_end : match.start()])
        if joined and not match.group(1) and not chains[-1][-1].group(1):
            chains[-1].append(match)
        else:
            chains.append([match])
        previous_end = match.end()
    filters = []
    for chain in chains:
        queries = [qualifier_query(m.group(2), m.group(3)) for m in chain]
        filters.append(QualifierFilter(queries[0] if len(queries) == 1 else wq.Or(queries), bool(chain[0].group(1))))
    for chain in reversed(chains):
        text = text[: chain[0].start()] + " " + text[chain[-1].end() :]
    return text, filters


def qualifier_query(name: str, value: str) -> wq.Query:
    """The Whoosh query for one `name:value` filter (name as typed, value possibly quoted or ending in *)."""
    index_field = FILTER_FIELDS[name.lower()]
    value = value.strip('"').strip()
    prefix = value.endswith("*")
    value = value.rstrip("*")
    if index_field == "officials":
        key = ",".join(token.text for token in OFFICIAL_NAMES(value))
        return wq.Prefix(index_field, key) if prefix else wq.Term(index_field, key)
    analyzer = PATH_PARTS if index_field == "source" else EXACT
    tokens = [token.text for token in analyzer(value)]
    if not tokens:
        raise QueryError(f"{name}:{value!r} has nothing to search for")
    terms: list[wq.Query] = [wq.Term(index_field, token) for token in tokens]
    if prefix:
        terms[-1] = wq.Prefix(index_field, tokens[-1])
    if len(terms) == 1:
        return terms[0]
    # Metadata fields keep positions, so "Roger Harrabin" is a phrase there; path parts are simply all required.
    if index_field != "source" and not prefix:
        return wq.Phrase(index_field, tokens)
    return wq.And(terms)


def _join_hyphenated(text: str) -> str:
    """Quote each hyphenated word outside quotes, so that it is searched as the phrase of its parts."""
    pieces = re.split(r'("[^"]*"?)', text)
    return "".join(
        piece if piece.startswith('"') else _HYPHENATED.sub(lambda m: f'"{m.group(1)}"', piece) for piece in pieces
    )


class _AllWordsOr(wq.Or):
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
        return self.child.score() * self.boost * (matched / self._word_count) ** ALL_WORDS_EXPONENT


def _reward_all_words(node: wq.Query) -> wq.Query:
    if node.is_leaf():
        return node
    node = node.apply(_reward_all_words)
    if type(node) is wq.Or and not _one_word_in_many_fields(node):
        return _AllWordsOr(node.subqueries, boost=node.boost)
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


def _check_fields(text: str) -> None:
    outside_quotes = _QUOTED.sub(" ", text)
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        if match.group(1).lower() not in USER_FIELDS:
            known = ", ".join(f"{name}:" for name in (*USER_FIELDS[:4], "official", "source", *METADATA_KEYS))
            raise QueryError(f"unknown field '{match.group(1)}:' in the query; known fields: {known}")


@dataclass
class HighlightTerms:
    """What a snippet should mark: stemmed words, word prefixes, and phrases (unstemmed word lists)."""

    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)


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
        if node.fieldname in EXACT_FIELDS.values():
            terms.phrases.append([str(w) for w in node.words])
        return
    if isinstance(node, (wq.Prefix, wq.Wildcard)):
        if node.fieldname in ("headline", "body"):
            terms.prefixes.add(str(node.text).rstrip("*?"))
        return
    if isinstance(node, wq.Term):
        if node.fieldname in ("headline", "body"):
            terms.stems.add(str(node.text))
        elif node.fieldname in EXACT_FIELDS.values():
            terms.phrases.append([str(node.text)])
        return
    if node.is_leaf():
        return
    for child in node.children():
        _collect(child, terms)
