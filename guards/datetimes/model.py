"""The data the datetime parser passes around: atoms found in text, and resolved expressions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Literal

Point = date | time | datetime
Grain = Literal["date", "time", "datetime", "daterange", "timerange", "datetimerange", "duration"]
AtomKind = Literal[
    "date", "time", "part", "zone", "owner", "point", "trange", "drange", "duration", "set", "void", "dtrange"
]


@dataclass(frozen=True)
class Reading:
    """One way to read an expression: a point (``value``) or a range (``start``/``end``, either open)."""

    value: Point | None = None
    start: Point | None = None
    end: Point | None = None


@dataclass(frozen=True)
class TemporalExpression:
    """A temporal expression found in text and what it resolves to.

    ``start``/``end`` index ``text`` as in ``text[start:end]``. ``reading`` is the preferred reading;
    ``alternatives`` holds the other readings the words allow (past vs future, 3 vs 15 o'clock,
    month/day order). ``ambiguous`` is true when the preferred reading is a guess between them, so a
    caller that must not guess (:func:`normalize_datetime`) refuses it. ``zone`` is the IANA zone the
    text named ("3pm Tokyo time"); ``zone_offset`` the UTC offset in minutes an abbreviation asserts
    ("PST" = -480); ``zone_problem`` says why a named zone cannot be used ("CST" names two zones).
    Datetime values are aware (in ``zone`` or the reader's zone); dates and times are naive.
    ``conflict`` says what contradicts the preferred reading ("the weekday does not match the date").
    ``exact_instant`` marks values computed from the clock ("now", "in 2 hours") rather than read
    as wall-clock time. ``zone_owner`` holds the words naming whose time the text is in ("Jonas" in
    "9am Jonas's time", "her" in "her morning"): the zone is that person's, not the reader's. Unless a
    ``zone_for_owner`` resolver gave that zone (then ``zone`` is set to it), the readings are computed
    in the reader's zone and the expression is ambiguous, with ``zone_problem`` saying whose zone is
    needed.
    """

    text: str
    span_start: int
    span_end: int
    grain: Grain
    reading: Reading
    alternatives: tuple[Reading, ...] = ()
    ambiguous: bool = False
    duration: timedelta | None = None
    zone: str | None = None
    zone_offset: int | None = None
    zone_problem: str | None = None
    exact_instant: bool = False
    conflict: str | None = None
    zone_owner: str | None = None

    @property
    def value(self) -> Point | None:
        return self.reading.value

    @property
    def start(self) -> Point | None:
        return self.reading.start

    @property
    def end(self) -> Point | None:
        return self.reading.end

    @property
    def readings(self) -> tuple[Reading, ...]:
        """Every reading, the preferred one first."""
        return (self.reading, *self.alternatives)


@dataclass
class Atom:
    """A piece of a temporal expression: a date, a time of day, a part of the day, a zone, ...

    Candidate lists hold every reading, preferred first; ``*_ambiguous`` says whether the preferred
    one is a guess. ``set`` (a recurrence) and ``void`` (a date that does not exist, "Feb 30") atoms
    make the parser abstain on everything joined to them. The combiner joins neighbouring atoms
    into :class:`TemporalExpression` objects.
    """

    kind: AtomKind
    start: int
    end: int
    dates: tuple[date, ...] = ()
    dates_ambiguous: bool = False
    weekday: int | None = None
    weekday_only: bool = False
    day_of_month: int | None = None
    calendar: bool = False
    times: tuple[time, ...] = ()
    times_ambiguous: bool = False
    meridiem_fixed: bool = False
    part: str | None = None
    part_half: str | None = None
    zone: str | None = None
    zone_offset: int | None = None
    zone_owner: str | None = None
    points: tuple[datetime, ...] = ()
    ranges: tuple[tuple[Point | None, Point | None], ...] = ()
    ranges_ambiguous: bool = False
    duration: timedelta | None = None
    weak: bool = False
    joins_time: bool = True
    priority: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def length(self) -> int:
        return self.end - self.start

    def moved(self, start: int, end: int) -> Atom:
        return replace(self, start=start, end=end)
