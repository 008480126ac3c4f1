"""ACL rules as the API returns them, and the lookups and guards the sharing tools share."""

from __future__ import annotations

import re
from typing import Any

from env.errors import ErrorType, ToolFailure
from env.session import CalendarRow, Session

DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def rule_resource(rule_id: str, scope_type: str, scope_value: str | None, role: str) -> dict[str, Any]:
    """One ACL row in Google's ``calendar#aclRule`` form."""
    scope: dict[str, Any] = {"type": scope_type}
    if scope_value is not None:
        scope["value"] = scope_value
    return {"kind": "calendar#aclRule", "id": rule_id, "scope": scope, "role": role}


def find_rule(session: Session, calendar: CalendarRow, rule_id: str) -> tuple[str, str | None, str]:
    """(scope type, scope value, role) of an existing rule, or a not_found_error."""
    row = session.conn.execute(
        "SELECT scope_type, scope_value, role FROM acl WHERE calendar_id = ? AND rule_id = ?",
        (calendar.id, rule_id),
    ).fetchone()
    if row is None:
        raise ToolFailure(
            ErrorType.NOT_FOUND,
            f"ACL rule {rule_id!r} was not found on calendar {calendar.id!r}.",
            details={"field": "ruleId", "value": rule_id, "calendarId": calendar.id, "resource": "acl_rule"},
            remediation=["Use a rule id from acl_list on this calendar (format 'user:<email>')."],
        )
    return row[0], row[1], row[2]


def protect_owner_rule(calendar: CalendarRow, rule_id: str) -> None:
    """The creator's owner rule is fixed (a calendar must never lose its owner)."""
    if rule_id == f"user:{calendar.owner}":
        raise ToolFailure(
            ErrorType.PRECONDITION,
            "The calendar creator's owner rule cannot be changed or removed.",
            details={"field": "ruleId", "value": rule_id, "reason": "ownerRule"},
            remediation=["Change other people's rules; the creator always stays owner."],
        )
