"""Retry: backoff within budgets, and never a duplicated write under injected faults."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from env import FaultConfig
from guards import Guard
from guards.checks.idempotency import add_idempotency_key
from guards.errors import make_error
from guards.recovery.classify import classify
from guards.recovery.retry import (
    RetryBudget,
    execute_with_retry,
    existing_resource_fetcher,
    has_idempotency_key,
    may_retry,
)
from tests.guards.resolve_helpers import PACK, context, world_env

RATE_LIMITED = make_error("rate_limit_error", "events_list", "slow down", details={"retry_after": 1.5})
RATE_LIMITED_AFTER_60 = make_error(
    "rate_limit_error", "events_list", "slow down", details={"retry_after": 60.0}
)
UNAVAILABLE = make_error("transient_error", "events_insert", "deadline exceeded")
INVALID = make_error("validation_error", "events_insert", "bad", details={"missing_required_fields": ["end"]})
FORBIDDEN = make_error("permission_error", "events_insert", "no")


class Script:
    """An execute function that returns scripted results in order and counts its calls."""

    def __init__(self, *results: object) -> None:
        self.results = list(results)
        self.calls = 0

    def __call__(self, tool: str, args: dict) -> object:
        self.calls += 1
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result


def budget(**kwargs: object) -> tuple[RetryBudget, list[float]]:
    slept: list[float] = []
    return RetryBudget(sleep=slept.append, **kwargs), slept  # type: ignore[arg-type]


def test_transient_read_is_retried_until_it_succeeds_honouring_retry_after():
    execute = Script(RATE_LIMITED, RATE_LIMITED, {"items": []})
    retry_budget, slept = budget()
    outcome = execute_with_retry(
        execute, "events_list", {}, is_write=False, idempotent=True, budget=retry_budget
    )
    assert outcome.ok and outcome.result == {"items": []}
    assert outcome.attempts == execute.calls == 3
    assert slept == outcome.waits and len(slept) == 2
    assert all(wait >= 1.5 for wait in slept)
    assert retry_budget.episode_retries == 2


def test_backoff_is_full_jitter_under_an_exponential_cap():
    retry_budget = RetryBudget(initial_wait=1.0, max_wait=5.0)
    for number in range(1, 8):
        ceiling = min(5.0, 2 ** (number - 1))
        waits = [retry_budget.backoff(number, None) for _ in range(200)]
        assert all(0.0 <= wait <= ceiling for wait in waits)
        # full jitter spreads over the whole range, not just its upper half
        assert min(waits) < ceiling / 4 and max(waits) > ceiling * 3 / 4


def test_backoff_never_undercuts_the_servers_retry_after_even_above_the_cap():
    retry_budget = RetryBudget(initial_wait=1.0, max_wait=5.0)
    assert retry_budget.backoff(1, 60.0) == 60.0
    assert all(retry_budget.backoff(3, 2.5) >= 2.5 for _ in range(50))


def test_a_retry_after_beyond_the_total_wait_budget_ends_the_retries():
    execute = Script(RATE_LIMITED_AFTER_60, {"items": []})
    retry_budget, slept = budget(max_total_wait=30.0)
    outcome = execute_with_retry(
        execute, "events_list", {}, is_write=False, idempotent=True, budget=retry_budget
    )
    assert execute.calls == 1 and slept == []
    assert outcome.classification.category == "permanent"


def test_attempt_budget_ends_in_a_permanent_error():
    execute = Script(*[RATE_LIMITED] * 5)
    retry_budget, slept = budget(max_attempts=3)
    outcome = execute_with_retry(
        execute, "events_list", {}, is_write=False, idempotent=True, budget=retry_budget
    )
    assert execute.calls == 3 and len(slept) == 2
    assert outcome.classification.category == "permanent"
    assert "budget exhausted" in outcome.classification.error["remediation"][0].lower()


def test_total_wait_budget_stops_early():
    execute = Script(*[RATE_LIMITED] * 5)
    retry_budget, slept = budget(max_total_wait=2.0)
    outcome = execute_with_retry(
        execute, "events_list", {}, is_write=False, idempotent=True, budget=retry_budget
    )
    assert execute.calls == 2 and sum(slept) <= 2.0
    assert outcome.classification.category == "permanent"


def test_episode_budget_is_shared_across_calls():
    retry_budget, _ = budget(max_episode_retries=2)
    first = Script(RATE_LIMITED, RATE_LIMITED, {"items": []})
    assert execute_with_retry(
        first, "events_list", {}, is_write=False, idempotent=True, budget=retry_budget
    ).ok
    second = Script(RATE_LIMITED, {"items": []})
    outcome = execute_with_retry(
        second, "events_list", {}, is_write=False, idempotent=True, budget=retry_budget
    )
    assert second.calls == 1 and not outcome.ok
    assert retry_budget.episode_left == 0


def test_write_that_may_have_applied_is_not_repeated_without_a_key():
    execute = Script(UNAVAILABLE, {"id": "e1"})
    retry_budget, slept = budget()
    outcome = execute_with_retry(
        execute, "events_insert", {}, is_write=True, idempotent=False, budget=retry_budget
    )
    assert execute.calls == 1 and slept == []
    assert outcome.classification.category == "repairable"
    assert "may have been applied" in outcome.classification.error["remediation"][0]


def test_rate_limited_write_is_retried_because_it_was_refused():
    execute = Script(make_error("rate_limit_error", "events_insert", "slow"), {"id": "e1"})
    retry_budget, _ = budget()
    outcome = execute_with_retry(
        execute, "events_insert", {}, is_write=True, idempotent=False, budget=retry_budget
    )
    assert outcome.ok and execute.calls == 2


def test_keyed_write_is_retried_after_a_timeout():
    execute = Script(UNAVAILABLE, {"id": "e1"})
    outcome = execute_with_retry(
        execute, "events_insert", {"id": "k"}, is_write=True, idempotent=True, budget=budget()[0]
    )
    assert outcome.ok and execute.calls == 2


def test_repairable_and_permanent_errors_are_never_re_executed():
    for error in (INVALID, FORBIDDEN):
        execute = Script(error, {"id": "e1"})
        outcome = execute_with_retry(
            execute, "events_insert", {}, is_write=True, idempotent=True, budget=budget()[0]
        )
        assert execute.calls == 1
        assert outcome.classification.error_type == error["error_type"]


def test_raising_transport_is_retried_and_reported_per_attempt():
    execute = Script(ConnectionError("reset"), {"items": []})
    seen: list[tuple[int, str, float | None]] = []
    outcome = execute_with_retry(
        execute,
        "events_list",
        {},
        is_write=False,
        idempotent=True,
        budget=budget()[0],
        on_attempt=lambda n, c, wait: seen.append((n, c.category, wait)),
    )
    assert outcome.ok
    assert [(n, category) for n, category, _ in seen] == [(1, "transient"), (2, "ok")]
    assert seen[0][2] is not None and seen[1][2] is None


def test_an_attempt_made_elsewhere_counts_as_the_first():
    execute = Script({"items": []})
    outcome = execute_with_retry(
        execute, "events_list", {}, is_write=False, idempotent=True, budget=budget()[0], first=RATE_LIMITED
    )
    assert outcome.ok and outcome.attempts == 2 and execute.calls == 1
    verdict_first = execute_with_retry(
        Script({"items": []}),
        "events_list",
        {},
        is_write=False,
        idempotent=True,
        budget=budget()[0],
        first=classify(RATE_LIMITED),
    )
    assert verdict_first.ok


def test_may_retry_uses_the_pack():
    timeout = classify(UNAVAILABLE)
    assert may_retry(PACK, "events_list", {}, timeout)
    assert not may_retry(PACK, "events_insert", {"calendarId": "primary"}, timeout)
    assert may_retry(PACK, "events_insert", {"id": "abcde12345"}, timeout)
    assert may_retry(
        PACK, "events_delete", {}, classify(make_error("rate_limit_error", "events_delete", "x"))
    )
    assert not may_retry(PACK, "events_list", {}, classify(INVALID))
    assert has_idempotency_key(PACK, "events_insert", {"id": "abcde12345"})
    assert not has_idempotency_key(PACK, "events_patch", {"id": "abcde12345"})


EVENT = {
    "calendarId": "primary",
    "summary": "Fault drill",
    "start": {"dateTime": "2026-11-18T10:00:00-05:00"},
    "end": {"dateTime": "2026-11-18T11:00:00-05:00"},
}


def copies_of(env, summary: str) -> int:
    return sum(
        1 for e in env.snapshot().events() if e.get("summary") == summary and e.get("status") != "cancelled"
    )


def test_timed_out_keyed_insert_is_applied_once_and_reported_as_success():
    env = world_env(faults=FaultConfig(timeout_after_write=1.0, tools=frozenset({"events_insert"})))
    verdict = Guard(PACK, resolve_stages=[], validate_stages=[add_idempotency_key]).check(
        "events_insert", EVENT, context(env)
    )
    args = verdict.args
    outcome = execute_with_retry(
        env.call_tool,
        "events_insert",
        args,
        is_write=True,
        idempotent=has_idempotency_key(PACK, "events_insert", args),
        budget=budget()[0],
        fetch_existing=existing_resource_fetcher(PACK, env.call_tool, "events_insert", args),
    )
    assert outcome.ok and outcome.deduplicated
    assert outcome.result["id"] == args["id"] and outcome.result["summary"] == "Fault drill"
    assert copies_of(env, "Fault drill") == 1


def test_without_the_key_a_blind_retry_would_duplicate():
    """The fault is real: repeating an un-keyed timed-out insert creates a second event."""
    env = world_env(faults=FaultConfig(timeout_after_write=1.0, tools=frozenset({"events_insert"})))
    execute_with_retry(
        env.call_tool,
        "events_insert",
        EVENT,
        is_write=True,
        idempotent=True,
        budget=budget(max_attempts=2)[0],
    )
    assert copies_of(env, "Fault drill") == 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    timeout_rate=st.floats(0.0, 1.0),
    transient_rate=st.floats(0.0, 0.6),
    rate_limit_rate=st.floats(0.0, 0.6),
    inserts=st.integers(1, 4),
)
def test_no_event_is_ever_created_twice_under_faults(
    seed, timeout_rate, transient_rate, rate_limit_rate, inserts
):
    faults = FaultConfig(
        timeout_after_write=timeout_rate, transient=transient_rate, rate_limit=rate_limit_rate, seed=seed
    )
    env = world_env(faults=faults)
    guard = Guard(PACK, resolve_stages=[], validate_stages=[add_idempotency_key])
    retry_budget, _ = budget(max_attempts=6, max_episode_retries=100)
    ok: Counter[str] = Counter()
    for number in range(inserts):
        summary = f"Drill {number}"
        args = guard.check("events_insert", {**EVENT, "summary": summary}, context(env)).args
        outcome = execute_with_retry(
            env.call_tool,
            "events_insert",
            args,
            is_write=True,
            idempotent=has_idempotency_key(PACK, "events_insert", args),
            budget=retry_budget,
            fetch_existing=existing_resource_fetcher(PACK, env.call_tool, "events_insert", args),
        )
        ok[summary] += outcome.ok
    for number in range(inserts):
        summary = f"Drill {number}"
        assert copies_of(env, summary) <= 1
        if ok[summary]:
            assert copies_of(env, summary) == 1
