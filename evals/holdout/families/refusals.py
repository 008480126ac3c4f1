"""Recipes where the right answer is *not* to write: no access, or a reference that needs a question.

The gold plan only looks (the lookup that shows the problem) and answers; every such task forbids
all writes and checks the answer for the words of a refusal or a question. The careless alternative
is the write a hasty agent would make: to the writable sibling of a read-only calendar, to a
calendar it created because it found none, or to one of the people the user might have meant.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import calendar_phrase, event_words, find_event, length, slot
from evals.holdout.pairs import Pair, Variant, list_calendars, search_people, step, timed
from evals.holdout.worlds import CalendarFact

DENIED = "permission_denied"
AMBIGUOUS = "ambiguous"


def _refusal(
    ctx: Context,
    family: str,
    name: str,
    natural: str,
    explicit: str,
    natural_plan: list[dict[str, Any]],
    explicit_plan: list[dict[str, Any]],
    answer_fields: dict[str, str],
    alternative: list[dict[str, Any]],
    protected: CalendarFact | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    forbid: dict[str, Any] = {"any_write": True}
    if protected is not None:
        forbid["writes_to_calendars"] = [protected.id]
    return Pair(
        family,
        name,
        Variant(explicit, explicit_plan),
        Variant(natural, natural_plan),
        ctx.answer(family, name, answer_fields),
        forbid=forbid,
        answer=ctx.refusal(family, name),
        alternative_plan=alternative,
        tags=list(tags),
    )


def _new_event_words(
    ctx: Context, calendar_id: str
) -> tuple[dict[str, str | None], dict[str, Any], dict[str, str]]:
    """Natural fields, the event body and explicit fields of a new event someone asks for."""
    title = ctx.fresh_title(ctx.world.org.events.new)
    start = slot(ctx)
    minutes = length(ctx)
    end = start + timedelta(minutes=minutes)
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    explicit = {
        "title": title,
        "calendar_id": calendar_id,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    return {"title": title, "when": ctx.phraser.when(start, minutes)}, body, explicit


# ---- permission_denied --------------------------------------------------------------------------


@recipe(DENIED, "readonly_insert")
def denied_readonly_insert(ctx: Context) -> Pair:
    calendar, sibling = ctx.cal("readonly"), ctx.cal("readonly_sibling")
    fields, body, explicit = _new_event_words(ctx, calendar.id)
    return _refusal(
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
    return _refusal(
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
    return _refusal(
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
    return _refusal(
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
    fields, body, explicit = _new_event_words(ctx, calendar.id)
    invented = [
        step("calendars_insert", {"summary": calendar.summary}, "made"),
        step("events_insert", {"calendarId": "$made.id", **body}),
    ]
    return _refusal(
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


# ---- ambiguous ----------------------------------------------------------------------------------


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
    return _refusal(
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
    fields, body, explicit = _new_event_words(ctx, calendar.id)
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
    return _refusal(
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
    return _refusal(
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
    return _refusal(
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
    return _refusal(
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
