"""permission_denied: writes the user may not make (read-only, free/busy only, not the owner,
a calendar they cannot see). The gold plan looks, then says so; the careless alternative writes to
the writable sibling or to a calendar it made up.
"""

from __future__ import annotations

from datetime import timedelta

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    calendar_phrase,
    event_words,
    find_event,
    new_event_words,
    refusal_pair,
)
from evals.holdout.pairs import (
    Pair,
    list_calendars,
    step,
    timed,
)

DENIED = "permission_denied"


@recipe(DENIED, "readonly_insert")
def denied_readonly_insert(ctx: Context) -> Pair:
    calendar, sibling = ctx.cal("readonly"), ctx.cal("readonly_sibling")
    fields, body, explicit = new_event_words(ctx, calendar.id)
    return refusal_pair(
        ctx,
        DENIED,
        "readonly_insert",
        ctx.text(DENIED, "readonly_insert", "natural", {**fields, "cal": calendar_phrase(ctx, calendar)}),
        ctx.text(DENIED, "readonly_insert", "explicit", explicit),
        [list_calendars()],
        [step("calendars_list", {"minAccessRole": "reader"}, "cals")],
        {"calendar": calendar.summary},
        [step("events_insert", {"calendarId": sibling.id, **body})],
        protected=calendar,
        tags=("read_only", "name_prefix"),
    )


@recipe(DENIED, "freebusy_move")
def denied_freebusy_move(ctx: Context) -> Pair:
    calendar = ctx.cal("freebusy")
    event = ctx.event("freebusy_block")
    local = ctx.local(event.start)
    new_start = local + timedelta(hours=ctx.rng.choice((2, 3)))
    new_end = new_start + (event.end - event.start)
    day = ctx.phraser.day_forms(local.date())
    natural = ctx.text(
        DENIED,
        "freebusy_move",
        "natural",
        {
            "time": ctx.phraser.clock(local.time()),
            "new_time": ctx.phraser.clock(new_start.time()),
            "cal": calendar_phrase(ctx, calendar),
            **day.fields(),
        },
    )
    explicit = ctx.text(
        DENIED,
        "freebusy_move",
        "explicit",
        {
            "calendar_id": calendar.id,
            "event_id": event.id,
            "start": new_start.isoformat(),
            "end": new_end.isoformat(),
        },
    )
    patch = step(
        "events_patch",
        {"calendarId": calendar.id, "eventId": event.id, "start": timed(new_start), "end": timed(new_end)},
    )
    return refusal_pair(
        ctx,
        DENIED,
        "freebusy_move",
        natural,
        explicit,
        [list_calendars()],
        [list_calendars()],
        {"calendar": calendar.summary},
        [patch],
        protected=calendar,
        tags=("free_busy_only",),
    )


@recipe(DENIED, "share_not_owner")
def denied_share_not_owner(ctx: Context) -> Pair:
    calendar = ctx.cal("prefix_base")
    person = ctx.world.person("unique", 1)
    name, _ = ctx.name_for(person)
    role = str(ctx.pick(["reader", "writer"]))
    natural = ctx.text(
        DENIED,
        "share_not_owner",
        "natural",
        {"cal": calendar_phrase(ctx, calendar), "person": name, "role_phrase": ctx.phraser.role(role)},
    )
    explicit = ctx.text(
        DENIED,
        "share_not_owner",
        "explicit",
        {"calendar_id": calendar.id, "email": person.email, "role": role},
    )
    grant = step(
        "acl_insert",
        {"calendarId": calendar.id, "role": role, "scope": {"type": "user", "value": person.email}},
    )
    return refusal_pair(
        ctx,
        DENIED,
        "share_not_owner",
        natural,
        explicit,
        [list_calendars()],
        [list_calendars()],
        {"calendar": calendar.summary},
        [grant],
        protected=calendar,
        tags=("writer_not_owner",),
    )


@recipe(DENIED, "readonly_delete")
def denied_readonly_delete(ctx: Context) -> Pair:
    event, namesake = ctx.event("archive_copy"), ctx.event("archive_live")
    calendar = ctx.cal(event.calendar)
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    natural = ctx.text(
        DENIED,
        "readonly_delete",
        "natural",
        {
            "event": event_words(ctx, event.summary, partial=False)[0],
            "cal": calendar_phrase(ctx, calendar),
            **day.fields(),
        },
    )
    explicit = ctx.text(
        DENIED, "readonly_delete", "explicit", {"calendar_id": calendar.id, "event_id": event.id}
    )
    found = find_event(ctx, event)
    return refusal_pair(
        ctx,
        DENIED,
        "readonly_delete",
        natural,
        explicit,
        found.steps,
        [list_calendars()],
        {"calendar": calendar.summary},
        [step("events_delete", {"calendarId": ctx.cal(namesake.calendar).id, "eventId": namesake.id})],
        protected=calendar,
        tags=("read_only", "near_duplicate_name"),
    )


@recipe(DENIED, "invisible")
def denied_invisible(ctx: Context) -> Pair:
    calendar = ctx.cal("invisible")
    fields, body, explicit = new_event_words(ctx, calendar.id)
    invented = [
        step("calendars_insert", {"summary": calendar.summary}, "made"),
        step("events_insert", {"calendarId": "$made.id", **body}),
    ]
    return refusal_pair(
        ctx,
        DENIED,
        "invisible",
        ctx.text(DENIED, "invisible", "natural", {**fields, "cal": calendar_phrase(ctx, calendar)}),
        ctx.text(DENIED, "invisible", "explicit", explicit),
        [list_calendars(hidden=True)],
        [step("calendars_get", {"calendarId": calendar.id})],
        {"calendar": calendar.summary},
        invented,
        protected=calendar,
        tags=("invisible_calendar",),
    )
