"""Recognisers for offsets from now, durations, time ranges, and calendar periods (weeks, months)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from guards.datetimes import resolve
from guards.datetimes.dates import Scan
from guards.datetimes.lexicon import QUANTITY_WORDS, UNIT_SECONDS, UNIT_WORDS
from guards.datetimes.model import Atom, Point
from guards.datetimes.patterns import (
    DAY_ORDINAL_NUMBER,
    DAY_WORD,
    HOUR_WORD,
    MERIDIEM,
    MERIDIEM_2,
    MONTH,
    MOVED,
    MOVED_FROM,
    QUANTITY,
    UNIT,
    WEEKDAY,
    meridiem_of,
    number_value,
)

# A further amount in a compound offset or duration; "1500 hrs" after "in a week" is a clock time.
_MORE = rf"(?!(?:[01]\d|2[0-3])[0-5]\d\s*(?:hours|hrs|hr|h)\b){QUANTITY}"
_NOW = re.compile(
    r"\b(?:(?:right\s+)?now|at\s+the\s+moment|at\s+present|at\s+the\s+present\s+time|"
    r"at\s+this\s+time(?!\s+(?:of|on|in|tomorrow|yesterday|next|last|every)\b))\b"
)
_OFFSET_IN = re.compile(
    rf"\b(?:in|within)\s+(?P<n>{QUANTITY})(?P<half>\s+and\s+a\s+half(?=\s))?\s*(?P<unit>{UNIT})\b"
    rf"(?P<tail>\s+and\s+(?:a\s+half|a\s+quarter|three\s+quarters)\b)?(?P<more>(?:,?\s+(?:and\s+)?{_MORE}\s*{UNIT}\b)*)"
    r"(?!\s+(?:ago|before|after|from|later|earlier|since))"
)
# A distance or a finished task before "in <n> minutes" makes it how long something took, not a time.
# "for the next two hours", "the next 30 minutes": from now, as "within" reads
_NEXT_HOURS = re.compile(rf"\bthe\s+next\s+(?P<n>{QUANTITY})\s*(?P<unit>minutes?|mins?|hours?|hrs?)\b")
_PACE_BEFORE = re.compile(
    r"(?:\b\d+(?:\.\d+)?\s*(?:k|km|kms|mi|miles?|kilomet(?:er|re)s?|laps?|lengths?|reps?)|"
    r"\b(?:a|one|the)\s+(?:mile|marathon|half\s+marathon|lap|length|race)|"
    r"\b(?:ran|swam|cycled|walked|did|finished|completed|solved)(?:\s+(?:it|that|this|them))?)\s+$"
)
_QUANTITY_UNIT = re.compile(rf"(?P<n>{QUANTITY})\s*(?P<unit>{UNIT})\b")
_OFFSET_AFTER = re.compile(
    rf"(?<!last )(?<!past )(?<!next )(?<!the )\b(?P<n>{QUANTITY})\s*(?P<unit>{UNIT})"
    rf"(?P<more>(?:,?\s+(?:and\s+)?{_MORE}\s*{UNIT}\b)*)\s+"
    r"(?P<dir>from\s+now|from\s+today|from\s+tomorrow|from\s+tmrw|"
    r"after\s+today|after\s+tomorrow|before\s+today|before\s+yesterday|before\s+tomorrow|after\s+yesterday|"
    r"from\s+yesterday|ago|later(?!\s+(?:this|in|today|tonight|on)\b)|earlier|hence|before|after)\b"
)
# (not after a slash, "paper 8461/1H", nor a reading with leading zeros, "04512 day": codes and meters)
_DURATION = re.compile(
    rf"(?<![\w./])(?!0\d\d)(?P<n>{QUANTITY})(?:\s*-\s*|\s*)(?P<unit>{UNIT})\b(?<!\d-h)(?P<half>\s+and\s+(?:a\s+half|half|a\s+quarter|three\s+quarters))?"
    rf"(?:(?:\s+and|,)?\s+(?P<n2>{_MORE})\s*(?P<unit2>{UNIT})\b(?!\s+(?:ago|later|earlier|hence|from)))?"
    # not since a time, nor an age ("9 yrs old", "4-6 weeks old"), a 4-H club or a school's "Year 2"
    r"(?!\s+since\b)(?!\s*-?\s*old\b)(?!\s+\d)"
)
_HOURS_MINUTES = re.compile(
    r"(?<![\w.:])(?P<h>\d{1,3})\s*h(?:rs?)?\s*(?P<m>[0-5]?\d)\s*m(?:ins?)?\b"
)  # "1h 35m"
_AND_A_HALF = re.compile(rf"\b(?P<n>{QUANTITY})\s+and\s+a\s+half\s+(?P<unit>{UNIT})\b")
_NOON_AFTER_KW = r"(?<=from )noon|(?<=between )noon"  # "from noon to 3"
# (not in an ISO 8601 timestamp: "2026-06-02T10:00-05:00" is a time and its offset)
_TIME_RANGE = re.compile(
    rf"(?:\b(?P<kw>from|between)\s+)?(?<![\d:./$+-])(?<!\dt)(?P<h1>[01]?\d|2[0-3]|{_NOON_AFTER_KW})"
    rf"(?:[:.](?P<m1>[0-5]\d))?\s*(?:{MERIDIEM})?"
    rf"\s*(?P<sep>-|\u2013|to|until|till|til|thru|through|and)\s*(?P<h2>[01]?\d|2[0-4])(?:[:.](?P<m2>[0-5]\d))?"
    rf"(?:\s*o'?\s?clock\b)?(?:\s*(?:{MERIDIEM_2}))?(?![\d/:]|[.-]\d|\s*(?:%|percent|people|min|hour|day|week|month|year|of\b|kg|kilos?|lbs?|g\b|km|"
    r"miles?|cm|mm|ml|litres?|liters?|guests|persons?|items?|pieces|copies|points?|pts|years?\s+old|"
    r"degrees?|deg\b|\u00b0|celsius|fahrenheit))"
)
# "from ten to twelve", "between nine and eleven": hour words need "from" or "between" ("ten to
# twelve" alone is 11:50) and, after them, a day or a part of the day, or am/pm ("we grew from ten
# to twelve" is no time).
_WORD_TIME_RANGE = re.compile(
    rf"\b(?P<kw>from|between)\s+(?P<h1>{HOUR_WORD})\s+(?P<sep>to|until|till|and)\s+(?P<h2>{HOUR_WORD}|noon)"
    rf"(?:\s*(?:{MERIDIEM_2}))?(?=\s*(?:on\b|{DAY_WORD}|this\b|next\b|in\s+the\b|{WEEKDAY}\b|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b|{MONTH}\.?\s+\d|"
    r"(?<=m)\s*(?:$|[.,;:!?)])))"
)
# The same after a day ("Friday from ten to twelve", "tomorrow between nine and eleven.").
_WORD_TIME_RANGE_AFTER_DAY = re.compile(
    rf"(?:\b(?:{WEEKDAY}|{DAY_WORD})|\d(?:st|nd|rd|th)|\b{MONTH}\.?\s+\d{{1,2}}|\d\s+{MONTH})\.?,?\s+"
    rf"(?P<kw>from|between)\s+(?P<h1>{HOUR_WORD})\s+(?P<sep>to|until|till|and)\s+(?P<h2>{HOUR_WORD}|noon)"
    r"(?=\s*(?:$|[.,;:!?)]|(?:is|are|works?|suits?|would|could|ok|okay|good|fine|free|open|please|if|then)\b))"
)
_DAY_JUST_BEFORE = re.compile(
    rf"\b(?:{WEEKDAY}|{DAY_WORD}|tea|lunch|dinner|breakfast|brunch|coffee|drinks|morning|afternoon|evening)\.?,?:?\s+$"
)
# "April 8 to 2pm": the 8 is April's day; "fri 30 jan 3-5pm": the month has its day, the 3 starts a range
# "Breakfast is served from 7 to 10.30", "the bar opens 5 to 11.30": hours of service
_SERVED_BEFORE = re.compile(
    r"\b(?:breakfast|brunch|lunch|dinner|served|serving|open|opens|opening\s+hours|kitchen|bar|happy\s+hour)\b"
    r"[^.,;!?\d]{0,20}$"
)
_MONTH_BEFORE = re.compile(rf"(?<!\d\s)(?<!\d(?:st|nd|rd|th)\s)\b{MONTH}\.?\s*$")
_PLURAL_WEEKDAYS = "mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays"
# Recurrences ("every Monday", "3pm daily", "Tuesdays"): the parser abstains on the whole expression.
_CLOCK_WORDS = r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|noon|midday|midnight)"
# "every Saturday from 10 to noon": the hours of a recurrence are part of it
_SET_HOURS = (
    rf"(?:,?\s+(?:from|between)\s+{_CLOCK_WORDS}\s*(?:to|-|\u2013|until|till|and)\s*{_CLOCK_WORDS}(?![\d:]))?"
)
_SET = re.compile(
    rf"\b(?:(?:every|each)\s+(?:other\s+|second\s+|single\s+)?(?:\w+\s+)?"
    rf"(?:days?|weeks?|months?|years?|mornings?|afternoons?|evenings?|nights?|weekdays?|weekends?|hours?|"
    rf"minutes?|{WEEKDAY}|{_PLURAL_WEEKDAYS})"
    rf"(?:\s*(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*|or\s+)(?:{WEEKDAY}|{_PLURAL_WEEKDAYS})\b)*|(?:once|twice|three\s+times)\s+(?:a|an|per|every)\s+\w+|"
    rf"everyday|daily|weekly|monthly|yearly|annually|biweekly|nightly|"
    rf"(?:on\s+)?(?:{_PLURAL_WEEKDAYS}|weekdays|weekends|weeknights|workdays)|"
    rf"(?:{WEEKDAY}|weekday|weeknight|weekend)\s+(?:mornings|afternoons|evenings|nights)|"
    # "at 6 pm on the 25th of every month": the day and its hour recur
    rf"(?:(?:at\s+)?{_CLOCK_WORDS}\s+on\s+)?(?:the\s+)?{DAY_ORDINAL_NUMBER}(?:\s+day)?\s+of\s+(?:every|each)\s+month)"
    rf"\b{_SET_HOURS}"
)


def says_recurrence(text: str) -> bool:
    """Does ``text`` describe a recurrence ("every Monday", "on Wednesdays", "daily")?"""
    return _SET.search(text.lower()) is not None


# No calendar request counts further than this ("in 99999999 hours" is no time anyone can book, and
# its arithmetic leaves the calendar): a larger quantity is not read at all.
MAX_QUANTITY = 10_000


def _quantity(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.strip())
    if text == "½":
        return 0.5
    if text in QUANTITY_WORDS:
        return QUANTITY_WORDS[text]
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value <= MAX_QUANTITY else None


def _unit_ok(raw_unit: str, quantity_text: str) -> bool:
    # One-letter units only straight after digits ("3h", not "a h").
    return len(raw_unit) > 1 or quantity_text.replace(".", "").isdigit()


def span_atoms(scan: Scan) -> Iterator[Atom]:
    """Offsets from now, durations, time ranges and calendar periods."""
    yield from _offsets(scan)
    yield from _durations(scan)
    yield from _time_ranges(scan)
    for m in _SET.finditer(scan.text):
        yield Atom("set", m.start(), m.end(), priority=5)


def _offsets(scan: Scan) -> Iterator[Atom]:
    now = scan.now
    for m in _NOW.finditer(scan.text):
        if not scan.text[: m.start()].rstrip().endswith(("by", "just")):
            yield Atom("point", m.start(), m.end(), points=(now,), priority=1)
    for m in _NEXT_HOURS.finditer(scan.text) if "next" in scan.text else ():
        if (n := _quantity(m["n"])) is not None and _unit_ok(m["unit"], m["n"]):
            delta = timedelta(seconds=n * UNIT_SECONDS[UNIT_WORDS[m["unit"]]])
            yield Atom("dtrange", m.start(), m.end(), duration=delta, priority=3)
    for m in list(_OFFSET_IN.finditer(scan.text)) + list(_OFFSET_AFTER.finditer(scan.text)):
        try:
            atom = _offset_atom(m, now, scan.text)
        except (OverflowError, ValueError):  # beyond the calendar ("in 9999 years"): abstain
            atom = Atom("void", m.start(), m.end(), priority=3)
        if atom is not None:
            yield atom


def _offset_atom(m: re.Match[str], now: datetime, text: str) -> Atom | None:
    """The atom of one "in 3 days" / "2 hours ago" / "within a week" match, if it is one."""
    n = _quantity(m["n"])
    if n is None or not _unit_ok(m["unit"], m["n"]) or m["n"] in ("a couple of",):
        return None
    unit = UNIT_WORDS[m["unit"]]
    if unit == "second" and m["n"] in ("a", "one") and not m.groupdict().get("more"):
        return None  # "back in a sec": shortly, not a time one second from now
    if m.groupdict().get("half"):
        n += 0.5  # "in two and a half hours"
    if m.groupdict().get("tail"):
        n += _fraction(m["tail"])  # "in an hour and a half", "in an hour and a quarter"
    direction = m.groupdict().get("dir") or "in"
    direction = re.sub(r"\s+", " ", direction)
    if direction in ("before", "after"):
        return None
    if direction == "in" and _PACE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None  # "a 5k in 25 minutes", "finished it in 10 minutes": how long it took (a duration)
    sign = -1 if direction in ("ago", "earlier") or direction.startswith("before") else 1
    base_day = {"tomorrow": 1, "tmrw": 1, "yesterday": -1}.get(direction.split(" ")[-1], 0)
    if unit in ("second", "minute", "hour") and direction.split(" ")[-1] in (
        "today",
        "tomorrow",
        "tmrw",
        "yesterday",
    ):
        return None  # "3 minutes from today" mixes a clock offset with a calendar day
    more = m.groupdict().get("more")
    if more:
        parts = [(n, unit)] + [
            (_quantity(p["n"]) or 0.0, UNIT_WORDS[p["unit"]]) for p in _QUANTITY_UNIT.finditer(more)
        ]
        if not base_day and all(u in ("second", "minute", "hour") for _, u in parts):
            # "in 1 hour and 15 minutes": elapsed time, like "in 75 minutes"; "within": a window
            delta = sign * timedelta(seconds=sum(q * UNIT_SECONDS[u] for q, u in parts))
            if m.group(0).startswith("within"):
                return Atom("dtrange", m.start(), m.end(), duration=delta, priority=3)
            return Atom("point", m.start(), m.end(), points=(now + delta,), duration=delta, priority=3)
        start = datetime.combine(now.date() + timedelta(days=base_day), now.time())
        point = _shifted(start, parts, sign)
        if any(u in ("second", "minute", "hour") for _, u in parts):
            return Atom("point", m.start(), m.end(), points=(point,), priority=3)
        return Atom("date", m.start(), m.end(), dates=(point.date(),), priority=3)
    if unit in ("second", "minute", "hour"):
        delta = sign * timedelta(seconds=n * UNIT_SECONDS[unit]) + timedelta(days=base_day)
        if m.group(0).startswith("within"):
            return Atom("dtrange", m.start(), m.end(), duration=delta, priority=3)
        return Atom("point", m.start(), m.end(), points=(now + delta,), duration=delta, priority=3)
    if n != int(n):  # "in a day and a half": no calendar day
        return Atom("void", m.start(), m.end(), priority=3) if direction == "in" else None
    day = now.date() + timedelta(days=base_day)
    if unit in ("day", "night"):
        day += timedelta(days=sign * int(n))
    elif unit in ("week", "fortnight"):
        day += timedelta(days=sign * int(n) * (14 if unit == "fortnight" else 7))
    else:
        day = resolve.add_months(day, sign * int(n) * (12 if unit == "year" else 1))
    if m.group(0).startswith("within"):
        return Atom("drange", m.start(), m.end(), ranges=((now.date(), day),), priority=3)
    return Atom("date", m.start(), m.end(), dates=(day,), priority=3)


def _fraction(words: str) -> float:
    """``and a half`` 0.5, ``and a quarter`` 0.25, ``and three quarters`` 0.75."""
    return 0.75 if "three" in words else 0.25 if "quarter" in words else 0.5


def _durations(scan: Scan) -> Iterator[Atom]:
    for m in _DURATION.finditer(scan.text):
        n = _quantity(m["n"])
        if n is None or not _unit_ok(m["unit"], m["n"]):
            continue
        unit = UNIT_WORDS[m["unit"]]
        if m["n"] in ("a", "an") and unit in ("second", "day", "night", "year", "month"):
            continue
        seconds = n * UNIT_SECONDS[unit]
        if m["half"]:
            seconds += UNIT_SECONDS[unit] * _fraction(m["half"])
        if m["n2"]:
            n2 = _quantity(m["n2"])
            if n2 is None:
                continue
            seconds += n2 * UNIT_SECONDS[UNIT_WORDS[m["unit2"]]]
        yield Atom("duration", m.start(), m.end(), duration=timedelta(seconds=seconds))
    for m in _HOURS_MINUTES.finditer(scan.text):
        seconds = int(m["h"]) * 3600 + int(m["m"]) * 60
        yield Atom("duration", m.start(), m.end(), duration=timedelta(seconds=seconds), priority=1)
    for m in _AND_A_HALF.finditer(scan.text):
        n = _quantity(m["n"])
        if n is not None:
            seconds = (n + 0.5) * UNIT_SECONDS[UNIT_WORDS[m["unit"]]]
            yield Atom("duration", m.start(), m.end(), duration=timedelta(seconds=seconds), priority=1)


def _time_ranges(scan: Scan) -> Iterator[Atom]:
    after_day = _WORD_TIME_RANGE_AFTER_DAY.finditer(scan.text)
    for m in (*_TIME_RANGE.finditer(scan.text), *_WORD_TIME_RANGE.finditer(scan.text), *after_day):
        g = m.groupdict()
        start = m.start("kw") if m.re is _WORD_TIME_RANGE_AFTER_DAY else m.start()
        clock_start = g.get("mer") or g.get("mer_short") or g.get("m1")
        if not clock_start and _MONTH_BEFORE.search(scan.text, max(0, m.start("h1") - 12), m.start("h1")):
            continue
        sep = m["sep"]
        if sep == "and" and m["kw"] != "between":
            continue
        if sep == "to" and not m["kw"] and MOVED.search(scan.text, 0, m.start()):
            continue  # "move my 4pm to 5": where the event goes, not a range
        if sep == "to" and m["kw"] == "from" and MOVED_FROM.search(scan.text, 0, m.end("kw")):
            continue  # "shift the standup from 9:15 to 9:45"
        mer1 = meridiem_of(g.get("mer_short"), g.get("mer"))
        mer2 = meridiem_of(g.get("mer2_short"), g.get("mer2"))
        if "." in m.group(0) and not (
            mer1
            or mer2
            or _DAY_JUST_BEFORE.search(scan.text, 0, start)
            or _SERVED_BEFORE.search(scan.text, 0, start)
        ):
            continue  # "2.50-3.50" is a number range, unless am/pm or a day says so ("Friday 10 to 11.30")
        h1, h2 = (12 if h == "noon" else number_value(h) for h in (m["h1"], m["h2"]))
        m1, m2 = int(g.get("m1") or 0), int(g.get("m2") or 0)
        evidence = bool(mer1 or mer2 or g.get("m1") or g.get("m2"))
        # The range is a guess only where one of its ends is (6 and 7 without am/pm).
        # "22:00 to 06:00": a leading zero is the 24-hour clock, as in a single time
        zero1, zero2 = (
            h.startswith("0") and len(h) == 2 and bool(g.get(k))
            for h, k in ((m["h1"], "m1"), (m["h2"], "m2"))
        )
        starts, guess1, fixed1 = resolve.clock_readings(h1, m1, 0, mer1, leading_zero=zero1)
        ends, guess2, fixed2 = resolve.clock_readings(h2, m2, 0, mer2, leading_zero=zero2)
        if m["h1"] == "noon":
            starts, guess1, fixed1 = (time(12, 0),), False, True
        if not starts or not ends:
            continue
        if mer2 and not mer1 and 1 <= h1 <= 12:
            same = resolve.clock_readings(h1, m1, 0, mer2)[0][0]
            other = resolve.clock_readings(h1, m1, 0, "am" if mer2 == "pm" else "pm")[0][0]
            starts = (same,) if same <= ends[0] else (other,)
        elif mer1 and not mer2 and 1 <= h2 <= 12 and not fixed2:
            # the nearer end after the start: "9am to 12" ends at noon, "10pm to 12" at midnight
            later = [e for e in ends if e > starts[0] or e == time(0)]
            ends = (min(later, key=lambda e: _minutes_after(starts[0], e)),) if later else ends
        pairs = _pair_readings(starts, ends, bool(mer1 or mer2 or (fixed1 and fixed2)))
        if guess1 and not evidence and len(pairs) == 1:
            pairs += _night_shift(starts, ends)  # "my Sat 6-2": 06:00-14:00 or 18:00-02:00
        yield Atom(
            "trange",
            start,
            m.end(),
            ranges=pairs,
            ranges_ambiguous=not evidence and len(pairs) > 1 and (guess1 or guess2),
            weak=not (evidence or m["kw"]),
            meridiem_fixed=bool(mer1 or mer2),
            priority=2 if evidence or m["kw"] or h1 % 12 < h2 % 12 else 0,
        )


def _minutes_after(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % (24 * 60)


def _night_shift(
    starts: tuple[time, ...], ends: tuple[time, ...]
) -> tuple[tuple[Point | None, Point | None], ...]:
    """The evening start and early end of a range whose start hour is a guess, if under 12 hours long."""
    late, early = max(starts), min(ends)
    minutes = 24 * 60 - (late.hour * 60 + late.minute) + early.hour * 60 + early.minute
    return ((late, early),) if early < late and minutes <= 12 * 60 else ()


def _pair_readings(
    starts: tuple[time, ...], ends: tuple[time, ...], fixed: bool
) -> tuple[tuple[Point | None, Point | None], ...]:
    pairs: list[tuple[Point | None, Point | None]] = []
    for start in starts:
        for end in ends:
            ordered = end > start or end == time(0)
            if (ordered or fixed) and (start, end) not in pairs and (ordered or not pairs):
                pairs.append((start, end))
    if not pairs:
        pairs.append((starts[0], ends[0]))
    pairs.sort(key=lambda p: (p[0] != starts[0], p[1] != ends[0]))
    return tuple(pairs)


def _shifted(start: datetime, parts: list[tuple[float, str]], sign: int) -> datetime:
    moved = start
    for amount, unit in parts:
        if unit in ("month", "year"):
            months = int(amount) * (12 if unit == "year" else 1) * sign
            moved = datetime.combine(resolve.add_months(moved.date(), months), moved.time())
        else:
            moved += sign * timedelta(seconds=amount * UNIT_SECONDS[unit])
    return moved


def duration_parts(text: str) -> list[tuple[float, str]] | None:
    """``"2 weeks and 3 days"`` -> ``[(2, "week"), (3, "day")]``; ``None`` when not a plain duration."""
    m = _DURATION.fullmatch(text.lower().strip())
    if m is None or m["half"]:
        return None
    parts: list[tuple[float, str]] = []
    for number, unit in ((m["n"], m["unit"]), (m["n2"], m["unit2"])):
        if number is None:
            continue
        amount = _quantity(number)
        if amount is None or (UNIT_WORDS[unit] in ("month", "year") and amount != int(amount)):
            return None
        parts.append((amount, UNIT_WORDS[unit]))
    return parts
