"""Words around an expression that change what it means: open ranges, and context we cannot read.

* ``before 5pm``, ``since 2010``, ``after Feb 2018``, ``2012 or later`` turn a point or period into a
  range open at one end; a negation turns the bound round ("not before 10" opens at 10, "not after 5pm"
  ends at 5pm).
* ``the week of April 10th``, ``later this week``, ``end of 2000``, ``more than 2 weeks before
  today``, ``1990 s`` qualify an expression in ways this parser does not model: it abstains rather
  than answer with the bare inner expression.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from guards.datetimes.lexicon import CARDINALS, alternation
from guards.datetimes.model import Grain, Point, Reading, TemporalExpression
from guards.datetimes.patterns import DAY_WORD, HOUR_WORD, MOVE_VERB
from guards.datetimes.periods import week_containing, week_of_prefix
from guards.datetimes.tz_places import zone_info

_UPPER = re.compile(
    r"(?P<kw>\bno\s+later\s+than|\bnot\s+later\s+than|\bnot\s+after|\bas\s+late\s+as|\bearlier\s+than|\bbefore|\bb4|\buntil|\btill|\btil|"
    r"\bprior\s+to|\bup\s+to)\s*(?:around\s+|about\s+|the\s+year\s+)?$",
    re.IGNORECASE,
)
_LOWER = re.compile(
    r"(?P<kw>\bno\s+earlier\s+than|\bnot\s+earlier\s+than|\bnot\s+before|\bno\s+sooner\s+than|\bas\s+early\s+as|\blater\s+than|\bafter|\bsince|\bstarting(?:\s+(?:on|from|at))?|"
    r"\bbeginning(?:\s+(?:on|from|at))?|\bfrom)\s*(?:around\s+|about\s+|the\s+year\s+)?$",
    re.IGNORECASE,
)
_STARTS_AT_A_POINT = re.compile(
    r"(?:in\s|at\s|@|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\d{1,2}:\d\d|noon|midnight)", re.IGNORECASE
)
_CLAUSE_END = r"(?=\s*(?:$|[.,;:!?)]))"
_LOWER_AFTER = re.compile(
    rf"^\s*(?:(?:or|and)\s+(?:later|after|greater|onwards?|beyond)|onwards?){_CLAUSE_END}", re.IGNORECASE
)
_UPPER_AFTER = re.compile(rf"^\s*(?:or|and)\s+(?:earlier|before|sooner){_CLAUSE_END}", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:week|weekend|month)\s+(?:of|beginning|starting|commencing)(?:\s+on)?|\bw/c|\bend\s+of|\bstart\s+of|"
    r"\bbeginning\s+of|\bmiddle\s+of|\bmid-?|\bearly|\blate|\blater|\bearlier|\brest\s+of|\bremaining(?:\s+of)?|"
    r"\bremainder\s+of|\bmore\s+than|\bless\s+than|\bwithin|\bduring\s+the\s+first|\bq[1-4](?:\s+of)?|"
    r"\bquarter\s+of|\bfiscal|\bschool|\bacademic|\bhalf\s+of|\bh[12]|\bfirst|\blast|\bsecond|\bthird|\bfourth|"
    r"\b\d+(?:st|nd|rd|th)|\bnext|\bpast|\bprevious|\bsame|(?<!make )(?<!made )\bthat|"
    r"(?<!is )(?<!are )(?<!was )(?<!were )(?<!'s )(?<!'re )(?<!'m )\bcoming|"
    r"\bevery|\beach|\bin\s+the\s+next|\bwithin\s+the\s+next|\bthe\s+next)\s*(?:of\s+|the\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(
    r"^(?:\s*'?s\b|\s*-?\s*q[1-4]\b|\s+(?:through|thru)\b|\s+after\s+next\b|\s*~|\s+weekends?\b|\s+(?:first|second|third|last)\s+"
    r"(?:week|quarter|half)|\s+(?:ago|later|earlier)\b|\s+week\b(?!\s*end)|\s+of\s+(?:the\s+|this\s+|next\s+|last\s+)?"
    r"(?:month|year)\b|\s+(?:of\s+)?(?:"
    + "|".join(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
    + r")\b)",
    re.IGNORECASE,
)
_COUNTED_FROM = re.compile(
    rf"\b(?:\d+|an?|few|several|{alternation(CARDINALS)})\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\s+"
    r"(?:since|after|before|from)\s*(?:the\s+year\s+)?$",
    re.IGNORECASE,
)
_WEEKDAY_COUNTED_FROM = re.compile(
    r"\b(?:first|next|second|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(?:after|before)\s+$",
    re.IGNORECASE,
)
_POSSESSIVE_DAY = re.compile(r"^['\u2019][sS]\b")
# "Wednesday afternoon's no good": "'s" is "is", and the day part stays a time
_IS_AFTER = re.compile(
    r"^['\u2019]s\s+(?:no|not|fine|good|great|ok|okay|out|free|busy|better|best|bad|booked|taken|full|open|"
    r"clear|tricky|hard|difficult|impossible|looking|perfect|ideal|tight|packed)\b",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(
    rf"{DAY_WORD}|yesterday|(?:(?:this|next|last)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:this|next|last|coming)\s+(?:week|weekend|fortnight|month|year)|the\s+weekend|"
    r"in\s+(?:a|one|\d+)\s+(?:week|fortnight|month|year|day)"  # "in a week's time"
)
_DAY_GAP = re.compile(r"^[\s,]*(?:on\s+)?$", re.IGNORECASE)
_RANGE_OF: dict[str, Grain] = {
    "date": "daterange",
    "daterange": "daterange",
    "time": "timerange",
    "timerange": "timerange",
    "datetime": "datetimerange",
    "datetimerange": "datetimerange",
}


_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_TO_A_NUMBER = re.compile(rf"\s*(?:to|until|till|-|\u2013)\s*(?:\d|(?:{HOUR_WORD})\b)", re.IGNORECASE)


def apply_bounds(text: str, expressions: list[TemporalExpression], tz: str) -> list[TemporalExpression]:
    """Open ranges for ``before X``/``since X``/``X or later``; drop expressions we only half read.

    ``tz`` is the reader's zone, for datetimes built from a day and a bare time range.
    """
    result: list[TemporalExpression] = []
    for expression in expressions:
        before = text[max(0, expression.span_start - 40) : expression.span_start]
        after = text[expression.span_end : expression.span_end + 30]
        if _COUNTED_FROM.search(before):
            continue  # "in two years since 2011": an offset from X, not X itself
        if _WEEKDAY_COUNTED_FROM.search(before):
            continue  # "the first Monday after New Year's Day": a day counted from X that was not read
        week_of = week_of_prefix(before)
        if week_of is not None and expression.grain == "date":
            result.append(_week_of(text, expression, expression.span_start - len(before) + week_of.start()))
            continue
        if (_POSSESSIVE_DAY.match(after) and _DAY_WORD.fullmatch(expression.text.lower())) or _IS_AFTER.match(
            after
        ):
            result.append(expression)  # "tomorrow's review": the day, possessive; "Tuesday arvo's no good"
            continue
        if _FROM_BEFORE.search(before) and _TO_A_NUMBER.match(after):
            continue  # "from 4 to 6 people": a range whose other end was not read (or no time at all)
        bounded = _bounded(text, expression, before, after)
        if bounded is not None:
            result.append(bounded)
        elif expression.grain != "duration" and (
            _qualified_before(before, expression.text, _taken(expressions, expression, len(before)))
            or _QUALIFIER_AFTER.match(after)
        ):
            continue
        else:
            result.append(expression)
    return _attach_days(text, result, tz)


def _taken(
    expressions: list[TemporalExpression], expression: TemporalExpression, width: int
) -> frozenset[int]:
    """Offsets into the ``width`` characters before ``expression`` that another expression covers."""
    origin = expression.span_start - width
    return frozenset(
        at - origin
        for other in expressions
        if other is not expression
        for at in range(max(other.span_start, origin), min(other.span_end, expression.span_start))
    )


def _qualified_before(before: str, text: str, taken: frozenset[int] = frozenset()) -> bool:
    """A qualifier right before the expression; "that" only as its determiner ("that Friday"), not as a
    pronoun before a preposition ("working on that at the present time"); not a word of the expression
    before it ("Thu the 10th from quarter past nine": the ordinal is that date's). Early or late today
    ("the bus is late today") is still today."""
    m = _QUALIFIER_BEFORE.search(before)
    if m is None or m.start() in taken:
        return False
    if _EARLY_OR_LATE.fullmatch(m.group(0)) and text.lower() in ("today", "tonight"):
        return False
    return not (m.group(0).lower().startswith("that") and _STARTS_WITH_PREPOSITION.match(text))


# "not until 10:15" is when it happens; only right before "until" ("can't take calls until noon" bounds)
_NOT_BEFORE_UNTIL = re.compile(r"(?:\bnot|n['\u2019]t)\s+$", re.IGNORECASE)
_EARLY_OR_LATE = re.compile(r"(?:early|late)\s*", re.IGNORECASE)
_MOVED_UP = re.compile(rf"(?:-|{MOVE_VERB})up\s+to\s*(?:around\s+|about\s+)?$", re.IGNORECASE)
_STARTS_WITH_PREPOSITION = re.compile(r"(?:at|on|in|by|for|from|around|about)\b", re.IGNORECASE)


def _attach_days(text: str, expressions: list[TemporalExpression], tz: str) -> list[TemporalExpression]:
    """``tomorrow before 10am`` / ``before 4pm today``: a day next to an open time range dates it."""
    merged: list[TemporalExpression] = []
    index = 0
    while index < len(expressions):
        pair = expressions[index : index + 2]
        if len(pair) == 2 and _DAY_GAP.match(text[pair[0].span_end : pair[1].span_start]):
            day = next((e for e in pair if e.grain == "date"), None)
            clock = next((e for e in pair if e.grain == "timerange"), None)
            if day is not None and clock is not None and isinstance(day.value, date):
                merged.append(_dated(text, day, clock, pair[0].span_start, pair[1].span_end, tz))
                index += 2
                continue
            window = next((e for e in pair if e.grain == "datetimerange"), None)
            inside = _inside(window, clock, tz) if window is not None and clock is not None else None
            if inside is not None:
                merged.append(_dated(text, inside[0], inside[1], pair[0].span_start, pair[1].span_end, tz))
                index += 2
                continue
        merged.append(expressions[index])
        index += 1
    return merged


def _inside(
    window: TemporalExpression, clock: TemporalExpression, tz: str
) -> tuple[TemporalExpression, TemporalExpression] | None:
    """``tonight after 9``: the day of a one-day window, and the clock readings that fall within it.

    None unless the window is one day's part and some reading of the bound lies inside it.
    """
    start, end = window.reading.start, window.reading.end
    if window.ambiguous or not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    if start.date() != end.date():
        return None
    zone = zone_info(clock.zone or window.zone or tz)
    kept = [
        r
        for r in clock.readings
        if (bound := r.start if r.start is not None else r.end) is not None
        and isinstance(bound, time)
        and start <= datetime.combine(start.date(), bound, zone) <= end
    ]
    if not kept:
        return None
    day = replace(window, grain="date", reading=Reading(value=start.date()), alternatives=())
    clock = replace(clock, reading=kept[0], alternatives=tuple(kept[1:]), ambiguous=len(kept) > 1)
    return day, clock


def _dated(
    text: str, day: TemporalExpression, clock: TemporalExpression, start: int, end: int, tz: str
) -> TemporalExpression:
    zone = zone_info(clock.zone or day.zone or tz)

    def at(calendar_day: Point | None, value: Point | None) -> datetime | None:
        if isinstance(calendar_day, date) and isinstance(value, time):
            return datetime.combine(calendar_day, value, zone)
        return None

    def overnight(reading: Reading) -> bool:  # "Friday from 10pm until midnight" ends on Saturday
        return (
            isinstance(reading.start, time) and isinstance(reading.end, time) and reading.end <= reading.start
        )

    readings = [
        Reading(
            start=at(d.value, r.start),
            end=at(
                d.value + timedelta(days=1) if overnight(r) and isinstance(d.value, date) else d.value, r.end
            ),
        )
        for d in day.readings
        for r in clock.readings
    ]
    return replace(
        clock,
        text=text[start:end],
        span_start=start,
        span_end=end,
        grain="datetimerange",
        reading=readings[0],
        alternatives=tuple(readings[1:]),
        ambiguous=day.ambiguous or clock.ambiguous,
    )


def _bounded(text: str, expression: TemporalExpression, before: str, after: str) -> TemporalExpression | None:
    if expression.grain not in _RANGE_OF:
        return None
    lower, upper = _LOWER.search(before), _UPPER.search(before)
    # The longer keyword wins: "no later than" is an upper bound although it ends in "later than".
    if lower and upper:
        lower, upper = (None, upper) if upper.start() <= lower.start() else (lower, None)
    lead = lower or upper
    if (
        lead is not None
        and lead["kw"].lower().startswith("starting")
        and _STARTS_AT_A_POINT.match(expression.text)
    ):
        return None  # "starting in 10 minutes", "a 45-minute set starting at 6:15pm": when it starts, a point
    if (
        lead is not None
        and lead["kw"].lower() == "from"
        and not re.match(r"\s*onwards?\b", after, re.IGNORECASE)
    ):
        return None  # "from X" alone: the other end of the range is outside what we read
    if (
        lead is not None
        and lead["kw"].lower() in ("until", "till", "til")
        and _NOT_BEFORE_UNTIL.search(before, 0, lead.start("kw"))
    ):
        return None  # "sunset's not until 10:15 tonight": it happens then, a point
    if lead is not None and lead["kw"].lower().startswith("up") and _MOVED_UP.search(before):
        return None  # "shift the stand-up to 9:15", "move the call up to 3pm": where it goes, not a bound
    tail = _LOWER_AFTER.match(after) or _UPPER_AFTER.match(after)
    if lead is None and tail is None:
        return None
    upward = bool(lower or (lead is None and _LOWER_AFTER.match(after)))
    keyword = lead["kw"].lower() if lead is not None else ""
    inclusive = tail is not None or keyword.startswith(
        ("since", "starting", "beginning", "as early", "no earlier", "not earlier", "not before", "no sooner")
    )
    points = list(expression.readings)
    if keyword.startswith("since") and expression.grain == "date":
        # "since Monday": a bound in the past, so the earlier of a weekday's (or a yearless date's) days
        points.sort(key=lambda r: r.value if isinstance(r.value, date) else date.max)
    readings = [_open(r, upward, inclusive) for r in points]
    span_start = expression.span_start - len(before) + lead.start("kw") if lead else expression.span_start
    span_end = expression.span_end + tail.end() if tail else expression.span_end
    return replace(
        expression,
        text=text[span_start:span_end],
        span_start=span_start,
        span_end=span_end,
        grain=_RANGE_OF[expression.grain],
        reading=readings[0],
        alternatives=tuple(readings[1:]),
    )


def _week_of(text: str, expression: TemporalExpression, span_start: int) -> TemporalExpression:
    """``the week of April 10th``: the Monday-to-Monday week containing the day."""
    readings = [
        Reading(*(None, *week_containing(r.value))) for r in expression.readings if isinstance(r.value, date)
    ]
    return replace(
        expression,
        text=text[span_start : expression.span_end],
        span_start=span_start,
        grain="daterange",
        reading=readings[0],
        alternatives=tuple(readings[1:]),
    )


def _open(reading: Reading, upward: bool, inclusive: bool) -> Reading:
    """``after X`` starts where X ends; ``since X`` where it starts; ``before X`` ends where it starts."""
    first: Point | None = reading.value if reading.value is not None else reading.start
    last: Point | None = reading.value if reading.value is not None else reading.end
    if upward:
        is_period = reading.value is None
        return Reading(start=first if inclusive or not is_period else last)
    return Reading(end=first)
