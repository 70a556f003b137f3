"""Score the officials extractor against hand labels (a script, not a test).

    python bench/bench_officials_gold.py [--sets pakistan bbc ...] [--no-lists]

Labels: bench/officials_gold/*.json (rules in its README). Prints, per labelled set and overall (tuning
sets and the held-out set apart): precision, recall and F1 over all office holders and over public
officials (kind "government") only; on matched people, how often the title, the affiliation (where the
article states one) and the kind are right; then every miss and false hit with its sentence.

A gold person and an extracted one match when they are in the same article, their surnames (last words,
case- and accent-folded) are equal and their given names, when both have one, agree (`R.` fits `Raj`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_officials_sample import SETS, load  # noqa: E402

from searchkit.officials import extract_officials  # noqa: E402

GOLD = Path(__file__).resolve().parent / "officials_gold"
# every set named "<corpus>_heldout<N>", including sets the labeller adds later
HELD_OUT = {name for name in SETS if "_heldout" in name}
FILLER = {"of", "the", "for", "and", "a", "an", "to", "at", "in", "on"}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(name: str) -> list[str]:
    return [w.rstrip(".") for w in fold(name).split()]


def same_person(gold: str, found: str) -> bool:
    a, b = name_words(gold), name_words(found)
    if not a or not b or a[-1] != b[-1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    x, y = a[-2], b[-2]
    return x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) or x in a[:-1] or y in b[:-1]


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if w not in FILLER}


def title_right(gold: str, found: str) -> bool:
    a, b = content_words(gold), content_words(found)
    return bool(a and b) and (a <= b or b <= a)


# one country under the names papers use for it: a label `UK` and a found `Britain` are the same answer
SAME_COUNTRY = {name: group[0] for group in (("united kingdom", "uk", "u.k.", "britain", "great britain"),
                                             ("united states", "us", "u.s.", "usa", "america"),
                                             ("united arab emirates", "uae"))
                for name in group}


def country(name: str) -> str:
    name = fold(name).strip()
    return SAME_COUNTRY.get(name, name)


def affiliation_right(gold: str, found: str) -> bool:
    found = country(found)
    return bool(found) and any(country(alt) == found or fold(alt) in found.split(" of ")
                               for alt in gold.split("|"))


# a sentence ends at . ! ? (not after a lone initial, "William C. Dudley") before a space or a capital:
# the Pakistani articles run sentences together ("...Geo News reported.Sources said...")
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?](?=[\"”’]?(?:\s|[A-Z]))|\n")


def sentence_of(text: str, name: str) -> str:
    """The sentence where the surname first occurs."""
    at = text.find(name.split()[-1])
    if at < 0:
        return "(name not in the text)"
    start = max((m.end() for m in SENTENCE_END.finditer(text, max(0, at - 500), at)), default=max(0, at - 500))
    end = SENTENCE_END.search(text, at)
    sentence = " ".join(text[start:end.end() if end else len(text)].split())
    return sentence if len(sentence) <= 300 else sentence[:297] + "..."


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    gold_public: int = 0
    found_public: int = 0
    matched_public: int = 0
    titles_right: int = 0
    stated_affiliations: int = 0
    affiliations_right: int = 0
    kinds_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def prf(matched: int, found: int, gold: int) -> tuple[float, float, float]:
    precision = matched / found if found else 1.0
    recall = matched / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_article(key: str, text: str, gold: list[list[str]], found) -> Score:
    score = Score(gold=len(gold), found=len(found))
    score.gold_public = sum(g[3] == "government" for g in gold)
    score.found_public = sum(o.kind == "government" for o in found)
    unmatched = list(found)
    for name, title, affiliation, kind in gold:
        hit = next((o for o in unmatched if same_person(name, o.name)), None)
        if hit is None:
            score.misses.append(f"{key} {name} ({title}; {kind}): {sentence_of(text, name)}")
            continue
        unmatched.remove(hit)
        score.matched += 1
        score.matched_public += kind == "government" and hit.kind == "government"
        score.kinds_right += kind == hit.kind
        score.titles_right += title_right(title, hit.title)
        if affiliation:
            score.stated_affiliations += 1
            score.affiliations_right += affiliation_right(affiliation, hit.affiliation)
        if not title_right(title, hit.title) or (affiliation and not affiliation_right(affiliation, hit.affiliation)) \
                or kind != hit.kind:
            score.wrong.append(f"{key} {name}: gold {title!r} / {affiliation!r} / {kind}; "
                               f"found {hit.title!r} / {hit.affiliation!r} / {hit.kind}")
    for o in unmatched:
        score.false_hits.append(f"{key} {o.name} ({o.title}; {o.affiliation}; {o.kind}): {sentence_of(text, o.name)}")
    return score


def report(label: str, score: Score) -> None:
    p, r, f = prf(score.matched, score.found, score.gold)
    pp, pr, pf = prf(score.matched_public, score.found_public, score.gold_public)
    matched = max(score.matched, 1)
    print(f"{label:<22} all: P {p:.2f} R {r:.2f} F1 {f:.2f} ({score.matched}/{score.found} found, "
          f"{score.matched}/{score.gold} gold) | public: P {pp:.2f} R {pr:.2f} F1 {pf:.2f} "
          f"({score.matched_public}/{score.found_public}, {score.matched_public}/{score.gold_public}) | "
          f"title {score.titles_right / matched:.0%} kind {score.kinds_right / matched:.0%} "
          f"affiliation {score.affiliations_right}/{score.stated_affiliations}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    labelled = [name for name in SETS if (GOLD / f"{name}.json").exists()]
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=labelled,
                        help="sets to score (default: every set with a label file)")
    parser.add_argument("--no-lists", action="store_true", help="figures only, no misses and false hits")
    args = parser.parse_args()
    unlabelled = [name for name in args.sets if name not in labelled]
    if unlabelled:
        parser.error(f"no label file yet for {', '.join(unlabelled)} (expected {GOLD}/<set>.json)")

    texts = {corpus: load(corpus) for corpus in {SETS[name][0] for name in args.sets}}
    scores: dict[str, Score] = {}
    elapsed = 0.0
    articles = 0
    for name in args.sets:
        labels = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
        corpus = SETS[name][0]
        scores[name] = Score()
        for key, gold in labels["articles"].items():
            text = texts[corpus][key]
            start = time.perf_counter()
            found = extract_officials(text)
            elapsed += time.perf_counter() - start
            articles += 1
            scores[name].add(score_article(f"{corpus}:{key}", text, gold, found))

    for group, names in (("tuning", [n for n in args.sets if n not in HELD_OUT]),
                         ("held-out", [n for n in args.sets if n in HELD_OUT])):
        if not names:
            continue
        total = Score()
        for name in names:
            report(name, scores[name])
            total.add(scores[name])
        report(f"{group} overall", total)
    print(f"time: {1000 * elapsed / max(articles, 1):.3f} ms per article over {articles} articles")
    if not args.no_lists:
        for name in args.sets:
            score = scores[name]
            for heading, lines in (("misses", score.misses), ("false hits", score.false_hits),
                                   ("matched, title/affiliation/kind wrong", score.wrong)):
                if lines:
                    print(f"\n{name} {heading} ({len(lines)}):")
                    print("\n".join(f"  {line}" for line in lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
