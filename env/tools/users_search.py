"""users_search: find people in the directory by name or email."""

from __future__ import annotations

from typing import Any

from pydantic import Field, StrictStr

from env.session import Session
from env.tools.base import define_tool
from env.tools.models import ArgsModel, MaxResults


class UsersSearchArgs(ArgsModel):
    query: StrictStr = Field(min_length=1, description="Part of a name or email, e.g. 'Dana' or 'dana.kim'.")
    maxResults: MaxResults | None = None


def users_search(session: Session, args: UsersSearchArgs) -> dict[str, Any]:
    """Search the company directory for people by name or email; returns their emails.

    Use it to turn a person's name into the email that attendees, ACL scopes and free/busy need.
    Several people can share a first name: check displayName. Items: {email, displayName, timeZone}.
    """
    terms = args.query.lower().split()
    exact = args.query.strip().lower()
    ranked = []
    # every term must occur in the lower-cased "name email" text; SQL filters (a directory may hold
    # thousands of people), Python checks again (SQLite's instr and Python's `in` agree on text)
    where = " AND ".join("instr(search_text, ?) > 0" for _ in terms) or "1"
    for email, name, time_zone, text in session.conn.execute(
        f"SELECT email, display_name, time_zone, search_text FROM users WHERE {where}", terms
    ):
        if all(term in text for term in terms):
            rank = (
                0 if email == exact or name.lower() == exact else 1 if name.lower().startswith(exact) else 2
            )
            ranked.append(
                (rank, name.lower(), email, {"email": email, "displayName": name, "timeZone": time_zone})
            )
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    items = [r[3] for r in ranked[: args.maxResults or 25]]
    return {"kind": "directory#users", "items": items}


TOOL = define_tool(users_search, UsersSearchArgs)
