"""Clock times read with the part of the day around them: never a morning time for "night 9:30".

* A part of the day next to a time picks the readings inside it ("at 7 in the evening" -> 19:00,
  "night 10:15" -> 22:15). A time the part cannot hold ("10pm in the morning", "this morning at
  3pm") is a contradiction: the expression abstains.
* A meal before a bare hour in the same sentence is a part of the day too ("dinner at 8" -> 20:00,
  "breakfast at 7" -> 07:00), unless am/pm is written; the nearest meal counts ("breakfast at 7 and
  dinner at 7"). An event that leans to the evening ("party at 9") only doubts the morning reading:
  the evening one is preferred and the expression is ambiguous; waking ("wake me up at 5:30", "an
  alarm for 6") leans to the morning the same way.
* Small hours belong to the night before: "tonight at 1am" and "Friday night at 2" are the next
  calendar day, except when it is still that night now (it is 00:30 and "tonight at 1am").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from guards.datetimes import resolve
from guards.datetimes.lexicon import MEALS, alternation
from guards.datetimes.model import Atom

# (a British "wedding breakfast" is the meal after the ceremony, at any hour)
_MEAL_WORDS = alternation((*MEALS, "party", "parties", "gala", "concert", "gig", "wake", "alarm"))
_MEAL = re.compile(
    rf"\b(?<!wedding )(?P<meal>{_MEAL_WORDS})\b"
    r"(?=[^.!?\n]{0,40}$)",
    re.IGNORECASE,
)
MEAL_HOURS: dict[str, tuple[int, ...]] = {
    "breakfast": tuple(range(5, 11)),
    "brunch": tuple(range(9, 14)),
    "lunch": tuple(range(11, 16)),
    "dinner": tuple(range(17, 24)),
    "supper": tuple(range(17, 24)),
    "drinks": tuple(range(16, 24)),
    "cocktails": tuple(range(16, 24)),
}
# Events held mostly in the evening, but not only: they prefer the evening reading without settling it.
LEANING_HOURS: dict[str, tuple[int, ...]] = dict.fromkeys(
    ("party", "parties", "gala", "concert", "gig"), tuple(range(17, 24))
) | dict.fromkeys(("wake", "alarm"), tuple(range(3, 12)))
SMALL_HOURS_END = 5


def part_of(atoms: list[Atom]) -> str | None:
    """The part of the day an expression's atoms name ("tonight", "in the evening"), if any."""
    parts = [a.part for a in atoms if a.part and a.kind in ("part", "date", "time")]
    return parts[0] if parts else None


def meal_before(text: str, start: int) -> str | None:
    """The meal named earlier in the sentence ("dinner ... at 7"), if any."""
    found = list(_MEAL.finditer(text[max(0, start - 60) : start]))
    return found[-1]["meal"].lower() if found else None


_MEAL_AFTER = re.compile(
    rf"\s+for\s+(?:a\s+|an\s+|some\s+|the\s+)?(?P<meal>{alternation(MEALS)})\b", re.IGNORECASE
)


def meal_after(text: str, end: int) -> str | None:
    """The meal said right after the hour ("at 6 for drinks"), if any."""
    m = _MEAL_AFTER.match(text, end)
    return m["meal"].lower() if m else None


def fit_times(
    times: tuple[time, ...], fixed: bool, part: str | None, meal: str | None
) -> tuple[tuple[time, ...], bool]:
    """The readings the part of the day (or the meal) allows, and whether the words contradict each other."""
    if part is not None:
        hours = resolve.PART_HOURS[part]
        fitting = tuple(t for t in times if t.hour in hours or (t == time(0) and part == "night"))
        return fitting, not fitting
    if meal in LEANING_HOURS and not fixed:
        return _lean(times, LEANING_HOURS[meal]), False
    if meal is not None and not fixed:
        fitting = tuple(t for t in times if t.hour in MEAL_HOURS[meal])
        return (fitting or times), False
    return times, False


def _lean(times: tuple[time, ...], hours: tuple[int, ...]) -> tuple[time, ...]:
    return tuple(t for t in times if t.hour in hours) + tuple(t for t in times if t.hour not in hours)


def leans(meal: str | None, fixed: bool, readings: tuple[time, ...]) -> bool:
    """The word only leans one way ("party at 9"): the preference among ``readings`` is a guess."""
    if meal not in LEANING_HOURS or fixed or len(readings) < 2:
        return False
    return readings[0].hour in LEANING_HOURS[meal] and readings[1].hour not in LEANING_HOURS[meal]


def night_day(day: date, clock: time, part: str | None, now: datetime) -> date:
    """The calendar day of a small-hours time said of a night ("tonight at 1am" is tomorrow's 01:00)."""
    if part != "night" or clock.hour >= SMALL_HOURS_END:
        return day
    if day == now.date() and now.hour < SMALL_HOURS_END:
        return day  # it is already that night
    return day + timedelta(days=1)
