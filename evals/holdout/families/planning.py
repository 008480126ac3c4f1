"""Recipes that plan ahead: recurring series, finding a free slot, and tasks of several steps.

Recurring series carry the zone they repeat in (``start.timeZone``): the user's own, or a
colleague's when the user says "every Thursday at 9am Kiri's time", which keeps the series at 9am
for Kiri across either side's DST change. Free slots are computed from the environment's own
free/busy at build time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from evals.holdout.families.base import Context, GeneratorError, recipe
from evals.holdout.families.calendars import GRANTABLE
from evals.holdout.families.common import (
    attendee_list,
    calendar_phrase,
    event_words,
    find_event,
    length,
    slot,
)
from evals.holdout.families.events import _absolute_day, remote_person
from evals.holdout.fixtures import WEEKDAY_CODES
from evals.holdout.names import Person
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    changed_event,
    created_acl,
    created_calendar,
    created_event,
    deleted_event,
    list_calendars,
    moved_times,
    person_ref,
    search_people,
    step,
    timed,
)
from evals.holdout.worlds import CalendarFact

RECURRING = "recurring"
FREE = "find_free_slot"
MULTI = "multi_step"


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
        **_absolute_day(ctx, start.date()),
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


# ---- find_free_slot -----------------------------------------------------------------------------


def _free_pair(
    ctx: Context,
    name: str,
    people: list[Person],
    first: datetime,
    last: datetime,
    minutes: int,
    natural_fields: dict[str, str | None],
    queries: list[str],
) -> Pair:
    actor = ctx.actor
    emails = [actor.email, *(p.email for p in people)]
    found = ctx.probe.first_free(emails, first, last, minutes)
    if found is None or found == first:
        raise GeneratorError(f"{name}: the window {first}..{last} has no informative free slot")
    start = ctx.local(found, str(first.tzinfo))
    end = start + timedelta(minutes=minutes)
    title = natural_fields["title"] or ""
    searches = [search_people(q, f"p{i}") for i, q in enumerate(queries)]
    refs = [person_ref(f"p{i}", p.display) for i, p in enumerate(people)]
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    natural_plan = [
        *searches,
        step(
            "freebusy_query",
            {
                "items": [{"id": actor.email}, *({"id": r} for r in refs)],
                "timeMin": first.isoformat(),
                "timeMax": last.isoformat(),
            },
            "busy",
        ),
        step(
            "events_insert",
            {"calendarId": "primary", **body, "attendees": [{"email": r} for r in refs]},
            "new",
        ),
    ]
    guests = [p.email for p in people]
    explicit = ctx.text(
        FREE,
        name,
        "explicit",
        {
            "emails": ", ".join(emails),
            "window_from": first.isoformat(),
            "window_to": last.isoformat(),
            "minutes": str(minutes),
            "title": title,
            "calendar_id": actor.email,
            "attendees": ", ".join(guests),
        },
    )
    explicit_plan = [
        step(
            "freebusy_query",
            {"items": [{"id": e} for e in emails], "timeMin": first.isoformat(), "timeMax": last.isoformat()},
            "busy",
        ),
        step("events_insert", {"calendarId": actor.email, **body, "attendees": attendee_list(guests)}, "new"),
    ]
    careless = step(
        "events_insert",
        {
            "calendarId": actor.email,
            "summary": title,
            "start": timed(first),
            "end": timed(first + timedelta(minutes=minutes)),
            "attendees": attendee_list(guests),
        },
    )
    return Pair(
        FREE,
        name,
        Variant(explicit, explicit_plan),
        Variant(ctx.text(FREE, name, "natural", natural_fields), natural_plan),
        ctx.answer(FREE, name, {"title": title, "start": start.isoformat()}),
        expect=[created_event(actor.email, title, start, end, guests)],
        alternative_plan=[careless],
        tags=["freebusy"],
    )


@recipe(FREE, "pair")
def free_pair(ctx: Context) -> Pair:
    busy = ctx.event("busy_pair")
    person = ctx.world.by_email(busy.calendar)
    first = ctx.local(busy.start)
    last = first + timedelta(hours=3)
    minutes = int(ctx.pick([45, 60]))
    name, query = ctx.name_for(person)
    style = ctx.pick(ctx.vocab.phrasing.time_styles)
    fields: dict[str, str | None] = {
        "minutes": str(minutes),
        "person": name,
        "title": ctx.fresh_title(ctx.world.org.events.new),
        "window_start": ctx.phraser.clock(first.time(), style),
        "window_end": ctx.phraser.clock(last.time(), style),
        **ctx.phraser.day_forms(first.date()).fields(),
    }
    return _free_pair(ctx, "pair", [person], first, last, minutes, fields, [query])


@recipe(FREE, "remote_window")
def free_remote(ctx: Context) -> Pair:
    busy = ctx.event("busy_remote")
    owner = ctx.world.by_email(busy.calendar)
    other = ctx.world.person("unique", 2)
    first = busy.start
    last = first + timedelta(hours=4)
    minutes = int(ctx.pick([30, 60]))
    owner_name, owner_query = ctx.name_for(owner)
    other_name, other_query = ctx.name_for(other)
    style = ctx.pick(ctx.vocab.phrasing.time_styles)
    fields: dict[str, str | None] = {
        "minutes": str(minutes),
        "person_a": owner_name,
        "person_b": other_name,
        "zone_owner": ctx.owner_of_time(owner, owner_name),
        "title": ctx.fresh_title(ctx.world.org.events.new),
        "window_start": ctx.phraser.clock(first.time(), style),
        "window_end": ctx.phraser.clock(last.time(), style),
        **_absolute_day(ctx, first.date()),
    }
    pair = _free_pair(
        ctx, "remote_window", [owner, other], first, last, minutes, fields, [owner_query, other_query]
    )
    pair.tags += ["other_zone", owner.zone]
    return pair


# ---- multi_step ---------------------------------------------------------------------------------


@recipe(MULTI, "new_calendar")
def multi_new_calendar(ctx: Context) -> Pair:
    summary = ctx.fresh_title(ctx.world.org.events.calendar_new)
    person = ctx.world.person("trio", 0)
    role = str(ctx.pick([r for r in GRANTABLE if r != "owner"]))
    title = ctx.fresh_title(ctx.world.org.events.new)
    start = slot(ctx)
    minutes = length(ctx)
    end = start + timedelta(minutes=minutes)
    body = {"summary": title, "start": timed(start), "end": timed(end)}

    def plan(email: str) -> list[dict[str, Any]]:
        lookup = [search_people(person.display, "person")] if email.startswith("$") else []
        return [
            step("calendars_insert", {"summary": summary}, "made"),
            *lookup,
            step(
                "acl_insert",
                {"calendarId": "$made.id", "role": role, "scope": {"type": "user", "value": email}},
            ),
            step("events_insert", {"calendarId": "$made.id", **body}, "new"),
        ]

    natural = ctx.text(
        MULTI,
        "new_calendar",
        "natural",
        {
            "calendar": summary,
            "person": person.display,
            "role_phrase": ctx.phraser.role(role),
            "title": title,
            "when": ctx.phraser.when(start, minutes),
        },
    )
    explicit = ctx.text(
        MULTI,
        "new_calendar",
        "explicit",
        {
            "calendar": summary,
            "email": person.email,
            "role": role,
            "title": title,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    careless = [s for s in plan(person.email) if s["tool"] != "acl_insert"]
    return Pair(
        MULTI,
        "new_calendar",
        Variant(explicit, plan(person.email)),
        Variant(natural, plan(person_ref("person", person.display))),
        ctx.answer(MULTI, "new_calendar", {"calendar": summary, "name": person.display, "title": title}),
        expect=[
            created_calendar(summary),
            created_acl(None, ctx.actor.email, "owner"),
            created_acl(None, person.email, role),
            created_event(None, title, start, end),
        ],
        alternative_plan=careless,
        tags=["name_prefix"],
    )


@recipe(MULTI, "reschedule_invite_delete")
def multi_reschedule_invite_delete(ctx: Context) -> Pair:
    event, other = ctx.event("near_base"), ctx.event("near_variant")
    calendar = ctx.cal(event.calendar)
    person = ctx.world.person("unique", 3)
    name, query = ctx.name_for(person)
    target = ctx.world.business_day(ctx.rng.randint(4, 7))
    start = ctx.world.at(target, ctx.rng.choice((9, 11, 14, 15)), ctx.rng.choice((0, 30)))
    end = start + (event.end - event.start)
    everyone = [*event.attendees, person.email]
    found = find_event(ctx, event)
    day = ctx.phraser.day_forms(ctx.local(event.start).date())
    natural = ctx.text(
        MULTI,
        "reschedule_invite_delete",
        "natural",
        {
            "event": event_words(ctx, event.summary, partial=False)[0],
            "new_day": ctx.phraser.day_forms(target).day_bare,
            "time": ctx.phraser.clock(start.time()),
            "person": name,
            "other": event_words(ctx, other.summary, partial=False)[0],
            "other_day": ctx.phraser.day_forms(ctx.local(other.start).date()).day,
            **day.fields(),
        },
    )
    explicit = ctx.text(
        MULTI,
        "reschedule_invite_delete",
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": event.id,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "email": person.email,
            "existing": ", ".join(event.attendees),
            "other_id": other.id,
        },
    )
    natural_plan = [
        *found.steps,
        search_people(query, "person"),
        step(
            "events_patch",
            {
                "calendarId": found.calendar,
                "eventId": found.event,
                "start": timed(start),
                "end": timed(end),
                "attendees": [
                    *attendee_list(list(event.attendees)),
                    {"email": person_ref("person", person.display)},
                ],
            },
        ),
        step(
            "events_delete",
            {"calendarId": found.calendar, "eventId": f"$found.items[summary={other.summary}].id"},
        ),
    ]
    explicit_plan = [
        step(
            "events_patch",
            {
                "calendarId": calendar.id,
                "eventId": event.id,
                "start": timed(start),
                "end": timed(end),
                "attendees": attendee_list(everyone),
            },
        ),
        step("events_delete", {"calendarId": calendar.id, "eventId": other.id}),
    ]
    swapped = [
        step(
            "events_patch",
            {
                "calendarId": calendar.id,
                "eventId": other.id,
                "start": timed(start),
                "end": timed(start + (other.end - other.start)),
                "attendees": attendee_list(everyone),
            },
        ),
        step("events_delete", {"calendarId": calendar.id, "eventId": event.id}),
    ]
    return Pair(
        MULTI,
        "reschedule_invite_delete",
        Variant(explicit, explicit_plan),
        Variant(natural, natural_plan),
        ctx.answer(
            MULTI,
            "reschedule_invite_delete",
            {"event": event.summary, "name": person.display, "other": other.summary},
        ),
        expect=[
            changed_event(event.id, {**moved_times(start, end), "attendees": {"$emails": everyone}}),
            deleted_event(other.id),
        ],
        alternative_plan=swapped,
        tags=["near_duplicate_title"],
    )


@recipe(MULTI, "move_and_invite")
def multi_move_and_invite(ctx: Context) -> Pair:
    event = ctx.event("move_ext")
    source, dest = ctx.cal(event.calendar), ctx.cal("prefix_base")
    person = ctx.world.person("unique", 4)
    name, query = ctx.name_for(person)
    said, search, partial = event_words(ctx, event.summary)
    found = find_event(ctx, event, search=search)
    everyone = [*event.attendees, person.email]
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    natural = ctx.text(
        MULTI,
        "move_and_invite",
        "natural",
        {
            "event": said,
            "source": calendar_phrase(ctx, source),
            "dest": calendar_phrase(ctx, dest),
            "person": name,
            **day.fields(),
        },
    )
    explicit = ctx.text(
        MULTI,
        "move_and_invite",
        "explicit",
        {
            "event_id": event.id,
            "source_id": source.id,
            "dest_id": dest.id,
            "email": person.email,
            "existing": ", ".join(event.attendees),
        },
    )
    natural_plan = [
        *found.steps,
        search_people(query, "person"),
        step(
            "events_move",
            {"calendarId": found.calendar, "eventId": found.event, "destination": calendar_ref(dest)},
            "moved",
        ),
        step(
            "events_patch",
            {
                "calendarId": calendar_ref(dest),
                "eventId": "$moved.id",
                "attendees": [
                    *attendee_list(list(event.attendees)),
                    {"email": person_ref("person", person.display)},
                ],
            },
        ),
    ]
    explicit_plan = [
        step("events_move", {"calendarId": source.id, "eventId": event.id, "destination": dest.id}, "moved"),
        step(
            "events_patch", {"calendarId": dest.id, "eventId": event.id, "attendees": attendee_list(everyone)}
        ),
    ]
    return Pair(
        MULTI,
        "move_and_invite",
        Variant(explicit, explicit_plan),
        Variant(natural, natural_plan),
        ctx.answer(
            MULTI,
            "move_and_invite",
            {"event": event.summary, "dest_name": dest.summary, "name": person.display},
        ),
        expect=[changed_event(event.id, {"calendarId": dest.id, "attendees": {"$emails": everyone}})],
        alternative_plan=explicit_plan[:1],
        tags=["name_prefix", *(["partial_title"] if partial else [])],
    )
