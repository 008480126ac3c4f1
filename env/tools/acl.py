"""Sharing tools: list, grant, change and revoke ACL rules on a calendar."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, StrictStr

from env.access import OWNER, RANK, READER, require_calendar
from env.errors import ErrorType, ToolFailure, format_failure, invalid_field, missing_field
from env.events_core import check_email
from env.session import CalendarRow, Session
from env.tools.models import AclScope, ArgsModel, CalendarIdField, MaxResults, PageToken, Role
from env.tools.paging import page
from env.tools.registry import tool

DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
RuleIdField = Annotated[
    StrictStr,
    Field(
        min_length=1, description="Rule ID from acl_list, e.g. 'user:dana.kim@acme.com', 'domain:acme.com'."
    ),
]


def rule_resource(rule_id: str, scope_type: str, scope_value: str | None, role: str) -> dict[str, Any]:
    scope: dict[str, Any] = {"type": scope_type}
    if scope_value is not None:
        scope["value"] = scope_value
    return {"kind": "calendar#aclRule", "id": rule_id, "scope": scope, "role": role}


def _rule(session: Session, calendar: CalendarRow, rule_id: str) -> tuple[str, str | None, str]:
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


def _protect_owner(calendar: CalendarRow, rule_id: str) -> None:
    if rule_id == f"user:{calendar.owner}":
        raise ToolFailure(
            ErrorType.PRECONDITION,
            "The calendar creator's owner rule cannot be changed or removed.",
            details={"field": "ruleId", "value": rule_id, "reason": "ownerRule"},
            remediation=["Change other people's rules; the creator always stays owner."],
        )


class AclListArgs(ArgsModel):
    calendarId: CalendarIdField
    maxResults: MaxResults | None = None
    pageToken: PageToken | None = None


@tool(AclListArgs)
def acl_list(session: Session, args: AclListArgs) -> dict[str, Any]:
    """List who a calendar is shared with and their roles (needs reader access or more).

    Items have id (e.g. 'user:dana.kim@acme.com'), scope {type, value} and role. Use it to find the
    owner of a calendar or the ruleId to pass to acl_patch / acl_delete.
    """
    calendar, _ = require_calendar(session, args.calendarId, READER, action="see who it is shared with")
    rows = session.conn.execute(
        "SELECT rule_id, scope_type, scope_value, role FROM acl WHERE calendar_id = ?", (calendar.id,)
    ).fetchall()
    rows.sort(key=lambda r: (-RANK[r[3]], r[0]))
    items, token = page(
        [rule_resource(*row) for row in rows], f"acl:{calendar.id}", args.pageToken, args.maxResults or 250
    )
    result: dict[str, Any] = {"kind": "calendar#acl", "items": items}
    if token:
        result["nextPageToken"] = token
    return result


class AclInsertArgs(ArgsModel):
    calendarId: CalendarIdField
    role: Role = Field(description="Access to grant: freeBusyReader, reader, writer or owner (or none).")
    scope: AclScope = Field(description="Who gets it, e.g. {'type': 'user', 'value': 'dana.kim@acme.com'}.")


@tool(AclInsertArgs, writes=True)
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


class AclPatchArgs(ArgsModel):
    calendarId: CalendarIdField
    ruleId: RuleIdField
    role: Role = Field(description="The new role.")


@tool(AclPatchArgs, writes=True)
def acl_patch(session: Session, args: AclPatchArgs) -> dict[str, Any]:
    """Change the role of an existing sharing rule (owner only)."""
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="change its sharing")
    scope_type, value, _ = _rule(session, calendar, args.ruleId)
    _protect_owner(calendar, args.ruleId)
    session.conn.execute(
        "UPDATE acl SET role = ? WHERE calendar_id = ? AND rule_id = ?", (args.role, calendar.id, args.ruleId)
    )
    session.invalidate_access()
    return rule_resource(args.ruleId, scope_type, value, args.role)


class AclDeleteArgs(ArgsModel):
    calendarId: CalendarIdField
    ruleId: RuleIdField


@tool(AclDeleteArgs, writes=True)
def acl_delete(session: Session, args: AclDeleteArgs) -> dict[str, Any]:
    """Stop sharing: remove a rule from a calendar's ACL (owner only)."""
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="change its sharing")
    _rule(session, calendar, args.ruleId)
    _protect_owner(calendar, args.ruleId)
    session.conn.execute("DELETE FROM acl WHERE calendar_id = ? AND rule_id = ?", (calendar.id, args.ruleId))
    session.invalidate_access()
    return {"kind": "calendar#aclRule", "id": args.ruleId, "deleted": True}
