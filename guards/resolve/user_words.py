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

from guards.call import PendingCall
from guards.context import GuardContext, ToolObservation
from guards.errors import is_error_payload
from guards.lookups import display_name, item_id, item_names
from guards.pack import ReferenceSpec
from guards.paths import iter_paths
from guards.resolve.errors import contradiction_error
from guards.resolve.event_hints import CONNECTORS, message_times
from guards.resolve.matching import (
    EXACT_WORD,
    WORD_MATCH,
    Decision,
    Scored,
    content_words,
    filler_for,
    word_similarity,
    words,
)
from guards.verdict import InterventionKind


def user_mention(
    choice: Scored, spec: ReferenceSpec, ctx: GuardContext, other_values: Sequence[str] = ()
) -> str | None:
    """The words of the user's messages that name ``choice`` only in part ("dana" for Dana Kim).

    ``None`` when there is nothing to check: no messages, the user's words contain the choice's ID or
    one of its names in full, or they name none of its words. The user's filler words name nothing
    ("the" abbreviates no "Theatre"), nor do lengths ("for 45 minutes" does not say "Partners Meeting -
    Minutes"), and words that another argument of the call already accounts for are not about this one
    (``other_values``: "cancel the tech scout" names the event "Tech scout", not the calendar
    "Location Scouts").
    """
    if not ctx.user_messages:
        return None
    if choice.id.lower() in "\n".join(ctx.user_messages).lower():
        return None
    messages = [message_times(message, ctx).without_lengths for message in ctx.user_messages]
    filler = _filler(spec)
    said_all = _words_without(messages, other_values) if other_values else _words_of("\n".join(messages))
    said = said_all - filler
    best: list[str] = []
    for name in item_names(choice.item, spec.lookup, primary_only=True) or [choice.name]:
        name_words = content_words(name, filler)
        matched = [(w, _said_as(w, said_all if w in filler else said)) for w in name_words]
        named = [(w, user_word) for w, user_word in matched if user_word is not None]
        if name_words and len(named) == len(name_words):
            if all(word_similarity(user_word, w) >= EXACT_WORD for w, user_word in named):
                return None
            # Said in full only by abbreviation ("Tomasz Shah" for Tomasz Shahani): the user's words
            # are checked like a partial mention, so an exact namesake of them wins.
            return " ".join(_as_written(user_word, ctx.user_messages) for _, user_word in named)
        if len(named) > len(best):
            best = [w for w, _ in named]
    return " ".join(_as_written(word, ctx.user_messages) for word in best) if best else None


def _said_as(name_word: str, said: frozenset[str]) -> str | None:
    """The user's word that says ``name_word`` (exactly, with a typo, or abbreviated), if any."""
    best = max(sorted(said), key=lambda word: word_similarity(word, name_word), default=None)
    return best if best is not None and word_similarity(best, name_word) >= WORD_MATCH else None


def _as_written(word: str, user_messages: Sequence[str]) -> str:
    """The user's own spelling of a normalised word ("Jonas" for "jona"), for messages that quote it."""
    for message in user_messages:
        for token in re.findall(r"[^\W_]+", message):
            if words(token) == (word,):
                return token
    return word


def _words_without(user_messages: Sequence[str], phrases: Sequence[str]) -> frozenset[str]:
    """The messages' words, every occurrence of each phrase's word sequence taken out."""
    needles = [tuple(words(p)) for p in phrases if isinstance(p, str) and not _ADDRESS_OR_ID.search(p)]
    needles = [n for n in needles if n]
    kept: list[str] = []
    for message in user_messages:
        said = words(message)
        drop: set[int] = set()
        for needle in needles:
            size = len(needle)
            for start in range(len(said) - size + 1):
                if tuple(said[start : start + size]) == needle:
                    drop.update(range(start, start + size))
        kept.extend(word for index, word in enumerate(said) if index not in drop)
    return frozenset(kept)


def longer_name_error(
    call: PendingCall,
    path: str,
    value: str,
    spec: ReferenceSpec,
    choice: Scored,
    listing: Sequence[dict[str, Any]],
    user_messages: Sequence[str],
) -> dict[str, Any] | None:
    """The error for a choice the user named only inside a longer name of another listed item."""
    longer = said_inside_another(choice.item, listing, spec, user_messages)
    longer_id = item_id(longer, spec.lookup) if longer is not None else None
    if longer is None or longer_id is None:
        return None
    name = display_name(longer, spec.lookup)
    message = (
        f"{value!r} in {path!r} is {choice.name} ({choice.id}), but the user's words name {name} "
        f"({longer_id}), whose name contains it."
    )
    return contradiction_error(call, path, value, spec, choice.name, longer_id, name, message)


