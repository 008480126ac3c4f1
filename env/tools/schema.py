"""From pydantic argument models to LLM-facing JSON Schema, and from pydantic errors to the wire.

Schemas are generated from the one model per tool (never written twice) and cleaned for LLMs:
``$ref`` inlined, titles dropped, ``X | None = None`` shown as an optional ``X`` rather than a
nullable union, ``additionalProperties: false`` everywhere.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from env.errors import ErrorType, ToolFailure, json_type_name

_EXPECTED_BY_ERROR = {
    "string_type": "string",
    "int_type": "integer",
    "int_parsing": "integer",
    "bool_type": "boolean",
    "float_type": "number",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
    "list_type": "array",
    "string_too_short": "non-empty string",
    "too_short": "non-empty array",
}


def json_schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The cleaned JSON Schema of an argument model."""
    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})
    cleaned = _clean(raw, defs)
    assert isinstance(cleaned, dict)
    required = cleaned.get("required", [])
    properties = cleaned.get("properties", {})
    # required arguments first: models that extend shared bodies would otherwise list them last
    cleaned["properties"] = {
        **{name: properties[name] for name in required},
        **{name: value for name, value in properties.items() if name not in required},
    }
    return cleaned


def _clean(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_clean(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return _clean(merged, defs)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title":
            continue
        if key == "properties":
            out[key] = {name: _clean(prop, defs) for name, prop in value.items()}
        else:
            out[key] = _clean(value, defs)
    options = out.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options and out.get("default", ...) is None:
        non_null = [option for option in options if option != {"type": "null"}]
        del out["anyOf"]
        out.pop("default")
        if len(non_null) == 1:
            out = {**non_null[0], **out}
        else:
            out["anyOf"] = non_null
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    return out


def _path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _expected(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        return f"one of {ctx.get('expected', '')}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}[
            kind
        ]
        return f"number {bound} {next(iter(ctx.values()), '')}"
    if kind == "too_long":
        return f"array with at most {ctx.get('max_length')} items"
    return _EXPECTED_BY_ERROR.get(kind, str(error.get("msg", kind)))


def validation_failure(exc: ValidationError, tool_name: str, model: type[BaseModel]) -> ToolFailure:
    """Turn pydantic's errors into one validation_error listing missing and invalid fields."""
    missing: list[str] = []
    invalid: list[dict[str, Any]] = []
    unexpected: list[str] = []
    for error in exc.errors():
        field = _path(error["loc"])
        if error["type"] == "missing":
            missing.append(field)
        elif error["type"] == "extra_forbidden":
            unexpected.append(field)
            invalid.append(
                {
                    "field": field,
                    "expected_type": "absent (unknown field)",
                    "received_type": json_type_name(error["input"]),
                }
            )
        else:
            invalid.append(
                {
                    "field": field,
                    "expected_type": _expected(error),
                    "received_type": json_type_name(error["input"]),
                }
            )
    allowed = sorted(model.model_fields)
    remediation = []
    if missing:
        remediation.append(f"Add the required fields: {', '.join(missing)}.")
    if unexpected:
        remediation.append(f"Remove unknown fields ({', '.join(unexpected)}); allowed: {', '.join(allowed)}.")
    typed = [entry for entry in invalid if entry["field"] not in unexpected]
    if typed:
        remediation.append(
            "Fix the types: " + "; ".join(f"{e['field']} must be {e['expected_type']}" for e in typed) + "."
        )
    details: dict[str, Any] = {"missing_required_fields": missing, "invalid_fields": invalid}
    if unexpected:
        details["unexpected_fields"] = unexpected
        details["allowed_fields"] = allowed
    return ToolFailure(
        ErrorType.VALIDATION,
        f"Invalid arguments for tool '{tool_name}'.",
        details=details,
        remediation=remediation,
    )
