"""create_on_calendar and all_day: a new event on the calendar the user names.

The calendar always has a near namesake (a name that is a prefix of another, a person's calendar
whose owner's name is a prefix of a colleague's, the user's own alias for it, a calendar hidden in
their list), and the careless alternative writes to the namesake. All-day entries end on the
exclusive day after, as the API wants; the careless alternative ends them a day early.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    calendar_phrase,
    length,
    slot,
)
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    created_event,
    list_calendars,
    step,
    timed,
)
from evals.holdout.worlds import CalendarFact

CREATE = "create_on_calendar"


def _insert_pair(
    ctx: Context,
    family: str,
    name: str,
    calendar: CalendarFact,
    natural_fields: dict[str, str | None],
    *,
    by_alias: bool = False,
    alternative: CalendarFact | None = None,
    tags: tuple[str, ...] = (),
) -> Pair:
    """Create a timed event on ``calendar``; the natural fields say which calendar, in words."""
    title = ctx.fresh_title(ctx.world.org.events.new)
    start = slot(ctx)
    minutes = length(ctx)
    end = start + timedelta(minutes=minutes)
    body = {"summary": title, "start": timed(start), "end": timed(end)}
    natural = ctx.text(
        family, name, "natural", {"title": title, "when": ctx.phraser.when(start, minutes), **natural_fields}
    )
    explicit = ctx.text(
        family,
        name,
        "explicit",
        {"title": title, "calendar_id": calendar.id, "start": start.isoformat(), "end": end.isoformat()},
    )
    lookup = [] if calendar.key == "primary" else [list_calendars(hidden=calendar.hidden)]
    natural_plan = [
        *lookup,
        step("events_insert", {"calendarId": calendar_ref(calendar, by_alias=by_alias), **body}, "new"),
    ]
    alt = [step("events_insert", {"calendarId": alternative.id, **body})] if alternative else []
    return Pair(
        family,
        name,
        Variant(explicit, [step("events_insert", {"calendarId": calendar.id, **body}, "new")]),
        Variant(natural, natural_plan),
        ctx.answer(family, name, {"title": title, "calendar": calendar.summary}),
        expect=[created_event(calendar.id, title, start, end)],
        alternative_plan=alt,
        tags=list(tags),
    )


@recipe(CREATE, "prefix_base")
def create_prefix_base(ctx: Context) -> Pair:
    base, extended = ctx.cal("prefix_base"), ctx.cal("prefix_ext")
    return _insert_pair(
        ctx,
        CREATE,
        "prefix_base",
        base,
        {"cal": calendar_phrase(ctx, base)},
        alternative=extended,
        tags=("name_prefix",),
    )


@recipe(CREATE, "possessive")
def create_possessive(ctx: Context) -> Pair:
    mine, namesake = ctx.cal("person_a"), ctx.cal("person_b")
    owner = ctx.world.by_email(mine.owner)
    phrase = ctx.phraser.possessive_calendar(owner.display, ctx.world.org.calendars.person_word)
    return _insert_pair(
        ctx,
        CREATE,
        "possessive",
        mine,
        {"cal": phrase},
        alternative=namesake,
        tags=("possessive", "name_prefix"),
    )


@recipe(CREATE, "override")
def create_override(ctx: Context) -> Pair:
    aliased, base = ctx.cal("prefix_ext"), ctx.cal("prefix_base")
    return _insert_pair(
        ctx,
        CREATE,
        "override",
        aliased,
        {"alias": aliased.alias},
        by_alias=True,
        alternative=base,
        tags=("summary_override",),
    )


@recipe(CREATE, "hidden")
def create_hidden(ctx: Context) -> Pair:
    hidden = ctx.cal("hidden")
    return _insert_pair(
        ctx,
        CREATE,
        "hidden",
        hidden,
        {"cal": calendar_phrase(ctx, hidden)},
        alternative=ctx.world.primary(),
        tags=("hidden_calendar",),
    )


@recipe(CREATE, "large")
def create_large(ctx: Context) -> Pair:
    large = ctx.cal("large")
    return _insert_pair(
        ctx, CREATE, "large", large, {"cal": calendar_phrase(ctx, large)}, tags=("large_calendar",)
    )


ALL_DAY = "all_day"


def _all_day_pair(
    ctx: Context,
    name: str,
    calendar: CalendarFact,
    first_day: Any,
    days: int,
    fields: dict[str, str | None],
    alternative: list[dict[str, Any]],
) -> Pair:
    title = fields["title"] or ""
    last_exclusive = first_day + timedelta(days=days)
    body = {
        "summary": title,
        "start": {"date": first_day.isoformat()},
        "end": {"date": last_exclusive.isoformat()},
    }
    lookup = [] if calendar.key == "primary" else [list_calendars()]
    natural_plan = [*lookup, step("events_insert", {"calendarId": calendar_ref(calendar), **body}, "new")]
    explicit = ctx.text(
        ALL_DAY,
        name,
        "explicit",
        {
            "title": title,
            "calendar_id": calendar.id,
            "start": first_day.isoformat(),
            "end": last_exclusive.isoformat(),
        },
    )
    return Pair(
        ALL_DAY,
        name,
        Variant(explicit, [step("events_insert", {"calendarId": calendar.id, **body}, "new")]),
        Variant(ctx.text(ALL_DAY, name, "natural", fields), natural_plan),
        ctx.answer(
            ALL_DAY, name, {"title": title, "calendar": calendar.summary, "start": first_day.isoformat()}
        ),
        expect=[created_event(calendar.id, title, first_day, last_exclusive)],
        alternative_plan=alternative,
    )


@recipe(ALL_DAY, "single_primary")
def all_day_single(ctx: Context) -> Pair:
    day = ctx.world.business_day(ctx.rng.randint(2, 8))
    title = ctx.fresh_title(ctx.world.org.events.all_day)
    primary = ctx.world.primary()
    start, end = ctx.day_window(day)
    careless = [
        step(
            "events_insert",
            {
                "calendarId": primary.id,
                "summary": title,
                "start": timed(start),
                "end": timed(end - timedelta(minutes=1)),
            },
        )
    ]
    fields: dict[str, str | None] = {"title": title, **ctx.phraser.day_forms(day).fields()}
    return _all_day_pair(ctx, "single_primary", primary, day, 1, fields, careless)


@recipe(ALL_DAY, "range_shared")
def all_day_range(ctx: Context) -> Pair:
    first = ctx.world.business_day(ctx.rng.randint(3, 7))
    days = ctx.rng.randint(2, 4)
    last = first + timedelta(days=days - 1)
    calendar = ctx.cal(ctx.pick(["shared_owned", "prefix_base", "owned_b"]))
    title = ctx.fresh_title(ctx.world.org.events.all_day)
    fields: dict[str, str | None] = {
        "title": title,
        "cal": calendar_phrase(ctx, calendar),
        "first_day": ctx.phraser.day_forms(first).day_bare,
        "last_day": ctx.phraser.day_forms(last).day_bare,
    }
    inclusive = [
        step(
            "events_insert",
            {
                "calendarId": calendar.id,
                "summary": title,
                "start": {"date": first.isoformat()},
                "end": {"date": last.isoformat()},
            },
        )
    ]
    return _all_day_pair(ctx, "range_shared", calendar, first, days, fields, inclusive)


@recipe(ALL_DAY, "on_collision")
def all_day_collision(ctx: Context) -> Pair:
    calendar = ctx.cal("near_writable")
    day = ctx.world.business_day(ctx.rng.randint(2, 8))
    title = ctx.fresh_title(ctx.world.org.events.all_day)
    fields: dict[str, str | None] = {
        "title": title,
        "cal": calendar_phrase(ctx, calendar),
        **ctx.phraser.day_forms(day).fields(),
    }
    elsewhere = [
        step(
            "events_insert",
            {
                "calendarId": ctx.world.primary().id,
                "summary": title,
                "start": {"date": day.isoformat()},
                "end": {"date": (day + timedelta(days=1)).isoformat()},
            },
        )
    ]
    pair = _all_day_pair(ctx, "on_collision", calendar, day, 1, fields, elsewhere)
    pair.tags.append("near_duplicate_name")
    return pair
