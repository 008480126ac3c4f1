"""The permission pre-check: a write the acting user's role does not allow is never sent.

A write needs at least the pack's role on its resource; the acting user's role is read from the pack's
role source (``accessRole`` in ``calendars_list``). Too low a role blocks with 403 and says who can grant
it; an invisible resource blocks with 404, as the server would.
"""

from __future__ import annotations

from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.lookups import alias_entry, display_name, fetch_items, item_id, lookup_args, watch_pack_writes
from guards.pack import DomainPack, LookupSpec, ReferenceSpec, RolesSpec
from guards.paths import get_path
from guards.resolve.user_words import named_by_user


def check_permissions(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a write the acting user's role does not allow (never sent)."""
    pack = catalog.pack
    spec = pack.permissions.get(call.tool_name)
    if spec is None or pack.roles is None or ctx.lookup is None or not isinstance(call.args, dict):
        return
    watch_pack_writes(ctx, pack)
    for field in [spec.resource, *spec.also]:
        _check_role(call, ctx, pack, pack.roles, field, spec.needs)


def _check_role(
    call: PendingCall, ctx: GuardContext, pack: DomainPack, roles: RolesSpec, field: str, needed: str
) -> None:
    """Block unless the acting user's role on the resource named by argument ``field`` is ``needed``."""
    resource = get_path(call.args, field, None)
    if not isinstance(resource, str) or not resource:
        return
    args = lookup_args(roles.source, call.args)
    if args is None:
        return
    items = fetch_items(ctx, call, roles.source, args, field=field)
    if items is None:
        return
    entry = _entry_for(items, resource, roles.source, pack, field, ctx)
    if entry is None:
        raise Blocked(
            make_error(
                ErrorType.NOT_FOUND,
                call.tool_name,
                f"{field} {resource!r} is not visible to you.",
                details={"field": field, "value": resource, "suggestions": []},
                remediation=[f"Use an id from {roles.source.tool}, or ask the user which one they mean."],
            )
        )
    role = get_path(entry, roles.role, None)
    if not isinstance(role, str) or role not in roles.order or needed not in roles.order:
        return
    if roles.suffices(role, needed):
        return
    reference = pack.references.get(field)
    name = display_name(entry, reference.lookup) if reference is not None else resource
    error = _permission_error(call, ctx, roles, field, resource, name, role, needed)
    if reference is not None:
        _redirect(error, items, entry, reference, roles, field, needed, ctx)
    raise Blocked(error)


def _redirect(
    error: dict[str, Any],
    items: list[dict[str, Any]],
    entry: dict[str, Any],
    reference: ReferenceSpec,
    roles: RolesSpec,
    field: str,
    needed: str,
    ctx: GuardContext,
) -> None:
    """Point to the resource the user's words name when the agent chose another one it cannot write.

    "Redirect, do not lecture": if the user asked for "Dispatch" and the agent wrote to "Fleet Ops"
    (read-only), the useful error names Dispatch and its ID (``details.user_named``, and as the value
    to send, ``details.use_value``). Only a resource the user named in full,
    not the one chosen, and where the user's role suffices; when the one the user named cannot take
    the write either, the error says that instead (the request cannot be done as asked).
    """
    named = named_by_user(items, reference, ctx.user_messages)
    if any(item is entry for item in named):
        return  # the user asked for this very resource: the role is the problem, not the choice

    def role_of(item: dict[str, Any]) -> str | None:
        role = get_path(item, roles.role, None)
        return role if isinstance(role, str) and role in roles.order else None

    enough = [item for item in named if (role := role_of(item)) is not None and roles.suffices(role, needed)]
    if not enough and len(named) == 1:
        # The user's own choice cannot take the write either: say so, about the one they asked for.
        asked = named[0]
        asked_name = display_name(asked, reference.lookup)
        role = role_of(asked)
        error["details"]["user_named"] = {
            "id": item_id(asked, roles.source),
            "name": asked_name,
            "accessRole": role,
        }
        error["remediation"].insert(
            0,
            f"The user asked for {asked_name!r}, where your access is {role or 'unknown'}: {needed} access "
            "is needed there too, so this cannot be done as asked. Tell the user.",
        )
        return
    if len(enough) != 1:
        return
    target = enough[0]
    target_id = item_id(target, roles.source)
    target_name = display_name(target, reference.lookup)
    error["details"]["user_named"] = {"id": target_id, "name": target_name, "accessRole": role_of(target)}
    error["details"]["use_value"] = target_id
    error["remediation"].insert(
        0, f"The user asked for {target_name!r}: use {field}={target_id!r} (your access there is enough)."
    )


def _entry_for(
    items: list[dict[str, Any]],
    resource: str,
    source: LookupSpec,
    pack: DomainPack,
    field: str,
    ctx: GuardContext,
) -> dict[str, Any] | None:
    """The role-source entry for ``resource``; an alias (``primary``) names the entry flagged with it,
    or the one whose id is the acting user."""
    for item in items:
        if item_id(item, source) == resource:
            return item
    reference = pack.references.get(field)
    if reference is not None and resource in reference.aliases.values():
        return alias_entry(items, resource, source, ctx.actor)
    return None


def _permission_error(
    call: PendingCall,
    ctx: GuardContext,
    roles: RolesSpec,
    field: str,
    resource: str,
    name: str,
    role: str,
    needed: str,
) -> dict[str, Any]:
    owners = _owners(ctx, call, roles, resource)
    who = f"{', '.join(owners)} (owner of {name!r})" if owners else f"the owner of {name!r}"
    return make_error(
        ErrorType.PERMISSION,
        call.tool_name,
        f"You need {needed} access to {name!r} to call {call.tool_name}; your access is {role}.",
        details={
            "field": field,
            "value": resource,
            "name": name,
            "accessRole": role,
            "requiredRole": needed,
            "owners": owners,
        },
        remediation=[
            f"Ask {who} to grant you {needed} access; until then this cannot be done.",
            f"Or use another {field} where your access is {needed} or higher.",
        ],
    )


def _owners(ctx: GuardContext, call: PendingCall, roles: RolesSpec, resource: str) -> list[str]:
    """Who owns ``resource``, when the acting user may read that (else an empty list).

    The owner lookup's pass-through argument names the resource (``acl_list(calendarId)``), so it is
    given the resource being checked, which may sit in another argument (a move's ``destination``).
    """
    if roles.owner is None:
        return []
    args = {**roles.owner.args, **{name: resource for name in roles.owner.pass_args}}
    try:
        items = fetch_items(ctx, call, roles.owner, args, field="owner")
    except Blocked:  # a failed owner lookup only makes the remediation less specific
        return []
    top = roles.order[-1]
    owners = []
    for item in items or []:
        role = item.get(roles.role, item.get("role"))
        key = item_id(item, roles.owner)
        if role in (top, None) and key:  # an entry with no role names its owner (dataOwner)
            owners.append(key)
    return owners