def note_people_on_target(call: PendingCall, spec: ReferenceSpec, item: dict[str, Any]) -> None:
    """Remember the people already on a resource the call changes, and the timed item itself (see
    ``PendingCall``)."""
    if spec.lookup.time_fields:
        call.target_item = item
    for pattern in spec.lookup.people_fields:
        for _, person in iter_paths(item, pattern):
            if isinstance(person, str):
                call.people_on_target.add(person.lower())


def other_values(call: PendingCall, path: str, reference_patterns: Sequence[str]) -> list[str]:
    """The names in the call's other reference fields, and the names they carried before they were
    resolved. Only references: a title the agent composed ("Call with Dana") echoes the user's words,
    it does not account for them."""
    values = [
        v
        for pattern in reference_patterns
        for p, v in iter_paths(call.args, pattern)
        if p != path and isinstance(v, str)
    ]
    values += [
        i.before
        for i in call.interventions
        if i.kind == InterventionKind.RESOLVED and i.field != path and isinstance(i.before, str)
    ]
    return values


def said_inside_another(
    choice: dict[str, Any], items: Sequence[dict[str, Any]], spec: ReferenceSpec, user_messages: Sequence[str]
) -> dict[str, Any] | None:
    """The one item whose longer name the user said, when they said the choice's name only inside it:
    "the Q2 planning prep" names "Q2 Planning Prep", not "Q2 Planning" (quoted titles name nothing)."""
    unquoted = [QUOTED.sub(" ", message) for message in user_messages]
    said = said_phrases(unquoted)
    mine = name_phrases(choice, spec)
    if not says_any(mine, said):
        return None
    apart = named_apart(items, spec, unquoted)
    if any(item is choice for item in apart):
        return None
    longer = [item for item in apart if _inside(mine, name_phrases(item, spec))]
    return longer[0] if len(longer) == 1 else None


def named_by_user(
    items: Sequence[dict[str, Any]], spec: ReferenceSpec, user_messages: Sequence[str]
) -> list[dict[str, Any]]:
    """The items whose full name the user's messages contain as a phrase, word for word (case,
    possessives and plurals aside; no typo or abbreviation tolerance: a redirect or a block built on
    this must not be a guess), keeping only the most specific: "Team Offsite" said hides "Team"."""
    said = said_phrases(user_messages)
    phrases = {id(item): name_phrases(item, spec) for item in items}
    named = [item for item in items if says_any(phrases[id(item)], said)]
    return [
        item
        for item in named
        if not any(_inside(phrases[id(item)], phrases[id(other)]) for other in named if other is not item)
    ]


# Quoted text is a title the user is giving (a new event's), not a reference to an existing item; an
# apostrophe inside a word ("Jonas's") is no quote.
QUOTED = re.compile(
    r"(?<!\w)'[^']+?'(?!\w)|(?<!\w)\"[^\"]+?\"(?!\w)|\u201c[^\u201d]+\u201d|\u2018[^\u2019]+\u2019(?!\w)"
)


def beside_kind_word(message: str, match: re.Match[str], kind_words: set[str]) -> bool:
    """Is the quote right after or before a word of a kind the call refers to ("the 'Ops' calendar")?"""
    before = message[: match.start()].split()[-1:]
    after = message[match.end() :].split()[:1]
    return any(w.strip(".,;:!?").lower().rstrip("s") in kind_words for w in before + after)


# "the calendar I call 'Down south'", "a calendar named 'Ops'": the quote is what the user calls one.
_CALLED = re.compile(r"(?:\b(?:i|we|you)\s+(?:call|calls|called)|\b(?:called|named|nicknamed))\s*$", re.I)


def names_a_thing(message: str, match: re.Match[str], kind_words: set[str]) -> bool:
    """Is the quote a name the user uses for a thing of a kind the call refers to, not a title they
    give: beside the kind's word ("the 'Ops' calendar") or what they call one ("the calendar I call
    'Down south'"; "an event called 'X'" names no calendar)?"""
    if beside_kind_word(message, match, kind_words):
        return True
    before = message[: match.start()]
    cue = _CALLED.search(before)
    if cue is None:
        return False
    preceding = before[: cue.start()].split()[-3:]  # "the calendar (that) I call"
    return any(w.strip(".,;:!?").lower().rstrip("s") in kind_words for w in preceding)


