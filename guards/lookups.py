"""Running a pack-declared lookup as the acting user, for the resolver and the pre-checks.

A lookup is a read with the tools' own list/search operations (``calendars_list``, ``users_search``),
made through ``ctx.cached_lookup`` so it sees exactly what the acting user may see and is cached for
the session. Failures never escape as exceptions: a transient failure blocks the call with a retryable
structured error; any other failure means "this user cannot list these", reported as ``None``.

A lookup returns a listing (``{"items": [...]}``, followed page by page) or, when the pack says
``single``, one object (``get_user_by_email(email)``): that object is the only candidate, and an
answer of "not found" or "invalid" means there is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from guards.call import Blocked, PendingCall
from guards.context import GuardContext
from guards.datetimes.extract import DateOrder
from guards.errors import ErrorType, make_error
from guards.pack import DomainPack, LookupSpec, ReferenceSpec
from guards.paths import get_path, iter_paths
from guards.recovery.classify import Classification, classify

MAX_PAGES = 10
"""Follow at most this many ``nextPageToken`` pages of one lookup."""

NO_CANDIDATE_ERRORS = frozenset({ErrorType.NOT_FOUND, ErrorType.VALIDATION, ErrorType.FORMAT})
"""Failures of a single-object lookup that mean "no such object" rather than "cannot look"."""


def lookup_args(spec: LookupSpec, call_args: dict[str, Any]) -> dict[str, Any] | None:
    """The lookup's fixed args plus the pass-through args taken from the call (``None`` if one is missing)."""
    passed = pass_through(spec.pass_args, call_args)
    return None if passed is None else {**spec.args, **passed}


def pass_through(names: Sequence[str], call_args: dict[str, Any]) -> dict[str, Any] | None:
    """The call's non-empty string values at ``names`` (``None`` if one is missing)."""
    args: dict[str, Any] = {}
    for name in names:
        value = get_path(call_args, name, None)
        if not isinstance(value, str) or not value:
            return None
        args[name] = value
    return args


def fetch_items(
    ctx: GuardContext, call: PendingCall, spec: LookupSpec, args: dict[str, Any], *, field: str
) -> list[dict[str, Any]] | None:
    """All items the lookup returns (following pages), or ``None`` when the user may not list them.

    Raises :class:`Blocked` with a retryable error when the lookup failed transiently (rate limit,
    outage): resolving later may work, guessing now would not.
    """
    if spec.single:
        return _fetch_one(ctx, call, spec, args, field)
    items: list[dict[str, Any]] = []
    page_args = dict(args)
    for _ in range(MAX_PAGES):
        result, verdict = _run(ctx, call, spec.tool, page_args, field)
        if not verdict.ok:
            return None
        page = get_path(result, spec.items, None) if isinstance(result, dict) else result
        if isinstance(page, list):
            items.extend(item for item in page if isinstance(item, dict))
        token = result.get("nextPageToken") if isinstance(result, dict) else None
        if not isinstance(token, str) or not token:
            break
        page_args = {**args, "pageToken": token}
    return items


def _fetch_one(
    ctx: GuardContext, call: PendingCall, spec: LookupSpec, args: dict[str, Any], field: str
) -> list[dict[str, Any]] | None:
    """The one object a single-object lookup returns, as a listing of one (or of none)."""
    result, verdict = _run(ctx, call, spec.tool, args, field)
    if not verdict.ok:
        return [] if verdict.error_type in NO_CANDIDATE_ERRORS else None
    found = get_path(result, spec.items, None) if spec.items and isinstance(result, dict) else result
    return [found] if isinstance(found, dict) else []


def flagged_entry_id(
    ctx: GuardContext, call: PendingCall, spec: ReferenceSpec, fields: dict[str, Any], *, field: str
) -> str | None:
    """The id of the one entry of the reference's listing that has every one of ``fields``' values
    (a ``flag_aliases`` entry: "primary" is the calendar whose ``isDefaultCalendar`` is true), or
    ``None`` when the listing cannot be read or does not single one out."""
    args = lookup_args(spec.lookup, call.args)
    if args is None:
        return None
    items = fetch_items(ctx, call, spec.lookup, args, field=field)
    flagged = [
        item
        for item in items or []
        if all(_same_value(get_path(item, path, None), wanted) for path, wanted in fields.items())
    ]
    ids = {item_id(item, spec.lookup) for item in flagged}
    return ids.pop() if len(ids) == 1 and None not in ids else None


def _same_value(found: Any, wanted: Any) -> bool:
    """Equal and of one kind: a flag ``true`` is not the number ``1``, nor the text ``"true"``."""
    if isinstance(found, bool) or isinstance(wanted, bool):
        return found is wanted
    return found == wanted


