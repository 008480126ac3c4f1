"""Parts of the day named in words: "in the morning", "this evening", "tomorrow afternoon", "Friday PM",
"the morning of the 12th", and a bare part right after a day ("Monday afternoon").

They become ``part`` atoms; the combiner joins them to a date and applies them to a clock time
(:mod:`guards.datetimes.dayparts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import DAY_PART_WORDS
from guards.datetimes.model import Atom
from guards.datetimes.patterns import DAY_WORD, WEEKDAY

_PART = re.compile(
    r"\b(?P<prefix>in\s+the|this|during\s+the|the\s+whole|all|at|in|early\s+in\s+the|late\s+in\s+the|early|late|later\s+in\s+the|"
    r"later\s+this|later\s+in\s+the|tomorrow|yesterday|last|next)\s+(?P<part>mornings?|afternoons?|evenings?|night|arvo)\b"
)
_BARE_PART = re.compile(r"\b(?P<part>morning|afternoon|evening|night|arvo|eve)\b")
# "Friday PM", "tomorrow a.m.": am/pm after a day is its morning or afternoon (in capitals or with
# dots, so that "Friday am I free?" stays a question).
# A dot only after a short name ("Wed. PM"): "on Wednesday. PM sync" ends a sentence first.
_DAY_MERIDIEM = re.compile(
    rf"(?i:\b(?:(?:{DAY_WORD}|{WEEKDAY})(?<![a-z]{{4}})\.|{DAY_WORD}|{WEEKDAY}))\s+(?P<mer>AM|PM|[aApP]\.[mM]\.)(?![\w.])"
)
# "the morning of the 12th", "the night of Friday": the part of that day (the date joins after "of").
_PART_OF = re.compile(
    r"\b(?:the\s+)?(?P<part>morning|afternoon|evening|night)(?=\s+of\s+(?:the\s+(?:\d|[a-z]+(?:st|nd|rd|th)\b)|"
    rf"this\s+|next\s+|tomorrow\b|today\b|{WEEKDAY}\b|\d))"
)


def part_atoms(scan: Scan) -> Iterator[Atom]:
    """``in the morning``, ``this evening``, ``tomorrow afternoon`` (the date joins in the combiner)."""
    for m in _PART.finditer(scan.text):
        part = DAY_PART_WORDS[m["part"]]
        prefix = re.sub(r"\s+", " ", m["prefix"])
        start = m.start("part") if prefix in ("tomorrow", "yesterday", "last", "next") else m.start()
        half = "early" if prefix.startswith("early") else "late" if prefix.startswith("late") else None
        atom = Atom("part", start, m.end(), part=part, part_half=half, priority=1)
        if prefix in ("this", "later this"):
            atom.dates = (scan.today,)
        if prefix == "last" and part == "night":
            atom.dates = (scan.today.fromordinal(scan.today.toordinal() - 1),)
            atom.start = m.start()
        yield atom
    for m in _DAY_MERIDIEM.finditer(scan.raw):
        part = "morning" if m["mer"][0].lower() == "a" else "afternoon"
        yield Atom("part", m.start("mer"), m.end("mer"), part=part, priority=2)
    for m in _PART_OF.finditer(scan.text):
        yield Atom("part", m.start(), m.end(), part=DAY_PART_WORDS[m["part"]], priority=2)
    # A bare part right after a day ("Monday afternoon", "mar4 night") only counts joined to that day.
    for m in _BARE_PART.finditer(scan.text):
        yield Atom("part", m.start(), m.end(), part=DAY_PART_WORDS[m["part"]], weak=True)
