"""Join neighbouring atoms into expressions: weekday + date, date + time, the two ends of a range."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from guards.datetimes import dayparts, owners, resolve, zones
from guards.datetimes.lexicon import MEALS, alternation
from guards.datetimes.model import Atom, Grain, Point, Reading, TemporalExpression
from guards.datetimes.shared_abbreviations import AMBIGUOUS_ABBREVIATIONS, readings_in_each_zone
from guards.datetimes.tz_places import zone_info

# A meal or party between a day and its time belongs to both ("Christmas Eve dinner at 7").
_CONNECTOR = re.compile(  # ... and a day's time is that day's ("Thursday's 2:30", "tonight's 6pm")
    r"^(?:t|['\u2019]s\s+|[\s,\u00b7\u22c5\u2022|]*(?:(?:at|@|on|of|in|for|the|around|about|by|local|-|\u2013|\(|\)|"
    rf"{alternation((*MEALS, 'party'))})[\s,]*){{0,3}})$",
    re.IGNORECASE,
)
_MAX_READINGS = 8
_ABSTAIN = frozenset({"set", "void"})
_ALONE = frozenset({"drange", "duration", "dtrange"})


@dataclass
class Cluster:
    atoms: list[Atom] = field(default_factory=list)

    def role(self, kind: str) -> list[Atom]:
        return [a for a in self.atoms if a.kind == kind]

    @property
    def start(self) -> int:
        return min(a.start for a in self.atoms)

    @property
    def end(self) -> int:
        return max(a.end for a in self.atoms)


def select(atoms: list[Atom]) -> list[Atom]:
    """Drop atoms overlapping a longer (or, at equal length, higher-priority) atom."""
    chosen: list[Atom] = []
    for atom in sorted(atoms, key=lambda a: (-a.length, -a.priority, a.start)):
        if all(atom.end <= c.start or atom.start >= c.end for c in chosen):
            chosen.append(atom)
    return sorted(chosen, key=lambda a: a.start)


def _joinable(cluster: Cluster, atom: Atom) -> bool:
    kinds = [a.kind for a in cluster.atoms]
    if atom.kind == "duration" or "duration" in kinds:
        return False  # "every Monday at 10 for 45 minutes": the length stands apart from the recurrence
    if (atom.kind == "void" and atom.weak) or any(a.kind == "void" and a.weak for a in cluster.atoms):
        return False  # a name that merely contains a day ("the Christmas party") spoils no neighbour
    if atom.kind in _ABSTAIN or _ABSTAIN & set(kinds):
        return True
    if atom.kind in _ALONE or _ALONE & set(kinds):
        return False
    if atom.kind == "point" or "point" in kinds:
        return atom.kind in ("zone", "owner")
    if atom.kind == "date":
        dates = cluster.role("date")
        if not dates:
            return True
        return len(dates) == 1 and (dates[0].weekday is not None) != (atom.weekday is not None)
    if atom.kind == "time":
        return "time" not in kinds and "trange" not in kinds
    if atom.kind == "trange":
        return "time" not in kinds and "trange" not in kinds
    return atom.kind not in kinds


def cluster_atoms(text: str, atoms: list[Atom]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for atom in atoms:
        last = clusters[-1] if clusters else None
        gap = text[last.end : atom.start] if last else ""
        if (
            atom.kind == "part"
            and atom.weak
            and not (last and last.atoms[-1].kind == "date" and gap.strip() == "")
        ):
            continue  # a bare "morning" only qualifies the day written right before it
        if last and _CONNECTOR.match(gap) and _joinable(last, atom):
            last.atoms.append(atom)
        else:
            clusters.append(Cluster([atom]))
    return clusters


def _zone_problem(cluster: Cluster) -> str | None:
    for atom in cluster.role("zone"):
        if atom.zone and atom.zone.startswith("?"):
            names = AMBIGUOUS_ABBREVIATIONS[atom.zone[1:]]
            return f"'{atom.zone[1:].upper()}' names more than one time zone: {' or '.join(names)}"
    return None


def _zone_of(cluster: Cluster, default: str) -> tuple[tzinfo, str, bool]:
    """(tzinfo, zone name, explicit) for a cluster; ``?cst``-style (ambiguous) names are ignored here."""
    zones = cluster.role("zone")
    if not zones or zones[0].zone is None or zones[0].zone.startswith("?"):
        return zone_info(default), default, False
    zone = zones[0]
    assert zone.zone is not None
    if zone.zone == "UTC" and zone.zone_offset:
        hours, minutes = divmod(abs(zone.zone_offset), 60)
        sign = "-" if zone.zone_offset < 0 else "+"
        return timezone(timedelta(minutes=zone.zone_offset)), f"UTC{sign}{hours:02d}:{minutes:02d}", True
    return zone_info(zone.zone), zone.zone, True


def _dates(cluster: Cluster) -> tuple[tuple[date, ...], bool, str | None]:
    """(candidate dates, ambiguous, conflict); no dates with a conflict means: abstain."""
    dates = cluster.role("date")
    if not dates:
        # a day the words imply when none is written: "this morning", "end of day" (today)
        parts = [p for p in cluster.role("part") + cluster.role("time") if p.dates]
        return (parts[0].dates, False, None) if parts else ((), False, None)
    if len(dates) == 1:
        return dates[0].dates, dates[0].dates_ambiguous, None
    weekday_atom = next(a for a in dates if a.weekday is not None)
    date_atom = next(a for a in dates if a.weekday is None)
    assert weekday_atom.weekday is not None
    matching = tuple(d for d in date_atom.dates if d.weekday() == weekday_atom.weekday)
    agrees = weekday_atom.weekday_only or any(d in weekday_atom.dates for d in matching)
    if matching and agrees and (date_atom.dates_ambiguous or matching[0] == date_atom.dates[0]):
        return matching + tuple(d for d in date_atom.dates if d not in matching), False, None
    conflict = "the weekday does not match the date"
    if date_atom.calendar:
        return date_atom.dates, True, conflict  # the written date wins, flagged as contradicted
    return (), True, conflict


def _times(cluster: Cluster, text: str) -> tuple[tuple[time, ...], bool, bool]:
    """(clock readings, ambiguous, contradicted) of the cluster's time, read with its part of the day."""
    times = cluster.role("time")
    if not times:
        return (), False, False
    atom = times[0]
    part = dayparts.part_of([a for a in cluster.atoms if a is not atom])
    meal = None if part else dayparts.meal_before(text, atom.start) or dayparts.meal_after(text, atom.end)
    readings, contradicted = dayparts.fit_times(atom.times, atom.meridiem_fixed, part, meal)
    doubted = atom.times_ambiguous or dayparts.leans(meal, atom.meridiem_fixed, readings)
    ambiguous = doubted and len(readings) > 1
    return readings, ambiguous, contradicted


