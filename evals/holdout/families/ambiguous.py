"""ambiguous: references that need a question (three people called Jonas, two calendars with one
name, two events with one title, two 1:1s with two Meis, two people with one full name).

The gold plan looks and asks; the careless alternative picks one.
"""

from __future__ import annotations

from datetime import timedelta

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    calendar_phrase,
    event_words,
    new_event_words,
    refusal_pair,
)
from evals.holdout.pairs import (
    Pair,
    list_calendars,
    search_people,
    step,
    timed,
)

AMBIGUOUS = "ambiguous"


@recipe(AMBIGUOUS, "trio_invite")
def ambiguous_trio(ctx: Context) -> Pair:
    event = ctx.event("near_base")
    calendar = ctx.cal(event.calendar)
    trio = ctx.world.cohort("trio")
    first = trio[0].first
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    natural = ctx.text(
        AMBIGUOUS,
        "trio_invite",
        "natural",
        {"first": first, "event": event_words(ctx, event.summary, partial=False)[0], **day.fields()},
    )
    explicit = ctx.text(
        AMBIGUOUS,
        "trio_invite",
        "explicit",
        {"calendar_id": calendar.id, "event_id": event.id, "first": first},
    )
    lookup = [search_people(first, "people")]
    careless = step(
        "events_patch",
        {
            "calendarId": calendar.id,
            "eventId": event.id,
            "attendees": [{"email": e} for e in (*event.attendees, trio[0].email)],
        },
    )
    return refusal_pair(
        ctx,
        AMBIGUOUS,
        "trio_invite",
        natural,
        explicit,
        lookup,
        lookup,
        {"first": first, "names": ", ".join(p.display for p in trio)},
        [careless],
        tags=("shared_first_name",),
    )


@recipe(AMBIGUOUS, "identical_calendar")
def ambiguous_identical_calendar(ctx: Context) -> Pair:
    calendar = ctx.cal("identical_a")
    fields, body, explicit = new_event_words(ctx, calendar.id)
    explicit_text = ctx.text(
        AMBIGUOUS,
        "identical_calendar",
        "explicit",
        {
            "title": explicit["title"],
            "calendar": calendar.summary,
            "start": explicit["start"],
            "end": explicit["end"],
        },
    )
    return refusal_pair(
        ctx,
        AMBIGUOUS,
        "identical_calendar",
        ctx.text(
            AMBIGUOUS, "identical_calendar", "natural", {**fields, "cal": calendar_phrase(ctx, calendar)}
        ),
        explicit_text,
        [list_calendars()],
        [list_calendars()],
        {"calendar": calendar.summary},
        [step("events_insert", {"calendarId": calendar.id, **body})],
        tags=("identical_names",),
    )


@recipe(AMBIGUOUS, "repeated_event")
def ambiguous_repeated(ctx: Context) -> Pair:
    first, second = ctx.event("repeated_1"), ctx.event("repeated_2")
    calendar = ctx.cal(first.calendar)
    target_day = ctx.world.business_day(ctx.rng.randint(4, 7))
    start = ctx.world.at(target_day, ctx.rng.choice((9, 10, 15)), ctx.rng.choice((0, 30)))
    end = start + (first.end - first.start)
    said = event_words(ctx, first.summary, partial=False)[0]
    natural = ctx.text(
        AMBIGUOUS,
        "repeated_event",
        "natural",
        {
            "event": said,
            "new_day": ctx.phraser.day_forms(target_day).day_bare,
            "time": ctx.phraser.clock(start.time()),
        },
    )
    explicit = ctx.text(
        AMBIGUOUS,
        "repeated_event",
        "explicit",
        {
            "calendar_id": calendar.id,
            "event": first.summary,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    window = {
        "timeMin": ctx.world.now.isoformat(),
        "timeMax": (ctx.world.now + timedelta(days=21)).isoformat(),
    }
    natural_plan = [
        list_calendars(),
        step(
            "events_list",
            {"calendarId": f"$cals.items[summary={calendar.summary}].id", "q": first.summary, **window},
            "found",
        ),
    ]
    explicit_plan = [step("events_list", {"calendarId": calendar.id, "q": first.summary, **window}, "found")]
    careless = step(
        "events_patch",
        {"calendarId": calendar.id, "eventId": second.id, "start": timed(start), "end": timed(end)},
    )
    return refusal_pair(
        ctx,
        AMBIGUOUS,
        "repeated_event",
        natural,
        explicit,
        natural_plan,
        explicit_plan,
        {"event": first.summary},
        [careless],
        tags=("repeated_title",),
    )


@recipe(AMBIGUOUS, "duo_one_on_one")
def ambiguous_duo_one_on_one(ctx: Context) -> Pair:
    first = ctx.event("one_on_one_duo_0")
    duo = ctx.world.cohort("duo")
    target_day = ctx.world.business_day(ctx.rng.randint(5, 8))
    start = ctx.world.at(target_day, ctx.rng.choice((10, 11, 16)), ctx.rng.choice((0, 30)))
    end = start + (first.end - first.start)
    natural = ctx.text(
        AMBIGUOUS,
        "duo_one_on_one",
        "natural",
        {
            "first": duo[0].first,
            "new_day": ctx.phraser.day_forms(target_day).day_bare,
            "time": ctx.phraser.clock(start.time()),
        },
    )
    explicit = ctx.text(
        AMBIGUOUS,
        "duo_one_on_one",
        "explicit",
        {
            "calendar_id": ctx.actor.email,
            "first": duo[0].first,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    window = {
        "timeMin": ctx.world.now.isoformat(),
        "timeMax": (ctx.world.now + timedelta(days=14)).isoformat(),
    }
    lookup = [step("events_list", {"calendarId": "primary", "q": "1:1", **window}, "found")]
    careless = step(
        "events_patch",
        {"calendarId": ctx.actor.email, "eventId": first.id, "start": timed(start), "end": timed(end)},
    )
    return refusal_pair(
        ctx,
        AMBIGUOUS,
        "duo_one_on_one",
        natural,
        explicit,
        lookup,
        lookup,
        {"first": duo[0].first, "names": " and ".join(p.display for p in duo)},
        [careless],
        tags=("shared_first_name", "relative_reference"),
    )


@recipe(AMBIGUOUS, "same_full_name")
def ambiguous_same_full_name(ctx: Context) -> Pair:
    calendar = ctx.cal("owned_b")
    twins = ctx.world.cohort("same")
    name = twins[0].display
    natural = ctx.text(
        AMBIGUOUS, "same_full_name", "natural", {"person": name, "cal": calendar_phrase(ctx, calendar)}
    )
    explicit = ctx.text(AMBIGUOUS, "same_full_name", "explicit", {"calendar_id": calendar.id, "person": name})
    lookup = [search_people(name, "people")]
    careless = step(
        "acl_insert",
        {"calendarId": calendar.id, "role": "writer", "scope": {"type": "user", "value": twins[0].email}},
    )
    return refusal_pair(
        ctx,
        AMBIGUOUS,
        "same_full_name",
        natural,
        explicit,
        lookup,
        lookup,
        {"person": name, "emails": " and ".join(p.email for p in twins)},
        [careless],
        tags=("same_full_name",),
    )
