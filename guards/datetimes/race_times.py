"""Lengths and positions in time written like clocks: paces, race times, tracks, video timestamps.

Runners and cyclists write lengths of time as clocks: "7:45 per mile", "5:30/km", "8:10 pace", "1:12
down", "broke 5:00 for the mile", "a split of 1:29:40", "21:04 then 20:51". Hundredths after the
seconds ("1:23.45", "1:58.6") belong to a stopwatch, never to a clock on the wall. Songs and videos do
the same: "a 4:33 track", "runs 3:45", "4:12 long", "at 3:45 in the VOD", "skip to 1:23:45", "the 3:30
mark". The parser abstains on all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guards.datetimes.model import Atom

_CLOCK = r"\d{1,2}:\d\d(?::\d\d)?"
# a pace or a gap after the clock: "7:45 per mile", "5:30/km", "8:10 pace", "1:12 down"
_PACE = re.compile(
    rf"\b{_CLOCK}(?:\s*(?:min(?:ute)?s?)?\s*/\s*(?:km|k|mi|mile|100\s*m|500\s*m)\b"
    r"|\s+(?:per|a|an|each)\s+(?:mile|km|kilometre|kilometer|k|100\s*m|500\s*m|lap|length)\b"
    r"|\s+(?:min(?:ute)?s?\s+)?(?:pace|splits?|down|behind|adrift|back|ahead|off\s+the\s+pace)\b)"
)
# a stopwatch's hundredths: "1:23.45", "2:08.31", "1:58.6"
_STOPWATCH = re.compile(r"(?<![\d:.])\d{1,2}:\d\d\.\d{1,3}(?![\d:])")
# a time run or ridden: "broke 5:00", "clocked 1:58", "a split of 1:29:40", "finished in 2:58:12", with
# any times listed after it ("21:04 then 20:51")
_RUN = re.compile(
    r"\b(?:broke|break|breaking|clocked|clocking|split\w*(?:\s+(?:it|was|of|is))?|finish(?:ed|ing)?\s+in|"
    r"ran|run|running|swam|rode|pb|pr|personal\s+best|season'?s\s+best|record\s+of|in\s+a\s+time\s+of|"
    r"time\s+of|dipped\s+under|went\s+under)[:\s]+(?:an?\s+|his\s+|her\s+|their\s+)?"
    rf"{_CLOCK}(?:\s*(?:,|then|and|/|->|\u2192)\s*{_CLOCK})*(?!\s*(?:[ap]\.?m\b|tomorrow|today|tonight|on\b))"
)


_MEDIA = (
    r"(?:vods?|videos?|clips?|trailers?|replays?|streams?|livestreams?|highlights?|highlight\s+reel|reels?|"
    r"recordings?|podcasts?|episodes?|songs?|tracks?|films?|movies?|interviews?|talks?|tapes?|footage)"
)
# a position in a recording, or its length: "at 3:45 in the VOD", "skip to 1:23:45", "the 3:30 mark",
# "a 4:33 track", "4:12 long", "the opener runs 3:45"
_IN_A_RECORDING = re.compile(
    rf"\b{_CLOCK}\s+(?:in|of|into)\s+(?:the\s+|this\s+|that\s+|his\s+|her\s+|my\s+|our\s+|their\s+)?"
    rf"(?:\w+\s+)?{_MEDIA}\b"
    rf"|\b(?:skip|jump|fast[\s-]?forward|rewind|scrub|seek|go)\s+(?:ahead\s+|back\s+)?to\s+{_CLOCK}"
    rf"|\bthe\s+{_CLOCK}\s+mark\b|\b{_CLOCK}\s+long\b"
    rf"|\ban?\s+{_CLOCK}\s+(?:\w+\s+)?(?:tracks?|songs?|tunes?|instrumentals?|epics?|singles?|cuts?|jams?|"
    r"intros?|outros?|ballads?|b-sides?|videos?|clips?|sets?|edits?|mix(?:es)?)\b"
    rf"|\b(?:runs|lasts|clocks\s+in\s+at)\s+{_CLOCK}(?!\s*(?:[ap]\.?m\b|to\b|-|until|till|on\b|tomorrow|today|tonight))"
)


def race_time_voids(text: str) -> Iterator[Atom]:
    """Void atoms over paces, gaps, splits and race times written like clocks."""
    if ":" not in text:
        return
    for pattern in (_PACE, _STOPWATCH, _RUN, _IN_A_RECORDING):
        for m in pattern.finditer(text):
            yield Atom("void", m.start(), m.end(), priority=5)
