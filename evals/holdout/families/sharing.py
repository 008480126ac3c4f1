"""share_calendar: grant, change and revoke access on calendars the user owns.

People are named so that a look-alike exists (a prefix of another's name, a shared first name);
the careless alternative shares with the look-alike, with the public instead of the organisation,
or changes the wrong rule.
"""

from __future__ import annotations

from typing import Any

from evals.holdout.families.base import Context, recipe
from evals.holdout.families.common import (
    calendar_phrase,
)
from evals.holdout.pairs import (
    Pair,
    Variant,
    calendar_ref,
    changed_acl,
    created_acl,
    deleted_acl,
    list_calendars,
    person_ref,
    search_people,
    step,
)
from evals.holdout.worlds import CalendarFact

SHARE = "share_calendar"
GRANTABLE = ("reader", "writer", "freeBusyReader", "owner")
PERSON_FORMS = frozenset({"person", "person_possessive"})
ROLE_FORMS = frozenset({"role_phrase", "role_short"})


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
        "role_short": ctx.phraser.role_short(role),
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
        Variant(ctx.text(SHARE, "change_role", "natural", fields, PERSON_FORMS, ROLE_FORMS), natural_plan),
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
