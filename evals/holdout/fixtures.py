"""Events of a held-out world: the fixtures tasks are about, and the filler around them.

Fixtures are planted on business days after the clock's "today" (``b1`` is the next weekday), at
wall times of the acting user, and stored in the calendar's own zone, so the same instant shows up
with different offsets on different calendars. Filler events use titles that never contain a
searched title, so a task's description keeps singling out its event.

=================  ======================================================================
fixture            what it is for
=================  ======================================================================
near_base/_variant "Route review" at 10:00 and "Route review prep" at 09:00 on b2
repeated_1/_2      the same title twice (b1 and b3): "the route review" is ambiguous
standup            a weekday series (home zone) on the owned shared calendar
weekly             a weekly series kept in a remote zone
call_morning/_pm   two calls on the user's own calendar on b2, with lunch between them
one_on_one_*       a 1:1 with one trio member (b3) and with each duo member (b1, b4)
invite_target      an event with attendees on b1 (invitations; moved a week on)
move_ext/_owned/   events to move between calendars (b3, b4, b5); move_primary has a
move_primary       remote attendee for time-zone tasks
archive_copy/_live the same title on the archive (read-only) and its writable namesake
freebusy_block     an event on the free/busy-only calendar (b2, 13:00)
large_target       one booking among hundreds on the large calendar (b3)
=================  ======================================================================
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.names import Person
from evals.holdout.vocab import PhrasingVocab
from evals.holdout.worlds import EventFact, GeneratedWorld, WorldSize, event_id

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class _Planter:
    def __init__(self, world: GeneratedWorld) -> None:
        self.world = world
        self.events: list[dict[str, Any]] = []
        self.count = 0

    def _new_id(self) -> str:
        self.count += 1
        return event_id(self.world.seed, self.world.key, self.count)

    def add(
        self,
        calendar: str,
        summary: str,
        start: datetime,
        minutes: int,
        *,
        key: str | None = None,
        attendees: tuple[Person, ...] = (),
        recurrence: tuple[str, ...] = (),
        zone: str | None = None,
        location: str = "",
    ) -> str:
        """Store an event on ``calendar`` (a calendar key); times are shown in the calendar's zone."""
        fact = self.world.calendar(calendar)
        shown_zone = zone or fact.zone
        shown = start.astimezone(ZoneInfo(shown_zone))
        end = shown + timedelta(minutes=minutes)
        ident = self._new_id()
        start_obj: dict[str, str] = {"dateTime": shown.isoformat()}
        end_obj: dict[str, str] = {"dateTime": end.isoformat()}
        if recurrence or zone:
            start_obj["timeZone"] = end_obj["timeZone"] = shown_zone
        event: dict[str, Any] = {
            "id": ident,
            "calendarId": fact.id,
            "summary": summary,
            "start": start_obj,
            "end": end_obj,
        }
        if attendees:
            event["attendees"] = [
                {"email": p.email, "displayName": p.display, "responseStatus": "accepted"} for p in attendees
            ]
        if recurrence:
            event["recurrence"] = list(recurrence)
        if location:
            event["location"] = location
        self.events.append(event)
        if key:
            self.world.events[key] = EventFact(
                key,
                ident,
                calendar,
                summary,
                start,
                start + timedelta(minutes=minutes),
                tuple(p.email for p in attendees),
                recurrence,
                zone,
            )
        return ident

    def add_personal(
        self, person: Person, title: str, start: datetime, minutes: int, key: str | None = None
    ) -> None:
        """An event on ``person``'s own calendar (a calendar fact only for the acting user)."""
        if person.email == self.world.actor.email:
            self.add("primary", title, start, minutes, key=key)
            return
        end = start + timedelta(minutes=minutes)
        self.events.append(
            {
                "id": self._new_id(),
                "calendarId": person.email,
                "summary": title,
                "start": {"dateTime": start.isoformat()},
                "end": {"dateTime": end.isoformat()},
            }
        )
        if key:
            self.world.events[key] = EventFact(key, self.events[-1]["id"], person.email, title, start, end)

    def add_all_day(self, calendar: str, summary: str, first: date, days: int, recurrence: str = "") -> None:
        event: dict[str, Any] = {
            "id": self._new_id(),
            "calendarId": self.world.calendar(calendar).id,
            "summary": summary,
            "start": {"date": first.isoformat()},
            "end": {"date": (first + timedelta(days=days)).isoformat()},
            "transparency": "transparent",
        }
        if recurrence:
            event["recurrence"] = [recurrence]
        self.events.append(event)