def _localize(day: date, clock: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock).replace(tzinfo=tz)


def _part_range(day: date, atom: Atom, tz: tzinfo) -> tuple[datetime, datetime]:
    assert atom.part is not None
    start, end = resolve.part_bounds(atom.part, atom.part_half)
    return _localize(day, start, tz), _localize(day, end, tz)


def resolve_cluster(
    text: str,
    cluster: Cluster,
    tz_name: str,
    now: datetime,
    zone_for_owner: Callable[[str], str | None] | None = None,
) -> TemporalExpression | None:
    """The expression a cluster of atoms denotes, or ``None`` when it is not one on its own.

    ``now`` is the aware reference instant (offsets such as "in 2 hours" count real elapsed time).
    ``zone_for_owner`` maps the words naming whose time it is ("Jonas") to that person's zone.
    """
    owner = next((a.zone_owner for a in cluster.atoms if a.zone_owner), None)
    owner_zone = owners.zone_of_owner(owner, zone_for_owner) if owner else None
    tz, zone_name, explicit_zone = _zone_of(cluster, owner_zone or tz_name)
    zone = zone_name if explicit_zone or owner_zone else None
    zone_problem = _zone_problem(cluster)
    if owner and not (explicit_zone or owner_zone):
        zone_problem = zone_problem or owners.unknown_zone_problem(owner)
    offsets = [z.zone_offset for z in cluster.role("zone") if z.zone_offset is not None]
    stated = [z for z in cluster.role("zone") if z.zone_offset is not None and z.notes]
    kinds = {a.kind for a in cluster.atoms}
    span = (cluster.start, cluster.end)
    make = _Maker(text, span, zone, offsets[0] if offsets else None, zone_problem, zone_owner=owner)
    if stated and stated[0].zone:
        make.abbreviation = (stated[0].zone, stated[0].notes[0], now.astimezone(tz).date())
    shared = [z.zone[1:] for z in cluster.role("zone") if z.zone and z.zone.startswith("?")]
    make.shared_abbreviation = shared[0] if shared and not owner else None
    if kinds <= {"zone", "owner"} or _ABSTAIN & kinds:
        return None
    if "duration" in kinds:
        duration = cluster.atoms[0].duration
        return make.expr("duration", [Reading()], False, duration=duration)
    if "dtrange" in kinds:
        # "within 2 hours", "later today": from now for that long (elapsed time)
        length = cluster.atoms[0].duration
        assert length is not None
        make.exact = True
        start = now.astimezone(tz)
        return make.expr(
            "datetimerange", [Reading(start=start, end=(now.astimezone(UTC) + length).astimezone(tz))], False
        )
    if "drange" in kinds:
        atom = cluster.atoms[0]
        return make.expr(
            "daterange", [Reading(start=s, end=e) for s, e in atom.ranges], atom.ranges_ambiguous
        )
    if "point" in kinds:
        atom = cluster.role("point")[0]
        if atom.duration is not None:
            # Elapsed time, not wall-clock arithmetic: "in 1 hour" across a DST change.
            make.exact = True
            points = [(now.astimezone(UTC) + atom.duration).astimezone(tz)]
        else:
            points = [p.replace(tzinfo=tz) for p in atom.points]
        return make.expr("datetime", [Reading(value=p) for p in points], atom.dates_ambiguous)
    dates, dates_ambiguous, conflict = _dates(cluster)
    if conflict and not dates:
        return None
    make.conflict = conflict
    times, times_ambiguous, contradicted = _times(cluster, text)
    if contradicted:
        return None  # "this morning at 3pm": the words disagree on the part of the day
    ambiguous = dates_ambiguous or times_ambiguous
    part = dayparts.part_of(cluster.atoms)
    if "trange" in kinds:
        trange = cluster.role("trange")[0]
        if trange.weak and not dates and "part" not in kinds:
            return None
        pairs = list(trange.ranges)
        if part and not trange.meridiem_fixed:
            fitting = [p for p in pairs if isinstance(p[0], time) and p[0].hour in resolve.PART_HOURS[part]]
            # "Monday morning between 7 and 9": both ends in the morning, if any pair has them so
            within = [
                p for p in fitting if isinstance(p[1], time) and p[1].hour in (*resolve.PART_HOURS[part], 12)
            ]
            pairs = within or fitting or pairs
        range_ambiguous = trange.ranges_ambiguous and len(pairs) > 1
        if not dates:
            return make.expr(
                "timerange", [Reading(start=s, end=e) for s, e in pairs], range_ambiguous or ambiguous
            )
        readings = [
            # "Friday from 10pm to 2am" (or "until midnight") ends on Saturday
            Reading(start=_localize(d, s, tz), end=_localize(d + timedelta(days=e <= s), e, tz))
            for d, (s, e) in itertools.product(dates, pairs)
            if isinstance(s, time) and isinstance(e, time)
        ]
        return make.expr("datetimerange", readings, range_ambiguous or ambiguous)
    local_now = now.astimezone(tz).replace(tzinfo=None)
    if times and dates and part != "night" and _says_midnight(text, cluster):
        # "Friday at midnight", "midnight tomorrow": the end of that day or its very start
        dates, ambiguous = (dates[0] + timedelta(days=1), *dates), True
    if times and dates:
        readings, repeated = _wall_clock(_interleave(dates, times, tz, part, local_now))
        return make.expr("datetime", readings, ambiguous or repeated) if readings else None
    if times:
        return make.expr("time", [Reading(value=t) for t in times], ambiguous)
    part_atoms = [p for p in cluster.role("part") + cluster.role("date") if p.part]
    if any(p.weak or p.zone_owner for p in cluster.role("part")) and not (dates or times):
        return None
    if part_atoms and dates and "part" in kinds:
        readings = [Reading(None, *_part_range(d, part_atoms[0], tz)) for d in dates]
        return make.expr("datetimerange", readings, dates_ambiguous)
    if "part" in kinds:
        assert part_atoms[0].part is not None
        first, last = resolve.part_bounds(part_atoms[0].part, part_atoms[0].part_half)
        return make.expr("timerange", [Reading(start=first, end=last)], False)
    if dates:
        if cluster.role("date")[0].part and len(cluster.atoms) == 1:
            return make.expr(
                "datetimerange", [Reading(None, *_part_range(dates[0], cluster.atoms[0], tz))], False
            )
        return make.expr("date", [Reading(value=d) for d in dates], dates_ambiguous)
    return None


