""""Did you mean": the nearest words an index knows, found by looking edits up in its term dictionary.

Each candidate one edit away (a deleted, inserted, replaced or two swapped letters: Damerau's edits, so
`Lavorv` -> `Lavrov` is one edit) is looked up in the index's own sorted term dictionary: a few hundred
look-ups per word instead of a scan of the vocabulary. Two edits are tried from the few one-edit words
the index knows best or, when it knows none, from each of the word's deletions. The fewest edits win,
then words with the typed first letter, then officials' names, then the words in the most articles. A
known but rare word gives way to a one-edit variant in many more articles (`Volker` -> `Volcker`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_WORD = 3  # shorter words are left alone: too many neighbours
MAX_WORD = 30
# A known word is replaced only by a variant in this many times more articles, and at least RARE_VARIANT_MIN.
RARE_WORD_RATIO = 10
RARE_VARIANT_MIN = 5
EXPANDED_NEIGHBOURS = 3  # one-edit words whose own neighbours are looked up for a two-edit answer
OFFICIAL_WEIGHT = 10  # an official's name counts as if it were in this many times more articles
_QUERY_WORD = re.compile(r"(?<![:\w])([^\W\d_][\w'’-]*)")
_OPERATORS = {"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"}


def one_edit(word: str) -> set[str]:
    """Every string one Damerau edit away from word (lower-case ASCII letters inserted or replaced)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


class Speller:
    """Corrects words against an index: frequency(word) is how many articles hold it (0: unknown),
    is_official(word) whether it is (part of) an official's name."""

    def __init__(self, frequency: Callable[[str], int], is_official: Callable[[str], bool]):
        self.frequency = frequency
        self.is_official = is_official
        self.lookups = 0  # term dictionary look-ups made, for tests that count work

    def correct_word(self, folded: str) -> str | None:
        """The better word for a folded (lower-case, accent-free) query word, or None to keep it."""
        if not (MIN_WORD <= len(folded) <= MAX_WORD) or not folded.isalpha() or not folded.isascii():
            return None
        known = self._frequency(folded)
        near = self._known(one_edit(folded))
        if known:
            return self._best(self._much_more_frequent(near, known), folded)
        if near:
            # A one-edit word the index barely knows gives way to a two-edit word in far more articles
            # (`volkerr` -> `volcker` rather than `volker`).
            nearest = self._best(near, folded)
            hubs = sorted(near, key=near.get, reverse=True)[:EXPANDED_NEIGHBOURS]
            farther = self._known(set().union(*(one_edit(word) for word in hubs)) - near.keys() - {folded})
            return self._best(self._much_more_frequent(farther, near[nearest]), folded) or nearest
        # Nothing one edit away: two edits, through each of the word's deletions.
        deletions = {folded[:i] + folded[i + 1 :] for i in range(len(folded))}
        return self._best(self._known(set().union(*(one_edit(word) for word in deletions)) - {folded}), folded)

    @staticmethod
    def _much_more_frequent(candidates: dict[str, int], than: int) -> dict[str, int]:
        floor = max(than * RARE_WORD_RATIO, RARE_VARIANT_MIN)
        return {word: count for word, count in candidates.items() if count >= floor}

    def correct(self, text: str, fold: Callable[[str], str]) -> str | None:
        """The query with its words corrected, or None when nothing changes."""
        changed = False

        def replace(match: re.Match) -> str:
            nonlocal changed
            word = match.group(1)
            better = None if word in _OPERATORS else self.correct_word(fold(word))
            if better is None:
                return word
            changed = True
            return better.capitalize() if word[:1].isupper() else better

        corrected = _QUERY_WORD.sub(replace, text)
        return corrected if changed else None

    def _known(self, candidates: set[str]) -> dict[str, int]:
        found = {}
        for candidate in candidates:
            count = self._frequency(candidate)
            if count:
                found[candidate] = count
        return found

    def _frequency(self, word: str) -> int:
        self.lookups += 1
        return self.frequency(word)

    def _best(self, candidates: dict[str, int], typed: str = "") -> str | None:
        if not candidates:
            return None

        def preference(word: str):
            weight = OFFICIAL_WEIGHT if self.is_official(word) else 1
            # Typists rarely miss a word's first letter: `oill` means oil rather than will.
            return word[:1] == typed[:1], candidates[word] * weight, word

        return max(candidates, key=preference)
