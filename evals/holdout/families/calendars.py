"""Recipes about *which calendar*: creating on it, all-day entries, moving between calendars, sharing.

The calendar a task names always has a near namesake (a prefix, shared words, a person whose name
is a prefix of another's, the user's own alias), and the careless alternative writes to it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import calendar_phrase, event_words, find_event, length, slot
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    changed_acl,
    changed_event,
    created_acl,
    created_event,
    deleted_acl,
    list_calendars,
    person_ref,
    search_people,
    step,
    timed,
)
from evals.holdout.worlds import CalendarFact

# ---- create_on_calendar ------------------------------------------------------------------------

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


# ---- all_day ------------------------------------------------------------------------------------

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


# ---- move_between_calendars ---------------------------------------------------------------------

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


# ---- share_calendar -----------------------------------------------------------------------------

SHARE = "share_calendar"
GRANTABLE = ("reader", "writer", "freeBusyReader", "owner")
PERSON_FORMS = frozenset({"person", "person_possessive"})


def _acl_args(calendar_id: str, role: str, scope_type: str, value: str | None) -> dict[str, Any]:
    scope: dict[str, Any] = {"type": scope_type}
    if value is not None:
        scope["value"] = value
    return {"calendarId": calendar_id, "role": role, "scope": scope}


@recipe(SHARE, "grant")
def share_grant(ctx: Context) -> Pair:
    calendar = ctx.cal("owned_a")
    person, namesake = ctx.world.person("trio", 0), ctx.world.person("trio", 1)
    role = str(ctx.pick(list(GRANTABLE)))
    fields: dict[str, str | None] = {
        "cal": calendar_phrase(ctx, calendar),
        "person": person.display,
        "role_phrase": ctx.phraser.role(role),
    }
    natural_plan = [
        list_calendars(),
        search_people(person.display, "person"),
        step(
            "acl_insert",
            _acl_args(calendar_ref(calendar), role, "user", person_ref("person", person.display)),
        ),
    ]
    explicit = ctx.text(
        SHARE, "grant", "explicit", {"calendar_id": calendar.id, "email": person.email, "role": role}
    )
    return Pair(
        SHARE,
        "grant",
        Variant(explicit, [step("acl_insert", _acl_args(calendar.id, role, "user", person.email))]),
        Variant(ctx.text(SHARE, "grant", "natural", fields), natural_plan),
        ctx.answer(SHARE, "grant", {"calendar": calendar.summary, "name": person.display, "role": role}),
        expect=[created_acl(calendar.id, person.email, role)],
        alternative_plan=[step("acl_insert", _acl_args(calendar.id, role, "user", namesake.email))],
        tags=["name_prefix"],
    )


@recipe(SHARE, "domain")
def share_domain(ctx: Context) -> Pair:
    calendar = ctx.cal("owned_b")
    role = str(ctx.pick(["reader", "freeBusyReader"]))
    domain = ctx.world.domain
    fields: dict[str, str | None] = {
        "cal": calendar_phrase(ctx, calendar),
        "org": ctx.world.name,
        "role_phrase": ctx.phraser.role(role),
    }
    explicit = ctx.text(
        SHARE, "domain", "explicit", {"calendar_id": calendar.id, "domain": domain, "role": role}
    )
    return Pair(
        SHARE,
        "domain",
        Variant(explicit, [step("acl_insert", _acl_args(calendar.id, role, "domain", domain))]),
        Variant(
            ctx.text(SHARE, "domain", "natural", fields),
            [list_calendars(), step("acl_insert", _acl_args(calendar_ref(calendar), role, "domain", domain))],
        ),
        ctx.answer(SHARE, "domain", {"calendar": calendar.summary, "domain": domain, "role": role}),
        expect=[created_acl(calendar.id, domain, role)],
        alternative_plan=[step("acl_insert", _acl_args(calendar.id, role, "default", None))],
    )


def _rule_steps(ctx: Context, calendar: CalendarFact, query: str) -> list[dict[str, Any]]:
    return [
        list_calendars(),
        step("acl_list", {"calendarId": calendar_ref(calendar)}, "rules"),
        search_people(query, "person"),
    ]


@recipe(SHARE, "change_role")
def share_change_role(ctx: Context) -> Pair:
    calendar = ctx.cal("owned_a")
    person = ctx.world.person("unique", 2)
    other = next(value for kind, value, _ in calendar.shared_with if kind == "user" and value != person.email)
    role = str(ctx.pick(["writer", "freeBusyReader"]))
    name, query = ctx.name_for(person)
    rule_id = f"user:{person.email}"
    fields: dict[str, str | None] = {
        "cal": calendar_phrase(ctx, calendar),
        "person": name,
        "person_possessive": f"{name}'s",
        "role_phrase": ctx.phraser.role(role),
    }
    natural_plan = [
        *_rule_steps(ctx, calendar, query),
        step(
            "acl_patch",
            {
                "calendarId": calendar_ref(calendar),
                "ruleId": f"$rules.items[scope.value={person.email}].id",
                "role": role,
            },
        ),
    ]
    explicit = ctx.text(
        SHARE, "change_role", "explicit", {"calendar_id": calendar.id, "rule_id": rule_id, "role": role}
    )
    return Pair(
        SHARE,
        "change_role",
        Variant(explicit, [step("acl_patch", {"calendarId": calendar.id, "ruleId": rule_id, "role": role})]),
        Variant(ctx.text(SHARE, "change_role", "natural", fields, PERSON_FORMS), natural_plan),
        ctx.answer(
            SHARE, "change_role", {"calendar": calendar.summary, "name": person.display, "role": role}
        ),
        expect=[changed_acl(calendar.id, rule_id, role)],
        alternative_plan=[
            step("acl_patch", {"calendarId": calendar.id, "ruleId": f"user:{other}", "role": role})
        ],
        tags=["misspelled_name"] if name not in (person.first, person.display) else [],
    )


@recipe(SHARE, "revoke")
def share_revoke(ctx: Context) -> Pair:
    calendar = ctx.cal("owned_b")
    person, namesake = ctx.world.person("duo", 0), ctx.world.person("duo", 1)
    rule_id = f"user:{person.email}"
    fields: dict[str, str | None] = {
        "cal": calendar_phrase(ctx, calendar),
        "person": person.display,
        "person_possessive": f"{person.display}'s",
    }
    natural_plan = [
        *_rule_steps(ctx, calendar, person.display),
        step(
            "acl_delete",
            {"calendarId": calendar_ref(calendar), "ruleId": f"$rules.items[scope.value={person.email}].id"},
        ),
    ]
    explicit = ctx.text(SHARE, "revoke", "explicit", {"calendar_id": calendar.id, "rule_id": rule_id})
    return Pair(
        SHARE,
        "revoke",
        Variant(explicit, [step("acl_delete", {"calendarId": calendar.id, "ruleId": rule_id})]),
        Variant(ctx.text(SHARE, "revoke", "natural", fields, PERSON_FORMS), natural_plan),
        ctx.answer(SHARE, "revoke", {"calendar": calendar.summary, "name": person.display}),
        expect=[deleted_acl(calendar.id, rule_id)],
        alternative_plan=[
            step("acl_delete", {"calendarId": calendar.id, "ruleId": f"user:{namesake.email}"})
        ],
        tags=["shared_first_name"],
    )
