"""The resolve stage: natural-language references become real IDs, by looking them up.

:func:`resolve_references` walks the pack's reference fields of a call; each value that is not already
a visible ID is matched (:mod:`.matching`) against the items the pack's lookup returns, narrowed by the
user's words (:mod:`.user_words`) and, for events, by the times they mention (:mod:`.event_hints`).
One clear match is a repair; several, none, or a guess is a structured error (:mod:`.misplaced` for IDs
seen under another resource).
"""

from guards.resolve.references import resolve_reference, resolve_references

__all__ = ["resolve_reference", "resolve_references"]
