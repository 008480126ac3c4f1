"""An answer that says a change was made must rest on a write that made it.

Agents skip a step, or call a read where a write belongs, and then answer as if the change were made:
"Deleted 'Budget workshop'." after only an ``events_get``. Nothing failed, so no check on a call sees
it. This check reads the final answer. Each sentence that *states* a change in the pack's words
(``claims``: "deleted", "moved", "shared", "no longer has access", "done", ...) needs a successful
call, anywhere in the conversation, of one of the writes that could have made it. When none
succeeded, the answer goes back to the agent as a ``precondition_error`` (reason ``claimed_not_done``)
that names those writes; the agent makes the change, or tells the user it was not made.

A word states a change only where it is told as an act of the agent's:

* at the start of a sentence ("Moved 'Sprint Demo' to 3pm."), after "I", "we", "I've", "I have"
  ("I've cancelled it"), or in the passive ("it has been moved", "was deleted", "is now shared");
* after a comma or "and" that follows such a claim ("Moved it, invited Sam and cancelled the prep");
* as a phrase that says it by itself ("Priya now has read access", "Sam no longer has access",
  "Done.", "All set").

Never read as a claim, so never checked (an answer without one always passes): a sentence with a
negation, a hedge, a condition or a question ("I couldn't delete it", "Shall I move it?", "If you
want I can share it", "It was already moved"); a state ("'Sync' is scheduled for 3pm", "the shared
calendar", "the event you added"); words inside a quoted title ("Deleted 'Cancelled flights
review'" claims one deletion). A claim is backed by any write the pack lists as able to make it
true ("moved": a patch, an update, a move, or a copy), so the check errs towards silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from guards.context import ToolObservation
from guards.errors import ErrorType, make_error
from guards.pack import ClaimSpec, DomainPack
from guards.recovery.classify import classify

ANSWER_TOOL = "final_answer"
"""The ``tool_name`` of an error about the agent's answer rather than a call."""

_QUOTED = re.compile(r"(?<![\w])'[^'\n]+'(?![\w])|\"[^\"\n]+\"|\u201c[^\u201d\n]+\u201d")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|,|\u241f")
TITLE = "\u241f"
"""What a quoted title becomes: one token that is neither a claim nor a hedge."""

_HEDGES = frozenset(
    {
        "not",
        "no",
        "never",
        "nothing",
        "none",
        "neither",
        "nor",
        "cannot",
        "unable",
        "failed",
        "fail",
        "sorry",
        "unfortunately",
        "would",
        "could",
        "should",
        "shall",
        "will",
        "can",
        "may",
        "might",
        "must",
        "if",
        "whether",
        "unless",
        "when",
        "once",
        "please",
        "let",
        "want",
        "like",
        "need",
        "needs",
        "require",
        "requires",
        "required",
        "already",
        "yet",
        "without",
        "instead",
        "try",
        "tried",
        "trying",
    }
)
_AGENT = frozenset({"i", "we", "i've", "we've"})
_PASSIVE = frozenset({"been", "was", "were", "got", "gotten"})
_ADVERBS = frozenset({"just", "also", "successfully", "then", "now"})
_OPENERS = frozenset({"ok", "okay", "sure", "great", "alright", "perfect", "and", "so", "yes", "also"})


@dataclass(frozen=True)
class Claim:
    """One statement in an answer that a change was made, and the writes that could back it."""

    says: str
    sentence: str
    done_by: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"says": self.says, "sentence": self.sentence, "done_by": list(self.done_by)}


def claims_in(answer: str, pack: DomainPack) -> list[Claim]:
    """The changes ``answer`` states as made, in the order it states them."""
    found: list[Claim] = []
    for sentence in _SENTENCE_END.split(answer.strip()):
        if sentence.strip():
            found += _sentence_claims(sentence.strip(), pack)
    return found


def unbacked_claims(
    answer: str,
    observations: Sequence[ToolObservation],
    pack: DomainPack,
    available: Iterable[str] | None = None,
) -> list[Claim]:
    """The claims of ``answer`` that no successful write among ``observations`` backs.

    ``available`` (the tools the agent has) narrows each claim's writes to those it could call; a
    claim none of whose writes the agent has is not asked of it.
    """
    done = {o.tool_name for o in observations if pack.is_write(o.tool_name) and _succeeded(o, pack)}
    usable = set(available) if available is not None else None
    missing: list[Claim] = []
    for claim in claims_in(answer, pack):
        tools = tuple(t for t in claim.done_by if usable is None or t in usable)
        if tools and not done & set(tools):
            missing.append(Claim(claim.says, claim.sentence, tools))
    return missing