def without_titles(message: str, kind_words: set[str]) -> str:
    """The message with its quoted titles taken out, keeping the quotes that name a thing of a kind
    in ``kind_words`` (see :func:`names_a_thing`)."""
    return QUOTED.sub(lambda m: m.group(0) if names_a_thing(message, m, kind_words) else " ", message)


_ADDRESS_OR_ID = re.compile(r"\S+@\S+|\b\S*\d\S*_\S+\b|\b[\w-]*\d[\w-]{6,}\b")


def said_words(user_messages: Sequence[str]) -> list[str]:
    """Every normalised word of the user's messages, once each, in order."""
    return sorted({word for message in user_messages for word in words(message)})


def said_phrases(user_messages: Sequence[str]) -> list[str]:
    """The messages as padded, normalised word sequences, with addresses and IDs taken out: an
    attendee's e-mail names a person, not the calendar that carries their name."""
    return [f" {' '.join(words(_ADDRESS_OR_ID.sub(' ', message)))} " for message in user_messages]


def name_phrases(item: dict[str, Any], spec: ReferenceSpec) -> list[str]:
    """The item's primary names as word phrases ("Customer Calls - EMEA" -> "customer call emea")."""
    return [" ".join(words(name)) for name in item_names(item, spec.lookup, primary_only=True) if words(name)]


def named_apart(
    items: Sequence[dict[str, Any]], spec: ReferenceSpec, user_messages: Sequence[str]
) -> list[dict[str, Any]]:
    """The items whose full name the user's messages contain as a phrase at least once *outside* a
    longer name that is also said: "move Client Calls to Client Calls - Weekend" names both,
    "the Q2 planning prep" names "Q2 Planning Prep" and not "Q2 Planning"."""
    said = said_phrases(user_messages)
    spans: list[tuple[int, int, int, int]] = []  # (message, start, end, item index)
    for index, item in enumerate(items):
        for phrase in name_phrases(item, spec):
            needle = f" {phrase} "
            for number, text in enumerate(said):
                start = text.find(needle)
                while start >= 0:
                    spans.append((number, start, start + len(needle), index))
                    start = text.find(needle, start + 1)
    named = {
        index
        for number, start, end, index in spans
        if not any(
            n == number and s <= start and end <= e and (e - s) > (end - start) for n, s, e, _ in spans
        )
    }
    return [items[index] for index in sorted(named)]


def said_word_for_word(
    matches: list[Scored], spec: ReferenceSpec, ctx: GuardContext, call: PendingCall
) -> Scored | None:
    """The one match whose full name the user said word for word, when the call does not already
    carry it elsewhere (then the agent's value is an extra, not a stand-in for it)."""
    named = named_apart([m.item for m in matches], spec, ctx.user_messages)
    if len(named) != 1:
        return None
    target = next(m for m in matches if m.item is named[0])
    carried = {text.lower() for text in strings_in(call.args)}
    return None if target.id.lower() in carried or target.name.lower() in carried else target


def break_tie_by_user_words(
    decision: Decision, items: Sequence[dict[str, Any]], spec: ReferenceSpec, ctx: GuardContext, path: str
) -> Decision:
    """Close candidates the agent's words do not tell apart, when the user's words name exactly one
    item of the whole listing and it is one of them ("the Q2 planning prep" beside "Q2 Planning"):
    that one. Not for an entry of a list (the one named may be another entry's), and not when the
    user names several items (a move names its source and its destination)."""
    if "[" in path or not decision.tied:
        return decision
    named = named_apart(items, spec, ctx.user_messages)
    if len(named) != 1:
        return decision
    winner = next((c for c in decision.tied if c.item is named[0]), None)
    if winner is None:
        return decision
    winner.evidence.append("the only item the user's words name")
    return Decision(winner, [], decision.ranked)


def says_any(phrases: Sequence[str], said: Sequence[str]) -> bool:
    """Does one of the padded, normalised messages in ``said`` contain one of ``phrases``?"""
    return any(f" {phrase} " in text for phrase in phrases for text in said)


def _inside(phrases: Sequence[str], others: Sequence[str]) -> bool:
    return any(p != o and f" {p} " in f" {o} " for p in phrases for o in others)


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
        texts = [t.lower() for t in strings_in(observation.result)]
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


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like result (a result that is JSON text is parsed first)."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith(("{", "[")):
            try:
                yield from strings_in(json.loads(stripped))
                return
            except json.JSONDecodeError:
                pass
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
