"""move_between_calendars: an event changes calendars (``events_move``), between namesakes.

The careless alternatives copy the event instead of moving it, or move it to the namesake.
"""

from __future__ import annotations

from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    calendar_phrase,
    event_words,
    find_event,
)
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    changed_event,
    list_calendars,
    step,
    timed,
)
from evals.holdout.worlds import CalendarFact

MOVE = "move_between_calendars"


def _move_pair(
    ctx: Context,
    name: str,
    event_key: str,
    dest: CalendarFact,
    fields: dict[str, str | None],
    alternative: list[dict[str, Any]],
    tags: tuple[str, ...] = (),
) -> Pair:
    event = ctx.event(event_key)
    source = ctx.cal(event.calendar)
    said, search, partial = event_words(ctx, event.summary)
    found = find_event(ctx, event, search=search)
    lookups = found.steps
    if dest.key != "primary" and source.key == "primary":
        lookups = [list_calendars(), *lookups]
    dest_ref = calendar_ref(dest)
    natural_plan = [
        *lookups,
        step("events_move", {"calendarId": found.calendar, "eventId": found.event, "destination": dest_ref}),
    ]
    day = ctx.phraser.day_forms(ctx.local(event.start).date(), possessive=True)
    natural = ctx.text(MOVE, name, "natural", {"event": said, **day.fields(), **fields})
    explicit = ctx.text(
        MOVE, name, "explicit", {"event_id": event.id, "source_id": source.id, "dest_id": dest.id}
    )
    return Pair(
        MOVE,
        name,
        Variant(
            explicit,
            [step("events_move", {"calendarId": source.id, "eventId": event.id, "destination": dest.id})],
        ),
        Variant(natural, natural_plan),
        ctx.answer(MOVE, name, {"event": event.summary, "dest_name": dest.summary}),
        expect=[changed_event(event.id, {"calendarId": dest.id, "summary": event.summary})],
        alternative_plan=alternative,
        tags=[*tags, *(["partial_title"] if partial else [])],
    )


def _copy_instead(ctx: Context, event_key: str, dest: CalendarFact) -> list[dict[str, Any]]:
    """The careless move: a copy on the destination, the original left where it was."""
    event = ctx.event(event_key)
    return [
        step(
            "events_insert",
            {
                "calendarId": dest.id,
                "summary": event.summary,
                "start": timed(event.start),
                "end": timed(event.end),
            },
        )
    ]


@recipe(MOVE, "prefix")
def move_prefix(ctx: Context) -> Pair:
    source, dest = ctx.cal("prefix_ext"), ctx.cal("prefix_base")
    fields: dict[str, str | None] = {
        "source": calendar_phrase(ctx, source),
        "dest": calendar_phrase(ctx, dest),
    }
    return _move_pair(
        ctx, "prefix", "move_ext", dest, fields, _copy_instead(ctx, "move_ext", dest), ("name_prefix",)
    )


@recipe(MOVE, "to_primary")
def move_to_primary(ctx: Context) -> Pair:
    source = ctx.cal("owned_a")
    dest = ctx.world.primary()
    fields: dict[str, str | None] = {"source": calendar_phrase(ctx, source)}
    return _move_pair(ctx, "to_primary", "move_owned", dest, fields, _copy_instead(ctx, "move_owned", dest))


@recipe(MOVE, "from_primary")
def move_from_primary(ctx: Context) -> Pair:
    dest, namesake = ctx.cal("person_a"), ctx.cal("person_b")
    owner = ctx.world.by_email(dest.owner)
    fields: dict[str, str | None] = {
        "dest": ctx.phraser.possessive_calendar(owner.display, ctx.world.org.calendars.person_word)
    }
    event = ctx.event("move_primary")
    wrong = [
        step(
            "events_move",
            {"calendarId": ctx.world.actor.email, "eventId": event.id, "destination": namesake.id},
        )
    ]
    return _move_pair(ctx, "from_primary", "move_primary", dest, fields, wrong, ("possessive", "name_prefix"))
