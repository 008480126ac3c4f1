"""timezone: times said in someone else's zone ("9am Kiri's time", "4.30pm Adelaide time").

The gold value is in that person's zone; the careless alternative uses the same wall time in the
user's own zone. Zones include 30/45-minute offsets and southern-hemisphere DST.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from evals.holdout.families.base import Context, GeneratorError, recipe
from evals.holdout.families.common import (
    absolute_day,
    calendar_phrase,
    event_words,
    length,
    remote_person,
    typo_tag,
)
from evals.holdout.families.rescheduling import move_event_pair, patch_times, same_length
from evals.holdout.pairs import (
    Pair,
    Variant,
    created_event,
    person_ref,
    search_people,
    step,
    timed,
)

TIMEZONE = "timezone"


@recipe(TIMEZONE, "person_time_create")
def timezone_person_create(ctx: Context) -> Pair:
    day = ctx.world.business_day(ctx.rng.randint(2, 6))
    person, start = remote_person(ctx, day, (8, 9, 10, 14, 16))
    start = start.replace(minute=ctx.rng.choice((0, 30)))
    minutes = length(ctx, (30, 45, 60))
    end = start + timedelta(minutes=minutes)
    name, query = ctx.name_for(person)
    title = ctx.fresh_title(ctx.world.org.events.new)
    actor = ctx.actor
    natural = ctx.text(
        TIMEZONE,
        "person_time_create",
        "natural",
        {
            "title": title,
            "person": name,
            "time": ctx.phraser.clock(start.time()),
            "zone_owner": ctx.owner_of_time(person, name),
            "duration": ctx.phraser.duration(minutes),
            **absolute_day(ctx, day),
        },
    )
    explicit = ctx.text(
        TIMEZONE,
        "person_time_create",
        "explicit",
        {
            "title": title,
            "calendar_id": actor.email,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "email": person.email,
        },
    )
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    wall = ctx.world.at(day, start.hour, start.minute)
    return Pair(
        TIMEZONE,
        "person_time_create",
        Variant(
            explicit,
            [
                step(
                    "events_insert",
                    {"calendarId": actor.email, **body, "attendees": [{"email": person.email}]},
                    "new",
                )
            ],
        ),
        Variant(
            natural,
            [
                search_people(query, "person"),
                step(
                    "events_insert",
                    {
                        "calendarId": "primary",
                        **body,
                        "attendees": [{"email": person_ref("person", person.display)}],
                    },
                    "new",
                ),
            ],
        ),
        ctx.answer(TIMEZONE, "person_time_create", {"title": title, "start": start.isoformat()}),
        expect=[created_event(actor.email, title, start, end, [person.email])],
        alternative_plan=[
            step(
                "events_insert",
                {
                    "calendarId": actor.email,
                    "summary": title,
                    "start": timed(wall),
                    "end": timed(wall + timedelta(minutes=minutes)),
                    "attendees": [{"email": person.email}],
                },
            )
        ],
        tags=["other_zone", person.zone, *typo_tag(name, person)],
    )


@recipe(TIMEZONE, "city_time_create")
def timezone_city_create(ctx: Context) -> Pair:
    day = ctx.world.business_day(ctx.rng.randint(2, 6))
    person, start = remote_person(ctx, day, (9, 11, 15, 16))
    start = start.replace(minute=ctx.rng.choice((0, 30, 45)))
    city = ctx.vocab.zones.cities[person.zone]
    calendar = ctx.cal(ctx.pick(["shared_owned", "prefix_base"]))
    minutes = length(ctx, (30, 60, 90))
    end = start + timedelta(minutes=minutes)
    title = ctx.fresh_title(ctx.world.org.events.new)
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    natural = ctx.text(
        TIMEZONE,
        "city_time_create",
        "natural",
        {
            "title": title,
            "cal": calendar_phrase(ctx, calendar),
            "time": ctx.phraser.clock(start.time()),
            "city": city,
            "duration": ctx.phraser.duration(minutes),
            **absolute_day(ctx, day),
        },
    )
    explicit = ctx.text(
        TIMEZONE,
        "city_time_create",
        "explicit",
        {"title": title, "calendar_id": calendar.id, "start": start.isoformat(), "end": end.isoformat()},
    )
    wall = ctx.world.at(day, start.hour, start.minute)
    return Pair(
        TIMEZONE,
        "city_time_create",
        Variant(explicit, [step("events_insert", {"calendarId": calendar.id, **body}, "new")]),
        Variant(
            natural,
            [
                step("calendars_list", None, "cals"),
                step(
                    "events_insert",
                    {"calendarId": f"$cals.items[summary={calendar.summary}].id", **body},
                    "new",
                ),
            ],
        ),
        ctx.answer(TIMEZONE, "city_time_create", {"title": title, "start": start.isoformat()}),
        expect=[created_event(calendar.id, title, start, end)],
        alternative_plan=[
            step(
                "events_insert",
                {
                    "calendarId": calendar.id,
                    "summary": title,
                    "start": timed(wall),
                    "end": timed(wall + timedelta(minutes=minutes)),
                },
            )
        ],
        tags=["other_zone", person.zone],
    )


@recipe(TIMEZONE, "person_time_move")
def timezone_person_move(ctx: Context) -> Pair:
    event = ctx.event("move_primary")
    person = ctx.world.by_email(event.attendees[1])
    zone = ZoneInfo(person.zone)
    their_day = event.start.astimezone(zone).date()
    options = []
    for hour in range(7, 19):
        for minute in (0, 30):
            theirs = datetime.combine(their_day, datetime.min.time().replace(hour=hour, minute=minute), zone)
            mine = ctx.local(theirs)
            if (
                mine.date() == ctx.local(event.start).date()
                and 7 <= mine.hour <= 19
                and theirs != event.start
            ):
                options.append(theirs)
    if not options:
        raise GeneratorError(f"{person.zone} shares no working hours with {ctx.actor.zone}")
    start = ctx.pick(options)
    name, _ = ctx.name_for(person)
    said, search, partial = event_words(ctx, event.summary)
    day = ctx.phraser.day_forms(ctx.local(event.start).date())
    fields: dict[str, str | None] = {
        "event": said,
        "time": ctx.phraser.clock(start.time()),
        "zone_owner": ctx.owner_of_time(person, name),
        **day.fields(),
    }
    wall = ctx.world.at(ctx.local(event.start).date(), start.hour, start.minute)
    careless = [patch_times(ctx.actor.email, event.id, wall, same_length(event, wall))]
    pair = move_event_pair(
        ctx,
        TIMEZONE,
        "person_time_move",
        event,
        start,
        fields,
        search=search,
        alternative=careless if wall != start else None,
        explicit_zone=person.zone,
        tags=("other_zone", person.zone, *(["partial_title"] if partial else [])),
    )
    if start.utcoffset() == ctx.local(start).utcoffset():
        pair.tags.append("same_offset")
    return pair
