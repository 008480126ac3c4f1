"""acl_patch: change the role of a sharing rule."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from env.access import OWNER, require_calendar
from env.session import Session
from env.sharing import find_rule, protect_owner_rule, rule_resource
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, Role, RuleIdField


class AclPatchArgs(ArgsModel):
    calendarId: CalendarIdField
    ruleId: RuleIdField
    role: Role = Field(description="The new role.")


def acl_patch(session: Session, args: AclPatchArgs) -> dict[str, Any]:
    """Change the role of an existing sharing rule (owner only)."""
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="change its sharing")
    scope_type, value, _ = find_rule(session, calendar, args.ruleId)
    protect_owner_rule(calendar, args.ruleId)
    session.conn.execute(
        "UPDATE acl SET role = ? WHERE calendar_id = ? AND rule_id = ?", (args.role, calendar.id, args.ruleId)
    )
    session.invalidate_access()
    return rule_resource(args.ruleId, scope_type, value, args.role)


TOOL = define_tool(acl_patch, AclPatchArgs, writes=True)
