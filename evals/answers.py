"""Answer outcomes: what an agent's final answer did (asked, refused, reported), not how it said it.

A task that expects no write often has several right answers ("Which Team calendar?", "There are two
calendars called Team, which one?"). Checking fixed substrings fails the ones worded differently, so an
answer check can list the *outcomes* it accepts instead. An outcome is judged by the agent's
structured final status where the agent gives one (:func:`final_status_of`), and by phrases otherwise.

The phrases are deliberately broad: an outcome check tells a clarifying question from a confirmation
("Added 'Sync' to Team."), which none of them contains; it does not grade the quality of the prose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

Outcome = Literal["asked_for_clarification", "reported_no_access", "reported_not_found", "completed"]
OUTCOMES: tuple[str, ...] = get_args(Outcome)

FINAL_STATUS_KEY = "final_status"
"""Key of the structured final status in a final message's ``response_metadata`` or ``additional_kwargs``."""

OUTCOME_PHRASES: dict[str, tuple[str, ...]] = {
    "asked_for_clarification": (
        "which one",
        "which of",
        "which calendar",
        "which event",
        "which meeting",
        "which person",
        "did you mean",
        "do you mean",
        "clarify",
        "could you confirm",
        "can you confirm",
        "please confirm",
        "more than one",
        "multiple",
        "several",
        "there are two",
        "there are three",
        "found two",
        "found three",
        "ambiguous",
        "let me know which",
        "tell me which",
    ),
    "reported_no_access": (
        "access",
        "permission",
        "read-only",
        "read only",
        "not allowed",
        "can't",
        "cannot",
        "unable",
        "don't have",
        "do not have",
        "not authorized",
        "not authorised",
        "only view",
        "only see",
        "free/busy",
    ),
    "reported_not_found": (
        "can't find",
        "cannot find",
        "couldn't find",
        "could not find",
        "don't see",
        "do not see",
        "not found",
        "no such",
        "no calendar",
        "no event",
        "doesn't exist",
        "does not exist",
        "can't see",
        "cannot see",
        "no match",
    ),
    "completed": (
        "done",
        "added",
        "created",
        "scheduled",
        "booked",
        "moved",
        "updated",
        "deleted",
        "removed",
        "cancelled",
        "canceled",
        "shared",
        "invited",
    ),
}

_WORD_EDGE = re.compile(r"\w")


def _says(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` as whole words (``access`` is not in ``accessible`` ... but is
    in ``access.``), so short phrases do not fire inside longer words."""
    start = 0
    while True:
        index = text.find(phrase, start)
        if index < 0:
            return False
        before = text[index - 1] if index else " "
        after = text[index + len(phrase)] if index + len(phrase) < len(text) else " "
        if not (_WORD_EDGE.match(before) and _WORD_EDGE.match(phrase[0])) and not (
            _WORD_EDGE.match(after) and _WORD_EDGE.match(phrase[-1])
        ):
            return True
        start = index + 1


def phrased_outcomes(answer: str) -> set[str]:
    """The outcomes whose phrases the answer uses (an answer may say several things)."""
    text = " ".join(answer.casefold().split())
    found = {name for name, phrases in OUTCOME_PHRASES.items() if any(_says(text, p) for p in phrases)}
    if text.rstrip().endswith("?"):
        found.add("asked_for_clarification")
    return found


def judged_outcomes(answer: str, final_status: str | None = None) -> set[str]:
    """What the answer did: the agent's own status when it gave a known one, else the phrases."""
    if final_status in OUTCOMES:
        return {final_status}
    return phrased_outcomes(answer)


def accepts(accepted: Iterable[str], answer: str, final_status: str | None = None) -> bool:
    """True when the answer's judged outcomes include one of ``accepted``."""
    return bool(judged_outcomes(answer, final_status) & set(accepted))


def final_status_of(message: Any) -> str | None:
    """The structured final status an agent attached to its final message, if any.

    Looked for in ``response_metadata`` / ``additional_kwargs`` under :data:`FINAL_STATUS_KEY`, or as
    the ``status`` of a final answer that is a JSON object (``{"status": "reported_no_access", ...}``).
    """
    for attribute in ("response_metadata", "additional_kwargs"):
        data = getattr(message, attribute, None)
        if isinstance(data, Mapping) and isinstance(data.get(FINAL_STATUS_KEY), str):
            return str(data[FINAL_STATUS_KEY])
    text = getattr(message, "text", None)
    if isinstance(text, str) and text.strip().startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return None
        status = parsed.get("status") if isinstance(parsed, dict) else None
        return status if isinstance(status, str) else None
    return None
