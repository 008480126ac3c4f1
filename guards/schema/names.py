"""Matching a misspelled tool name to the one tool it can only mean.

Agents write ``events.insert``, ``insert_event``, ``eventsInsert`` or ``create_event`` for
``events_insert``. A name is repaired only when exactly one known tool matches at the first level that
matches anything: same words ignoring case and separators, then the same set of (singular) words in any
order with a few verb synonyms, then a close fuzzy match with a clear margin over the runner-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from guards.schema.support import compact, name_tokens, singular

# Verbs that name the same operation in every API style we have seen. Only synonyms that cannot change
# meaning: "update" and "patch" are different operations, so they are not merged.
_VERB_SYNONYMS = {"create": "insert", "add": "insert", "new": "insert", "remove": "delete", "del": "delete"}

FUZZY_THRESHOLD = 88.0
FUZZY_MARGIN = 8.0
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class NameMatch:
    """The outcome of matching a tool name: one ``tool`` or none plus the nearest ``candidates``."""

    tool: str | None
    candidates: tuple[str, ...]
    how: str = ""
    ambiguous: bool = False


def _word_key(name: str) -> str:
    words = {_VERB_SYNONYMS.get(w, w) for w in (singular(t) for t in name_tokens(name))}
    return " ".join(sorted(words))


@lru_cache(maxsize=64)
def _index(tools: tuple[str, ...]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    by_compact: dict[str, list[str]] = {}
    by_words: dict[str, list[str]] = {}
    for tool in tools:
        by_compact.setdefault(compact(tool), []).append(tool)
        by_words.setdefault(_word_key(tool), []).append(tool)
    return by_compact, by_words


def match_tool_name(name: str, tools: Iterable[str]) -> NameMatch:
    """Find the single known tool that ``name`` means, or report the nearest candidates."""
    known = tuple(tools)
    if name in known:
        return NameMatch(name, (name,), "exact")
    by_compact, by_words = _index(known)
    for how, hits in (
        ("case/separators", by_compact.get(compact(name), [])),
        ("same words", by_words.get(_word_key(name), [])),
    ):
        if len(hits) == 1:
            return NameMatch(hits[0], tuple(hits), how)
        if len(hits) > 1:
            return NameMatch(None, tuple(sorted(hits)), ambiguous=True)
    keys = list(by_words)
    ranked = process.extract(_word_key(name), keys, scorer=fuzz.ratio, limit=MAX_CANDIDATES)
    candidates = tuple(tool for key, _score, _i in ranked for tool in by_words[key])[:MAX_CANDIDATES]
    if ranked:
        best_key, best, _ = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if best >= FUZZY_THRESHOLD and best - runner_up >= FUZZY_MARGIN and len(by_words[best_key]) == 1:
            return NameMatch(by_words[best_key][0], candidates, f"fuzzy ({best:.0f}/100)")
    shared = set(_word_key(name).split())
    overlapping = tuple(t for t in known if shared & set(_word_key(t).split()))
    return NameMatch(None, overlapping[:MAX_CANDIDATES] if overlapping else candidates)
