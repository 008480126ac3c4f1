"""Calendar resources as the API returns them, and the checks the calendar tools share."""

from __future__ import annotations

from typing import Any

from env.errors import invalid_field
from env.session import CalendarRow


def calendar_resource(calendar: CalendarRow) -> dict[str, Any]:
    """A stored calendar in Google's ``calendar#calendar`` form (``dataOwner``, the owner's e-mail, is
    set for secondary calendars only, as Google does: a primary calendar's owner is its ID)."""
    resource: dict[str, Any] = {
        "kind": "calendar#calendar",
        "id": calendar.id,
        "summary": calendar.summary,
        "description": calendar.description,
        "timeZone": calendar.time_zone,
    }
    if calendar.location:
        resource["location"] = calendar.location
    if not calendar.is_primary:
        resource["dataOwner"] = calendar.owner
    return resource


def check_summary(summary: str | None) -> None:
    """Whitespace-only names are rejected like empty ones."""
    if summary is not None and not summary.strip():
        raise invalid_field("summary", "non-empty string", summary)
