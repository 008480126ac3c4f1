"""find_free_slot: the first slot when everyone is free, from the environment's own free/busy.

The first half hour of every search window is taken, so booking at the window's start (the careless
alternative) is wrong; one window is stated in a colleague's zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from evals.holdout.families.base import Context, GeneratorError, recipe
from evals.holdout.families.common import (
    absolute_day,
    attendee_list,
)
from evals.holdout.names import Person
from evals.holdout.pairs import (
    Pair,
    Variant,
    created_event,
    person_ref,
    search_people,
    step,
    timed,
)

FREE = "find_free_slot"


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
        **absolute_day(ctx, first.date()),
    }
    pair = _free_pair(
        ctx, "remote_window", [owner, other], first, last, minutes, fields, [owner_query, other_query]
    )
    pair.tags += ["other_zone", owner.zone]
    return pair
