"""Helpers shared by the calendar suite templates: times, plan steps, references and expectations.

The clock is Monday 2026-03-09 09:00 in New York; the acting user is Ana Lopez (ana@acme.com, New
York) unless a template says otherwise. Helpers keep each template to what differs: the words, the
gold plans and the expected records. IDs come from build-time lookups (``world().cal("Team")``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from evals.suites.build_calendar_suite import NY, World

WorldFn = Callable[..., World]

MON, TUE, WED, THU, FRI = (date(2026, 3, 9) + timedelta(days=i) for i in range(5))
NEXT_MON, NEXT_TUE, NEXT_WED, NEXT_THU, NEXT_FRI = (date(2026, 3, 16) + timedelta(days=i) for i in range(5))

PERMISSION_WORDS = [
    "access",
    "permission",
    "read-only",
    "not allowed",
    "can't",
    "cannot",
    "unable",
    "don't have",
    "do not have",
    "not authorized",
    "only view",
]
AMBIGUITY_WORDS = ["which", "clarify", "did you mean", "more than one", "multiple", "two "]


def at(day: date, hour: int, minute: int = 0, tz: str = NY) -> str:
    """RFC3339 with the zone's offset on that day."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(tz)).isoformat()


def plus(moment: str, minutes: int) -> str:
    start = datetime.fromisoformat(moment)
    return (start + timedelta(minutes=minutes)).isoformat()


def step(tool: str, save_as: str | None = None, **args: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"tool": tool, "args": args}
    if save_as:
        data["save_as"] = save_as
    return data


def day_window(day: date, days: int = 1, tz: str = NY) -> dict[str, str]:
    return {"timeMin": at(day, 0, 0, tz), "timeMax": at(day + timedelta(days=days), 0, 0, tz)}


def instant(value: str) -> dict[str, str]:
    return {"$instant": value}


def timed(start: str, end: str, tz: str | None = None) -> dict[str, Any]:
    """``start``/``end`` arguments (with ``timeZone`` when given)."""
    s: dict[str, str] = {"dateTime": start}
    e: dict[str, str] = {"dateTime": end}
    if tz:
        s["timeZone"] = tz
        e["timeZone"] = tz
    return {"start": s, "end": e}


def times_match(start: str, end: str) -> dict[str, Any]:
    return {"start.dateTime": instant(start), "end.dateTime": instant(end)}


def cal_ref(summary: str, source: str = "cals") -> str:
    return f"${source}.items[summary={summary}].id"


def event_ref(summary: str, source: str = "found") -> str:
    return f"${source}.items[summary={summary}].id"


def person_ref(source: str, display_name: str | None = None) -> str:
    """The email found by a ``users_search`` step (the entry with ``display_name`` when given)."""
    if display_name:
        return f"${source}.items[displayName={display_name}].email"
    return f"${source}.items[0].email"


def created_event(calendar_id: str, keyword: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": "created",
        "resource": "event",
        "match": {"calendarId": calendar_id, "summary": {"$contains": keyword}},
        "fields": fields,
    }


def changed_event(event_id: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "changed", "resource": "event", "match": {"id": event_id}, "fields": fields}


def deleted_event(event_id: str) -> dict[str, Any]:
    return {"kind": "deleted", "resource": "event", "match": {"id": event_id}}


def created_acl(role: str, **match: Any) -> dict[str, Any]:
    """An ACL rule that must be created; in ``match``, ``scope_value`` stands for ``scope.value``."""
    paths = {key.replace("scope_value", "scope.value"): value for key, value in match.items()}
    return {"kind": "created", "resource": "acl_rule", "match": paths, "fields": {"role": role}}


def attendees(*emails: str) -> list[dict[str, str]]:
    return [{"email": e} for e in emails]


def emails(*values: str) -> dict[str, list[str]]:
    return {"$emails": list(values)}
