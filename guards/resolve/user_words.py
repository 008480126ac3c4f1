"""Is a name the agent resolved grounded in what the user said?

The resolver turns an agent's name into one candidate. That the name is unique does not make it the
user's choice: the user says "Give Dana write access", there are two Danas, and the agent writes
"Dana Kim". This module finds the user's *mention* of the resolved candidate and the prior tool
results that could justify the agent's extra words; :func:`guards.resolve.references.resolve_reference` then
re-decides the mention with the resolver's own scoring and blocks when it does not single out the
agent's choice.

Deliberately conservative (a block must never be a guess either):

* the user's words naming one of the candidate's names in full, or containing its ID, ground it;
* user words naming none of the candidate's words say nothing about it (the name may come from a
  conversation the guard does not see): nothing is checked;
* a prior tool result (other than the agent's own directory search) that mentions the agent's choice
  and none of the other candidates the user's mention matches grounds the choice ("give the Dana on
  the offsite invite access" after reading that invite).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from guards.context import ToolObservation
from guards.errors import is_error_payload
from guards.lookups import item_names
from guards.pack import ReferenceSpec
from guards.resolve.event_hints import CONNECTORS
from guards.resolve.matching import WORD_MATCH, Scored, content_words, filler_for, word_similarity, words


def user_mention(choice: Scored, spec: ReferenceSpec, user_messages: Sequence[str]) -> str | None:
    """The words of the user's messages that name ``choice`` only in part ("dana" for Dana Kim).

    ``None`` when there is nothing to check: no messages, the user's words contain the choice's ID or
    one of its names in full, or they name none of its words.
    """
    if not user_messages:
        return None
    text = "\n".join(user_messages)
    if choice.id.lower() in text.lower():
        return None
    said = _words_of(text)
    filler = _filler(spec)
    best: list[str] = []
    for name in item_names(choice.item, spec.lookup, primary_only=True) or [choice.name]:
        name_words = content_words(name, filler)
        named = [w for w in name_words if _said(w, said)]
        if name_words and len(named) == len(name_words):
            return None
        if len(named) > len(best):
            best = named
    return " ".join(best) if best else None


def named_by_user(
    items: Sequence[dict[str, Any]], spec: ReferenceSpec, user_messages: Sequence[str]
) -> list[dict[str, Any]]:
    """The items whose name the user's words say in full (every content word of one of its names, or
    its ID), keeping only the most specific: "Team Offsite" said in full hides "Team"."""
    if not user_messages:
        return []
    text = "\n".join(user_messages)
    said = _words_of(text)
    filler = _filler(spec)
    found: list[tuple[dict[str, Any], frozenset[str]]] = []
    for item in items:
        key = item.get(spec.lookup.id)
        if isinstance(key, str) and key and key.lower() in text.lower():
            found.append((item, frozenset({key.lower()})))
            continue
        for name in item_names(item, spec.lookup, primary_only=True):
            name_words = frozenset(content_words(name, filler))
            if name_words and all(_said(w, said) for w in name_words):
                found.append((item, name_words))
                break
    return [item for item, named in found if not any(named < other for _, other in found)]


def singled_out(
    choice: Scored, others: Sequence[Scored], observations: Sequence[ToolObservation], spec: ReferenceSpec
) -> bool:
    """Did a prior tool result mention ``choice`` and none of ``others``?

    Results of the reference's own directory search are not evidence: they show what the agent
    searched for (its guess), not what the user asked about.
    """
    for observation in observations:
        if spec.lookup.query is not None and observation.tool_name == spec.lookup.tool:
            continue
        if isinstance(observation.result, dict) and is_error_payload(observation.result):
            continue
        texts = [t.lower() for t in _strings(observation.result)]
        if _mentions(texts, choice) and not any(_mentions(texts, other) for other in others):
            return True
    return False


def _filler(spec: ReferenceSpec) -> frozenset[str]:
    event_like = bool(spec.lookup.time_fields or spec.lookup.people_fields)
    return filler_for(spec.kind) | CONNECTORS if event_like else filler_for(spec.kind)


@lru_cache(maxsize=256)
def _words_of(text: str) -> frozenset[str]:
    return frozenset(words(text))


def _said(name_word: str, said: frozenset[str]) -> bool:
    # The user's word is the reference side: "eng" abbreviates "engineering", typos are tolerated.
    return any(word_similarity(word, name_word) >= WORD_MATCH for word in said)


def _mentions(texts: list[str], candidate: Scored) -> bool:
    ident = candidate.id.lower()
    name = candidate.name.strip().lower()
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") if name else None
    return any(ident in t or (pattern is not None and pattern.search(t)) for t in texts)


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like result (a result that is JSON text is parsed first)."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith(("{", "[")):
            try:
                yield from _strings(json.loads(stripped))
                return
            except json.JSONDecodeError:
                pass
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