def _says_midnight(text: str, cluster: Cluster) -> bool:
    return any("midnight" in text[a.start : a.end].lower() for a in cluster.role("time"))


def _wall_clock(readings: list[Reading]) -> tuple[list[Reading], bool]:
    """Readings as the clocks allow: a wall time a DST change skips is none (the expression abstains
    when it is the preferred one), one it repeats is both instants (and the preference a guess)."""
    result: list[Reading] = []
    repeated = False
    for index, reading in enumerate(readings):
        value = reading.value
        assert isinstance(value, datetime)
        first, second = value.replace(fold=0), value.replace(fold=1)
        if first.utcoffset() == second.utcoffset():
            result.append(reading)
            continue
        if first.astimezone(UTC).astimezone(value.tzinfo).replace(tzinfo=None) != value.replace(tzinfo=None):
            if index == 0:
                return [], False  # "Sunday at 2:30am" on the night the clocks spring forward
            continue
        repeated = repeated or index == 0
        # fixed offsets: two aware times in one ZoneInfo compare equal whatever their fold
        result.extend(
            Reading(value=v.astimezone(timezone(v.utcoffset() or timedelta()))) for v in (first, second)
        )
    return result, repeated


def _interleave(
    dates: tuple[date, ...], times: tuple[time, ...], tz: tzinfo, part: str | None, now: datetime
) -> list[Reading]:
    """Date x time readings with the preferred date and time first (small hours of a night: next day)."""
    ordered = sorted(
        itertools.product(range(len(dates)), range(len(times))), key=lambda ij: (ij[0] + ij[1], ij)
    )
    return [
        Reading(value=_localize(dayparts.night_day(dates[i], times[j], part, now), times[j], tz))
        for i, j in ordered
    ]


