"""A value a speaker takes back is no expression: "tuesday no sorry wednesday", "at seven, no, make that
eight", "the thirtieth sorry the thirty first".

Only the value said last stands; reading the one taken back would let a guard take it for the request.
An explicit "not Tuesday, Wednesday" is no repair: the writer names the day turned down on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guards.datetimes.model import TemporalExpression

# Nothing but a repair between two expressions (and the words that open the new value).
_REPAIR = re.compile(
    r"[\s,.;:-]*(?:no|nope|sorry|wait|oops|i\s+mean|make\s+(?:that|it)|or\s+rather|scratch\s+that|correction)"
    r"(?:[\s,.;:!-]+(?:no|sorry|wait|i\s+mean|make\s+(?:that|it)|rather|actually|i\s+meant))*"
    r"[\s,.;:!-]+(?:(?:it['\u2019]?s|its|on|at|the|for)\s+)*",
    re.IGNORECASE,
)


def without_taken_back(text: str, expressions: Sequence[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions, less each one a repair right after it takes back."""
    found = list(expressions)
    return [
        e
        for index, e in enumerate(found)
        if index + 1 == len(found) or _REPAIR.fullmatch(text, e.span_end, found[index + 1].span_start) is None
    ]
