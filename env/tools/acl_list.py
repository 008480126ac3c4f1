"""acl_list: who a calendar is shared with, and their roles."""

from __future__ import annotations

from typing import Any

from env.access import OWNER, RANK, require_calendar
from env.paging import page
from env.session import Session
from env.sharing import rule_resource
from env.tools.base import define_tool
from env.tools.models import ArgsModel, CalendarIdField, MaxResults, PageToken


class AclListArgs(ArgsModel):
    calendarId: CalendarIdField
    maxResults: MaxResults | None = None
    pageToken: PageToken | None = None


def acl_list(session: Session, args: AclListArgs) -> dict[str, Any]:
    """List who a calendar is shared with and their roles (only its owner may; as in Google
    Calendar, sharing is the owner's business: others see the owner in calendars_get's dataOwner).

    Items have id (e.g. 'user:dana.kim@acme.com'), scope {type, value} and role. Use it to find the
    ruleId to pass to acl_patch / acl_delete.
    """
    calendar, _ = require_calendar(session, args.calendarId, OWNER, action="see who it is shared with")
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


TOOL = define_tool(acl_list, AclListArgs)