def plant_events(world: GeneratedWorld, phrasing: PhrasingVocab, size: WorldSize) -> None:
    """Fill ``world.events`` (fixtures) and ``world.data["events"]`` (everything)."""
    rng = random.Random(f"holdout-events:{world.seed}:{world.key}")
    planter = _Planter(world)
    titles = world.org.events
    actor = world.actor
    trio, duo, uniques, same = (world.cohort(c) for c in ("trio", "duo", "unique", "same"))
    b = world.business_day
    at = world.at

    planter.add(
        "prefix_base",
        titles.near_duplicate[0],
        at(b(2), 10),
        60,
        key="near_base",
        attendees=(actor, uniques[4], same[0]),
    )
    planter.add(
        "prefix_base",
        titles.near_duplicate[1],
        at(b(2), 9),
        30,
        key="near_variant",
        attendees=(actor, uniques[4]),
    )
    for n, day in ((1, b(1)), (2, b(3))):
        planter.add(
            "shared_writable",
            titles.repeated,
            at(day, 14),
            45,
            key=f"repeated_{n}",
            attendees=(actor, duo[0]),
        )
    start = at(world.today - timedelta(days=27), 9)
    planter.add(
        "shared_owned",
        titles.standup,
        start,
        15,
        key="standup",
        zone=actor.zone,
        recurrence=("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",),
        attendees=(actor, trio[1], uniques[3]),
    )
    remote = uniques[2]  # a northern-DST zone: the series drifts against southern and no-DST users
    weekly_day = b(2)
    first_weekly = at(weekly_day - timedelta(days=35), 15)
    planter.add(
        "shared_writable",
        titles.weekly,
        first_weekly,
        60,
        key="weekly",
        zone=remote.zone,
        recurrence=(
            f"RRULE:FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[first_weekly.astimezone(ZoneInfo(remote.zone)).weekday()]}",
        ),
        attendees=(actor, remote, trio[2]),
    )
    planter.add("primary", titles.calls[0], at(b(2), 10, 30), 30, key="call_morning")
    planter.add("primary", titles.lunch, at(b(2), 12, 30), 45)
    planter.add("primary", titles.calls[1], at(b(2), 14), 45, key="call_afternoon")
    one_on_one = rng.choice(phrasing.one_on_one_titles)
    for key, other, day, hour in (
        ("one_on_one_trio", trio[0], b(3), 11),
        ("one_on_one_duo_0", duo[0], b(1), 15),
        ("one_on_one_duo_1", duo[1], b(4), 15),
    ):
        summary = one_on_one.format(a=actor.first, b=other.first)
        planter.add("primary", summary, at(day, hour), 30, key=key, attendees=(actor, other))
    planter.add(
        "shared_writable",
        titles.invite_target,
        at(b(1), 11),
        60,
        key="invite_target",
        attendees=(actor, uniques[3], trio[2]),
    )
    planter.add("prefix_ext", titles.movable[0], at(b(3), 13), 60, key="move_ext", attendees=(actor,))
    planter.add("owned_a", titles.movable[1], at(b(4), 10), 45, key="move_owned")
    planter.add(
        "primary", titles.movable[2], at(b(5), 9, 30), 60, key="move_primary", attendees=(actor, uniques[0])
    )
    planter.add("near_archive", titles.archive, at(b(2), 16), 30, key="archive_copy")
    planter.add("near_writable", titles.archive, at(b(2), 16), 30, key="archive_live")
    planter.add("freebusy", rng.choice(titles.filler), at(b(2), 13), 60, key="freebusy_block")
    for n, cal in enumerate(("identical_a", "identical_b")):
        planter.add(cal, rng.choice(titles.filler), at(b(1 + n), 11), 30)
    planter.add(
        "person_a",
        rng.choice(titles.filler),
        at(b(4), 8, 30),
        30,
        recurrence=("RRULE:FREQ=WEEKLY;INTERVAL=2",),
        zone=trio[0].zone,
    )
    planter.add_all_day("shared_owned", rng.choice(titles.all_day), b(6), 2)
    planter.add_all_day(
        "filler_0",
        rng.choice(titles.filler),
        world.today.replace(day=1),
        1,
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
    )
    # free/busy: the first half hour of each search window is taken, so "the first free slot" is later
    planter.add_personal(uniques[1], rng.choice(titles.filler), at(b(6), 9), 60, key="busy_pair")
    planter.add("primary", rng.choice(titles.filler), at(b(6), 10), 30)
    remote_start = world.at(b(7), 10, 0, zone=uniques[0].zone)
    planter.add_personal(uniques[0], rng.choice(titles.filler), remote_start, 60, key="busy_remote")
    planter.add_personal(uniques[2], rng.choice(titles.filler), remote_start + timedelta(hours=1), 30)
    _plant_large(world, planter, rng, size)
    _plant_filler(world, planter, rng, size)
    world.data["events"] = planter.events


def _plant_large(world: GeneratedWorld, planter: _Planter, rng: random.Random, size: WorldSize) -> None:
    """Hundreds of bookings (at full size), one a day per title at most, on weekday slots."""
    titles = world.org.events.large
    target_day = world.business_day(3)
    target_title = titles[0]
    planter.add("large", target_title, world.at(target_day, 10, 30), 30, key="large_target")
    placed = 0
    day = world.today - timedelta(days=max(7, size.large_events // 8))
    while placed < size.large_events:
        day += timedelta(days=1)
        if day.weekday() >= 5:
            continue
        order = list(titles)
        rng.shuffle(order)
        for slot, title in enumerate(order):
            if placed >= size.large_events:
                break
            if day == target_day and title == target_title:
                continue
            hour, minute = divmod(8 * 60 + slot * 75 + (60 if slot >= 3 else 0), 60)
            if day == target_day and (hour, minute) == (10, 30):
                continue
            planter.add("large", title, world.at(day, hour, minute), 30)
            placed += 1


def _plant_filler(world: GeneratedWorld, planter: _Planter, rng: random.Random, size: WorldSize) -> None:
    """Everyday events on every calendar, and on everyone's own calendar."""
    fillers = world.org.events.filler
    skip = {"large", "primary"}
    keys = [key for key in world.calendars if key not in skip]
    for key in keys:
        for _ in range(size.filler_per_calendar):
            day = world.today + timedelta(days=rng.randint(-10, 20))
            hour = rng.choice((8, 11, 13, 16))
            planter.add(
                key, rng.choice(fillers), world.at(day, hour, rng.choice((0, 30))), rng.choice((30, 45, 60))
            )
    for person in world.people:
        count = max(1, size.filler_per_calendar // 3)
        for _ in range(count):
            day = world.today + timedelta(days=rng.randint(-5, 12))
            hour = rng.choice((8, 13, 16))
            start = world.at(day, hour, 0, zone=person.zone)
            planter.add_personal(person, rng.choice(fillers), start, 30)
