"""Template text an agent left where a real ID belongs: ``<calendar_id>``, ``your_calendar_id``,
``{eventId}``, ``CALENDAR_ID``, ``xxx``, ``user@domain``.

The built-in patterns are the shapes of placeholders in general (brackets, template braces, shell
variables, SCREAMING_CASE field names, "your_...", "..._here", runs of x, generic e-mail local parts),
so they hold for any tool surface; a pack adds its own with ``placeholders``. A value that a tool
result or the user's words actually contain is never a placeholder, whatever its shape: callers check
their evidence first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guards.pack import DomainPack

BUILTIN_PLACEHOLDERS = (
    r"^\s*<[^<>]*>\s*$",  # <calendar_id>, <email>
    r"^\s*\{\{?[^{}]*\}?\}\s*$",  # {eventId}, {{calendar_id}}
    r"^\s*\[[^\[\]]*\]\s*$",  # [calendar id]
    r"^\s*\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\s*$",  # $CALENDAR_ID, ${EVENT_ID}
    r"^\s*%[A-Za-z_][A-Za-z0-9_]*%\s*$",  # %CALENDAR_ID%
    r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:ID|EMAIL|ADDRESS|NAME|KEY)S?$",  # CALENDAR_ID, USER_EMAIL
    r"^[a-z]+(?:_id|Id|_ID)$",  # calendar_id, eventId: the field's own name as its value
    r"(?i)^your[_\-. ]",  # your_calendar_id, your.email@...
    r"(?i)[_\- ]here$",  # calendar_id_here
    r"(?i)^(?:x{3,}|placeholder|tbd|todo|unknown|n/a|none|null|undefined|insert[_\- ].*)$",
    r"^[xX*#?.\-_…]{3,}$",  # xxx-xxx, ***, ..., ???
    r"(?i)^(?:user|email|e-mail|name|someone|somebody|person|attendee|guest|username|"
    r"first\.?last|firstname\.lastname|name\.surname|john\.doe|jane\.doe)@[^@\s]+$",
)


def is_placeholder(value: str, pack: DomainPack | None = None) -> bool:
    """True for template text in place of a real ID (built-in shapes plus the pack's patterns)."""
    extra = tuple(pack.placeholders) if pack is not None else ()
    return any(pattern.search(value) for pattern in _compiled(extra))


@lru_cache(maxsize=32)
def _compiled(extra: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for source in (*BUILTIN_PLACEHOLDERS, *extra):
        try:
            compiled.append(re.compile(source))
        except re.error:  # a pack pattern that does not compile matches nothing
            continue
    return tuple(compiled)
