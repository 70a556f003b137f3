"""Query text -> a small engine-neutral tree: the query language users type, read once for every engine.

Words prefer documents with all of them (an OR group that rewards each extra match), "phrases" match
unstemmed text, AND/OR/NOT/ANDNOT/ANDMAYBE, +word/-word, parentheses and word* work as in other search
boxes. A hyphen inside a word joins it (`G-7` is the phrase "G-7", as Lucene's standard analyzer reads
it); only a `-` opening a word excludes. `headline:` and `body:` choose where a word is searched; every
other qualifier (`official:`, `source:`, `topic:`, `date:` ...) filters the whole query wherever it
stands, as in Gmail or GitHub search: `-qualifier:value` excludes and `a:x OR b:y` accepts either.
Dates are read with searchkit's own parser.

The tree keeps the order and grouping the user wrote, with operators resolved the way Whoosh's query
parser resolves them (in each group: +/- first, then NOT, AND, OR, then ANDNOT and ANDMAYBE), so every
engine reads the same query; each engine compiles it (searchkit/engines/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from searchkit.article import METADATA_KEYS
from searchkit.errors import DateParseError, QueryError

MAX_QUERY_CHARS = 2000
# Qualifiers that filter the whole query: the name users type -> the filter key (official, source or a
# metadata key) every engine knows.
FILTER_KEYS = {
    "official": "official",
    "source": "source",
    **{key: key for key in METADATA_KEYS},
    # Other names people reach for first.
    "officials": "official",
    "tag": "topic",
    "tags": "topic",
    "topics": "topic",
    "category": "section",
    "byline": "author",
    "places": "place",
    "people": "person",
    "orgs": "org",
    "exchanges": "exchange",
    "lang": "language",
}
DATE_FIELDS = {"date": "published", "mentioned": "mentioned"}
# Where a word can be searched: headline: and body: choose; unqualified words search all three.
WORD_FIELDS = ("headline", "body")
SEARCHED_FIELDS = ("headline", "body", "officials")
# field name users type -> what it does.
USER_FIELDS = (*WORD_FIELDS, *DATE_FIELDS, *FILTER_KEYS)
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_QUOTED = re.compile(r'"[^"]*"?')
_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_]\w*):(?=\S)")
_DATE_TERM = re.compile(r"(?<![\w\"])(date|mentioned):(\[[^\]]*\]?|\"[^\"]*\"?|\S+)", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"(?<![\w\"'])(-?)(" + "|".join(sorted(FILTER_KEYS, key=len, reverse=True)) + r'):("[^"]*"?|[^\s()]+)',
    re.IGNORECASE,
)
_OR_BETWEEN = re.compile(r"\s+OR\s+")
_DANGLING = re.compile(r"^\s*(?:(?:AND|OR)\s+)+|(?:\s+(?:AND|OR|NOT))+\s*$")
# A word with a hyphen between two of its characters ("G-7", "al-Naimi", "year-on-year"), outside quotes.
_HYPHENATED = re.compile(r'(?<![\w"*?])(?<!\w-)(\w+(?:-\w+)+)(?![\w"*?-])')
# One piece of query text: a group bracket, a phrase, a field prefix, a +/- mark, or a word.
_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|"(?P<phrase>[^"]*)"|(?P<field>headline|body):(?=[^\s)])'
                    r'|(?P<mark>[+-])|(?P<word>[^\s)]+))')


# -- the tree ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    """A word as typed; `*` and `?` in it are wildcards (a trailing `*` asks for a prefix)."""

    text: str
    field: str | None = None  # "headline" or "body"; None searches every searched field

    @property
    def is_wildcard(self) -> bool:
        return "*" in self.text or "?" in self.text


@dataclass(frozen=True)
class Phrase:
    text: str  # the words between the quotes, as typed
    field: str | None = None


@dataclass(frozen=True)
class Group:
    """Parentheses (or the whole query): optional items are ORed, required (+) ones must all match and
    banned (-) ones must not."""

    optional: tuple = ()
    required: tuple = ()
    banned: tuple = ()
    field: str | None = None


@dataclass(frozen=True)
class Operator:
    """An operator written between items: kind is AND, OR, ANDNOT or ANDMAYBE (left operand first), or
    NOT with one operand."""

    kind: str
    operands: tuple


Node = Word | Phrase | Group | Operator


@dataclass(frozen=True)
class Qualifier:
    key: str  # "official", "source" or a metadata key
    value: str  # as typed, unquoted, without a trailing *
    prefix: bool = False


@dataclass(frozen=True)
class QualifierFilter:
    """A `key:value` filter, or several joined by OR (any may match); exclude for `-key:value`."""

    options: tuple[Qualifier, ...]
    exclude: bool = False


@dataclass(frozen=True)
class DateFilter:
    field: str  # "published" or "mentioned"
    start: date | None
    end: date | None


@dataclass
class ParsedQuery:
    text: str
    tree: Group | None  # None when the text holds only filters
    date_filters: list[DateFilter] = field(default_factory=list)
    filters: list[QualifierFilter] = field(default_factory=list)

    @property
    def has_words(self) -> bool:
        return self.tree is not None


# -- reading the text -------------------------------------------------------------------------------------
def parse_query(text: str, *, reference: date, dayfirst: bool = False) -> ParsedQuery:
    """Read the user's query text; raise QueryError/DateParseError with a one-line reason."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are accepted")
    # An undecodable byte in argv arrives as a lone surrogate, which no engine can encode.
    cleaned = _CONTROL.sub(" ", text).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    _check_fields(cleaned)
    date_filters: list[DateFilter] = []

    def take_date_term(match: re.Match) -> str:
        name, value = match.group(1).lower(), match.group(2).strip('"')
        from searchkit.dates import parse_range  # dates are read only when a query has one

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
    tree = _read_group(_scan(words)) if words.strip() else None
    return ParsedQuery(text, tree, date_filters, filters)


