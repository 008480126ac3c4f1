"""Calendar arithmetic that turns partial dates and times into concrete candidates.

Every function returns its candidates preferred first plus whether that preference is a guess.
The conventions (documented in the README, section Datetimes):

* a date without a year is the nearest occurrence when one lies within ~3 months of today; otherwise
  the next occurrence is preferred but the reading is ambiguous (past and future both plausible);
* a bare weekday is its next occurrence (today counts), the previous one kept as an alternative;
* ``this <weekday>`` is that day of the current Monday-Sunday week, ``next``/``following`` of next
  week, ``last``/``previous`` of last week, ``past``/``this past`` the latest one before today,
  ``coming``/``upcoming`` the first one after today;
* a clock time without am/pm: 0 and 13-23 are 24-hour, a leading zero (``09:30``) is 24-hour,
  12 is noon, 8-11 read as morning and 1-5 as afternoon (working hours); 6 and 7 are ambiguous.
"""

from __future__ import annotations

import calendar
from datetime import date, time, timedelta

from guards.datetimes.lexicon import DAY_PARTS

NEAR_DAYS = 92


def safe_date(year: int, month: int, day: int) -> date | None:
    """``date(...)`` or ``None`` for an impossible date (Feb 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def yearless(month: int, day: int, today: date) -> tuple[tuple[date, ...], bool]:
    """Candidates for a month and day written without a year."""
    options = [d for d in (safe_date(today.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return (), False
    nearest = min(options, key=lambda d: abs((d - today).days))
    future = min((d for d in options if d >= today), default=nearest)
    past = max((d for d in options if d < today), default=nearest)
    if abs((nearest - today).days) <= NEAR_DAYS:
        other = past if nearest == future else future
        return (nearest, *([other] if other != nearest else [])), False
    return (future, past) if future != past else (future,), True


def month_of_year(month: int, today: date) -> tuple[int, bool]:
    """The year of a month named without a year: this year unless it is already over."""
    if month >= today.month:
        return today.year, month > today.month + 3
    return today.year + 1, True


def weekday_candidates(weekday: int, modifier: str, today: date) -> tuple[tuple[date, ...], bool]:
    """Candidates for ``[modifier] <weekday>``; see the module docstring for the conventions."""
    this_week = week_start(today) + timedelta(days=weekday)
    upcoming = today + timedelta(days=(weekday - today.weekday()) % 7)
    latest_past = today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    if modifier in ("", "on"):
        return (upcoming, upcoming - timedelta(days=7)), False
    if modifier in ("this",):
        if this_week >= today:
            return (this_week,), False
        return (this_week, this_week + timedelta(days=7)), True
    if modifier in ("next", "following", "the following"):
        next_week = this_week + timedelta(days=7)
        if this_week > today:
            return (next_week, this_week), True
        return (next_week,), False
    if modifier in ("last", "previous"):
        return (this_week - timedelta(days=7),), False
    if modifier in ("past", "this past"):
        return (latest_past,), False
    if modifier in ("coming", "this coming", "upcoming", "this upcoming"):
        after = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        return (after,), False
    raise ValueError(f"unknown weekday modifier {modifier!r}")


def week_offset(modifier: str) -> int:
    """``next week`` -> 1, ``last week`` -> -1, ``this week`` -> 0."""
    if modifier in ("next", "following", "the following", "coming"):
        return 1
    if modifier in ("last", "previous", "past"):
        return -1
    return 0


def day_of_month(day: int, today: date) -> tuple[tuple[date, ...], bool]:
    """``the 18th``: this month if still ahead (or today), else next month (and ambiguous)."""
    this_month = safe_date(today.year, today.month, day)
    if this_month is not None and this_month >= today:
        return (this_month,), False
    nxt = add_months(today.replace(day=1), 1)
    following = safe_date(nxt.year, nxt.month, day)
    options = tuple(d for d in (following, this_month) if d is not None)
    return options, True


def weekday_with_day(weekday: int, day: int, today: date) -> tuple[tuple[date, ...], bool]:
    """``Monday the 21st``: the nearest month whose ``day`` falls on ``weekday``.

    The reading when it lies within a month, or is the coming one within ~3 months; otherwise the
    next and the last are both readings (ambiguous), and one far day alone is none.
    """
    forward = [
        d
        for k in range(0, 14)
        if (d := safe_date(*divmod_month(today, k), day)) is not None and d.weekday() == weekday
    ]
    backward = [
        d
        for k in range(1, 14)
        if (d := safe_date(*divmod_month(today, -k), day)) is not None and d.weekday() == weekday
    ]
    future = next((d for d in forward if d >= today), None)
    past = max((d for d in backward + forward if d < today), default=None)
    # the coming day within ~3 months first ("Friday the 27th" on 5 March: 27 March, not 27 February)
    coming = future is not None and (future - today).days <= NEAR_DAYS
    options = sorted(
        (d for d in (future, past) if d is not None),
        key=lambda d: (not (coming and d == future), abs((d - today).days)),
    )
    # a past day a month or more back is seldom meant; a coming one within ~3 months is
    near = bool(options) and (
        abs((options[0] - today).days) <= 31
        or (options[0] >= today and (options[0] - today).days <= NEAR_DAYS)
    )
    if not near and len(options) < 2:
        return (), False  # "Friday the 31st" with no such Friday ahead: one far day is no reading of it
    return tuple(options), not near


def divmod_month(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + months
    year, month = divmod(index, 12)
    return year, month + 1


def clock_readings(
    hour: int, minute: int = 0, second: int = 0, meridiem: str | None = None, *, leading_zero: bool = False
) -> tuple[tuple[time, ...], bool, bool]:
    """Readings of a clock time: (times preferred first, ambiguous, meridiem fixed)."""
    if meridiem is not None:
        if not 1 <= hour <= 12:
            return (), False, True
        base = hour % 12 + (12 if meridiem == "pm" else 0)
        return (time(base, minute, second),), False, True
    if hour == 24 and minute == 0:
        return (time(0, 0, second),), False, True
    if not 0 <= hour <= 23:
        return (), False, False
    if hour == 0 or hour >= 13 or leading_zero:
        return (time(hour, minute, second),), False, True
    morning, evening = time(hour % 12, minute, second), time(hour % 12 + 12, minute, second)
    if hour == 12:
        return (time(12, minute, second), time(0, minute, second)), False, False
    if 8 <= hour <= 11:
        return (morning, evening), False, False
    if 1 <= hour <= 5:
        return (evening, morning), False, False
    preferred = (morning, evening) if hour == 7 else (evening, morning)
    return preferred, True, False


PART_HOURS: dict[str, tuple[int, ...]] = {
    "morning": tuple(range(0, 12)),
    "afternoon": tuple(range(12, 20)),
    "evening": tuple(range(16, 24)),
    "night": (*range(18, 24), *range(0, 5)),
}


def part_bounds(part: str, half: str | None = None) -> tuple[time, time]:
    """Clock bounds of a part of the day; ``early``/``late`` take its first or second half."""
    start_hour, end_hour = DAY_PARTS[part]
    middle = (start_hour + end_hour) // 2
    if half == "early":
        end_hour = middle
    elif half == "late":
        start_hour = middle
    return time(start_hour), time(23, 59, 59) if end_hour == 24 else time(end_hour)


def apply_part(times: tuple[time, ...], part: str) -> tuple[time, ...]:
    """The readings inside a part of the day ("at 7 in the evening" -> 19:00); none: a contradiction."""
    return tuple(t for t in times if t.hour in PART_HOURS[part])


def minutes_before(clock: time, minutes: int) -> time:
    """``clock`` less ``minutes``, across midnight ("quarter to midnight" is 23:45)."""
    total = (clock.hour * 60 + clock.minute - minutes) % (24 * 60)
    return time(total // 60, total % 60)
