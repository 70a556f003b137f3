"""The query tree compiled to SphinxQL: a MATCH() expression plus attribute conditions with parameters.

Nothing the user typed is ever spliced into SQL: the MATCH expression and every value travel as
parameters, and the expression itself holds only tokens searchkit cut from the text (word characters
after folding case and accents, as the indexed text was folded), so no query text can use Sphinx's own
operators. Words are analysed as the Whoosh engine analyses them: stop words and one-letter words dropped,
stemming left to Sphinx's Porter stemmer, phrases matched on exact (unstemmed) forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from searchkit.engines.sphinx_cluster import PRESENT_TOKEN
from searchkit.errors import QueryError
from searchkit.query import DateFilter, Group, Operator, Phrase, Qualifier, QualifierFilter, Word
from searchkit.snippets import HighlightTerms, fold

# Whoosh's English stop words, and words under two letters, are left out of plain words (not of phrases).
STOP_WORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is", "it",
        "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we", "when", "will", "with",
        "yet", "you", "your",
    )
)
MIN_WORD_LEN = 2
_TOKEN = re.compile(r"\w+")
_PATH_PART = re.compile(r"[^/\\:.\s]+")
_ALL_FIELDS = "@(headline,body,officials)"
_LAST_DAY = 3_652_059  # date(9999, 12, 31).toordinal()
NO_ARTICLE = f"@present no{PRESENT_TOKEN}"  # a word no article holds: the query stands, and matches nothing


def tokens(text: str) -> list[str]:
    """The index tokens of a text: folded word characters (what the charset table keeps)."""
    return _TOKEN.findall(fold(text))


def token_of(text: str) -> str:
    """A whole value (an official's name, a path part) as one token: `Hisham Nazer` -> hisham_nazer."""
    return "_".join(tokens(text))


def official_keys(name: str) -> list[str]:
    """The tokens an official is found by: the full name and the surname (as the Whoosh engine indexes)."""
    parts = name.split()
    keys = [token_of(name)]
    if len(parts) > 1:
        keys.append(token_of(parts[-1]))
    return [key for key in keys if key]


def path_tokens(path: str) -> list[str]:
    return [token_of(part) for part in _PATH_PART.findall(path) if token_of(part)]


@dataclass
class Compiled:
    match: str  # the MATCH() expression, "" for none
    where: list[str] = field(default_factory=list)  # attribute conditions, with %s for each parameter
    parameters: list = field(default_factory=list)
    highlight: HighlightTerms = field(default_factory=HighlightTerms)


def compile_search(tree: Group | None, text: str, date_filters: list[DateFilter], filters: list[QualifierFilter],
                   undated: bool) -> Compiled:
    compiled = Compiled("")
    words = ""
    if tree is not None:
        words = _node(tree, None, compiled.highlight, positive=True)
        if not words:
            raise QueryError(f"query {text!r} has no searchable words (only operators or stop words)")
    positive = [_filter_match(f) for f in filters if not f.exclude]
    negative = [_filter_match(f) for f in filters if f.exclude]
    required = [part for part in (words, *positive) if part]
    if negative and not required:
        required = [f"@present {PRESENT_TOKEN}"]
    compiled.match = " ".join([*(f"({part})" for part in required), *(f"-({part})" for part in negative)])
    for date_filter in date_filters:
        column = "published_day" if date_filter.field == "published" else "mentioned"
        compiled.where.append(f"{column} BETWEEN %s AND %s")
        compiled.parameters += [date_filter.start.toordinal() if date_filter.start else 1,
                                date_filter.end.toordinal() if date_filter.end else _LAST_DAY]
    if undated:
        compiled.where.append("published_day = 0")
    return compiled


def weighted_words(words: list[tuple[str, float]], field_name: str) -> tuple[str, HighlightTerms]:
    """The MATCH expression for any of some index tokens in one field, each weighted (Sphinx's keyword IDF
    boost, `word^0.5`), and what snippets should mark."""
    terms = HighlightTerms()
    kept = [(word, weight) for word, weight in words if _TOKEN.fullmatch(word)]
    terms.words.update(word for word, _weight in kept)  # the engine names their stems with the page's words
    alternatives = " | ".join(f"{word}^{max(weight, 0.0001):.4f}" for word, weight in kept)
    return (f"@{field_name} ({alternatives})" if kept else NO_ARTICLE), terms


def _node(node, field_name: str | None, terms: HighlightTerms, positive: bool) -> str:
    """One node as MATCH syntax ("" when nothing of it can be searched, such as a stop word)."""
    if isinstance(node, Word):
        return _word(node, node.field or field_name, terms, positive)
    if isinstance(node, Phrase):
        return _phrase(node, node.field or field_name, terms, positive)
    if isinstance(node, Operator):
        return _operator(node, field_name, terms, positive)
    inner = node.field or field_name
    required = [part for part in (_node(n, inner, terms, positive) for n in node.required) if part]
    optional = [part for part in (_node(n, inner, terms, positive) for n in node.optional) if part]
    banned = [part for part in (_node(n, inner, terms, False) for n in node.banned) if part]
    return _combine(required, optional, banned)


def _combine(required: list[str], optional: list[str], banned: list[str]) -> str:
    kept, excluded = _split_negations(optional)
    banned = banned + excluded
    if required:
        core = " ".join(f"({part})" for part in required)
        if kept:
            core = f"({core}) MAYBE ({' | '.join(kept)})"
    elif kept:
        core = " | ".join(f"({part})" for part in kept)
    elif excluded:  # `NOT oil` alone: every article without the word, as on Whoosh
        core = f"@present {PRESENT_TOKEN}"
    else:
        return ""  # only -word exclusions: nothing to match (as with Whoosh)
    if banned:
        core = f"({core}) " + " ".join(f"-({part})" for part in banned)
    return core


def _split_negations(parts: list[str]) -> tuple[list[str], list[str]]:
    """`a OR NOT b` means a-and-not-b, as on the Whoosh engine."""
    kept = [part for part in parts if not part.startswith("!")]
    excluded = [part[1:] for part in parts if part.startswith("!")]
    return kept, excluded


def _operator(node: Operator, field_name: str | None, terms: HighlightTerms, positive: bool) -> str:
    if node.kind == "NOT":
        inner = _node(node.operands[0], field_name, terms, False)
        return f"!{inner}" if inner else ""
    if node.kind == "ANDNOT":
        left = _node(node.operands[0], field_name, terms, positive)
        right = _node(node.operands[1], field_name, terms, False)
        return _combine([left] if left else [], [], [right] if right else [])
    if node.kind == "ANDMAYBE":
        left = _node(node.operands[0], field_name, terms, positive)
        right = _node(node.operands[1], field_name, terms, positive)
        return _combine([left] if left else [], [right] if right else [], [])
    parts = [part for part in (_node(n, field_name, terms, positive) for n in node.operands) if part]
    if node.kind == "AND":
        kept, excluded = _split_negations(parts)
        return _combine(kept, [], excluded)
    return _combine([], parts, [])


def _fields(field_name: str | None) -> str:
    return f"@{field_name}" if field_name else _ALL_FIELDS


def _word(node: Word, field_name: str | None, terms: HighlightTerms, positive: bool) -> str:
    if node.is_wildcard:
        # Sphinx 2.2 expands prefixes only: `wo?d` and `w*d` search the part before the first wildcard.
        stem_part = re.split(r"[*?]", node.text, maxsplit=1)[0]
        found = tokens(stem_part)
        if not found:
            return ""
        if positive:
            terms.prefixes.add(found[-1])
        return f"{_fields(field_name)} {' '.join([*found[:-1], found[-1] + '*'])}"
    found = [token for token in tokens(node.text) if token not in STOP_WORDS and len(token) >= MIN_WORD_LEN]
    if not found:
        # As on Whoosh, whose officials field keeps every word whole: only an official of that name matches.
        if field_name:
            return ""
        key = token_of(node.text)
        return f"@officials {key}" if key else NO_ARTICLE
    if positive:
        terms.words.update(found)  # the engine names their stems with the page's words
    words = found[0] if len(found) == 1 else '"' + " ".join(found) + '"'
    return f"{_fields(field_name)} {words}"


def _phrase(node: Phrase, field_name: str | None, terms: HighlightTerms, positive: bool) -> str:
    found = tokens(node.text)
    if not found:
        return ""
    if positive:
        terms.phrases.append(found)
    exact = " ".join(f"={token}" for token in found)
    text_match = f'{_fields(field_name) if field_name else "@(headline,body)"} "{exact}"'
    if field_name:
        return text_match
    # An official's full name in quotes also finds the official, as on the Whoosh engine.
    return f"({text_match}) | (@officials {token_of(node.text)})"


def _filter_match(qualifier_filter: QualifierFilter) -> str:
    return " | ".join(f"({_qualifier_match(option)})" for option in qualifier_filter.options)


def _qualifier_match(qualifier: Qualifier) -> str:
    star = "*" if qualifier.prefix else ""
    if qualifier.key == "official":
        key = token_of(qualifier.value)
        if not key:
            raise QueryError(f"official:{qualifier.value!r} has nothing to search for")
        return f"@officials {key}{star}"
    if qualifier.key == "source":
        found = path_tokens(qualifier.value)
        field_name = "source_parts"
    else:
        found = tokens(qualifier.value)
        field_name = f"meta_{qualifier.key}"
    if not found:
        raise QueryError(f"{qualifier.key}:{qualifier.value!r} has nothing to search for")
    if star:
        return f"@{field_name} {' '.join(found[:-1] + [found[-1] + '*'])}"
    exact = " ".join(f"={token}" for token in found)
    return f'@{field_name} "{exact}"' if len(found) > 1 and field_name != "source_parts" else f"@{field_name} {exact}"
