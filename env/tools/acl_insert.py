"""acl_insert: share a calendar with a user, group, domain or everyone."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from env.access import OWNER, require_calendar
from env.errors import ErrorType, ToolFailure, format_failure, invalid_field, missing_field
from env.events_core import check_email
from env.session import Session
from env.sharing import DOMAIN_RE, rule_resource
from env.tools.base import define_tool
from env.tools.models import AclScope, ArgsModel, CalendarIdField, Role


class AclInsertArgs(ArgsModel):
    calendarId: CalendarIdField
    role: Role = Field(description="Access to grant: freeBusyReader, reader, writer or owner (or none).")
    scope: AclScope = Field(description="Who gets it, e.g. {'type': 'user', 'value': 'dana.kim@acme.com'}.")


def acl_insert(session: Session, args: AclInsertArgs) -> dict[str, Any]:
    """Share a calendar: grant a role to a user, group, domain or everyone (owner only).

    Returns the new rule. A rule for the same scope that already exists is a conflict_error: change
    it with acl_patch instead.
    """
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="change its sharing")
    scope_type, value = args.scope.type, args.scope.value
    if scope_type == "default":
        if value is not None:
            raise invalid_field("scope.value", "absent for scope type 'default'", value)
        rule_id = "default"
    else:
        if value is None:
            raise missing_field("scope.value", f"scope type '{scope_type}' needs a value")
        if scope_type in ("user", "group"):
            check_email(value, "scope.value")
        elif not DOMAIN_RE.match(value):
            raise format_failure("scope.value", value, "a domain name", "acme.com")
        rule_id = f"{scope_type}:{value}"
    exists = session.conn.execute(
        "SELECT role FROM acl WHERE calendar_id = ? AND rule_id = ?", (calendar.id, rule_id)
    ).fetchone()
    if exists:
        raise ToolFailure(
            ErrorType.CONFLICT,
            f"Calendar already has a rule {rule_id!r} (role {exists[0]}).",
            details={"field": "scope", "ruleId": rule_id, "role": exists[0], "reason": "duplicate"},
            remediation=[f"Use acl_patch with ruleId={rule_id!r} to change its role."],
        )
    session.conn.execute(
        "INSERT INTO acl (calendar_id, rule_id, scope_type, scope_value, role) VALUES (?, ?, ?, ?, ?)",
        (calendar.id, rule_id, scope_type, value, args.role),
    )
    session.invalidate_access()
    return rule_resource(rule_id, scope_type, value, args.role)


TOOL = define_tool(acl_insert, AclInsertArgs, writes=True)
