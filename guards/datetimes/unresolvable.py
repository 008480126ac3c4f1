"""Words attached to a date or time that leave it unresolvable: the parser abstains on the whole.

Precision first: resolving only the part the parser understood ("Friday" in "Friday-ish", "at 10"
in "Mittwoch at 10", "tomorrow at 9" in "tomorrow at 9 or 10") hands grounding a value the writer did not say.
Each of these words yields a ``void`` atom, and a void atom spoils every date or time joined to it.

* "-ish" after a day or a part of one ("Friday-ish", "tomorrow-ish", "evening-ish"): an approximate
  day is a guess between several. An approximate hour ("9ish", "noonish") stays that hour (times.py).
* A weekday, a day or a part of the day in another language ("Mittwoch at 10", "viernes 9am",
  "mañana at 5pm", "kal shaam 5 baje", "demain à 15h", "at 7 de la noche"): the day or the half of the
  day is unread, so the time resolved alone would fall on today, or on the wrong side of noon. South
  African "now now" (soon, some time) is no time either.
* A weekday counted in a way the weekday rules do not read: "Friday gone" (British: the last one),
  "last Friday but one" (the one before it).
* A week counted within a month ("the 1st week of Oct.", "the last week of July"): not read, so
  a weekday joined to it ("on Friday", "Friday of") would otherwise be this week's.
* A bare hour offered as another option ("tomorrow at 9 or 10"): the second hour borrows its day and
  half of the day from the first, so the first alone is half of what was said. Options that stand on
  their own ("9 am or 1 pm", "11/22 or 11/25") are separate expressions.

Vague hours that keep their day ("COB today", "lunchtime tomorrow") are no such words: the day is
read, and no clock time is made up for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.dates import Scan
from guards.datetimes.model import Atom
from guards.datetimes.patterns import HOUR_WORD, MONTH, MONTH_DOT, WEEKDAY

# "9ish" is a clock time (times.py); an approximate *day* or part of one is no value.
_ISH = re.compile(
    rf"\b(?:{WEEKDAY}|today|tomorrow|tonight|weekend|week|month|morning|afternoon|"
    r"evening)[-\s]?ish\b"
)
_FOREIGN_WEEKDAY = re.compile(
    r"\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lunes|martes|"
    r"mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì])\b"
)
# "Friday gone" (the last one, in British use), "last Friday but one": a weekday counted in a way
# the weekday rules do not read; the plain weekday would be the wrong week.
_COUNTED_WEEKDAY = re.compile(
    rf"\b(?:(?:last|this|next)\s+)?{WEEKDAY}\s+(?:(?:just\s+)?gone|but\s+(?:one|two))\b"
)
_WEEK_OF_MONTH = re.compile(
    r"\b(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last|final|penultimate)\s+(?:full\s+)?"
    rf"week\s+(?:of|in)\s+(?:{MONTH}{MONTH_DOT}|(?:this|next|last|the)\s+month)"
)
_ALTERNATIVE_HOUR = re.compile(
    rf"(?<=\d)\s+or\s+(?:at\s+)?(?:1[0-2]|0?[1-9]|{HOUR_WORD})"
    r"(?![\w:./]|\s*(?:[ap]\.?m\b|o'?\s?clock|(?:minute|min|hour|hr|day|week|time|people)s?\b|of\b|%))"
)


# Days and parts of the day in the languages multilingual writers mix into English, with the clock
# their language writes after a day ("demain à 15h", "morgen um 10 Uhr", "bukas ng 2pm").
_FOREIGN_DAY = re.compile(
    r"(?<![\w'\u2019])(?:pasado\s+ma[nñ]ana|ma[nñ]ana|hoy|ayer|anteayer|kal|parso|aaj|apr[eè]s-demain|demain|"
    r"aujourd'hui|hier|ce\s+soir|[uü]bermorgen|morgen|heute|gestern|depois\s+de\s+amanh[aã]|amanh[aã]|hoje|"
    r"ontem|bukas|mamaya|ngayon|kahapon|bukra|bokra|m[oô]re|vandag|now\s+now|"
    r"(?:segunda|ter[cç]a|quarta|quinta|sexta)(?:-feira)?)"
    r"(?:\s+(?:[aà]|a\s+las?|um|[aà]s|ng|alle|om)\s+\d{1,2}(?:[:.h]\d\d|h)?(?:\s*uhr|\s*[ap]\.?m\.?)?)?(?![\w'\u2019])"
)
_FOREIGN_PART = re.compile(
    r"\b(?:de\s+la\s+(?:noche|ma[nñ]ana|tarde)|raat\s+ko|shaam\s+ko|subah|shaam|raat|baje|du\s+soir|"
    r"du\s+matin|de\s+l'apr[eè]s-midi|abends|morgens|nachmittags|ng\s+(?:umaga|hapon|gabi)|"
    r"da\s+(?:manh[aã]|tarde|noite))\b"
)


def unresolvable_atoms(scan: Scan) -> Iterator[Atom]:
    """Void atoms over words that leave a neighbouring date or time without one meaning."""
    for pattern in (_FOREIGN_WEEKDAY, _FOREIGN_DAY, _FOREIGN_PART):
        for m in pattern.finditer(scan.text):
            yield Atom("void", m.start(), m.end(), priority=5)
    if " gone" in scan.text or " but " in scan.text:
        for m in _COUNTED_WEEKDAY.finditer(scan.text):
            yield Atom("void", m.start(), m.end(), priority=5)
    if "ish" in scan.text:
        for m in _ISH.finditer(scan.text):
            yield Atom("void", m.start(), m.end(), priority=5)
    if "week " in scan.text:
        for m in _WEEK_OF_MONTH.finditer(scan.text):
            yield Atom("void", m.start(), m.end(), priority=5)
    if " or " in scan.text and scan.digits:
        for m in _ALTERNATIVE_HOUR.finditer(scan.text):
            yield Atom("void", m.start(), m.end(), priority=5)
