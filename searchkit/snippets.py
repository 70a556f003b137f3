"""Snippets: the passage of an article that best shows why it matched, with the matched words marked.

The passage is chosen by how many different query terms it holds (then how many matches), not by
position, so a match deep in a long story still shows. Phrases are marked as one span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

SNIPPET_CHARS = 200
ELLIPSIS = "…"
# The same word pattern as the index analyzers (Whoosh's RegexTokenizer), so marks match what matched.
_WORD = re.compile(r"\w+(?:\.?\w+)*")


@dataclass
class HighlightTerms:
    """What a snippet should mark: words by their index terms (stems), word prefixes, and phrases
    (unstemmed word lists). An engine that can only name index terms with a look-up lists the query's
    folded words in `words`; they are looked up with the page's own words (see Scanned)."""

    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    phrases: list[list[str]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) offsets into text


@dataclass
class Scanned:
    """A text on one line and its words, each folded once; where each word is in the text is found only
    for texts that hold a match."""

    text: str
    words: list[str]

    def spans(self) -> list[tuple[int, int]]:
        return [match.span() for match in _WORD.finditer(self.text)]


def fold(word: str) -> str:
    """Lower-case and strip accents, as the index analyzers do."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def scan(text: str) -> Scanned:
    text = " ".join(text.split())  # one line: paragraphs and hard breaks become spaces
    if text.isascii():  # lower-casing is all folding does to ASCII
        return Scanned(text, _WORD.findall(text.lower()))
    return Scanned(text, [fold(word) for word in _WORD.findall(text)])


def make_snippet(
    scanned: Scanned, terms: HighlightTerms, index_terms: Mapping[str, str], width: int = SNIPPET_CHARS
) -> Snippet:
    """The passage of a scanned text to show; index_terms maps its folded words to the engine's index
    terms (a word missing from it, such as a stop word, is only marked when a query term is that word)."""
    text = scanned.text
    matches = _find_matches(scanned, terms, index_terms)
    if not matches:
        return Snippet(_cut(text, 0, width))
    start, end = _best_window(text, matches, width)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    spans = [(s + shift, e + shift) for s, e, _key in matches if s >= start and e <= end]
    return Snippet(prefix + text[start:end] + suffix, spans)


def _find_matches(scanned: Scanned, terms: HighlightTerms, index_terms: Mapping[str, str]) -> list[tuple]:
    """(start, end, key) of each matched word or phrase, in text order; key tells distinct terms apart."""
    stems, prefixes = terms.stems, tuple(terms.prefixes)
    phrases_from: dict[str, list[list[str]]] = {}
    for phrase in terms.phrases:
        phrases_from.setdefault(phrase[0], []).append(phrase)
    # Each distinct word is judged once: its key when it matches on its own.
    keys: dict[str, str] = {}
    for folded in set(scanned.words):
        term = index_terms.get(folded, folded)
        if term in stems or folded in stems:
            keys[folded] = term
        elif prefixes and folded.startswith(prefixes):
            keys[folded] = folded
    if not keys and not phrases_from.keys() & set(scanned.words):
        return []
    words, spans = scanned.words, scanned.spans()
    matches: list[tuple[int, int, str]] = []
    next_free = 0  # the first word not inside a phrase already marked
    for index, folded in enumerate(words):
        if index < next_free or (folded not in keys and folded not in phrases_from):
            continue
        phrase = _phrase_at(words, index, phrases_from[folded]) if folded in phrases_from else None
        if phrase is not None:
            next_free = index + len(phrase)
            matches.append((spans[index][0], spans[next_free - 1][1], " ".join(phrase)))
        elif folded in keys:
            matches.append((*spans[index], keys[folded]))
    return matches


def _phrase_at(words: list[str], index: int, phrases: list[list[str]]) -> list[str] | None:
    for phrase in phrases:
        if words[index : index + len(phrase)] == phrase:
            return phrase
    return None


def _best_window(text: str, matches, width: int) -> tuple[int, int]:
    """The width-long window holding the most distinct terms, then the most matches."""
    best, best_score = (0, 0), (-1, -1)
    right = 0
    for left in range(len(matches)):
        while right < len(matches) and matches[right][1] - matches[left][0] <= width:
            right += 1
        inside = matches[left:right] or [matches[left]]
        score = (len({key for _s, _e, key in inside}), len(inside))
        if score > best_score:
            best, best_score = (left, right), score
    first, last = matches[best[0]], matches[max(best[0], best[1] - 1)]
    # Centre the matched span in the window, then snap both ends to word boundaries.
    slack = max(0, width - (last[1] - first[0]))
    start = max(0, first[0] - slack // 3)
    end = min(len(text), max(last[1], start + width))
    return _snap_start(text, start, first[0]), _snap_end(text, end)


def _snap_start(text: str, start: int, limit: int) -> int:
    if start == 0:
        return 0
    sentence = text.rfind(". ", start, limit)
    if sentence != -1:
        return sentence + 2
    space = text.find(" ", start, limit)
    return space + 1 if space != -1 else start


def _snap_end(text: str, end: int) -> int:
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", 0, end)
    return space if space > 0 else end


def _cut(text: str, start: int, width: int) -> str:
    end = _snap_end(text, start + width)
    return text[start:end] + (ELLIPSIS if end < len(text) else "")
