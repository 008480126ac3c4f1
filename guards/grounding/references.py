"""Grounding of reference values: every ID a write uses must come from somewhere.

Sources, in order: a pack alias (``primary``), a field the resolver resolved for this call
(``call.resolved_fields``), any string a prior tool result or a cached lookup showed, and the user's own
words. Placeholders (:mod:`guards.placeholders`) are blocked in every call with the lookup tool to call;
an ID-shaped value found nowhere is blocked in writes, and only when there is no lookup function (see
:mod:`guards.grounding`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import is_error_payload
from guards.pack import DomainPack, ReferenceSpec
from guards.paths import get_path, iter_paths
from guards.placeholders import is_placeholder
from guards.schema.stages import example_clock, validation_error
from guards.schema.support import remember
from guards.schema.validate import Problems

_MAX_EVIDENCE_DEPTH = 12


def block_placeholders(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block a placeholder in any reference field of any call (reads too): the server would only
    answer "not found", while this error names the lookup to call. One error names every placeholder
    of the call, so an agent can fix them in one go."""
    evidence: _Evidence | None = None
    found: list[tuple[str, str, ReferenceSpec]] = []
    for pattern, spec in _references(catalog.pack, call.tool_name):
        for path, value in values_at(call.args, pattern):
            if not isinstance(value, str) or value in spec.aliases:
                continue
            if path in call.resolved_fields or pattern in call.resolved_fields:
                continue
            if not is_placeholder(value, catalog.pack):
                continue
            evidence = evidence or _Evidence.of(ctx)
            if not evidence.contains(value):
                found.append((path, value, spec))
    if found:
        raise Blocked(_reference_error(call, ctx, catalog, found, "placeholder"))


def ground_references(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Block an invented ID in a write when nothing can verify it (no lookup function)."""
    pack = catalog.pack
    if ctx.lookup is not None:
        return
    evidence: _Evidence | None = None
    # Fields with a pack precondition ("observe the eventId first") get that check's more specific
    # precondition_error instead of an invented-ID validation_error.
    ordered = {p.field for p in pack.preconditions if call.tool_name in p.tools}
    for pattern, spec in _references(pack, call.tool_name):
        if pattern in ordered:
            continue
        for path, value in values_at(call.args, pattern):
            if not isinstance(value, str) or value in spec.aliases:
                continue
            if path in call.resolved_fields or pattern in call.resolved_fields:
                continue
            evidence = evidence or _Evidence.of(ctx)
            if evidence.has_conversation and _id_shaped(value, spec) and not evidence.contains(value):
                raise Blocked(_reference_error(call, ctx, catalog, [(path, value, spec)], "ungrounded"))


_REFERENCES: dict[tuple[int, str], tuple[DomainPack, list[tuple[str, ReferenceSpec]]]] = {}


def _references(pack: DomainPack, tool_name: str) -> list[tuple[str, ReferenceSpec]]:
    cached = _REFERENCES.get((id(pack), tool_name))
    if cached is not None and cached[0] is pack:
        return cached[1]
    found = list(pack.references_for(tool_name).items())
    remember(_REFERENCES, (id(pack), tool_name), (pack, found))
    return found


@lru_cache(maxsize=1024)
def _plain_keys(pattern: str) -> tuple[str, ...] | None:
    """``start.dateTime`` -> ``("start", "dateTime")``; ``None`` for patterns with list steps."""
    return None if "[" in pattern else tuple(pattern.split("."))


def value_at(args: dict[str, Any], pattern: str) -> Any:
    """The value at a path without list steps (``None`` when absent); other paths via :mod:`guards.paths`."""
    keys = _plain_keys(pattern)
    if keys is None:
        return get_path(args, pattern, None)
    node: Any = args
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def values_at(args: dict[str, Any], pattern: str) -> list[tuple[str, Any]]:
    """Every ``(concrete_path, value)`` at ``pattern`` (the common one-key case without a walk)."""
    keys = _plain_keys(pattern)
    if keys is not None and len(keys) == 1:
        return [(pattern, args[pattern])] if pattern in args else []
    return list(iter_paths(args, pattern))


def _id_shaped(value: str, spec: ReferenceSpec) -> bool:
    """An ID rather than a name: no whitespace, or the reference's declared ID pattern."""
    if value and not any(ch.isspace() for ch in value):
        return True
    if spec.id_pattern:
        try:
            return re.search(spec.id_pattern, value) is not None
        except re.error:
            return False
    return False


class _Evidence:
    """Every string the conversation has shown: tool results, cached lookups and the user's words."""

    _last: tuple[GuardContext, tuple[int, ...], _Evidence] | None = None

    @classmethod
    def of(cls, ctx: GuardContext) -> _Evidence:
        """The evidence for ``ctx``, reused while the conversation has not grown (checks in a row)."""
        state = (
            id(ctx.tool_results),
            len(ctx.tool_results),
            id(ctx.user_messages),
            len(ctx.user_messages),
            id(ctx.session),
            len(ctx.session.cache),
        )
        last = cls._last
        if last is not None and last[0] is ctx and last[1] == state:
            return last[2]
        evidence = cls(ctx)
        cls._last = (ctx, state, evidence)
        return evidence

    def __init__(self, ctx: GuardContext) -> None:
        self.values: set[str] = set()
        for observation in ctx.tool_results:
            if not is_error_payload(observation.result):
                _collect_strings(observation.result, self.values, 0)
        for cached in ctx.session.cache.values():
            if not is_error_payload(cached):
                _collect_strings(cached, self.values, 0)
        self.user_text = "\n".join(ctx.user_messages).lower()
        self.in_user_text: dict[str, bool] = {}
        self.has_conversation = bool(ctx.user_messages or ctx.tool_results)

    def contains(self, value: str) -> bool:
        if value in self.values:
            return True
        known = self.in_user_text.get(value)
        if known is None:
            needle = value.strip().lower()
            pattern = r"(?<![\w@.\-])" + re.escape(needle) + r"(?![\w@\-])"
            known = bool(needle) and re.search(pattern, self.user_text) is not None
            self.in_user_text[value] = known
        return known


def _collect_strings(value: Any, out: set[str], depth: int) -> None:
    if depth > _MAX_EVIDENCE_DEPTH:
        return
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_strings(item, out, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _collect_strings(item, out, depth + 1)


def _reference_error(
    call: PendingCall,
    ctx: GuardContext,
    catalog: ToolCatalog,
    found: list[tuple[str, str, ReferenceSpec]],
    reason: str,
) -> dict[str, Any]:
    invalid: list[dict[str, Any]] = []
    steps: list[str] = []
    for path, value, spec in found:
        lookup = spec.lookup
        needs = f" with {', '.join(lookup.pass_args)}" if lookup.pass_args else ""
        steps.append(
            f"Call {lookup.tool}{needs} to find the real {spec.kind} and pass its '{lookup.id}' as {path}."
        )
        if reason == "placeholder":
            message = f"'{value}' is a placeholder, not a real {spec.kind} ID"
        else:
            message = f"'{value}' does not appear in any tool result or in the user's words"
        invalid.append(
            {
                "field": path,
                "expected_type": f"{spec.kind} id",
                "received_type": "placeholder" if reason == "placeholder" else "ungrounded id",
                "message": message,
                "reason": reason,
                "lookup_tool": lookup.tool,
            }
        )
    how = " ".join(steps)
    error = validation_error(call.tool_name, Problems(invalid=invalid), catalog, how, example_clock(ctx))
    error["details"]["lookup_tool"] = found[0][2].lookup.tool
    return error