def claim_error(claims: Sequence[Claim]) -> dict[str, Any]:
    """The ``precondition_error`` an answer with unbacked claims gets back."""
    first = claims[0]
    tools = sorted({tool for claim in claims for tool in claim.done_by})
    said = "; ".join(f"'{sentence}'" for sentence in dict.fromkeys(claim.sentence for claim in claims))
    return make_error(
        ErrorType.PRECONDITION,
        ANSWER_TOOL,
        f"Your answer says a change was made ({said}), but no call that makes it "
        f"({', '.join(first.done_by)}) succeeded in this conversation. Make the change now, "
        "or tell the user that it was not made.",
        details={
            "reason": "claimed_not_done",
            "claims": [claim.as_dict() for claim in claims],
            "use_tool": first.done_by[0],
            "writes_that_back_it": tools,
        },
        remediation=[
            f"Call {first.done_by[0]} (or another of: {', '.join(first.done_by[1:]) or 'none'}) to make "
            "the change, then answer.",
            "If the change cannot be made, say so instead of saying it was made.",
        ],
    )


def _succeeded(observation: ToolObservation, pack: DomainPack) -> bool:
    return classify(observation.result, observation.tool_name, pack.errors).ok


def _sentence_claims(sentence: str, pack: DomainPack) -> list[Claim]:
    if "?" in sentence:
        return []
    plain = sentence.replace("\u2018", "'").replace("\u2019", "'").lower()
    tokens = _TOKEN.findall(_QUOTED.sub(f" {TITLE} ", plain))
    claims: list[tuple[int, int, ClaimSpec, str]] = []
    for spec in pack.claims:
        for phrase, words in _phrases(spec):
            for start in _occurrences(tokens, words):
                claims.append((start, start + len(words), spec, phrase))
    claims = _longest_first(claims)
    covered = {i for start, end, _, _ in claims for i in range(start, end)}
    if any(_is_hedge(token) for i, token in enumerate(tokens) if i not in covered):
        return []
    kept: list[Claim] = []
    claimed_before = False
    writes = tuple(pack.writes)
    for start, _end, spec, phrase in sorted(claims, key=lambda c: c[0]):
        if _told_as_act(tokens, start, len(phrase.split()) > 1 or spec.done_by is None, claimed_before):
            claimed_before = True
            kept.append(Claim(phrase, sentence, tuple(spec.done_by or writes)))
    return kept


@lru_cache(maxsize=64)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(phrase.lower()))


def _phrases(spec: ClaimSpec) -> list[tuple[str, tuple[str, ...]]]:
    return [(phrase, _phrase_words(phrase)) for phrase in spec.says]


def _occurrences(tokens: Sequence[str], words: tuple[str, ...]) -> list[int]:
    size = len(words)
    return [i for i in range(len(tokens) - size + 1) if tuple(tokens[i : i + size]) == words]


def _longest_first(
    claims: list[tuple[int, int, ClaimSpec, str]],
) -> list[tuple[int, int, ClaimSpec, str]]:
    """Overlapping matches keep the longest ("no longer" over nothing, "pushed back" over "pushed")."""
    kept: list[tuple[int, int, ClaimSpec, str]] = []
    taken: set[int] = set()
    for claim in sorted(claims, key=lambda c: c[0] - c[1]):
        span = set(range(claim[0], claim[1]))
        if not span & taken:
            kept.append(claim)
            taken |= span
    return kept


def _is_hedge(token: str) -> bool:
    return token in _HEDGES or token.endswith(("n't", "'ll", "'d"))


def _told_as_act(tokens: Sequence[str], start: int, says_itself: bool, claimed_before: bool) -> bool:
    """Whether the claim word at ``start`` tells of the agent's act (see the module docstring)."""
    if says_itself:
        return True
    before = [t for t in tokens[:start] if t not in _ADVERBS]
    if not before or all(t in _OPENERS for t in before):
        return True
    previous = before[-1]
    if previous in _AGENT or previous in _PASSIVE:
        return True
    if previous in ("have", "has") and len(before) > 1 and before[-2] in _AGENT:
        return True
    if tokens[start - 1] == "now" and previous in ("is", "are"):
        return True
    return claimed_before and previous in (",", "and")
