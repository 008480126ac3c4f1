"""The schema stages: repair the tool name, repair the argument structure, validate and coerce.

* :func:`repair_tool_name` — a misspelled tool name becomes the one tool it can only mean.
* :func:`repair_structure` — field-name variants, JSON strings, scalars that belong inside an object,
  single items that belong in a list, unknown fields the schema forbids.
* :func:`validate_schema` — ``jsonschema`` validation with lossless coercions; whatever is still wrong
  becomes a ``validation_error`` listing the missing and invalid fields, a fix hint and a valid example.

A call that is already valid passes through every stage unchanged and unrecorded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from guards.call import Blocked, PendingCall, ToolCatalog
from guards.context import GuardContext
from guards.errors import ErrorType, make_error
from guards.paths import format_path, get_path
from guards.schema.examples import ExampleClock, example_call
from guards.schema.fast import compile_validity, is_closed
from guards.schema.names import NameMatch, match_tool_name
from guards.schema.refusals import ConflictingAliases, UnknownField
from guards.schema.structure import StructureRepairer, root_object, snapshot
from guards.schema.support import json_type, remember
from guards.schema.validate import (
    MAX_REPAIR_PASSES,
    Problems,
    Repair,
    apply_repair,
    describe_errors,
    find_repairs,
    fix_hint,
    scalar_repairs,
    validator_for_schema,
)
from guards.verdict import InterventionKind


def repair_tool_name(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Replace a misspelled tool name by the single known tool it matches; block when none or several."""
    if not catalog.schemas or call.tool_name in catalog.schemas:
        return
    name = call.tool_name if isinstance(call.tool_name, str) else str(call.tool_name)
    match = _match_cached(name, catalog.schemas)
    if match.tool is not None:
        call.tool_name = match.tool
        call.record(
            InterventionKind.TOOL_NAME,
            None,
            name,
            match.tool,
            f"'{name}' matches the tool '{match.tool}' ({match.how})",
        )
        return
    known = sorted(catalog.tool_names)
    message = (
        f"Tool name '{name}' matches several tools: {', '.join(match.candidates)}."
        if match.ambiguous
        else f"Unknown tool '{name}'."
    )
    hint = (
        f"Call one of: {', '.join(match.candidates)}."
        if match.candidates
        else f"Call one of: {', '.join(known)}."
    )
    raise Blocked(
        make_error(
            ErrorType.UNKNOWN_TOOL,
            name,
            message,
            details={"tool_name": name, "candidates": list(match.candidates), "known_tools": known},
            remediation=[hint],
        )
    )


_NAME_MATCHES: dict[tuple[str, int], tuple[Mapping[str, Any], NameMatch]] = {}


def _match_cached(name: str, schemas: Mapping[str, Any]) -> NameMatch:
    """Agents repeat their naming mistakes: remember each answer per tool set."""
    key = (name, id(schemas))
    cached = _NAME_MATCHES.get(key)
    if cached is not None and cached[0] is schemas:
        return cached[1]
    match = match_tool_name(name, list(schemas))
    remember(_NAME_MATCHES, key, (schemas, match))
    return match


