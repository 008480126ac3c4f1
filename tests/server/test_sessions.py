"""The session pool and session configuration, without a transport (a controllable clock)."""

from __future__ import annotations

import pytest

from env import bundled_world_names
from env.server.config import ServerLimits, SessionConfig, SessionConfigError, resolve_client_config
from env.server.sessions import SessionCapacityError, SessionPool


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_pool_caps_sessions_and_each_has_its_own_world() -> None:
    pool = SessionPool(ServerLimits(max_sessions=2))
    first, second = pool.open(SessionConfig()), pool.open(SessionConfig())
    with pytest.raises(SessionCapacityError) as full:
        pool.open(SessionConfig())
    assert (full.value.active_sessions, full.value.max_sessions) == (2, 2)
    created = first.env.call_tool(
        "calendars_insert", {"summary": "Only mine", "timeZone": "America/New_York"}
    )
    assert (
        second.env.call_tool("calendars_get", {"calendarId": created["id"]})["error_type"]
        == "not_found_error"
    )
    assert pool.close(first.id) is True and pool.close(first.id) is False
    assert pool.open(SessionConfig()).id not in (first.id, second.id)


def test_idle_sessions_are_reaped_and_their_holders_told() -> None:
    clock = FakeClock()
    pool = SessionPool(ServerLimits(idle_timeout_s=60), clock=clock)
    idle, busy = pool.open(SessionConfig()), pool.open(SessionConfig())
    told: list[str] = []
    idle.on_close.append(told.append)
    clock.now += 45
    pool.touch(busy)
    clock.now += 30
    assert pool.reap_idle() == [idle.id]
    assert told == [idle.id]
    assert pool.get(idle.id) is None and pool.get(busy.id) is busy
    pool.close_all()
    assert len(pool) == 0


def test_client_choices_are_checked_before_any_world_is_built() -> None:
    defaults = SessionConfig(world="acme")
    chosen = resolve_client_config(defaults, {"actor": "kenji.sato@acme.com", "now": "2026-03-09T09:00:00Z"})
    assert (chosen.world, chosen.actor, chosen.now) == ("acme", "kenji.sato@acme.com", "2026-03-09T09:00:00Z")
    with pytest.raises(SessionConfigError) as path:
        resolve_client_config(defaults, {"world": "/etc/passwd"})
    expected = {"field": "world", "received": "/etc/passwd", "bundled_worlds": bundled_world_names()}
    assert path.value.details() == expected
    with pytest.raises(SessionConfigError) as clock:
        resolve_client_config(defaults, {"now": "2026-03-09 09:00"})
    assert clock.value.field == "now"
    with pytest.raises(SessionConfigError) as seed:
        resolve_client_config(defaults, {"seed": True})
    assert seed.value.field == "seed"


def test_limits_reject_nonsense() -> None:
    for bad in ({"max_sessions": 0}, {"idle_timeout_s": 0}, {"max_message_bytes": 10}):
        with pytest.raises(ValueError):
            ServerLimits(**bad)  # type: ignore[arg-type]
