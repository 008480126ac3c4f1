"""invite_people: add people to an existing event, or create one with guests.

Guests share first names with colleagues or have names that are prefixes of others', and some are
typed with a harmless typo; the careless alternative invites the look-alike.
"""

from __future__ import annotations

from datetime import timedelta

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    attendee_list,
    event_words,
    find_event,
    length,
    slot,
    typo_tag,
)
from evals.holdout.pairs import (
    Pair,
    Variant,
    changed_event,
    created_event,
    person_ref,
    search_people,
    step,
    timed,
)

INVITE = "invite_people"


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
        tags=["name_prefix", *typo_tag(second_name, second_guest), *(["partial_title"] if partial else [])],
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
        tags=["shared_first_name", *typo_tag(second_name, second_guest)],
    )
