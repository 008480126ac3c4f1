"""Recipes about *which event* and *when*: invitations, rescheduling, deletion, other people's zones.

Events are singled out the way people do it: by day and a (possibly partial) title, by position
("the call after lunch"), by relation ("my 1:1 with Jonas"), or as one occurrence of a series
("tomorrow's huddle"). The careless alternative acts on the look-alike next to it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from evals.holdout.families.base import Context, GeneratorError, recipe
from evals.holdout.families.common import (
    attendee_list,
    calendar_phrase,
    event_words,
    find_event,
    length,
    slot,
)
from evals.holdout.names import Person
from evals.holdout.pairs import (
    Pair,
    Variant,
    changed_event,
    changed_instance,
    created_event,
    deleted_event,
    moved_times,
    person_ref,
    search_people,
    step,
    timed,
)
from evals.holdout.worlds import EventFact

# ---- invite_people ------------------------------------------------------------------------------

INVITE = "invite_people"


def _typo_tag(name: str, person: Person) -> list[str]:
    return [] if name in (person.first, person.display) else ["misspelled_name"]


@recipe(INVITE, "existing_event")
def invite_existing(ctx: Context) -> Pair:
    event = ctx.event("invite_target")
    calendar = ctx.cal(event.calendar)
    first_guest, namesake = ctx.world.person("trio", 0), ctx.world.person("trio", 1)
    second_guest = ctx.world.person("unique", 4)
    second_name, second_query = ctx.name_for(second_guest)
    said, search, partial = event_words(ctx, event.summary)
    found = find_event(ctx, event, search=search)
    everyone = [*event.attendees, first_guest.email, second_guest.email]
    natural_plan = [
        *found.steps,
        search_people(first_guest.display, "p0"),
        search_people(second_query, "p1"),
        step(
            "events_patch",
            {
                "calendarId": found.calendar,
                "eventId": found.event,
                "attendees": [
                    *attendee_list(list(event.attendees)),
                    {"email": person_ref("p0", first_guest.display)},
                    {"email": person_ref("p1", second_guest.display)},
                ],
            },
        ),
    ]
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    natural = ctx.text(
        INVITE,
        "existing_event",
        "natural",
        {"person_a": first_guest.display, "person_b": second_name, "event": said, **day.fields()},
    )
    explicit = ctx.text(
        INVITE,
        "existing_event",
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": event.id,
            "emails": f"{first_guest.email} and {second_guest.email}",
            "existing": ", ".join(event.attendees),
        },
    )
    careless = [*event.attendees, namesake.email, second_guest.email]
    return Pair(
        INVITE,
        "existing_event",
        Variant(
            explicit,
            [
                step(
                    "events_patch",
                    {"calendarId": calendar.id, "eventId": event.id, "attendees": attendee_list(everyone)},
                )
            ],
        ),
        Variant(natural, natural_plan),
        ctx.answer(
            INVITE,
            "existing_event",
            {"names": f"{first_guest.display} and {second_guest.display}", "event": event.summary},
        ),
        expect=[changed_event(event.id, {"summary": event.summary, "attendees": {"$emails": everyone}})],
        alternative_plan=[
            step(
                "events_patch",
                {"calendarId": calendar.id, "eventId": event.id, "attendees": attendee_list(careless)},
            )
        ],
        tags=["name_prefix", *_typo_tag(second_name, second_guest), *(["partial_title"] if partial else [])],
    )


@recipe(INVITE, "new_event")
def invite_new(ctx: Context) -> Pair:
    first_guest, namesake = ctx.world.person("duo", 0), ctx.world.person("duo", 1)
    second_guest = ctx.world.person("unique", 3)
    second_name, second_query = ctx.name_for(second_guest)
    title = ctx.fresh_title(ctx.world.org.events.new)
    start = slot(ctx)
    minutes = length(ctx)
    end = start + timedelta(minutes=minutes)
    actor = ctx.actor
    natural = ctx.text(
        INVITE,
        "new_event",
        "natural",
        {
            "title": title,
            "when": ctx.phraser.when(start, minutes),
            "person_a": first_guest.display,
            "person_b": second_name,
        },
    )
    explicit = ctx.text(
        INVITE,
        "new_event",
        "explicit",
        {
            "title": title,
            "calendar_id": actor.email,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "emails": f"{first_guest.email}, {second_guest.email}",
        },
    )
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    natural_plan = [
        search_people(first_guest.display, "p0"),
        search_people(second_query, "p1"),
        step(
            "events_insert",
            {
                "calendarId": "primary",
                **body,
                "attendees": [
                    {"email": person_ref("p0", first_guest.display)},
                    {"email": person_ref("p1", second_guest.display)},
                ],
            },
            "new",
        ),
    ]
    guests = [first_guest.email, second_guest.email]
    return Pair(
        INVITE,
        "new_event",
        Variant(
            explicit,
            [
                step(
                    "events_insert",
                    {"calendarId": actor.email, **body, "attendees": attendee_list(guests)},
                    "new",
                )
            ],
        ),
        Variant(natural, natural_plan),
        ctx.answer(
            INVITE,
            "new_event",
            {"title": title, "names": f"{first_guest.display} and {second_guest.display}"},
        ),
        expect=[created_event(actor.email, title, start, end, guests)],
        alternative_plan=[
            step(
                "events_insert",
                {
                    "calendarId": actor.email,
                    **body,
                    "attendees": attendee_list([namesake.email, second_guest.email]),
                },
            )
        ],
        tags=["shared_first_name", *_typo_tag(second_name, second_guest)],
    )


# ---- reschedule ---------------------------------------------------------------------------------

RESCHEDULE = "reschedule"


def _patch_times(calendar: str, event_id: str, start: datetime, end: datetime) -> dict[str, Any]:
    return step(
        "events_patch",
        {"calendarId": calendar, "eventId": event_id, "start": timed(start), "end": timed(end)},
    )


def _move_event_pair(
    ctx: Context,
    family: str,
    name: str,
    event: EventFact,
    start: datetime,
    natural_fields: dict[str, str | None],
    *,
    search: str | None = None,
    alternative: list[dict[str, Any]] | None = None,
    explicit_zone: str | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    """Move a one-off event to ``start``, keeping its length."""
    end = start + (event.end - event.start)
    calendar = ctx.cal(event.calendar)
    found = find_event(ctx, event, search=search)
    shown_start = ctx.local(start, explicit_zone)
    shown_end = ctx.local(end, explicit_zone)
    explicit = ctx.text(
        family,
        name,
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": event.id,
            "start": shown_start.isoformat(),
            "end": shown_end.isoformat(),
        },
    )
    return Pair(
        family,
        name,
        Variant(explicit, [_patch_times(calendar.id, event.id, shown_start, shown_end)]),
        Variant(
            ctx.text(family, name, "natural", natural_fields),
            [*found.steps, _patch_times(found.calendar, found.event, shown_start, shown_end)],
        ),
        ctx.answer(family, name, {"event": event.summary, "start": shown_start.isoformat()}),
        expect=[changed_event(event.id, {"summary": event.summary, **moved_times(start, end)})],
        alternative_plan=alternative or [],
        tags=list(tags),
    )


def _same_length(event: EventFact, start: datetime) -> datetime:
    return start + (event.end - event.start)


@recipe(RESCHEDULE, "shift")
def reschedule_shift(ctx: Context) -> Pair:
    event, lookalike = ctx.event("near_base"), ctx.event("near_variant")
    minutes = int(ctx.pick([30, 60, 90]))
    later = event.start + timedelta(minutes=minutes)
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": event_words(ctx, event.summary, partial=False)[0],
        "amount": ctx.phraser.amount(minutes),
        **day.fields(),
    }
    careless_start = lookalike.start + timedelta(minutes=minutes)
    careless = [
        _patch_times(
            ctx.cal(lookalike.calendar).id,
            lookalike.id,
            careless_start,
            _same_length(lookalike, careless_start),
        )
    ]
    return _move_event_pair(
        ctx, RESCHEDULE, "shift", event, later, fields, alternative=careless, tags=("near_duplicate_title",)
    )


@recipe(RESCHEDULE, "next_week")
def reschedule_next_week(ctx: Context) -> Pair:
    event = ctx.event("invite_target")
    local_start = ctx.local(event.start)
    target_day = local_start.date() + timedelta(days=7)
    new_start = ctx.world.at(target_day, local_start.hour, local_start.minute)
    crossing = new_start.utcoffset() != local_start.utcoffset()
    said, search, partial = event_words(ctx, event.summary)
    day = ctx.phraser.day_forms(local_start.date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": said,
        "new_day": ctx.phraser.day_forms(target_day).day_bare,
        **day.fields(),
    }
    careless: list[dict[str, Any]] = []
    if crossing:  # the careless agent keeps this week's UTC offset
        stale = datetime.combine(
            target_day, local_start.time(), timezone(local_start.utcoffset() or timedelta())
        )
        careless = [_patch_times(ctx.cal(event.calendar).id, event.id, stale, _same_length(event, stale))]
    tags = ["dst_crossing"] if crossing else []
    return _move_event_pair(
        ctx,
        RESCHEDULE,
        "next_week",
        event,
        new_start,
        fields,
        search=search,
        alternative=careless,
        tags=(*tags, *(["partial_title"] if partial else [])),
    )


@recipe(RESCHEDULE, "instance")
def reschedule_instance(ctx: Context) -> Pair:
    series = ctx.event("standup")
    calendar = ctx.cal(series.calendar)
    day = ctx.world.business_day(1)
    first, last = ctx.day_window(day)
    occurrence = ctx.probe.occurrence(calendar.id, series.summary, first, last)
    old_start = datetime.fromisoformat(occurrence["start"]["dateTime"])
    new_start = ctx.world.at(
        day, old_start.astimezone(ctx.world.zone).hour + ctx.rng.choice((1, 2)), ctx.rng.choice((0, 15, 30))
    )
    new_end = _same_length(series, new_start)
    found = find_event(
        ctx,
        EventFact("standup", series.id, series.calendar, series.summary, old_start, old_start),
        single=True,
    )
    forms = ctx.phraser.day_forms(day, possessive=True)
    natural = ctx.text(
        RESCHEDULE,
        "instance",
        "natural",
        {
            "event": event_words(ctx, series.summary, partial=False)[0],
            "time": ctx.phraser.clock(new_start.time()),
            **forms.fields(),
        },
    )
    explicit = ctx.text(
        RESCHEDULE,
        "instance",
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": occurrence["id"],
            "series_id": series.id,
            "start": new_start.isoformat(),
            "end": new_end.isoformat(),
        },
    )
    return Pair(
        RESCHEDULE,
        "instance",
        Variant(explicit, [_patch_times(calendar.id, occurrence["id"], new_start, new_end)]),
        Variant(natural, [*found.steps, _patch_times(found.calendar, found.event, new_start, new_end)]),
        ctx.answer(RESCHEDULE, "instance", {"event": series.summary, "start": new_start.isoformat()}),
        expect=[
            changed_instance(
                occurrence["id"], {"recurringEventId": series.id, **moved_times(new_start, new_end)}
            )
        ],
        alternative_plan=[
            step(
                "events_patch",
                {
                    "calendarId": calendar.id,
                    "eventId": series.id,
                    "start": timed(new_start, series.zone),
                    "end": timed(new_end, series.zone),
                },
            )
        ],
        tags=["recurring_instance"],
    )


@recipe(RESCHEDULE, "after_lunch")
def reschedule_after_lunch(ctx: Context) -> Pair:
    event, morning = ctx.event("call_afternoon"), ctx.event("call_morning")
    local = ctx.local(event.start)
    new_start = ctx.world.at(local.date(), local.hour + ctx.rng.choice((1, 2)), ctx.rng.choice((0, 30)))
    day = ctx.phraser.day_forms(local.date())
    fields: dict[str, str | None] = {"time": ctx.phraser.clock(new_start.time()), **day.fields()}
    careless_start = ctx.world.at(local.date(), new_start.hour, new_start.minute)
    careless = [
        _patch_times(ctx.world.actor.email, morning.id, careless_start, _same_length(morning, careless_start))
    ]
    return _move_event_pair(
        ctx,
        RESCHEDULE,
        "after_lunch",
        event,
        new_start,
        fields,
        search=_call_word(event.summary),
        alternative=careless,
        tags=("relative_reference",),
    )


def _call_word(title: str) -> str:
    """The word a person searches their calls by (the first word of "Call with ...")."""
    return title.split()[0]


@recipe(RESCHEDULE, "one_on_one")
def reschedule_one_on_one(ctx: Context) -> Pair:
    event = ctx.event("one_on_one_trio")
    other = ctx.world.by_email(event.attendees[1])
    local = ctx.local(event.start)
    new_start = ctx.world.at(local.date(), ctx.rng.choice((9, 13, 14, 16)), ctx.rng.choice((0, 30)))
    if new_start == local:
        new_start += timedelta(hours=1)
    day = ctx.phraser.day_forms(local.date())
    fields: dict[str, str | None] = {
        "first": other.first,
        "time": ctx.phraser.clock(new_start.time()),
        **day.fields(),
    }
    return _move_event_pair(
        ctx,
        RESCHEDULE,
        "one_on_one",
        event,
        new_start,
        fields,
        search="1:1",
        tags=("relative_reference", "shared_first_name"),
    )


# ---- delete_by_description ----------------------------------------------------------------------

DELETE = "delete_by_description"


def _delete_pair(
    ctx: Context,
    name: str,
    event: EventFact,
    fields: dict[str, str | None],
    *,
    search: str | None = None,
    narrow: bool = False,
    alternative_id: str | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    calendar = ctx.cal(event.calendar)
    found = find_event(ctx, event, search=search, narrow=narrow)
    explicit = ctx.text(DELETE, name, "explicit", {"calendar_id": calendar.id, "event_id": event.id})
    return Pair(
        DELETE,
        name,
        Variant(explicit, [step("events_delete", {"calendarId": calendar.id, "eventId": event.id})]),
        Variant(
            ctx.text(DELETE, name, "natural", fields),
            [*found.steps, step("events_delete", {"calendarId": found.calendar, "eventId": found.event})],
        ),
        ctx.answer(DELETE, name, {"event": event.summary}),
        expect=[deleted_event(event.id)],
        alternative_plan=[step("events_delete", {"calendarId": calendar.id, "eventId": alternative_id})]
        if alternative_id
        else [],
        tags=list(tags),
    )


@recipe(DELETE, "near_duplicate")
def delete_near_duplicate(ctx: Context) -> Pair:
    event, lookalike = ctx.event("near_base"), ctx.event("near_variant")
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": event_words(ctx, event.summary, partial=False)[0],
        **day.fields(),
    }
    return _delete_pair(
        ctx, "near_duplicate", event, fields, alternative_id=lookalike.id, tags=("near_duplicate_title",)
    )


@recipe(DELETE, "large")
def delete_large(ctx: Context) -> Pair:
    event = ctx.event("large_target")
    calendar = ctx.cal(event.calendar)
    same_title = [
        e
        for e in ctx.world.data["events"]
        if e["calendarId"] == calendar.id and e["summary"] == event.summary and e["id"] != event.id
    ]
    local = ctx.local(event.start)
    day = ctx.phraser.day_forms(local.date(), possessive=True)
    fields: dict[str, str | None] = {
        "event": event_words(ctx, event.summary, partial=False)[0],
        "cal": calendar_phrase(ctx, calendar),
        "time": ctx.phraser.clock(local.time()),
        **day.fields(),
    }
    return _delete_pair(
        ctx,
        "large",
        event,
        fields,
        narrow=True,
        alternative_id=same_title[0]["id"] if same_title else None,
        tags=("large_calendar",),
    )


@recipe(DELETE, "instance")
def delete_instance(ctx: Context) -> Pair:
    series = ctx.event("weekly")
    calendar = ctx.cal(series.calendar)
    occurrence, day = _next_occurrence(ctx, series, skip=1)
    start = datetime.fromisoformat(occurrence["start"]["dateTime"])
    found = find_event(
        ctx, EventFact("weekly", series.id, series.calendar, series.summary, start, start), single=True
    )
    forms = ctx.phraser.day_forms(day, possessive=True)
    natural = ctx.text(
        DELETE,
        "instance",
        "natural",
        {"event": event_words(ctx, series.summary, partial=False)[0], **forms.fields()},
    )
    explicit = ctx.text(
        DELETE,
        "instance",
        "explicit",
        {"calendar_id": calendar.id, "event_id": occurrence["id"], "series_id": series.id},
    )
    return Pair(
        DELETE,
        "instance",
        Variant(explicit, [step("events_delete", {"calendarId": calendar.id, "eventId": occurrence["id"]})]),
        Variant(
            natural,
            [*found.steps, step("events_delete", {"calendarId": found.calendar, "eventId": found.event})],
        ),
        ctx.answer(DELETE, "instance", {"event": series.summary}),
        expect=[changed_instance(occurrence["id"], {"status": "cancelled", "recurringEventId": series.id})],
        alternative_plan=[step("events_delete", {"calendarId": calendar.id, "eventId": series.id})],
        tags=["recurring_instance", "series_zone"],
    )


def _next_occurrence(ctx: Context, series: EventFact, skip: int) -> tuple[dict[str, Any], Any]:
    """The occurrence ``skip`` places after the next one, and its day on the user's clock."""
    seen = 0
    for n in range(1, 15):
        day = ctx.world.business_day(n)
        first, last = ctx.day_window(day)
        try:
            occurrence = ctx.probe.occurrence(ctx.cal(series.calendar).id, series.summary, first, last)
        except GeneratorError:
            continue
        if seen == skip:
            return occurrence, day
        seen += 1
    raise GeneratorError(f"no upcoming occurrence of {series.summary!r}")


