"""Hypothesis strategies: valid arguments generated from a JSON Schema, and arbitrary JSON arguments."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from guards.pack import DomainPack
from guards.placeholders import is_placeholder

_SAFE_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " .,'-", min_size=1, max_size=24)
_ID_TEXT = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=6, max_size=16)
_EMAILS = st.builds(
    lambda user, domain: f"{user}@{domain}.com",
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=8),
    st.sampled_from(["acme", "example", "corp"]),
)
_OFFSETS = st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
_INSTANTS = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))


def _rfc3339(moment: datetime, zone: timezone, zulu: bool) -> str:
    if zulu:
        return moment.replace(tzinfo=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return moment.replace(tzinfo=zone).isoformat(timespec="seconds")


RFC3339 = st.builds(_rfc3339, _INSTANTS, _OFFSETS, st.booleans())
DATES = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)


def valid_arguments(schema: dict[str, Any], pack: DomainPack) -> st.SearchStrategy[dict[str, Any]]:
    """Arguments that satisfy ``schema`` (for the subset of JSON Schema tool specs use).

    Strings at the pack's datetime and date paths are RFC3339 datetimes and ISO dates, as the tools
    require even where the schema only says ``"type": "string"``.
    """
    return _value(schema, schema, "", pack).filter(lambda args: not _has_placeholder(args, pack))


def _value(node: dict[str, Any], root: dict[str, Any], name: str, pack: DomainPack) -> st.SearchStrategy[Any]:
    """``name`` is the field's path pattern (``start.dateTime``, ``attendees[].email``)."""
    if "$ref" in node:
        target: Any = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return _value(target, root, name, pack)
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([_value(option, root, name, pack) for option in node[key]])
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([_value({**node, "type": k}, root, name, pack) for k in kind])
    if kind == "object" or "properties" in node:
        return _object(node, root, name, pack)
    if kind == "array":
        items = node.get("items", {})
        return st.lists(
            _value(items, root, f"{name}[]", pack),
            min_size=node.get("minItems", 0),
            max_size=min(node.get("maxItems", 3), 3),
        )
    if kind == "string":
        return _string(node, name, pack)
    if kind == "integer":
        return st.integers(min_value=node.get("minimum", -(2**31)), max_value=node.get("maximum", 2**31))
    if kind == "number":
        return st.floats(
            min_value=node.get("minimum"),
            max_value=node.get("maximum"),
            allow_nan=False,
            allow_infinity=False,
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.none()


_ZONES = st.sampled_from(["America/New_York", "Europe/Berlin", "Asia/Tokyo", "UTC"])


def _string(node: dict[str, Any], name: str, pack: DomainPack) -> st.SearchStrategy[str]:
    fmt = node.get("format")
    leaf = name.rsplit(".", 1)[-1]
    if fmt == "date-time" or name in pack.datetimes:
        return RFC3339
    if fmt == "date" or name in pack.dates:
        return DATES
    if fmt == "email" or leaf.lower().endswith("email"):
        return _EMAILS
    if leaf == "timeZone":
        return _ZONES
    if leaf.endswith("Id") or leaf == "id":
        return st.one_of(_ID_TEXT, _EMAILS)
    strategy = _SAFE_TEXT
    if "minLength" in node or "maxLength" in node:
        low, high = node.get("minLength", 0), node.get("maxLength", 24)
        strategy = st.text(alphabet=string.ascii_letters + string.digits, min_size=low, max_size=high)
    return strategy


def _object(
    node: dict[str, Any], root: dict[str, Any], name: str, pack: DomainPack
) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", []))
    prefix = f"{name}." if name else ""
    fixed = {key: _value(properties[key], root, prefix + key, pack) for key in properties if key in required}
    optional = {
        key: _value(properties[key], root, prefix + key, pack) for key in properties if key not in required
    }
    return st.fixed_dictionaries(fixed, optional=optional).map(_ordered_interval)


def _ordered_interval(obj: dict[str, Any]) -> dict[str, Any]:
    """Make a generated start/end pair (datetimes or dates) run forwards, as a valid call would."""
    for low, high in (("start", "end"), ("timeMin", "timeMax")):
        a, b = obj.get(low), obj.get(high)
        if isinstance(a, dict) and isinstance(b, dict):
            for key, parse in (("dateTime", _instant), ("date", date.fromisoformat)):
                if (
                    isinstance(a.get(key), str)
                    and isinstance(b.get(key), str)
                    and parse(b[key]) < parse(a[key])
                ):
                    a[key], b[key] = b[key], a[key]
        elif isinstance(a, str) and isinstance(b, str) and _instant(b) < _instant(a):
            obj[low], obj[high] = b, a
    return obj


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _has_placeholder(args: Any, pack: DomainPack) -> bool:
    if isinstance(args, str):
        return is_placeholder(args, pack)
    if isinstance(args, dict):
        return any(_has_placeholder(v, pack) for v in args.values())
    if isinstance(args, list):
        return any(_has_placeholder(v, pack) for v in args)
    return False


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    RFC3339,
    DATES,
    _EMAILS,
    st.sampled_from(
        ["30", "true", "False", "Writer", "free_busy_reader", "primary", "<calendar_id>", "{}", "[]"]
    ),
)


def json_values(keys: list[str], max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Arbitrary JSON whose object keys are often the given field names (so repairs get exercised)."""
    key_strategy = st.one_of(st.sampled_from(keys), st.text(max_size=10)) if keys else st.text(max_size=10)
    return st.recursive(
        JSON_SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=3), st.dictionaries(key_strategy, children, max_size=5)
        ),
        max_leaves=max_leaves,
    )