def qualifier(name: str, value: str) -> Qualifier:
    """One `name:value` filter (name as typed, value possibly quoted or ending in *)."""
    value = value.strip('"').strip()
    prefix = value.endswith("*")
    value = value.rstrip("*")
    if not value.strip():
        raise QueryError(f"{name}:{value!r} has nothing to search for")
    return Qualifier(FILTER_KEYS[name.lower()], value, prefix)


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
    filters = [
        QualifierFilter(tuple(qualifier(m.group(2), m.group(3)) for m in chain), bool(chain[0].group(1)))
        for chain in chains
    ]
    for chain in reversed(chains):
        text = text[: chain[0].start()] + " " + text[chain[-1].end() :]
    return text, filters


def _join_hyphenated(text: str) -> str:
    """Quote each hyphenated word outside quotes, so that it is searched as the phrase of its parts."""
    pieces = re.split(r'("[^"]*"?)', text)
    return "".join(
        piece if piece.startswith('"') else _HYPHENATED.sub(lambda m: f'"{m.group(1)}"', piece) for piece in pieces
    )


def _check_fields(text: str) -> None:
    # A quoted part becomes one quote mark, so `nonsense:"x"` is still seen as a field prefix.
    outside_quotes = _QUOTED.sub('"', text)
    for match in _FIELD_PREFIX.finditer(outside_quotes):
        if match.group(1).lower() not in USER_FIELDS:
            known = ", ".join(f"{name}:" for name in (*USER_FIELDS[:4], "official", "source", *METADATA_KEYS))
            raise QueryError(f"unknown field '{match.group(1)}:' in the query; known fields: {known}")


_OPEN, _CLOSE, _MARK, _FIELD, _OPERATOR = "(", ")", "mark", "field", "operator"


