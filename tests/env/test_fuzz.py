"""Arbitrary arguments never crash a tool: every answer is a result or a well-formed, non-internal error."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from env import REGISTRY, CalendarEnv

TAXONOMY = {
    "validation_error",
    "format_error",
    "permission_error",
    "not_found_error",
    "conflict_error",
    "precondition_error",
    "rate_limit_error",
    "transient_error",
    "unknown_tool",
}
ENV = CalendarEnv()

texts = st.sampled_from(
    [
        "primary",
        "ana@acme.com",
        "dana.kim@acme.com",
        "Team",
        "",
        "2026-03-10T10:00:00-04:00",
        "2026-03-10",
        "2026-03-10T10:00:00",
        "America/New_York",
        "Mars/Base",
        "RRULE:FREQ=WEEKLY",
        "user:ana@acme.com",
        "owner",
        "reader",
        "startTime",
        "timezone",
        "zzz",
        "abcde12345",
    ]
) | st.text(max_size=12)
scalars = st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False) | texts
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
time_objects = st.fixed_dictionaries({}, optional={"dateTime": texts, "date": texts, "timeZone": texts})


@st.composite
def arguments(draw: st.DrawFn, tool: str) -> dict[str, Any]:
    fields = list(REGISTRY[tool].spec.input_schema.get("properties", {}))
    chosen = draw(st.lists(st.sampled_from(fields), unique=True)) if fields else []
    args: dict[str, Any] = {}
    for name in chosen:
        if name in ("start", "end"):
            args[name] = draw(time_objects | values)
        elif name == "scope":
            args[name] = draw(
                st.fixed_dictionaries(
                    {"type": st.sampled_from(["user", "group", "domain", "default"])},
                    optional={"value": texts},
                )
                | values
            )
        elif name == "items":
            args[name] = draw(st.lists(st.fixed_dictionaries({"id": texts}), max_size=3) | values)
        else:
            args[name] = draw(values)
    if draw(st.booleans()):
        args[draw(texts)] = draw(values)
    return args


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_tool_crashes_on_arbitrary_arguments(data: st.DataObject) -> None:
    tool = data.draw(st.sampled_from(sorted(REGISTRY)))
    args = data.draw(arguments(tool))
    ENV.reset()
    result = ENV.call_tool(tool, args)
    assert isinstance(result, dict)
    if result.get("ok") is False:
        assert result["error_type"] in TAXONOMY
        assert result["details"].get("reason") != "internalError", (tool, args, result)
        assert isinstance(result["message"], str) and isinstance(result["remediation"], list)


stamps = st.builds(
    lambda y, mo, d, h, mi, off: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00{off}",
    st.integers(1999, 2040),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 24),
    st.integers(0, 60),
    st.sampled_from(["Z", "-04:00", "+09:00", "", "+14:00", "-12:00", "+5"]),
)
rules = st.lists(
    st.sampled_from(
        [
            "RRULE:FREQ=DAILY",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,WE",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5",
            "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            "RRULE:FREQ=WEEKLY;UNTIL=20260101T000000Z",
            "EXDATE;TZID=America/New_York:20260316T090000",
            "RDATE:20260320T120000Z",
            "RRULE:FREQ=HOURLY;COUNT=3",
            "RRULE:INTERVAL=0",
            "EXDATE:garbage",
        ]
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(
    start=stamps,
    end=stamps,
    tz=st.sampled_from(["America/New_York", "Asia/Tokyo", "Europe/London", None]),
    recurrence=rules,
    lo=stamps,
    hi=stamps,
)
def test_semi_valid_events_never_crash(
    start: str, end: str, tz: str | None, recurrence: list[str], lo: str, hi: str
) -> None:
    ENV.reset()
    start_obj = {"dateTime": start, **({"timeZone": tz} if tz else {})}
    end_obj = {"dateTime": end, **({"timeZone": tz} if tz else {})}
    args: dict[str, Any] = {"calendarId": "primary", "start": start_obj, "end": end_obj}
    if recurrence:
        args["recurrence"] = recurrence
    created = ENV.call_tool("events_insert", args)
    assert created.get("details", {}).get("reason") != "internalError", (args, created)
    listed = ENV.call_tool(
        "events_list", {"calendarId": "primary", "timeMin": lo, "timeMax": hi, "singleEvents": True}
    )
    assert listed.get("details", {}).get("reason") != "internalError", (lo, hi, listed)
    if "id" in created:
        instances = ENV.call_tool("events_instances", {"calendarId": "primary", "eventId": created["id"]})
        assert instances.get("details", {}).get("reason") != "internalError", instances
        busy = ENV.call_tool("freebusy_query", {"timeMin": lo, "timeMax": hi, "items": [{"id": "primary"}]})
        assert busy.get("details", {}).get("reason") != "internalError", busy
