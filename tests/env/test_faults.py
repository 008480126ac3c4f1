"""Seeded fault injection: rate limits, transient outages, and writes that apply but time out."""

from __future__ import annotations

from env import CalendarEnv, FaultConfig

TIMED = {"start": {"dateTime": "2026-03-10T10:00:00-04:00"}, "end": {"dateTime": "2026-03-10T11:00:00-04:00"}}


def _error_types(env: CalendarEnv, calls: int) -> list[str | None]:
    return [env.call_tool("settings_get", {"setting": "timezone"}).get("error_type") for _ in range(calls)]


def test_rate_limit_errors_carry_retry_after() -> None:
    env = CalendarEnv(faults=FaultConfig(rate_limit=1.0, retry_after=2.5))
    result = env.call_tool("calendars_list", {})
    assert result["error_type"] == "rate_limit_error" and result["http_status"] == 429
    assert result["retryable"] is True and result["details"]["retry_after"] == 2.5
    assert env.fault_log == [{"tool": "calendars_list", "fault": "rate_limit"}]


def test_transient_errors_apply_nothing() -> None:
    env = CalendarEnv(faults=FaultConfig(transient=1.0))
    before = env.snapshot()
    result = env.call_tool("events_insert", {"calendarId": "primary", **TIMED})
    assert result["error_type"] == "transient_error" and result["http_status"] == 503 and result["retryable"]
    assert not env.diff(before, env.snapshot())


def test_timeout_after_write_applies_the_write() -> None:
    env = CalendarEnv(faults=FaultConfig(timeout_after_write=1.0))
    before = env.snapshot()
    result = env.call_tool(
        "events_insert", {"calendarId": "primary", "id": "timeout0001", "summary": "Once", **TIMED}
    )
    assert result["error_type"] == "transient_error" and result["details"]["reason"] == "deadlineExceeded"
    changes = env.diff(before, env.snapshot()).changes
    assert [(c.kind, c.key) for c in changes] == [("added", "event:timeout0001")]
    # a blind retry with the same client id is refused, so the retry cannot duplicate the event
    retry = env.call_tool(
        "events_insert", {"calendarId": "primary", "id": "timeout0001", "summary": "Once", **TIMED}
    )
    assert retry["error_type"] == "conflict_error"
    assert len(env.diff(before, env.snapshot()).changes) == 1
    # reads are never reported as timeouts
    assert "error_type" not in env.call_tool("settings_get", {"setting": "timezone"})


def test_faults_are_seeded_and_reproducible() -> None:
    config = FaultConfig(rate_limit=0.3, transient=0.2, seed=11)
    first = _error_types(CalendarEnv(faults=config), 40)
    second = _error_types(CalendarEnv(faults=config), 40)
    assert first == second
    assert {"rate_limit_error", "transient_error", None} == set(first)
    other_seed = _error_types(CalendarEnv(faults=config, seed=5), 40)
    assert other_seed != first


def test_reset_restarts_the_fault_sequence() -> None:
    env = CalendarEnv(faults=FaultConfig(transient=0.5, seed=3))
    first = _error_types(env, 20)
    env.reset()
    assert _error_types(env, 20) == first and len(env.fault_log) == first.count("transient_error")


def test_faults_can_target_some_tools() -> None:
    env = CalendarEnv(faults=FaultConfig(transient=1.0, tools=frozenset({"events_list"})))
    assert env.call_tool("events_list", {"calendarId": "primary"})["error_type"] == "transient_error"
    assert "error_type" not in env.call_tool("calendars_list", {})