@recipe(DELETE, "after_lunch")
def delete_after_lunch(ctx: Context) -> Pair:
    event, morning = ctx.event("call_afternoon"), ctx.event("call_morning")
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    return _delete_pair(
        ctx,
        "after_lunch",
        event,
        dict(day.fields()),
        search=_call_word(event.summary),
        alternative_id=morning.id,
        tags=("relative_reference",),
    )


# ---- timezone -----------------------------------------------------------------------------------

TIMEZONE = "timezone"


def remote_person(ctx: Context, day: Any, hours: tuple[int, ...]) -> tuple[Person, datetime]:
    """A colleague in another zone and a wall time of theirs that differs from the user's."""
    candidates = [ctx.world.person("unique", r) for r in (0, 1, 2)]
    ctx.rng.shuffle(candidates)
    for person in candidates:
        theirs = datetime.combine(
            day, datetime.min.time().replace(hour=ctx.rng.choice(hours)), ZoneInfo(person.zone)
        )
        if theirs.utcoffset() != ctx.local(theirs).utcoffset():
            return person, theirs
    raise GeneratorError("nobody in another zone")


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
            **_absolute_day(ctx, day),
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
        tags=["other_zone", person.zone, *_typo_tag(name, person)],
    )


def _absolute_day(ctx: Context, day: Any) -> dict[str, str | None]:
    """A day phrase that means the same date in every zone (no "tomorrow")."""
    for _ in range(20):
        forms = ctx.phraser.day_forms(day)
        if forms.day != "tomorrow":
            return dict(forms.fields())
    return {"day": f"on {ctx.phraser.weekday(day)} {day.day}"}


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
            **_absolute_day(ctx, day),
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
    careless = [_patch_times(ctx.actor.email, event.id, wall, _same_length(event, wall))]
    pair = _move_event_pair(
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
