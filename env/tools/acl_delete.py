"""acl_delete: stop sharing a calendar with someone."""

from __future__ import annotations

from typing import Any

from env.access import OWNER, require_calendar
from env.session import Session
from env.sharing import find_rule, protect_owner_rule
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, RuleIdField


class AclDeleteArgs(ArgsModel):
    calendarId: CalendarIdField
    ruleId: RuleIdField


def acl_delete(session: Session, args: AclDeleteArgs) -> dict[str, Any]:
    """Stop sharing: remove a rule from a calendar's ACL (owner only)."""
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="change its sharing")
    find_rule(session, calendar, args.ruleId)
    protect_owner_rule(calendar, args.ruleId)
    session.conn.execute("DELETE FROM acl WHERE calendar_id = ? AND rule_id = ?", (calendar.id, args.ruleId))
    session.invalidate_access()
    return {"kind": "calendar#aclRule", "id": args.ruleId, "deleted": True}


TOOL = define_tool(acl_delete, AclDeleteArgs, writes=True)
