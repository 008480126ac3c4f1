"""Scoring how well a natural-language reference names a candidate (0-100).

The matcher is deliberately symmetric and explainable: both sides are normalised the same way
(case, possessives, filler words, plurals, camelCase/snake_case, e-mail local parts), then each word
of the reference is aligned with the candidate's best matching word, allowing typos (optimal string
alignment distance) and abbreviations (prefixes). The score says how confidently the reference names
that candidate; :func:`rank` turns scores into a decision (one winner, a tie, or nothing).

Scale, used by the thresholds in :mod:`guards.resolve.references`:

* 100  the same words, in any order ("team's calendar" ~ "Team")
* ~92  the same words with a one-letter typo ("Marketting" ~ "Marketing"; words of 5+ letters)
* ~90  the reference names a strict subset of the candidate's words ("Team" ~ "Team Offsite")
* <80  partial or fuzzy resemblance only: never enough to resolve on its own

A candidate whose name has exactly the reference's words (:func:`names_exactly`) is an *exact* match,
and an exact match beats every partial one however close their scores ("Customer Calls" is not
ambiguous with "Customer Calls - EMEA"); ambiguity remains only among equally good readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

# Words that say whose or which thing, not which one. Removed from both sides before comparing.
GENERIC_FILLER = frozenset(
    {
        "my",
        "our",
        "the",
        "a",
        "an",
        "your",
        "their",
        "his",
        "her",
        "its",
        "mine",
        "ours",
        "own",
        "of",
        "for",
        "this",
        "that",
        "please",
        "s",
    }
)

# Words that only repeat the kind of thing referred to ("the team *calendar*"). Keyed by pack kind;
# a kind not listed here still gets its own name (and plural) treated as filler.
KIND_FILLER: dict[str, frozenset[str]] = {
    "calendar": frozenset({"calendar", "cal", "schedule", "agenda"}),
    "event": frozenset({"event", "meeting", "appointment", "invite", "invitation"}),
    # A person is often named through their calendar ("Lachlan's cal" in a free/busy query).
    "person": frozenset({"person", "user", "colleague", "calendar", "cal", "schedule", "agenda"}),
    "acl_rule": frozenset({"rule", "access", "permission", "share", "sharing", "acl", "user"}),
}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD = re.compile(r"[a-z0-9]+(?::[a-z0-9]+)*")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_POSSESSIVE = re.compile(r"(\w)['\u2019]s\b|(\w)s['\u2019](?=\s|$)")


def is_address(text: str) -> bool:
    """Is ``text`` an e-mail address (whose local part :func:`words` reads as its owner's name)?"""
    return bool(_EMAIL.match(text.strip()))


def singular(word: str) -> str:
    """A cheap English singular: enough to make "holidays" meet "Holiday" (both sides get it)."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text`` with possessives removed, camelCase split, plurals singularised.

    An e-mail address contributes the words of its local part (``priya.shah@acme.com`` -> priya, shah),
    because that is how people refer to its owner.
    """
    text = text.strip()
    if _EMAIL.match(text):
        text = re.split(r"@", text, maxsplit=1)[0]
    text = _POSSESSIVE.sub(lambda m: (m.group(1) or m.group(2) or "") + "", text)
    text = _CAMEL.sub(" ", text).lower().replace("_", " ")
    return tuple(singular(w) for w in _WORD.findall(text))


@lru_cache(maxsize=64)
def filler_for(kind: str) -> frozenset[str]:
    """Filler words for references of ``kind`` (generic ones + the kind's own words)."""
    return GENERIC_FILLER | KIND_FILLER.get(kind, frozenset()) | {singular(kind.lower()), kind.lower()}


@lru_cache(maxsize=16384)
def content_words(text: str, filler: frozenset[str]) -> tuple[str, ...]:
    """The words of ``text`` that are not filler (all words when everything is filler)."""
    all_words = words(text)
    kept = tuple(w for w in all_words if w not in filler)
    return kept or all_words


@lru_cache(maxsize=65536)
def word_similarity(ref: str, cand: str) -> float:
    """0-100: equal words 100, one typo 92 (words of 5+ letters), abbreviation (prefix of 3+ letters) 85,
    else fuzzy resemblance capped at 70."""
    if ref == cand:
        return 100.0
    longest = max(len(ref), len(cand))
    # Short words tolerate no typo: "ana"/"dana", "tea"/"team" are different words, not misspellings.
    allowed = 0 if longest <= 4 else 1 if longest <= 8 else 2
    distance = OSA.distance(ref, cand)
    if distance <= allowed:
        return 100.0 - 8.0 * distance
    if len(ref) >= 3 and len(cand) >= len(ref) + 2 and cand.startswith(ref) and not ref.isdigit():
        return 85.0
    # Anything else is resemblance, not the same word: kept below WORD_MATCH so it can rank
    # suggestions but never make a word count as present.
    return min(float(fuzz.ratio(ref, cand)), 70.0)


WORD_MATCH = 80.0
"""A reference word counts as present in a candidate when their similarity reaches this."""

EXACT_WORD = 90.0
"""The same word, or one typo away (92); an abbreviation (85) is present but not exact."""


def score_words(ref_words: Sequence[str], cand_words: Sequence[str]) -> float:
    """How well the reference words name the candidate words (0-100; see the module docstring)."""
    if not ref_words or not cand_words:
        return 0.0
    best = [max(word_similarity(r, c) for c in cand_words) for r in ref_words]
    whole = float(fuzz.token_sort_ratio(" ".join(ref_words), " ".join(cand_words)))
    if min(best) < WORD_MATCH:
        # Some reference word is absent from the candidate: only whole-string resemblance counts,
        # capped below any resolving threshold.
        return min(whole, 75.0)
    matched = {_best_word(r, cand_words) for r in ref_words}
    coverage = len(matched) / len(set(cand_words))
    aligned = sum(best) / len(best)
    return max(aligned * (0.8 + 0.2 * coverage), min(whole, 75.0))


def _best_word(ref: str, cand_words: Sequence[str]) -> str:
    return max(cand_words, key=lambda cand: word_similarity(ref, cand))


@lru_cache(maxsize=65536)
def score_text(reference: str, name: str, kind: str) -> float:
    """Score one reference against one candidate name, ignoring filler words for ``kind``."""
    filler = filler_for(kind)
    ref_words = content_words(reference, filler)
    cand_words = content_words(name, filler)
    if len(cand_words) > 8:
        # Long free text (a description): naming part of it is weak evidence, never decisive.
        return min(score_words(ref_words, cand_words), 70.0)
    return score_words(ref_words, cand_words)


def names_exactly(ref_words: Sequence[str], cand_words: Sequence[str]) -> bool:
    """The same words on both sides (after normalisation, in any order), nothing more: each word of
    the reference is a distinct word of the candidate, one typo allowed but no abbreviation
    ("Seating plan revie" names "Seating plan review" exactly, not "Seating plan review draft")."""
    if not ref_words or len(set(ref_words)) != len(set(cand_words)):
        return False
    remaining = list(dict.fromkeys(cand_words))
    for ref in dict.fromkeys(ref_words):
        match = next((cand for cand in remaining if word_similarity(ref, cand) >= EXACT_WORD), None)
        if match is None:
            return False
        remaining.remove(match)
    return True


@dataclass
class Scored:
    """A candidate with its score and the evidence behind it; ``exact`` when a name of it has exactly
    the reference's words."""

    id: str
    name: str
    score: float
    evidence: list[str] = field(default_factory=list)
    item: dict[str, object] = field(default_factory=dict)
    exact: bool = False


@dataclass(frozen=True)
class Decision:
    """The outcome of ranking: ``winner`` set, or ``tied`` (>= 2 close), or neither (nothing good)."""

    winner: Scored | None
    tied: list[Scored]
    ranked: list[Scored]


def rank(candidates: Iterable[Scored], *, threshold: float, margin: float) -> Decision:
    """One winner needs ``score >= threshold`` and a lead of at least ``margin`` over the runner-up.

    Everything within ``margin`` of a top score that reaches the threshold is a tie: the caller must
    ask, never pick. Inside a tie, exact matches beat partial ones: one exact match wins, several are
    the tie.
    """
    ranked = sorted(candidates, key=lambda s: (-s.score, s.name, s.id))
    if not ranked or ranked[0].score < threshold:
        return Decision(None, [], ranked)
    top = ranked[0].score
    close = [s for s in ranked if top - s.score < margin]
    if len(close) == 1:
        return Decision(ranked[0], [], ranked)
    exact = [s for s in close if s.exact and s.score >= threshold]
    if len(exact) == 1:
        exact[0].evidence.append("the only exact name among close candidates")
        return Decision(exact[0], [], ranked)
    return Decision(None, exact or close, ranked)
