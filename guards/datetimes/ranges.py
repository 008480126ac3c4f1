"""Expressions that relate two others: ranges (``from A to B``), offsets (``3 days after A``), and
spans fixed by a duration (``from 2pm for 2 hours``)."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from guards.datetimes import resolve
from guards.datetimes.lexicon import CARDINALS, UNIT_SECONDS, WEEKDAYS, alternation
from guards.datetimes.model import Grain, Point, Reading, TemporalExpression
from guards.datetimes.patterns import MOVED, MOVED_FROM
from guards.datetimes.spans import duration_parts

_RANGE_SEPARATOR = re.compile(r"^\s*(?P<sep>-|\u2013|~|to|until|till|thru|through|and)\s*$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?P<kw>\b(?:from|between))\s*$", re.IGNORECASE)
_MAX_READINGS = 8
# A datetime written clock first ("noon on Thursday", "4:30pm tomorrow"), not day first ("tomorrow 4:30pm").
_CLOCK_FIRST = re.compile(
    rf"(?:\d|noon\b|midday\b|midnight\b|half\b|quarter\b|(?:{alternation(CARDINALS)})\b)", re.IGNORECASE
)
# "move it from Thursday to Friday" names where an event goes, not a range.


_OFFSET_WORD = re.compile(r"^\s*(?P<dir>from|after|before|since)\s*$", re.IGNORECASE)
_DAY_OFFSET = re.compile(r"\bthe\s+day\s+(?P<dir>before|after)\s*$", re.IGNORECASE)


def _day_offset(text: str, expression: TemporalExpression, floor: int) -> TemporalExpression | None:
    """``the day before Christmas Eve``, ``the day after Thanksgiving``: one day from the date."""
    m = _DAY_OFFSET.search(text, floor, expression.span_start)
    if m is None or expression.grain not in ("date", "datetime"):
        return None
    step = timedelta(days=-1 if m["dir"].lower() == "before" else 1)
    readings = [Reading(value=r.value + step) for r in expression.readings if isinstance(r.value, date)]
    return replace(
        expression,
        text=text[m.start() : expression.span_end],
        span_start=m.start(),
        reading=readings[0],
        alternatives=tuple(readings[1:]),
    )


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_AFTER_OR_BEFORE = re.compile(r"\s*(?:after|before)\b", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(rf"(?:{alternation(WEEKDAYS)})\.?", re.IGNORECASE)


def _relative_to(text: str, first: TemporalExpression) -> tuple[bool, bool]:
    """``the Monday after ...``, ``the weekend before ...``: (a day counted from what follows, "the")."""
    named = _WEEKDAY_WORD.fullmatch(first.text) or first.text.lower() == "the weekend"
    lead = first.text.lower() == "the weekend" or _THE_BEFORE.search(text, 0, first.span_start)
    return bool(named and _AFTER_OR_BEFORE.match(text, first.span_end)), bool(lead)


def _day_from(text: str, first: TemporalExpression, second: TemporalExpression) -> TemporalExpression:
    """The Monday (or weekend) after or before the date ``second``: "the Monday after Thanksgiving"."""
    after = text[first.span_end : second.span_start].strip().lower() == "after"
    weekend = first.grain == "daterange"
    weekday = 5 if weekend else WEEKDAYS[first.text.lower().rstrip(".")]
    readings: list[Reading] = []
    for reading in second.readings:
        anchor = reading.value.date() if isinstance(reading.value, datetime) else reading.value
        if not isinstance(anchor, date):
            continue
        if after:
            day = anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
        else:
            latest = anchor - timedelta(days=2 if weekend else 1)  # a weekend before ends before the day
            day = latest - timedelta(days=(latest.weekday() - weekday) % 7)
        if weekend:
            readings.append(Reading(start=day, end=day + timedelta(days=2)))
        elif isinstance(reading.value, datetime):  # "the Friday before Christmas at 3pm"
            readings.append(Reading(value=datetime.combine(day, reading.value.timetz())))
        else:
            readings.append(Reading(value=day))
    lead = _THE_BEFORE.search(text, 0, first.span_start)
    start = lead.start() if lead and not weekend else first.span_start
    return TemporalExpression(
        text=text[start : second.span_end],
        span_start=start,
        span_end=second.span_end,
        grain="daterange" if weekend else second.grain,
        zone=second.zone,
        reading=readings[0],
        alternatives=tuple(readings[1:]),
        ambiguous=second.ambiguous,
    )


def apply_offsets(text: str, expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """``3 days after January 12th``, ``2 weeks before Christmas``: a duration moves the next date.

    ``the Monday after Thanksgiving`` and ``the weekend before Christmas`` count a weekday (or a
    weekend) from the date that follows; followed by anything else ("the Friday after the launch")
    the weekday is not read at all.
    """
    result: list[TemporalExpression] = []
    index = 0
    while index < len(expressions):
        first = expressions[index]
        second = expressions[index + 1] if index + 1 < len(expressions) else None
        gap = _OFFSET_WORD.match(text[first.span_end : second.span_start].lower()) if second else None
        counted, lead = _relative_to(text, first) if first.grain in ("date", "daterange") else (False, False)
        if (
            counted
            and second is not None
            and gap
            and gap["dir"] in ("after", "before")
            and second.grain in ("date", "datetime")
        ):
            if not (first.grain == "daterange" and second.grain == "datetime"):
                result.append(_day_from(text, first, second))  # (a weekend has no one time)
            index += 2
            continue
        if counted and lead:
            index += 1  # "the Friday after the launch": a day we cannot count
            continue
        parts = duration_parts(first.text) if first.grain == "duration" else None
        if second is not None and gap and parts and second.grain in ("date", "datetime"):
            previous = result[-1] if result else None
            if previous is not None and not text[previous.span_end : first.span_start].strip(" ,"):
                # "Sunday 3 weeks after January 15th": a day qualifies the result in a way we do not model
                result.pop()
                index += 2
                continue
            sign = -1 if gap["dir"] == "before" else 1
            try:
                values = [_shift(r.value, parts, sign) for r in second.readings if r.value is not None]
            except (OverflowError, ValueError):  # "9999 years before Friday" leaves the calendar: abstain
                index += 2
                continue
            result.append(
                TemporalExpression(
                    text=text[first.span_start : second.span_end],
                    span_start=first.span_start,
                    span_end=second.span_end,
                    grain=second.grain,
                    reading=Reading(value=values[0]),
                    alternatives=tuple(Reading(value=v) for v in values[1:]),
                    ambiguous=second.ambiguous,
                    zone=second.zone,
                )
            )
            index += 2
            continue
        floor = result[-1].span_end if result else 0
        result.append(_day_offset(text, first, floor) or first)
        index += 1
    return result


def _shift(point: Point, parts: list[tuple[float, str]], sign: int) -> Point:
    moved = point
    for amount, unit in parts:
        if unit in ("month", "year"):
            months = int(amount) * (12 if unit == "year" else 1) * sign
            if isinstance(moved, datetime):
                moved = datetime.combine(resolve.add_months(moved.date(), months), moved.timetz())
            elif isinstance(moved, date):
                moved = resolve.add_months(moved, months)
        elif isinstance(moved, date):
            moved = moved + sign * timedelta(seconds=amount * UNIT_SECONDS[unit])
    return moved


_RANGE_GRAINS: dict[str, Grain] = {"date": "daterange", "time": "timerange", "datetime": "datetimerange"}


def join_ranges(text: str, expressions: list[TemporalExpression], today: date) -> list[TemporalExpression]:
    """``from A to B`` / ``between A and B`` / ``A - B`` with A and B of the same grain become a range.

    A bare time paired with a datetime takes the datetime's day when it ends the range ("between
    2:00 tomorrow and 4:00") and today when it starts it ("from 2pm till tomorrow 4:30pm").
    """
    joined: list[TemporalExpression] = []
    index = 0
    while index < len(expressions):
        first = expressions[index]
        second = expressions[index + 1] if index + 1 < len(expressions) else None
        if second is not None and _joinable(first, second):
            separator = _RANGE_SEPARATOR.match(text[first.span_end : second.span_start])
            opener = _RANGE_OPENER.search(text[: first.span_start])
            between = opener is not None and opener["kw"].lower() == "between"
            moving = (
                MOVED_FROM.search(text[: opener.end("kw")])
                if opener is not None
                else separator is not None
                and separator["sep"].lower() == "to"
                and MOVED.search(text[: first.span_start])
            )
            if separator and (separator["sep"].lower() != "and" or between) and not moving:
                start_at = opener.start("kw") if opener else first.span_start
                shared = _day_of(second) if _CLOCK_FIRST.match(second.text) else None
                if shared:
                    # "from 10 to noon on Thursday": the day written last is the day of both ends (or,
                    # "from 10pm to 2am tomorrow", the start is the evening before)
                    start = _on_day_of(first, second, shared, shared - timedelta(days=1))
                else:
                    start = _on_day_of(first, second, min(today, _day_of(second) or today))
                # on each day the start may be, or the next ("Friday 10pm until 1am" ends on Saturday)
                start_days = [r.value.date() for r in first.readings if isinstance(r.value, datetime)]
                end_days = [d + timedelta(days=k) for d in start_days or [today] for k in (0, 1)]
                end = _on_day_of(second, first, *dict.fromkeys(end_days))
                joined.append(_range_of(text, start, end, start_at))
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def _joinable(first: TemporalExpression, second: TemporalExpression) -> bool:
    grains = {first.grain, second.grain}
    same = first.grain == second.grain and first.grain in (*_RANGE_GRAINS, "daterange")
    closed = first.grain != "daterange" or (first.end is not None and second.start is not None)
    return (same and closed) or grains == {"datetime", "time"}


def _day_of(expression: TemporalExpression) -> date | None:
    return expression.value.date() if isinstance(expression.value, datetime) else None


def _on_day_of(expression: TemporalExpression, other: TemporalExpression, *days: date) -> TemporalExpression:
    """A bare time paired with a datetime ("between now and 8 o'clock") becomes a datetime on ``days``."""
    anchor = other.value
    if expression.grain != "time" or not isinstance(anchor, datetime):
        return expression
    readings = [
        Reading(value=datetime.combine(day, r.value, anchor.tzinfo))
        for day in days
        for r in expression.readings
        if isinstance(r.value, time)
    ]
    return replace(expression, grain="datetime", reading=readings[0], alternatives=tuple(readings[1:]))


def _range_of(
    text: str, first: TemporalExpression, second: TemporalExpression, start_at: int
) -> TemporalExpression:
    if first.grain == "daterange":
        # "from March to May", "between 2007 and 2009": from the start of one period to the start of the other
        return _period_range(text, first, second, start_at)
    ends = [r.value for r in second.readings]
    if _weekly(ends):
        # "between Monday and Wednesday": the end weekday is the first one after the start.
        ends += [e + timedelta(days=7) for e in ends if isinstance(e, date)]
    readings: list[Reading] = []
    for a in first.readings:
        later = [b for b in ends if _before(a.value, b) and a.value != b]
        if later:
            readings.append(Reading(start=a.value, end=min(later, key=lambda b: _gap(a.value, b))))
    readings = readings or [Reading(start=first.value, end=second.value)]
    return TemporalExpression(
        text=text[start_at : second.span_end],
        span_start=start_at,
        span_end=second.span_end,
        grain=_RANGE_GRAINS[first.grain],
        reading=readings[0],
        alternatives=tuple(readings[1:_MAX_READINGS]),
        ambiguous=(first.ambiguous or second.ambiguous) and len(readings) > 1,
        zone=first.zone or second.zone,
    )


def _period_range(
    text: str, first: TemporalExpression, second: TemporalExpression, start_at: int
) -> TemporalExpression:
    readings = [
        Reading(start=a.start, end=b.start)
        for a, b in itertools.product(first.readings, second.readings)
        if _before(a.start, b.start) and a.start != b.start
    ] or [Reading(start=first.start, end=second.start)]
    return TemporalExpression(
        text=text[start_at : second.span_end],
        span_start=start_at,
        span_end=second.span_end,
        grain="daterange",
        reading=readings[0],
        alternatives=tuple(readings[1:_MAX_READINGS]),
        ambiguous=(first.ambiguous or second.ambiguous) and len(readings) > 1,
    )


def _weekly(points: list[Point | None]) -> bool:
    """Readings a week apart: the alternatives of a bare weekday."""
    days = [p for p in points if isinstance(p, date)]
    return len(days) == 2 and abs(days[0] - days[1]) == timedelta(days=7)


def _gap(a: Point | None, b: Point | None) -> float:
    if isinstance(a, date) and isinstance(b, date):
        return abs((b - a).total_seconds()) if isinstance(a, datetime) else abs((b - a).days)
    return 0.0


def _before(a: Point | None, b: Point | None) -> bool:
    if a is None or b is None:
        return True
    try:
        return a <= b  # type: ignore[operator]
    except TypeError:
        return True


_FOR = re.compile(r"^\s*,?\s*for\s*(?:about\s+|around\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"^\s*(?:from|starting(?:\s+at)?|beginning\s+at|at)\s*$", re.IGNORECASE)
_FOR_BEFORE = re.compile(r"\bfor\s*$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:from|starting(?:\s+at)?|beginning\s+at)\s*$", re.IGNORECASE)
_SPAN_GRAINS: dict[str, Grain] = {"time": "timerange", "datetime": "datetimerange"}


def apply_durations(text: str, expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """``from 2pm for 2 hours`` / ``for 2 hours from 2pm``: a start and a length make a range."""
    result: list[TemporalExpression] = []
    index = 0
    while index < len(expressions):
        pair = expressions[index : index + 2]
        span = _span_of(text, pair) if len(pair) == 2 else None
        if span is not None:
            result.append(span)
            index += 2
            continue
        result.append(expressions[index])
        index += 1
    return result


def _span_of(text: str, pair: list[TemporalExpression]) -> TemporalExpression | None:
    first, second = pair
    gap = text[first.span_end : second.span_start]
    opener = _FROM_BEFORE.search(text[: first.span_start])
    if first.grain in _SPAN_GRAINS and second.grain == "duration" and _FOR.match(gap) and opener:
        # "from 2pm for 2 hours" (while "at 2pm for 1 hour" stays a time and a duration)
        start, length, span_start = first, second, opener.start()
    elif (
        first.grain == "duration"
        and second.grain in _SPAN_GRAINS
        and _FROM.match(gap)
        and _FOR_BEFORE.search(text[: first.span_start])
    ):
        start, length = second, first
        span_start = _FOR_BEFORE.search(text[: first.span_start]).start()  # type: ignore[union-attr]
    else:
        return None
    if length.duration is None or length.duration >= timedelta(days=1):
        return None
    readings = [Reading(start=r.value, end=_plus(r.value, length.duration)) for r in start.readings]
    return replace(
        start,
        text=text[span_start : second.span_end],
        span_start=span_start,
        span_end=second.span_end,
        grain=_SPAN_GRAINS[start.grain],
        reading=readings[0],
        alternatives=tuple(readings[1:]),
        duration=length.duration,
    )


def _plus(point: Point | None, length: timedelta) -> Point | None:
    if isinstance(point, datetime):
        return point + length
    if isinstance(point, time):
        moved = datetime.combine(date(2000, 1, 1), point) + length
        return moved.time() if moved.date() == date(2000, 1, 1) else None
    return None
