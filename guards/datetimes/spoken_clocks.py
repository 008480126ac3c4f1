"""Clock times as speech-to-text writes them: a space where the colon goes.

"call mum at 6 30 this evening", "book a cab for 5 45 am tomorrow", "sunday at 11 30": the hour and
two digits of minutes, read as a clock only after a word that introduces a time ("at", "for", "by",
...) and before "am"/"pm" or a word that ends a time (a day, a part of the day, the end of the
clause). A day and a clock ("March 12 11 a.m."), phone numbers ("082 555 0134"), addresses ("unit 6
30 smith street") and counts ("for 4 30 minute slots") stay what they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.dates import Scan
from guards.datetimes.model import Atom
from guards.datetimes.patterns import MERIDIEM, TIME_FOLLOW, meridiem_of
from guards.datetimes.times import time_atom

_HOUR_MINUTES = r"(?P<h>1[0-9]|2[0-3]|0?[1-9])\s(?P<m>[0-5]\d)(?![\d:./-]|\s\d)"
_LEAD = r"(?:^|\b(?:at|for|by|around|about|until|till|from|to|say|is)\s+)"
_SPOKEN_WITH_MERIDIEM = re.compile(rf"{_LEAD}{_HOUR_MINUTES}\s*(?:{MERIDIEM})")
_SPOKEN_AFTER_LEAD = re.compile(rf"{_LEAD}{_HOUR_MINUTES}(?:(?=\s+at\s+night\b)|{TIME_FOLLOW})")


def spoken_clock_atoms(scan: Scan) -> Iterator[Atom]:
    """Clock times written with a space for the colon ("at 6 30 this evening", "5 45 am")."""
    if not scan.digits:
        return
    text = scan.text
    for m in _SPOKEN_WITH_MERIDIEM.finditer(text):
        if m["mer_short"]:
            continue  # "at 6 30 a" is no "a.m."
        atom = time_atom(m.start("h"), m.end(), int(m["h"]), int(m["m"]), 0, meridiem_of(None, m["mer"]))
        if atom:
            yield atom
    for m in _SPOKEN_AFTER_LEAD.finditer(text):
        leading_zero = m["h"].startswith("0")
        atom = time_atom(m.start("h"), m.end("m"), int(m["h"]), int(m["m"]), leading_zero=leading_zero)
        if atom:
            yield atom
