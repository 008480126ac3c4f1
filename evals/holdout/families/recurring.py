"""recurring: weekly, fortnightly and monthly series, in the user's zone or a colleague's.

Series carry the zone they repeat in (``start.timeZone``): "every Thursday at 9am Kiri's time"
keeps the series at 9am for Kiri across either side's DST change. The careless alternatives forget
the recurrence, the interval, the weekday rule or the zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    absolute_day,
    calendar_phrase,
    length,
    remote_person,
    slot,
)
from evals.holdout.fixtures import WEEKDAY_CODES
from evals.holdout.names import Person
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    created_event,
    list_calendars,
    person_ref,
    search_people,
    step,
    timed,
)
from evals.holdout.worlds import CalendarFact

RECURRING = "recurring"


def _series_pair(
    ctx: Context,
    name: str,
    calendar: CalendarFact,
    start: datetime,
    minutes: int,
    zone: str,
    rule: str,
    natural_fields: dict[str, str | None],
    careless_rule: str | None,
    guest: tuple[Person, str] | None = None,
    check_zone: bool = False,
    tags: tuple[str, ...] = (),
) -> Pair:
    """A recurring event on ``calendar`` expanding in ``zone``; ``guest`` is (person, search text)."""
    title = natural_fields["title"] or ""
    end = start + timedelta(minutes=minutes)
    body: dict[str, Any] = {
        "summary": title,
        "start": timed(start, zone),
        "end": timed(end, zone),
        "recurrence": [rule],
    }
    explicit_fields: dict[str, str | None] = {
        "title": title,
        "calendar_id": calendar.id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "zone": zone,
        "rrule": rule,
    }
    lookup: list[dict[str, Any]] = [] if calendar.key == "primary" else [list_calendars()]
    natural_body = dict(body)
    explicit_body = dict(body)
    attendees = None
    if guest is not None:
        person, query = guest
        lookup.append(search_people(query, "person"))
        natural_body["attendees"] = [{"email": person_ref("person", person.display)}]
        explicit_body["attendees"] = [{"email": person.email}]
        explicit_fields["email"] = person.email
        attendees = [person.email]
    extra: dict[str, Any] = {"recurrence": {"$rrule": [rule]}}
    if check_zone:
        extra["start.timeZone"] = zone
    if careless_rule is None:  # the careless agent forgets that it repeats
        careless_body = {k: v for k, v in explicit_body.items() if k != "recurrence"}
    else:
        careless_body = {**explicit_body, "recurrence": [careless_rule]}
    return Pair(
        RECURRING,
        name,
        Variant(
            ctx.text(RECURRING, name, "explicit", explicit_fields),
            [step("events_insert", {"calendarId": calendar.id, **explicit_body}, "new")],
        ),
        Variant(
            ctx.text(RECURRING, name, "natural", natural_fields),
            [*lookup, step("events_insert", {"calendarId": calendar_ref(calendar), **natural_body}, "new")],
        ),
        ctx.answer(RECURRING, name, {k: v for k, v in natural_fields.items() if v is not None}),
        expect=[created_event(calendar.id, title, start, end, attendees, extra)],
        alternative_plan=[step("events_insert", {"calendarId": calendar.id, **careless_body})],
        tags=list(tags),
    )


def _weekday_code(day: date) -> str:
    return WEEKDAY_CODES[day.weekday()]


@recipe(RECURRING, "weekly_primary")
def recurring_weekly(ctx: Context) -> Pair:
    start = slot(ctx, days=(1, 5))
    minutes = length(ctx, (30, 45, 60))
    person = ctx.world.person("unique", ctx.rng.choice((3, 4)))
    name, query = ctx.name_for(person)
    title = ctx.fresh_title(ctx.world.org.events.recurring_new)
    rule = f"RRULE:FREQ=WEEKLY;BYDAY={_weekday_code(start.date())}"
    fields: dict[str, str | None] = {
        "title": title,
        "person": name,
        "weekday": ctx.phraser.weekday(start.date()),
        "time": ctx.phraser.clock(start.time()),
        "duration": ctx.phraser.duration(minutes),
        **ctx.phraser.day_forms(start.date()).fields(),
    }
    return _series_pair(
        ctx,
        "weekly_primary",
        ctx.world.primary(),
        start,
        minutes,
        ctx.actor.zone,
        rule,
        fields,
        None,
        guest=(person, query),
    )


@recipe(RECURRING, "biweekly_count")
def recurring_biweekly(ctx: Context) -> Pair:
    calendar = ctx.cal("shared_owned")
    start = slot(ctx, days=(1, 5))
    minutes = length(ctx, (45, 60, 90))
    count = int(ctx.pick([4, 6, 8]))
    code = _weekday_code(start.date())
    rule = f"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY={code};COUNT={count}"
    title = ctx.fresh_title(ctx.world.org.events.recurring_new)
    fields: dict[str, str | None] = {
        "title": title,
        "cal": calendar_phrase(ctx, calendar),
        "weekday": ctx.phraser.weekday(start.date()),
        "time": ctx.phraser.clock(start.time()),
        "duration": ctx.phraser.duration(minutes),
        "count": ctx.phraser.count(count),
        **ctx.phraser.day_forms(start.date()).fields(),
    }
    return _series_pair(
        ctx,
        "biweekly_count",
        calendar,
        start,
        minutes,
        ctx.actor.zone,
        rule,
        fields,
        f"RRULE:FREQ=WEEKLY;BYDAY={code};COUNT={count}",
    )


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@recipe(RECURRING, "monthly_nth")
def recurring_monthly(ctx: Context) -> Pair:
    calendar = ctx.cal("owned_b")
    nth = int(ctx.pick([1, 2, 3, -1]))
    weekday = ctx.rng.randint(0, 4)
    earliest = ctx.world.business_day(1)
    year, month = earliest.year, earliest.month
    first = _nth_weekday(year, month, weekday, nth)
    if first < earliest:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        first = _nth_weekday(year, month, weekday, nth)
    start = ctx.world.at(first, ctx.rng.choice((9, 10, 14, 16)), ctx.rng.choice((0, 30)))
    minutes = length(ctx, (60, 90, 120))
    rule = f"RRULE:FREQ=MONTHLY;BYDAY={nth}{WEEKDAY_CODES[weekday]}"
    title = ctx.fresh_title(ctx.world.org.events.recurring_new)
    fields: dict[str, str | None] = {
        "title": title,
        "cal": calendar_phrase(ctx, calendar),
        "ordinal": ctx.vocab.phrasing.ordinal_words[nth],
        "weekday": ctx.phraser.weekday(first),
        "time": ctx.phraser.clock(start.time()),
        "duration": ctx.phraser.duration(minutes),
        **ctx.phraser.day_forms(first).fields(),
    }
    return _series_pair(
        ctx,
        "monthly_nth",
        calendar,
        start,
        minutes,
        ctx.actor.zone,
        rule,
        fields,
        f"RRULE:FREQ=MONTHLY;BYMONTHDAY={first.day}",
        tags=("monthly",),
    )


@recipe(RECURRING, "remote_zone")
def recurring_remote(ctx: Context) -> Pair:
    day = ctx.world.business_day(ctx.rng.randint(2, 6))
    person, start = remote_person(ctx, day, (8, 9, 10, 15))
    minutes = length(ctx, (30, 45, 60))
    name, query = ctx.name_for(person)
    title = ctx.fresh_title(ctx.world.org.events.recurring_new)
    rule = f"RRULE:FREQ=WEEKLY;BYDAY={_weekday_code(start.date())}"
    fields: dict[str, str | None] = {
        "title": title,
        "person": name,
        "weekday": ctx.phraser.weekday(start.date()),
        "time": ctx.phraser.clock(start.time()),
        "zone_owner": ctx.owner_of_time(person, name),
        "duration": ctx.phraser.duration(minutes),
        **absolute_day(ctx, start.date()),
    }
    pair = _series_pair(
        ctx,
        "remote_zone",
        ctx.world.primary(),
        start,
        minutes,
        person.zone,
        rule,
        fields,
        rule,
        guest=(person, query),
        check_zone=True,
        tags=("other_zone", person.zone),
    )
    wall = ctx.world.at(start.date(), start.hour, start.minute)
    careless = pair.alternative_plan[0]["args"]
    careless["start"] = timed(wall, ctx.actor.zone)
    careless["end"] = timed(wall + timedelta(minutes=minutes), ctx.actor.zone)
    return pair
