"""Who may see and do what: ACL roles, calendar visibility and the errors they produce.

Roles are ordered ``none < freeBusyReader < reader < writer < owner``; a user's role on a calendar is
the highest role among the ACL rules that match them (their user rule, their groups, their domain,
the default rule). A calendar the actor has no role on is invisible: probing its ID answers
``not_found_error``, never ``permission_error``, so IDs do not leak.
"""

from __future__ import annotations

from env.errors import ErrorType, ToolFailure
from env.session import CalendarRow, Session

ROLES = ("none", "freeBusyReader", "reader", "writer", "owner")
RANK = {role: rank for rank, role in enumerate(ROLES)}
NONE, FREE_BUSY, READER, WRITER, OWNER = range(5)

_ROLE_SQL = (
    "SELECT calendar_id, role, scope_type, scope_value FROM acl WHERE "
    "(scope_type = 'user' AND scope_value = ?) OR (scope_type = 'domain' AND scope_value = ?) "
    "OR scope_type = 'default' OR scope_type = 'group'"
)


def _matches(session: Session, scope_type: str, scope_value: str | None) -> bool:
    if scope_type == "group":
        return scope_value in session.actor_groups
    return True  # user/domain/default rows were already filtered by the query


def visible_roles(session: Session) -> dict[str, int]:
    """The actor's role rank on every calendar they can see (rank >= freeBusyReader)."""
    roles: dict[str, int] = {}
    rows = session.conn.execute(_ROLE_SQL, (session.actor, session.actor_domain))
    for calendar_id, role, scope_type, scope_value in rows:
        if _matches(session, scope_type, scope_value):
            rank = RANK[role]
            if rank > roles.get(calendar_id, NONE):
                roles[calendar_id] = rank
    session.role_cache.update(roles)
    return roles


def role_on(session: Session, calendar_id: str) -> int:
    """The actor's role rank on one calendar (cached until the next ACL/calendar write)."""
    cached = session.role_cache.get(calendar_id)
    if cached is not None:
        return cached
    best = NONE
    rows = session.conn.execute(
        "SELECT role, scope_type, scope_value FROM acl WHERE calendar_id = ?", (calendar_id,)
    )
    for role, scope_type, scope_value in rows:
        if (
            (scope_type == "user" and scope_value == session.actor)
            or (scope_type == "domain" and scope_value == session.actor_domain)
            or scope_type == "default"
            or (scope_type == "group" and scope_value in session.actor_groups)
        ):
            best = max(best, RANK[role])
    session.role_cache[calendar_id] = best
    return best


def load_calendar(session: Session, calendar_id: str) -> CalendarRow | None:
    """The stored calendar row, or None (cached per session)."""
    if calendar_id in session.calendar_cache:
        return session.calendar_cache[calendar_id]
    row = session.conn.execute(
        "SELECT id, summary, description, owner, time_zone, location, is_primary FROM calendars WHERE id = ?",
        (calendar_id,),
    ).fetchone()
    calendar = CalendarRow(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6])) if row else None
    session.calendar_cache[calendar_id] = calendar
    return calendar


def resolve_calendar_id(session: Session, calendar_id: str) -> str:
    """Apply the ``primary`` alias (the acting user's own calendar)."""
    return session.actor if calendar_id == "primary" else calendar_id


def calendar_not_found(calendar_id: str, field: str = "calendarId") -> ToolFailure:
    """The error for an unknown *or invisible* calendar ID (the two are indistinguishable)."""
    return ToolFailure(
        ErrorType.NOT_FOUND,
        f"Calendar {calendar_id!r} was not found.",
        details={"field": field, "value": calendar_id, "resource": "calendar"},
        remediation=[
            "Use an ID from calendars_list (calendar names are not IDs), or 'primary' for your own calendar."
        ],
    )


def require_calendar(
    session: Session, calendar_id: str, needed: int, *, field: str = "calendarId", action: str = "do this"
) -> tuple[CalendarRow, int]:
    """The calendar and the actor's role on it, or the error a production API would give.

    Invisible calendars raise not_found; visible ones with too low a role raise permission_error
    that names the role needed and who can grant it.
    """
    resolved = resolve_calendar_id(session, calendar_id)
    calendar = load_calendar(session, resolved)
    rank = role_on(session, resolved) if calendar is not None else NONE
    if calendar is None or rank == NONE:
        raise calendar_not_found(calendar_id, field)
    if rank < needed:
        raise permission_denied(calendar, rank, needed, action, field)
    return calendar, rank


def permission_denied(calendar: CalendarRow, rank: int, needed: int, action: str, field: str) -> ToolFailure:
    """403 with the actor's role, the role needed, and who owns the calendar."""
    return ToolFailure(
        ErrorType.PERMISSION,
        f"You need {ROLES[needed]} access to calendar '{calendar.summary}' to {action}; "
        f"your access role is {ROLES[rank]}.",
        details={
            "field": field,
            "calendarId": calendar.id,
            "calendarSummary": calendar.summary,
            "accessRole": ROLES[rank],
            "requiredRole": ROLES[needed],
            "owner": calendar.owner,
        },
        remediation=[
            f"Ask {calendar.owner} (owner of '{calendar.summary}') to grant you {ROLES[needed]} access.",
            f"Or use a calendar where your accessRole is {ROLES[needed]} or higher "
            f"(calendars_list with minAccessRole='{ROLES[needed]}').",
        ],
    )