def _run(
    ctx: GuardContext, call: PendingCall, tool: str, args: dict[str, Any], field: str
) -> tuple[Any, Classification]:
    """The lookup's result and what it means; a transient failure blocks the call (retryable)."""
    try:
        result = ctx.cached_lookup(tool, args)
    except Exception as exc:  # a lookup function that raises is treated like a failed read
        result = exc
    verdict = classify(result, tool)
    if verdict.category == "ok":
        return result, verdict
    error = verdict.error or {}
    if verdict.category == "transient":
        raise Blocked(
            make_error(
                verdict.error_type or ErrorType.TRANSIENT,
                call.tool_name,
                f"Could not check {field!r}: the lookup {tool} failed ({error.get('message', 'error')}).",
                details={
                    "field": field,
                    "lookup_tool": tool,
                    "retry_after": verdict.retry_after,
                    "lookup_error": error,
                },
                remediation=["Retry the same call shortly; nothing was sent."],
                retryable=True,
            )
        )
    return None, verdict


def alias_entry(
    items: list[dict[str, Any]], alias: str, spec: LookupSpec, actor: str | None
) -> dict[str, Any] | None:
    """The listing entry a pack alias stands for: the one flagged with it (``"primary": true``), or
    the acting user's own."""
    return next(
        (i for i in items if i.get(alias) is True or (actor is not None and item_id(i, spec) == actor)),
        None,
    )


def item_id(item: dict[str, Any], spec: LookupSpec) -> str | None:
    value = get_path(item, spec.id, None)
    return value if isinstance(value, str) else None


def item_names(item: dict[str, Any], spec: LookupSpec, *, primary_only: bool = False) -> list[str]:
    """The item's values for the spec's name fields (wildcards allowed), non-empty strings only.

    Name fields listed *after* the ``display`` field (a calendar's description, an event's location)
    are secondary: ``primary_only`` leaves them out.
    """
    names: list[str] = []
    for pattern in primary_name_fields(spec) if primary_only else spec.names:
        names.extend(v for _, v in iter_paths(item, pattern) if isinstance(v, str) and v.strip())
    return names


def split_names(item: dict[str, Any], spec: LookupSpec) -> tuple[list[str], list[str]]:
    """``(primary, secondary)`` names of the item (see :func:`item_names`)."""
    primary = item_names(item, spec, primary_only=True)
    cut = len(primary_name_fields(spec))
    secondary = [
        v
        for pattern in spec.names[cut:]
        for _, v in iter_paths(item, pattern)
        if isinstance(v, str) and v.strip() and v not in primary
    ]
    return primary, secondary


def primary_name_fields(spec: LookupSpec) -> list[str]:
    """The name fields up to and including ``display`` (all of them when ``display`` is not a name)."""
    if spec.display in spec.names:
        return spec.names[: spec.names.index(spec.display) + 1]
    return list(spec.names)


def display_name(item: dict[str, Any], spec: LookupSpec) -> str:
    """What the user calls the item: the display field, else its first name, else its id."""
    if spec.display:
        shown = get_path(item, spec.display, None)
        if isinstance(shown, str) and shown.strip():
            return shown
    names = item_names(item, spec)
    return names[0] if names else (item_id(item, spec) or "")


def watch_pack_writes(ctx: GuardContext, pack: DomainPack) -> None:
    """Tell the session which cached lookups each of the pack's writes invalidates."""
    if ctx.session.write_rules:
        return
    ctx.session.watch_writes(
        {
            tool: frozenset(pack.invalidates[tool]) if tool in pack.invalidates else None
            for tool in pack.writes
        }
    )


_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?(?!\d)")


def has_numeric_date(text: str) -> bool:
    """Does ``text`` hold a numeric date whose reading needs a day/month order ("03/09/2026")?"""
    return _NUMERIC_DATE.search(text) is not None


def user_date_order(ctx: GuardContext, pack: DomainPack) -> DateOrder | None:
    """The acting user's date order: the context's own, else the user's settings (the pack's
    ``user_settings.date_order`` lookup), else the pack's fixed ``date_order``, else ``None``."""
    if ctx.date_order in ("MDY", "DMY"):
        return ctx.date_order  # type: ignore[return-value]
    spec = pack.user_settings.date_order
    if spec is not None and ctx.lookup is not None:
        try:
            result = ctx.cached_lookup(spec.tool, dict(spec.args))
        except Exception:  # an unreadable setting only means the order stays unknown
            result = None
        if classify(result, spec.tool).ok:
            value = get_path(result, spec.value, None) if isinstance(result, dict) else None
            if value in ("MDY", "DMY"):
                return value
    return pack.date_order
