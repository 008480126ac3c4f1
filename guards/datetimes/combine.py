"""Join neighbouring atoms into expressions: weekday + date, date + time, the two ends of a range."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from guards.datetimes import resolve
from guards.datetimes.lexicon import AMBIGUOUS_ABBREVIATIONS, DAY_PARTS, UNIT_SECONDS
from guards.datetimes.model import Atom, Grain, Point, Reading, TemporalExpression
from guards.datetimes.spans import duration_parts

_CONNECTOR = re.compile(r"^[\s,]*(?:(?:at|@|on|of|in|for|the|around|about|by|-|\u2013|\(|\))[\s,]*){0,3}$")
_RANGE_SEPARATOR = re.compile(r"^\s*(?P<sep>-|\u2013|~|to|until|till|thru|through|and)\s*$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?P<kw>\b(?:from|between))\s*$", re.IGNORECASE)
_MAX_READINGS = 8
_ABSTAIN = frozenset({"set", "void"})


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
    if atom.kind in _ABSTAIN or _ABSTAIN & set(kinds):
        return True
    if atom.kind in ("drange", "duration") or any(k in ("drange", "duration") for k in kinds):
        return False
    if atom.kind == "point" or "point" in kinds:
        return atom.kind == "zone" or (atom.kind == "point" and False)
    if atom.kind == "date":
        dates = cluster.role("date")
        if not dates:
            return True
        return len(dates) == 1 and (dates[0].weekday is not None) != (atom.weekday is not None)
    if atom.kind in ("time", "trange", "part") and any(not a.joins_time for a in cluster.atoms):
        return False
    if atom.kind == "date" and not atom.joins_time and any(k in ("time", "trange", "part") for k in kinds):
        return False
    if atom.kind == "time":
        return "time" not in kinds and "trange" not in kinds
    if atom.kind == "trange":
        return "time" not in kinds and "trange" not in kinds
    return atom.kind not in kinds


def cluster_atoms(text: str, atoms: list[Atom]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for atom in atoms:
        last = clusters[-1] if clusters else None
        if last and _CONNECTOR.match(text[last.end : atom.start]) and _joinable(last, atom):
            last.atoms.append(atom)
        else:
            clusters.append(Cluster([atom]))
    return clusters


def zone_info(zone: str) -> tzinfo:
    return ZoneInfo(zone)


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


def _dates(cluster: Cluster) -> tuple[tuple[date, ...], bool, list[str]]:
    dates = cluster.role("date")
    notes: list[str] = []
    if not dates:
        parts = [p for p in cluster.role("part") if p.dates]
        return (parts[0].dates, False, notes) if parts else ((), False, notes)
    if len(dates) == 1:
        return dates[0].dates, dates[0].dates_ambiguous, notes
    weekday_atom = next(a for a in dates if a.weekday is not None)
    date_atom = next(a for a in dates if a.weekday is None)
    assert weekday_atom.weekday is not None
    matching = tuple(d for d in date_atom.dates if d.weekday() == weekday_atom.weekday)
    agrees = weekday_atom.weekday_only or any(d in weekday_atom.dates for d in matching)
    if matching and agrees and (date_atom.dates_ambiguous or matching[0] == date_atom.dates[0]):
        return matching + tuple(d for d in date_atom.dates if d not in matching), False, notes
    notes.append("the weekday does not match the date")
    return (), True, notes


def _times(cluster: Cluster) -> tuple[tuple[time, ...], bool]:
    times = cluster.role("time")
    if not times:
        return (), False
    readings, ambiguous = times[0].times, times[0].times_ambiguous
    parts = cluster.role("part") + [d for d in cluster.role("date") if d.part]
    if parts and not times[0].meridiem_fixed:
        part = parts[0].part
        assert part is not None
        readings = resolve.apply_part(readings, part)
        ambiguous = len(readings) > 1 and ambiguous
    return readings, ambiguous


def _localize(day: date, clock: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, clock).replace(tzinfo=tz)


def _part_range(day: date, part: str, tz: tzinfo) -> tuple[datetime, datetime]:
    start_hour, end_hour = DAY_PARTS[part]
    start = _localize(day, time(start_hour), tz)
    end = _localize(day, time(23, 59, 59), tz) if end_hour == 24 else _localize(day, time(end_hour), tz)
    return start, end


def resolve_cluster(text: str, cluster: Cluster, tz_name: str, now: datetime) -> TemporalExpression | None:
    """The expression a cluster of atoms denotes, or ``None`` when it is not one on its own.

    ``now`` is the aware reference instant (offsets such as "in 2 hours" count real elapsed time).
    """
    tz, zone_name, explicit_zone = _zone_of(cluster, tz_name)
    zone = zone_name if explicit_zone else None
    zone_problem = _zone_problem(cluster)
    offsets = [z.zone_offset for z in cluster.role("zone") if z.zone_offset is not None]
    kinds = {a.kind for a in cluster.atoms}
    span = (cluster.start, cluster.end)
    make = _Maker(text, span, zone, offsets[0] if offsets else None, zone_problem)
    if kinds <= {"zone"} or _ABSTAIN & kinds:
        return None
    if "duration" in kinds:
        duration = cluster.atoms[0].duration
        return make.expr("duration", [Reading()], False, duration=duration)
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
    dates, dates_ambiguous, conflicts = _dates(cluster)
    if conflicts:
        return None
    times, times_ambiguous = _times(cluster)
    ambiguous = dates_ambiguous or times_ambiguous
    if "trange" in kinds:
        trange = cluster.role("trange")[0]
        if trange.weak and not dates and "part" not in kinds:
            return None
        pairs = list(trange.ranges)
        parts = [p.part for p in cluster.role("part") + cluster.role("date") if p.part]
        if parts and not trange.meridiem_fixed:
            fitting = [
                p for p in pairs if isinstance(p[0], time) and p[0].hour in resolve.PART_HOURS[parts[0]]
            ]
            pairs = fitting or pairs
        range_ambiguous = trange.ranges_ambiguous and len(pairs) > 1
        if not dates:
            return make.expr(
                "timerange", [Reading(start=s, end=e) for s, e in pairs], range_ambiguous or ambiguous
            )
        readings = [
            Reading(start=_localize(d, s, tz), end=_localize(d, e, tz))
            for d, (s, e) in itertools.product(dates, pairs)
            if isinstance(s, time) and isinstance(e, time)
        ]
        return make.expr("datetimerange", readings, range_ambiguous or ambiguous)
    if times and dates:
        return make.expr("datetime", _interleave(dates, times, tz), ambiguous)
    if times:
        return make.expr("time", [Reading(value=t) for t in times], ambiguous)
    parts = [p.part for p in cluster.role("part") + cluster.role("date") if p.part]
    if parts and dates and "part" in kinds:
        readings = [Reading(None, *_part_range(d, parts[0], tz)) for d in dates]
        return make.expr("datetimerange", readings, dates_ambiguous)
    if "part" in kinds:
        start_hour, end_hour = DAY_PARTS[parts[0]]
        end = time(23, 59, 59) if end_hour == 24 else time(end_hour)
        return make.expr("timerange", [Reading(start=time(start_hour), end=end)], False)
    if dates:
        if cluster.role("date")[0].part and len(cluster.atoms) == 1:
            assert cluster.atoms[0].part is not None
            return make.expr(
                "datetimerange", [Reading(None, *_part_range(dates[0], cluster.atoms[0].part, tz))], False
            )
        return make.expr("date", [Reading(value=d) for d in dates], dates_ambiguous)
    return None


def _interleave(dates: tuple[date, ...], times: tuple[time, ...], tz: tzinfo) -> list[Reading]:
    """Date x time readings with the preferred date and time first."""
    ordered = sorted(
        itertools.product(range(len(dates)), range(len(times))), key=lambda ij: (ij[0] + ij[1], ij)
    )
    return [Reading(value=_localize(dates[i], times[j], tz)) for i, j in ordered]


@dataclass
class _Maker:
    text: str
    span: tuple[int, int]
    zone: str | None
    zone_offset: int | None = None
    zone_problem: str | None = None
    exact: bool = False

    def expr(
        self, grain: Grain, readings: list[Reading], ambiguous: bool, *, duration: timedelta | None = None
    ) -> TemporalExpression | None:
        unique: list[Reading] = []
        for reading in readings:
            if reading not in unique:
                unique.append(reading)
        if not unique:
            return None
        start, end = self.span
        return TemporalExpression(
            text=self.text[start:end],
            span_start=start,
            span_end=end,
            grain=grain,
            reading=unique[0],
            alternatives=tuple(unique[1:_MAX_READINGS]),
            ambiguous=ambiguous and len(unique) > 1,
            duration=duration,
            zone=self.zone,
            zone_offset=self.zone_offset,
            zone_problem=self.zone_problem,
            exact_instant=self.exact,
        )


_OFFSET_WORD = re.compile(r"^\s*(?P<dir>from|after|before|since)\s*$", re.IGNORECASE)


def apply_offsets(text: str, expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """``3 days after January 12th``, ``2 weeks before Christmas``: a duration moves the next date."""
    result: list[TemporalExpression] = []
    index = 0
    while index < len(expressions):
        first = expressions[index]
        second = expressions[index + 1] if index + 1 < len(expressions) else None
        gap = _OFFSET_WORD.match(text[first.span_end : second.span_start]) if second else None
        parts = duration_parts(first.text) if first.grain == "duration" else None
        if second is not None and gap and parts and second.grain in ("date", "datetime"):
            sign = -1 if gap["dir"] == "before" else 1
            readings = [
                Reading(value=_shift(r.value, parts, sign)) for r in second.readings if r.value is not None
            ]
            result.append(
                TemporalExpression(
                    text=text[first.span_start : second.span_end],
                    span_start=first.span_start,
                    span_end=second.span_end,
                    grain=second.grain,
                    reading=readings[0],
                    alternatives=tuple(readings[1:]),
                    ambiguous=second.ambiguous,
                    zone=second.zone,
                )
            )
            index += 2
            continue
        result.append(first)
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


def join_ranges(text: str, expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """``from A to B`` / ``between A and B`` / ``A - B`` with A and B of the same grain become a range."""
    joined: list[TemporalExpression] = []
    index = 0
    while index < len(expressions):
        first = expressions[index]
        second = expressions[index + 1] if index + 1 < len(expressions) else None
        if second is not None and first.grain == second.grain and first.grain in _RANGE_GRAINS:
            separator = _RANGE_SEPARATOR.match(text[first.span_end : second.span_start])
            opener = _RANGE_OPENER.search(text[: first.span_start])
            keyword = opener["kw"] if opener else None
            if separator and (separator["sep"].lower() == "and") == (
                keyword is not None and keyword.lower() == "between"
            ):
                start_at = opener.start("kw") if opener else first.span_start
                joined.append(_range_of(text, first, second, start_at))
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def _range_of(
    text: str, first: TemporalExpression, second: TemporalExpression, start_at: int
) -> TemporalExpression:
    ends = [r.value for r in second.readings]
    if _weekly(ends):
        # "between Monday and Wednesday": the end weekday is the first one after the start.
        ends += [e + timedelta(days=7) for e in ends if isinstance(e, date)]
    readings: list[Reading] = []
    for a in first.readings:
        later = [b for b in ends if _before(a.value, b)]
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
