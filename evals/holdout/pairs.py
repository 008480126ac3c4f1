"""Task pairs: the explicit and natural variant of one held-out task, and their building blocks.

A :class:`Pair` holds what both variants share (expectations, forbidden writes, the answer check,
the careless alternative) and what differs (instruction and gold plan). The helpers below write
plan steps and expectations in the task format of :mod:`evals.tasks`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from evals.holdout.worlds import CalendarFact, GeneratedWorld

Plan = list[dict[str, Any]]
WorldRef = Callable[[GeneratedWorld], "str | dict[str, Any]"]


@dataclass
class Variant:
    instruction: str
    plan: Plan


@dataclass
class Pair:
    """Both variants of one task."""

    family: str
    recipe: str
    explicit: Variant
    natural: Variant
    final_answer: str
    expect: list[dict[str, Any]] = field(default_factory=list)
    forbid: dict[str, Any] = field(default_factory=dict)
    answer: dict[str, Any] | None = None
    alternative_plan: Plan = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def task_dicts(self, world: GeneratedWorld, world_ref: WorldRef) -> list[dict[str, Any]]:
        pair_id = f"{world.key}-{self.family}-{self.recipe}"
        out = []
        for variant, body in (("explicit", self.explicit), ("natural", self.natural)):
            task: dict[str, Any] = {
                "id": f"{pair_id}-{variant}",
                "family": self.family,
                "variant": variant,
                "pair_id": pair_id,
                "world": world_ref(world),
                "actor": world.actor.email,
                "now": world.now.isoformat(),
                "instruction": body.instruction,
                "plan": body.plan,
                "final_answer": self.final_answer,
                "tags": ["holdout", world.org.key, world.clock, *self.tags],
            }
            if self.alternative_plan:
                task["alternative_plan"] = self.alternative_plan
            if self.expect:
                task["expect"] = self.expect
            if self.forbid:
                task["forbid"] = self.forbid
            if self.answer:
                task["answer"] = self.answer
            out.append(task)
        return out


# ---- plan steps ---------------------------------------------------------------------------------


def step(tool: str, args: dict[str, Any] | None = None, save_as: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"tool": tool}
    if args:
        out["args"] = args
    if save_as:
        out["save_as"] = save_as
    return out


def list_calendars(*, hidden: bool = False) -> dict[str, Any]:
    return step("calendars_list", {"showHidden": True} if hidden else None, "cals")


def calendar_ref(calendar: CalendarFact, *, by_alias: bool = False) -> str:
    """How a natural plan names a calendar it looked up (``primary`` for the user's own)."""
    if calendar.key == "primary":
        return "primary"
    if by_alias and calendar.alias:
        return f"$cals.items[summaryOverride={calendar.alias}].id"
    return f"$cals.items[summary={calendar.summary}].id"


def search_people(query: str, save_as: str) -> dict[str, Any]:
    return step("users_search", {"query": query}, save_as)


def person_ref(saved: str, display_name: str) -> str:
    """The email of the search result whose display name is ``display_name``."""
    return f"${saved}.items[displayName={display_name}].email"


def timed(moment: datetime, zone: str | None = None) -> dict[str, str]:
    body = {"dateTime": moment.isoformat()}
    if zone:
        body["timeZone"] = zone
    return body


def window(first: datetime, last: datetime) -> dict[str, str]:
    return {"timeMin": first.isoformat(), "timeMax": last.isoformat()}


# ---- expectations -------------------------------------------------------------------------------


def instant(moment: datetime) -> dict[str, str]:
    return {"$instant": moment.isoformat()}


def created_event(
    calendar_id: str | None,
    title: str,
    start: datetime | date,
    end: datetime | date,
    attendees: list[str] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    match: dict[str, Any] = {"summary": {"$contains": title}}
    if calendar_id:
        match = {"calendarId": calendar_id, **match}
    fields: dict[str, Any]
    if isinstance(start, datetime) and isinstance(end, datetime):
        fields = {"start.dateTime": instant(start), "end.dateTime": instant(end)}
    else:
        fields = {"start.date": start.isoformat(), "end.date": end.isoformat()}
    if attendees is not None:
        fields["attendees"] = {"$emails": attendees}
    fields.update(extra or {})
    return {"kind": "created", "resource": "event", "match": match, "fields": fields}


def changed_event(event_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "changed", "resource": "event", "match": {"id": event_id}, "fields": fields}


def moved_times(start: datetime, end: datetime) -> dict[str, Any]:
    return {"start.dateTime": instant(start), "end.dateTime": instant(end)}


def deleted_event(event_id: str) -> dict[str, Any]:
    return {"kind": "deleted", "resource": "event", "match": {"id": event_id}}


def changed_instance(instance_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A single occurrence changed or cancelled: the API stores it as a new exception record."""
    return {"kind": "created", "resource": "event", "match": {"id": instance_id}, "fields": fields}


def created_acl(calendar_id: str | None, scope_value: str, role: str) -> dict[str, Any]:
    match: dict[str, Any] = {"scope.value": scope_value}
    if calendar_id:
        match = {"calendarId": calendar_id, **match}
    return {"kind": "created", "resource": "acl_rule", "match": match, "fields": {"role": role}}


def changed_acl(calendar_id: str, rule_id: str, role: str) -> dict[str, Any]:
    return {
        "kind": "changed",
        "resource": "acl_rule",
        "match": {"calendarId": calendar_id, "id": rule_id},
        "fields": {"role": role},
    }


def deleted_acl(calendar_id: str, rule_id: str) -> dict[str, Any]:
    return {"kind": "deleted", "resource": "acl_rule", "match": {"calendarId": calendar_id, "id": rule_id}}


def created_calendar(summary: str) -> dict[str, Any]:
    return {"kind": "created", "resource": "calendar", "match": {"summary": summary}}