@dataclass
class _Maker:
    text: str
    span: tuple[int, int]
    zone: str | None
    zone_offset: int | None = None
    zone_problem: str | None = None
    exact: bool = False
    conflict: str | None = None
    zone_owner: str | None = None
    # (zone, abbreviation as written, today in that zone) when an abbreviation asserts an offset
    abbreviation: tuple[str, str, date] | None = None
    shared_abbreviation: str | None = None  # "cst" read outside the US and China: each zone's reading

    def expr(
        self, grain: Grain, readings: list[Reading], ambiguous: bool, *, duration: timedelta | None = None
    ) -> TemporalExpression | None:
        if self.abbreviation is not None and not self.exact:
            readings = self._season_readings(readings)
        if self.shared_abbreviation is not None and not self.exact:
            readings = readings_in_each_zone(readings, self.shared_abbreviation)
        unique: list[Reading] = []
        for reading in readings:
            if reading not in unique:
                unique.append(reading)
        if not unique:
            return None
        start, end = self.span
        written = self.text[start:end]
        if written.count("(") > written.count(")") and self.text[end : end + 1] == ")":
            end += 1  # "Friday 10am (CEST)": the closing parenthesis belongs to the zone
        return TemporalExpression(
            text=self.text[start:end],
            span_start=start,
            span_end=end,
            grain=grain,
            reading=unique[0],
            alternatives=tuple(unique[1:_MAX_READINGS]),
            ambiguous=(ambiguous and len(unique) > 1)
            or self.conflict is not None
            or self.zone_problem is not None,
            conflict=self.conflict,
            duration=duration,
            zone=self.zone,
            zone_offset=self.zone_offset,
            zone_problem=self.zone_problem,
            exact_instant=self.exact,
            zone_owner=self.zone_owner,
        )

    def _season_readings(self, readings: list[Reading]) -> list[Reading]:
        """Apply the abbreviation rule (:mod:`guards.datetimes.zones`) to every reading.

        Only the preferred reading's season decides ``zone_problem``: "Thursday 9am (PDT)" is next
        Thursday, in PDT; that last Thursday (an alternative) was still in PST does not make it a guess.
        """
        assert self.abbreviation is not None
        zone, written, today = self.abbreviation
        fixed: list[Reading] = []
        wall: list[Reading] = []
        for index, reading in enumerate(readings):
            fields: dict[str, tuple[Point | None, Point | None]] = {}
            for name in ("value", "start", "end"):
                point = getattr(reading, name)
                if isinstance(point, datetime):
                    options, problem = zones.abbreviation_readings(
                        point.replace(tzinfo=None), zone, self.zone_offset, written
                    )
                    if index == 0:
                        self.zone_problem = self.zone_problem or problem
                    fields[name] = (options[0], options[-1])
                elif isinstance(point, time) and self.zone_problem is None and index == 0:
                    self.zone_problem = zones.clock_problem(point, today, zone, self.zone_offset, written)
                    fields[name] = (point, point)
                else:
                    fields[name] = (point, point)
            fixed.append(Reading(*(fields[n][0] for n in ("value", "start", "end"))))
            wall.append(Reading(*(fields[n][1] for n in ("value", "start", "end"))))
        return [r for pair in zip(fixed, wall, strict=True) for r in pair]