def _scan(text: str) -> list:
    """The text as a flat list of items: nodes, ("(" | ")" | "mark" | "field" | "operator", value) pairs."""
    items: list = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # only whitespace is left
            break
        position = match.end()
        if match.group("open"):
            items.append((_OPEN, "("))
        elif match.group("close"):
            items.append((_CLOSE, ")"))
        elif match.group("phrase") is not None:
            items.append(Phrase(match.group("phrase")))
        elif match.group("field"):
            items.append((_FIELD, match.group("field")))
        elif match.group("mark"):
            items.append((_MARK, match.group("mark")))
        else:
            word = match.group("word")
            if word in OPERATORS and _operator_stands_alone(text, match.start("word"), word):
                items.append((_OPERATOR, word))
            else:
                items.append(Word(word))
    return items


def _operator_stands_alone(text: str, start: int, word: str) -> bool:
    """AND/OR/ANDNOT/ANDMAYBE need a space on each side; NOT may also open the text or follow a bracket."""
    end = start + len(word)
    after = end < len(text) and text[end].isspace()
    before = start > 0 and text[start - 1].isspace()
    if word == "NOT":
        return after and (start == 0 or before or text[start - 1] in "()")
    return after and before


def _read_group(items: list, field_name: str | None = None) -> Group:
    """Nest the brackets, apply field prefixes, then resolve marks and operators inside each group."""
    stack: list[list] = [[]]
    for item in items:
        if item == (_OPEN, "("):
            stack.append([])
        elif item == (_CLOSE, ")"):
            if len(stack) > 1:  # a stray closing bracket is ignored
                inner = stack.pop()
                stack[-1].append(_group(inner))
        else:
            stack[-1].append(item)
    while len(stack) > 1:  # an unclosed bracket closes at the end
        inner = stack.pop()
        stack[-1].append(_group(inner))
    return _group(stack[0], field_name)


def _group(items: list, field_name: str | None = None) -> Group:
    items = _apply_fields(items)
    optional, required, banned = [], [], []
    target = optional
    for item in items:
        if isinstance(item, tuple) and item[0] == _MARK:
            target = required if item[1] == "+" else banned
        else:
            target.append(item)
            target = optional
    return Group(_operators(optional), _operators(required), _operators(banned), field_name)


def _apply_fields(items: list) -> list:
    """`headline:word`, `body:"a phrase"`, `headline:(a group)`: the field goes to the item that follows."""
    applied: list = []
    pending = None
    for item in items:
        if isinstance(item, tuple) and item[0] == _FIELD:
            pending = item[1]
            continue
        if pending and isinstance(item, (Word, Phrase, Group)):
            item = _with_field(item, pending)
        pending = None
        applied.append(item)
    return applied


def _with_field(node, field_name: str):
    if isinstance(node, Word):
        return Word(node.text, field_name)
    if isinstance(node, Phrase):
        return Phrase(node.text, field_name)
    return Group(node.optional, node.required, node.banned, field_name)


def _operators(items: list) -> tuple:
    """Resolve operators as Whoosh does: NOT binds the next item, then AND, OR, ANDNOT and ANDMAYBE join
    their neighbours left to right; an operator with nothing to join is dropped."""
    items = list(items)
    position = 0
    while position < len(items):
        if items[position] == (_OPERATOR, "NOT"):
            del items[position]
            if position < len(items):
                following = items[position]
                if isinstance(following, tuple):  # NOT before another operator: both are dropped
                    del items[position]
                    continue
                items[position] = Operator("NOT", (following,))
        position += 1
    for kinds in (("AND",), ("OR",), ("ANDNOT", "ANDMAYBE")):
        position = 0
        while position < len(items):
            item = items[position]
            if not (isinstance(item, tuple) and item[0] == _OPERATOR and item[1] in kinds):
                position += 1
                continue
            if 0 < position < len(items) - 1:
                left, right = items[position - 1], items[position + 1]
                merging = item[1] in ("AND", "OR") and isinstance(left, Operator) and left.kind == item[1]
                joined = Operator(item[1], (*left.operands, right) if merging else (left, right))
                items[position - 1 : position + 2] = [joined]
            else:
                del items[position]
    # Operators left unresolved (NOT twice, an operator inside another's operand) are words no more.
    return tuple(item for item in items if not isinstance(item, tuple))
