"""What structure repair refuses to guess: the two cases it blocks instead of repairing.

* two aliases of one field with different values (``title`` and ``summary`` disagree): which one the
  agent meant is a guess;
* an unknown field the pack does not declare ignorable (``"subject": "Budget review"``,
  ``"until": "2026-03-06..."``, ``"hidden": true``, ``"expand_recurring": true``): dropping it would
  silently change what the call means, and which field it stands for is a guess. The error lists the
  tool's fields the call lacks, the required ones first (the unknown field most often stands for a field
  the call must have: ``attendees[].address`` for ``email``), then by resemblance, and names the
  required fields still missing, as the server would.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz


class ConflictingAliases(Exception):
    """Two spellings of one field carry different values: which one the agent meant is a guess."""

    def __init__(self, field: str, names: list[str]) -> None:
        super().__init__(field)
        self.field = field
        self.names = names


class UnknownField(Exception):
    """A field the tool does not have, which the pack does not declare ignorable."""

    def __init__(self, field: str, value: Any, missing: list[str], required_missing: list[str]) -> None:
        super().__init__(field)
        self.field = field
        self.value = value
        self.missing = missing
        self.required_missing = required_missing


def likeliest_fields(key: str, fields: list[str], required: frozenset[str] = frozenset()) -> list[str]:
    """``fields`` ordered required first, then by how much their name resembles ``key`` (shared
    words, then spelling)."""
    mine = set(_name_words(key))

    def closeness(field: str) -> tuple[bool, int, float]:
        shared = len(mine & set(_name_words(field)))
        return (field not in required, -shared, -fuzz.ratio(key.lower(), field.lower()))

    return sorted(fields, key=closeness)


def _name_words(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)]
