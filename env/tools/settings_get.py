"""settings_get: one of the actor's calendar settings."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictStr

from env.errors import ErrorType, ToolFailure
from env.session import Session
from env.tools.base import define_tool
from env.tools.models import ArgsModel

SETTINGS_DOC = (
    "timezone, locale, weekStart, format24HourTime, defaultEventLength, dateFieldOrder, hideWeekends"
)


class SettingsGetArgs(ArgsModel):
    setting: StrictStr = Field(description=f"Setting id: {SETTINGS_DOC}.")


def settings_get(session: Session, args: SettingsGetArgs) -> dict[str, Any]:
    """Read one of your calendar settings, e.g. setting='timezone' for your IANA time zone."""
    row = session.conn.execute(
        "SELECT value FROM settings WHERE user_email = ? AND id = ?", (session.actor, args.setting)
    ).fetchone()
    if row is None:
        known = [
            r[0]
            for r in session.conn.execute("SELECT id FROM settings WHERE user_email = ?", (session.actor,))
        ]
        raise ToolFailure(
            ErrorType.NOT_FOUND,
            f"Unknown setting {args.setting!r}.",
            details={"field": "setting", "value": args.setting, "known": sorted(known)},
            remediation=[f"Use one of: {', '.join(sorted(known))}."],
        )
    return {"kind": "calendar#setting", "id": args.setting, "value": row[0]}


TOOL = define_tool(settings_get, SettingsGetArgs)
