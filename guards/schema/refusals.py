"""What structure repair refuses to guess: the two cases it blocks instead of repairing.

* two aliases of one field with different values (``title`` and ``summary`` disagree): which one the
  agent meant is a guess;
* an unknown field that carries content (``"subject": "Budget review"``): dropping it would silently
  lose what the user asked for. Only flags and single-word settings nobody asked for are dropped.
"""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"[^\W\d_]{2,}")


class ConflictingAliases(Exception):
    """Two spellings of one field carry different values: which one the agent meant is a guess."""

    def __init__(self, field: str, names: list[str]) -> None:
        super().__init__(field)
        self.field = field
        self.names = names


class UnknownFieldWithContent(Exception):
    """An unknown field whose value is content: dropping it would change what the call means."""

    def __init__(self, field: str, value: str, missing: list[str]) -> None:
        super().__init__(field)
        self.field = field
        self.value = value
        self.missing = missing


def carries_content(value: Any, user_text: str) -> bool:
    """Text of two or more words, or a word the user said: what the call is about, not a setting."""
    if not isinstance(value, str):
        return False
    words = _WORD.findall(value)
    if len(words) >= 2:
        return True
    said = rf"(?<!\w){re.escape(value.strip().lower())}(?!\w)"
    return bool(words) and re.search(said, user_text) is not None
