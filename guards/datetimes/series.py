"""The clock times of a recurrence ("every Monday at 10am", "from 8 to 9am every weekday").

:func:`extract_datetimes` abstains on a recurrence as a whole: "every Monday" is no one date. Its time of
day is still what the user said, and grounding may use it the way it uses any time the user mentioned:
only to confirm a wall time the agent wrote with the wrong offset (``10:00Z`` for 10am local), never to
move or block a value. Only times with am/pm ("10am", "9:15am", "9.15am"), "noon" or a 24-hour
``HH:MM`` count (a bare "at 10" is either half of the day), and a text that names a zone gives none.
A text in one person's time ("Mondays at 8am Magnus's time") gives its clocks only to a caller that
knows that person's zone (``owned``; :func:`series_owner` says whose time it is): clocks in that zone.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from guards.datetimes.dates import Scan
from guards.datetimes.owners import owner_atoms
from guards.datetimes.spans import says_recurrence
from guards.datetimes.zones import zone_atoms

_CLOCK = re.compile(
    r"(?<![\d:./-])(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<mer>[ap])\.?m\.?(?![a-z])"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])|(?P<noon>\bnoon\b))",
    re.I,
)


def series_clocks(text: str, now: datetime, tz: str | None = None, *, owned: bool = False) -> frozenset[time]:
    """The times of day ``text`` gives for a recurrence it describes (empty when it describes none,
    or when they are in someone else's time and ``owned`` is false)."""
    if not says_recurrence(text):
        return frozenset()
    scan = Scan(text.lower(), text, now, None, tz)
    if next(zone_atoms(scan), None) is not None:
        return frozenset()
    if next(owner_atoms(scan), None) is not None and not (owned and series_owner(text, now, tz)):
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


def series_owner(text: str, now: datetime, tz: str | None = None) -> str | None:
    """Whose time a recurrence's clocks are in ("Mondays at 8am Magnus's time": "Magnus"): the one
    person named, as written; ``None`` for none, several, a zone, or an owned part of the day."""
    if not says_recurrence(text):
        return None
    scan = Scan(text.lower(), text, now, None, tz)
    if next(zone_atoms(scan), None) is not None:
        return None
    atoms = list(owner_atoms(scan))
    owners = {atom.zone_owner for atom in atoms}
    if len(owners) != 1 or any(atom.kind != "owner" for atom in atoms):
        return None
    return next(iter(owners))