def repair_structure(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Repair the shape of the arguments (see :mod:`guards.schema.structure`) in place."""
    _ensure_object_args(call)
    schema = catalog.schema(call.tool_name)
    if schema is None or (is_closed(schema) and is_valid(schema, call.args)):
        return
    _unwrap_arguments(call, schema)
    repairer = StructureRepairer(
        schema,
        catalog.pack.synonyms,
        frozenset(catalog.pack.datetimes),
        call.record,
        _reference_paths(catalog, call.tool_name),
        frozenset(catalog.pack.ignored_fields),
    )
    try:
        repairer.repair_object(call.args, root_object(schema, schema), [])
    except UnknownField as unknown:
        raise Blocked(_unknown_field_error(call, catalog, ctx, unknown)) from None
    except ConflictingAliases as conflict:
        names = " and ".join(f"'{n}'" for n in conflict.names)
        problems = Problems(
            invalid=[
                {
                    "field": conflict.field,
                    "expected_type": "one value",
                    "received_type": "conflicting values",
                    "message": f"{names} both name '{conflict.field}' but carry different values",
                    "reason": "conflicting_aliases",
                }
            ]
        )
        hint = f"Send {conflict.field} once, with the intended value."
        raise Blocked(validation_error(call.tool_name, problems, catalog, hint, example_clock(ctx))) from None


def _unknown_field_error(
    call: PendingCall, catalog: ToolCatalog, ctx: GuardContext, unknown: UnknownField
) -> dict[str, Any]:
    problems = Problems(
        missing=unknown.required_missing,
        invalid=[
            {
                "field": unknown.field,
                "expected_type": "a field of this tool",
                "received_type": "unknown field",
                "message": f"'{unknown.field}' is not a field of {call.tool_name}; dropping it could "
                "change what the call means",
                "reason": "unknown_field",
                "candidates": unknown.missing,
            }
        ],
    )
    likely = ", ".join(unknown.missing[:5])
    where = f" (the likeliest: {likely})" if likely else ""
    hint = f"Send the value of '{unknown.field}' in the field it stands for{where}, or drop it."
    return validation_error(call.tool_name, problems, catalog, hint, example_clock(ctx))


_REFERENCE_PATHS: dict[tuple[int, str], tuple[ToolCatalog, frozenset[str]]] = {}


def _reference_paths(catalog: ToolCatalog, tool_name: str) -> frozenset[str]:
    cached = _REFERENCE_PATHS.get((id(catalog), tool_name))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    paths = frozenset(catalog.pack.references_for(tool_name))
    remember(_REFERENCE_PATHS, (id(catalog), tool_name), (catalog, paths))
    return paths


WRAPPER_KEYS = frozenset(
    {"arguments", "args", "input", "inputs", "parameters", "params", "kwargs", "tool_input", "payload"}
)
"""Keys agents wrap a whole argument object in: ``{"arguments": "{\"calendarId\": ...}"}``."""


def _unwrap_arguments(call: PendingCall, schema: Mapping[str, Any]) -> None:
    """The whole argument object sent under one wrapper key (as an object or as JSON text) is unwrapped
    when the tool has no field of that name and what is inside names the tool's own fields."""
    if len(call.args) != 1:
        return
    ((key, inner),) = call.args.items()
    fields = root_object(schema, schema).get("properties") or {}
    if key.lower() not in WRAPPER_KEYS or key in fields:
        return
    if isinstance(inner, str):
        try:
            inner = json.loads(inner)
        except ValueError:
            return
    if not isinstance(inner, dict) or not inner or not any(name in fields for name in inner):
        return
    before = snapshot(call.args)
    call.args = inner
    reason = f"unwrapped the arguments sent under '{key}'"
    call.record(InterventionKind.NESTING, None, before, snapshot(inner), reason)


def _ensure_object_args(call: PendingCall) -> None:
    args: Any = call.args
    if args is None:
        call.args = {}
        call.record(
            InterventionKind.TYPE_COERCION, None, None, {}, "no arguments means an empty argument object"
        )
        return
    if isinstance(args, str):
        try:
            decoded = json.loads(args) if args.strip() else {}
        except ValueError:
            decoded = None
        if isinstance(decoded, dict):
            call.args = decoded
            call.record(
                InterventionKind.JSON_STRING,
                None,
                args,
                snapshot(decoded),
                "decoded arguments sent as a JSON string",
            )
            return
    if not isinstance(call.args, dict):
        raise Blocked(
            make_error(
                ErrorType.VALIDATION,
                call.tool_name,
                f"Arguments for tool '{call.tool_name}' must be a JSON object.",
                details={
                    "missing_required_fields": [],
                    "invalid_fields": [
                        {
                            "field": "(arguments)",
                            "expected_type": "object",
                            "received_type": json_type(args),
                            "message": "arguments must be a JSON object of named fields",
                        }
                    ],
                },
                remediation=['Send the arguments as a JSON object, e.g. {"field": value}.'],
            )
        )


def validate_schema(call: PendingCall, ctx: GuardContext, catalog: ToolCatalog) -> None:
    """Validate against the tool's JSON Schema, applying only lossless repairs; block what remains."""
    schema = catalog.schema(call.tool_name)
    if schema is None:
        return
    if is_valid(schema, call.args):
        return
    validator = validator_for_schema(schema)
    if isinstance(call.args, dict):
        quick: list[Repair] = []
        scalar_repairs(call.args, schema, schema, [], quick)
        _record_repairs(call, quick)
        if quick and is_valid(schema, call.args):
            return
        for _ in range(MAX_REPAIR_PASSES):
            repairs = find_repairs(validator.iter_errors(call.args), schema)
            applied = [repair for repair in repairs if apply_repair(call.args, repair)]
            _record_repairs(call, applied)
            if not applied:
                break
            if is_valid(schema, call.args):
                return
    problems = describe_errors(validator.iter_errors(call.args), schema)
    clock = example_clock(ctx, _first_datetime(call.args, catalog))
    raise Blocked(validation_error(call.tool_name, problems, catalog, fix_hint(problems), clock))


def _record_repairs(call: PendingCall, repairs: list[Repair]) -> None:
    for repair in repairs:
        call.record(
            repair.kind, format_path(repair.path), repair.before, snapshot(repair.after), repair.reason
        )


def is_valid(schema: Mapping[str, Any], args: Any) -> bool:
    """Whether ``args`` satisfies ``schema`` (compiled fast check; ``jsonschema`` when unsupported)."""
    fast = compile_validity(schema)
    return fast(args) if fast is not None else validator_for_schema(schema).is_valid(args)


def example_clock(ctx: GuardContext, near: Any = None) -> ExampleClock:
    """The user's zone and the day in question (the day ``near`` names, else tomorrow) for examples."""
    return ExampleClock.of(ctx.now, ctx.timezone, near, ctx.actor)


def _first_datetime(args: Any, catalog: ToolCatalog) -> Any:
    """The first datetime or date value the call carries: the day an example should be on."""
    if not isinstance(args, dict):
        return None
    for pattern in [*catalog.pack.datetimes, *catalog.pack.dates]:
        value = get_path(args, pattern, None) if "[" not in pattern else None
        if isinstance(value, str):
            return value
    return None


def field_error(
    tool_name: str,
    catalog: ToolCatalog,
    field: str,
    *,
    expected_type: str,
    message: str,
    reason: str,
    hint: str,
    clock: ExampleClock | None = None,
    problem_expected: str | None = None,
    **details: Any,
) -> dict[str, Any]:
    """A :func:`validation_error` about the one string value at ``field`` (its invalid-field entry
    carries ``problem_expected`` as ``expected`` when given); ``details`` join ``field`` in the
    error's details."""
    problem = {
        "field": field,
        "expected_type": expected_type,
        "received_type": "string",
        "message": message,
        "reason": reason,
    }
    if problem_expected is not None:
        problem["expected"] = problem_expected
    error = validation_error(tool_name, Problems(invalid=[problem]), catalog, hint, clock)
    error["details"].update(field=field, **details)
    return error


def validation_error(
    tool_name: str, problems: Problems, catalog: ToolCatalog, hint: str, clock: ExampleClock | None = None
) -> dict[str, Any]:
    """A ``validation_error`` payload with the fix hint and a valid example call for ``tool_name``,
    its datetimes written for ``clock`` (the user's zone and the day in question)."""
    details: dict[str, Any] = problems.details()
    remediation = [hint]
    schema = catalog.schema(tool_name)
    if schema is not None:
        example = example_call(tool_name, schema, catalog.pack, clock)
        details["example"] = example
        remediation.append(f"Example of a valid call: {tool_name}({json.dumps(example)})")
    return make_error(
        ErrorType.VALIDATION,
        tool_name,
        f"Invalid arguments for tool '{tool_name}'.",
        details=details,
        remediation=remediation,
    )
