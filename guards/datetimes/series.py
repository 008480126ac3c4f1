"""The clock times of a recurrence ("every Monday at 10am", "from 8 to 9am every weekday").

:func:`extract_datetimes` abstains on a recurrence as a whole: "every Monday" is no one date. Its time of
day is still what the user said, and grounding may use it the way it uses any time the user mentioned:
only to confirm a wall time the agent wrote with the wrong offset (``10:00Z`` for 10am local), never to
move or block a value. Only times with am/pm, "noon" or a 24-hour ``HH:MM`` count (a bare "at 10" is
either half of the day), and a text that names a zone or a person's time gives none: the clock would not
be the user's.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from guards.datetimes.dates import Scan
from guards.datetimes.owners import owner_atoms
from guards.datetimes.spans import says_recurrence
from guards.datetimes.zones import zone_atoms

_CLOCK = re.compile(
    r"(?<![\d:./-])(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*(?P<mer>[ap])\.?m\.?(?![a-z])"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])|(?P<noon>\bnoon\b))",
    re.I,
)


def series_clocks(text: str, now: datetime, tz: str | None = None) -> frozenset[time]:
    """The times of day ``text`` gives for a recurrence it describes (empty when it describes none)."""
    if not says_recurrence(text):
        return frozenset()
    scan = Scan(text.lower(), text, now, None, tz)
    if next(zone_atoms(scan), None) is not None or next(owner_atoms(scan), None) is not None:
        return frozenset()
    clocks = set()
    for match in _CLOCK.finditer(text):
        if match["noon"]:
            clocks.add(time(12, 0))
        elif match["h24"]:
            clocks.add(time(int(match["h24"]), int(match["m24"])))
        else:
            hour = int(match["h"]) % 12 + (12 if match["mer"].lower() == "p" else 0)
            clocks.add(time(hour, int(match["m"] or 0)))
    return frozenset(clocks)
