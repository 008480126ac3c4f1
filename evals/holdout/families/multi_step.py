"""multi_step: several writes in one request (a new calendar shared and filled; reschedule, invite
and delete; move and invite). The careless alternatives skip or swap a step.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    attendee_list,
    calendar_phrase,
    event_words,
    find_event,
    length,
    slot,
)
from evals.holdout.families.sharing import GRANTABLE
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    changed_event,
    created_acl,
    created_calendar,
    created_event,
    deleted_event,
    moved_times,
    person_ref,
    search_people,
    step,
    timed,
)

MULTI = "multi_step"


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
